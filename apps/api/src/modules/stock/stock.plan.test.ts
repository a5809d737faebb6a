import { dec } from '@tritiq/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error';
import { planStockMovements, type LockedStock } from './stock.plan';

const stock = new Map<string, LockedStock>([
  ['a', { productId: 'a', name: 'Bolt', unit: 'PCS', quantity: '10.000', ledgerSeq: 4, averageCost: '2.0000', value: '20.00' }],
  ['b', { productId: 'b', name: 'Nut', unit: 'PCS', quantity: '2.500', ledgerSeq: 0, averageCost: '0.5000', value: '1.25' }],
]);

describe('stock movement plan', () => {
  it('numbers each product’s movements and keeps running balances', () => {
    const plan = planStockMovements(
      stock,
      [
        { productId: 'a', change: dec('-3'), field: 'items.0.quantity' },
        { productId: 'b', change: dec('-2.5'), field: 'items.1.quantity' },
        { productId: 'a', change: dec('-7'), field: 'items.2.quantity' },
      ],
      false,
    );
    // Each leaves at its product's average cost; the values follow.
    expect(plan.entries).toEqual([
      { productId: 'a', seq: 5, change: '-3.000', balanceAfter: '7.000', unitCost: '2.0000', value: '-6.00', field: 'items.0.quantity' },
      { productId: 'b', seq: 1, change: '-2.500', balanceAfter: '0.000', unitCost: '0.5000', value: '-1.25', field: 'items.1.quantity' },
      { productId: 'a', seq: 6, change: '-7.000', balanceAfter: '0.000', unitCost: '2.0000', value: '-14.00', field: 'items.2.quantity' },
    ]);
    expect(plan.balances).toEqual([
      { productId: 'a', delta: '-10.000', quantity: '0.000', ledgerSeq: 6, averageCost: '2.0000', value: '0.00', valueDelta: '-20.00' },
      { productId: 'b', delta: '-2.500', quantity: '0.000', ledgerSeq: 1, averageCost: '0.5000', value: '0.00', valueDelta: '-1.25' },
    ]);
  });

  it('refuses to go below zero, naming the product, what is on hand and what is needed', () => {
    const attempt = () =>
      planStockMovements(
        stock,
        [
          { productId: 'a', change: dec('-6'), field: 'items.0.quantity' },
          { productId: 'a', change: dec('-5'), field: 'items.1.quantity' },
        ],
        false,
      );
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow('Not enough stock of "Bolt": 10.000 PCS on hand, 11.000 PCS needed');
    try {
      attempt();
    } catch (err) {
      expect((err as AppError).code).toBe('INSUFFICIENT_STOCK');
      expect((err as AppError).options.errors?.[0]?.field).toBe('items.0.quantity');
    }
  });

  it('allows negative stock when the organisation does', () => {
    const plan = planStockMovements(stock, [{ productId: 'b', change: dec('-4'), field: 'quantity_change' }], true);
    // What is sold beyond what is on hand leaves at the average cost too: the value goes below zero with the quantity.
    expect(plan.balances).toEqual([
      { productId: 'b', delta: '-4.000', quantity: '-1.500', ledgerSeq: 1, averageCost: '0.5000', value: '-0.75', valueDelta: '-2.00' },
    ]);
  });

  it('adds stock without limit', () => {
    const plan = planStockMovements(stock, [{ productId: 'b', change: dec('100.125'), field: 'items.0.quantity' }], false);
    expect(plan.entries[0]).toMatchObject({ change: '100.125', balanceAfter: '102.625' });
  });
});
