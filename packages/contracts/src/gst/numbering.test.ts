import { describe, expect, it } from 'vitest';
import { checkInvoiceNumber, checkVoucherPrefix, financialYearOf, formatVoucherNumber, indianDate, isCalendarDate } from './numbering';
import { resolvePlaceOfSupply } from './place-of-supply';
import { isGstRate } from './rates';

describe('financial year', () => {
  it('runs April to March', () => {
    expect(financialYearOf('2026-03-31').code).toBe('2526');
    expect(financialYearOf('2026-04-01').code).toBe('2627');
    expect(financialYearOf('2025-04-01').code).toBe('2526');
    expect(financialYearOf('2026-01-15').code).toBe('2526');
    expect(financialYearOf('2025-03-31')).toEqual({ startYear: 2024, code: '2425', start: '2024-04-01', end: '2025-03-31' });
  });

  it('wraps the century in the two-digit code', () => {
    expect(financialYearOf('2000-01-01').code).toBe('9900');
    expect(financialYearOf('2099-04-01').code).toBe('9900');
  });

  it('refuses what is not a calendar date', () => {
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('25-01-01')).toBe(false);
    expect(() => financialYearOf('2025-04-31')).toThrow(/Not a date/);
  });
});

describe('voucher numbers', () => {
  it('pads the sequence to five digits', () => {
    expect(formatVoucherNumber('SV', '2526', 1)).toBe('SV/2526/00001');
    expect(formatVoucherNumber('PV', '2627', 12345)).toBe('PV/2627/12345');
    expect(formatVoucherNumber('SV', '2526', 123456)).toBe('SV/2526/123456');
  });

  it('checks the GST invoice number rule', () => {
    expect(checkInvoiceNumber('SV/2526/00001')).toBeNull();
    expect(checkInvoiceNumber('ABCDE/2526/00001')).toBeNull();
    expect(checkInvoiceNumber('ABCDEF/2526/00001')).toMatch(/16/);
    expect(checkInvoiceNumber('/SV/1')).toMatch(/start/);
  });

  it('keeps prefixes short enough for 16 characters', () => {
    expect(checkVoucherPrefix('SV')).toBeNull();
    expect(checkVoucherPrefix('MUM-S')).toBeNull();
    expect(checkVoucherPrefix('SALES1')).toMatch(/1 to 5/);
    expect(checkVoucherPrefix('sv')).toMatch(/capital/);
  });

  it('takes the date in India', () => {
    // 18:30 UTC is midnight in India (UTC+05:30)
    expect(indianDate(new Date('2026-03-31T18:29:59Z'))).toBe('2026-03-31');
    expect(indianDate(new Date('2026-03-31T18:30:00Z'))).toBe('2026-04-01');
  });
});

describe('place of supply', () => {
  it('sales: the voucher, else the customer, else the organisation', () => {
    const sale = { rule: 'organization_supplies', organizationStateCode: '27' } as const;
    expect(resolvePlaceOfSupply({ ...sale, partyStateCode: '27' })).toEqual({
      supplierStateCode: '27',
      placeOfSupply: '27',
      isInterState: false,
    });
    expect(resolvePlaceOfSupply({ ...sale, partyStateCode: '29' })).toEqual({
      supplierStateCode: '27',
      placeOfSupply: '29',
      isInterState: true,
    });
    expect(resolvePlaceOfSupply({ ...sale, partyStateCode: '29', requestedPlaceOfSupply: '27' })).toMatchObject({
      placeOfSupply: '27',
      isInterState: false,
    });
    expect(resolvePlaceOfSupply({ ...sale, partyStateCode: '27', requestedPlaceOfSupply: '07' })).toMatchObject({
      placeOfSupply: '07',
      isInterState: true,
    });
    expect(resolvePlaceOfSupply({ ...sale, partyStateCode: null })).toMatchObject({ placeOfSupply: '27', isInterState: false });
  });

  it('purchase: the vendor supplies, to the organisation', () => {
    const purchase = { rule: 'party_supplies', organizationStateCode: '27' } as const;
    expect(resolvePlaceOfSupply({ ...purchase, partyStateCode: '24' })).toEqual({
      supplierStateCode: '24',
      placeOfSupply: '27',
      isInterState: true,
    });
    expect(resolvePlaceOfSupply({ ...purchase, partyStateCode: '27' })).toMatchObject({ isInterState: false });
    expect(resolvePlaceOfSupply({ ...purchase, partyStateCode: null })).toEqual({
      supplierStateCode: '27',
      placeOfSupply: '27',
      isInterState: false,
    });
  });
});

describe('GST rates', () => {
  it('knows the notified slabs in any spelling', () => {
    expect(isGstRate('18')).toBe(true);
    expect(isGstRate('18.00')).toBe(true);
    expect(isGstRate('0.25')).toBe(true);
    expect(isGstRate('40')).toBe(true);
    expect(isGstRate('17')).toBe(false);
    expect(isGstRate('-5')).toBe(false);
    expect(isGstRate('5.001')).toBe(false);
  });
});
