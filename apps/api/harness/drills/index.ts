import { type Drill, type DrillReport } from './harness';
import { killApi } from './kill-api';
import { poolExhaustion } from './pool-exhaust';
import { restartPostgres } from './restart-pg';
import { smtpDown } from './smtp-down';
import { twoApis } from './two-apis';

export const DRILLS: Drill[] = [restartPostgres, killApi, smtpDown, twoApis, poolExhaustion];

/** The account of one drill, as `npm run drill` prints it. */
export function formatReport(report: DrillReport): string {
  const s = report.summary;
  const lines = [
    `  outcome counts: ${s.requests} requests: 2xx ${s.counts['2xx']}, 4xx ${s.counts['4xx']}, 503 ${s.counts['503']}, other 5xx ${s.counts['5xx']}, network ${s.counts.network}, hang ${s.counts.hang}`,
    `  Retry-After seen: ${s.retryAfterValues.length ? s.retryAfterValues.join(', ') : '(none)'}; 503 without it: ${s.missingRetryAfter}`,
    `  error window: ${s.errorWindowSeconds.toFixed(1)} s; creations: ${s.acks} acknowledged, ${s.retried} after a retry, ${s.replayed} answered as replays, ${s.abandoned} given up`,
    ...Object.entries(report.figures).map(([k, v]) => `  ${k}: ${v}`),
    ...(s.sampleErrors.length ? ['  errors seen:', ...s.sampleErrors.map((e) => `    ${e}`)] : []),
    '  checks:',
    ...report.checks.map((c) => `    ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    `  => ${report.ok ? 'PASSED' : 'FAILED'} (${report.seconds.toFixed(0)} s)`,
  ];
  return lines.join('\n');
}

export function formatTable(reports: DrillReport[]): string {
  const header = ['drill', 'result', 'requests', '2xx', '4xx', '503', '5xx', 'network', 'hang', 'error window s', 'Retry-After'];
  const rows = reports.map((r) => [
    r.name,
    r.ok ? 'passed' : 'FAILED',
    String(r.summary.requests),
    String(r.summary.counts['2xx']),
    String(r.summary.counts['4xx']),
    String(r.summary.counts['503']),
    String(r.summary.counts['5xx']),
    String(r.summary.counts.network),
    String(r.summary.counts.hang),
    r.summary.errorWindowSeconds.toFixed(1),
    r.summary.retryAfterValues.join(',') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
