import type { Decider, Message } from '../../domain/shared/decider.js';
import { DomainError } from '../../domain/shared/domain-error.js';

/**
 * A tiny example aggregate for testing command handling: an account with a balance rule
 * (no overdraft) and transfers keyed by id, so that a retried transfer appends nothing.
 */
export type OpenAccount = Message<'OpenAccount', { accountId: string; now: string }>;
export type Deposit = Message<'Deposit', { transferId: string; amountKrw: number; now: string }>;
export type Withdraw = Message<'Withdraw', { transferId: string; amountKrw: number; now: string }>;
export type LedgerCommand = OpenAccount | Deposit | Withdraw;

export type AccountOpened = Message<'AccountOpened', { accountId: string; openedAt: string }>;
export type Deposited = Message<'Deposited', { transferId: string; amountKrw: number; at: string }>;
export type Withdrawn = Message<'Withdrawn', { transferId: string; amountKrw: number; at: string }>;
export type LedgerEvent = AccountOpened | Deposited | Withdrawn;

export type Ledger =
  | { readonly status: 'none' }
  | {
      readonly status: 'open';
      readonly balanceKrw: number;
      readonly transferIds: ReadonlySet<string>;
    };

export const ledgerStreamId = (accountId: string): string => `ledger-${accountId}`;

const open = ({ data }: OpenAccount, ledger: Ledger): LedgerEvent[] =>
  ledger.status === 'open'
    ? [] // opening twice is a retry
    : [{ type: 'AccountOpened', data: { accountId: data.accountId, openedAt: data.now } }];

const deposit = ({ data }: Deposit, ledger: Ledger): LedgerEvent[] => {
  const account = mustBeOpen(ledger);
  if (account.transferIds.has(data.transferId)) return [];
  mustBePositive(data.amountKrw);
  const { transferId, amountKrw, now } = data;
  return [{ type: 'Deposited', data: { transferId, amountKrw, at: now } }];
};

const withdraw = ({ data }: Withdraw, ledger: Ledger): LedgerEvent[] => {
  const account = mustBeOpen(ledger);
  if (account.transferIds.has(data.transferId)) return [];
  mustBePositive(data.amountKrw);
  if (data.amountKrw > account.balanceKrw) {
    throw new DomainError(
      'LEDGER.INSUFFICIENT_FUNDS',
      `cannot withdraw ${data.amountKrw} KRW from a balance of ${account.balanceKrw} KRW`,
      'amountKrw',
    );
  }
  const { transferId, amountKrw, now } = data;
  return [{ type: 'Withdrawn', data: { transferId, amountKrw, at: now } }];
};

const mustBeOpen = (ledger: Ledger): Extract<Ledger, { status: 'open' }> => {
  if (ledger.status !== 'open') throw new DomainError('LEDGER.NOT_OPEN', 'the account is not open');
  return ledger;
};

const mustBePositive = (amountKrw: number): void => {
  if (!Number.isSafeInteger(amountKrw) || amountKrw <= 0) {
    throw new DomainError('LEDGER.INVALID_AMOUNT', `amount ${amountKrw} KRW`, 'amountKrw');
  }
};

const decide = (command: LedgerCommand, ledger: Ledger): LedgerEvent[] => {
  switch (command.type) {
    case 'OpenAccount':
      return open(command, ledger);
    case 'Deposit':
      return deposit(command, ledger);
    case 'Withdraw':
      return withdraw(command, ledger);
  }
};

const evolve = (ledger: Ledger, event: LedgerEvent): Ledger => {
  switch (event.type) {
    case 'AccountOpened':
      return { status: 'open', balanceKrw: 0, transferIds: new Set() };
    case 'Deposited':
    case 'Withdrawn': {
      if (ledger.status !== 'open') return ledger;
      const sign = event.type === 'Deposited' ? 1 : -1;
      return {
        status: 'open',
        balanceKrw: ledger.balanceKrw + sign * event.data.amountKrw,
        transferIds: new Set([...ledger.transferIds, event.data.transferId]),
      };
    }
    default:
      return ledger; // tolerate event types added by newer versions
  }
};

export const ledgerDecider: Decider<LedgerCommand, LedgerEvent, Ledger> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
