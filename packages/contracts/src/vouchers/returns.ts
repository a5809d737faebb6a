import { computeLine, roundToRupee, type LineAmounts, type LineInput, type VoucherAmounts } from '../gst/compute';
import { dec, sum, toMoney, toQuantity, ZERO, type Decimal } from '../money';

/**
 * The arithmetic of a credit or debit note (BOOKS.md, "Returns"), shared by the API (which alone
 * decides what is stored, under a lock on the original) and the web app (live totals of the note
 * form). Each line of a note names a line of the original and takes its price, discount, GST rate
 * and inclusive flag (a flat discount in proportion to the quantity noted); the note takes the original's place of supply (so its CGST/SGST or IGST).
 * Over all the notes of one invoice, no line returns more than was sold, nor more taxable value.
 * Returning the rest of a line takes exactly what the earlier notes left of each amount, so that
 * an invoice returned in parts nets to zero to the paisa.
 */

/** A line of the original, as stored. */
export interface OriginalLine {
  id: string;
  lineNo: number;
  productId: string;
  quantity: string;
  unitPrice: string;
  discountPercentage: string;
  /** The discount was a flat amount (`discountAmount`) rather than the percentage. */
  discountFlat?: boolean;
  gstRate: string;
  isGstInclusive: boolean;
  discountAmount: string;
  taxableAmount: string;
  cgstAmount: string;
  sgstAmount: string;
  igstAmount: string;
}

/** What the active notes made against one original line so far have taken of it. */
export interface NotedSoFar {
  quantity: string;
  discountAmount: string;
  taxableAmount: string;
  cgstAmount: string;
  sgstAmount: string;
  igstAmount: string;
}

export interface NoteLineRequest {
  againstLineId: string;
  /** 0 on a value-only line. */
  quantity: string;
  /** A value-only line's taxable value. */
  taxableValue?: string | null;
}

/** A note line, worked out: what is stored (the original's rates) and its amounts. */
export interface NoteLine extends LineInput, LineAmounts {
  againstLineId: string;
  productId: string;
  /** Whether the line moves goods (a value-only line does not). */
  movesStock: boolean;
  original: OriginalLine;
}

export interface NoteProblem {
  /** The request field at fault, e.g. `items.1.quantity`. */
  field: string;
  message: string;
}

export type NoteDraft = { ok: true; lines: NoteLine[]; amounts: VoucherAmounts } | { ok: false; problems: NoteProblem[] };

const NOTHING: NotedSoFar = {
  quantity: '0',
  discountAmount: '0',
  taxableAmount: '0',
  cgstAmount: '0',
  sgstAmount: '0',
  igstAmount: '0',
};

/** What is left of an original line to return: quantity and taxable value. */
export function remainingOfLine(line: OriginalLine, soFar: NotedSoFar | undefined): { quantity: Decimal; taxable: Decimal } {
  const used = soFar ?? NOTHING;
  return {
    quantity: dec(line.quantity).minus(dec(used.quantity)),
    taxable: dec(line.taxableAmount).minus(dec(used.taxableAmount)),
  };
}

function restOf(line: OriginalLine, used: NotedSoFar): LineAmounts {
  const less = (a: string, b: string) => dec(a).minus(dec(b));
  const taxable = less(line.taxableAmount, used.taxableAmount);
  const cgst = less(line.cgstAmount, used.cgstAmount);
  const sgst = less(line.sgstAmount, used.sgstAmount);
  const igst = less(line.igstAmount, used.igstAmount);
  return {
    discountAmount: toMoney(less(line.discountAmount, used.discountAmount)),
    taxableAmount: toMoney(taxable),
    cgstAmount: toMoney(cgst),
    sgstAmount: toMoney(sgst),
    igstAmount: toMoney(igst),
    totalAmount: toMoney(taxable.plus(cgst).plus(sgst).plus(igst)),
  };
}

/**
 * The note's lines and totals from its request, the original's lines and what earlier notes took;
 * or every problem, each naming its request field (`unit` names the quantities in messages).
 */
export function draftNote(input: {
  originalNumber: string;
  originalLines: readonly OriginalLine[];
  notedSoFar: ReadonlyMap<string, NotedSoFar>;
  requests: readonly NoteLineRequest[];
  isInterState: boolean;
  unitOf?: (line: OriginalLine) => string;
}): NoteDraft {
  const byId = new Map(input.originalLines.map((l) => [l.id, l]));
  const problems: NoteProblem[] = [];
  const lines: NoteLine[] = [];
  input.requests.forEach((req, i) => {
    const at = `items.${i}`;
    const original = byId.get(req.againstLineId);
    if (!original) {
      problems.push({ field: `${at}.against_line_id`, message: `is not a line of ${input.originalNumber}` });
      return;
    }
    const unit = input.unitOf ? ` ${input.unitOf(original)}` : '';
    const used = input.notedSoFar.get(original.id) ?? NOTHING;
    const left = remainingOfLine(original, used);
    const quantity = dec(req.quantity);
    let line: LineInput;
    let amounts: LineAmounts;
    if (quantity.gt(ZERO)) {
      if (quantity.gt(left.quantity)) {
        problems.push({
          field: `${at}.quantity`,
          message:
            `must be at most ${toQuantity(left.quantity)}${unit}: line ${original.lineNo} of ${input.originalNumber} ` +
            `has ${toQuantity(dec(original.quantity))}${unit}, of which earlier notes took ${toQuantity(dec(used.quantity))}${unit}`,
        });
        return;
      }
      const rest = quantity.eq(left.quantity);
      line = {
        quantity: toQuantity(quantity),
        unitPrice: original.unitPrice,
        discountPercentage: original.discountPercentage,
        // A flat discount goes with the goods: its share for the quantity noted (the rest of the
        // line takes what earlier notes left of it, below).
        discountFlat: original.discountFlat
          ? toMoney(
              rest
                ? dec(original.discountAmount).minus(dec(used.discountAmount))
                : dec(original.discountAmount).times(quantity).div(dec(original.quantity)),
            )
          : null,
        gstRate: original.gstRate,
        priceIncludesGst: original.isGstInclusive,
      };
      // The rest of the line: exactly what is left of each amount, so the notes add up to the line.
      amounts = rest ? restOf(original, used) : computeLine(line, input.isInterState);
    } else {
      const value = dec(req.taxableValue!);
      line = {
        quantity: '0.000',
        unitPrice: toMoney(value),
        discountPercentage: '0.00',
        discountFlat: null,
        gstRate: original.gstRate,
        priceIncludesGst: false,
      };
      amounts = computeLine({ ...line, quantity: '1' }, input.isInterState);
    }
    if (dec(amounts.taxableAmount).gt(left.taxable)) {
      problems.push({
        field: quantity.gt(ZERO) ? `${at}.quantity` : `${at}.taxable_value`,
        message:
          `takes ${amounts.taxableAmount} of taxable value, more than the ${toMoney(left.taxable)} left of line ${original.lineNo} ` +
          `of ${input.originalNumber} (${original.taxableAmount}, of which earlier notes took ${toMoney(dec(used.taxableAmount))})`,
      });
      return;
    }
    lines.push({ ...line, ...amounts, againstLineId: original.id, productId: original.productId, movesStock: quantity.gt(ZERO), original });
  });
  if (problems.length > 0) return { ok: false, problems };
  const total = sum(lines.map((l) => dec(l.totalAmount)));
  const { roundOff, grandTotal } = roundToRupee(total);
  const add = (pick: (l: NoteLine) => string) => toMoney(sum(lines.map((l) => dec(pick(l)))));
  return {
    ok: true,
    lines,
    amounts: {
      lines: lines.map(({ discountAmount, taxableAmount, cgstAmount, sgstAmount, igstAmount, totalAmount }) => ({
        discountAmount,
        taxableAmount,
        cgstAmount,
        sgstAmount,
        igstAmount,
        totalAmount,
      })),
      totals: {
        discountAmount: add((l) => l.discountAmount),
        taxableAmount: add((l) => l.taxableAmount),
        cgstAmount: add((l) => l.cgstAmount),
        sgstAmount: add((l) => l.sgstAmount),
        igstAmount: add((l) => l.igstAmount),
        totalAmount: toMoney(total),
        roundOff: toMoney(roundOff),
        grandTotal: toMoney(grandTotal),
      },
    },
  };
}
