import {
  dec,
  lockedByGstFiling,
  stockSign,
  toQuantity,
  voucherTypes,
  ZERO,
  type Decimal,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import { findVoucherAllocations, lockAllocatedBills, lockBillAllocations } from '../books';
import { assertBooksOpen, assertGstPeriodOpen, findGstFiledPeriodForPosting, getBusinessSettings } from '../organizations';
import { writePosting } from '../posting';
import { assertStockApplied, findVoucherMovements, lockProductStock, planStock, stockWriteOf, type LockedProductStock } from '../stock';
import { findActiveNotes } from './notes.repo';
import type { VoucherDeps } from './vouchers.deps';
import { loadVoucher } from './get-voucher';
import type { VoucherView } from './vouchers.present';
import { findVoucher, findVoucherLines, markVoucherCancelled } from './vouchers.repo';

/**
 * Cancelling a voucher that brought goods in (a purchase) takes them out again; when some of them
 * have since been sold or used, the refusal says so and names each product short, instead of the
 * bare "Not enough stock" of a sale (the accountant's question is "which goods, and why").
 */
function inwardGoodsGone(
  def: VoucherTypeDefinition,
  voucherNumber: string,
  locked: readonly LockedProductStock[],
  lines: readonly { productId: string; quantity: string }[],
  cause: AppError,
): AppError {
  const brought = new Map<string, Decimal>();
  for (const l of lines) brought.set(l.productId, (brought.get(l.productId) ?? ZERO).plus(dec(l.quantity)));
  const short = locked
    .filter((p) => dec(p.quantity).lt(brought.get(p.productId) ?? ZERO))
    .map(
      (p) =>
        `${p.name} (${toQuantity(brought.get(p.productId)!)} ${p.unit} in this ${def.label.toLowerCase()}, ${toQuantity(dec(p.quantity))} ${p.unit} left in stock)`,
    );
  const message = `Cannot cancel ${voucherNumber}: goods from this ${def.label.toLowerCase()} were already sold or used: ${short.join('; ')}. Cancel or return those sales first.`;
  return new AppError('INSUFFICIENT_STOCK', message, { errors: [{ field: 'id', message }], cause });
}

/** Whether notes (or other vouchers made against one original) may name vouchers of this type. */
function madeAgainst(def: VoucherTypeDefinition): boolean {
  return voucherTypes().some((t) => t.against?.purpose === 'return' && t.against.types.includes(def.type));
}

/**
 * Cancels a posted voucher: its stock movements are reversed exactly, its ledger entries too
 * (dated the voucher's own date, so every period report reads as if it had never been posted), its
 * bill is marked cancelled, all with its audit event in one posting; its number is kept. A second
 * cancel is 409, and so is an invoice whose bill has live allocations (naming them), and a voucher
 * dated on or before the books lock date.
 */
export async function cancelVoucher(
  deps: Pick<VoucherDeps, 'sessions' | 'audit' | 'clock'>,
  def: VoucherTypeDefinition,
  actor: Actor,
  id: string,
  reason: string,
): Promise<VoucherView> {
  return deps.sessions.transaction(
    async (tx) => {
      const org = actor.organizationId;
      const found = await findVoucher(tx, org, def.type, id, true);
      if (!found) throw notFound(def.label);
      const voucher = found.voucher;
      if (voucher.status === 'cancelled') {
        throw new AppError('ALREADY_CANCELLED', `${def.label} ${voucher.voucherNumber} is already cancelled`);
      }
      const gstLocked = lockedByGstFiling(def);
      const [settings, filed] = await Promise.all([
        getBusinessSettings(tx, org),
        gstLocked ? findGstFiledPeriodForPosting(tx, org, voucher.voucherDate) : undefined,
      ]);
      assertBooksOpen(settings, voucher.voucherDate, 'cancel');
      if (gstLocked) assertGstPeriodOpen(def, filed, 'cancel', voucher.voucherNumber);
      // An invoice that notes are made against: its row is locked (above), as a new note locks it,
      // so none can be added while this decides.
      if (madeAgainst(def)) {
        const notes = await findActiveNotes(tx, org, id);
        if (notes.length > 0) {
          const one = notes.length === 1;
          const named = notes.map((n) => n.voucherNumber).join(', ');
          throw new AppError(
            'VOUCHER_HAS_NOTES',
            `${def.label} ${voucher.voucherNumber} cannot be cancelled: the note${one ? '' : 's'} ${named} ${one ? 'is' : 'are'} made against it; cancel ${one ? 'it' : 'them'} first`,
          );
        }
      }
      const allocated = def.posting ? await lockBillAllocations(tx, org, id) : [];
      if (allocated.length > 0) {
        const named = allocated.map((a) => `${a.voucherNumber} (${a.amount})`).join(', ');
        const one = allocated.length === 1;
        throw new AppError(
          'BILL_ALLOCATED',
          `${def.label} ${voucher.voucherNumber} cannot be cancelled: ${named} ${one ? 'is' : 'are'} allocated to it; cancel or release ${one ? 'it' : 'them'} first`,
        );
      }
      const lines = def.lines === 'items' ? await findVoucherLines(tx, org, id) : [];
      const now = deps.clock.now();
      const events = (released: readonly { billId: string | null; billRef: string | null; amount: string }[]) => ({
        ...auditFields(actor),
        action: 'voucher.cancelled',
        targetType: 'voucher',
        targetId: id,
        details: {
          voucher_type: def.type,
          voucher_number: voucher.voucherNumber,
          reason,
          grand_total: voucher.grandTotal,
          ...(def.against
            ? { released_allocations: released.map((a) => ({ bill_id: a.billId, bill_ref: a.billRef, amount: a.amount })) }
            : {}),
        },
      });
      const sign = stockSign(def);
      let stock: ReturnType<typeof stockWriteOf> | undefined;
      let plan: ReturnType<typeof planStock> | undefined;
      if (sign !== 0) {
        const locked = await lockProductStock(tx, org, [...new Set(lines.map((l) => l.productId))].sort());
        // Each of its movements undone at the cost it was made at: a sale's goods come back at the
        // cost they left at, a purchase's leave at the cost they came in at.
        const moved = await findVoucherMovements(tx, org, id);
        const moves = moved.map((m) => {
          const change = ZERO.minus(dec(m.quantityChange));
          return { productId: m.productId, change, cost: change.times(dec(m.unitCost)), field: 'id' };
        });
        try {
          plan = planStock(locked, moves, settings.allowNegativeStock);
        } catch (err) {
          if (sign > 0 && err instanceof AppError && err.code === 'INSUFFICIENT_STOCK') {
            throw inwardGoodsGone(def, voucher.voucherNumber, locked, lines, err);
          }
          throw err;
        }
        stock = stockWriteOf(org, plan, {
          allowNegative: settings.allowNegativeStock,
          now,
          cause: {
            source: 'voucher_cancel',
            // Dated the voucher's own date, as its reversed entries are, so that any day's stock value agrees with its books.
            entryDate: voucher.voucherDate,
            userId: actor.userId,
            voucherId: id,
            voucherType: def.type,
            voucherNumber: voucher.voucherNumber,
            reason,
          },
        });
      }
      // A receipt, payment or note gives back what it settled: its bills locked (in id order, after
      // the stock rows, as every allocation takes them) first.
      if (def.against) await lockAllocatedBills(tx, org, id);
      const released = def.against ? await findVoucherAllocations(tx, org, id) : [];
      const event = events(released);
      // Stock back, entries reversed, bill cancelled, allocations released and the audit event: one statement.
      const posted = await writePosting(tx, {
        stock: stock && { organizationId: org, write: stock.write },
        ledger: def.posting ? { organizationId: org, write: { kind: 'reverse', voucherId: id } } : undefined,
        bill: def.posting ? { organizationId: org, write: { kind: 'cancel', voucherId: id, at: now } } : undefined,
        allocations: def.against ? { organizationId: org, write: { kind: 'release', voucherId: id, at: now } } : undefined,
        audit: deps.audit.prepare(event),
      });
      if (plan) assertStockApplied(plan, posted.stockUpdated);
      if (posted.releasedAllocations !== released.length)
        throw new Error(`Released ${posted.releasedAllocations} of ${released.length} allocations`);
      if (!posted.audited) await deps.audit.record(tx, event);
      await markVoucherCancelled(tx, org, id, { by: actor.userId, at: now, reason });
      return loadVoucher(tx, def, actor, id);
    },
    tenantTx(actor, `voucher.${def.type}.cancel`),
  );
}
