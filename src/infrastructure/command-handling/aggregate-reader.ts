import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Decider } from '../../../domain/shared/decider.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { UpcasterRegistry } from '../event-store/upcasting/upcaster-registry.js';
import type { DomainEvent } from './handle-command.js';

const NO_SCHEMAS = new UpcasterRegistry();

/**
 * Folds one stream with its decider, as command handling does before deciding: for queries of a
 * single aggregate and for facts a command needs from another stream (read, never locked).
 */
@Injectable()
export class AggregateReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(UpcasterRegistry) private readonly schemas?: UpcasterRegistry,
  ) {}

  async load<E extends DomainEvent, S>(
    streamId: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
  ): Promise<S> {
    const schemas = this.schemas ?? NO_SCHEMAS;
    let state = decider.initialState();
    for (const recorded of await this.store.readStream(streamId)) {
      const { type, data } = schemas.upcast(recorded);
      state = decider.evolve(state, { type, data } as E);
    }
    return state;
  }
}
