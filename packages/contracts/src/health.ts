import { z } from 'zod';

export const livenessSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    uptime_seconds: z.number(),
  })
  .meta({ id: 'Liveness' });

/** The seed's `check_session_health()` shape. */
export const dbHealthSchema = z
  .object({
    status: z.enum(['healthy', 'unhealthy']),
    message: z.string(),
    timestamp: z.number().describe('Epoch seconds'),
  })
  .meta({ id: 'DbHealth' });

/** The seed's `get_pool_status()` shape; `pool_size` is the configured maximum. */
export const poolStatusSchema = z
  .object({
    pool_size: z.number().int(),
    checked_in: z.number().int(),
    checked_out: z.number().int(),
    waiting: z.number().int(),
    status: z.enum(['healthy', 'degraded', 'unhealthy']),
  })
  .meta({ id: 'PoolStatus' });

export type Liveness = z.infer<typeof livenessSchema>;
export type DbHealth = z.infer<typeof dbHealthSchema>;
export type PoolStatus = z.infer<typeof poolStatusSchema>;

export const apiInfoSchema = z
  .object({ name: z.string(), version: z.string(), docs: z.string(), openapi: z.string() })
  .meta({ id: 'ApiInfo' });
