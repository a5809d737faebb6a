import { z } from 'zod';
import { booleanQuery, emailSchema, isoDateTimeSchema, offsetPageQuery, pageOf, phoneSchema, textField } from './common';
import { ORG_ROLES } from './roles';
import { roleSchema } from './roles.schema';

export const orgRoleSchema = z.enum(ORG_ROLES, { error: `must be one of ${ORG_ROLES.join(', ')}` });

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    full_name: z.string(),
    role: roleSchema,
    organization_id: z.uuid().nullable(),
    is_active: z.boolean(),
    must_change_password: z.boolean(),
    phone: z.string().nullable(),
    department: z.string().nullable(),
    designation: z.string().nullable(),
    locked_until: isoDateTimeSchema.nullable(),
    last_login_at: isoDateTimeSchema.nullable(),
    created_at: isoDateTimeSchema,
    updated_at: isoDateTimeSchema,
  })
  .meta({ id: 'User' });

export const createUserRequestSchema = z
  .object({
    email: emailSchema,
    full_name: textField(200),
    role: orgRoleSchema.default('standard_user'),
    phone: phoneSchema.optional(),
    department: textField(100).optional(),
    designation: textField(100).optional(),
  })
  .meta({ id: 'CreateUserRequest' });

/** A generated password is shown here once, and emailed to its owner. */
export const createdWithPasswordFields = {
  temporary_password: z.string().describe('Shown only in this response; the user must change it at first login'),
  email_sent: z.boolean(),
  email_error: z.string().nullable(),
  must_change_password: z.boolean(),
};

export const createUserResponseSchema = z.object({ user: userSchema, ...createdWithPasswordFields }).meta({ id: 'CreateUserResponse' });

/** Another platform administrator (super admin), created by a super admin. */
export const createPlatformAdminRequestSchema = z
  .object({
    email: emailSchema,
    full_name: textField(200),
  })
  .meta({ id: 'CreatePlatformAdminRequest' });

export const updateUserRequestSchema = z
  .object({
    email: emailSchema.optional(),
    full_name: textField(200).optional(),
    role: orgRoleSchema.optional(),
    phone: phoneSchema.nullable().optional(),
    department: textField(100).nullable().optional(),
    designation: textField(100).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { error: 'send at least one field to change' })
  .meta({ id: 'UpdateUserRequest' });

export const listUsersQuerySchema = z.object({
  search: z.string().trim().max(100).optional().describe('Matches name or email'),
  role: orgRoleSchema.optional(),
  is_active: booleanQuery.optional(),
  ...offsetPageQuery,
});

export const userPageSchema = pageOf(userSchema).meta({ id: 'UserPage' });
