import { dbHealthSchema, livenessSchema, poolStatusSchema } from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SessionManager } from '../../db/session';

export interface HealthDeps {
  sessions: SessionManager;
  version: string;
  startedAt: number;
}

/** Operational endpoints: outside /api/v1, unauthenticated, and free of tenant data and secrets. */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    { schema: { summary: 'Liveness: the process is up', tags: ['health'], response: { 200: livenessSchema } } },
    async () => ({ status: 'ok' as const, version: deps.version, uptime_seconds: Math.round((Date.now() - deps.startedAt) / 1000) }),
  );
  r.get(
    '/health/db',
    {
      schema: {
        summary: 'Database session health (503 when unhealthy)',
        tags: ['health'],
        response: { 200: dbHealthSchema, 503: dbHealthSchema },
      },
    },
    async (_request, reply) => {
      const health = await deps.sessions.health();
      reply.code(health.status === 'healthy' ? 200 : 503);
      if (health.status !== 'healthy') reply.header('retry-after', '5');
      return health;
    },
  );
  r.get(
    '/health/pool',
    { schema: { summary: 'Connection pool status', tags: ['health'], response: { 200: poolStatusSchema } } },
    async () => deps.sessions.poolStatus(),
  );
}
