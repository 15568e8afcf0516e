import {
  meterReadingsDecider,
  type MeterDayState,
  type MeterReadingsEvent,
  type RecordMeterReadings,
} from '../../../domain/metering/index.js';
import type { JsonValue } from '../../../domain/shared/json.js';
import type {
  CommandContext,
  CommandHandlingDeps,
} from '../../infrastructure/command-handling/handle-command.js';
import { DEFAULT_MAX_RETRIES } from '../../infrastructure/command-handling/handle-command.js';
import { ConcurrencyError } from '../../infrastructure/event-store/errors.js';
import type { EventToAppend } from '../../infrastructure/event-store/event-store.port.js';
import { UpcasterRegistry } from '../../infrastructure/event-store/upcasting/upcaster-registry.js';

interface CachedDay {
  /** Revision of the last event folded into `state`. */
  readonly revision: bigint;
  readonly state: MeterDayState;
}

const { decide, evolve, initialState } = meterReadingsDecider;

/**
 * `handleCommand` for meter days (load, fold, decide, append at the revision read, retry on a
 * concurrent write) with the folded state of recent days kept in memory. Readings that arrive
 * interval by interval (a live feed) append one event per interval to the same day stream; folding
 * the whole stream for each would cost O(n^2) per day (measured: 960 readings/s for 1,000 DERs
 * sent interval by interval, against 12,000/s with this cache). Only the events after the cached
 * revision are read, so other writers' events are always taken into account, and the expected
 * revision still guards the append.
 */
export class MeterDayRecorder {
  private readonly days = new Map<string, CachedDay>();
  private readonly schemas: UpcasterRegistry;

  constructor(
    private readonly deps: CommandHandlingDeps,
    private readonly capacity = 4_096,
  ) {
    this.schemas = deps.schemas ?? new UpcasterRegistry();
  }

  async record(
    streamId: string,
    command: RecordMeterReadings,
    context: CommandContext,
  ): Promise<readonly MeterReadingsEvent[]> {
    const maxRetries = this.deps.maxRetries ?? DEFAULT_MAX_RETRIES;
    for (let attempt = 0; ; attempt++) {
      const day = await this.load(streamId);
      const decided = decide(command, day.state);
      if (decided.length === 0) return [];
      const expected = day.revision < 0n ? 'no_stream' : day.revision;
      try {
        const result = await this.deps.store.append(
          streamId,
          this.toAppend(decided, context),
          expected,
        );
        this.remember(streamId, {
          revision: result.nextExpectedRevision,
          state: decided.reduce(evolve, day.state),
        });
        return decided;
      } catch (error) {
        this.days.delete(streamId);
        if (!(error instanceof ConcurrencyError) || attempt >= maxRetries) throw error;
      }
    }
  }

  private async load(streamId: string): Promise<CachedDay> {
    const cached = this.days.get(streamId) ?? { revision: -1n, state: initialState() };
    const tail = await this.deps.store.readStream(
      streamId,
      cached.revision < 0n ? undefined : { fromRevision: cached.revision + 1n },
    );
    let { revision, state } = cached;
    for (const recorded of tail) {
      const { type, data } = this.schemas.upcast(recorded);
      state = evolve(state, { type, data } as unknown as MeterReadingsEvent);
      revision = recorded.revision;
    }
    const day = { revision, state };
    this.remember(streamId, day);
    return day;
  }

  private remember(streamId: string, day: CachedDay): void {
    // Least recently used out first: a Map iterates in insertion order.
    this.days.delete(streamId);
    this.days.set(streamId, day);
    if (this.days.size > this.capacity) {
      const oldest = this.days.keys().next();
      if (oldest.done !== true) this.days.delete(oldest.value);
    }
  }

  private toAppend(
    events: readonly MeterReadingsEvent[],
    context: CommandContext,
  ): EventToAppend[] {
    const occurredAt = this.deps.clock.now().toUTC().toISO() ?? '';
    return events.map((event) => ({
      id: this.deps.ids.next(),
      type: event.type,
      data: event.data as unknown as JsonValue,
      metadata: {
        schemaVersion: this.schemas.currentVersion(event.type),
        correlationId: context.correlationId ?? context.commandId,
        causationId: context.causationId ?? context.commandId,
        commandId: context.commandId,
        actor: context.actor,
        occurredAt,
      },
    }));
  }
}
