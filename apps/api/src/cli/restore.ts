/**
 * `npm run restore -- <file> [--replace]`: a backup into the configured database (README "Backup
 * and restore"), then the integrity check of what was restored. Exit 0 restored and clean; 1
 * restored but the integrity check found problems (listed); 2 nothing restored (the reason).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchDirectory } from '../config';
import { createPgHandle } from '../db/client';
import { createProgress } from '../lib/progress';
import { BackupError, restorePgBackup, restorePgliteBackup, type RestoreResult } from '../modules/backup';
import { formatReport } from '../modules/integrity';
import { cliLogger, loadConfigOrStop, ownerUrl, rootMessage, stop, where } from './owner-database';

const USAGE =
  'Usage: npm run restore -- <file> [--replace]   (into DATABASE_URL, else the embedded database in DATA_DIR; --replace: replace a database that is there)';

let parsed;
try {
  parsed = parseArgs({
    options: { replace: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
} catch (err) {
  stop(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
if (parsed.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [named, ...extra] = parsed.positionals;
if (!named || extra.length) stop(`Name one backup file\n${USAGE}`);
// npm runs the script in apps/api: a relative name is the operator's, from where they typed it.
const file = path.resolve(launchDirectory(), named);
const replace = parsed.values.replace === true;

const config = loadConfigOrStop();
const logger = cliLogger();
const progress = createProgress('Restore');
let result: RestoreResult | undefined;
try {
  if (config.database.driver === 'pg') {
    const url = ownerUrl(config);
    const handle = createPgHandle(
      { url, poolSize: 1, poolTimeoutMs: config.database.poolTimeoutMs, statementTimeoutMs: 0, applicationName: 'tritiq-restore' },
      logger,
    );
    try {
      result = await restorePgBackup({ file, handle, pgUrl: url, replace, logger, progress });
    } finally {
      await handle.close().catch(() => undefined);
    }
  } else {
    result = await restorePgliteBackup({ file, dataDir: config.dataDir, replace, logger, progress });
  }
} catch (err) {
  progress.abort();
  const message =
    err instanceof BackupError || (err instanceof Error && err.name === 'DataDirLockedError') ? err.message : rootMessage(err);
  stop(`Could not restore into ${where(config)}: ${message}`);
}
const m = result.manifest;
if (!result.integrity.ok) {
  progress.abort();
  process.stdout.write(`${formatReport(result.integrity)}\n`);
  process.stderr.write(`Restored ${file} into ${where(config)}, but the integrity check found problems (above).\n`);
  process.exit(1);
}
progress.finish(
  `Restored the backup of ${m.created_at} (app ${m.app_version}, schema ${m.schema_migration.tag}, ${m.counts.organizations} organisations, ${m.counts.vouchers} vouchers) into ${where(config)}; integrity check passed`,
);
if (result.replacedDir) process.stderr.write(`The database it replaced is kept in ${result.replacedDir}\n`);
