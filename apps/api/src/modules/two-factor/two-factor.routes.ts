import rateLimit from '@fastify/rate-limit';
import {
  challengeRequestSchema,
  disableTwoFactorRequestSchema,
  enableTwoFactorRequestSchema,
  enrolledSignInSchema,
  enrolWithChallengeRequestSchema,
  idParamsSchema,
  messageResponseSchema,
  ORG_ROLES,
  recoveryCodesResponseSchema,
  tokenResponseSchema,
  twoFactorPolicySchema,
  twoFactorSetupSchema,
  twoFactorStatusSchema,
  userTwoFactorSchema,
  verifyTwoFactorRequestSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { defineRoute } from '../../lib/route';
import { setAuthCookies, tokenBody } from '../auth';
import { getTwoFactorPolicy, getUserTwoFactor, resetAnyUserTwoFactor, resetUserTwoFactor, setTwoFactorPolicy } from './admin';
import { disableMyTwoFactor, enableMyTwoFactor, getMyTwoFactor, setUpMyTwoFactor } from './my-factor';
import { enableWithChallenge, setUpWithChallenge, verifySignIn } from './sign-in';
import type { TwoFactorDeps } from './two-factor.deps';

const RECOVERY_NOTE = 'Keep these recovery codes somewhere safe: each signs you in once if you lose your phone. They are not shown again.';

export async function registerTwoFactorRoutes(api: FastifyInstance, deps: AppDeps, tf: TwoFactorDeps): Promise<void> {
  // The second sign-in step, and turning the factor off, are limited per address like the password step.
  await api.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      store: deps.rateLimits.store,
      errorResponseBuilder: (_request, context) =>
        new AppError('RATE_LIMITED', `Too many attempts from this address. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
          retryAfter: Math.ceil(context.ttl / 1000),
        }),
    });
    const limited = {
      rateLimit: { max: deps.config.auth.rateLimit.max, timeWindow: deps.config.auth.rateLimit.windowSeconds * 1000 },
    };

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/auth/two-factor/verify',
      summary: 'Second sign-in step: the challenge from /auth/login and a code from the app (or a recovery code)',
      description:
        'Answers like /auth/login (token, user, cookies). A code is accepted once (replays are refused); five wrong codes spend the ' +
        "challenge, ten across a user's challenges in 30 minutes lock the second step (423).",
      tags: ['auth'],
      auth: 'public',
      config: limited,
      body: verifyTwoFactorRequestSchema,
      response: tokenResponseSchema,
      handler: async ({ body, meta, reply }) => {
        const signedIn = await verifySignIn(tf, body, meta);
        setAuthCookies(reply, signedIn, deps.config);
        return tokenBody(signedIn);
      },
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/auth/two-factor/enrolment/setup',
      summary: 'Sign-in enrolment: a QR code to scan, for a user who must have a second factor and has none',
      tags: ['auth'],
      auth: 'public',
      config: limited,
      body: challengeRequestSchema,
      response: twoFactorSetupSchema,
      handler: async ({ body }) => setUpWithChallenge(tf, body.challengeToken),
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/auth/two-factor/enrolment/enable',
      summary: 'Sign-in enrolment: the first code turns the factor on and signs in; answers the recovery codes once',
      tags: ['auth'],
      auth: 'public',
      config: limited,
      body: enrolWithChallengeRequestSchema,
      response: enrolledSignInSchema,
      handler: async ({ body, meta, reply }) => {
        const { signedIn, recoveryCodes } = await enableWithChallenge(tf, body, meta);
        setAuthCookies(reply, signedIn, deps.config);
        return { ...tokenBody(signedIn), recoveryCodes };
      },
    });

    defineRoute(scope, deps, {
      method: 'POST',
      url: '/auth/two-factor/disable',
      summary: 'Turn two-factor sign-in off: needs the password and a current code (or a recovery code)',
      description: 'Refused (409) while your role requires a second factor.',
      tags: ['auth'],
      auth: { roles: 'any' },
      config: limited,
      body: disableTwoFactorRequestSchema,
      response: messageResponseSchema,
      handler: async ({ principal, body, meta }) => {
        await disableMyTwoFactor(tf, principal, body, meta);
        return { message: 'Two-factor sign-in is off' };
      },
    });
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/auth/two-factor',
    summary: 'My two-factor sign-in: on or off, required or not, recovery codes left',
    tags: ['auth'],
    auth: { roles: 'any' },
    response: twoFactorStatusSchema,
    handler: async ({ principal }) => getMyTwoFactor(tf, principal),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/auth/two-factor/setup',
    summary: 'Start setting up an authenticator app: a new secret, its otpauth URI and QR code',
    description: 'Nothing changes at sign-in until /auth/two-factor/enable confirms a code. 409 while it is already on.',
    tags: ['auth'],
    auth: { roles: 'any' },
    response: twoFactorSetupSchema,
    handler: async ({ principal }) => setUpMyTwoFactor(tf, principal),
  });

  defineRoute(api, deps, {
    method: 'POST',
    url: '/auth/two-factor/enable',
    summary: 'Confirm the set-up with a code from the app; answers ten recovery codes, once',
    tags: ['auth'],
    auth: { roles: 'any' },
    body: enableTwoFactorRequestSchema,
    response: recoveryCodesResponseSchema,
    handler: async ({ principal, body, meta }) => ({
      message: RECOVERY_NOTE,
      recoveryCodes: await enableMyTwoFactor(tf, principal, body.code, meta),
    }),
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/users/:id/two-factor',
    summary: 'Whether a user of my organisation has two-factor sign-in on (admins)',
    tags: ['users'],
    auth: { roles: ['org_admin', 'admin'] },
    params: idParamsSchema,
    response: userTwoFactorSchema,
    handler: async ({ principal, params, meta }) => getUserTwoFactor(tf, actorOf(principal, meta), params.id),
  });

  defineRoute(api, deps, {
    method: 'DELETE',
    url: '/users/:id/two-factor',
    summary: "Reset another user's second factor (org admin), e.g. after a lost phone",
    description: 'Audited as `two_factor.reset`. Where a factor is required, the user sets up a new one at the next sign-in.',
    tags: ['users'],
    auth: { roles: ['org_admin'] },
    params: idParamsSchema,
    response: messageResponseSchema,
    handler: async ({ principal, params, meta }) => {
      await resetUserTwoFactor(tf, actorOf(principal, meta), params.id);
      return { message: 'Second factor reset' };
    },
  });

  defineRoute(api, deps, {
    method: 'DELETE',
    url: '/admin/users/:id/two-factor',
    summary: "Reset any user's second factor (super admin): another super admin's, or an organisation's only org admin's",
    description: 'Audited as `two_factor.reset` with `by_platform: true`.',
    tags: ['admin'],
    auth: { roles: ['super_admin'] },
    params: idParamsSchema,
    response: messageResponseSchema,
    handler: async ({ principal, params, meta }) => {
      await resetAnyUserTwoFactor(tf, principal, params.id, meta);
      return { message: 'Second factor reset' };
    },
  });

  defineRoute(api, deps, {
    method: 'GET',
    url: '/organization/two-factor-policy',
    summary: "My organisation's two-factor rule",
    tags: ['organization'],
    auth: { roles: ORG_ROLES },
    response: twoFactorPolicySchema,
    handler: async ({ principal, meta }) => getTwoFactorPolicy(tf, actorOf(principal, meta)),
  });

  defineRoute(api, deps, {
    method: 'PUT',
    url: '/organization/two-factor-policy',
    summary: "Require a second factor of the organisation's admins (org admin)",
    description: 'Admins without one are made to set one up at their next sign-in.',
    tags: ['organization'],
    auth: { roles: ['org_admin'] },
    body: twoFactorPolicySchema,
    response: twoFactorPolicySchema,
    handler: async ({ principal, body, meta }) => setTwoFactorPolicy(tf, actorOf(principal, meta), body.requireForAdmins),
  });
}
