import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DbHandle } from '../../db/client';
import type { AppLogger } from '../../lib/logger';
import { silentProgress } from '../../lib/progress';
import { createBackup, type BackupResult } from './create-backup';

const NAME = /^tritiq-backup-\d{8}T\d{9}Z\.bak$/;

export interface ScheduledBackupOptions {
  handle: DbHandle;
  /** On PostgreSQL (tests; the server's backups are the operator's cron), the URL for pg_dump. */
  pgUrl?: string;
  dir: string;
  keep: number;
  appVersion: string;
  logger: AppLogger;
}

/** One scheduled backup into `dir`, then the oldest of ours beyond `keep` removed (other files there are left alone). */
export async function runScheduledBackup(options: ScheduledBackupOptions, now = new Date()): Promise<BackupResult> {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const file = path.join(options.dir, `tritiq-backup-${stamp}.bak`);
  const started = performance.now();
  const result = await createBackup({
    handle: options.handle,
    pgUrl: options.pgUrl,
    appVersion: options.appVersion,
    file,
    progress: silentProgress,
    now,
  });
  const ours = (await readdir(options.dir)).filter((f) => NAME.test(f)).sort();
  const removed = ours.slice(0, Math.max(0, ours.length - options.keep));
  for (const old of removed) await rm(path.join(options.dir, old), { force: true });
  options.logger.info(
    { file, bytes: result.bytes, duration_ms: Math.round(performance.now() - started), removed },
    `Scheduled backup written to ${file}`,
  );
  return result;
}

/**
 * Backs the embedded database up at start and every `everyHours` while the API runs (the API holds
 * the data directory, so `npm run backup` cannot run beside it). A failed run is logged and the
 * next one tried on schedule. Returns what stops the schedule.
 */
export function startScheduledBackups(options: ScheduledBackupOptions & { everyHours: number }): () => Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = runScheduledBackup(options)
      .catch((err: unknown) => options.logger.error({ err, dir: options.dir }, 'Scheduled backup failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.everyHours * 3_600_000);
        timer?.unref();
      });
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
