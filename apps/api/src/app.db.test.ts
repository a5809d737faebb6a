import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from './db/schema';
import type { AppDeps } from './deps';
import { AppError } from './lib/app-error';
import { defineRoute } from './lib/route';
import { bearer, createTenant } from './test/factories';
import { buildTestApp, metricsHeaders, type TestApp } from './test/harness';
import { waitUntil } from './test/smtp';

function testRoutes(app: FastifyInstance, deps: AppDeps) {
  defineRoute(app, deps, {
    method: 'POST',
    url: '/test/echo',
    summary: 'echo',
    tags: ['test'],
    auth: 'public',
    body: z.object({ unit_price: z.string().regex(/^\d+\.\d{2}$/), items: z.array(z.object({ quantity: z.number().positive() })).min(1) }),
    response: z.object({ unit_price: z.string(), item_count: z.number() }),
    handler: async ({ body }) => ({ unitPrice: body.unitPrice, itemCount: body.items.length }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/test/explode',
    summary: 'throws an unexpected error',
    tags: ['test'],
    auth: 'public',
    body: z.object({ password: z.string() }).loose(),
    response: z.object({}),
    handler: async () => {
      throw new Error('kaboom: SELECT secret FROM internals');
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/test/org',
    summary: 'inserts an organisation',
    tags: ['test'],
    auth: 'public',
    body: z.object({ name: z.string() }),
    response: z.object({ id: z.string() }),
    handler: async ({ body }) => {
      const [row] = await deps.sessions.transaction((tx) => tx.insert(organizations).values({ name: body.name }).returning(), {
        platform: true,
      });
      return { id: row!.id };
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/test/teapot',
    summary: 'throws an AppError',
    tags: ['test'],
    auth: { roles: ['org_admin'] },
    response: z.object({}),
    handler: async () => {
      throw new AppError('RATE_LIMITED', 'Slow down', { retryAfter: 7 });
    },
  });
  app.get('/test/things/:id', async () => ({ ok: true }));
  app.get('/test/slow', async () => {
    slow.entered.open();
    await slow.release.opened;
    return { done: true };
  });
}

/** A one-shot signal between a test and a route it holds in flight. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
const slow = { entered: gate(), release: gate() };

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ extraRoutes: testRoutes });
});
afterAll(() => t.close());

describe('errors', () => {
  it('answers 404 with the error body for an unknown route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      detail: 'Route GET /api/v1/does-not-exist not found',
      code: 'ROUTE_NOT_FOUND',
      request_id: res.headers['x-request-id'],
    });
  });

  it('answers 422 naming each bad field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/echo', payload: { unit_price: 12, items: [{ quantity: -1 }] } });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_ERROR');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['items.0.quantity', 'unit_price']);
    expect(body.detail).toMatch(/unit_price/);
    expect(body.detail).toMatch(/items\.0\.quantity/);
  });

  it('converts snake_case to camelCase and back at the edge', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { unit_price: '12.50', items: [{ quantity: 1 }, { quantity: 2 }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unit_price: '12.50', item_count: 2 });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: '{"unit_price":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ detail: 'Request body is not valid JSON', code: 'BAD_REQUEST' });
  });

  it('answers 409 naming what clashed on a unique violation', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/test/org', payload: { name: 'Acme Traders' } })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/test/org', payload: { name: 'ACME TRADERS' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'DUPLICATE',
      detail: 'An organisation with this name already exists',
      errors: [{ field: 'name' }],
    });
  });

  it('answers 422 when text with a NUL character reaches the database', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/org', payload: { name: 'bad\u0000name' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_ERROR', detail: expect.stringMatching(/NUL/) });
  });

  it('answers 500 with a generic message and a request id that finds the log line', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/explode', payload: { password: 'Hunter2-Secret!', note: 'x' } });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toEqual({ detail: 'Internal server error', code: 'INTERNAL_ERROR', request_id: res.headers['x-request-id'] });
    expect(JSON.stringify(body)).not.toMatch(/kaboom|SELECT/);
    const line = t.logs.lines.find((l) => l.category === 'error' && l.request_id === body.request_id);
    expect(line).toBeDefined();
    expect(JSON.stringify(line)).toMatch(/kaboom/);
    expect((line!.body as Record<string, unknown>).password).toBe('[REDACTED]');
    expect(t.logs.text()).not.toContain('Hunter2-Secret!');
  });

  it('maps an AppError to its status and headers, after authentication', async () => {
    const tenant = await createTenant(t.deps);
    const anonymous = await t.app.inject({ method: 'GET', url: '/test/teapot' });
    expect(anonymous.statusCode).toBe(401);
    const wrongRole = await t.app.inject({ method: 'GET', url: '/test/teapot', headers: bearer(tenant.user.token) });
    expect(wrongRole.statusCode).toBe(403);
    const res = await t.app.inject({ method: 'GET', url: '/test/teapot', headers: bearer(tenant.orgAdmin.token) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json()).toMatchObject({ detail: 'Slow down', code: 'RATE_LIMITED' });
  });
});

describe('request ids and logs', () => {
  it('every line of a request carries its id, and a sensible caller id is kept', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'caller-supplied-id-123' } });
    expect(res.headers['x-request-id']).toBe('caller-supplied-id-123');
    const lines = t.logs.lines.filter((l) => l.request_id === 'caller-supplied-id-123');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ category: 'http', route: '/health', status: 200 });
    const hostile = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(hostile.headers['x-request-id']).not.toContain('bad id');
  });

  it('every log line has a category', () => {
    expect(t.logs.lines.length).toBeGreaterThan(0);
    for (const line of t.logs.lines) expect(['app', 'http', 'security', 'database', 'email', 'error']).toContain(line.category);
  });
});

describe('health, metrics and docs', () => {
  it('GET /health is cheap liveness', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toEqual({ status: 'ok', version: '0.1.0', uptime_seconds: expect.any(Number) });
  });

  it('GET /health/db and /health/pool report in the seed shapes', async () => {
    const db = await t.app.inject({ method: 'GET', url: '/health/db' });
    expect(db.statusCode).toBe(200);
    expect(db.json()).toMatchObject({ status: 'healthy', message: 'Database connection is working' });
    const pool = await t.app.inject({ method: 'GET', url: '/health/pool' });
    expect(Object.keys(pool.json()).sort()).toEqual(['checked_in', 'checked_out', 'pool_size', 'status', 'waiting']);
  });

  it('GET /metrics exposes request histograms by route and status, and pool gauges', async () => {
    await t.app.inject({ method: 'GET', url: '/health' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: metricsHeaders });
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/tritiq_http_request_duration_seconds_bucket\{.*route="\/health".*status_code="200"/);
    expect(res.body).toMatch(/^tritiq_db_pool_size \d+/m);
    expect(res.body).toMatch(/^tritiq_db_pool_waiting 0/m);
  });

  it('serves OpenAPI 3 generated from the Zod schemas, and the Swagger UI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/api/v1/auth/me'].get.security).toEqual([{ bearerAuth: [] }, { oauth2Password: [] }]);
    expect(spec.paths['/health/db'].get.responses['503']).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger/i);
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then refuses new ones', async () => {
    const closing = await buildTestApp({ extraRoutes: testRoutes });
    await closing.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = closing.app.server.address() as { port: number };
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/test/slow' }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    await slow.entered.opened;
    let closeFinished = false;
    const closed = closing.close().then(() => (closeFinished = true));
    // The listener is closed (new connections refused) while the request is still being answered...
    await waitUntil('the server to refuse new connections', () =>
      fetch(`http://127.0.0.1:${port}/health`).then(
        () => undefined,
        () => true,
      ),
    );
    expect(closeFinished).toBe(false);
    // ...and close waits for it to finish.
    slow.release.open();
    const answered = await inFlight;
    expect(answered).toEqual({ status: 200, body: '{"done":true}' });
    await closed;
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});

describe('router-level refusals keep the error shape', () => {
  it('a path segment over the limit answers 414 with the error body', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/test/things/${'a'.repeat(600)}` });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toMatchObject({ code: 'URI_TOO_LONG', request_id: expect.any(String) });
  });

  it('a malformed percent-encoding answers 400 with the error body', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/things/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', detail: 'The request path is not a valid URL' });
  });
});
