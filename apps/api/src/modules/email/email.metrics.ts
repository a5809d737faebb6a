import type { EmailChannel } from '@tritiq/contracts';
import client from 'prom-client';
import type { AppLogger } from '../../lib/logger';

export interface EmailMetrics {
  count(outcome: 'sent' | 'failed', channel: EmailChannel, template: string): void;
}

export interface OutboxGaugeSource {
  /** Queued messages not yet sent or failed, and the age of the oldest (null when none). */
  outbox(): Promise<{ depth: number; oldestAgeSeconds: number | null }>;
}

/**
 * Counters of this process's sends, and gauges of the outbox read from the database at scrape
 * time (so they are right whichever process delivers). A failed read leaves the last values.
 */
export function createEmailMetrics(registry: client.Registry, source: OutboxGaugeSource, logger: AppLogger): EmailMetrics {
  const labelNames = ['channel', 'template'] as const;
  const sent = new client.Counter({
    name: 'tritiq_emails_sent_total',
    help: 'Emails the SMTP server accepted',
    labelNames,
    registers: [registry],
  });
  const failed = new client.Counter({
    name: 'tritiq_emails_failed_total',
    help: 'Emails that finally failed',
    labelNames,
    registers: [registry],
  });

  let reading: Promise<{ depth: number; oldestAgeSeconds: number | null } | undefined> | undefined;
  const read = () => {
    // Both gauges are collected in one scrape; they share one query.
    reading ??= source
      .outbox()
      .catch((err: unknown) => {
        logger.warn({ err }, 'Could not read the email outbox for metrics');
        return undefined;
      })
      .finally(() => setImmediate(() => (reading = undefined)));
    return reading;
  };
  new client.Gauge({
    name: 'tritiq_email_outbox_depth',
    help: 'Queued emails not yet sent or failed',
    registers: [registry],
    async collect() {
      const s = await read();
      if (s) this.set(s.depth);
    },
  });
  new client.Gauge({
    name: 'tritiq_email_outbox_oldest_age_seconds',
    help: 'Age of the oldest queued email (0 when the outbox is empty)',
    registers: [registry],
    async collect() {
      const s = await read();
      if (s) this.set(s.oldestAgeSeconds ?? 0);
    },
  });

  return {
    count(outcome, channel, template) {
      (outcome === 'sent' ? sent : failed).inc({ channel, template });
    },
  };
}
