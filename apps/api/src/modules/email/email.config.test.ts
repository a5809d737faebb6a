import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../config';
import { checkSmtpConfig, notConfiguredMessage } from './email.config';

const none: Config['smtp'] = {
  host: undefined,
  port: undefined,
  username: undefined,
  password: undefined,
  secure: undefined,
  fromEmail: undefined,
  fromName: undefined,
};
const check = (smtp: Partial<Config['smtp']>) => checkSmtpConfig({ ...none, ...smtp }, 'TRITIQ ERP');

describe('SMTP configuration check', () => {
  it('without SMTP_HOST names only that, in the seed words', () => {
    const result = check({});
    expect(result).toEqual({ ok: false, problems: ['SMTP_HOST is not set'] });
    expect(notConfiguredMessage(result.problems)).toBe('Email is not configured: SMTP_HOST is not set');
  });

  it('names every other problem at once', () => {
    const result = check({ host: 'smtp://mail.example.in', port: 'abc', secure: 'maybe', username: 'user', fromEmail: 'not-an-address' });
    expect(result.problems).toEqual([
      'SMTP_HOST must be a host name or an IP address, not a URL',
      'SMTP_SECURE must be true or false',
      'SMTP_PORT must be a number',
      'SMTP_PASSWORD is not set (SMTP_USERNAME is)',
      'EMAILS_FROM_EMAIL is not a valid email address',
    ]);
    expect(check({ host: 'mail.example.in', port: '70000', password: 'x' }).problems).toEqual([
      'SMTP_PORT must be between 1 and 65535',
      'SMTP_USERNAME is not set (SMTP_PASSWORD is)',
      'EMAILS_FROM_EMAIL is not set',
    ]);
  });

  it('accepts a complete configuration with sensible defaults', () => {
    expect(check({ host: 'smtp.example.in', username: 'erp@example.in', password: 'pw' })).toEqual({
      ok: true,
      problems: [],
      settings: {
        host: 'smtp.example.in',
        port: 587,
        secure: false,
        auth: { user: 'erp@example.in', pass: 'pw' },
        fromEmail: 'erp@example.in',
        fromName: 'TRITIQ ERP',
      },
    });
    const implicitTls = check({ host: 'smtp.example.in', port: '465', fromEmail: 'a@example.in', fromName: 'Billing' });
    expect(implicitTls.ok && implicitTls.settings).toMatchObject({ port: 465, secure: true, auth: null, fromName: 'Billing' });
    const explicit = check({ host: 'smtp.example.in', port: '465', secure: 'false', fromEmail: 'a@example.in' });
    expect(explicit.ok && explicit.settings.secure).toBe(false);
    const secureDefaultPort = check({ host: 'smtp.example.in', secure: 'true', fromEmail: 'a@example.in' });
    expect(secureDefaultPort.ok && secureDefaultPort.settings.port).toBe(465);
  });
});

describe('email settings of the environment', () => {
  it('have working defaults', () => {
    expect(loadConfig({}).email).toEqual({
      poolSize: 5,
      timeoutMs: 20_000,
      sendAttempts: 3,
      retryBaseMs: 1_000,
      outboxAttempts: 10,
      outboxRetrySeconds: 30,
      recordRetrySeconds: 60,
      workerInProcess: true,
      workerPollSeconds: 2,
      workerBatchSize: 20,
      workerConcurrency: 10,
      workerHeartbeatSeconds: 2,
      workerDeadAfterSeconds: 10,
    });
  });

  it('are validated at start, each bad one named', () => {
    const bad = { EMAIL_SEND_ATTEMPTS: '0', EMAIL_WORKER_POLL_SECONDS: '0.1', EMAIL_WORKER_IN_PROCESS: 'maybe', SMTP_POOL_SIZE: 'many' };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    try {
      loadConfig(bad);
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'SMTP_POOL_SIZE must be a number',
        'EMAIL_SEND_ATTEMPTS must be at least 1',
        expect.stringMatching(/^EMAIL_WORKER_IN_PROCESS .*"true"/),
        'EMAIL_WORKER_POLL_SECONDS must be at least 0.5',
      ]);
    }
  });
});
