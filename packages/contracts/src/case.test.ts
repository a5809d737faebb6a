import { describe, expect, it } from 'vitest';
import { camelizeKeys, snakeizeKeys } from './case';

describe('key case conversion', () => {
  it('camelizes nested objects and arrays but leaves values alone', () => {
    const when = new Date(0);
    const out = camelizeKeys({ user_email: 'a_b@x.in', items: [{ unit_price: '1.50', gst_rate_2: 5 }], at: when });
    expect(out).toEqual({ userEmail: 'a_b@x.in', items: [{ unitPrice: '1.50', gstRate_2: 5 }], at: when });
    expect(out.at).toBe(when);
  });

  it('snakeizes and round-trips', () => {
    const input = { voucherNumber: 'SV/2526/00001', lines: [{ taxableAmount: '10.00' }], nextCursor: null };
    const wire = snakeizeKeys(input);
    expect(wire).toEqual({ voucher_number: 'SV/2526/00001', lines: [{ taxable_amount: '10.00' }], next_cursor: null });
    expect(camelizeKeys(wire)).toEqual(input);
  });
});
