import { check, emailDeliveryChecks } from './checks';
import { DrillEnv, sleep, type Drill } from './harness';

/**
 * 4. Two API processes on one database share the load (requests alternate between them), each
 * with its own email worker. Numbers must stay unique and gapless, stock exact, and each queued
 * email delivered exactly once.
 */
export const twoApis: Drill = {
  name: 'two-apis',
  title: 'two API processes on one database',
  async run(options) {
    const env = await DrillEnv.open(options, { smtp: 'up', apis: 2 });
    try {
      env.startLoad({ sendEmail: true });
      await sleep(options.loadSeconds * 1000);
      const { result, summary } = await env.stopLoad();
      const checks = await env.commonChecks(result, summary);
      checks.unshift(
        check(
          'both processes served the load',
          env.apis.every((a) => a.running()) && summary.counts['2xx'] > 1,
          `${summary.requests} requests alternated over ${env.apis.map((a) => a.base).join(' and ')}`,
        ),
      );
      const email = await emailDeliveryChecks(env.url, env.smtp!, options.short ? 30_000 : 90_000);
      checks.push(...email.checks);
      return env.report(this.name, this.title, summary, { 'vouchers/s': (summary.acks / result.seconds).toFixed(1) }, checks);
    } finally {
      await env.close();
    }
  },
};
