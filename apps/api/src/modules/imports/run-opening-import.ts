import {
  camelizeKeys,
  type Camelized,
  IMPORT_FIELDS,
  openingBalanceInput,
  openingBillInput,
  openingStockInput,
  requiredText,
  type ImportReport,
  type importRequestSchema,
  type OpeningImportKind,
} from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import type { SessionManager } from '../../db/session';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import {
  createOpeningBill,
  getOpeningBalances,
  listOpeningBills,
  listOpeningStock,
  setLedgerOpening,
  setOpeningStock,
  updateOpeningBill,
} from '../accounts';
import { partyNameKeys } from '../parties';
import { productKeys } from '../products';
import { importCell, importRefused, importReport, readSheet, resolveMapping } from './imports.parse';
import type { ImportDeps, ImportProgress } from './run-import';

type ImportRequest = Camelized<z.output<typeof importRequestSchema>>;
type Problem = ImportReport['problems'][number];

const MAX_LISTED = 1_000;
const MONEY_FIELDS = new Set(['quantity', 'rate', 'amount']);
const SIDES: Record<string, 'debit' | 'credit'> = { dr: 'debit', debit: 'debit', d: 'debit', cr: 'credit', credit: 'credit', c: 'credit' };

/** "15-03-2025", "15/03/2025" and "15.03.2025" (Indian order) as yyyy-mm-dd; anything else is left for the schema to refuse. */
function isoDate(cell: string): string {
  const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(cell);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : cell;
}

/** A cell as the opening-balances API takes it: "₹1,50,000.00" as a decimal, "1,50,000 Cr" giving the side too. */
function rowValues(fields: Map<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [field, cell] of fields) {
    if (cell === '') continue;
    if (MONEY_FIELDS.has(field)) {
      let plain = cell.replace(/^rs\.?/i, '').replace(/[₹,\s]/g, '');
      const side = /(dr|cr)$/i.exec(plain);
      if (side && field === 'amount') {
        plain = plain.slice(0, -2);
        if (!fields.get('side')) raw.side = SIDES[side[1]!.toLowerCase()];
      }
      raw[field] = plain === '' ? cell : plain;
    } else if (field === 'side') raw.side = SIDES[cell.toLowerCase().replace(/\.$/, '')] ?? cell;
    else if (field === 'party_kind') raw.party_kind = cell.toLowerCase();
    else if (field === 'date' || field === 'due_date') raw[field] = isoDate(cell);
    else raw[field] = cell;
  }
  return raw;
}

const ROW_SCHEMAS = {
  opening_stock: [z.object({ product: requiredText(200) }), openingStockInput],
  ledger_openings: [z.object({ ledger: requiredText(200) }), openingBalanceInput],
  opening_bills: [
    z.object({
      party: requiredText(200),
      party_kind: z.enum(['customer', 'vendor'], { message: 'must be customer or vendor' }).optional(),
    }),
    openingBillInput,
  ],
} as const;

/** What a row sets, once its product, ledger or party is found: `existing` when it replaces an opening already there. */
interface Write {
  line: number;
  /** What a row replacing an existing opening says when "update existing" is off, and under which field. */
  conflict: { field: string; message: string };
  existing: boolean;
  apply: (accounts: AccountsPort) => Promise<unknown>;
}

type AccountsPort = Parameters<typeof setOpeningStock>[0];

/** Thrown to roll a dry run back once it has run every row through the opening-balances use cases. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports opening stock, ledger opening balances or party opening bills (README "Import"). Every
 * row goes through the opening-balances use cases themselves (`setOpeningStock`,
 * `setLedgerOpening`, `createOpeningBill`/`updateOpeningBill` of modules/accounts), each in a
 * savepoint of one transaction, so the import applies exactly their rules (the books lock, a bill
 * dated on or before the books start, negative stock, the column limits, a reference used twice)
 * and audits each change as they do. A dry run (the default) runs them all and rolls back; an
 * import commits only when no row has a problem, with one `import.completed` event.
 */
export async function runOpeningImport(
  deps: ImportDeps,
  actor: Actor,
  kind: OpeningImportKind,
  input: ImportRequest,
  progress: ImportProgress,
): Promise<Camelized<ImportReport>> {
  progress.stage('reading the file');
  const sheet = await readSheet(Buffer.from(input.contentBase64, 'base64'));
  progress.stage('checking rows', sheet.rows.length);
  const mapping = resolveMapping(kind, sheet, input.mapping);
  const fields = IMPORT_FIELDS[kind];
  const missing = fields.filter((f) => f.required && !mapping.includes(f.key)).map((f) => f.key);
  const columnOf = new Map(mapping.flatMap((f, i) => (f ? [[f, sheet.headings[i]!] as const] : [])));
  const problems: Problem[] = [];
  let problemCount = 0;
  const problem = (row: number, field: string | null, message: string) => {
    problemCount++;
    if (problems.length < MAX_LISTED) problems.push({ row, column: field ? (columnOf.get(field) ?? null) : null, field, message });
  };
  for (const key of missing) problem(1, key, `no column is mapped to the required field "${fields.find((f) => f.key === key)!.label}"`);

  const rows: { line: number; values: Record<string, unknown> }[] = [];
  if (missing.length === 0) {
    const [lookup, body] = ROW_SCHEMAS[kind];
    for (const [n, { line, cells }] of sheet.rows.entries()) {
      if (n % 500 === 0) progress.update(n);
      const cellsByField = new Map<string, string>();
      let bad = false;
      for (const [i, field] of mapping.entries()) {
        if (!field) continue;
        const { text, formula } = importCell(cells[i]);
        if (formula) {
          problem(line, field, 'starts with = or @: a formula is not data');
          bad = true;
        }
        cellsByField.set(field, text);
      }
      if (bad) continue;
      const raw = rowValues(cellsByField);
      if (kind === 'ledger_openings' && raw.side === undefined && raw.amount !== undefined) {
        problem(line, 'side', 'is required: Dr or Cr (or end the amount with Dr or Cr)');
        continue;
      }
      const parsed = [lookup.safeParse(raw), body.safeParse(raw)];
      const issues = parsed.flatMap((p) => (p.success ? [] : p.error.issues));
      for (const issue of issues) problem(line, String(issue.path[0] ?? '') || null, issue.message);
      if (issues.length === 0) rows.push({ line, values: { ...parsed[0]!.data, ...parsed[1]!.data } as Record<string, unknown> });
    }
  }

  let created = 0;
  let updated = 0;
  const run = async (tx: Executor): Promise<ImportReport> => {
    // The use cases open their transaction through `sessions`: here each is a savepoint of this one,
    // so a refused row rolls back alone and is reported, and the file commits or rolls back as one.
    const sessions: SessionManager = { ...deps.sessions, transaction: (fn) => inSavepoint(tx, fn) };
    const accounts: AccountsPort = { sessions, audit: deps.audit, clock: deps.clock };
    progress.stage('matching against the database', rows.length);
    const writes = await planWrites(tx, accounts, actor, kind, rows, problem);
    progress.stage(input.dryRun ? 'trying each row' : 'writing rows', writes.length);
    for (const [n, w] of writes.entries()) {
      if (n % 50 === 0) progress.update(n);
      if (w.existing && !input.updateExisting) {
        problem(w.line, w.conflict.field, `${w.conflict.message} (turn on "update existing" to replace it)`);
        continue;
      }
      try {
        await w.apply(accounts);
        if (w.existing) updated++;
        else created++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const named = err.options.errors ?? [];
        if (named.length === 0) problem(w.line, null, err.message);
        for (const e of named) problem(w.line, fields.some((f) => f.key === e.field) ? e.field : null, e.message);
      }
    }
    const report = importReport({
      kind,
      fileName: input.fileName,
      dryRun: input.dryRun,
      sheet,
      mapping,
      missing,
      problems,
      problemCount,
      created,
      updated,
    });
    if (input.dryRun) throw new DryRunDone(report);
    if (problemCount > 0) throw importRefused(report);
    await deps.audit.record(tx, {
      ...auditFields(actor),
      action: 'import.completed',
      targetType: 'import',
      targetId: null,
      details: { kind, file_name: input.fileName, rows: sheet.rows.length, created, updated },
    });
    return { ...report, imported: true };
  };
  try {
    return camelizeKeys(await deps.sessions.transaction(run, { ...tenantTx(actor, `import.${kind}`), retry: false }));
  } catch (err) {
    if (err instanceof DryRunDone) return camelizeKeys(err.report);
    throw err;
  }
}

/**
 * Runs `fn` in a savepoint of the caller's transaction, by hand: on the server driver the
 * transaction is a client in BEGIN, not a Drizzle transaction, and Drizzle's nested `transaction`
 * there would send a second BEGIN and commit the outer one early.
 */
async function inSavepoint<T>(tx: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  await tx.execute(sql`SAVEPOINT import_row`);
  let result: T;
  try {
    result = await fn(tx);
  } catch (err) {
    await tx.execute(sql`ROLLBACK TO SAVEPOINT import_row`);
    throw err;
  }
  await tx.execute(sql`RELEASE SAVEPOINT import_row`);
  return result;
}

type ProblemSink = (row: number, field: string | null, message: string) => void;

/** Finds each row's product, ledger or party (by name, case apart) and whether it already has an opening. */
async function planWrites(
  tx: Executor,
  accounts: AccountsPort,
  actor: Actor,
  kind: OpeningImportKind,
  rows: { line: number; values: Record<string, unknown> }[],
  problem: ProblemSink,
): Promise<Write[]> {
  const writes: Write[] = [];
  const seen = new Map<string, number>();
  const once = (key: string, line: number, field: string, what: string): boolean => {
    const earlier = seen.get(key);
    if (earlier !== undefined) problem(line, field, `${what} is also on row ${earlier}`);
    else seen.set(key, line);
    return earlier === undefined;
  };
  if (kind === 'opening_stock') {
    const products = await productKeys(tx, actor.organizationId);
    const stock = new Map((await listOpeningStock(accounts, actor)).items.map((i) => [i.productId, i.quantity]));
    for (const { line, values } of rows) {
      const v = values as { product: string; quantity: string; rate: string };
      const id = products.names.get(v.product.toLowerCase()) ?? products.partNumbers.get(v.product);
      if (!id) {
        problem(line, 'product', `no product is named "${v.product}" or has that part number`);
        continue;
      }
      if (!once(id, line, 'product', `"${v.product}"`)) continue;
      const existing = Number(stock.get(id) ?? 0) !== 0;
      writes.push({
        line,
        conflict: { field: 'product', message: `"${v.product}" already has opening stock` },
        existing,
        apply: (a) => setOpeningStock(a, actor, id, v),
      });
    }
  } else if (kind === 'ledger_openings') {
    const ledgers = new Map<string, { id: string; debit: string; credit: string; partyId: string | null }[]>();
    for (const l of (await getOpeningBalances(accounts, actor)).ledgers) {
      const key = l.name.toLowerCase();
      ledgers.set(key, [...(ledgers.get(key) ?? []), { id: l.ledgerId, debit: l.debit, credit: l.credit, partyId: l.partyId }]);
    }
    const parties = new Set([
      ...(await partyNameKeys(tx, actor.organizationId, 'customer')).keys(),
      ...(await partyNameKeys(tx, actor.organizationId, 'vendor')).keys(),
    ]);
    for (const { line, values } of rows) {
      const v = values as { ledger: string; amount: string; side: 'debit' | 'credit' };
      const key = v.ledger.toLowerCase();
      const found = (ledgers.get(key) ?? []).filter((l) => l.partyId === null);
      if (found.length === 0) {
        problem(
          line,
          'ledger',
          parties.has(key)
            ? `"${v.ledger}" is a customer's or vendor's ledger: its opening balance is its opening bills (import those instead)`
            : `no ledger is named "${v.ledger}"`,
        );
        continue;
      }
      if (found.length > 1) {
        problem(line, 'ledger', `${found.length} ledgers are named "${v.ledger}" (in different groups): rename one first`);
        continue;
      }
      const ledger = found[0]!;
      if (!once(ledger.id, line, 'ledger', `"${v.ledger}"`)) continue;
      const existing = Number(ledger.debit) !== 0 || Number(ledger.credit) !== 0;
      writes.push({
        line,
        conflict: { field: 'ledger', message: `"${v.ledger}" already has an opening balance` },
        existing,
        apply: (a) => setLedgerOpening(a, actor, ledger.id, v),
      });
    }
  } else {
    const customers = await partyNameKeys(tx, actor.organizationId, 'customer');
    const vendors = await partyNameKeys(tx, actor.organizationId, 'vendor');
    const bills = new Map<string, Map<string, string>>();
    for (const { line, values } of rows) {
      const v = values as {
        party: string;
        party_kind?: 'customer' | 'vendor';
        ref: string;
        date: string;
        due_date?: string;
        amount: string;
      };
      const key = v.party.toLowerCase();
      const customer = v.party_kind === 'vendor' ? undefined : customers.get(key);
      const vendor = v.party_kind === 'customer' ? undefined : vendors.get(key);
      if (customer && vendor) {
        problem(line, 'party', `"${v.party}" is both a customer and a vendor: say which in a "Party type" column`);
        continue;
      }
      const partyId = customer ?? vendor;
      if (!partyId) {
        problem(line, 'party', `no ${v.party_kind ?? 'customer or vendor'} is named "${v.party}"`);
        continue;
      }
      if (!once(`${partyId}\u0000${v.ref.toLowerCase()}`, line, 'ref', `bill "${v.ref}" of "${v.party}"`)) continue;
      if (!bills.has(partyId)) {
        const list = await listOpeningBills(accounts, actor, partyId);
        bills.set(partyId, new Map(list.items.filter((b) => b.status !== 'cancelled').map((b) => [b.ref.toLowerCase(), b.id])));
      }
      const billId = bills.get(partyId)!.get(v.ref.toLowerCase());
      const input = { ref: v.ref, date: v.date, dueDate: v.due_date, amount: v.amount };
      writes.push({
        line,
        conflict: { field: 'ref', message: `"${v.party}" already has an opening bill "${v.ref}"` },
        existing: billId !== undefined,
        apply: (a) => (billId ? updateOpeningBill(a, actor, billId, input) : createOpeningBill(a, actor, partyId, input)),
      });
    }
  }
  return writes;
}
