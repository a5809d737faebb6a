import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsMatrix, accountsPublicRoutes } from './test/matrix/accounts';
import { booksMatrix } from './test/matrix/books';
import { businessMatrix } from './test/matrix/business';
import { dashboardMatrix } from './test/matrix/dashboard';
import { emailMatrix } from './test/matrix/email';
import { gstReturnsMatrix } from './test/matrix/gst-returns';
import { importsMatrix } from './test/matrix/imports';
import { reportsMatrix } from './test/matrix/reports';
import { statementsMatrix } from './test/matrix/statements';
import { twoFactorMatrix, twoFactorPublicRoutes } from './test/matrix/two-factor';
import { definePasswordChangeGate, definePermissionMatrix, type MatrixRow } from './test/permission-matrix';
import { buildTestApp, type TestApp } from './test/harness';

/** Every module's rows; a module with routes adds its list here. */
const rows: MatrixRow[] = [
  ...accountsMatrix,
  ...emailMatrix,
  ...businessMatrix,
  ...dashboardMatrix,
  ...reportsMatrix,
  ...booksMatrix,
  ...statementsMatrix,
  ...gstReturnsMatrix,
  ...importsMatrix,
  ...twoFactorMatrix,
];
// The shared PDF of a share link opens without sign-in (its tests: modules/share-links/share-links.db.test.ts).
const publicRoutes = new Set(['GET /api/v1', 'GET /api/v1/shared/:token', ...accountsPublicRoutes, ...twoFactorPublicRoutes]);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUTH_RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => t.close());

describe('permission matrix', () => {
  definePermissionMatrix(() => t, rows);
});

describe('forced password change gates every other route', () => {
  definePasswordChangeGate(() => t, rows);
});

describe('coverage', () => {
  it('every /api/v1 route in the OpenAPI document has a matrix row or is a known public route', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const covered = new Set(rows.map((r) => `${r.method} ${r.route}`));
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1')) continue;
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      for (const method of Object.keys(methods)) {
        const key = `${method.toUpperCase()} ${route}`;
        if (!covered.has(key) && !publicRoutes.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });
});
