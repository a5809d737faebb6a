import {
  dec,
  draftNote,
  formatDateAs,
  stockSign,
  type NoteLine,
  type OriginalLine,
  type PlaceOfSupply,
  type VoucherAmounts,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { AppError, validationError } from '../../lib/app-error';
import { findVoucherMovements, type StockMovement } from '../stock';
import { findNotedSoFar, lockNoteOriginal } from './notes.repo';
import type { VoucherCreateInput } from './vouchers.draft';
import { findVoucherLines, type VoucherLineRow, type VoucherRow } from './vouchers.repo';

/**
 * A credit or debit note worked out against its original (BOOKS.md, "Returns"): the original
 * locked and checked (same party, not cancelled, not dated after the note), its lines taken at its
 * rates within what earlier notes left (`draftNote`), its place of supply, and the goods' movements
 * at the cost the original moved them at.
 */
export interface PreparedNote {
  original: VoucherRow;
  /** The original's lines by id (the note's lines print as they did). */
  originalLines: ReadonlyMap<string, VoucherLineRow>;
  lines: NoteLine[];
  amounts: VoucherAmounts;
  supply: PlaceOfSupply;
  movements: StockMovement[];
  /** The products of the lines that move goods, sorted: their stock rows are locked next. */
  productIds: string[];
}

export async function prepareNote(
  tx: Executor,
  def: VoucherTypeDefinition,
  organizationId: string,
  body: Pick<VoucherCreateInput, 'againstVoucherId' | 'noteItems' | 'partyId' | 'date'>,
  dateFormat: string | null | undefined,
): Promise<PreparedNote> {
  const against = def.against!;
  const kinds = against.types.join(' or ');
  const original = await lockNoteOriginal(tx, organizationId, against.types, body.againstVoucherId!);
  if (!original) throw validationError('against_voucher_id', `No ${kinds} voucher with this id in your organisation`);
  if (original.status === 'cancelled') {
    throw validationError('against_voucher_id', `${original.voucherNumber} is cancelled: no note can be made against it`);
  }
  const partyField = `${def.party!.kind}_id`;
  if (against.sameParty && body.partyId && body.partyId !== original.partyId) {
    throw validationError(partyField, `must be the ${def.party!.kind} of ${original.voucherNumber} (${original.partyName})`);
  }
  if (against.onOrAfterOriginal && body.date < original.voucherDate) {
    throw validationError(
      'date',
      `must not be before the date of ${original.voucherNumber} (${formatDateAs(original.voucherDate, dateFormat ?? undefined)})`,
    );
  }
  const [stored, notedSoFar, moved] = await Promise.all([
    findVoucherLines(tx, organizationId, original.id),
    findNotedSoFar(tx, organizationId, original.id),
    findVoucherMovements(tx, organizationId, original.id),
  ]);
  const originalLines: OriginalLine[] = stored.map((l) => ({
    id: l.id,
    lineNo: l.lineNo,
    productId: l.productId,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercentage: l.discountPercentage,
    discountFlat: l.discountFlat != null,
    gstRate: l.gstRate,
    isGstInclusive: l.isGstInclusive,
    discountAmount: l.discountAmount,
    taxableAmount: l.taxableAmount,
    cgstAmount: l.cgstAmount,
    sgstAmount: l.sgstAmount,
    igstAmount: l.igstAmount,
  }));
  const byId = new Map(stored.map((l) => [l.id, l]));
  const drafted = draftNote({
    originalNumber: original.voucherNumber,
    originalLines,
    notedSoFar,
    requests: body.noteItems!.map((i) => ({ againstLineId: i.againstLineId, quantity: i.quantity, taxableValue: i.taxableValue })),
    isInterState: original.isInterState,
    unitOf: (line) => byId.get(line.id)!.unit,
  });
  if (!drafted.ok) {
    const [first] = drafted.problems;
    throw new AppError('VALIDATION_ERROR', `${first!.field}: ${first!.message}`, { errors: drafted.problems });
  }
  // The cost each original line moved its goods at: the original's stock rows, one per line in
  // line order within each product (findVoucherMovements lists them by product, then in order).
  const costs = unitCostsByLine(stored, moved);
  const sign = stockSign(def);
  const direction = dec(String(sign));
  const movements: StockMovement[] = [];
  drafted.lines.forEach((line, i) => {
    if (sign === 0 || !line.movesStock) return;
    const change = dec(line.quantity).times(direction);
    const unitCost = costs.get(line.againstLineId);
    movements.push({
      productId: line.productId,
      change,
      // Back in (or out) at the cost the original moved them at (BOOKS.md, "Stock value"); at the average when unknown.
      cost: unitCost === undefined ? undefined : change.times(dec(unitCost)),
      field: `items.${i}.quantity`,
    });
  });
  const productIds = [...new Set(drafted.lines.map((l) => l.productId))].sort();
  return {
    original,
    originalLines: byId,
    lines: drafted.lines,
    amounts: drafted.amounts,
    supply: {
      supplierStateCode: original.supplierStateCode,
      placeOfSupply: original.placeOfSupply,
      isInterState: original.isInterState,
    } as PlaceOfSupply,
    movements,
    productIds,
  };
}

function unitCostsByLine(
  lines: readonly VoucherLineRow[],
  moved: readonly { productId: string; quantityChange: string; unitCost: string }[],
): Map<string, string> {
  const rows = new Map<string, string[]>();
  for (const m of moved) rows.set(m.productId, [...(rows.get(m.productId) ?? []), m.unitCost]);
  const costs = new Map<string, string>();
  for (const line of [...lines].sort((a, b) => a.lineNo - b.lineNo)) {
    const cost = rows.get(line.productId)?.shift();
    if (cost !== undefined) costs.set(line.id, cost);
  }
  return costs;
}
