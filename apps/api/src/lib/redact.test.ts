import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact';

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
