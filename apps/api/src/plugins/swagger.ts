import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** OpenAPI 3 at /docs/json and Swagger UI at /docs, generated from the same Zod schemas that validate. */
export async function registerSwagger(app: FastifyInstance, options: { version: string; productName: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: `${options.productName} API`,
        version: options.version,
        description:
          'Multi-tenant ERP for Indian small and medium businesses. Every business route is under /api/v1; JSON is snake_case. ' +
          'Errors answer `{ detail, code, request_id }` (plus `errors` for validation failures).',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          oauth2Password: {
            type: 'oauth2',
            flows: { password: { tokenUrl: '/api/v1/auth/login', scopes: {} } },
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: false, displayRequestDuration: true },
  });
}
