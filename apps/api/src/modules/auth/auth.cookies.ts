import type { FastifyReply } from 'fastify';
import type { Config } from '../../config';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../../plugins/auth';
import type { SignedIn } from './signed-in';

const ACCESS_PATH = '/api';
// The refresh token travels only to the endpoints that use it (refresh, logout).
const REFRESH_PATH = '/api/v1/auth';

/** Both cookies are httpOnly and SameSite=Strict: page scripts cannot read them, other sites cannot send them. */
export function setAuthCookies(reply: FastifyReply, signedIn: SignedIn, config: Config): void {
  const base = { httpOnly: true, sameSite: 'strict' as const, secure: config.auth.secureCookies };
  reply.setCookie(ACCESS_COOKIE, signedIn.accessToken, { ...base, path: ACCESS_PATH, maxAge: signedIn.expiresIn });
  reply.setCookie(REFRESH_COOKIE, signedIn.refreshToken, { ...base, path: REFRESH_PATH, expires: signedIn.sessionExpiresAt });
}

export function clearAuthCookies(reply: FastifyReply, config: Config): void {
  const base = { httpOnly: true, sameSite: 'strict' as const, secure: config.auth.secureCookies };
  reply.clearCookie(ACCESS_COOKIE, { ...base, path: ACCESS_PATH });
  reply.clearCookie(REFRESH_COOKIE, { ...base, path: REFRESH_PATH });
}

/** The JSON half of a sign-in (the seed's Token shape plus the user). */
export function tokenBody(signedIn: SignedIn) {
  return {
    accessToken: signedIn.accessToken,
    tokenType: 'bearer' as const,
    expiresIn: signedIn.expiresIn,
    mustChangePassword: signedIn.user.mustChangePassword,
    user: signedIn.user,
  };
}
