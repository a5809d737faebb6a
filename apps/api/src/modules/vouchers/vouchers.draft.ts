import {
  computeVoucher,
  dec,
  lineGross,
  resolvePlaceOfSupply,
  stockSign,
  type Camelized,
  type LineInput,
  type PlaceOfSupply,
  type VoucherAmounts,
  type VoucherCreateBody,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { validationError } from '../../lib/app-error';
import type { LockedProductStock, StockMovement } from '../stock';

/** A create request as the use cases read it (camelCase). */
export type VoucherCreateInput = Camelized<VoucherCreateBody>;

/** numeric(14,2) holds less than 10^12 rupees. */
const AMOUNT_LIMIT = dec('1000000000000');

export interface VoucherDraft {
  lines: (LineInput & { productId: string })[];
  supply: PlaceOfSupply;
  amounts: VoucherAmounts;
  /** What the voucher does to stock, line by line, in the type's direction (none for a type that moves no stock). */
  movements: StockMovement[];
}

/**
 * Everything a voucher will say, worked out before anything is written: each line's price,
 * discount and rate (the product's unless the line gives its own), where the supply is made,
 * and every amount. Pure: the caller has already checked that party and products exist.
 */
export function draftVoucher(
  def: VoucherTypeDefinition,
  body: Pick<VoucherCreateInput, 'items' | 'placeOfSupply'>,
  context: { organizationStateCode: string; partyStateCode: string | null; products: ReadonlyMap<string, LockedProductStock> },
): VoucherDraft {
  const lines = body.items.map((item) => {
    const product = context.products.get(item.productId);
    if (!product) throw new Error(`Product ${item.productId} was not loaded`);
    return {
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: item.unitPrice ?? (def.defaultPrice === 'purchase' ? product.purchasePrice : product.salePrice),
      discountPercentage: item.discountPercentage,
      discountFlat: item.discountAmount ?? null,
      gstRate: item.gstRate ?? product.gstRate,
      priceIncludesGst: item.isGstInclusive ?? product.isGstInclusive,
    };
  });
  const supply = resolvePlaceOfSupply({
    rule: def.supplyRule!,
    organizationStateCode: context.organizationStateCode,
    partyStateCode: context.partyStateCode,
    requestedPlaceOfSupply: body.placeOfSupply,
  });
  lines.forEach((l, i) => {
    if (l.discountFlat == null) return;
    const gross = lineGross(l);
    if (dec(l.discountFlat).gt(dec(gross))) {
      throw validationError(
        `items.${i}.discount_amount`,
        `must be at most ${gross}, the line's value before discount and tax (quantity x price${l.priceIncludesGst ? ', without GST' : ''})`,
      );
    }
  });
  const amounts = computeVoucher(lines, supply.isInterState);
  amounts.lines.forEach((l, i) => {
    if (dec(l.totalAmount).gte(AMOUNT_LIMIT)) {
      throw validationError(`items.${i}.quantity`, 'makes the line amount too large (at most 99,999,99,99,999.99)');
    }
  });
  if (dec(amounts.totals.grandTotal).gte(AMOUNT_LIMIT))
    throw validationError('items', 'the voucher total is too large (at most 99,999,99,99,999.99)');
  const sign = stockSign(def);
  const direction = dec(String(sign));
  const movements =
    sign === 0
      ? []
      : lines.map((l, i) => ({
          productId: l.productId,
          change: dec(l.quantity).times(direction),
          // Goods bought come in at their taxable value (GST is input credit, not cost); goods
          // going out leave at the average cost (BOOKS.md, "Stock value").
          cost: sign > 0 && !def.against ? dec(amounts.lines[i]!.taxableAmount) : undefined,
          field: `items.${i}.quantity`,
        }));
  return { lines, supply, amounts, movements };
}
