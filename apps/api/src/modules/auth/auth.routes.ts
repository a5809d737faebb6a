import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import {
  changePasswordRequestSchema,
  changePasswordResponseSchema,
  currentUserSchema,
  forgotPasswordRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  messageResponseSchema,
  resetPasswordWithCodeRequestSchema,
  tokenResponseSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/app-error';
import { assertTrustedOrigin } from '../../lib/csrf';
import { defineRoute, requestMeta } from '../../lib/route';
import { ACCESS_COOKIE, bearerToken, REFRESH_COOKIE } from '../../plugins/auth';
import { clearAuthCookies, setAuthCookies, tokenBody } from './auth.cookies';
import type { AuthDeps } from './auth.deps';
import { changePassword } from './change-password';
import { login } from './login';
import { logout } from './logout';
import { logoutEverywhere } from './logout-everywhere';
import type { PasswordRecoveryService } from './password-recovery.service';
import { refreshSession } from './refresh-session';

export async function registerAuthRoutes(
  api: FastifyInstance,
  deps: AppDeps,
  auth: AuthDeps,
  recovery: PasswordRecoveryService,
): Promise<void> {
  const limited = {
    rateLimit: { max: deps.config.auth.rateLimit.max, timeWindow: deps.config.auth.rateLimit.windowSeconds * 1000 },
  };

  // Sign-in and password recovery live in their own scope: only they take form bodies (the OAuth2
  // password flow) and only they are rate-limited per IP.
  await api.register(async (scope) => {
    await scope.register(formbody);
    await scope.register(rateLimit, {
      global: false,
      store: deps.rateLimits.store,
      errorResponseBuilder: (_request, context) =>
        new AppError('RATE_LIMITED', `Too many attempts from this address. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
          retryAfter: Math.ceil(context.ttl / 1000),
        }),
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/auth/login',
      summary: 'Sign in with email and password (JSON, or the OAuth2 password form)',
      description:
        'Answers the access token and the user, and sets the httpOnly `tritiq_at` / `tritiq_rt` cookies for the browser. ' +
        'Five wrong passwords in a row from one address lock that address out of that email for 30 minutes (423); many failures ' +
        'from all addresses together make the next attempt wait a few seconds (429 with Retry-After). Unknown emails are answered the same. ' +
        'When the user has a second factor (or must set one up), the answer is a short-lived `challenge_token` instead: finish at ' +
        '`/auth/two-factor/verify`.',
      tags: ['auth'],
      auth: 'public',
      config: limited,
      body: loginRequestSchema,
      response: loginResponseSchema,
      handler: async ({ body, meta, reply }) => {
        const signedIn = await login(auth, { email: (body.email ?? body.username)!, password: body.password }, meta);
        if ('challengeToken' in signedIn) return { twoFactorRequired: true as const, ...signedIn };
        setAuthCookies(reply, signedIn, deps.config);
        return tokenBody(signedIn);
      },
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/auth/password/forgot',
      summary: 'Email a 6-digit code to reset a forgotten password',
      description: 'Always answers the same, whether or not the email belongs to an account.',
      tags: ['auth'],
      auth: 'public',
      config: limited,
      body: forgotPasswordRequestSchema,
      response: messageResponseSchema,
      handler: async ({ body, meta }) => ({ message: await recovery.requestCode(body.email, meta) }),
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/auth/password/reset',
      summary: 'Set a new password with the emailed code',
      description: 'A code is valid for 10 minutes and 3 attempts; a new request replaces it.',
      tags: ['auth'],
      auth: 'public',
      config: limited,
      body: resetPasswordWithCodeRequestSchema,
      response: messageResponseSchema,
      handler: async ({ body, meta }) => {
        await recovery.resetWithCode({ email: body.email, code: body.code, newPassword: body.newPassword }, meta);
        return { message: 'Password reset successfully. Sign in with your new password.' };
      },
    });
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/auth/refresh',
    summary: 'Rotate the refresh cookie and get a new access token',
    description: 'Uses the httpOnly `tritiq_rt` cookie. Presenting an already rotated refresh token ends the session.',
    tags: ['auth'],
    auth: 'public',
    response: tokenResponseSchema,
    handler: async ({ request, reply }) => {
      const refreshToken = request.cookies[REFRESH_COOKIE];
      if (!refreshToken) throw new AppError('UNAUTHENTICATED', 'No session cookie: sign in');
      assertTrustedOrigin(request, deps.config.auth.trustedOrigins);
      try {
        const signedIn = await refreshSession(auth, refreshToken, requestMeta(request));
        setAuthCookies(reply, signedIn, deps.config);
        return tokenBody(signedIn);
      } catch (err) {
        if (err instanceof AppError && err.status === 401) clearAuthCookies(reply, deps.config);
        throw err;
      }
    },
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/auth/logout',
    summary: 'Sign out: end this session and clear its cookies',
    description: 'Works with the access token (header or cookie), or with the refresh cookie alone once the access token has expired.',
    tags: ['auth'],
    auth: 'public',
    response: messageResponseSchema,
    handler: async ({ request, reply, meta }) => {
      const bearer = bearerToken(request);
      const refreshToken = request.cookies[REFRESH_COOKIE];
      let sessionId: string | null = null;
      if (bearer || request.cookies[ACCESS_COOKIE]) {
        try {
          sessionId = (await deps.authenticator.authenticate(request, { roles: 'any', allowDuringPasswordChange: true })).sessionId;
        } catch (err) {
          // An expired access cookie beside a live refresh cookie still signs out, below.
          const expiredCookie = !bearer && refreshToken && err instanceof AppError && err.code === 'TOKEN_INVALID';
          if (!expiredCookie) throw err;
        }
      } else if (!refreshToken) {
        throw new AppError('UNAUTHENTICATED', 'Not authenticated: send a bearer access token');
      }
      if (sessionId) {
        await logout(auth, { sessionId }, meta);
      } else {
        assertTrustedOrigin(request, deps.config.auth.trustedOrigins);
        await logout(auth, { refreshToken: refreshToken! }, meta);
      }
      clearAuthCookies(reply, deps.config);
      return { message: 'Signed out' };
    },
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/auth/logout-all',
    summary: 'Sign out everywhere: end every session of mine, this one included',
    tags: ['auth'],
    auth: { roles: 'any', allowDuringPasswordChange: true },
    response: messageResponseSchema,
    handler: async ({ principal, meta, reply }) => {
      const ended = await logoutEverywhere(auth, principal, meta);
      clearAuthCookies(reply, deps.config);
      return { message: `Signed out of ${ended} session${ended === 1 ? '' : 's'}` };
    },
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/auth/me',
    summary: 'The signed-in user, with role and organisation',
    tags: ['auth'],
    auth: { roles: 'any', allowDuringPasswordChange: true },
    response: currentUserSchema,
    handler: async ({ principal }) => ({
      id: principal.userId,
      email: principal.email,
      fullName: principal.fullName,
      role: principal.role,
      organizationId: principal.organizationId,
      organizationName: principal.organizationName,
      mustChangePassword: principal.mustChangePassword,
    }),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/auth/change-password',
    summary: 'Change my password',
    description:
      '`current_password` may be left out only while `must_change_password` is set. Every session of the user ends; ' +
      'the answer carries a new one (and new cookies).',
    tags: ['auth'],
    auth: { roles: 'any', allowDuringPasswordChange: true },
    body: changePasswordRequestSchema,
    response: changePasswordResponseSchema,
    handler: async ({ principal, body, meta, reply }) => {
      const signedIn = await changePassword(
        auth,
        principal,
        { currentPassword: body.currentPassword, newPassword: body.newPassword },
        meta,
      );
      setAuthCookies(reply, signedIn, deps.config);
      return { message: 'Password changed successfully', ...tokenBody(signedIn) };
    },
  });
}
