import pg from 'pg';
import { check, emailDeliveryChecks, type Check } from './checks';
import { DrillEnv, sleep, type Drill } from './harness';

/**
 * 4. Two API processes on one database share the load (requests alternate between them), each
 * with its own email worker. Numbers must stay unique and gapless, stock exact, and each queued
 * email delivered exactly once. Then what instances share:
 * - the per-address login limit (counted in the database): failed sign-ins from one address,
 *   alternating between the two, are refused once the limit is reached in all, not per instance;
 * - email delivery: the second API is killed (SIGKILL) mid-load, while its worker holds messages
 *   (until then a slow SMTP server and few lanes keep the queue full); the first
 *   API's worker finds it silent and delivers what it held within seconds, each message once;
 *   a message it had already handed to the SMTP server is not sent again (it waits for its lease).
 */

const LOGIN_LIMIT = 30;
const DEAD_AFTER_SECONDS = 10;

async function rows<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Failed sign-ins from one outside address (X-Forwarded-For, trusted from loopback), alternating between the APIs. */
async function loginLimitCheck(bases: string[]): Promise<Check> {
  const address = '198.51.100.77';
  const statuses: number[] = [];
  for (let i = 0; i < LOGIN_LIMIT + 4; i++) {
    const res = await fetch(`${bases[i % bases.length]}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      // A new email each time: the route's per-address limit is under test, not the sign-in lockout
      // (failures per account and address).
      body: JSON.stringify({ email: `nobody-${i}@example.test`, password: 'Wrong-Pass-1' }),
    });
    statuses.push(res.status);
  }
  const allowed = statuses.filter((s) => s === 401).length;
  const refused = statuses.filter((s) => s === 429).length;
  return check(
    'the login limit is shared by the two instances',
    allowed === LOGIN_LIMIT && refused === 4 && statuses.slice(LOGIN_LIMIT).every((s) => s === 429),
    `limit ${LOGIN_LIMIT} per address: ${statuses.length} failed sign-ins from ${address} alternating between the two APIs: ` +
      `${allowed} answered 401, then ${refused} answered 429 (per-process counters would have allowed ${LOGIN_LIMIT * bases.length})`,
  );
}

export const twoApis: Drill = {
  name: 'two-apis',
  title: 'two API processes on one database: shared limit, a killed worker taken over',
  async run(options) {
    // Until the kill, a slow SMTP server and few lanes (2 and 1) keep the queue longer than the workers
    // can empty it, so the second worker holds a fetched batch when it dies; then the server is fast.
    const slowSmtp = { ms: 1_000 };
    const env = await DrillEnv.open(options, {
      smtp: 'up',
      smtpDelay: slowSmtp,
      apis: 2,
      apiEnv: { AUTH_RATE_LIMIT_MAX: String(LOGIN_LIMIT), EMAIL_WORKER_DEAD_AFTER_SECONDS: String(DEAD_AFTER_SECONDS) },
      perApiEnv: [{ EMAIL_WORKER_CONCURRENCY: '2' }, { EMAIL_WORKER_CONCURRENCY: '1' }],
    });
    try {
      const [first, second] = env.apis as [(typeof env.apis)[0], (typeof env.apis)[0]];
      const limit = await loginLimitCheck(env.apis.map((a) => a.base));
      env.note(`login limit: ${limit.detail}`);

      const load = env.startLoad({ sendEmail: true });
      await sleep((options.loadSeconds * 1000) / 2);
      // The kill comes once the second worker holds fetched messages it has not started on.
      const holding = async () =>
        Number(
          (
            await rows<{ n: string }>(
              env.url,
              `SELECT count(*) AS n FROM email_messages m JOIN email_workers w ON w.id = m.worker_id WHERE w.pid = $1 AND m.status = 'queued'`,
              [second.pid],
            )
          )[0]?.n ?? 0,
        );
      for (const until = Date.now() + 30_000; Date.now() < until && (await holding()) === 0;) await sleep(50);
      const servedBoth = (
        await rows<{ n: string }>(env.url, `SELECT count(DISTINCT worker_id) AS n FROM email_messages WHERE worker_id IS NOT NULL`)
      )[0];
      const pid = second.pid;
      env.note(`SIGKILL to ${second.name} (pid ${pid}) while its email worker holds messages`);
      await second.kill();
      const killedAt = Date.now();
      const killedAtLoad = load.now();
      const killedAtWall = new Date();
      const held = await rows<{ id: string; status: string; handed_over: boolean; worker_id: string }>(
        env.url,
        `SELECT m.id, m.status, m.handed_over_at IS NOT NULL AS handed_over, m.worker_id
           FROM email_messages m JOIN email_workers w ON w.id = m.worker_id
          WHERE w.pid = $1 AND m.status IN ('queued', 'sending')`,
        [pid],
      );
      const takeable = held.filter((h) => !h.handed_over).map((h) => h.id);
      const inDoubt = held.filter((h) => h.handed_over).map((h) => h.id);
      env.note(`${second.name} held ${held.length} messages: ${takeable.length} not yet handed to SMTP, ${inDoubt.length} handed over`);
      slowSmtp.ms = 0;
      env.note('the SMTP server answers at once from now on');

      // The held messages: when the first API's worker took them over (they no longer name the dead
      // worker), and when it had delivered them all (behind the backlog it was already working on).
      const deadWorker = held[0]?.worker_id;
      let takenAfter: number | undefined;
      let deliveredAfter: number | undefined;
      const deadline = killedAt + (DEAD_AFTER_SECONDS + 80) * 1000;
      while (Date.now() < deadline) {
        if (takenAfter === undefined) {
          const still = takeable.length
            ? await rows<{ n: string }>(env.url, `SELECT count(*) AS n FROM email_messages WHERE id = ANY($1) AND worker_id = $2`, [
                takeable,
                deadWorker,
              ])
            : [{ n: '0' }];
          if (Number(still[0]?.n) === 0) takenAfter = (Date.now() - killedAt) / 1000;
        }
        const pending = takeable.length
          ? await rows<{ n: string }>(env.url, `SELECT count(*) AS n FROM email_messages WHERE id = ANY($1) AND status <> 'sent'`, [
              takeable,
            ])
          : [{ n: '0' }];
        if (Number(pending[0]?.n) === 0) {
          deliveredAfter = (Date.now() - killedAt) / 1000;
          break;
        }
        await sleep(250);
      }
      env.note(
        `${second.name}'s messages taken over ${takenAfter?.toFixed(1) ?? 'never'} s after the kill; ` +
          (deliveredAfter === undefined
            ? `not all delivered within ${DEAD_AFTER_SECONDS + 80} s`
            : `all ${takeable.length} sent by ${first.name} ${deliveredAfter.toFixed(1)} s after the kill`),
      );
      const sentBy = takeable.length
        ? await rows<{ n: string }>(
            env.url,
            `SELECT count(*) AS n FROM email_messages m JOIN email_workers w ON w.id = m.worker_id WHERE m.id = ANY($1) AND w.pid = $2`,
            [takeable, first.pid],
          )
        : [{ n: '0' }];

      await sleep(Math.max(1_000, (options.loadSeconds * 1000) / 2 - (load.now() - killedAtLoad)));
      const { result, summary } = await env.stopLoad();
      const checks = await env.commonChecks(result, summary);
      checks.unshift(
        check(
          'both processes served the load',
          Number(servedBoth?.n) === 2 && summary.counts['2xx'] > 1,
          `${summary.requests} requests alternated over ${env.apis.map((a) => a.base).join(' and ')}; both email workers delivered before the kill`,
        ),
        limit,
      );
      checks.push(
        check(
          "a killed instance's messages are delivered by the other within seconds",
          takeable.length > 0 &&
            takenAfter !== undefined &&
            takenAfter <= DEAD_AFTER_SECONDS + 10 &&
            deliveredAfter !== undefined &&
            Number(sentBy[0]?.n) === takeable.length,
          `${held.length} messages held by ${second.name}'s worker at the kill; the ${takeable.length} not yet handed to SMTP were taken over ` +
            `${takenAfter?.toFixed(1) ?? 'never'} s after the kill (presumed dead after ${DEAD_AFTER_SECONDS} s of silence, checked every 2 s) ` +
            `and all sent by ${first.name}'s worker (${sentBy[0]?.n} recorded as sent by it) ${deliveredAfter?.toFixed(1) ?? 'never'} s after the kill, ` +
            `behind its own backlog (the 15-minute job expiry would have held them); ${inDoubt.length} handed over, left to their lease`,
        ),
      );
      const email = await emailDeliveryChecks(env.url, env.smtp!, options.short ? 60_000 : 120_000, { heldIfClaimedBefore: killedAtWall });
      checks.push(...email.checks);
      return env.report(
        this.name,
        this.title,
        summary,
        {
          'vouchers/s': (summary.acks / result.seconds).toFixed(1),
          'login attempts allowed across both instances': `${LOGIN_LIMIT} of limit ${LOGIN_LIMIT}`,
          'messages held by the killed worker': `${held.length} (${takeable.length} taken over, ${inDoubt.length} handed over)`,
          'taken over after the kill (s)': takenAfter?.toFixed(1) ?? 'never',
          'all delivered after the kill (s)': deliveredAfter?.toFixed(1) ?? 'never',
        },
        checks,
      );
    } finally {
      await env.close();
    }
  },
};
