import { z } from 'zod';
import { emailSchema } from './common';
import { roleSchema } from './roles.schema';
import { PASSWORD_MAX_LENGTH } from './validation/password';

export const currentUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    full_name: z.string(),
    role: roleSchema,
    organization_id: z.uuid().nullable(),
    organization_name: z.string().nullable(),
    must_change_password: z.boolean(),
  })
  .meta({ id: 'CurrentUser' });

export type CurrentUser = z.infer<typeof currentUserSchema>;

/** Any password a client sends: policy is checked by the service, this only bounds the size. */
const passwordInput = z
  .string()
  .min(1, { error: 'is required' })
  .max(PASSWORD_MAX_LENGTH * 4, { error: 'is too long' });

/**
 * JSON `{ email, password }`, or the OAuth2 password form (`username`, `password`, `grant_type`)
 * that the Swagger UI's "Authorize" sends. `username` is the email.
 */
export const loginRequestSchema = z
  .object({
    email: emailSchema.optional(),
    username: emailSchema.optional(),
    password: passwordInput,
    grant_type: z.literal('password', { error: 'must be "password"' }).optional(),
    scope: z.string().max(200).optional(),
  })
  .superRefine((body, ctx) => {
    if (!body.email && !body.username) ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required' });
  })
  .meta({ id: 'LoginRequest' });

export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().describe('Seconds until the access token expires'),
    must_change_password: z.boolean(),
    user: currentUserSchema,
  })
  .meta({ id: 'TokenResponse' });

export const changePasswordRequestSchema = z
  .object({
    current_password: passwordInput.optional().describe('Required unless must_change_password is set'),
    new_password: passwordInput,
    confirm_password: passwordInput.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.confirm_password !== undefined && body.confirm_password !== body.new_password) {
      ctx.addIssue({ code: 'custom', path: ['confirm_password'], message: 'Passwords do not match' });
    }
  })
  .meta({ id: 'ChangePasswordRequest' });

export const changePasswordResponseSchema = tokenResponseSchema.extend({ message: z.string() }).meta({ id: 'ChangePasswordResponse' });

export const forgotPasswordRequestSchema = z.object({ email: emailSchema }).meta({ id: 'ForgotPasswordRequest' });

export const resetPasswordWithCodeRequestSchema = z
  .object({
    email: emailSchema,
    code: z
      .string()
      .trim()
      .regex(/^[0-9]{6}$/, { error: 'must be the 6-digit code from the email' }),
    new_password: passwordInput,
  })
  .meta({ id: 'ResetPasswordWithCodeRequest' });

export const adminResetPasswordRequestSchema = z.object({ user_email: emailSchema }).meta({ id: 'AdminResetPasswordRequest' });

/** The seed's contract for an administrator's reset: the one response that shows a password. */
export const passwordResetResponseSchema = z
  .object({
    message: z.string(),
    user_email: z.string(),
    new_password: z.string(),
    email_sent: z.boolean(),
    email_error: z.string().nullable(),
    must_change_password: z.boolean(),
  })
  .meta({ id: 'PasswordResetResponse' });
