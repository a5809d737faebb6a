import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A private PostgreSQL server for the fault drills: its own data directory and port, so a drill can
 * restart or stop it without touching the server everything else on the machine uses. PostgreSQL
 * refuses to run as root, so when we are root the binaries run as the `postgres` user.
 */
export class PgInstance {
  readonly dataDir: string;
  private readonly bin: string;
  private readonly asPostgres: boolean;

  constructor(readonly port: number) {
    this.bin = findPgBin();
    this.asPostgres = process.getuid?.() === 0;
    const parent = mkdtempSync(path.join(tmpdir(), 'tritiq-drill-pg-'));
    chmodSync(parent, 0o755);
    this.dataDir = path.join(parent, 'data');
    if (this.asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
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
    const command = path.join(this.bin, tool);
    const result = this.asPostgres
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
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

  createDatabase(name: string): string {
    this.run('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-qc', `CREATE DATABASE "${name}"`]);
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

function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(path.join(root, v, 'bin', 'pg_ctl'))) return path.join(root, v, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'dirname "$(command -v pg_ctl)"'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('PostgreSQL server binaries (pg_ctl, initdb) not found; install the postgresql package');
}
