import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { emailMessages } from '../../db/schema';
import { newId } from '../../lib/ids';
import { EmailTestBed } from '../../test/email';
import { createOrganization } from '../../test/factories';
import { closedPort } from '../../test/smtp';
import { ownerDb } from '../../test/test-db';

const SECRET = 'Zx8!vbnm-Asdf42';
const RESET_VARS = {
  user_name: 'Asha Rao',
  user_email: 'asha@example.in',
  new_password: SECRET,
  reset_by: 'admin@example.in',
  organization_name: 'Rao Traders',
  reset_date: '2026-04-01',
  reset_time: '10:15:00',
  admin_contact: 'admin@example.in',
};

const bed = EmailTestBed.forFile();

async function everythingStoredAbout(id: string): Promise<string> {
  const rows = await queryRows<{ j: string }>(
    ownerDb(bed.handle),
    sql`SELECT to_jsonb(e)::text AS j FROM email_messages e WHERE id = ${id}`,
  );
  return rows.map((r) => r.j).join('\n');
}

describe('sendNow: direct sends for messages that carry a secret', () => {
  it('delivers the message and records only its metadata, never the secret', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const org = await createOrganization(t.deps);
    const result = await t.deps.email.sendNow({
      template: 'password_reset',
      to: 'asha@example.in',
      toName: 'Asha Rao',
      variables: RESET_VARS,
      organizationId: org.id,
      relatedType: 'user',
      relatedId: 'u-1',
    });
    expect(result).toEqual({ sent: true, error: null });

    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.subject).toBe('TRITIQ ERP - Password Reset Notification');
    expect(mail!.parsed.from?.value).toEqual([{ name: 'TRITIQ Test', address: 'erp@tritiq.test' }]);
    expect(mail!.parsed.to).toMatchObject({ value: [{ name: 'Asha Rao', address: 'asha@example.in' }] });
    expect(mail!.parsed.text).toContain(`Your new password: ${SECRET}`);
    expect(mail!.parsed.html).toContain(SECRET);

    const rows = await ownerDb(t.deps.handle).select().from(emailMessages);
    const row = rows.find((r) => r.messageId === mail!.parsed.messageId);
    expect(row).toMatchObject({
      channel: 'direct',
      template: 'password_reset',
      toEmail: 'asha@example.in',
      subject: 'TRITIQ ERP - Password Reset Notification',
      status: 'sent',
      attempts: 1,
      variables: null,
      organizationId: org.id,
      relatedType: 'user',
      relatedId: 'u-1',
      lastError: null,
    });
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(await everythingStoredAbout(row!.id)).not.toContain(SECRET);
    expect(await bed.job(row!.id)).toBeUndefined();
    expect(t.logs.text()).not.toContain(SECRET);
    expect(t.logs.lines).toContainEqual(
      expect.objectContaining({ category: 'email', to: 'asha@example.in', template: 'password_reset', attempt: 1, outcome: 'sent' }),
    );
  });

  it('without SMTP: { sent: false } with the reason, and the attempt is in the log', async () => {
    const t = await bed.app({});
    const result = await t.deps.email.sendNow({ template: 'password_reset', to: 'asha@example.in', variables: RESET_VARS });
    expect(result).toEqual({ sent: false, error: 'Email is not configured: SMTP_HOST is not set' });
    const rows = await ownerDb(t.deps.handle).select().from(emailMessages);
    expect(rows.filter((r) => r.lastError === result.error)).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 0, channel: 'direct' }),
    ]);
    expect(await t.deps.email.startWorker()).toBe(false);
  });

  it('a closed port: "connection refused" after the configured attempts, recorded with them', async () => {
    const t = await bed.app({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(await closedPort()),
      EMAILS_FROM_EMAIL: 'erp@tritiq.test',
      EMAIL_SEND_ATTEMPTS: '2',
    });
    const result = await t.deps.email.sendNow({ template: 'password_reset', to: 'refused@example.in', variables: RESET_VARS });
    expect(result.sent).toBe(false);
    expect(result.error).toMatch(/^Connection refused by the SMTP server at 127\.0\.0\.1:\d+$/);
    const attempts = t.logs.lines.filter((l) => l.category === 'email' && l.to === 'refused@example.in' && l.outcome === 'failed');
    expect(attempts.map((l) => l.attempt)).toEqual([1, 2]);
    const rows = await ownerDb(t.deps.handle).select().from(emailMessages);
    expect(rows.find((r) => r.toEmail === 'refused@example.in')).toMatchObject({ status: 'failed', attempts: 2, lastError: result.error });
  });

  it('never throws: a missing variable or a bad address is a { sent: false } answer', async () => {
    const smtp = await bed.smtp();
    const t = await bed.app(smtp.env());
    const { new_password: _secret, ...withoutPassword } = RESET_VARS;
    expect(await t.deps.email.sendNow({ template: 'password_reset', to: 'asha@example.in', variables: withoutPassword })).toEqual({
      sent: false,
      error: 'Email template password_reset/html.hbs needs the variable "new_password", which was not given',
    });
    expect(await t.deps.email.sendNow({ template: 'password_reset', to: 'not an address', variables: RESET_VARS })).toEqual({
      sent: false,
      error: 'Invalid recipient address: "not an address"',
    });
    expect(await t.deps.email.sendNow({ template: 'no_such_template', to: 'asha@example.in', variables: {} })).toEqual({
      sent: false,
      error: 'There is no email template "no_such_template"',
    });
    expect(smtp.dataCount()).toBe(0);
  });

  it('the table itself refuses variables on a direct message', async () => {
    const now = new Date();
    const insert = ownerDb(bed.handle)
      .insert(emailMessages)
      .values({
        id: newId(),
        channel: 'direct',
        template: 'password_reset',
        toEmail: 'asha@example.in',
        status: 'sent',
        variables: { new_password: SECRET },
        messageId: `<${newId()}@tritiq.test>`,
        createdAt: now,
        updatedAt: now,
      });
    await expect(insert).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23514' }) });
  });
});
