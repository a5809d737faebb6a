import { dec, toMoney, ZERO, type Decimal } from '../money';
import type { PostingAccount, PostingAmount, VoucherTypeDefinition } from './definition';

/**
 * A posting rule run on a voucher's figures (BOOKS.md, "Every voucher posts balanced entries"):
 * the ledger entries the voucher writes, in the rule's order, each a signed amount (debit
 * positive, credit negative). Zero amounts post nothing; a figure the rule allows to be negative
 * (round-off) posts its absolute value on the other side. Pure, so the posting table is tested
 * line by line without a database; the API resolves the accounts to ledgers in the posting
 * statement itself.
 */

/** The voucher figures a posting rule may name, as decimal strings. */
export type PostingFigures = Partial<Record<PostingAmount, string>>;

export interface PlannedLedgerEntry {
  account: PostingAccount;
  /** Debit positive, credit negative; never zero. */
  amount: string;
}

export function postingEntriesOf(def: Pick<VoucherTypeDefinition, 'type' | 'posting'>, figures: PostingFigures): PlannedLedgerEntry[] {
  const rule = def.posting;
  if (!rule) return [];
  if (rule.kind !== 'entries') throw new Error(`Voucher type "${def.type}": ledger-line posting is not executed here`);
  const entries: PlannedLedgerEntry[] = [];
  let balance: Decimal = ZERO;
  for (const entry of rule.entries) {
    const figure = figures[entry.amount];
    if (figure === undefined) throw new Error(`Voucher type "${def.type}": the voucher has no ${entry.amount}`);
    let amount = dec(figure);
    if (amount.lt(ZERO) && !entry.negativeToOtherSide) {
      throw new Error(`Voucher type "${def.type}": ${entry.amount} is negative (${figure}) and may not change sides`);
    }
    if (amount.eq(ZERO)) continue;
    // Debit positive: a credit entry negates the figure, and a negative figure thereby lands on the other side.
    if (entry.side === 'credit') amount = ZERO.minus(amount);
    balance = balance.plus(amount);
    entries.push({ account: entry.account, amount: toMoney(amount) });
  }
  if (!balance.eq(ZERO)) {
    throw new Error(`Voucher type "${def.type}": its posting rule does not balance (debits exceed credits by ${toMoney(balance)})`);
  }
  return entries;
}

/**
 * Whether a voucher of this type is a bill of its party, and on which side: a voucher made
 * against nothing that debits its party with the grand total is a receivable (a sales invoice),
 * one that credits it a payable (a purchase invoice). Notes, receipts and payments are made
 * against bills instead; vouchers without a party or a posting rule make none.
 */
export function billSideOf(def: Pick<VoucherTypeDefinition, 'party' | 'against' | 'posting'>): 'receivable' | 'payable' | null {
  if (!def.party || def.against || def.posting?.kind !== 'entries') return null;
  const partyEntry = def.posting.entries.find((e) => e.account.from === 'party' && e.amount === 'grand_total');
  if (!partyEntry) return null;
  return partyEntry.side === 'debit' ? 'receivable' : 'payable';
}
