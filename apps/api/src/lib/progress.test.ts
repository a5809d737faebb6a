import { describe, expect, it } from 'vitest';
import { createProgress, formatBytes, formatSeconds } from './progress';

function recorder(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 80, write: (s: string) => out.push(s) } };
}

describe('progress on the command line', () => {
  it('in a log: nothing for a quick job but its one-line summary with the time', () => {
    let now = 0;
    const { out, stream } = recorder(false);
    const p = createProgress('Backup', { stream, now: () => now });
    p.stage('dumping tables', 10);
    now = 1_000;
    p.update(3, 'public.vouchers');
    now = 2_500;
    p.finish('Backup written to b.bak');
    expect(out).toEqual(['Backup written to b.bak in 2.5 s\n']);
  });

  it('in a log: a line every interval with the stage, the count, the percentage and the elapsed time', () => {
    let now = 0;
    const { out, stream } = recorder(false);
    const p = createProgress('Restore', { stream, now: () => now, intervalMs: 5_000 });
    p.stage('restoring tables', 40);
    now = 5_100;
    p.update(10, 'public.vouchers');
    now = 6_000;
    p.update(11, 'public.voucher_lines');
    now = 10_200;
    p.update(30, 'public.stock_ledger');
    now = 125_000;
    p.finish('Restored');
    expect(out).toEqual([
      'Restore: restoring tables 10/40 (25%) public.vouchers (5.1 s)\n',
      'Restore: restoring tables 30/40 (75%) public.stock_ledger (10.2 s)\n',
      'Restored in 2 min 5 s\n',
    ]);
  });

  it('on a terminal: a bar redrawn in place, cleared before the summary', () => {
    let now = 0;
    const { out, stream } = recorder(true);
    const p = createProgress('Import', { stream, now: () => now });
    p.stage('validating rows', 200);
    now = 500;
    p.update(100);
    p.abort();
    expect(out[1]).toMatch(/^\r\[#{12}-{12}\] Import: validating rows 100\/200 \(50%\) 0\.5 s/);
    expect(out.at(-1)).toMatch(/^\r +\r$/);
  });

  it('formats sizes and durations', () => {
    expect(formatBytes(5_228_521)).toBe('5.0 MB');
    expect(formatBytes(900)).toBe('900 B');
    expect(formatSeconds(107_000)).toBe('1 min 47 s');
  });
});
