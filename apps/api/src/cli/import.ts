/**
 * `npm run import -- --org <id or name> --kind <kind> <file.csv|xlsx> [--dry-run]
 * [--update-existing] [--map "Column=field"]... [--as <admin email>]`: a spreadsheet into one
 * organisation of the configured database (DATABASE_URL, else the embedded one in DATA_DIR),
 * through the same use case as `POST /api/v1/imports/:kind` (README "Import"). Progress on stderr;
 * the report on stdout, each problem by row, column and message, then a one-line summary with its
 * time. Exit 0 imported (or a clean dry run); 1 the file has problems (nothing written); 2 bad
 * usage, a file that cannot be read, or a database that cannot be opened.
 */
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_FIELDS, IMPORT_KINDS, IMPORT_MAX_BYTES, usePlainZodMessages, type ImportKind } from '@tritiq/contracts';
import { launchDirectory } from '../config';
import { createSessionManager } from '../db/session';
import { AppError } from '../lib/app-error';
import { newId } from '../lib/ids';
import { createProgress } from '../lib/progress';
import { createAuditWriter } from '../modules/audit';
import { findImportActor, importFile, ImportRefusedError, ImportTargetError } from '../modules/imports';
import { cliLogger, loadConfigOrStop, openOwnerDatabase, rootMessage, stop, where } from './owner-database';

usePlainZodMessages();

const KINDS = IMPORT_KINDS.map((k) => k.replace(/_/g, '-'));
const USAGE = [
  `Usage: npm run import -- --org <id or name> --kind <${KINDS.join('|')}> <file.csv|file.xlsx>`,
  '         [--dry-run] [--update-existing] [--map "Column=field"]... [--as <admin email>]',
  '  --dry-run          check every row and report; write nothing',
  '  --update-existing  update the products, parties or openings the file names again',
  '  --map              match a column to a field by hand ("Column=" ignores it); see the template for the fields',
  '  --as               the organisation admin the import is recorded as (default: its first admin)',
  '  Database: DATABASE_URL, else the embedded one in DATA_DIR.',
].join('\n');

let parsed;
try {
  parsed = parseArgs({
    options: {
      org: { type: 'string' },
      kind: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'update-existing': { type: 'boolean' },
      map: { type: 'string', multiple: true },
      as: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
} catch (err) {
  stop(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
const args = parsed.values;
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!args.org) stop(`Name the organisation with --org (its id or name)\n${USAGE}`);
const kind = args.kind?.replace(/-/g, '_') as ImportKind | undefined;
if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) stop(`--kind must be one of ${KINDS.join(', ')}\n${USAGE}`);
const [named, ...extra] = parsed.positionals;
if (!named || extra.length) stop(`Name one file to import\n${USAGE}`);
const fields = new Set(IMPORT_FIELDS[kind].map((f) => f.key));
const mapping = (args.map ?? []).map((m) => {
  const at = m.lastIndexOf('=');
  if (at <= 0) stop(`--map "${m}" must be "Column=field"\n${USAGE}`);
  const field = m.slice(at + 1).trim();
  if (field !== '' && !fields.has(field)) stop(`--map "${m}": the ${kind} fields are ${[...fields].join(', ')}`);
  return { heading: m.slice(0, at).trim(), field: field === '' ? null : field };
});

// npm runs the script in apps/api: a relative name is the operator's, from where they typed it.
const file = path.resolve(launchDirectory(), named);
let content: Buffer;
try {
  if ((await stat(file)).size > IMPORT_MAX_BYTES)
    stop(`${named} is larger than the limit of ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it`);
  content = await readFile(file);
} catch (err) {
  stop(`Cannot read ${named}: ${err instanceof Error ? err.message : String(err)}`);
}

const config = loadConfigOrStop();
const logger = cliLogger();
const handle = await openOwnerDatabase(config, logger, 'tritiq-import');
const sessions = createSessionManager(handle, { logger, retry: { maxRetries: config.dbMaxRetries } });
const deps = { sessions, audit: createAuditWriter({ securityLogger: logger, newId }), clock: { now: () => new Date() } };
const dryRun = args['dry-run'] === true;
const progress = createProgress(dryRun ? 'Import (dry run)' : 'Import');
try {
  const { actor, organizationName } = await findImportActor(
    sessions,
    { organization: args.org, asEmail: args.as },
    { ip: '127.0.0.1', userAgent: `npm run import (${os.userInfo().username}@${os.hostname()})`, requestId: newId() },
  );
  const report = await importFile(
    deps,
    actor,
    kind,
    {
      fileName: path.basename(file),
      contentBase64: content.toString('base64'),
      dryRun,
      updateExisting: args['update-existing'] === true,
      mapping: mapping.length ? mapping : undefined,
    },
    progress,
  );
  progress.abort();
  const out: string[] = [];
  out.push(`Columns: ${report.columns.map((c) => `${c.heading} -> ${c.field ?? '(ignored)'}`).join('; ')}`);
  for (const p of report.problems) out.push(`row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
  if (report.problemCount > report.problems.length)
    out.push(`… and ${(report.problemCount - report.problems.length).toLocaleString('en-IN')} more problem(s)`);
  process.stdout.write(`${out.join('\n')}\n`);
  const counts = `${report.created.toLocaleString('en-IN')} to create, ${report.updated.toLocaleString('en-IN')} to update`;
  const what = `${report.rows.toLocaleString('en-IN')} rows of ${report.fileName} (${kind.replace(/_/g, ' ')}) into ${organizationName} as ${actor.email}`;
  if (report.problemCount > 0) {
    progress.finish(
      `Dry run of ${what}: ${report.problemCount.toLocaleString('en-IN')} problem(s), nothing written (${counts} once fixed)`,
    );
    process.exitCode = 1;
  } else if (dryRun) {
    progress.finish(`Dry run of ${what}: no problems, nothing written (${counts})`);
  } else {
    progress.finish(
      `Imported ${what}: ${report.created.toLocaleString('en-IN')} created, ${report.updated.toLocaleString('en-IN')} updated`,
    );
  }
} catch (err) {
  progress.abort();
  if (err instanceof ImportRefusedError) {
    // An import (not a dry run) of rows with problems: the refusal lists the first 50.
    for (const e of err.options.errors ?? []) process.stdout.write(`${e.field}: ${e.message}\n`);
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  } else {
    const message =
      err instanceof ImportTargetError
        ? err.message
        : err instanceof AppError
          ? `${err.message}${err.options.errors?.length ? `: ${err.options.errors.map((e) => `${e.field} ${e.message}`).join('; ')}` : ''}`
          : rootMessage(err);
    process.stderr.write(`Could not import into ${where(config)}: ${message}\n`);
    process.exitCode = 2;
  }
} finally {
  await handle.close().catch(() => undefined);
}
