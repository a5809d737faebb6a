import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages } from '../../db/schema';
import { startCutLinkDelivery, type CutLinkDelivery } from '../../test/cut-link';
import { waitUntil } from '../../test/smtp';

let link: CutLinkDelivery;

beforeAll(async () => {
  // No record retry window: this test is about the give-up path (resend under the same Message-ID).
  link = await startCutLinkDelivery({ EMAIL_RECORD_RETRY_SECONDS: '0' });
});
afterAll(() => link.close());

describe('the database goes away in the middle of a delivery (PostgreSQL server behind a cut-able link)', () => {
  it('the worker survives, and the message it could not record is sent again under the same Message-ID', async () => {
    const { t, direct, proxy, smtp } = link;
    const id = await link.queueAndStartWorker('cut@example.in');
    await smtp.waitFor(1);
    await waitUntil(
      'the worker to give up recording the outcome',
      async () =>
        t.logs.lines.some((l) => l.category === 'email' && l.msg === 'Could not settle an email job' && l.email_id === id) || undefined,
    );
    link.cutDuringData = false;
    await proxy.start();

    // Claimed, delivered, not recorded: the row still says `sending`.
    const [row] = await direct.db.select().from(emailMessages).where(eq(emailMessages.id, id));
    expect(row).toMatchObject({ status: 'sending', attempts: 1 });

    // pg-boss hands the job out again once it expires (simulated), after the claim's lease.
    t.clock.advance(16 * 60_000);
    await direct.db.execute(sql`UPDATE pgboss.job SET state = 'retry', start_after = now() WHERE id = ${id}`);
    await waitUntil('the redelivered job to settle the message', async () => {
      const [now] = await direct.db.select().from(emailMessages).where(eq(emailMessages.id, id));
      return now?.status === 'sent' ? now : undefined;
    });
    const [settled] = await direct.db.select().from(emailMessages).where(eq(emailMessages.id, id));
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.parsed.messageId)).toEqual([settled!.messageId, settled!.messageId]);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
