import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BackupError } from './backup.file';

/**
 * pg_dump and pg_restore: `PG_BIN_DIR` when set, else the newest `/usr/lib/postgresql/<v>/bin`
 * (Debian keeps several versions side by side, and pg_dump must be at least the server's
 * version), else the PATH.
 */
export function findPgTool(tool: 'pg_dump' | 'pg_restore' | 'psql'): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) {
    const p = path.join(fromEnv, tool);
    if (existsSync(p)) return p;
    throw new BackupError(`PG_BIN_DIR is ${fromEnv}, which has no ${tool}`);
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = path.join(root, v, 'bin', tool);
      if (existsSync(p)) return p;
    }
  }
  const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  if (found) return found;
  throw new BackupError(
    `${tool} was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client) or set PG_BIN_DIR`,
  );
}

/** Runs pg_dump with -v; resolves when it exits 0, otherwise rejects with its error lines. */
export function runPgDump(args: string[], onTable?: (table: string) => void): Promise<void> {
  const command = findPgTool('pg_dump');
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['-v', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: string[] = [];
    collectStderr(child.stderr, errors, onTable);
    child.on('error', (err) => reject(new BackupError(`Could not run ${command}: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`pg_dump failed (exit ${code}): ${errors.join(' | ') || 'no message'}`));
    });
  });
}

const TABLE_LINE = /(?:dumping contents of table|processing data for table) "([^"]+)"/;

/** Keeps the error lines of a tool's -v output, and calls `onTable` for each table it reaches. */
function collectStderr(stream: NodeJS.ReadableStream, errors: string[], onTable?: (table: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const table = TABLE_LINE.exec(line);
      if (table) onTable?.(table[1]!);
      else if (/error|fatal|detail:|hint:/i.test(line) && errors.length < 20) errors.push(line.trim());
    }
  });
}

/**
 * Restores a custom-format dump read from `file` at `start`: pg_restore turns it into SQL, which
 * psql runs after `preamble` in ONE transaction (stopping at the first error), so a failure, or a
 * replace that fails half way, leaves the database as it was. (pg_restore's own --clean cannot
 * drop the job queue's partitioned tables, and its --single-transaction cannot run our preamble.)
 */
export function restoreDump(url: string, file: string, start: number, preamble: string, onTable?: (table: string) => void): Promise<void> {
  const restore = spawn(findPgTool('pg_restore'), ['-v', '--no-owner', '-f', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const psql = spawn(findPgTool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', url], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const restoreErrors: string[] = [];
  const psqlErrors: string[] = [];
  collectStderr(restore.stderr, restoreErrors, onTable);
  collectStderr(psql.stderr, psqlErrors);
  // A tool that stops early closes its input: the exit code says why, not the broken pipe.
  restore.stdin.on('error', () => undefined);
  psql.stdin.on('error', () => undefined);
  createReadStream(file, { start }).pipe(restore.stdin);
  psql.stdin.write(preamble);
  restore.stdout.pipe(psql.stdin);
  const exit = (child: ReturnType<typeof spawn>) =>
    new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
  return Promise.all([exit(restore), exit(psql)]).then(
    ([restoreCode, psqlCode]) => {
      if (psqlCode !== 0)
        throw new BackupError(`the restore failed and was rolled back (psql exit ${psqlCode}): ${psqlErrors.join(' | ') || 'no message'}`);
      if (restoreCode !== 0) throw new BackupError(`pg_restore failed (exit ${restoreCode}): ${restoreErrors.join(' | ') || 'no message'}`);
    },
    (err: Error) => {
      throw new BackupError(`Could not run the PostgreSQL client tools: ${err.message}`);
    },
  );
}
