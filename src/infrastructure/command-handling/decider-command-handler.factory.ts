import type { Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { DateTime } from 'luxon';
import type { Decider } from '../../../domain/shared/decider.js';
import type { DeciderCommand } from './decider-command.js';
import { DeciderCommandHandler, type RoutedCommand } from './decider-command.handler.js';
import type { DomainEvent } from './handle-command.js';

export interface DeciderHandlerFactory<C, E extends DomainEvent, S> {
  /** A `@CommandHandler(commandType)` class to list in a module's `providers`. */
  handle<TCommand extends DeciderCommand<E>>(
    commandType: Type<TCommand>,
    route: (command: TCommand, now: DateTime) => RoutedCommand<C>,
  ): Type<DeciderCommandHandler<TCommand, C, E, S>>;
}

/**
 * A command handler in one line:
 * `providers: [forDecider(thingDecider).handle(RegisterThing, (cmd, now) => ({ streamId, command }))]`.
 * Two calls rather than one so that the decider fixes the command type before the route is
 * checked; in a single call TypeScript widens the route's `type: 'X'` literals to `string`.
 */
export const forDecider = <C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
): DeciderHandlerFactory<C, E, S> => ({
  handle<TCommand extends DeciderCommand<E>>(
    commandType: Type<TCommand>,
    route: (command: TCommand, now: DateTime) => RoutedCommand<C>,
  ) {
    @CommandHandler(commandType)
    class Handler extends DeciderCommandHandler<TCommand, C, E, S> {
      protected readonly decider = decider;
      protected route(command: TCommand, now: DateTime): RoutedCommand<C> {
        return route(command, now);
      }
    }
    // Nest names providers by class name in logs and errors.
    Object.defineProperty(Handler, 'name', { value: `${commandType.name}Handler` });
    return Handler;
  },
});
