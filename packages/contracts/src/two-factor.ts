import { z } from 'zod';
import { isoDateTimeSchema } from './common';
import { tokenResponseSchema } from './auth';
import { PASSWORD_MAX_LENGTH } from './validation/password';

export const TOTP_CODE_PATTERN = /^[0-9]{6}$/;
/** Ten characters of base32 in two groups of five: `ABCDE-23456` (the dash is optional on input). */
export const RECOVERY_CODE_PATTERN = /^[A-Z2-7]{5}-?[A-Z2-7]{5}$/;
export const RECOVERY_CODE_COUNT = 10;

const totpCode = z.string().trim().regex(TOTP_CODE_PATTERN, { error: 'must be the 6-digit code from your authenticator app' });

const recoveryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(RECOVERY_CODE_PATTERN, { error: 'must be one of your recovery codes, like ABCDE-23456' });

/** A 6-digit app code, or one of the recovery codes (only where the route says so). */
const codeOrRecovery = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => TOTP_CODE_PATTERN.test(value) || RECOVERY_CODE_PATTERN.test(value), {
    error: 'must be the 6-digit code from your authenticator app or a recovery code',
  });

const challengeToken = z.string().min(20, { error: 'is not a sign-in challenge' }).max(200, { error: 'is not a sign-in challenge' });

export const twoFactorStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabled_at: isoDateTimeSchema.nullable(),
    required: z.boolean().describe('Whether your role in your organisation (or the platform) requires a second factor'),
    recovery_codes_left: z.number().int(),
  })
  .meta({ id: 'TwoFactorStatus' });

export const twoFactorSetupSchema = z
  .object({
    secret: z.string().describe('Base32 secret, for typing into an app by hand'),
    otpauth_uri: z.string(),
    qr_svg: z.string().describe('The otpauth URI as a QR code (SVG)'),
  })
  .meta({ id: 'TwoFactorSetup' });

export const enableTwoFactorRequestSchema = z.object({ code: totpCode }).meta({ id: 'EnableTwoFactorRequest' });

export const recoveryCodesResponseSchema = z
  .object({
    message: z.string(),
    recovery_codes: z.array(z.string()).describe('Shown this once; each works once'),
  })
  .meta({ id: 'RecoveryCodes' });

export const disableTwoFactorRequestSchema = z
  .object({
    password: z
      .string()
      .min(1, { error: 'is required' })
      .max(PASSWORD_MAX_LENGTH * 4, { error: 'is too long' }),
    code: codeOrRecovery,
  })
  .meta({ id: 'DisableTwoFactorRequest' });

/** What the password step answers instead of a session when a second factor is due. */
export const twoFactorChallengeSchema = z
  .object({
    two_factor_required: z.literal(true),
    enrolment_required: z.boolean().describe('True: no factor yet, but one is required; set one up with the challenge'),
    challenge_token: z.string(),
    expires_in: z.number().int().describe('Seconds the challenge stays valid'),
  })
  .meta({ id: 'TwoFactorChallenge' });

export const loginResponseSchema = z.union([tokenResponseSchema, twoFactorChallengeSchema]).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const verifyTwoFactorRequestSchema = z
  .object({
    challenge_token: challengeToken,
    code: totpCode.optional(),
    recovery_code: recoveryCode.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.code === undefined) === (body.recovery_code === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'send either code or recovery_code' });
    }
  })
  .meta({ id: 'VerifyTwoFactorRequest' });

export const challengeRequestSchema = z.object({ challenge_token: challengeToken }).meta({ id: 'TwoFactorChallengeRequest' });

export const enrolWithChallengeRequestSchema = z
  .object({ challenge_token: challengeToken, code: totpCode })
  .meta({ id: 'TwoFactorEnrolRequest' });

export const enrolledSignInSchema = tokenResponseSchema.extend({ recovery_codes: z.array(z.string()) }).meta({ id: 'TwoFactorEnrolled' });

export const twoFactorPolicySchema = z
  .object({ require_for_admins: z.boolean().describe('Org admins and admins must sign in with a second factor') })
  .meta({ id: 'TwoFactorPolicy' });

export const userTwoFactorSchema = z
  .object({ user_id: z.uuid(), enabled: z.boolean(), enabled_at: isoDateTimeSchema.nullable() })
  .meta({ id: 'UserTwoFactor' });
