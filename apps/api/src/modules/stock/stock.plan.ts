import { dec, toQuantity, ZERO, type Decimal } from '@tritiq/contracts';
import { AppError } from '../../lib/app-error';
import { valueMovement, type StockValueState } from './stock.value';

/**
 * Works out, from the locked balances, what a set of stock movements does: each movement's
 * ledger row (numbered per product, with the balance right after it) and each product's new
 * balance. Pure, so the negative-stock rule is tested without a database.
 */

export interface LockedStock {
  productId: string;
  name: string;
  unit: string;
  quantity: string;
  ledgerSeq: number;
  averageCost: string;
  value: string;
}

export interface StockMovement {
  productId: string;
  /** Signed: positive adds to stock. */
  change: Decimal;
  /** The movement's value at its own cost, signed like `change` (a purchase line's taxable value); omitted: at the average cost. */
  cost?: Decimal;
  /** The request field the movement came from, named in a refusal (e.g. `items.2.quantity`). */
  field: string;
}

export interface PlannedEntry {
  productId: string;
  seq: number;
  change: string;
  balanceAfter: string;
  unitCost: string;
  value: string;
  field: string;
}

export interface PlannedBalance {
  productId: string;
  delta: string;
  quantity: string;
  ledgerSeq: number;
  averageCost: string;
  value: string;
  /** The change of value over the plan's movements of this product. */
  valueDelta: string;
}

export interface StockPlan {
  entries: PlannedEntry[];
  balances: PlannedBalance[];
}

export function planStockMovements(
  stock: ReadonlyMap<string, LockedStock>,
  moves: readonly StockMovement[],
  allowNegative: boolean,
): StockPlan {
  const running = new Map<
    string,
    { valued: StockValueState; seq: number; delta: Decimal; valueDelta: Decimal; outward: Decimal; field: string; low: boolean }
  >();
  const entries: PlannedEntry[] = [];
  for (const move of moves) {
    const locked = stock.get(move.productId);
    if (!locked) throw new Error(`Stock of product ${move.productId} was not locked`);
    let state = running.get(move.productId);
    if (!state) {
      const valued = { quantity: dec(locked.quantity), averageCost: dec(locked.averageCost), value: dec(locked.value) };
      state = { valued, seq: locked.ledgerSeq, delta: ZERO, valueDelta: ZERO, outward: ZERO, field: move.field, low: false };
      running.set(move.productId, state);
    }
    const moved = valueMovement(state.valued, move.change, move.cost);
    state.valued = moved.state;
    state.delta = state.delta.plus(move.change);
    state.valueDelta = state.valueDelta.plus(moved.value);
    state.seq += 1;
    if (move.change.lt(ZERO)) state.outward = state.outward.minus(move.change);
    if (state.valued.quantity.lt(ZERO)) state.low = true;
    entries.push({
      productId: move.productId,
      seq: state.seq,
      change: toQuantity(move.change),
      balanceAfter: toQuantity(state.valued.quantity),
      unitCost: moved.unitCost.toFixed(4),
      value: moved.value.toFixed(2),
      field: move.field,
    });
  }
  if (!allowNegative) {
    for (const [productId, state] of running) {
      if (!state.low) continue;
      const locked = stock.get(productId)!;
      const message = `Not enough stock of "${locked.name}": ${toQuantity(dec(locked.quantity))} ${locked.unit} on hand, ${toQuantity(state.outward)} ${locked.unit} needed`;
      throw new AppError('INSUFFICIENT_STOCK', message, { errors: [{ field: state.field, message }] });
    }
  }
  const balances = [...running].map(([productId, s]) => ({
    productId,
    delta: toQuantity(s.delta),
    quantity: toQuantity(s.valued.quantity),
    ledgerSeq: s.seq,
    averageCost: s.valued.averageCost.toFixed(4),
    value: s.valued.value.toFixed(2),
    valueDelta: s.valueDelta.toFixed(2),
  }));
  return { entries, balances };
}
