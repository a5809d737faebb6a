import { billSideOf, findVoucherType, STORED_HEADER_FIELDS, voucherTypes, type VoucherTypeDefinition } from '@tritiq/contracts';

/**
 * What this engine executes today, beyond what a definition may say: item lines with a required
 * party (invoices), no lines with a header amount (receipts, payments: settling the party's bills),
 * or ledger lines (journals, contra), with header fields it has columns for. The returns issue
 * extends it to vouchers made against an original (notes) and shrinks this list.
 */
export function engineSupportProblems(def: VoucherTypeDefinition): string[] {
  const problems: string[] = [];
  if (def.lines === 'items' && !def.party?.required) problem('item lines without a required party');
  if (def.against?.purpose === 'return' && def.lines !== 'items') problem('a note without item lines');
  if (def.against?.purpose === 'settlement' && def.lines !== 'none') problem('settling bills with lines');
  for (const field of def.headerFields) {
    if (!(STORED_HEADER_FIELDS as readonly string[]).includes(field.name)) problem(`the header field "${field.name}"`);
  }
  return problems;
  function problem(what: string) {
    problems.push(`${what} (not yet supported by the voucher engine)`);
  }
}

/**
 * The registered types, each checked against what the engine can do: a type it cannot serve stops
 * the API at start, naming the type and why, rather than failing on its first request.
 */
export function servedVoucherTypes(): readonly VoucherTypeDefinition[] {
  const types = voucherTypes();
  for (const def of types) {
    const problems = engineSupportProblems(def);
    if (problems.length > 0) throw new Error(`Voucher type "${def.type}" cannot be served: ${problems.join('; ')}`);
  }
  return types;
}

/**
 * The side of the bills a type settles: a settling type (receipt, payment) that of the invoices it
 * is made against; a note that takes the original's outstanding (credit note, debit note) that of
 * the original's bill, which it is allocated to (BOOKS.md, "Returns"). Null for every other type.
 */
export function settledSide(def: VoucherTypeDefinition): 'receivable' | 'payable' | null {
  const against = def.against;
  if (!against) return null;
  if (against.purpose !== 'settlement' && !(against.purpose === 'return' && against.takes.includes('outstanding'))) return null;
  for (const type of against.types) {
    const original = findVoucherType(type);
    const side = original ? billSideOf(original) : null;
    if (side) return side;
  }
  return null;
}
