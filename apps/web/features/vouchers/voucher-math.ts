import {
  computeVoucher,
  dec,
  hasHeaderField,
  isDecimalString,
  lineGross,
  resolvePlaceOfSupply,
  voucherItemInputSchema,
  type LineAmounts,
  type PlaceOfSupply,
  type VoucherTotals,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';

/** One line of the voucher form as typed: strings, exactly what the inputs hold. */
export interface LineDraft {
  key: string;
  productId: string | null;
  productName: string;
  hsnCode: string | null;
  unit: string;
  quantity: string;
  unitPrice: string;
  discountPercentage: string;
  /** The line's discount is a flat amount (`discountAmount`) instead of the percentage; absent in drafts kept before it existed. */
  discountKind?: DiscountKind;
  /** The flat discount in rupees, as typed. */
  discountAmount?: string;
  gstRate: string;
  isGstInclusive: boolean;
  /** Stock on hand of the chosen product when it was picked (a warning, not a rule: the server decides). */
  onHand?: string | null;
}

export interface LiveTotals {
  /** Null while the organisation has no state code (the server refuses such a voucher). */
  supply: PlaceOfSupply | null;
  /** Per draft line, in order: its amounts, or null while the line is incomplete or invalid. */
  lines: (LineAmounts | null)[];
  totals: VoucherTotals;
  /** Lines left out of the totals because a value is missing or invalid. */
  incompleteLines: number;
}

export type DiscountKind = 'percent' | 'amount';

export const isFlatDiscount = (line: Pick<LineDraft, 'discountKind'>): boolean => line.discountKind === 'amount';

let keySeq = 0;

export function emptyLine(): LineDraft {
  keySeq += 1;
  return {
    key: `line-${Date.now().toString(36)}-${keySeq}`,
    productId: null,
    productName: '',
    hsnCode: null,
    unit: '',
    quantity: '1',
    unitPrice: '',
    discountPercentage: '0',
    discountKind: 'percent',
    discountAmount: '',
    gstRate: '0',
    isGstInclusive: false,
  };
}

/** The line as the API's body wants it (the server recomputes every amount from this). */
export function lineToWire(line: LineDraft) {
  const flat = isFlatDiscount(line) ? (line.discountAmount ?? '').trim() : '';
  return {
    product_id: line.productId ?? '',
    quantity: line.quantity.trim(),
    unit_price: line.unitPrice.trim(),
    // A line takes a percentage or a flat amount, not both (the API refuses both).
    discount_percentage: isFlatDiscount(line) ? '0' : line.discountPercentage.trim() || '0',
    ...(flat ? { discount_amount: flat } : {}),
    gst_rate: line.gstRate.trim(),
    is_gst_inclusive: line.isGstInclusive,
  };
}

/**
 * What the API would say of a flat discount above the line's value (quantity x price, without
 * GST): the same limit and words, shown while typing. Null when there is nothing to say yet.
 */
export function flatDiscountProblem(line: LineDraft): string | null {
  if (!isFlatDiscount(line)) return null;
  const wire = lineToWire(line);
  if (!wire.discount_amount || ![wire.quantity, wire.unit_price, wire.discount_amount, wire.gst_rate].every(isDecimalString)) return null;
  const gross = lineGross({
    quantity: wire.quantity,
    unitPrice: wire.unit_price,
    gstRate: wire.gst_rate,
    priceIncludesGst: wire.is_gst_inclusive,
  });
  return dec(wire.discount_amount).gt(dec(gross))
    ? `must be at most ${gross}, the line's value before discount and tax (quantity x price${wire.is_gst_inclusive ? ', without GST' : ''})`
    : null;
}

/**
 * The same check the API applies to a line (`voucherItemInputSchema`): only a line the server
 * would accept contributes to the live totals, written in the canonical form it would store.
 */
function normalisedLine(line: LineDraft) {
  if (!line.productId) return null;
  const wire = lineToWire(line);
  if (![wire.quantity, wire.unit_price, wire.discount_percentage, wire.gst_rate, wire.discount_amount ?? '0'].every(isDecimalString))
    return null;
  const parsed = voucherItemInputSchema.safeParse(wire);
  if (!parsed.success || flatDiscountProblem(line)) return null;
  const item = parsed.data;
  return {
    quantity: item.quantity,
    unitPrice: item.unit_price ?? '0',
    discountPercentage: item.discount_percentage,
    discountFlat: item.discount_amount ?? null,
    gstRate: item.gst_rate ?? '0',
    priceIncludesGst: item.is_gst_inclusive ?? false,
  };
}

export interface SupplyContext {
  def: VoucherTypeDefinition;
  organizationStateCode: string | null;
  partyStateCode: string | null;
  placeOfSupply: string | null;
}

export function supplyOf(ctx: SupplyContext): PlaceOfSupply | null {
  if (!ctx.organizationStateCode) return null;
  return resolvePlaceOfSupply({
    rule: ctx.def.supplyRule ?? 'organization_supplies',
    organizationStateCode: ctx.organizationStateCode,
    partyStateCode: ctx.partyStateCode,
    requestedPlaceOfSupply: hasHeaderField(ctx.def, 'place_of_supply') ? ctx.placeOfSupply : null,
  });
}

/**
 * Live totals by the server's own arithmetic (`computeVoucher` from packages/contracts): the
 * figures shown while typing are the figures the saved voucher will carry.
 */
export function computeLiveTotals(lines: readonly LineDraft[], ctx: SupplyContext): LiveTotals {
  const supply = supplyOf(ctx);
  const interState = supply?.isInterState ?? false;
  const normalised = lines.map(normalisedLine);
  const valid = normalised.filter((l): l is NonNullable<typeof l> => l !== null);
  const computed = computeVoucher(valid, interState);
  let next = 0;
  const perLine = normalised.map((l) => (l === null ? null : computed.lines[next++]!));
  const incompleteLines = lines.filter((l, i) => normalised[i] === null && (l.productId !== null || l.unitPrice !== '')).length;
  return { supply, lines: perLine, totals: computed.totals, incompleteLines };
}
