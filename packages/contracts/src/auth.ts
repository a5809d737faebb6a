import { z } from 'zod';
import { roleSchema } from './roles';

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
