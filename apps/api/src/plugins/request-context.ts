import type { FastifyInstance } from 'fastify';
import { newId } from '../lib/ids';
import type { Loggers } from '../lib/logger';
import { requestContext } from '../lib/request-context';
import type { Metrics } from './metrics';

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A caller-supplied X-Request-Id is kept when it looks like an id; otherwise one is made. */
export function genRequestId(headers: Record<string, string | string[] | undefined>): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : newId();
}

/**
 * Runs each request inside its own async context (so every log line it causes carries its id),
 * echoes the id, and writes one `http` line and one histogram sample per request.
 */
export function registerRequestContext(app: FastifyInstance, loggers: Loggers, metrics: Metrics): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestContext.run({ requestId: request.id }, done);
  });

  // While shutting down, answer in-flight requests with `Connection: close` so keep-alive clients
  // let go and the server can finish closing instead of waiting out their idle timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, seconds);
    loggers.http.info(
      {
        request_id: request.id,
        method: request.method,
        route,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        ip: request.ip,
      },
      'request completed',
    );
    done();
  });
}
