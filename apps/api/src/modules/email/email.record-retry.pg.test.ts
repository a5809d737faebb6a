import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCutLinkDelivery, type CutLinkDelivery } from '../../test/cut-link';
import { waitUntil } from '../../test/smtp';

let link: CutLinkDelivery;

beforeAll(async () => {
  link = await startCutLinkDelivery({ EMAIL_RECORD_RETRY_SECONDS: '60' });
});
afterAll(() => link.close());

describe('a short database outage right after SMTP took a queued message', () => {
  it('the worker keeps trying to record it, and records it as sent once the database is back: sent once, not twice', async () => {
    const { t, proxy, smtp } = link;
    const id = await link.queueAndStartWorker('blip@example.in');
    await smtp.waitFor(1);
    // More failed attempts than the sessions' default policy allows (2 retries) before the link returns.
    await waitUntil('the worker to retry recording the outcome several times', async () => {
      const retries = t.logs.lines.filter((l) => l.operation === 'email.outbox' && String(l.msg).startsWith('Transient database failure'));
      return retries.length >= 4 || undefined;
    });
    link.cutDuringData = false;
    await proxy.start();

    const settled = await link.settled(id);
    expect(settled.attempts).toBe(1);
    expect(smtp.received.map((m) => m.parsed.messageId)).toEqual([settled.messageId]);
    expect(t.logs.lines.some((l) => l.msg === 'Could not settle an email job' && l.email_id === id)).toBe(false);
  });
});
