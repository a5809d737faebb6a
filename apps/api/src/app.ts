import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { usePlainZodMessages } from '@tritiq/contracts';
import type { AppDeps } from './deps';
import { serializerCompiler } from './lib/serializer';
import { registerHealthRoutes } from './modules/health';
import { apiModules } from './modules';
import { registerErrorHandling, sendRawError } from './plugins/error-handler';
import { registerMetricsRoute } from './plugins/metrics';
import { registerSecurityHeaders } from './plugins/security-headers';
import { genRequestId, registerRequestContext } from './plugins/request-context';
import { registerSwagger } from './plugins/swagger';

const MAX_PARAM_LENGTH = 500;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.loggers.http as FastifyBaseLogger,
    // Every line already carries the request id through the async context (see logger mixin).
    childLoggerFactory: (logger) => logger,
    // One `http` line per request is written by the request-context hook instead.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => genRequestId(req.headers),
    trustProxy: 'loopback',
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: {
      ignoreTrailingSlash: true,
      maxParamLength: MAX_PARAM_LENGTH,
      // The router answers these before any hook runs; keep the one error shape anyway.
      onMaxParamLength: (_path, req, res) => {
        sendRawError(
          res,
          414,
          { detail: `A path segment is longer than ${MAX_PARAM_LENGTH} characters`, code: 'URI_TOO_LONG' },
          genRequestId(req.headers),
        );
      },
    },
    frameworkErrors: (error, request, reply) => {
      const detail = error.code === 'FST_ERR_BAD_URL' ? 'The request path is not a valid URL' : 'Bad request';
      void (reply as FastifyReply).code(400).send({ detail, code: 'BAD_REQUEST', request_id: request.id });
    },
  });
  // "is required" / "must be a number" instead of Zod's "Invalid input: expected …".
  usePlainZodMessages();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  // Queued-mail delivery stops (finishing what is in flight) before the database closes.
  app.addHook('onClose', async () => {
    await deps.email.stop();
    await deps.rateLimits.close();
  });

  registerRequestContext(app, deps.loggers, deps.metrics);
  registerErrorHandling(app, deps.loggers);
  await app.register(cookie);
  await registerSecurityHeaders(app, { docsPrefix: '/docs' });
  await registerSwagger(app, { version: deps.config.version, productName: deps.config.productName });

  app.get('/', { schema: { hide: true } }, async () => ({
    message: `Welcome to ${deps.config.productName} API`,
    version: deps.config.version,
    docs: '/docs',
  }));
  registerHealthRoutes(app, { sessions: deps.sessions, version: deps.config.version, startedAt: deps.startedAt });
  // With a separate metrics address (server.ts starts it), the API's own address has no /metrics.
  if (deps.config.metrics.port === undefined) registerMetricsRoute(app, deps.metrics, { token: deps.config.metrics.token });

  await app.register(
    async (api) => {
      for (const register of apiModules) await register(api, deps);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
