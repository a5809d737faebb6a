import { describe, expect, it } from 'vitest';
import { dec, decimalFromWire, roundHalfUp, toMoney, toQuantity } from './decimal';
import { formatIndianAmount, formatRupees } from './format';
import { amountInWords, integerInWords } from './words';

describe('decimal arithmetic', () => {
  it('rounds half up (away from zero)', () => {
    expect(roundHalfUp(dec('0.125'), 2).toFixed(2)).toBe('0.13');
    expect(roundHalfUp(dec('0.1249999'), 2).toFixed(2)).toBe('0.12');
    expect(roundHalfUp(dec('-0.125'), 2).toFixed(2)).toBe('-0.13');
    expect(toMoney(dec('-0.001'))).toBe('0.00');
  });

  it('is exact where floats are not', () => {
    expect(dec('0.1').plus(dec('0.2')).toFixed(2)).toBe('0.30');
    expect(dec('0.1').plus(dec('0.2')).eq(dec('0.3'))).toBe(true);
  });

  it('refuses a JavaScript number', () => {
    expect(() => dec('1').plus(0.1 as unknown as string)).toThrow();
  });

  it('reads decimals from JSON without guessing', () => {
    expect(decimalFromWire(12.5)).toBe('12.5');
    expect(decimalFromWire('  7.250 ')).toBe('7.250');
    expect(decimalFromWire(0.1 + 0.2)).toBeUndefined();
    expect(decimalFromWire(1e21)).toBeUndefined();
    expect(decimalFromWire(Number.NaN)).toBeUndefined();
    expect(decimalFromWire('1e3')).toBeUndefined();
    expect(decimalFromWire('12,50')).toBeUndefined();
  });
});

describe('amount in words (Indian system)', () => {
  it('says lakh and crore', () => {
    expect(amountInWords('123456.78')).toBe('Rupees One Lakh Twenty Three Thousand Four Hundred Fifty Six and Seventy Eight Paise Only');
    expect(amountInWords('10000000')).toBe('Rupees One Crore Only');
    expect(amountInWords('100001')).toBe('Rupees One Lakh One Only');
    expect(amountInWords('2970.00')).toBe('Rupees Two Thousand Nine Hundred Seventy Only');
    expect(amountInWords('1180')).toBe('Rupees One Thousand One Hundred Eighty Only');
  });

  it('says paise and zero rupees', () => {
    expect(amountInWords('0.50')).toBe('Rupees Zero and Fifty Paise Only');
    expect(amountInWords('100.05')).toBe('Rupees One Hundred and Five Paise Only');
    expect(amountInWords('19.99')).toBe('Rupees Nineteen and Ninety Nine Paise Only');
  });

  it('counts crores above ninety-nine in lakhs and thousands', () => {
    // 12345,67,89,012.05: 12345 crore, 67 lakh, 89 thousand, 12
    expect(amountInWords('123456789012.05')).toBe(
      'Rupees Twelve Thousand Three Hundred Forty Five Crore Sixty Seven Lakh Eighty Nine Thousand Twelve and Five Paise Only',
    );
    expect(integerInWords(1_00_00_00_000n)).toBe('One Hundred Crore');
  });
});

describe('Indian number format', () => {
  it('groups by lakh and crore', () => {
    expect(formatRupees('123456.78')).toBe('₹1,23,456.78');
    expect(formatIndianAmount('1234567.8')).toBe('12,34,567.80');
    expect(formatIndianAmount('100000000')).toBe('10,00,00,000.00');
    expect(formatIndianAmount('999')).toBe('999.00');
    expect(formatIndianAmount('1000')).toBe('1,000.00');
    expect(formatRupees('-1000')).toBe('-₹1,000.00');
    expect(formatRupees('0.005')).toBe('₹0.01');
  });
});

describe('toMoney and toQuantity against round-then-print', () => {
  /** The implementations before: round half up, then zero as 0.00, else the rounded value printed. */
  const money = (v: ReturnType<typeof dec>) => {
    const r = roundHalfUp(v, 2);
    return r.eq(dec('0')) ? '0.00' : r.toFixed(2);
  };
  const quantity = (v: ReturnType<typeof dec>) => {
    const r = roundHalfUp(v, 3);
    return r.eq(dec('0')) ? '0.000' : r.toFixed(3);
  };

  it('write the same text for ties, near-zeros of both signs, carries and 30-place quotients', () => {
    const fixed = [
      '0',
      '-0',
      '0.005',
      '-0.005',
      '0.0049999',
      '-0.0049999',
      '0.0005',
      '-0.0005',
      '0.00049',
      '-0.00049',
      '9.995',
      '-9.995',
      '99999999999.995',
      '0.125',
      '-0.125',
      '1.0045',
      '-2.5',
      '123',
      '-0.000000000000000000000000000001',
    ];
    for (const text of fixed) {
      expect(toMoney(dec(text)), text).toBe(money(dec(text)));
      expect(toQuantity(dec(text)), text).toBe(quantity(dec(text)));
    }
    expect(toMoney(dec('100').div(dec('118')))).toBe(money(dec('100').div(dec('118'))));
  });

  it('write the same text over 50,000 random values (seeded): integers, 1-8 places, both signs, quotients', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const places = next(9);
      const whole = next(4) === 0 ? 0 : next(1_000_000);
      const frac = places === 0 ? '' : `.${String(next(10 ** Math.min(places, 8))).padStart(Math.min(places, 8), '0')}`;
      let v = dec(`${next(2) ? '-' : ''}${whole}${frac}`);
      if (next(5) === 0) v = v.div(dec(String(100 + next(29))));
      if (toMoney(v) !== money(v) || toQuantity(v) !== quantity(v)) mismatches.push(v.toFixed());
    }
    expect(mismatches).toEqual([]);
  });
});
