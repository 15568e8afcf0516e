import { CommandHandler } from '@nestjs/cqrs';
import type { DateTime } from 'luxon';
import { forDecider } from '../../src/infrastructure/command-handling/decider-command-handler.factory.js';
import {
  DeciderCommandHandler,
  type RoutedCommand,
} from '../../src/infrastructure/command-handling/decider-command.handler.js';
import {
  DeciderCommand,
  type CommandMeta,
} from '../../src/infrastructure/command-handling/decider-command.js';
import {
  ledgerDecider,
  ledgerStreamId,
  type Ledger,
  type LedgerCommand,
  type LedgerEvent,
} from './ledger.decider.js';

// Bus commands for the example ledger, wired both ways a real feature may choose.

export class OpenAccountCommand extends DeciderCommand<LedgerEvent> {
  constructor(
    readonly accountId: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

export class DepositCommand extends DeciderCommand<LedgerEvent> {
  constructor(
    readonly accountId: string,
    readonly transferId: string,
    readonly amountKrw: number,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

const iso = (now: DateTime): string => now.toUTC().toISO() ?? 'invalid';

/** Subclass style: the decider and a route, nothing else. */
@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler extends DeciderCommandHandler<
  OpenAccountCommand,
  LedgerCommand,
  LedgerEvent,
  Ledger
> {
  protected readonly decider = ledgerDecider;

  protected route({ accountId }: OpenAccountCommand, now: DateTime): RoutedCommand<LedgerCommand> {
    const command = { type: 'OpenAccount', data: { accountId, now: iso(now) } } as const;
    return { streamId: ledgerStreamId(accountId), command };
  }
}

/** Factory style: one expression. */
export const DepositHandler = forDecider(ledgerDecider).handle(
  DepositCommand,
  ({ accountId, transferId, amountKrw }, now) => ({
    streamId: ledgerStreamId(accountId),
    command: { type: 'Deposit', data: { transferId, amountKrw, now: iso(now) } },
  }),
);
