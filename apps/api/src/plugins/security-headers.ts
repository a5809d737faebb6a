import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (helmet): `X-Content-Type-Options: nosniff`, no framing
 * (`X-Frame-Options: DENY` and `frame-ancestors 'none'`), `Referrer-Policy: no-referrer`, HSTS,
 * cross-origin isolation of resources, and a content security policy. The API answers JSON, which
 * needs nothing, so its policy allows nothing; only the Swagger UI under `docsPrefix` gets the
 * scripts, styles and images of its own origin that it needs.
 */
const API_POLICY = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

const DOCS_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Swagger UI sets inline styles on the elements it renders.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

export async function registerSecurityHeaders(app: FastifyInstance, options: { docsPrefix: string }): Promise<void> {
  const docs = options.docsPrefix;
  // Added before helmet's own onRoute hook, which turns a route's `helmet` option into its policy.
  app.addHook('onRoute', (route) => {
    if (route.url === docs || route.url.startsWith(`${docs}/`)) {
      route.helmet = { contentSecurityPolicy: { useDefaults: false, directives: DOCS_POLICY } };
    }
  });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
