import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import client from 'prom-client';
import { AppError } from '../lib/app-error';
import type { SessionManager } from '../db/session';

export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status_code'>;
}

let processMetrics: client.Registry | undefined;

/**
 * The process's own metrics (prom-client's defaults: CPU, memory, handles, event-loop delay, GC),
 * collected once per process and shown by every app's registry. Collected per app, each app started
 * an event-loop delay monitor and a GC observer that nothing stops, so a process that builds and
 * closes many apps (a test worker running file after file) kept them all running.
 */
function processMetricsRegistry(): client.Registry {
  if (!processMetrics) {
    processMetrics = new client.Registry();
    client.collectDefaultMetrics({ register: processMetrics, prefix: 'tritiq_' });
  }
  return processMetrics;
}

/** One registry per app instance, so several apps in one process (tests) do not collide. */
export function createMetrics(sessions: SessionManager): Metrics {
  const registry = new client.Registry();
  const shared = processMetricsRegistry();
  for (const { name } of shared.getMetricsAsArray()) {
    const metric = shared.getSingleMetric(name);
    if (metric) registry.registerMetric(metric);
  }
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

export interface MetricsAccess {
  /** The bearer token a scraper must send; undefined: no token opens the endpoint. */
  token: string | undefined;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function hasMetricsToken(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const match = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * `GET /metrics`, behind a bearer token (METRICS_TOKEN): the figures describe the whole
 * installation (routes, pools, email backlog), so they are not for whoever can reach the API.
 * Without a token configured every request is refused, and the answer says what to set.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics, access: MetricsAccess): void {
  app.get('/metrics', { schema: { summary: 'Prometheus metrics (bearer METRICS_TOKEN)', tags: ['health'] } }, async (request, reply) => {
    if (!hasMetricsToken(request, access.token)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError(
        'UNAUTHENTICATED',
        access.token
          ? 'Metrics need the bearer token METRICS_TOKEN'
          : 'Metrics are closed: set METRICS_TOKEN (a bearer token for scrapers), or METRICS_PORT to serve them on a separate address',
      );
    }
    void reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

/**
 * The separate metrics listener (METRICS_PORT on METRICS_HOST): only `GET /metrics`, for a
 * scraper on a private network; METRICS_TOKEN, when set, is required there too.
 */
export async function startMetricsListener(
  metrics: Metrics,
  options: MetricsAccess & { host: string; port: number },
): Promise<{ server: FastifyInstance; url: string }> {
  const server = Fastify({ logger: false, forceCloseConnections: true });
  server.get('/metrics', async (request, reply) => {
    if (options.token && !hasMetricsToken(request, options.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ detail: 'Metrics need the bearer token METRICS_TOKEN', code: 'UNAUTHENTICATED', request_id: request.id });
    }
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  await server.listen({ host: options.host, port: options.port });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/metrics` };
}
