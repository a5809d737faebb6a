import { dec, indianDate, stockSign, toQuantity, ZERO, type Decimal, type VoucherTypeDefinition } from '@tritiq/contracts';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import { getBusinessSettings } from '../organizations';
import { lockProductStock, planStock, postStockPlan, type LockedProductStock } from '../stock';
import type { VoucherDeps } from './vouchers.deps';
import { presentVoucher, type VoucherView } from './vouchers.present';
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

/**
 * Cancels a posted voucher: its stock movements are reversed exactly (with its audit event, in one
 * posting), its number is kept. A second cancel is 409.
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
      const lines = await findVoucherLines(tx, org, id);
      const now = deps.clock.now();
      const event = {
        ...auditFields(actor),
        action: 'voucher.cancelled',
        targetType: 'voucher',
        targetId: id,
        details: { voucher_type: def.type, voucher_number: voucher.voucherNumber, reason, grand_total: voucher.grandTotal },
      };
      const sign = stockSign(def);
      if (sign !== 0) {
        const settings = await getBusinessSettings(tx, org);
        const locked = await lockProductStock(tx, org, [...new Set(lines.map((l) => l.productId))].sort());
        const reverse = dec(String(-sign));
        const moves = lines.map((l) => ({ productId: l.productId, change: dec(l.quantity).times(reverse), field: 'id' }));
        let plan: ReturnType<typeof planStock>;
        try {
          plan = planStock(locked, moves, settings.allowNegativeStock);
        } catch (err) {
          if (sign > 0 && err instanceof AppError && err.code === 'INSUFFICIENT_STOCK') {
            throw inwardGoodsGone(def, voucher.voucherNumber, locked, lines, err);
          }
          throw err;
        }
        const cause = {
          source: 'voucher_cancel' as const,
          entryDate: indianDate(now),
          userId: actor.userId,
          voucherId: id,
          voucherType: def.type,
          voucherNumber: voucher.voucherNumber,
          reason,
        };
        await postStockPlan(tx, deps.audit, org, plan, { allowNegative: settings.allowNegativeStock, now, cause }, event);
      } else {
        await deps.audit.record(tx, event);
      }
      const cancelled = await markVoucherCancelled(tx, org, id, { by: actor.userId, at: now, reason });
      const creator = await findVoucher(tx, org, def.type, id);
      return presentVoucher(def, cancelled, lines, creator?.createdByEmail ?? null);
    },
    tenantTx(actor, `voucher.${def.type}.cancel`),
  );
}
