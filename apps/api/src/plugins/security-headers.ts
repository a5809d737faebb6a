import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet): `X-Content-Type-Options: nosniff`, no framing
 * (`X-Frame-Options: DENY` and `frame-ancestors 'none'`), `Referrer-Policy: no-referrer`, HSTS,
 * cross-origin isolation of resources, and a content security policy. The API answers JSON, which
 * needs nothing, so its policy allows nothing; only the Swagger UI under `docsPrefix` gets the
 * scripts, styles and images of its own origin that it needs.
 */
const API_POLICY: Record<string, string[]> = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

const DOCS_POLICY: Record<string, string[]> = {
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

const COMMON = {
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
} as const;

type HeaderOp = readonly [name: string, value: string | number | readonly string[]] | readonly [name: string];

/**
 * Helmet's headers for one policy, taken once at start: its middleware only sets fixed headers
 * (and removes `X-Powered-By`) for options like these, with no per-request nonce, so it runs once
 * against a recorder and each answer gets the recorded operations, in helmet's order, without its
 * chain of thirteen middleware calls. A policy helmet could not answer at once is refused at start.
 */
function headersOf(directives: Record<string, string[]>) {
  const apply = helmet({ ...COMMON, contentSecurityPolicy: { useDefaults: false, directives } });
  const ops: HeaderOp[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void ops.push([name, value]),
    removeHeader: (name: string) => void ops.push([name]),
  };
  let finished = false;
  apply({} as never, recorder as never, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    finished = true;
  });
  if (!finished) throw new Error('Security headers: helmet did not answer at once for this policy');
  return (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const raw = reply.raw;
    for (const op of ops) {
      if (op.length === 2) raw.setHeader(op[0], op[1]);
      else raw.removeHeader(op[0]);
    }
    done();
  };
}

/**
 * Helmet's headers on every answer (errors and unmatched routes included), the Swagger UI's
 * routes with their own policy over the API's. Helmet's middleware is built once per policy
 * here, and its headers recorded (headersOf): `@fastify/helmet` built it again for every request
 * (each header's function from the options, the policy's directives checked and joined), with
 * three hooks and their promises.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { docsPrefix: string }): Promise<void> {
  const docs = options.docsPrefix;
  const api = headersOf(API_POLICY);
  const docsHeaders = headersOf(DOCS_POLICY);
  app.addHook('onRequest', api);
  // Route-level hooks run after the app's: the Swagger UI's policy replaces the API's there.
  app.addHook('onRoute', (route) => {
    if (route.url === docs || route.url.startsWith(`${docs}/`)) {
      const own = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
      route.onRequest = [...own, docsHeaders] as typeof route.onRequest;
    }
  });
}
