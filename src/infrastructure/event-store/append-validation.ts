import type { EventToAppend } from './event-store.port.js';
import { InvalidAppendError } from './errors.js';

// `$` is reserved for EventStoreDB system streams; whitespace and slashes break CLI and URLs.
const STREAM_ID = /^[A-Za-z][A-Za-z0-9_.:-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const assertValidStreamId = (streamId: unknown): void => {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(
      'EVENT_STORE.INVALID_STREAM_ID',
      `invalid stream id ${JSON.stringify(streamId)}: expected a letter, then up to 199 of [A-Za-z0-9_.:-]`,
      'streamId',
    );
  }
};

/**
 * Refuses anything a JSON round trip would change or lose: `undefined`, functions, symbols,
 * BigInt, NaN and Infinity, cycles, and objects that are not plain (Date, Map, class instances).
 * Every append pays for this walk, so the usual case, a valid value, takes a quick one that keeps
 * no paths; only a value it cannot pass is walked again to say exactly what is wrong where.
 */
export const assertJsonSafe = (value: unknown, path: string): void => {
  if (!isPlainlyJsonSafe(value, 0)) explainJsonUnsafe(value, path);
};

// Deeper than this, the quick walk leaves the decision to the full one (a cycle never ends).
const QUICK_DEPTH = 64;

/** True only for what `explainJsonUnsafe` accepts; false when unsafe, cyclic or very deep. */
const isPlainlyJsonSafe = (node: unknown, depth: number): boolean => {
  switch (typeof node) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(node);
    case 'object': {
      if (node === null) return true;
      if (depth >= QUICK_DEPTH) return false;
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
          if (!(i in node) || !isPlainlyJsonSafe(node[i], depth + 1)) return false;
        }
        return true;
      }
      if (!isPlainObject(node)) return false;
      const record = node as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = 0; i < keys.length; i++) {
        if (!isPlainlyJsonSafe(record[keys[i]!], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
};

// Any realm's Object.prototype counts (jest runs tests in a VM context, workers in another).
const isPlainObject = (node: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(node);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

/** Throws on the first thing that does not survive JSON, naming where it is. */
const explainJsonUnsafe = (value: unknown, path: string): void => {
  const ancestors = new Set<object>();
  const visit = (node: unknown, at: string): void => {
    if (typeof node === 'string' || typeof node === 'boolean' || node === null) return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) fail(at, `${String(node)} is not a finite number`);
      return;
    }
    if (typeof node !== 'object') return fail(at, `a ${typeof node} does not survive JSON`);
    if (ancestors.has(node)) fail(at, 'a cycle does not survive JSON');
    ancestors.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (!(i in node)) fail(`${at}[${i}]`, 'a sparse array hole does not survive JSON');
        visit(node[i], `${at}[${i}]`);
      }
    } else {
      if (!isPlainObject(node)) {
        fail(at, `a ${node.constructor?.name ?? 'non-plain'} object does not survive JSON`);
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${at}.${key}`);
    }
    ancestors.delete(node);
  };
  visit(value, path);
};

const fail = (field: string, reason: string): never => {
  throw new InvalidAppendError('EVENT_STORE.NOT_JSON', `${field}: ${reason}`, field);
};

export const assertValidAppend = (streamId: string, events: readonly EventToAppend[]): void => {
  assertValidStreamId(streamId);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(
      'EVENT_STORE.NO_EVENTS',
      'append needs at least one event',
      'events',
    );
  }
  events.forEach((event, i) => {
    const at = `events[${i}]`;
    if (typeof event?.type !== 'string' || !EVENT_TYPE.test(event.type)) {
      throw new InvalidAppendError(
        'EVENT_STORE.INVALID_EVENT_TYPE',
        `${at}.type: expected a name starting with a letter, got ${JSON.stringify(event?.type)}`,
        `${at}.type`,
      );
    }
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidAppendError(
        'EVENT_STORE.INVALID_EVENT_ID',
        `${at}.id: expected a lower-case UUID, got ${JSON.stringify(event.id)}`,
        `${at}.id`,
      );
    }
    if (event.data === undefined) fail(`${at}.data`, 'data is missing');
    assertJsonSafe(event.data, `${at}.data`);
    if (
      typeof event.metadata !== 'object' ||
      event.metadata === null ||
      Array.isArray(event.metadata)
    ) {
      fail(`${at}.metadata`, 'metadata must be an object');
    }
    assertJsonSafe(event.metadata, `${at}.metadata`);
  });
};
