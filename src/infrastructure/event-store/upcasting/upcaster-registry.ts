import type { JsonObject, JsonValue } from '../../../../domain/shared/json.js';
import type { RecordedEvent } from '../event-store.port.js';
import { UpcastError } from './upcast-error.js';

/**
 * Turns the data of one event type from schema version `fromVersion` into `fromVersion + 1`.
 * Pure: it sees the stored data and metadata and returns new data; it never writes.
 */
export type Upcaster = (data: JsonValue, metadata: JsonObject) => JsonValue;

/** A recorded event whose data has been brought to the current schema version of its type. */
export interface UpcastedEvent extends RecordedEvent {
  /**
   * The schema version `data` is now in. `metadata` stays exactly as stored (the hash chain
   * covers it), so `metadata.schemaVersion` keeps the version the event was written with.
   */
  readonly schemaVersion: number;
}

/** Events written before schema versions existed, or by code that set none, are version 1. */
export const INITIAL_SCHEMA_VERSION = 1;

/**
 * Current schema version per event type, and the upcasters that lift older versions to it.
 * Used on the read side only (command handling and projections): stored bytes never change.
 * The current version of a type is the highest of: 1, the declared version, and one past the
 * newest registered upcaster; writers stamp it into `metadata.schemaVersion`.
 */
export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Map<number, Upcaster>>();
  private readonly declared = new Map<string, number>();

  register(eventType: string, fromVersion: number, upcaster: Upcaster): this {
    assertVersion(eventType, fromVersion);
    const steps = this.upcasters.get(eventType) ?? new Map<number, Upcaster>();
    if (steps.has(fromVersion)) {
      throw new UpcastError(
        'UPCAST.DUPLICATE_UPCASTER',
        `${eventType}: an upcaster from version ${fromVersion} is already registered`,
      );
    }
    steps.set(fromVersion, upcaster);
    this.upcasters.set(eventType, steps);
    return this;
  }

  /** For a type whose current version has no upcaster leading to it (e.g. created at v2). */
  declareCurrentVersion(eventType: string, version: number): this {
    assertVersion(eventType, version);
    this.declared.set(eventType, version);
    return this;
  }

  currentVersion(eventType: string): number {
    const steps = this.upcasters.get(eventType);
    const newestStep = steps ? Math.max(...steps.keys()) + 1 : INITIAL_SCHEMA_VERSION;
    return Math.max(INITIAL_SCHEMA_VERSION, this.declared.get(eventType) ?? 0, newestStep);
  }

  upcast(event: RecordedEvent): UpcastedEvent {
    const target = this.currentVersion(event.type);
    let version = storedVersion(event);
    if (version > target) {
      throw new UpcastError(
        'UPCAST.UNKNOWN_FUTURE_VERSION',
        `${event.streamId}@${event.revision} ${event.type}: stored schema version ${version} is newer ` +
          `than this code knows (${target}); upgrade the reader before reading this stream`,
      );
    }
    let data = event.data;
    while (version < target) {
      const step = this.upcasters.get(event.type)?.get(version);
      if (!step) {
        throw new UpcastError(
          'UPCAST.MISSING_UPCASTER',
          `${event.streamId}@${event.revision} ${event.type}: no upcaster from version ${version} ` +
            `(current version is ${target})`,
        );
      }
      data = step(data, event.metadata);
      version += 1;
    }
    return { ...event, data, schemaVersion: version };
  }
}

const storedVersion = (event: RecordedEvent): number => {
  const raw = event.metadata['schemaVersion'];
  if (raw === undefined) return INITIAL_SCHEMA_VERSION;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < INITIAL_SCHEMA_VERSION) {
    throw new UpcastError(
      'UPCAST.INVALID_STORED_VERSION',
      `${event.streamId}@${event.revision} ${event.type}: metadata.schemaVersion ${JSON.stringify(raw)} is not a positive integer`,
    );
  }
  return raw;
};

const assertVersion = (eventType: string, version: number): void => {
  if (!Number.isInteger(version) || version < INITIAL_SCHEMA_VERSION) {
    throw new UpcastError(
      'UPCAST.INVALID_VERSION',
      `${eventType}: schema versions are integers from ${INITIAL_SCHEMA_VERSION}, got ${version}`,
    );
  }
};
