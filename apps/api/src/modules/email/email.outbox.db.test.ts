import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, emailMessages, emailWorkers } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { EmailTestBed, PASSWORD_CHANGED_VARS } from '../../test/email';
import { createOrganization, platformTx } from '../../test/factories';
import { closedPort, waitUntil } from '../../test/smtp';
import type { EmailOutcome, EmailRequest } from '.';
import { ownerDb } from '../../test/test-db';

const bed = EmailTestBed.forFile();

const notice = (to: string, extra: Partial<EmailRequest> = {}): EmailRequest => ({
  template: 'password_changed',
  to,
  variables: { ...PASSWORD_CHANGED_VARS, user_email: to },
  ...extra,
});

describe('the durable outbox', () => {
  it('three messages queued while SMTP is down all arrive, exactly once, when it comes back', async () => {
    const port = await closedPort();
    const t = await bed.app({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), EMAILS_FROM_EMAIL: 'erp@tritiq.test' });
    const org = await createOrganization(t.deps);
    const ids = await platformTx(t.deps, async (tx) => {
      const out: string[] = [];
      for (const n of [1, 2, 3]) out.push((await t.deps.email.enqueue(tx, notice(`user${n}@example.in`, { organizationId: org.id }))).id);
      return out;
    });
    expect(await t.deps.email.startWorker()).toBe(true);

    await waitUntil('every message to have failed an attempt', async () => {
      const rows = await bed.messages(ids);
      return rows.every((r) => r.attempts >= 1 && /^Connection refused/.test(r.lastError ?? '')) ? rows : undefined;
    });
    const smtp = await bed.smtp({ port });
    const rows = await bed.settled(ids);

    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    // The job is completed just after the row is recorded; then nothing is left that could send again.
    await waitUntil('every job to be completed', async () => ((await bed.openJobs()) === 0 ? true : undefined));
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.map((m) => m.parsed.messageId).sort()).toEqual(rows.map((r) => r.messageId).sort());
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['user1@example.in', 'user2@example.in', 'user3@example.in']);
    for (const row of rows) {
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(row.lastError).toBeNull();
      expect(row.sentAt).toBeInstanceOf(Date);
    }
  });

  it('a message queued in a transaction that rolls back is never sent', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    await t.deps.email.startWorker();
    let rolledBack = '';
    await expect(
      platformTx(t.deps, async (tx) => {
        rolledBack = (await t.deps.email.enqueue(tx, notice('rolled-back@example.in'))).id;
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const { id: sentinel } = await platformTx(t.deps, (tx) => t.deps.email.enqueue(tx, notice('sentinel@example.in')));

    await bed.settled([sentinel]);
    expect(smtp.received.map((m) => m.to)).toEqual([['sentinel@example.in']]);
    expect(rolledBack).not.toBe('');
    expect(await bed.message(rolledBack)).toBeUndefined();
    expect(await bed.job(rolledBack)).toBeUndefined();
  });

  it('messages left pending by a stopped worker are delivered by the next one', async () => {
    const smtp = await bed.smtp();
    const first = await bed.app(smtp.env());
    await first.deps.email.startWorker();
    await first.deps.email.stop();
    const ids = await platformTx(first.deps, async (tx) => [
      (await first.deps.email.enqueue(tx, notice('pending1@example.in'))).id,
      (await first.deps.email.enqueue(tx, notice('pending2@example.in'))).id,
    ]);
    await first.app.close();
    expect((await bed.messages(ids)).map((r) => r.status)).toEqual(['queued', 'queued']);

    const second = await bed.app(smtp.env());
    await second.deps.email.startWorker();
    const rows = await bed.settled(ids);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['pending1@example.in', 'pending2@example.in']);
  });

  it('stopping finishes the delivery in flight and gives the rest of its batch back to the queue', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = () => undefined as void;
    const inData = new Promise<void>((resolve) => (reached = resolve));
    const smtp = await bed.smtp({
      onData: async (n) => {
        if (n === 1) {
          reached();
          await held;
        }
        return undefined;
      },
    });
    const t = await bed.app({ ...smtp.env(), EMAIL_WORKER_CONCURRENCY: '1', EMAIL_WORKER_BATCH_SIZE: '3' });
    const ids = await platformTx(t.deps, async (tx) => {
      const out: string[] = [];
      for (const n of [1, 2, 3]) out.push((await t.deps.email.enqueue(tx, notice(`batch${n}@example.in`))).id);
      return out;
    });
    await t.deps.email.startWorker();
    await inData;
    const stopped = t.deps.email.stop();
    release();
    await stopped;

    const rows = await bed.messages(ids);
    expect(rows.map((r) => r.status).sort()).toEqual(['queued', 'queued', 'sent']);
    expect(smtp.received).toHaveLength(1);
    for (const row of rows.filter((r) => r.status === 'queued')) {
      expect(row.attempts).toBe(0);
      // Held by nobody, and fetchable at once (not after a retry delay, and no retry spent).
      expect(row.workerId).toBeNull();
      expect(await bed.job(row.id)).toMatchObject({ state: 'created', retry_count: 0 });
    }

    const next = await bed.app(smtp.env());
    await next.deps.email.startWorker();
    expect((await bed.settled(ids)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['batch1@example.in', 'batch2@example.in', 'batch3@example.in']);
  });

  it('calls the outcome handler of the related type inside the transaction that records the outcome', async () => {
    const smtp = await bed.smtp({
      onRcpt: (to) => (to.startsWith('bounce') ? { code: 550, message: `<${to}>: no such user` } : undefined),
    });
    const t = await bed.app(smtp.env());
    const org = await createOrganization(t.deps);
    const outcomes: EmailOutcome[] = [];
    t.deps.email.registerOutcomeHandler('test_related', async (tx, outcome) => {
      outcomes.push(outcome);
      await t.deps.audit.record(tx, {
        organizationId: outcome.organizationId,
        actor: null,
        action: `voucher.email_${outcome.status}`,
        targetType: 'voucher',
        targetId: outcome.relatedId,
      });
    });
    expect(() => t.deps.email.registerOutcomeHandler('test_related', async () => undefined)).toThrow(/already registered/);
    const ids = await platformTx(t.deps, async (tx) => [
      (await t.deps.email.enqueue(tx, notice('ok@example.in', { organizationId: org.id, relatedType: 'test_related', relatedId: 'v-1' })))
        .id,
      (
        await t.deps.email.enqueue(
          tx,
          notice('bounce@example.in', { organizationId: org.id, relatedType: 'test_related', relatedId: 'v-2' }),
        )
      ).id,
    ]);
    await t.deps.email.startWorker();
    const rows = await bed.settled(ids);

    const bounced = rows.find((r) => r.toEmail === 'bounce@example.in')!;
    expect(bounced).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/^Recipient rejected: bounce@example\.in \(550 /),
    });
    expect(outcomes.map((o) => [o.relatedId, o.status, o.error]).sort()).toEqual([
      ['v-1', 'sent', null],
      ['v-2', 'failed', bounced.lastError],
    ]);
    expect(outcomes.every((o) => o.organizationId === org.id && o.relatedType === 'test_related')).toBe(true);
    const audit = await ownerDb(t.deps.handle).select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    expect(audit.map((a) => [a.action, a.targetId]).sort()).toEqual([
      ['voucher.email_failed', 'v-2'],
      ['voucher.email_sent', 'v-1'],
    ]);
  });

  it('records the outcome even when the outcome handler throws', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    t.deps.email.registerOutcomeHandler('flaky', async () => {
      throw new Error('handler bug');
    });
    const { id } = await platformTx(t.deps, (tx) =>
      t.deps.email.enqueue(tx, notice('flaky@example.in', { relatedType: 'flaky', relatedId: 'f-1' })),
    );
    await t.deps.email.startWorker();
    const [row] = await bed.settled([id]);
    expect(row!.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    expect(t.logs.lines).toContainEqual(
      expect.objectContaining({ category: 'email', level: 'error', email_id: id, related_type: 'flaky' }),
    );
  });

  it('a message that keeps failing is marked failed with the reason after its attempts', async () => {
    const t = await bed.app({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(await closedPort()),
      EMAILS_FROM_EMAIL: 'erp@tritiq.test',
      EMAIL_OUTBOX_ATTEMPTS: '2',
    });
    const { id } = await platformTx(t.deps, (tx) => t.deps.email.enqueue(tx, notice('never@example.in')));
    await t.deps.email.startWorker();
    const [row] = await bed.settled([id]);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: expect.stringMatching(/^Connection refused by the SMTP server/),
    });
    expect(row!.failedAt).toBeInstanceOf(Date);
    await waitUntil('the job to be completed', async () => ((await bed.job(id))?.state === 'completed' ? true : undefined));
  });

  it('sends again, under the same Message-ID, a message a crashed worker had claimed, once its lease ends', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const { id } = await platformTx(t.deps, (tx) => t.deps.email.enqueue(tx, notice('claimed@example.in')));
    // What a worker leaves behind when it dies after claiming the message (it may have sent it).
    const leaseUntil = new Date(t.clock.now().getTime() + 60_000);
    await ownerDb(bed.handle).update(emailMessages).set({ status: 'sending', attempts: 1, leaseUntil }).where(eq(emailMessages.id, id));
    await t.deps.email.startWorker();

    // While its lease runs, the claim is respected: the job is put back, the row left alone.
    await waitUntil('the job to be retried', async () => ((await bed.job(id))?.retry_count ?? 0) >= 1 || undefined);
    expect(await bed.message(id)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(smtp.dataCount()).toBe(0);

    t.clock.advance(61_000);
    const [row] = await bed.settled([id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.messageId).toBe(row!.messageId);
    expect(t.logs.lines).toContainEqual(
      expect.objectContaining({ category: 'email', email_id: id, msg: expect.stringMatching(/possible duplicate/) }),
    );
  });

  it('sends at once, not after its lease, a message this worker itself had withheld before the hand-over', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    await t.deps.email.startWorker();
    const [worker] = await ownerDb(bed.handle).select().from(emailWorkers).orderBy(desc(emailWorkers.startedAt)).limit(1);
    // What the worker leaves when the database goes away just after it withheld the final dot: the
    // row still `sending` under its own id, never handed over, its lease far ahead.
    const leaseUntil = new Date(t.clock.now().getTime() + 15 * 60_000);
    const { id } = await platformTx(t.deps, async (tx) => {
      const queued = await t.deps.email.enqueue(tx, notice('withheld@example.in'));
      await tx
        .update(emailMessages)
        .set({ status: 'sending', attempts: 1, leaseUntil, workerId: worker!.id, handedOverAt: null })
        .where(eq(emailMessages.id, queued.id));
      return queued;
    });

    const [row] = await bed.settled([id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.messageId).toBe(row!.messageId);
    expect(t.logs.lines).not.toContainEqual(expect.objectContaining({ email_id: id, msg: expect.stringMatching(/possible duplicate/) }));
  });

  it('a queued message its template can no longer render (changed since) is failed with the reason, not sent', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const { id } = await platformTx(t.deps, (tx) => t.deps.email.enqueue(tx, notice('stale@example.in')));
    const { admin_contact: _dropped, ...older } = PASSWORD_CHANGED_VARS;
    await ownerDb(bed.handle).update(emailMessages).set({ variables: older }).where(eq(emailMessages.id, id));
    await t.deps.email.startWorker();
    const [row] = await bed.settled([id]);
    expect(row).toMatchObject({ status: 'failed', attempts: 0, lastError: expect.stringMatching(/needs the variable "admin_contact"/) });
    expect(smtp.dataCount()).toBe(0);
  });

  it('refuses, in the caller’s transaction, what must not be queued', async () => {
    const t = await bed.app({});
    const enqueue = (request: EmailRequest) => platformTx(t.deps, (tx) => t.deps.email.enqueue(tx, request));
    await expect(enqueue({ ...notice('a@example.in'), template: 'password_reset', variables: { new_password: 'x' } })).rejects.toThrow(
      /"new_password" carries a secret .* send "password_reset" with sendNow/,
    );
    await expect(
      enqueue({
        template: 'password_forgot_code',
        to: 'a@example.in',
        variables: { user_name: 'A', otp: '123456', expires_in_minutes: 10 },
      }),
    ).rejects.toThrow(/"otp" carries a secret/);
    await expect(
      enqueue({ ...notice('a@example.in'), variables: { ...PASSWORD_CHANGED_VARS, lines: [{ item: 'x', api_token: 'y' }] } }),
    ).rejects.toThrow(/"api_token" carries a secret/);
    const { admin_contact: _dropped, ...incomplete } = PASSWORD_CHANGED_VARS;
    await expect(enqueue({ ...notice('a@example.in'), variables: incomplete })).rejects.toThrow(/needs the variable "admin_contact"/);
    await expect(enqueue(notice('not-an-address'))).rejects.toBeInstanceOf(AppError);
    await expect(enqueue({ ...notice('a@example.in'), template: 'nope' })).rejects.toThrow('There is no email template "nope"');
    const rows = await ownerDb(t.deps.handle).select().from(emailMessages).where(eq(emailMessages.toEmail, 'a@example.in'));
    expect(rows).toEqual([]);
  });

  it('queued mail waits while SMTP is not configured', async () => {
    const t = await bed.app({});
    const request = notice('waits@example.in');
    request.variables.user_name = 'Asha\u0000 Rao';
    const { id } = await platformTx(t.deps, (tx) => t.deps.email.enqueue(tx, request));
    expect(await t.deps.email.startWorker()).toBe(false);
    expect(await bed.message(id)).toMatchObject({ status: 'queued', attempts: 0, lastError: null, variables: { user_name: 'Asha Rao' } });
    expect(await bed.job(id)).toMatchObject({ state: 'created' });
  });
});
