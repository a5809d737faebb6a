import { waitHealthy } from './api';
import { check, emailDeliveryChecks, emailQueuedChecks } from './checks';
import { DrillEnv, sleep, type Drill } from './harness';

/**
 * 2. The API process is killed with SIGKILL in the middle of the load (no shutdown code runs) and
 * started again. No voucher may be half-posted, no creation doubled by the clients' retries, and
 * no queued voucher email lost.
 */
export const killApi: Drill = {
  name: 'kill-api',
  title: 'API killed with SIGKILL mid-load, then restarted',
  async run(options) {
    const env = await DrillEnv.open(options, { smtp: 'up' });
    try {
      const api = env.apis[0]!;
      const load = env.startLoad({ sendEmail: true });
      await sleep((options.loadSeconds * 1000) / 3);
      const killedAt = load.now();
      const killedAtWall = new Date();
      env.note(`SIGKILL to the API (pid ${api.pid})`);
      await api.kill();
      await sleep(500);
      env.note('starting the API again');
      await api.start();
      const upAt = load.now();
      await waitHealthy(api.base);
      env.note(`API back (pid ${api.pid}), ${((upAt - killedAt) / 1000).toFixed(1)} s after the kill`);
      await sleep(Math.max(1_000, (options.loadSeconds * 1000 * 2) / 3 - (upAt - killedAt)));
      const { result, summary } = await env.stopLoad('stopping the load (clients finish their current creation)');
      const acksAfter = result.answers.filter((a) => a.outcome === '2xx' && a.at >= upAt).length;
      const checks = await env.commonChecks(result, summary);
      checks.unshift(
        check('creations continued after the restart', acksAfter > 0, `${acksAfter} creations succeeded after the API came back`),
      );
      checks.push(...(await emailQueuedChecks(env.url, result)));
      const email = await emailDeliveryChecks(env.url, env.smtp!, options.short ? 30_000 : 90_000, { heldIfClaimedBefore: killedAtWall });
      checks.push(...email.checks);
      return env.report(
        this.name,
        this.title,
        summary,
        {
          'API down (s)': ((upAt - killedAt) / 1000).toFixed(1),
          'error window (s)': summary.errorWindowSeconds.toFixed(1),
          'emails held by a cut-off job claim': String(email.held),
        },
        checks,
      );
    } finally {
      await env.close();
    }
  },
};
