import { describe, expect, it } from 'vitest';
import { compactRupees, counted, unitRate } from './format';

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

describe('unitRate', () => {
  it('keeps a cost per unit to four decimals, trailing zeros dropped down to two', () => {
    expect(unitRate('150.3333')).toBe('150.3333');
    expect(unitRate('150.5000')).toBe('150.50');
    expect(unitRate('123456.1200')).toBe('1,23,456.12');
    expect(unitRate('0.0050')).toBe('0.005');
    expect(unitRate('7')).toBe('7.00');
  });
});
