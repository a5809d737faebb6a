import { describe, expect, it } from 'vitest';
import { draftNote, type OriginalLine } from './returns';

// 3 x 10.05 at 18 %, intra-state: 30.15 taxable, 2.71 CGST and 2.71 SGST (5.427 of tax).
const line: OriginalLine = {
  id: 'l1',
  lineNo: 1,
  productId: 'p1',
  quantity: '3.000',
  unitPrice: '10.05',
  discountPercentage: '0.00',
  gstRate: '18.00',
  isGstInclusive: false,
  discountAmount: '0.00',
  taxableAmount: '30.15',
  cgstAmount: '2.71',
  sgstAmount: '2.71',
  igstAmount: '0.00',
};
const base = { originalNumber: 'SV/2526/00001', originalLines: [line], isInterState: false };

describe('draftNote', () => {
  it('values a part at the original rate, and the rest at exactly what earlier notes left', () => {
    const part = draftNote({ ...base, notedSoFar: new Map(), requests: [{ againstLineId: 'l1', quantity: '1' }] });
    expect(part.ok && part.lines[0]).toMatchObject({ taxableAmount: '10.05', cgstAmount: '0.90', movesStock: true });
    const soFar = new Map([
      ['l1', { quantity: '1', discountAmount: '0', taxableAmount: '10.05', cgstAmount: '0.90', sgstAmount: '0.90', igstAmount: '0' }],
    ]);
    const rest = draftNote({ ...base, notedSoFar: soFar, requests: [{ againstLineId: 'l1', quantity: '2' }] });
    expect(rest.ok && rest.lines[0]).toMatchObject({
      taxableAmount: '20.10',
      cgstAmount: '1.81',
      sgstAmount: '1.81',
      totalAmount: '23.72',
    });
    expect(rest.ok && rest.amounts.totals).toMatchObject({ grandTotal: '24.00', roundOff: '0.28' });
  });

  it('refuses more quantity or value than is left, naming the field; a value-only line moves no stock', () => {
    const over = draftNote({ ...base, notedSoFar: new Map(), requests: [{ againstLineId: 'l1', quantity: '3.5' }], unitOf: () => 'PCS' });
    expect(over).toEqual({
      ok: false,
      problems: [
        {
          field: 'items.0.quantity',
          message: 'must be at most 3.000 PCS: line 1 of SV/2526/00001 has 3.000 PCS, of which earlier notes took 0.000 PCS',
        },
      ],
    });
    const value = draftNote({ ...base, notedSoFar: new Map(), requests: [{ againstLineId: 'l1', quantity: '0', taxableValue: '10.00' }] });
    expect(value.ok && value.lines[0]).toMatchObject({ quantity: '0.000', taxableAmount: '10.00', cgstAmount: '0.90', movesStock: false });
    const tooMuch = draftNote({
      ...base,
      notedSoFar: new Map(),
      requests: [{ againstLineId: 'l1', quantity: '0', taxableValue: '30.16' }],
    });
    expect(!tooMuch.ok && tooMuch.problems[0]!.field).toBe('items.0.taxable_value');
    const unknown = draftNote({ ...base, notedSoFar: new Map(), requests: [{ againstLineId: 'x', quantity: '1' }] });
    expect(!unknown.ok && unknown.problems[0]).toEqual({ field: 'items.0.against_line_id', message: 'is not a line of SV/2526/00001' });
  });

  it('takes a flat discount in proportion to the quantity noted, and the rest of it with the rest of the line', () => {
    // 3 x 10.05 = 30.15, 1.00 off -> taxable 29.15; CGST 29.15 x 9 % = 2.6235 -> 2.62 each.
    const flat: OriginalLine = {
      ...line,
      discountFlat: true,
      discountAmount: '1.00',
      taxableAmount: '29.15',
      cgstAmount: '2.62',
      sgstAmount: '2.62',
    };
    const one = draftNote({ ...base, originalLines: [flat], notedSoFar: new Map(), requests: [{ againstLineId: 'l1', quantity: '1' }] });
    // 1 of 3: 1.00 / 3 = 0.333 -> 0.33 off; 10.05 - 0.33 = 9.72; CGST 0.8748 -> 0.87 each; total 11.46
    expect(one.ok && one.lines[0]).toMatchObject({
      discountPercentage: '0.00',
      discountFlat: '0.33',
      discountAmount: '0.33',
      taxableAmount: '9.72',
      cgstAmount: '0.87',
      sgstAmount: '0.87',
      totalAmount: '11.46',
    });
    const soFar = new Map([
      ['l1', { quantity: '1', discountAmount: '0.33', taxableAmount: '9.72', cgstAmount: '0.87', sgstAmount: '0.87', igstAmount: '0' }],
    ]);
    const rest = draftNote({ ...base, originalLines: [flat], notedSoFar: soFar, requests: [{ againstLineId: 'l1', quantity: '2' }] });
    // the rest: 1.00 - 0.33 = 0.67 off, 29.15 - 9.72 = 19.43, 2.62 - 0.87 = 1.75 each
    expect(rest.ok && rest.lines[0]).toMatchObject({
      discountFlat: '0.67',
      discountAmount: '0.67',
      taxableAmount: '19.43',
      cgstAmount: '1.75',
      sgstAmount: '1.75',
      totalAmount: '22.93',
    });
    // A percentage line's note line carries no flat amount.
    const pct = draftNote({ ...base, notedSoFar: new Map(), requests: [{ againstLineId: 'l1', quantity: '1' }] });
    expect(pct.ok && pct.lines[0]!.discountFlat).toBeNull();
  });
});
