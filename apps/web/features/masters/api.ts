import type { z } from 'zod';
import { apiRequest, type Query } from '@/lib/api-client';

export { ApiError, errorMessage } from '@/lib/api-client';

/** GET through the shell's api-client, parsed with the API's own response schema. */
export function apiGet<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.infer<S>> {
  return apiRequest(path, { schema, query }) as Promise<z.infer<S>>;
}

export function apiSend<S extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<z.infer<S>> {
  return apiRequest(path, { method, schema, body, headers }) as Promise<z.infer<S>>;
}
