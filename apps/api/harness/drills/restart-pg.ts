import { emailDeliveryChecks } from './checks';
import { check } from './checks';
import { DrillEnv, sleep, type Drill } from './harness';

/**
 * 1. PostgreSQL restarts (fast shutdown: open transactions rolled back, connections cut) in the
 * middle of the load. Clients must see 503 with Retry-After (never 500) while it is away, the API
 * must recover without being restarted, and the data must be whole afterwards.
 */
export const restartPostgres: Drill = {
  name: 'restart-pg',
  title: 'PostgreSQL restarts mid-load',
  async run(options) {
    const env = await DrillEnv.open(options, { smtp: 'up' });
    try {
      const load = env.startLoad({ sendEmail: true });
      await sleep((options.loadSeconds * 1000) / 3);
      const downAt = load.now();
      const downAtWall = new Date();
      env.note('stopping PostgreSQL (pg_ctl stop -m fast)');
      env.pg.stop();
      const stoppedAt = load.now();
      env.note(`PostgreSQL stopped (took ${((stoppedAt - downAt) / 1000).toFixed(1)} s); staying down ${options.short ? 1 : 3} s`);
      await sleep(options.short ? 1_000 : 3_000);
      env.note('starting PostgreSQL again');
      env.pg.start();
      const upAt = load.now();
      env.note('PostgreSQL accepting connections');
      await sleep(Math.max(1_000, (options.loadSeconds * 1000 * 2) / 3 - (upAt - downAt)));
      const { result, summary } = await env.stopLoad('stopping the load (clients finish their current creation)');
      const firstOkAfterUp = result.answers
        .filter((a) => a.outcome === '2xx' && a.at + a.ms >= upAt)
        .sort((a, b) => a.at + a.ms - (b.at + b.ms))[0];
      const recoverySeconds = firstOkAfterUp ? (firstOkAfterUp.at + firstOkAfterUp.ms - upAt) / 1000 : Number.NaN;
      const acksAfter = result.answers.filter((a) => a.outcome === '2xx' && a.at >= upAt).length;
      const checks = await env.commonChecks(result, summary);
      checks.unshift(
        check(
          'clients saw the outage as 503 or network errors only',
          summary.counts['503'] + summary.counts.network > 0 && summary.counts['5xx'] === 0,
          `${summary.counts['503']} × 503, ${summary.counts.network} network errors during the restart`,
        ),
        check(
          'the API recovered by itself',
          acksAfter > 0 && env.apis.every((a) => a.running()),
          `${acksAfter} creations succeeded after PostgreSQL came back, the API process was never restarted (first success ${recoverySeconds.toFixed(2)} s after PostgreSQL accepted connections)`,
        ),
      );
      const email = await emailDeliveryChecks(env.url, env.smtp!, options.short ? 30_000 : 90_000, { heldIfClaimedBefore: downAtWall });
      checks.push(...email.checks);
      return env.report(
        this.name,
        this.title,
        summary,
        {
          'database down (s)': ((upAt - downAt) / 1000).toFixed(1),
          'error window (s)': summary.errorWindowSeconds.toFixed(1),
          'recovery after restart (s)': recoverySeconds.toFixed(2),
          'emails held by a cut-off job claim': String(email.held),
        },
        checks,
      );
    } finally {
      await env.close();
    }
  },
};
