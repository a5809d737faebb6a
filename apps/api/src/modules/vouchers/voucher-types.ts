import { STORED_HEADER_FIELDS, voucherTypes, type VoucherTypeDefinition } from '@tritiq/contracts';

/**
 * What this engine executes today, beyond what a definition may say: party-bearing vouchers of item
 * lines, with header fields it has columns for. The books and returns issues extend the engine
 * (ledger lines, no lines, vouchers made against others, the posting rule) and shrink this list.
 */
export function engineSupportProblems(def: VoucherTypeDefinition): string[] {
  const problems: string[] = [];
  if (def.lines !== 'items') problem(`${def.lines} lines`);
  if (!def.party?.required) problem('a voucher without a required party');
  if (def.against && def.against.purpose !== 'return') problem('vouchers made against others to settle them');
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
