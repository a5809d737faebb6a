import { BUILT_IN_VOUCHER_TYPES, computeVoucher } from '@tritiq/contracts';
import { describe, expect, it } from 'vitest';
import { formatDate, parseOrgDate } from '../../lib/dates';
import { quantity } from '../../lib/format';
import { computeLiveTotals, emptyLine, flatDiscountProblem, lineToWire, supplyOf, type LineDraft } from './voucher-math';

const line = (patch: Partial<LineDraft>): LineDraft => ({
  ...emptyLine(),
  productId: '0195f0a0-0000-7000-8000-000000000001',
  productName: 'Wrench',
  unit: 'PCS',
  ...patch,
});
const sales = BUILT_IN_VOUCHER_TYPES.sales;
const purchase = BUILT_IN_VOUCHER_TYPES.purchase;

describe('live voucher totals', () => {
  it('are the shared computeVoucher figures for the lines the server would accept', () => {
    const lines = [
      line({ quantity: '3', unitPrice: '2499', discountPercentage: '10', gstRate: '18' }),
      line({ quantity: '2.5', unitPrice: '412.35', gstRate: '5', isGstInclusive: true }),
    ];
    const live = computeLiveTotals(lines, { def: sales, organizationStateCode: '27', partyStateCode: '27', placeOfSupply: null });
    const server = computeVoucher(
      [
        { quantity: '3.000', unitPrice: '2499.00', discountPercentage: '10.00', gstRate: '18.00', priceIncludesGst: false },
        { quantity: '2.500', unitPrice: '412.35', discountPercentage: '0.00', gstRate: '5.00', priceIncludesGst: true },
      ],
      false,
    );
    expect(live.totals).toEqual(server.totals);
    expect(live.lines).toEqual(server.lines);
    expect(live.incompleteLines).toBe(0);
  });

  it('leave out, and count, lines the server would refuse; blank lines are not counted', () => {
    const lines = [
      line({ quantity: '2', unitPrice: '100', gstRate: '18' }),
      line({ quantity: '1.2345', unitPrice: '100', gstRate: '18' }),
      line({ quantity: '1', unitPrice: '12.5x', gstRate: '18' }),
      line({ quantity: '1', unitPrice: '10', gstRate: '17' }),
      emptyLine(),
    ];
    const live = computeLiveTotals(lines, { def: sales, organizationStateCode: '27', partyStateCode: null, placeOfSupply: null });
    expect(live.lines.map((l) => l?.totalAmount ?? null)).toEqual(['236.00', null, null, null, null]);
    expect(live.incompleteLines).toBe(3);
    expect(live.totals.grandTotal).toBe('236.00');
  });

  it('take a flat discount amount as the server does, and leave out a line whose amount passes its value', () => {
    const ctx = { def: sales, organizationStateCode: '27', partyStateCode: '27', placeOfSupply: null };
    // 3 x 199.99 = 599.97, 50.00 off -> 549.97; 12 %: 33.00 + 33.00 -> 615.97 (packages/contracts' test)
    const flat = line({
      quantity: '3',
      unitPrice: '199.99',
      gstRate: '12',
      discountPercentage: '7',
      discountKind: 'amount',
      discountAmount: '50',
    });
    expect(lineToWire(flat)).toMatchObject({ discount_percentage: '0', discount_amount: '50' });
    expect(computeLiveTotals([flat], ctx).lines[0]).toMatchObject({
      discountAmount: '50.00',
      taxableAmount: '549.97',
      totalAmount: '615.97',
    });
    // Back to a percentage: the typed amount is not sent.
    expect(lineToWire({ ...flat, discountKind: 'percent' })).not.toHaveProperty('discount_amount');
    const over = { ...flat, discountAmount: '599.98' };
    expect(flatDiscountProblem(over)).toBe("must be at most 599.97, the line's value before discount and tax (quantity x price)");
    const live = computeLiveTotals([over], ctx);
    expect(live.lines[0]).toBeNull();
    expect(live.incompleteLines).toBe(1);
    expect(flatDiscountProblem({ ...flat, discountAmount: '599.97' })).toBeNull();
  });

  it('split by the place of supply the server would use', () => {
    const l = [line({ quantity: '1', unitPrice: '1000', gstRate: '18' })];
    const inter = computeLiveTotals(l, { def: sales, organizationStateCode: '27', partyStateCode: '29', placeOfSupply: null });
    expect(inter.totals).toMatchObject({ igstAmount: '180.00', cgstAmount: '0.00' });
    const toldIntra = computeLiveTotals(l, { def: sales, organizationStateCode: '27', partyStateCode: '29', placeOfSupply: '27' });
    expect(toldIntra.totals).toMatchObject({ igstAmount: '0.00', cgstAmount: '90.00', sgstAmount: '90.00' });
    // A purchase has no place_of_supply field: the vendor's state decides.
    expect(supplyOf({ def: purchase, organizationStateCode: '27', partyStateCode: '33', placeOfSupply: '27' })).toMatchObject({
      isInterState: true,
      placeOfSupply: '27',
    });
    expect(supplyOf({ def: sales, organizationStateCode: null, partyStateCode: '29', placeOfSupply: null })).toBeNull();
  });

  it('sends the lines as typed, for the server to validate and compute', () => {
    expect(lineToWire(line({ quantity: ' 2 ', unitPrice: '10.5', discountPercentage: '', gstRate: '5' }))).toEqual({
      product_id: '0195f0a0-0000-7000-8000-000000000001',
      quantity: '2',
      unit_price: '10.5',
      discount_percentage: '0',
      gst_rate: '5',
      is_gst_inclusive: false,
    });
  });
});

describe('dates and quantities as shown', () => {
  it('writes and reads the organisation date formats', () => {
    expect(formatDate('2026-01-15')).toBe('15/01/2026');
    expect(formatDate('2026-01-15', 'MM/DD/YYYY')).toBe('01/15/2026');
    expect(formatDate('2026-01-15', 'DD-MM-YYYY')).toBe('15-01-2026');
    expect(formatDate('2026-03-31T20:00:00.000Z')).toBe('01/04/2026');
    expect(parseOrgDate('15/01/2026', 'DD/MM/YYYY')).toBe('2026-01-15');
    expect(parseOrgDate('1/2/2026', 'MM/DD/YYYY')).toBe('2026-01-02');
    expect(parseOrgDate('31/02/2026', 'DD/MM/YYYY')).toBeNull();
    expect(parseOrgDate('2026-1-5', 'YYYY-MM-DD')).toBe('2026-01-05');
  });

  it('drops needless zeros from quantities', () => {
    expect(quantity('10.000')).toBe('10');
    expect(quantity('2.500')).toBe('2.5');
    expect(quantity('-0.125')).toBe('-0.125');
  });
});
