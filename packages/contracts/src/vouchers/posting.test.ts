import { describe, expect, it } from 'vitest';
import { TEST_SALES_ORDER } from '../../test/test-voucher-type';
import { billSideOf, postingEntriesOf } from './posting';
import { BUILT_IN_VOUCHER_TYPES, NOTE_VOUCHER_TYPES } from './registry';

const RECEIPT = BUILT_IN_VOUCHER_TYPES.receipt;

const { sales, purchase } = BUILT_IN_VOUCHER_TYPES;
const party = { from: 'party' } as const;
const system = (ledger: string) => ({ from: 'system', ledger });

describe('postingEntriesOf (BOOKS.md posting table)', () => {
  it('a sales invoice, intra-state, rounded up: Dr customer, Cr Sales, Output CGST and SGST, Cr Round Off', () => {
    const entries = postingEntriesOf(sales, {
      grand_total: '1180.00',
      taxable_total: '999.99',
      cgst_total: '90.00',
      sgst_total: '90.00',
      igst_total: '0.00',
      round_off: '0.01',
    });
    expect(entries).toEqual([
      { account: party, amount: '1180.00' },
      { account: system('sales'), amount: '-999.99' },
      { account: system('output_cgst'), amount: '-90.00' },
      { account: system('output_sgst'), amount: '-90.00' },
      { account: system('round_off'), amount: '-0.01' },
    ]);
  });

  it('a negative round-off is a debit on a sale and a credit on a purchase; an inter-state one posts IGST only', () => {
    const figures = {
      grand_total: '1179.00',
      taxable_total: '1000.00',
      cgst_total: '0.00',
      sgst_total: '0.00',
      igst_total: '179.40',
      round_off: '-0.40',
    };
    expect(postingEntriesOf(sales, figures)).toEqual([
      { account: party, amount: '1179.00' },
      { account: system('sales'), amount: '-1000.00' },
      { account: system('output_igst'), amount: '-179.40' },
      { account: system('round_off'), amount: '0.40' },
    ]);
    expect(postingEntriesOf(purchase, figures)).toEqual([
      { account: system('purchase'), amount: '1000.00' },
      { account: system('input_igst'), amount: '179.40' },
      { account: system('round_off'), amount: '-0.40' },
      { account: party, amount: '-1179.00' },
    ]);
  });

  it('refuses figures that do not balance, a missing figure, and a negative one that may not change sides', () => {
    expect(() =>
      postingEntriesOf(sales, {
        grand_total: '10.00',
        taxable_total: '9.00',
        cgst_total: '0',
        sgst_total: '0',
        igst_total: '0',
        round_off: '0',
      }),
    ).toThrow(/does not balance/);
    expect(() => postingEntriesOf(sales, { grand_total: '10.00' })).toThrow(/has no taxable_total/);
    expect(() =>
      postingEntriesOf(sales, {
        grand_total: '-1.00',
        taxable_total: '-1.00',
        cgst_total: '0',
        sgst_total: '0',
        igst_total: '0',
        round_off: '0',
      }),
    ).toThrow(/negative/);
  });

  it('a type without a posting rule posts nothing', () => {
    expect(postingEntriesOf(TEST_SALES_ORDER, { grand_total: '5.00' })).toEqual([]);
  });
});

describe('billSideOf', () => {
  it('invoices are bills (sales receivable, purchase payable); notes, receipts and orders are not', () => {
    expect(billSideOf(sales)).toBe('receivable');
    expect(billSideOf(purchase)).toBe('payable');
    expect(billSideOf(NOTE_VOUCHER_TYPES.creditNote)).toBeNull();
    expect(billSideOf(RECEIPT)).toBeNull();
    expect(billSideOf(TEST_SALES_ORDER)).toBeNull();
  });
});
