import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config';
import { captureLoggers } from '../../test/harness';
import { closedPort, startTestSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { createSmtpSender, type OutgoingEmail, type SmtpSender } from './email.smtp';
import { renderTemplate } from './email.templates';

const servers: TestSmtpServer[] = [];
const senders: SmtpSender[] = [];
afterEach(async () => {
  for (const s of senders.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

async function server(options: Parameters<typeof startTestSmtpServer>[0] = {}) {
  const s = await startTestSmtpServer(options);
  servers.push(s);
  return s;
}

function sender(env: Record<string, string>) {
  const { loggers, logs } = captureLoggers();
  const smtp: Config['smtp'] = {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    username: env.SMTP_USERNAME,
    password: env.SMTP_PASSWORD,
    secure: env.SMTP_SECURE,
    fromEmail: env.EMAILS_FROM_EMAIL,
    fromName: env.EMAILS_FROM_NAME,
  };
  const s = createSmtpSender({ smtp, productName: 'TRITIQ ERP', poolSize: 2, timeoutMs: 5_000, logger: loggers.email });
  senders.push(s);
  return { s, logs };
}

const SECRET = 'N3w-Passw0rd!x';
const message = (to = 'asha@example.in'): OutgoingEmail => ({
  to,
  toName: 'Asha Rao',
  messageId: '<0193-test@tritiq.test>',
  ...renderTemplate('password_forgot_code', { user_name: 'Asha', otp: SECRET, expires_in_minutes: 10 }),
});
const labels = { emailId: '0193-test', template: 'password_forgot_code', channel: 'direct' as const };
const policy = { attempts: 3, baseDelayMs: 1 };

function attemptLines(logs: ReturnType<typeof sender>['logs']) {
  return logs.lines.filter((l) => l.category === 'email' && typeof l.attempt === 'number');
}

describe('SMTP sending against a real SMTP server on loopback', () => {
  it('delivers subject, from name and address, recipient, Message-ID, text and HTML parts', async () => {
    const smtp = await server();
    const { s, logs } = sender(smtp.env());
    const result = await s.deliver(message(), labels, policy);
    expect(result).toMatchObject({ sent: true, error: null, attempts: 1 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.subject).toBe('TRITIQ ERP - Your password reset code');
    expect(mail!.parsed.from?.value).toEqual([{ name: 'TRITIQ Test', address: 'erp@tritiq.test' }]);
    expect(mail!.to).toEqual(['asha@example.in']);
    expect(mail!.parsed.messageId).toBe('<0193-test@tritiq.test>');
    expect(mail!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail!.parsed.text).toContain(SECRET);
    expect(mail!.parsed.html).toContain(SECRET);
    expect(attemptLines(logs)).toEqual([
      expect.objectContaining({ to: 'asha@example.in', template: 'password_forgot_code', attempt: 1, outcome: 'sent' }),
    ]);
    expect(logs.text()).not.toContain(SECRET);
  });

  it('a closed port: "connection refused" after the configured attempts', async () => {
    const { s, logs } = sender({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(await closedPort()), EMAILS_FROM_EMAIL: 'erp@tritiq.test' });
    const result = await s.deliver(message(), labels, policy);
    expect(result.sent).toBe(false);
    expect(result.attempts).toBe(3);
    expect(result.error).toMatch(/^Connection refused by the SMTP server at 127\.0\.0\.1:\d+$/);
    expect(attemptLines(logs).map((l) => [l.attempt, l.outcome, l.kind])).toEqual([
      [1, 'failed', 'connection_refused'],
      [2, 'failed', 'connection_refused'],
      [3, 'failed', 'connection_refused'],
    ]);
  });

  it('451 twice, then accepted: delivered on the third attempt', async () => {
    const smtp = await server({ onData: (n) => (n <= 2 ? { code: 451, message: 'Try again later' } : undefined) });
    const { s, logs } = sender(smtp.env());
    const result = await s.deliver(message(), labels, policy);
    expect(result).toMatchObject({ sent: true, error: null, attempts: 3 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.dataCount()).toBe(3);
    expect(attemptLines(logs).map((l) => [l.attempt, l.outcome, l.transient ?? null])).toEqual([
      [1, 'failed', true],
      [2, 'failed', true],
      [3, 'sent', null],
    ]);
  });

  it('550 for the recipient: not retried, and the error names the recipient', async () => {
    const smtp = await server({ onRcpt: (to) => ({ code: 550, message: `<${to}>: Recipient address rejected: no such user` }) });
    const { s } = sender(smtp.env());
    const result = await s.deliver(message('nobody@example.in'), labels, policy);
    expect(result.sent).toBe(false);
    expect(result.attempts).toBe(1);
    expect(result.error).toMatch(/^Recipient rejected: nobody@example\.in \(550 /);
  });

  it('a rejected message (554) is not retried', async () => {
    const smtp = await server({ onData: () => ({ code: 554, message: 'Message refused' }) });
    const { s } = sender(smtp.env());
    const result = await s.deliver(message(), labels, policy);
    expect(result).toMatchObject({
      sent: false,
      attempts: 1,
      error: expect.stringMatching(/^Message rejected by 127\.0\.0\.1:\d+: 554 Message refused$/),
    });
  });

  it('bad credentials: "authentication failed", not retried, and the password is never logged', async () => {
    const smtp = await server({ auth: { user: 'erp', pass: 'right-password' } });
    const { s, logs } = sender({ ...smtp.env(), SMTP_USERNAME: 'erp', SMTP_PASSWORD: 'wrong-password' });
    const result = await s.deliver(message(), labels, policy);
    expect(result.sent).toBe(false);
    expect(result.attempts).toBe(1);
    expect(result.error).toMatch(/^Authentication failed at 127\.0\.0\.1:\d+: 535 /);
    expect(logs.text()).not.toContain('wrong-password');
  });

  it('right credentials are used', async () => {
    const smtp = await server({ auth: { user: 'erp', pass: 'right-password' } });
    const { s } = sender({ ...smtp.env(), SMTP_USERNAME: 'erp', SMTP_PASSWORD: 'right-password' });
    expect(await s.deliver(message(), labels, policy)).toMatchObject({ sent: true });
    expect(smtp.received).toHaveLength(1);
  });

  it('a server that wants a login and gets none: "authentication failed"', async () => {
    const smtp = await server({ auth: { user: 'erp', pass: 'right-password' } });
    const { s } = sender(smtp.env());
    const result = await s.deliver(message(), labels, policy);
    expect(result).toMatchObject({
      sent: false,
      attempts: 1,
      error: expect.stringMatching(/^Authentication failed at .*requires SMTP_USERNAME and SMTP_PASSWORD$/),
    });
  });

  it('a certificate the client cannot trust: "TLS failure", not retried', async () => {
    const smtp = await server({ starttls: true });
    const { s } = sender(smtp.env());
    const result = await s.deliver(message(), labels, policy);
    expect(result).toMatchObject({
      sent: false,
      attempts: 1,
      error: expect.stringMatching(/^TLS failure with the SMTP server at 127\.0\.0\.1:\d+: /),
    });
    expect(smtp.received).toHaveLength(0);
  });

  it('SMTP_SECURE=true against a plain port: "TLS failure" with a hint', async () => {
    const smtp = await server();
    const { s } = sender({ ...smtp.env(), SMTP_SECURE: 'true' });
    const result = await s.deliver(message(), labels, policy);
    expect(result.error).toMatch(/TLS failure .*does not speak TLS on this port/);
  });

  it('without configuration: no attempt, the reason named', async () => {
    const { s } = sender({});
    expect(s.check()).toEqual({ ok: false, problems: ['SMTP_HOST is not set'] });
    const result = await s.attempt(message(), { ...labels, attempt: 1, maxAttempts: 1 });
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'not_configured', transient: false, message: 'Email is not configured: SMTP_HOST is not set' },
    });
  });
});
