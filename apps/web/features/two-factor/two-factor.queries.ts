'use client';
import { enrolledSignInSchema, twoFactorChallengeSchema } from '@tritiq/contracts';
import { z } from 'zod';
import { signedInSchema } from '@/features/auth/auth.queries';

/** The password step answers a session, or a challenge for the second step. */
export const loginResultSchema = z.union([signedInSchema, twoFactorChallengeSchema]);
export type LoginResult = z.infer<typeof loginResultSchema>;
export type SignedInResult = z.infer<typeof signedInSchema>;
export type Challenge = z.infer<typeof twoFactorChallengeSchema>;

export const enrolledSchema = enrolledSignInSchema.omit({ access_token: true });

export function isChallenge(result: LoginResult): result is Challenge {
  return 'two_factor_required' in result;
}
