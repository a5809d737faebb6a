import { toMoney, dec } from '@tritiq/contracts';
import { AppError, validationError } from '../../lib/app-error';
import type { GroupRow, LedgerRow } from './accounts.repo';

/**
 * Where users may not add groups or ledgers (BOOKS.md, "Chart of accounts"): a customer's or
 * vendor's ledger is made with its party under Sundry Debtors or Creditors and follows it; stock
 * is valued outside the ledgers (a ledger under Stock-in-Hand would count it twice); Profit & Loss
 * A/c holds only the result of closed years.
 */
export const CLOSED_GROUP_KEYS = ['sundry_debtors', 'sundry_creditors', 'stock_in_hand', 'profit_and_loss'] as const;

const CLOSED_REASON: Record<(typeof CLOSED_GROUP_KEYS)[number], string> = {
  sundry_debtors: "customers' ledgers are made with the customer (create a customer instead)",
  sundry_creditors: "vendors' ledgers are made with the vendor (create a vendor instead)",
  stock_in_hand: 'stock is valued from the stock ledger, not a ledger (give opening stock per product instead)',
  profit_and_loss: 'it holds only the result of closed financial years',
};

/** 422 on `field` when the group is Sundry Debtors/Creditors, Stock-in-Hand, Profit & Loss A/c or under one. */
export function assertOpenGroup(group: GroupRow, field: string): void {
  const closed = CLOSED_GROUP_KEYS.find((k) => group.keys.includes(k));
  if (closed) throw validationError(field, `cannot be "${group.name}": ${CLOSED_REASON[closed]}`);
}

export const isCashOrBank = (keys: readonly string[]) => keys.includes('cash_in_hand') || keys.includes('bank_accounts');

export function presentGroup(g: GroupRow) {
  return {
    id: g.id,
    parentId: g.parentId,
    name: g.name,
    nature: g.nature,
    systemKey: g.systemKey,
    isSystem: g.systemKey !== null,
    primaryKey: g.keys[0] ?? null,
    ledgerCount: g.ledgerCount,
    childCount: g.childCount,
  };
}

export function presentLedger(l: LedgerRow) {
  return {
    id: l.id,
    name: l.name,
    groupId: l.groupId,
    groupName: l.groupName,
    nature: l.nature,
    systemKey: l.systemKey,
    isSystem: l.systemKey !== null,
    partyId: l.partyId,
    partyKind: l.partyKind,
    isCashOrBank: isCashOrBank(l.groupKeys),
    openingBalance: l.openingBalance,
    balance: l.balance,
    hasEntries: l.hasEntries,
    isActive: l.isActive,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

export type LedgerView = ReturnType<typeof presentLedger>;
export type GroupView = ReturnType<typeof presentGroup>;

/** A signed opening balance (Dr +, Cr −) from the amount and side a user gives. */
export function signedOpening(input: { amount: string; side: 'debit' | 'credit' }): string {
  const amount = dec(input.amount);
  return toMoney(input.side === 'debit' ? amount : amount.neg());
}

export const partyLedgerRefusal = (l: LedgerRow, doing: string) =>
  new AppError(
    'CONFLICT',
    `Ledger "${l.name}" is the ${l.partyKind ?? 'party'}'s own ledger and follows it: ${doing} the ${l.partyKind ?? 'party'} instead`,
  );

export const systemRefusal = (what: 'group' | 'ledger', name: string, doing: string) =>
  new AppError('CONFLICT', `"${name}" is a default ${what} of the chart of accounts and cannot be ${doing}`);
