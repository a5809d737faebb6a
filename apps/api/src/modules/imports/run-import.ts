import {
  camelizeKeys,
  type Camelized,
  IMPORT_FIELDS,
  partyCreateSchema,
  productCreateSchema,
  type ImportKind,
  type OpeningImportKind,
  type ImportReport,
  type importRequestSchema,
} from '@tritiq/contracts';
import type { z } from 'zod';
import type { SessionManager } from '../../db/session';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { Progress } from '../../lib/progress';
import type { AuditWriter } from '../audit';
import { partyNameKeys, writeImportedParties, type PartyCreate } from '../parties';
import { productKeys, writeImportedProducts, type ProductCreate } from '../products';
import { importCell, importRefused, importReport, readSheet, resolveMapping } from './imports.parse';

/** What an import reports as it goes: the command line draws it (lib/progress); the API passes nothing. */
export type ImportProgress = Pick<Progress, 'stage' | 'update'>;

export interface ImportDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}

type ImportRequest = z.output<typeof importRequestSchema>;
type Problem = ImportReport['problems'][number];

/** Problems listed in an answer (all are counted): a file with every row wrong would otherwise answer megabytes. */
const MAX_LISTED = 1_000;
const BOOLEAN_WORDS: Record<string, boolean> = { yes: true, y: true, true: true, '1': true, no: false, n: false, false: false, '0': false };
const NUMERIC_FIELDS = new Set(['sale_price', 'purchase_price', 'reorder_level', 'gst_rate']);

/** A cell as the API's field takes it: "₹1,250.00" and "18%" as decimals, "yes" as true, "30" as a number of days. */
function fieldValue(field: string, cell: string): unknown {
  if (cell === '') return undefined;
  if (NUMERIC_FIELDS.has(field)) {
    const plain = cell.replace(/[₹,\s%]/g, '').replace(/^rs\.?/i, '');
    return plain === '' ? cell : plain;
  }
  if (field === 'credit_days') return /^\d{1,9}$/.test(cell) ? Number(cell) : cell;
  if (field === 'is_gst_inclusive') return BOOLEAN_WORDS[cell.toLowerCase()] ?? cell;
  return cell;
}

interface ValidRow {
  line: number;
  key: string;
  part: string | null;
  values: PartyCreate | ProductCreate;
}

/**
 * Imports customers, vendors or products from a CSV or .xlsx file (README "Import"). Every row is
 * checked with the API's own schema (the GSTIN's check digit and state code, units, GST rates,
 * prices), names and part numbers against the rest of the file and the database; a dry run (the
 * default) answers the report and writes nothing. Otherwise the whole file is written in one
 * transaction, or nothing when any row has a problem, audited as one `import.completed` event.
 */
export async function runImport(
  deps: ImportDeps,
  actor: Actor,
  kind: Exclude<ImportKind, OpeningImportKind>,
  input: Camelized<ImportRequest>,
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
  const problem = (p: Problem) => {
    problemCount++;
    if (problems.length < MAX_LISTED) problems.push(p);
  };
  for (const key of missing) {
    const f = fields.find((x) => x.key === key)!;
    problem({ row: 1, column: null, field: key, message: `no column is mapped to the required field "${f.label}"` });
  }

  const schema = kind === 'products' ? productCreateSchema : partyCreateSchema;
  const valid: ValidRow[] = [];
  const firstByKey = new Map<string, number>();
  const firstByPart = new Map<string, number>();
  if (missing.length === 0) {
    for (const [n, { line, cells }] of sheet.rows.entries()) {
      if (n % 500 === 0) progress.update(n);
      const raw: Record<string, unknown> = {};
      let bad = false;
      for (const [i, field] of mapping.entries()) {
        if (!field) continue;
        const { text: cell, formula } = importCell(cells[i]);
        if (formula) {
          problem({ row: line, column: sheet.headings[i]!, field, message: 'starts with = or @: a formula is not data' });
          bad = true;
        }
        raw[field] = fieldValue(field, cell);
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          if (bad && /^[=@]/.test(String(raw[field] ?? ''))) continue;
          problem({ row: line, column: columnOf.get(field) ?? null, field: field || null, message: issue.message });
        }
        continue;
      }
      if (bad) continue;
      const values = camelizeKeys(parsed.data) as PartyCreate | ProductCreate;
      const key = values.name.toLowerCase();
      const part = 'partNumber' in values ? (values.partNumber ?? null) : null;
      const earlier = firstByKey.get(key);
      if (earlier !== undefined) {
        problem({ row: line, column: columnOf.get('name') ?? null, field: 'name', message: `"${values.name}" is also on row ${earlier}` });
        continue;
      }
      if (part !== null && firstByPart.has(part)) {
        problem({
          row: line,
          column: columnOf.get('part_number') ?? null,
          field: 'part_number',
          message: `part number "${part}" is also on row ${firstByPart.get(part)}`,
        });
        continue;
      }
      firstByKey.set(key, line);
      if (part !== null) firstByPart.set(part, line);
      valid.push({ line, key, part, values });
    }
  }

  const label = kind === 'products' ? 'product' : kind.slice(0, -1);
  progress.stage('matching against the database', valid.length);
  return deps.sessions.transaction(
    async (tx) => {
      const existing =
        kind === 'products'
          ? await productKeys(tx, actor.organizationId)
          : {
              names: await partyNameKeys(tx, actor.organizationId, kind === 'customers' ? 'customer' : 'vendor'),
              partNumbers: new Map<string, string>(),
            };
      const writes: { id?: string; values: PartyCreate | ProductCreate; line: number }[] = [];
      for (const row of valid) {
        const byName = existing.names.get(row.key);
        const byPart = row.part !== null ? existing.partNumbers.get(row.part) : undefined;
        if (byName && byPart && byName !== byPart) {
          problem({
            row: row.line,
            column: columnOf.get('part_number') ?? null,
            field: 'part_number',
            message: `part number "${row.part}" belongs to another product than the name`,
          });
          continue;
        }
        const id = byName ?? byPart;
        if (id && !input.updateExisting) {
          const [field, what] = byName
            ? ['name', `a ${label} named "${row.values.name}"`]
            : ['part_number', `a product with part number "${row.part}"`];
          problem({
            row: row.line,
            column: columnOf.get(field) ?? null,
            field,
            message: `${what} already exists (turn on "update existing" to update it)`,
          });
          continue;
        }
        writes.push({ id, values: row.values, line: row.line });
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
        created: writes.filter((w) => !w.id).length,
        updated: writes.filter((w) => w.id).length,
      });
      if (input.dryRun) return camelizeKeys(report);
      if (problemCount > 0) throw importRefused(report);
      const now = deps.clock.now();
      progress.stage(`writing ${writes.length.toLocaleString('en-IN')} ${kind}`);
      const counts =
        kind === 'products'
          ? await writeImportedProducts(tx, actor, writes as { id?: string; values: ProductCreate }[], now)
          : await writeImportedParties(
              tx,
              actor,
              kind === 'customers' ? 'customer' : 'vendor',
              writes as { id?: string; values: PartyCreate }[],
              now,
            );
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'import.completed',
        targetType: 'import',
        targetId: null,
        details: { kind, file_name: input.fileName, rows: sheet.rows.length, created: counts.created, updated: counts.updated },
      });
      return camelizeKeys({ ...report, imported: true, ...counts });
    },
    { ...tenantTx(actor, `import.${kind}`, input.dryRun), retry: false },
  );
}
