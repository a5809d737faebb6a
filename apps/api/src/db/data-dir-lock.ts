import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * Written by hand rather than with proper-lockfile: that library judges staleness by mtime, so a
 * restart right after a crash would wait; here a lock whose owner process is gone (same host) is
 * taken over at once, and a live owner makes the second process fail immediately.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another TRITIQ ERP process (pid ${ownerPid}). ` +
        'Stop that process first, or set DATA_DIR to a different directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  file: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '.tritiq.lock');
  const me = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, me);
      closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(file, 'utf8') === me) rmSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pidText, host] = readFileSync(file, 'utf8').split('@');
      const pid = Number(pidText);
      if (host === hostname() && Number.isInteger(pid) && !isAlive(pid)) {
        rmSync(file, { force: true });
        continue;
      }
      throw new DataDirLockedError(dataDir, pid);
    }
  }
  throw new DataDirLockedError(dataDir, -1);
}
