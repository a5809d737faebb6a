import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactSecretsOrSame } from './redact';

describe('redactSecrets', () => {
  it('hides secret-looking keys at any depth and keeps the rest', () => {
    const out = redactSecrets({
      user_email: 'a@b.in',
      password: 'hunter2',
      nested: { new_password: 'x', items: [{ access_token: 't', name: 'n' }] },
      headers: { authorization: 'Bearer abc', cookie: 'sid=1' },
      smtpPassword: 'p',
      must_change_password: true,
      token_type: 'bearer',
    });
    expect(out).toEqual({
      user_email: 'a@b.in',
      password: REDACTED,
      nested: { new_password: REDACTED, items: [{ access_token: REDACTED, name: 'n' }] },
      headers: { authorization: REDACTED, cookie: REDACTED },
      smtpPassword: REDACTED,
      must_change_password: true,
      token_type: 'bearer',
    });
  });
});

describe('redactSecretsOrSame', () => {
  it('gives the object itself when nothing in it needs redacting', () => {
    const line = { method: 'POST', route: '/api/v1/vouchers/sales', status: 201, duration_ms: 12.5, ip: null };
    expect(redactSecretsOrSame(line)).toBe(line);
  });

  it('gives a redacted copy when a key looks secret or a value is an object', () => {
    const secret = { user: 'a@example.in', password: 'Hunter-2-Hunter' };
    expect(redactSecretsOrSame(secret)).toEqual({ user: 'a@example.in', password: REDACTED });
    expect(secret.password).toBe('Hunter-2-Hunter');
    const nested = { body: { token: 'abc.def.ghi' } };
    expect(redactSecretsOrSame(nested)).toEqual({ body: { token: REDACTED } });
  });
});
