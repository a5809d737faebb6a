import { afterAll, describe, expect, it } from 'vitest';
import { DRILLS, formatReport } from '.';
import { closeAllNow, drillOptions, type DrillReport } from './harness';

/**
 * The short form of `npm run drill`: every fault drill with a few seconds of load, against its own
 * private PostgreSQL server and real API processes. The drills decide pass or fail by their checks
 * (no 5xx, 503s with Retry-After, recovery, idempotency, exactly-once email, gapless numbers, exact
 * stock, the integrity check); this asserts them. No timings are asserted.
 */

async function run(name: string): Promise<DrillReport> {
  const drill = DRILLS.find((d) => d.name === name)!;
  const lines: string[] = [];
  const report = await drill.run(drillOptions(true, (line) => lines.push(line)));
  console.log(`== drill ${name}\n${lines.join('\n')}\n${formatReport(report)}`);
  return report;
}

function failed(report: DrillReport) {
  return report.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
}

function passed(report: DrillReport, name: string): boolean {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`drill ${report.name} has no check "${name}"`);
  return found.ok;
}

// Should a drill time out, its private PostgreSQL and API processes still go.
afterAll(closeAllNow);

describe.sequential('fault drills (short form)', () => {
  it('restart-pg: PostgreSQL restarts mid-load: 503 with Retry-After, never 500, recovers by itself, data whole', async () => {
    const report = await run('restart-pg');
    expect(failed(report)).toEqual([]);
    expect(report.summary.counts['5xx']).toBe(0);
    expect(report.summary.counts['503'] + report.summary.counts.network).toBeGreaterThan(0);
    expect(report.summary.missingRetryAfter).toBe(0);
    expect(passed(report, 'the API recovered by itself')).toBe(true);
    expect(passed(report, 'npm run check:integrity')).toBe(true);
  });

  it('kill-api: SIGKILL mid-load and restart: no half-posted voucher, no double post, no lost queued email', async () => {
    const report = await run('kill-api');
    expect(failed(report)).toEqual([]);
    expect(report.summary.counts.network).toBeGreaterThan(0);
    expect(report.summary.counts['5xx']).toBe(0);
    expect(passed(report, 'no half-posted voucher')).toBe(true);
    expect(passed(report, 'each acknowledged creation is exactly one voucher')).toBe(true);
    expect(passed(report, 'no lost queued email')).toBe(true);
  });

  it('smtp-down: SMTP down for the whole load, then up: every queued voucher email delivered exactly once', async () => {
    const report = await run('smtp-down');
    expect(failed(report)).toEqual([]);
    expect(passed(report, 'every queued voucher email delivered exactly once')).toBe(true);
  });

  it('two-apis: two API processes on one database: numbers gapless, stock exact, login limit shared, a killed worker taken over', async () => {
    const report = await run('two-apis');
    expect(failed(report)).toEqual([]);
    expect(passed(report, 'numbers unique and gapless')).toBe(true);
    expect(passed(report, 'stock equals its ledger')).toBe(true);
    expect(passed(report, 'the login limit is shared by the two instances')).toBe(true);
    expect(passed(report, "a killed instance's messages are delivered by the other within seconds")).toBe(true);
    expect(passed(report, 'queued voucher email: none lost, none doubled')).toBe(true);
  });

  it('pool: pool exhausted by slow queries: requests wait, then answer 503 with Retry-After; none hangs', async () => {
    const report = await run('pool');
    expect(failed(report)).toEqual([]);
    expect(report.summary.counts['503']).toBeGreaterThan(0);
    expect(report.summary.counts.hang).toBe(0);
    expect(report.summary.missingRetryAfter).toBe(0);
  });
});
