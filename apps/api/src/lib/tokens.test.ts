import { describe, expect, it } from 'vitest';
import { createTokenService } from './tokens';

// Ids are UUIDs, as the tokens we issue carry (anything else is refused).
const USER_ID = '0191f3a0-7c1e-7a4b-8f00-000000000001';
const claims = {
  sub: USER_ID,
  sid: '0191f3a0-7c1e-7a4b-8f00-000000000002',
  role: 'standard_user' as const,
  org: '0191f3a0-7c1e-7a4b-8f00-000000000003',
};

function service(clock: { now: Date }) {
  return createTokenService({ secretKey: 'k'.repeat(64), ttlSeconds: 600, now: () => clock.now });
}

describe('access token verification (with the verified-token cache)', () => {
  it('answers the same claims on every use of a valid token', async () => {
    const clock = { now: new Date('2026-01-01T10:00:00Z') };
    const tokens = service(clock);
    const token = await tokens.signAccessToken(claims);
    const first = await tokens.verifyAccessToken(token);
    const again = await tokens.verifyAccessToken(token);
    expect(again).toEqual(first);
    expect(again).toMatchObject(claims);
    // Callers get their own copy: changing one does not change what the next request sees.
    again.sub = 'someone-else';
    expect((await tokens.verifyAccessToken(token)).sub).toBe(USER_ID);
  });

  it('refuses a token it verified before once it expires, from the exact second of exp', async () => {
    const clock = { now: new Date('2026-01-01T10:00:00Z') };
    const tokens = service(clock);
    const token = await tokens.signAccessToken(claims);
    const { exp } = await tokens.verifyAccessToken(token);
    clock.now = new Date((exp - 1) * 1000 + 999);
    await expect(tokens.verifyAccessToken(token)).resolves.toMatchObject(claims);
    clock.now = new Date(exp * 1000);
    await expect(tokens.verifyAccessToken(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID', message: 'Access token has expired' });
    // Also after it has left the cache.
    await expect(tokens.verifyAccessToken(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID', message: 'Access token has expired' });
  });

  it('refuses a tampered token even when the genuine one was verified just before', async () => {
    const clock = { now: new Date('2026-01-01T10:00:00Z') };
    const tokens = service(clock);
    const token = await tokens.signAccessToken(claims);
    await tokens.verifyAccessToken(token);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'org_admin' }),
    ).toString('base64url');
    await expect(tokens.verifyAccessToken(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    const other = createTokenService({ secretKey: 'x'.repeat(64), ttlSeconds: 600, now: () => clock.now });
    await expect(other.verifyAccessToken(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID', message: 'Invalid access token' });
  });
});
