import { createHmac } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '@tritiq/contracts';
import { AppError } from './app-error';
import { isUuid } from './ids';

export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session id: every request checks this session is still live. */
  sid: string;
  role: Role;
  org: string | null;
}

export interface TokenService {
  readonly ttlSeconds: number;
  signAccessToken(claims: AccessClaims): Promise<string>;
  verifyAccessToken(token: string): Promise<AccessClaims & { exp: number }>;
  /**
   * HMAC-SHA256 under a key derived from SECRET_KEY for `purpose`: for short secrets (one-time
   * codes) that a leaked table alone must not reveal.
   */
  keyedHash(purpose: string, value: string): string;
}

const ISSUER = 'tritiq-erp';
const AUDIENCE = 'tritiq-api';

/** Verified tokens remembered (each client sends the same token until it expires). */
const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenService(options: { secretKey: string; ttlSeconds: number; now?: () => Date }): TokenService {
  const key = new TextEncoder().encode(options.secretKey);
  const now = options.now ?? (() => new Date());
  // A token whose signature and claims verified once verifies again until it expires: the HMAC
  // and claim checks are skipped for it, the expiry is checked on every use exactly as jose does
  // (expired once `exp` <= now in whole seconds). Only successes are kept; oldest out first.
  const verified = new Map<string, AccessClaims & { exp: number }>();
  const expiredError = () => new AppError('TOKEN_INVALID', 'Access token has expired');
  return {
    ttlSeconds: options.ttlSeconds,
    keyedHash(purpose, value) {
      const subkey = createHmac('sha256', options.secretKey).update(`tritiq:${purpose}`).digest();
      return createHmac('sha256', subkey).update(value, 'utf8').digest('hex');
    },
    async signAccessToken(claims) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({ sid: claims.sid, role: claims.role, org: claims.org })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + options.ttlSeconds)
        .sign(key);
    },
    async verifyAccessToken(token) {
      const known = verified.get(token);
      if (known) {
        if (known.exp <= Math.floor(now().getTime() / 1000)) {
          verified.delete(token);
          throw expiredError();
        }
        return { ...known };
      }
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: now(),
          requiredClaims: ['sub', 'exp', 'sid'],
        });
        const { sub, sid, role, org, exp } = payload as Record<string, unknown>;
        if (typeof sub !== 'string' || typeof sid !== 'string' || typeof role !== 'string' || typeof exp !== 'number') {
          throw new AppError('TOKEN_INVALID', 'Invalid access token');
        }
        if (org !== null && typeof org !== 'string') throw new AppError('TOKEN_INVALID', 'Invalid access token');
        // The session and user ids go into SQL as UUIDs: anything else is not a token we issued
        // (found by the route fuzzer: a non-UUID sid surfaced as a 422 about an "unknown" field).
        if (!isUuid(sub) || !isUuid(sid)) throw new AppError('TOKEN_INVALID', 'Invalid access token');
        const claims = { sub, sid, role: role as Role, org, exp };
        if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
        verified.set(token, claims);
        return { ...claims };
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw expiredError();
        throw new AppError('TOKEN_INVALID', 'Invalid access token');
      }
    },
  };
}
