import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { bearer, createTenant, createUser, tokenFor, type TestUser } from '../test/factories';
import { buildTestApp, type TestApp } from '../test/harness';
import { changedTables, fingerprint } from './fingerprint';
import { operationsOf, requestArbitrary, type OpenApiDocument } from './openapi';
import type { Components } from './schema-arbitrary';

/**
 * Every route in the OpenAPI document, fed generated malformed and hostile input under every kind
 * of caller: no 5xx, every refusal in the error shape, and no data changed by a refused request.
 * FUZZ_RUNS sets the requests per route (a short run in CI; `npm run fuzz` runs many more).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let t: TestApp;
let doc: OpenApiDocument;
let knownIds: string[] = [];
const users: TestUser[] = [];
const BAD_TOKENS = [
  'garbage',
  'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwic2lkIjoieCIsInJvbGUiOiJzdXBlcl9hZG1pbiJ9.',
  'Bearer',
];
const tally = new Map<string, number>();

beforeAll(async () => {
  t = await buildTestApp();
  const a = await createTenant(t.deps, { stateCode: '27' });
  const b = await createTenant(t.deps, { stateCode: '29' });
  const superAdmin = await createUser(t.deps, { role: 'super_admin' });
  users.push(a.orgAdmin, a.admin, a.user, b.orgAdmin, superAdmin);
  doc = t.app.swagger() as unknown as OpenApiDocument;
  const tables = await queryRows<{ table_name: string }>(
    t.deps.handle.db,
    sql`SELECT c.table_name FROM information_schema.columns c
         WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid'`,
  );
  for (const { table_name } of tables) {
    const rows = await queryRows<{ id: string }>(t.deps.handle.db, sql`SELECT id::text AS id FROM ${sql.identifier(table_name)} LIMIT 50`);
    knownIds.push(...rows.map((r) => r.id));
  }
  knownIds = [...new Set(knownIds)];
}, 120_000);

afterAll(async () => {
  const summary = [...tally.entries()].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  console.log(`fuzz: ${[...tally.values()].reduce((a, b) => a + b, 0)} requests (${summary})`);
  await t.close();
});

async function headersFor(credential: number): Promise<Record<string, string>> {
  if (credential < 0) return {};
  if (credential < users.length) return bearer(await tokenFor(t.deps, users[credential]!));
  return { authorization: `Bearer ${BAD_TOKENS[credential - users.length]}` };
}

describe('fuzzing every route in the OpenAPI document', () => {
  it('answers every generated request without a 5xx, and refusals change nothing', { timeout: 600_000 }, async () => {
    const components: Components = doc.components?.schemas ?? {};
    const ops = operationsOf(doc).filter((op) => !op.path.startsWith('/docs') && op.path !== '/metrics');
    expect(ops.map((op) => `${op.method} ${op.path}`)).toContain('GET /api/v1/auth/me');
    const failures: string[] = [];
    for (const op of ops) {
      const arb = requestArbitrary(op, components, knownIds, users.length + BAD_TOKENS.length);
      let firstProblem: string | undefined;
      await fc.assert(
        fc.asyncProperty(arb, async (req) => {
          const headers = await headersFor(req.credential);
          const mutating = req.method !== 'GET';
          const before = mutating ? await fingerprint(t.deps.handle.db) : undefined;
          const res = await t.app.inject({
            method: req.method,
            url: req.url,
            headers: req.hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
            ...(req.hasBody ? { payload: JSON.stringify(req.body) } : {}),
          });
          const key = `${Math.floor(res.statusCode / 100)}xx`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
          const where = `${req.method} ${req.url.slice(0, 120)} body=${String(JSON.stringify(req.body)).slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
          const fail = (problem: string) => {
            firstProblem ??= `${problem}: ${where}`;
            throw new Error(problem);
          };
          if (res.statusCode >= 500) fail('server error');
          if (res.statusCode >= 400) {
            const body = res.json() as Record<string, unknown>;
            if (typeof body.detail !== 'string' || typeof body.code !== 'string' || typeof body.request_id !== 'string') {
              fail('refusal without the error shape');
            }
            if (before) {
              const changed = changedTables(before, await fingerprint(t.deps.handle.db));
              if (changed.length) fail(`refused request changed ${changed.join(', ')}`);
            }
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      ).catch((err: unknown) =>
        failures.push(`${op.method} ${op.path}: ${firstProblem ?? (err instanceof Error ? err.message.slice(0, 500) : String(err))}`),
      );
    }
    expect(failures).toEqual([]);
  });
});
