/**
 * What a long command-line job (backup, restore, import, the integrity check) shows while it runs:
 * on a terminal a bar redrawn in place; in a log (not a TTY) one line every `intervalMs` at most,
 * so a quick run prints nothing but its summary; and at the end one line with the time taken.
 * Written by hand: a bar and a throttle are a few lines, and the bar libraries draw on stdout or
 * assume a TTY, where these jobs keep stdout for their report.
 */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** A new stage of the job ("dumping", "restoring"); resets the count. */
  stage(name: string, total?: number): void;
  /** `done` of the stage's `total` (or of nothing: a count), with an optional note (a table's name). */
  update(done: number, note?: string): void;
  /** Ends the display with `summary` and the time taken since the start. */
  finish(summary: string): void;
  /** Ends the display without a summary (the job failed; its message follows). */
  abort(): void;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  intervalMs?: number;
  now?: () => number;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function createProgress(job: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? (tty ? 100 : 5_000);
  const started = now();
  let stageName = '';
  let total: number | undefined;
  let done = 0;
  let note = '';
  let lastDraw = started;
  let drawn = false;

  const describe = (): string => {
    const count =
      total !== undefined && total > 0
        ? `${done.toLocaleString('en-IN')}/${total.toLocaleString('en-IN')} (${Math.floor((Math.min(done, total) / total) * 100)}%)`
        : done > 0
          ? done.toLocaleString('en-IN')
          : '';
    return [`${job}: ${stageName}`, count, note].filter(Boolean).join(' ');
  };

  const bar = (): string => {
    const width = 24;
    if (total === undefined || total <= 0) return '';
    const filled = Math.round((Math.min(done, total) / total) * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] `;
  };

  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < interval) return;
    lastDraw = t;
    const elapsed = formatSeconds(t - started);
    if (tty) {
      const line = `${bar()}${describe()} ${elapsed}`;
      const cols = stream.columns ?? 100;
      stream.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, 100))}`);
    } else {
      stream.write(`${describe()} (${elapsed})\n`);
    }
    drawn = true;
  };

  // A stage that takes minutes without an update (one long SQL statement) still shows it is alive.
  let ticker: ReturnType<typeof setInterval> | undefined = setInterval(() => draw(false), tty ? 1_000 : interval);
  ticker.unref?.();

  const clear = () => {
    if (ticker) clearInterval(ticker);
    ticker = undefined;
    if (tty && drawn) stream.write(`\r${' '.repeat(Math.min((stream.columns ?? 100) - 1, 100))}\r`);
  };

  return {
    stage(name, stageTotal) {
      stageName = name;
      total = stageTotal;
      done = 0;
      note = '';
      if (tty) draw(true);
      else draw(false);
    },
    update(value, text) {
      done = value;
      if (text !== undefined) note = text;
      draw(false);
    },
    finish(summary) {
      clear();
      stream.write(`${summary} in ${formatSeconds(now() - started)}\n`);
    },
    abort() {
      clear();
    },
  };
}

/** For callers that report nowhere (the API's scheduled backup logs its own line). */
export const silentProgress: Progress = { stage() {}, update() {}, finish() {}, abort() {} };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
