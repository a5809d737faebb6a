import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { authSessions } from '../../src/db/schema';
import { createTokenService } from '../../src/lib/tokens';
import { addSeconds } from '../../src/test/time';
import { bearer, createTenant, createUser, tokenFor, type TestUser } from '../../src/test/factories';
import { buildTestApp, TEST_SECRET_KEY, type TestApp } from '../../src/test/harness';
import { ownerDb } from '../../src/test/test-db';
import { changedTables, fingerprint } from './fingerprint';
import { operationsOf, requestArbitrary, routeClass, type FuzzRequest, type OpenApiDocument } from './openapi';
import type { Components } from './schema-arbitrary';

/**
 * Every route in the OpenAPI document, fed generated malformed and hostile input under every kind
 * of caller: no 5xx, every refusal in the error shape, and no data changed by a refused request.
 * FUZZ_RUNS sets the requests per route (a short run in CI; `npm run fuzz` runs many more).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** FUZZ_ONLY=/api/v1/reports fuzzes only the routes under that path (a module's own run). */
const ONLY = process.env.FUZZ_ONLY;
/** FUZZ_MATCH=share fuzzes only the routes whose path matches that regular expression (`share` for the share links'). */
const MATCH = process.env.FUZZ_MATCH ? new RegExp(process.env.FUZZ_MATCH) : undefined;

let t: TestApp;
let doc: OpenApiDocument;
let knownIds: string[] = [];
const users: TestUser[] = [];
let otherTenantUser: TestUser;
const BAD_TOKENS = [
  'garbage',
  'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwic2lkIjoieCIsInJvbGUiOiJzdXBlcl9hZG1pbiJ9.',
  'Bearer',
  '',
  'a.b.c',
  'x'.repeat(10_000),
];

/** Requests and answers per route class (`vouchers`, `auth`, ...): printed at the end. */
const tally = new Map<string, { routes: Set<string>; requests: number; byStatus: Map<string, number> }>();

async function freshSession(user: TestUser): Promise<string> {
  const [session] = await ownerDb(t.deps.handle)
    .insert(authSessions)
    .values({ userId: user.id, organizationId: user.organizationId, expiresAt: addSeconds(t.deps.clock.now(), 3600) })
    .returning({ id: authSessions.id });
  return session!.id;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Tokens that must not get anyone in, each made fresh for a live session of a standard user
 * (index 2): expired, signed with another key, its role edited without re-signing, naming
 * another tenant's session, and with ids that are not UUIDs (signed with the real key: only the
 * server could mint these, but the server must still refuse them with a 401, not trip over them).
 */
const HOSTILE_TOKENS: Record<string, () => Promise<string>> = {
  async expired() {
    const user = users[2]!;
    const past = createTokenService({ secretKey: TEST_SECRET_KEY, ttlSeconds: 60, now: () => addSeconds(t.deps.clock.now(), -3600) });
    return past.signAccessToken({ sub: user.id, sid: await freshSession(user), role: user.role, org: user.organizationId });
  },
  async wrongSignature() {
    const user = users[2]!;
    const other = createTokenService({ secretKey: 'another-secret-key-0123456789-abcdefghijkl', ttlSeconds: 3600 });
    return other.signAccessToken({ sub: user.id, sid: await freshSession(user), role: user.role, org: user.organizationId });
  },
  async tamperedRole() {
    const genuine = await tokenFor(t.deps, users[2]!);
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    return `${header}.${b64({ ...claims, role: 'super_admin', org: null })}.${signature}`;
  },
  async otherTenantSession() {
    const user = users[2]!;
    return t.deps.tokens.signAccessToken({
      sub: user.id,
      sid: await freshSession(otherTenantUser),
      role: user.role,
      org: user.organizationId,
    });
  },
  async notUuidSession() {
    const user = users[2]!;
    return t.deps.tokens.signAccessToken({ sub: user.id, sid: `${user.id}'--`, role: user.role, org: user.organizationId });
  },
  async notUuidUser() {
    return t.deps.tokens.signAccessToken({ sub: 'x', sid: 'y', role: 'super_admin', org: null });
  },
};
const HOSTILE_TOKEN_NAMES = Object.keys(HOSTILE_TOKENS);

beforeAll(async () => {
  t = await buildTestApp();
  const a = await createTenant(t.deps, { stateCode: '27' });
  const b = await createTenant(t.deps, { stateCode: '29' });
  const superAdmin = await createUser(t.deps, { role: 'super_admin' });
  users.push(a.orgAdmin, a.admin, a.user, b.orgAdmin, superAdmin);
  otherTenantUser = b.user;
  await seedOpenings(a.admin, a.orgAdmin);
  doc = t.app.swagger() as unknown as OpenApiDocument;
  const tables = await queryRows<{ table_name: string }>(
    ownerDb(t.deps.handle),
    sql`SELECT c.table_name FROM information_schema.columns c
         WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid'`,
  );
  for (const { table_name } of tables) {
    const rows = await queryRows<{ id: string }>(
      ownerDb(t.deps.handle),
      sql`SELECT id::text AS id FROM ${sql.identifier(table_name)} LIMIT 50`,
    );
    knownIds.push(...rows.map((r) => r.id));
  }
  knownIds = [...new Set(knownIds)];
}, 120_000);

afterAll(async () => {
  const statuses = [...new Set([...tally.values()].flatMap((c) => [...c.byStatus.keys()]))].sort();
  const lines = [...tally.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) => {
      const cells = statuses.map((s) => `${s} ${String(c.byStatus.get(s) ?? 0).padStart(5)}`).join('  ');
      return `  ${name.padEnd(14)} ${String(c.routes.size).padStart(3)} routes ${String(c.requests).padStart(7)} requests   ${cells}`;
    });
  const total = [...tally.values()].reduce((n, c) => n + c.requests, 0);
  const totals = statuses.map((s) => `${s} ${[...tally.values()].reduce((n, c) => n + (c.byStatus.get(s) ?? 0), 0)}`).join(', ');
  const routes = [...tally.values()].reduce((n, c) => n + c.routes.size, 0);
  console.log(
    `fuzz: requests per route class (FUZZ_RUNS=${RUNS} per route)\n${lines.join('\n')}\nfuzz: ${total} requests to ${routes} routes (${totals})`,
  );
  await t.close();
});

/**
 * Records the id-taking routes can find among the known ids (a party with an opening bill, a
 * product with opening stock), so the opening balances' routes are fuzzed past their 404s; and a
 * sales invoice with a share link (share links turned on), so the voucher's PDF, share-link and
 * reminder routes are too.
 */
async function seedOpenings(admin: TestUser, orgAdmin: TestUser): Promise<void> {
  const as = async (user: TestUser) => bearer(await tokenFor(t.deps, user));
  const post = async (url: string, payload: object, method: 'POST' | 'PUT' | 'PATCH' = 'POST', user = admin) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: await as(user), payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json() as { id: string };
  };
  const customer = await post('/customers', { name: 'Fuzz Customer', state_code: '27', email: 'fuzz.customer@example.com' });
  const product = await post('/products', { name: 'Fuzz Product', unit: 'PCS', unit_price: '10.00', gst_rate: '18' });
  await post(`/opening-balances/parties/${customer.id}/bills`, { ref: 'FUZZ-1', date: '2000-03-01', amount: '100.00' });
  await post(`/opening-balances/stock/${product.id}`, { quantity: '5', rate: '2.5' }, 'PUT');
  const invoice = await post('/vouchers/sales', {
    customer_id: customer.id,
    date: '2000-04-01',
    items: [{ product_id: product.id, quantity: 1 }],
  });
  await post('/organization/settings', { share_links_enabled: true }, 'PATCH', orgAdmin);
  await post(`/vouchers/sales/${invoice.id}/share-links`, {});
}

const FIRST_BAD = 5;
const FIRST_HOSTILE = FIRST_BAD + BAD_TOKENS.length;

async function headersFor(credential: number): Promise<Record<string, string>> {
  if (credential < 0) return {};
  if (credential < FIRST_BAD) return bearer(await tokenFor(t.deps, users[credential]!));
  if (credential < FIRST_HOSTILE) return { authorization: `Bearer ${BAD_TOKENS[credential - FIRST_BAD]}` };
  return bearer(await HOSTILE_TOKENS[HOSTILE_TOKEN_NAMES[credential - FIRST_HOSTILE]!]!());
}

function count(op: { method: string; path: string }, status: number) {
  const name = routeClass(op.path);
  const entry = tally.get(name) ?? { routes: new Set<string>(), requests: 0, byStatus: new Map<string, number>() };
  entry.routes.add(`${op.method} ${op.path}`);
  entry.requests++;
  const key = `${Math.floor(status / 100)}xx`;
  entry.byStatus.set(key, (entry.byStatus.get(key) ?? 0) + 1);
  tally.set(name, entry);
}

function send(req: FuzzRequest, headers: Record<string, string>) {
  if (req.raw) {
    const withType: Record<string, string> =
      req.raw.contentType === undefined ? headers : { ...headers, 'content-type': req.raw.contentType };
    return t.app.inject({ method: req.method, url: req.url, headers: withType, payload: req.raw.payload });
  }
  return t.app.inject({
    method: req.method,
    url: req.url,
    headers: req.hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(req.hasBody ? { payload: JSON.stringify(req.body) } : {}),
  });
}

describe('fuzzing every route in the OpenAPI document', () => {
  it(
    'answers every generated request without a 5xx, and refusals change nothing',
    { timeout: Math.max(600_000, RUNS * 8_000) },
    async () => {
      const components: Components = doc.components?.schemas ?? {};
      const ops = operationsOf(doc).filter(
        (op) =>
          !op.path.startsWith('/docs') &&
          op.path !== '/metrics' &&
          (ONLY === undefined || op.path.startsWith(ONLY)) &&
          (MATCH === undefined || MATCH.test(op.path)),
      );
      if (ONLY === undefined && MATCH === undefined) expect(ops.map((op) => `${op.method} ${op.path}`)).toContain('GET /api/v1/auth/me');
      else expect(ops.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const op of ops) {
        const arb = requestArbitrary(op, components, knownIds, FIRST_HOSTILE + HOSTILE_TOKEN_NAMES.length);
        let firstProblem: string | undefined;
        await fc
          .assert(
            fc.asyncProperty(arb, async (req) => {
              const headers = await headersFor(req.credential);
              const mutating = req.method !== 'GET';
              const before = mutating ? await fingerprint(ownerDb(t.deps.handle)) : undefined;
              const res = await send(req, headers);
              count(op, res.statusCode);
              const sent = req.raw
                ? `raw(${req.raw.contentType ?? 'no content-type'})=${JSON.stringify(req.raw.payload.slice(0, 200))}`
                : `body=${String(JSON.stringify(req.body)).slice(0, 200)}`;
              const where = `${req.method} ${req.url.slice(0, 120)} credential=${req.credential} ${sent} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
              const fail = (problem: string) => {
                firstProblem ??= `${problem}: ${where}`;
                throw new Error(problem);
              };
              if (res.statusCode >= 500) fail('server error');
              if (req.credential >= FIRST_BAD && op.authenticated && res.statusCode < 400) fail('a bad token was let in');
              if (res.statusCode >= 400) {
                const body = res.json() as Record<string, unknown>;
                if (typeof body.detail !== 'string' || typeof body.code !== 'string' || typeof body.request_id !== 'string') {
                  fail('refusal without the error shape');
                }
                // A database type error passed through as a "validation" error: the input reached SQL unchecked.
                if (Array.isArray(body.errors) && body.errors.some((e: { field?: unknown }) => e.field === 'unknown')) {
                  fail('refusal blames an unknown field (input reached the database unvalidated)');
                }
                if (before) {
                  const changed = changedTables(before, await fingerprint(ownerDb(t.deps.handle)));
                  if (changed.length) fail(`refused request changed ${changed.join(', ')}`);
                }
              }
            }),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          )
          .catch((err: unknown) =>
            failures.push(`${op.method} ${op.path}: ${firstProblem ?? (err instanceof Error ? err.message.slice(0, 500) : String(err))}`),
          );
      }
      expect(failures).toEqual([]);
    },
  );
});
