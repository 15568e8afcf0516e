import { Inject, Injectable, Optional } from '@nestjs/common';
import type { DateTime } from 'luxon';
import { CLOCK, type Clock } from '../../../domain/shared/clock.port.js';
import type { Decider } from '../../../domain/shared/decider.js';
import { ID_GENERATOR, type IdGenerator } from '../../../domain/shared/id-generator.port.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { UpcasterRegistry } from '../event-store/upcasting/upcaster-registry.js';
import {
  COMMAND_HANDLING_OPTIONS,
  type CommandHandlingOptions,
} from './command-handling-options.js';
import type { DeciderCommand } from './decider-command.js';
import { handleCommand, type CommandOutcome, type DomainEvent } from './handle-command.js';

/** Where a bus command goes: the stream it changes and the domain command its decider takes. */
export interface RoutedCommand<C> {
  readonly streamId: string;
  readonly command: C;
}

/**
 * Everything a command handler does except naming the decider and mapping the bus command to a
 * domain command, so a concrete handler is `@CommandHandler(X)` plus those two members (or one
 * call to `deciderCommandHandler`). Rules live in the decider, never here.
 */
@Injectable()
export abstract class DeciderCommandHandler<
  TCommand extends DeciderCommand<E>,
  C,
  E extends DomainEvent,
  S,
> {
  protected abstract readonly decider: Decider<C, E, S>;

  /** `now` is read from the Clock once per command; the domain takes time only from commands. */
  protected abstract route(command: TCommand, now: DateTime): RoutedCommand<C>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Optional() @Inject(UpcasterRegistry) private readonly schemas?: UpcasterRegistry,
    @Optional()
    @Inject(COMMAND_HANDLING_OPTIONS)
    private readonly options?: CommandHandlingOptions,
  ) {}

  execute(command: TCommand): Promise<CommandOutcome<E>> {
    const routed = this.route(command, this.clock.now());
    const { meta } = command;
    return handleCommand(
      {
        store: this.store,
        clock: this.clock,
        ids: this.ids,
        schemas: this.schemas,
        maxRetries: this.options?.maxRetries,
      },
      routed.streamId,
      this.decider,
      routed.command,
      {
        commandId: meta.commandId ?? this.ids.next(),
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        actor: meta.actor,
      },
    );
  }
}
