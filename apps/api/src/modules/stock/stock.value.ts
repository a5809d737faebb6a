import { roundHalfUp, ZERO, type Decimal } from '@tritiq/contracts';

/**
 * Weighted average cost, perpetual (BOOKS.md, "Stock value"). A product's stock value is always
 * its quantity times its average cost, to the paisa; a movement's value is the change it makes to
 * that value, so the movements of a product add up to its value exactly.
 *
 * - Inward at a cost (a purchase line at its taxable value, a sale cancelled at the cost it left
 *   at): the average becomes (value + cost) / new quantity; with nothing (or less than nothing)
 *   on hand before, the new goods' own rate.
 * - Outward at a cost (a purchase cancelled at the cost it came in at): the same formula while
 *   stock remains; the average never goes below zero, and is kept when nothing remains.
 * - At the average (sales, adjustments without a rate): the average is unchanged.
 *
 * The average is kept to four decimals, values to two (half-up, as every amount).
 */

export interface StockValueState {
  quantity: Decimal;
  averageCost: Decimal;
  value: Decimal;
}

export interface ValuedMovement {
  state: StockValueState;
  /** The rate the movement moved at, four decimals. */
  unitCost: Decimal;
  /** new value − old value, two decimals. */
  value: Decimal;
}

const COST_DP = 4;
const MONEY_DP = 2;

/** `cost`: the movement's total value at its own cost, signed like `change`; undefined to move at the average. */
export function valueMovement(before: StockValueState, change: Decimal, cost?: Decimal): ValuedMovement {
  const quantity = before.quantity.plus(change);
  let averageCost = before.averageCost;
  let unitCost = before.averageCost;
  if (cost !== undefined && !change.eq(ZERO)) {
    unitCost = roundHalfUp(cost.div(change), COST_DP);
    if (change.gt(ZERO)) {
      averageCost = before.quantity.lte(ZERO) ? unitCost : roundHalfUp(before.value.plus(cost).div(quantity), COST_DP);
    } else if (quantity.gt(ZERO)) {
      const average = roundHalfUp(before.value.plus(cost).div(quantity), COST_DP);
      averageCost = average.lt(ZERO) ? ZERO : average;
    }
  }
  const value = roundHalfUp(quantity.times(averageCost), MONEY_DP);
  return { state: { quantity, averageCost, value }, unitCost, value: value.minus(before.value) };
}
