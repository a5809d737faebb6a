import { dec, roundHalfUp, toMoney, toQuantity, ZERO, type Decimal } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound, validationError } from '../../lib/app-error';
import { getBusinessSettings } from '../organizations';
import { lockProductStock, planStock, postStockPlan, type StockMovement } from '../stock';
import type { AccountsDeps } from './accounts.deps';
import * as repo from './opening.repo';
import { presentOpeningStock, type OpeningStockView } from './opening.present';
import { assertOpeningsOpen, openingStockDate } from './opening.rules';

/**
 * Opening stock per product (BOOKS.md, "Stock value"): quantity and rate, dated the day before the
 * books start, entering the stock ledger (source `opening`) and the stock value at its rate like
 * any inward movement at a cost, so the stock summary, the trading account's opening stock and
 * the trial balance see it. The stock ledger is append-only: changing an opening reverses the
 * previous one at its own rate and enters the new one, in one posting with its audit event.
 */

/** Twelve digits before the point: what an amount column holds. */
const VALUE_LIMIT = dec('1000000000000');
const QUANTITY_LIMIT = dec('100000000000');

export async function listOpeningStock(deps: Pick<AccountsDeps, 'sessions'>, actor: Actor) {
  return deps.sessions.transaction(
    async (tx) => {
      const date = openingStockDate((await getBusinessSettings(tx, actor.organizationId)).booksStartDate);
      const items = (await repo.findOpeningStock(tx, actor.organizationId)).map((r) => presentOpeningStock(r, date));
      return { items, totalValue: toMoney(items.reduce((s, i) => s.plus(dec(i.value)), ZERO)) };
    },
    tenantTx(actor, 'openings.stock', true),
  );
}

export async function openingStockOf(tx: Executor, organizationId: string, productId: string, date: string): Promise<OpeningStockView> {
  const [row] = await repo.findOpeningStock(tx, organizationId, [productId]);
  if (row) return presentOpeningStock(row, date);
  const [product] = await lockProductStock(tx, organizationId, [productId], { stock: false });
  return presentOpeningStock({ productId, productName: product!.name, unit: product!.unit, quantity: '0.000', rate: '0.0000' }, date);
}

export async function setOpeningStock(
  deps: Pick<AccountsDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  productId: string,
  input: { quantity: string; rate: string },
): Promise<OpeningStockView> {
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      const settings = await getBusinessSettings(tx, actor.organizationId);
      const [locked] = await lockProductStock(tx, actor.organizationId, [productId]);
      if (!locked) throw notFound('Product');
      assertOpeningsOpen(settings);
      const date = openingStockDate(settings.booksStartDate);
      const before = await openingStockOf(tx, actor.organizationId, productId, date);
      const quantity = dec(input.quantity);
      const rate = quantity.eq(ZERO) ? ZERO : dec(input.rate);
      const value = roundHalfUp(quantity.times(rate), 2);
      if (value.gte(VALUE_LIMIT)) {
        throw validationError('rate', `makes the opening stock worth ${toMoney(value)}: quantity × rate must be below 1000000000000`);
      }
      if (before.quantity === toQuantity(quantity) && before.rate === rate.toFixed(4)) return before;
      const moves: StockMovement[] = [];
      const previous = dec(before.quantity);
      if (!previous.eq(ZERO))
        moves.push({ productId, change: previous.neg(), cost: previous.times(dec(before.rate)).neg(), field: 'quantity' });
      if (quantity.gt(ZERO)) moves.push({ productId, change: quantity, cost: quantity.times(rate), field: 'quantity' });
      // Judged on where stock ends, not in between (the old opening goes out before the new comes in).
      const plan = planStock([locked], moves, true);
      const after: Decimal = dec(plan.balances[0]!.quantity);
      if (after.lt(ZERO) && !settings.allowNegativeStock) {
        const message =
          `Not enough stock of "${locked.name}": ${toQuantity(dec(locked.quantity))} ${locked.unit} on hand, of which ` +
          `${before.quantity} is opening stock; lowering it to ${toQuantity(quantity)} would leave ${toQuantity(after)}`;
        throw new AppError('INSUFFICIENT_STOCK', message, { errors: [{ field: 'quantity', message }] });
      }
      if (after.abs().gte(QUANTITY_LIMIT)) {
        throw validationError('quantity', `would make the stock on hand ${toQuantity(after)}: at most 99999999999.999`);
      }
      await postStockPlan(
        tx,
        deps.audit,
        actor.organizationId,
        plan,
        {
          allowNegative: settings.allowNegativeStock,
          now,
          cause: { source: 'opening', entryDate: date, userId: actor.userId, reason: 'Opening stock' },
        },
        {
          ...auditFields(actor),
          action: 'stock.opening_set',
          targetType: 'product',
          targetId: productId,
          details: {
            product_name: locked.name,
            date,
            from: { quantity: before.quantity, rate: before.rate, value: before.value },
            to: { quantity: toQuantity(quantity), rate: rate.toFixed(4), value: toMoney(value) },
            new_quantity_on_hand: toQuantity(after),
          },
        },
      );
      return openingStockOf(tx, actor.organizationId, productId, date);
    },
    tenantTx(actor, 'openings.stock_set'),
  );
}
