import client from 'prom-client';
import type { SessionManager } from '../db/session';

export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status_code'>;
}

/** One registry per app instance, so several apps in one process (tests) do not collide. */
export function createMetrics(sessions: SessionManager): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'tritiq_' });
  const httpDuration = new client.Histogram({
    name: 'tritiq_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by route template and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const poolGauge = (name: string, help: string, pick: (s: ReturnType<SessionManager['poolStatus']>) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(sessions.poolStatus()));
      },
    });
  poolGauge('tritiq_db_pool_size', 'Configured maximum database connections', (s) => s.pool_size);
  poolGauge('tritiq_db_pool_checked_out', 'Database connections in use', (s) => s.checked_out);
  poolGauge('tritiq_db_pool_checked_in', 'Idle database connections', (s) => s.checked_in);
  poolGauge('tritiq_db_pool_waiting', 'Requests waiting for a database connection', (s) => s.waiting);
  return { registry, httpDuration };
}
