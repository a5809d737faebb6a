import { dec } from '@tritiq/contracts';
import { describe, expect, it } from 'vitest';
import { valueMovement, type StockValueState } from './stock.value';

const state = (quantity: string, averageCost: string, value: string): StockValueState => ({
  quantity: dec(quantity),
  averageCost: dec(averageCost),
  value: dec(value),
});
const shown = (m: ReturnType<typeof valueMovement>) => ({
  quantity: m.state.quantity.toFixed(3),
  averageCost: m.state.averageCost.toFixed(4),
  value: m.state.value.toFixed(2),
  unitCost: m.unitCost.toFixed(4),
  moved: m.value.toFixed(2),
});

describe('weighted average cost', () => {
  it('a purchase into empty stock sets the average to its rate; a second one averages', () => {
    const first = valueMovement(state('0', '0', '0'), dec('10'), dec('1000'));
    expect(shown(first)).toEqual({ quantity: '10.000', averageCost: '100.0000', value: '1000.00', unitCost: '100.0000', moved: '1000.00' });
    const sold = valueMovement(first.state, dec('-4'));
    expect(shown(sold)).toEqual({ quantity: '6.000', averageCost: '100.0000', value: '600.00', unitCost: '100.0000', moved: '-400.00' });
    // (600 + 575) / 11 = 106.818181… -> 106.8182; 11 x 106.8182 = 1175.0002 -> 1175.00
    const second = valueMovement(sold.state, dec('5'), dec('575'));
    expect(shown(second)).toEqual({ quantity: '11.000', averageCost: '106.8182', value: '1175.00', unitCost: '115.0000', moved: '575.00' });
  });

  it('the value is always quantity x average to the paisa, and the movements add up to it', () => {
    let s = state('0', '0', '0');
    let moved = dec('0');
    for (const [change, cost] of [
      ['3', '100'],
      ['-1', undefined],
      ['7', '701.11'],
      ['-2.5', undefined],
      ['-1', '-98.12'],
    ] as const) {
      const m = valueMovement(s, dec(change), cost === undefined ? undefined : dec(cost));
      s = m.state;
      moved = moved.plus(m.value);
      expect(s.value.toFixed(2)).toBe(s.quantity.times(s.averageCost).round(2).toFixed(2));
    }
    expect(moved.toFixed(2)).toBe(s.value.toFixed(2));
  });

  it('outward at its own cost keeps what remains at a fair average; nothing left keeps the average, value zero', () => {
    // 10 at 100, then 4 returned to the vendor at 130 each: (1000 - 520) / 6 = 80.0000
    const returned = valueMovement(state('10', '100', '1000'), dec('-4'), dec('-520'));
    expect(shown(returned)).toMatchObject({ quantity: '6.000', averageCost: '80.0000', value: '480.00', unitCost: '130.0000' });
    const all = valueMovement(state('4', '100', '400'), dec('-4'), dec('-520'));
    expect(shown(all)).toMatchObject({ quantity: '0.000', averageCost: '100.0000', value: '0.00', moved: '-400.00' });
    expect(shown(valueMovement(state('2', '10', '20'), dec('-1'), dec('-50')))).toMatchObject({ averageCost: '0.0000', value: '0.00' });
  });

  it('below zero (when allowed) it keeps valuing at the average; goods arriving then come in at their own rate', () => {
    const short = valueMovement(state('1', '50', '50'), dec('-3'));
    expect(shown(short)).toMatchObject({ quantity: '-2.000', averageCost: '50.0000', value: '-100.00', moved: '-150.00' });
    const arrived = valueMovement(short.state, dec('5'), dec('300'));
    expect(shown(arrived)).toMatchObject({ quantity: '3.000', averageCost: '60.0000', value: '180.00', moved: '280.00' });
  });
});
