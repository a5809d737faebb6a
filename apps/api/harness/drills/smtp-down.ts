import { check, emailDeliveryChecks, emailState } from './checks';
import { DrillEnv, sleep, type Drill } from './harness';

/**
 * 3. SMTP is down for the whole load (the configured port refuses connections); every voucher is
 * created with send_email. Then the SMTP server comes up: every queued voucher email must arrive
 * exactly once (Message-IDs counted at the sink). Outbox retries start at 1 s and double
 * (EMAIL_OUTBOX_RETRY_SECONDS=1) so the drill stays short.
 */
export const smtpDown: Drill = {
  name: 'smtp-down',
  title: 'SMTP down for the whole load, then up',
  async run(options) {
    const env = await DrillEnv.open(options, { smtp: 'down' });
    try {
      env.startLoad({ sendEmail: true });
      await sleep(options.loadSeconds * 1000);
      const { result, summary } = await env.stopLoad();
      const before = await emailState(env.url);
      env.note(`outbox while SMTP is down: ${JSON.stringify(before.byStatus)}`);
      const checks = await env.commonChecks(result, summary);
      checks.unshift(
        check(
          'nothing delivered while SMTP was down',
          (before.byStatus.sent ?? 0) === 0 && (before.byStatus.failed ?? 0) === 0,
          `outbox ${JSON.stringify(before.byStatus)}`,
        ),
      );
      env.note(`SMTP sink coming up on 127.0.0.1:${env.smtpPort}`);
      const smtp = await env.startSmtp();
      const email = await emailDeliveryChecks(env.url, smtp, options.short ? 60_000 : 180_000);
      env.note(`all delivered ${email.waitedSeconds.toFixed(1)} s after SMTP came up`);
      checks.push(...email.checks);
      return env.report(
        this.name,
        this.title,
        summary,
        {
          'queued while down': String(before.messageIds.length),
          'delivered after SMTP up (s)': email.waitedSeconds.toFixed(1),
        },
        checks,
      );
    } finally {
      await env.close();
    }
  },
};
