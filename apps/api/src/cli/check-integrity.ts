/**
 * `npm run check:integrity [-- --max-problems N]`: verifies the configured database (DATABASE_URL,
 * else the embedded database in DATA_DIR) without changing it. Exit 0: every check passed (a short
 * summary); 1: problems found (every one listed, per check); 2: bad usage, configuration or
 * connection, or a database that cannot be checked.
 */
import { parseArgs } from 'node:util';
import { createProgress } from '../lib/progress';
import { CHECKS, checkIntegrity, formatReport, IntegrityUsageError } from '../modules/integrity';
import { cliLogger, loadConfigOrStop, openOwnerDatabase, rootMessage, stop, where } from './owner-database';

const USAGE = 'Usage: npm run check:integrity [-- --max-problems N]   (database: DATABASE_URL, else the embedded one in DATA_DIR)';

let args;
try {
  args = parseArgs({ options: { 'max-problems': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
} catch (err) {
  stop(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const maxProblems = args['max-problems'] === undefined ? 50 : Number(args['max-problems']);
if (!Number.isSafeInteger(maxProblems) || maxProblems < 1) stop(`--max-problems must be a whole number of at least 1\n${USAGE}`);

const config = loadConfigOrStop();
const handle = await openOwnerDatabase(config, cliLogger(), 'tritiq-integrity');

// Progress on stderr (a bar on a terminal, a line every few seconds in a log); the report, whose
// first line is the summary with the time, on stdout.
const progress = createProgress('Integrity check');
progress.stage('checking', Object.keys(CHECKS).length);
try {
  const report = await checkIntegrity(handle, { maxProblems, onCheck: (c) => progress.update(c.done, c.title) });
  progress.abort();
  process.stdout.write(`${formatReport(report)}\n`);
  process.exitCode = report.ok ? 0 : 1;
} catch (err) {
  progress.abort();
  const message = err instanceof IntegrityUsageError ? err.message : rootMessage(err);
  process.stderr.write(`Could not check ${where(config)}: ${message}\n`);
  process.exitCode = 2;
} finally {
  await handle.close().catch(() => undefined);
}
