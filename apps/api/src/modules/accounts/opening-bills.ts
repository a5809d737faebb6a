import { addDays, dec, indianDate, toMoney, ZERO, type Decimal } from '@tritiq/contracts';
import { isUniqueViolation } from '../../db/errors';
import type { Executor } from '../../db/client';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound, validationError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { findBillAllocations } from '../books';
import { getBusinessSettings, type BusinessSettings } from '../organizations';
import { findPartyById, type PartyRow } from '../parties';
import type { AccountsDeps } from './accounts.deps';
import * as repo from './opening.repo';
import { presentOpeningBill, type OpeningBillView } from './opening.present';
import { assertOpeningsOpen } from './opening.rules';

/**
 * A party's opening balance, bill by bill (BOOKS.md, "Chart of accounts"): each opening bill is a
 * real bill (no voucher) that receipts and payments allocate against like an invoice's, dated on or
 * before the books start; the party ledger's opening balance is kept equal to their sum (a
 * customer's Dr, a vendor's Cr) in the same transaction. Under the party ledger's row lock, then
 * the bill's (allocations lock bills too), so a receipt and an edit of one bill queue.
 */

/** An opening balance fits the ledger's numeric(14,2) column: twelve digits before the point. */
const OPENING_LIMIT = dec('1000000000000');

const duplicateRef = (ref: string) =>
  new AppError('DUPLICATE', `This party already has an opening bill "${ref}"`, {
    errors: [{ field: 'ref', message: 'is already used by another opening bill of this party' }],
  });

interface Context {
  party: PartyRow;
  side: 'receivable' | 'payable';
  settings: BusinessSettings;
}

async function openParty(tx: Executor, actor: Actor, partyId: string): Promise<Context> {
  const party = await findPartyById(tx, actor.organizationId, partyId);
  if (!party) throw notFound('Party');
  const settings = await getBusinessSettings(tx, actor.organizationId);
  assertOpeningsOpen(settings);
  if (!(await repo.lockPartyLedger(tx, actor.organizationId, partyId))) throw notFound('Party ledger');
  return { party, side: party.kind === 'customer' ? 'receivable' : 'payable', settings };
}

function assertBillDate(settings: BusinessSettings, date: string): void {
  if (date > settings.booksStartDate) {
    throw validationError('date', `must be on or before ${settings.booksStartDate}, the books start date (an opening bill is older)`);
  }
}

/** The party's opening total with `change` (new amount less old) must still fit its ledger. */
async function assertOpeningFits(tx: Executor, actor: Actor, partyId: string, change: Decimal): Promise<void> {
  const current = (await repo.findOpeningBills(tx, actor.organizationId, partyId))
    .filter((b) => !b.cancelledAt)
    .reduce((s, b) => s.plus(dec(b.amount)), ZERO);
  if (current.plus(change).gte(OPENING_LIMIT)) {
    throw validationError('amount', `would make the party's opening balance ${toMoney(current.plus(change))}: at most 999999999999.99`);
  }
}

async function answer(tx: Executor, deps: Pick<AccountsDeps, 'clock'>, actor: Actor, billId: string): Promise<OpeningBillView> {
  const bill = (await repo.lockOpeningBill(tx, actor.organizationId, billId))!;
  const allocations = await findBillAllocations(tx, actor.organizationId, [billId]);
  return presentOpeningBill(bill, allocations, indianDate(deps.clock.now()));
}

/** The party's opening bills, with its side and their total (its ledger's opening balance). */
export async function listOpeningBills(deps: Pick<AccountsDeps, 'sessions' | 'clock'>, actor: Actor, partyId: string) {
  return deps.sessions.transaction(
    async (tx) => {
      const party = await findPartyById(tx, actor.organizationId, partyId);
      if (!party) throw notFound('Party');
      const rows = await repo.findOpeningBills(tx, actor.organizationId, partyId);
      const allocations = await findBillAllocations(
        tx,
        actor.organizationId,
        rows.map((b) => b.id),
      );
      const today = indianDate(deps.clock.now());
      return {
        party: { id: party.id, name: party.name, kind: party.kind },
        side: party.kind === 'customer' ? ('receivable' as const) : ('payable' as const),
        total: toMoney(rows.filter((b) => !b.cancelledAt).reduce((s, b) => s.plus(dec(b.amount)), ZERO)),
        items: rows.map((b) => presentOpeningBill(b, allocations, today)),
      };
    },
    tenantTx(actor, 'openings.bills', true),
  );
}

export async function createOpeningBill(
  deps: Pick<AccountsDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  partyId: string,
  input: { ref: string; date: string; dueDate?: string; amount: string },
): Promise<OpeningBillView> {
  try {
    return await deps.sessions.transaction(
      async (tx) => {
        const { party, side, settings } = await openParty(tx, actor, partyId);
        assertBillDate(settings, input.date);
        await assertOpeningFits(tx, actor, partyId, dec(input.amount));
        const id = newId();
        const dueDate = input.dueDate ?? addDays(input.date, party.creditDays);
        await repo.insertOpeningBill(tx, {
          id,
          organizationId: actor.organizationId,
          partyId,
          side,
          voucherId: null,
          ref: input.ref,
          billDate: input.date,
          dueDate,
          amount: input.amount,
          outstanding: input.amount,
          createdAt: deps.clock.now(),
        });
        const opening = await repo.syncPartyOpening(tx, actor.organizationId, partyId, deps.clock.now());
        await deps.audit.record(tx, {
          ...auditFields(actor),
          action: 'opening_bill.created',
          targetType: 'bill',
          targetId: id,
          details: {
            party_id: partyId,
            party_name: party.name,
            side,
            ref: input.ref,
            date: input.date,
            due_date: dueDate,
            amount: input.amount,
            ledger_opening_balance: opening,
          },
        });
        return answer(tx, deps, actor, id);
      },
      tenantTx(actor, 'openings.bill_create'),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateRef(input.ref);
    throw err;
  }
}

/** The bill's party, read before its locks are taken in the order every opening write takes them. */
async function billParty(tx: Executor, actor: Actor, billId: string): Promise<string> {
  const bill = await repo.lockOpeningBill(tx, actor.organizationId, billId);
  if (!bill) throw notFound('Opening bill');
  return bill.partyId;
}

/**
 * Changes an opening bill: its reference, dates or amount. With receipts or payments allocated to
 * it the amount cannot go below what they settle (the outstanding is the new amount less them).
 */
export async function updateOpeningBill(
  deps: Pick<AccountsDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  billId: string,
  input: { ref?: string; date?: string; dueDate?: string; amount?: string },
): Promise<OpeningBillView> {
  let ref = input.ref;
  try {
    return await deps.sessions.transaction(
      async (tx) => {
        const partyId = await billParty(tx, actor, billId);
        const { party, settings } = await openParty(tx, actor, partyId);
        const bill = (await repo.lockOpeningBill(tx, actor.organizationId, billId))!;
        ref = input.ref ?? bill.ref;
        const date = input.date ?? bill.billDate;
        const dueDate = input.dueDate ?? bill.dueDate;
        const amount = input.amount ?? bill.amount;
        assertBillDate(settings, date);
        if (dueDate < date) throw validationError('due_date', `must be on or after date (${date})`);
        const allocated = dec(bill.amount).minus(dec(bill.outstanding));
        if (dec(amount).lt(allocated)) {
          throw validationError('amount', `must be at least ${toMoney(allocated)}, what receipts or payments already settle of it`);
        }
        const changes: Record<string, { from: string; to: string }> = {};
        if (ref !== bill.ref) changes.ref = { from: bill.ref, to: ref };
        if (date !== bill.billDate) changes.date = { from: bill.billDate, to: date };
        if (dueDate !== bill.dueDate) changes.due_date = { from: bill.dueDate, to: dueDate };
        if (amount !== bill.amount) changes.amount = { from: bill.amount, to: amount };
        if (Object.keys(changes).length === 0) return answer(tx, deps, actor, billId);
        if (changes.amount) await assertOpeningFits(tx, actor, partyId, dec(amount).minus(dec(bill.amount)));
        await repo.updateOpeningBill(tx, actor.organizationId, billId, {
          ref,
          billDate: date,
          dueDate,
          amount,
          outstanding: toMoney(dec(amount).minus(allocated)),
        });
        const opening = await repo.syncPartyOpening(tx, actor.organizationId, partyId, deps.clock.now());
        await deps.audit.record(tx, {
          ...auditFields(actor),
          action: 'opening_bill.updated',
          targetType: 'bill',
          targetId: billId,
          details: { party_id: partyId, party_name: party.name, ref: bill.ref, changes, ledger_opening_balance: opening },
        });
        return answer(tx, deps, actor, billId);
      },
      tenantTx(actor, 'openings.bill_update'),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateRef(ref ?? '');
    throw err;
  }
}

/** Deletes an opening bill nothing is allocated to (409 naming the vouchers otherwise). */
export async function deleteOpeningBill(
  deps: Pick<AccountsDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  billId: string,
): Promise<{ id: string; deleted: true }> {
  return deps.sessions.transaction(
    async (tx) => {
      const partyId = await billParty(tx, actor, billId);
      const { party } = await openParty(tx, actor, partyId);
      const bill = (await repo.lockOpeningBill(tx, actor.organizationId, billId))!;
      const live = (await findBillAllocations(tx, actor.organizationId, [billId])).filter((a) => !a.released);
      if (live.length > 0) {
        throw new AppError(
          'CONFLICT',
          `Opening bill ${bill.ref} is settled in part by ${live.map((a) => `${a.voucherNumber} (${a.amount})`).join(', ')}: ` +
            'cancel those or move their allocations first',
        );
      }
      await repo.deleteOpeningBill(tx, actor.organizationId, billId);
      const opening = await repo.syncPartyOpening(tx, actor.organizationId, partyId, deps.clock.now());
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'opening_bill.deleted',
        targetType: 'bill',
        targetId: billId,
        details: {
          party_id: partyId,
          party_name: party.name,
          ref: bill.ref,
          date: bill.billDate,
          amount: bill.amount,
          ledger_opening_balance: opening,
        },
      });
      return { id: billId, deleted: true as const };
    },
    tenantTx(actor, 'openings.bill_delete'),
  );
}
