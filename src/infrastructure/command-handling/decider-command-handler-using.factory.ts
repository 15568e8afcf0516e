import { Inject, Optional, type Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
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
import type { RoutedCommand } from './decider-command.handler.js';
import { handleCommand, type CommandOutcome, type DomainEvent } from './handle-command.js';

export type RouteUsing<TCommand, C, D> = (
  command: TCommand,
  now: DateTime,
  dependency: D,
) => RoutedCommand<C> | Promise<RoutedCommand<C>>;

export interface DeciderHandlerUsingFactory<C, E extends DomainEvent, D> {
  handle<TCommand extends DeciderCommand<E>>(
    commandType: Type<TCommand>,
    route: RouteUsing<TCommand, C, D>,
  ): Type<{ execute(command: TCommand): Promise<CommandOutcome<E>> }>;
}

/**
 * `forDecider(...).handle` for routes that need a service: configuration such as the market
 * gate, or facts read from another aggregate's stream before deciding (which is why the route
 * may be async). The facts are read once; a concurrent write to *this* stream still makes the
 * load-decide-append cycle run again, as in DeciderCommandHandler.
 */
export const forDeciderUsing = <C, E extends DomainEvent, S, D>(
  decider: Decider<C, E, S>,
  dependency: Type<D>,
): DeciderHandlerUsingFactory<C, E, D> => ({
  handle<TCommand extends DeciderCommand<E>>(
    commandType: Type<TCommand>,
    route: RouteUsing<TCommand, C, D>,
  ) {
    @CommandHandler(commandType)
    class Handler {
      constructor(
        @Inject(EVENT_STORE) private readonly store: EventStore,
        @Inject(CLOCK) private readonly clock: Clock,
        @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
        @Inject(dependency) private readonly dependency: D,
        @Optional() @Inject(UpcasterRegistry) private readonly schemas?: UpcasterRegistry,
        @Optional()
        @Inject(COMMAND_HANDLING_OPTIONS)
        private readonly options?: CommandHandlingOptions,
      ) {}

      async execute(command: TCommand): Promise<CommandOutcome<E>> {
        const routed = await route(command, this.clock.now(), this.dependency);
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
          decider,
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
    Object.defineProperty(Handler, 'name', { value: `${commandType.name}Handler` });
    return Handler;
  },
});
