import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DrillOrg } from './api';

/**
 * The steady load of the fault drills: `clients` loops, each creating sales vouchers one after
 * another for the organisations (client i works for organisation i mod n), every creation with its
 * own Idempotency-Key. A request that gets no answer (network error, client-side timeout) or a 503
 * is sent again with the same key and body, so a lost response can never post twice; the drill
 * checks that afterwards. Every answer is recorded with its time.
 */

export type Outcome = '2xx' | '4xx' | '503' | '5xx' | 'network' | 'hang';

export interface Answer {
  /** Milliseconds since the load started. */
  at: number;
  outcome: Outcome;
  status?: number;
  retryAfter?: string;
  ms: number;
  detail?: string;
}

export interface Ack {
  key: string;
  orgIndex: number;
  body: VoucherBody;
  id: string;
  number: string;
  /** Attempts this creation took (1 = answered at once). */
  attempts: number;
  /** The answer carried Idempotent-Replayed: true (an earlier attempt had in fact been saved). */
  replayed: boolean;
}

export interface VoucherBody {
  customer_id: string;
  date: string;
  send_email: boolean;
  items: { product_id: string; quantity: string }[];
}

export interface LoadOptions {
  /** Base URLs of the API processes; requests go round-robin over them. */
  targets: () => string[];
  orgs: DrillOrg[];
  clients: number;
  sendEmail: boolean;
  /** A request with no answer after this long counts as a hang (and is sent again). */
  clientTimeoutMs: number;
  /** After stop(), how long a client keeps retrying its unfinished creation before giving up. */
  finishTimeoutMs?: number;
}

export interface LoadResult {
  answers: Answer[];
  acks: Ack[];
  /** Creations given up (a 4xx or 5xx other than 503, or no success before the finish deadline). */
  abandoned: { key: string; orgIndex: number; reason: string }[];
  seconds: number;
}

export const VOUCHER_DATE = '2025-09-15';

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function voucherBody(org: DrillOrg, sendEmail: boolean): VoucherBody {
  const lines = 1 + Math.floor(Math.random() * 3);
  const products = [...org.productIds].sort(() => Math.random() - 0.5).slice(0, lines);
  return {
    customer_id: pick(org.customerIds),
    date: VOUCHER_DATE,
    send_email: sendEmail,
    items: products.map((id) => ({ product_id: id, quantity: String(1 + Math.floor(Math.random() * 3)) })),
  };
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** One POST with a client-side deadline; never throws. */
export async function postVoucher(
  base: string,
  token: string,
  key: string,
  body: VoucherBody,
  timeoutMs: number,
): Promise<{ outcome: Outcome; status?: number; retryAfter?: string; json?: Record<string, unknown>; replayed: boolean; detail?: string }> {
  try {
    const res = await fetch(`${base}/api/v1/vouchers/sales`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    const status = res.status;
    const outcome: Outcome = status < 300 ? '2xx' : status < 500 ? '4xx' : status === 503 ? '503' : '5xx';
    return {
      outcome,
      status,
      retryAfter: res.headers.get('retry-after') ?? undefined,
      json,
      replayed: res.headers.get('idempotent-replayed') === 'true',
      detail: outcome === '2xx' ? undefined : text.slice(0, 300),
    };
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return { outcome: 'hang', replayed: false, detail: `no answer within ${timeoutMs} ms` };
    return { outcome: 'network', replayed: false, detail: describeNetworkError(err) };
  }
}

export class Load {
  private stopping = false;
  private stopAt = 0;
  private started = 0;
  private runs: Promise<void>[] = [];
  private next = 0;
  readonly answers: Answer[] = [];
  readonly acks: Ack[] = [];
  readonly abandoned: LoadResult['abandoned'] = [];

  constructor(private readonly options: LoadOptions) {}

  /** Milliseconds since the load started. */
  now(): number {
    return Date.now() - this.started;
  }

  start(): void {
    this.started = Date.now();
    this.runs = Array.from({ length: this.options.clients }, (_, i) => this.client(i));
  }

  /** Resolves once `count` creations have succeeded since the call (or `timeoutMs` has passed). */
  async waitForAcks(count: number, timeoutMs: number): Promise<boolean> {
    const target = this.acks.length + count;
    const deadline = Date.now() + timeoutMs;
    while (this.acks.length < target) {
      if (Date.now() > deadline) return false;
      await sleep(50);
    }
    return true;
  }

  async stop(): Promise<LoadResult> {
    this.stopping = true;
    this.stopAt = Date.now();
    await Promise.all(this.runs);
    return { answers: this.answers, acks: this.acks, abandoned: this.abandoned, seconds: (Date.now() - this.started) / 1000 };
  }

  private target(): string {
    const targets = this.options.targets();
    return targets[this.next++ % targets.length]!;
  }

  private async client(index: number): Promise<void> {
    const orgIndex = index % this.options.orgs.length;
    const org = this.options.orgs[orgIndex]!;
    const finishMs = this.options.finishTimeoutMs ?? 60_000;
    while (!this.stopping) {
      const key = randomUUID();
      const body = voucherBody(org, this.options.sendEmail);
      for (let attempt = 1; ; attempt++) {
        const started = Date.now();
        const res = await postVoucher(this.target(), org.token, key, body, this.options.clientTimeoutMs);
        this.answers.push({
          at: started - this.started,
          outcome: res.outcome,
          status: res.status,
          retryAfter: res.retryAfter,
          ms: Date.now() - started,
          detail: res.detail,
        });
        if (res.outcome === '2xx') {
          this.acks.push({
            key,
            orgIndex,
            body,
            id: String(res.json?.id),
            number: String(res.json?.voucher_number),
            attempts: attempt,
            replayed: res.replayed,
          });
          break;
        }
        if (res.outcome === '4xx' || res.outcome === '5xx') {
          this.abandoned.push({ key, orgIndex, reason: `${res.status}: ${res.detail ?? ''}` });
          break;
        }
        // 503, a network error or a hang: the same request again (same key), after a pause. Retry-After is honoured up to 1 s
        // (the drill's clients are impatient so that recovery is seen quickly).
        if (this.stopping && Date.now() - this.stopAt > finishMs) {
          this.abandoned.push({ key, orgIndex, reason: `no success within ${finishMs} ms after the load stopped (last: ${res.outcome})` });
          break;
        }
        const retryAfterMs = res.retryAfter ? Number(res.retryAfter) * 1000 : 200;
        await sleep(Math.min(1_000, Number.isFinite(retryAfterMs) ? retryAfterMs : 200) * (0.5 + Math.random() / 2));
      }
    }
  }
}

export interface LoadSummary {
  requests: number;
  counts: Record<Outcome, number>;
  /** Answers with status 503 that lacked Retry-After. */
  missingRetryAfter: number;
  retryAfterValues: string[];
  /** From the first to the last answer that was not 2xx (seconds), or 0 when there was none. */
  errorWindowSeconds: number;
  firstErrorAt?: number;
  lastErrorAt?: number;
  /** The slowest answer or hang, ms. */
  slowestMs: number;
  acks: number;
  replayed: number;
  retried: number;
  abandoned: number;
  sampleErrors: string[];
}

export function summarise(result: LoadResult): LoadSummary {
  const counts: Record<Outcome, number> = { '2xx': 0, '4xx': 0, '503': 0, '5xx': 0, network: 0, hang: 0 };
  for (const a of result.answers) counts[a.outcome]++;
  const errors = result.answers.filter((a) => a.outcome !== '2xx');
  const firstErrorAt = errors.length ? Math.min(...errors.map((a) => a.at)) : undefined;
  const lastErrorAt = errors.length ? Math.max(...errors.map((a) => a.at + a.ms)) : undefined;
  const samples = new Map<string, number>();
  for (const a of errors) {
    const k = `${a.outcome}${a.status ? ` ${a.status}` : ''}: ${(a.detail ?? '').slice(0, 160)}`;
    samples.set(k, (samples.get(k) ?? 0) + 1);
  }
  return {
    requests: result.answers.length,
    counts,
    missingRetryAfter: result.answers.filter((a) => a.outcome === '503' && !a.retryAfter).length,
    retryAfterValues: [...new Set(result.answers.filter((a) => a.retryAfter).map((a) => a.retryAfter!))],
    errorWindowSeconds: firstErrorAt === undefined ? 0 : (lastErrorAt! - firstErrorAt) / 1000,
    firstErrorAt,
    lastErrorAt,
    slowestMs: result.answers.reduce((m, a) => Math.max(m, a.ms), 0),
    acks: result.acks.length,
    replayed: result.acks.filter((a) => a.replayed).length,
    retried: result.acks.filter((a) => a.attempts > 1).length,
    abandoned: result.abandoned.length,
    sampleErrors: [...samples.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, n]) => `${n}× ${k}`),
  };
}
