import type { Clock } from '../../../domain/shared/clock.port.js';
import type { Decider } from '../../../domain/shared/decider.js';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';
import type { JsonObject, JsonValue } from '../../../domain/shared/json.js';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store/event-store.port.js';
import { ConcurrencyError } from '../event-store/errors.js';
import { UpcasterRegistry } from '../event-store/upcasting/upcaster-registry.js';

/**
 * A domain event as deciders see it. `data` must survive JSON; the store checks that on append
 * (`assertValidAppend`), so it is typed loosely here to let domain events use interfaces.
 */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

/** Who asked, and why: copied into the metadata of every event the command appends. */
export interface CommandContext {
  readonly commandId: string;
  /** The whole chain of work this command belongs to; defaults to `commandId` (a chain's first). */
  readonly correlationId?: string;
  /** What directly caused this command; defaults to `commandId`. */
  readonly causationId?: string;
  /** The acting user or job, e.g. `user:alice` or `job:day-ahead-bidding`. */
  readonly actor: string;
}

export interface CommandHandlingDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Current schema versions (stamped into metadata) and upcasters (applied on load). */
  readonly schemas?: UpcasterRegistry;
  /** How many times a ConcurrencyError is answered by reloading and deciding again; default 3. */
  readonly maxRetries?: number;
}

export interface AppendedEvent<E extends DomainEvent = DomainEvent> {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: E['type'];
  readonly data: E['data'];
  /** As sent to the store; a chaining store adds its hashes to what it records. */
  readonly metadata: JsonObject;
}

export interface CommandOutcome<E extends DomainEvent = DomainEvent> {
  /** Empty when the decider had nothing to do (an idempotent retry). */
  readonly events: readonly AppendedEvent<E>[];
  /** Revision of the stream's last event after this command, `'no_stream'` if still empty. */
  readonly nextExpectedRevision: bigint | 'no_stream';
  /** Global position of the last appended event, for waiting on projections; absent if none. */
  readonly position?: bigint;
}

export const DEFAULT_MAX_RETRIES = 3;
const NO_SCHEMAS = new UpcasterRegistry();

/**
 * Load, fold, decide, append with the revision read (DESIGN.md §2). On a concurrent write the
 * whole cycle runs again, so the second decision sees the first writer's events. A DomainError
 * from `decide` propagates unchanged and nothing is appended.
 */
export const handleCommand = async <C, E extends DomainEvent, S>(
  deps: CommandHandlingDeps,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  context: CommandContext,
): Promise<CommandOutcome<E>> => {
  const maxRetries = deps.maxRetries ?? DEFAULT_MAX_RETRIES;
  const schemas = deps.schemas ?? NO_SCHEMAS;
  for (let attempt = 0; ; attempt++) {
    const recorded = await deps.store.readStream(streamId);
    let state = decider.initialState();
    for (const event of recorded) state = decider.evolve(state, toDomainEvent<E>(schemas, event));
    const read = recorded.at(-1)?.revision ?? 'no_stream';

    const decided = decider.decide(command, state);
    if (decided.length === 0) return { events: [], nextExpectedRevision: read };

    const metadata = { ...contextMetadata(context), occurredAt: occurredAt(deps.clock) };
    const toAppend = decided.map((event): EventToAppend => ({
      id: deps.ids.next(),
      type: event.type,
      data: event.data as JsonValue,
      metadata: { schemaVersion: schemas.currentVersion(event.type), ...metadata },
    }));
    try {
      const result = await deps.store.append(streamId, toAppend, read);
      const first = result.nextExpectedRevision - BigInt(toAppend.length - 1);
      const events = toAppend.map((event, i) => ({
        ...event,
        streamId,
        revision: first + BigInt(i),
      })) as AppendedEvent<E>[];
      return {
        events,
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxRetries) throw error;
    }
  }
};

// Events of unknown types reach `evolve` too: deciders ignore what they do not know.
const toDomainEvent = <E extends DomainEvent>(
  schemas: UpcasterRegistry,
  event: RecordedEvent,
): E => {
  const { type, data } = schemas.upcast(event);
  return { type, data } as E;
};

const contextMetadata = (context: CommandContext): JsonObject => ({
  correlationId: context.correlationId ?? context.commandId,
  causationId: context.causationId ?? context.commandId,
  commandId: context.commandId,
  actor: context.actor,
});

const occurredAt = (clock: Clock): string => {
  const iso = clock.now().toUTC().toISO();
  // Only an invalid DateTime has no ISO form; a clock that returns one is a programming error.
  if (iso === null) throw new Error('Clock.now() returned an invalid DateTime');
  return iso;
};
