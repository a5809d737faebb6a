/**
 * What the report benchmarks (books, outstanding) time their requests with: one kept-alive socket
 * (requests one after another, as one user's browser sends them), `timed` runs with warm-up, and
 * the load average printed beside each row (figures on a loaded machine are the machine's).
 */
import http from 'node:http';
import { loadavg } from 'node:os';
import { summary } from '../vouchers';

export const loadAverages = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, token: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A GET of `base + path` that must answer 200: its body's text. */
export const getter = (base: string, token: string) => (path: string) => async () => {
  const res = await get(`${base}${path}`, token);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.text;
};

/** Closes the kept-alive socket so the process can end. */
export function closeRequests(): void {
  agent.destroy();
}

/** `times` sequential calls after 3 warm-up calls: p50, p99, max (ms). */
export async function timed(times: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const latencies: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    latencies.push(performance.now() - t0);
  }
  return summary(latencies);
}

/** The header of the table `latencyRow` writes rows of. */
export const LATENCY_HEADER = ['| what | via | p50 | p99 | max | target | load avg 1/5/15 |', '|---|---|---|---|---|---|---|'];

export function latencyRow(what: string, via: string, s: { p50: number; p99: number; max: number }, target: string): string {
  return `| ${what} | ${via} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} | ${target} | ${loadAverages()} |`;
}
