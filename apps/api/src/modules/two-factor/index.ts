/**
 * Two-factor sign-in (TOTP, RFC 6238): the user's own set-up, the second sign-in step (a port
 * auth calls after a right password), recovery codes, the organisation's rule and an admin's reset.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import type { SecondFactorGate } from '../auth';
import { createSecondFactorGate } from './sign-in';
import type { TwoFactorDeps } from './two-factor.deps';
import { registerTwoFactorRoutes } from './two-factor.routes';

export { base32Decode, totpAt } from './totp';

export interface TwoFactorModule {
  gate: SecondFactorGate;
  register(api: FastifyInstance, completeLogin: TwoFactorDeps['completeLogin']): Promise<void>;
}

/** The gate is handed to auth before auth exists; the routes need auth's `completeLogin`, given at registration. */
export function createTwoFactorModule(deps: AppDeps): TwoFactorModule {
  let completeLogin: TwoFactorDeps['completeLogin'] | undefined;
  const tf: TwoFactorDeps = {
    sessions: deps.sessions,
    audit: deps.audit,
    tokens: deps.tokens,
    secretBox: deps.secretBox,
    clock: deps.clock,
    config: deps.config,
    completeLogin: (...args) => {
      if (!completeLogin) throw new Error('two-factor: routes used before registration');
      return completeLogin(...args);
    },
  };
  return {
    gate: createSecondFactorGate(tf),
    async register(api, complete) {
      completeLogin = complete;
      await registerTwoFactorRoutes(api, deps, tf);
    },
  };
}
