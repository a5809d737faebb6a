/**
 * `npm run backup -- <file>`: the whole configured database into one file (README "Backup and
 * restore"). Exit 0 written; 2 could not (the reason on stderr).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchDirectory } from '../config';
import { createProgress, formatBytes } from '../lib/progress';
import { BackupError, createBackup } from '../modules/backup';
import { cliLogger, loadConfigOrStop, openOwnerDatabase, ownerUrl, rootMessage, stop, where } from './owner-database';

const USAGE = 'Usage: npm run backup -- <file>   (database: DATABASE_URL, else the embedded one in DATA_DIR)';

let parsed;
try {
  parsed = parseArgs({ options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
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

const config = loadConfigOrStop();
const handle = await openOwnerDatabase(config, cliLogger(), 'tritiq-backup');
const progress = createProgress('Backup');
try {
  const result = await createBackup({
    handle,
    pgUrl: config.database.driver === 'pg' ? ownerUrl(config) : undefined,
    appVersion: config.version,
    file,
    progress,
  });
  const m = result.manifest;
  progress.finish(
    `Backup of ${where(config)} written to ${result.file} (${formatBytes(result.bytes)}; schema ${m.schema_migration.tag}, ${m.counts.organizations} organisations, ${m.counts.vouchers} vouchers; sha256 ${m.sha256.slice(0, 12)}…)`,
  );
} catch (err) {
  progress.abort();
  process.stderr.write(`Could not back up ${where(config)}: ${err instanceof BackupError ? err.message : rootMessage(err)}\n`);
  process.exitCode = 2;
} finally {
  await handle.close().catch(() => undefined);
}
