import { sql } from 'drizzle-orm';
import { gstinFor } from '../business';
import type { TestApp } from '../harness';
import type { Actor, MatrixRow, MatrixWorld } from '../permission-matrix';

/**
 * The GST returns (issue 16): every organisation role reads them (as the financial statements),
 * each its own organisation's; the super admin reads none. Both organisations get a GSTIN so that
 * the download answers 200 rather than 422 for a missing one.
 */
const members: Record<Actor, number> = {
  anonymous: 401,
  standard_user: 200,
  admin: 200,
  other_org_admin: 200,
  org_admin: 200,
  super_admin: 403,
};

async function withGstins(t: TestApp, w: MatrixWorld): Promise<void> {
  await t.deps.sessions.transaction(
    async (db) => {
      await db.execute(sql`UPDATE organizations SET gstin = ${gstinFor('27', 'AAPFU0939F')} WHERE id = ${w.a.org.id}::uuid`);
      await db.execute(sql`UPDATE organizations SET gstin = ${gstinFor('27', 'AAACB1234C')} WHERE id = ${w.b.org.id}::uuid`);
    },
    { platform: true },
  );
}

export const gstReturnsMatrix: MatrixRow[] = [
  { method: 'GET', route: '/api/v1/gst/gstr-1', setup: withGstins, url: () => '/api/v1/gst/gstr-1?period=2026-11', expect: members },
  {
    method: 'GET',
    route: '/api/v1/gst/gstr-1',
    case: 'xlsx',
    setup: withGstins,
    url: () => '/api/v1/gst/gstr-1?period=2026-11&format=xlsx',
    expect: members,
  },
  { method: 'GET', route: '/api/v1/gst/gstr-1/summary', url: () => '/api/v1/gst/gstr-1/summary?period=2026-11', expect: members },
  { method: 'GET', route: '/api/v1/gst/gstr-3b', url: () => '/api/v1/gst/gstr-3b?period=2026-11', expect: members },
];
