import { check } from './checks';
import { DrillEnv, sleep, type Drill } from './harness';

const POOL = 2;
const POOL_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 2_000;

/**
 * 5. The connection pool runs dry: more clients than connections (DB_POOL_SIZE=2), and for a while
 * an administrator's transaction holds an exclusive lock on the stock table, so every creation
 * sits on its connection until statement_timeout cuts it off. Requests must wait and then answer
 * (503 with Retry-After when the pool-acquire timeout or the statement timeout runs out), never
 * hang, and the API must serve normally once the lock is gone.
 */
export const poolExhaustion: Drill = {
  name: 'pool',
  title: 'connection pool exhausted by slow queries',
  async run(options) {
    const env = await DrillEnv.open(options, {
      smtp: 'none',
      apiEnv: {
        DB_POOL_SIZE: String(POOL),
        DB_POOL_TIMEOUT_MS: String(POOL_TIMEOUT_MS),
        DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      },
    });
    try {
      env.note(
        `API pool: ${POOL} connections, acquire timeout ${POOL_TIMEOUT_MS} ms, statement timeout ${STATEMENT_TIMEOUT_MS} ms; ${options.clients} clients`,
      );
      const load = env.startLoad({ sendEmail: false });
      await sleep((options.loadSeconds * 1000) / 3);
      const holdMs = options.short ? 3_000 : 10_000;
      const lockedAt = load.now();
      env.note(`an admin transaction takes LOCK TABLE stock_balances IN ACCESS EXCLUSIVE MODE and holds it ${holdMs / 1000} s`);
      await env.sql(`BEGIN; LOCK TABLE stock_balances IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${holdMs / 1000}); COMMIT`);
      const releasedAt = load.now();
      env.note('lock released');
      await sleep(Math.max(1_000, (options.loadSeconds * 1000 * 2) / 3 - (releasedAt - lockedAt)));
      const { result, summary } = await env.stopLoad();
      const during = result.answers.filter((a) => a.at >= lockedAt && a.at < releasedAt);
      const acksAfter = result.answers.filter((a) => a.outcome === '2xx' && a.at >= releasedAt).length;
      const checks = await env.commonChecks(result, summary);
      checks.unshift(
        check(
          'requests waited, then answered 503',
          summary.counts['503'] > 0,
          `${during.length} requests sent while the lock was held: ${during.filter((a) => a.outcome === '503').length} × 503, ${during.filter((a) => a.outcome === '2xx').length} × 2xx`,
        ),
        check(
          'every request got an answer before the client timeout (30 s)',
          summary.counts.hang === 0 && summary.counts.network === 0,
          `slowest answer ${(summary.slowestMs / 1000).toFixed(2)} s, ${summary.counts.hang} hangs, ${summary.counts.network} network errors`,
        ),
        check('served normally once the lock was gone', acksAfter > 0, `${acksAfter} creations succeeded after the lock was released`),
      );
      const slowest503 = result.answers.filter((a) => a.outcome === '503').reduce((m, a) => Math.max(m, a.ms), 0);
      return env.report(
        this.name,
        this.title,
        summary,
        {
          'lock held (s)': ((releasedAt - lockedAt) / 1000).toFixed(1),
          'slowest 503 (s)': (slowest503 / 1000).toFixed(2),
          'slowest answer (s)': (summary.slowestMs / 1000).toFixed(2),
        },
        checks,
      );
    } finally {
      await env.close();
    }
  },
};
