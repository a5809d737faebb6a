import { describe, expect, it } from 'vitest';
import { compactRupees, counted } from './format';

describe('compactRupees', () => {
  it('writes chart amounts in the Indian compact form', () => {
    expect(compactRupees(0)).toBe('₹0');
    expect(compactRupees(950)).toBe('₹950');
    expect(compactRupees(12_500)).toBe('₹12.5 K');
    expect(compactRupees(210_000)).toBe('₹2.1 L');
    expect(compactRupees(100_000)).toBe('₹1 L');
    expect(compactRupees(14_000_000)).toBe('₹1.4 Cr');
    expect(compactRupees(-250_000)).toBe('-₹2.5 L');
  });
});

describe('counted', () => {
  it('puts the noun in the singular for one', () => {
    expect(counted(1, 'voucher')).toBe('1 voucher');
    expect(counted(2, 'voucher')).toBe('2 vouchers');
    expect(counted(0, 'organisation')).toBe('0 organisations');
    expect(counted(120000, 'entry', 'entries')).toBe('1,20,000 entries');
  });
});
