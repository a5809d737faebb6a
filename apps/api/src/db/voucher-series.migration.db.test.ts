import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from './client';
import { MIGRATIONS_FOLDER } from './migrate';
import { emptyDatabase, foldersUpTo } from '../test/migration-steps';

/**
 * The migration that brings in `voucher_series` and the dating window, run on a database that
 * holds data in the old shape (prefix columns on `organizations`, `voucher_counters`): every
 * counter becomes its series with the organisation's prefix, a changed prefix without a series is
 * kept, and each organisation's books start at the financial year of its first record.
 */
const TAG = '0008_voucher_series_books_window';

describe(`migration ${TAG}`, () => {
  // A fresh database migrated step by step (a new PGlite takes seconds to create, more on a busy machine).
  it(
    'turns counters and prefix columns into series, and starts each organisation’s books at its first record’s year',
    { timeout: 120_000 },
    async () => {
      const { handle, migrate } = await emptyDatabase();
      const before = foldersUpTo(TAG);
      await migrate(before);
      const db = handle.db;
      const [a, b, c] = [
        '01a00000-0000-7000-8000-00000000000a',
        '01a00000-0000-7000-8000-00000000000b',
        '01a00000-0000-7000-8000-00000000000c',
      ];
      await db.execute(sql`
      INSERT INTO organizations (id, name, sales_prefix, purchase_prefix, created_at, updated_at) VALUES
        (${a}, 'Counters and a voucher', 'INV', 'PV', '2026-05-02T10:00:00Z', now()),
        (${b}, 'A changed prefix, nothing posted', 'BS', 'PV', '2025-06-15T10:00:00Z', now()),
        (${c}, 'Defaults, nothing posted', 'SV', 'PV', '2023-03-31T20:00:00Z', now())`);
      await db.execute(sql`
      INSERT INTO voucher_counters (organization_id, voucher_type, fiscal_year, last_seq) VALUES
        (${a}, 'sales', '2526', 7), (${a}, 'sales', '2627', 2), (${a}, 'purchase', '2425', 3)`);
      await db.execute(
        sql`INSERT INTO parties (id, organization_id, kind, name) VALUES ('01a00000-0000-7000-8000-0000000000f1', ${a}, 'customer', 'Old customer')`,
      );
      await db.execute(sql`
      INSERT INTO vouchers (id, organization_id, voucher_type, voucher_number, fiscal_year, seq, voucher_date, party_id, party_kind, party_name,
                            supplier_state_code, place_of_supply, is_inter_state, line_count, discount_amount, taxable_amount, cgst_amount,
                            sgst_amount, igst_amount, total_amount, round_off, grand_total)
      VALUES ('01a00000-0000-7000-8000-0000000000e1', ${a}, 'purchase', 'PV/2425/00001', '2425', 1, '2025-02-11',
              '01a00000-0000-7000-8000-0000000000f1', 'customer', 'Old customer', '27', '27', false, 0, 0, 0, 0, 0, 0, 0, 0, 0)`);

      await migrate(MIGRATIONS_FOLDER);

      const series = await queryRows<{ org: string; voucher_type: string; fiscal_year: string; prefix: string; next_number: number }>(
        db,
        sql`SELECT organization_id AS org, voucher_type, fiscal_year, prefix, next_number FROM voucher_series ORDER BY 1, 2, 3`,
      );
      const now = new Date(Date.now() + 330 * 60_000);
      const startYear = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
      const currentFy = `${String(startYear % 100).padStart(2, '0')}${String((startYear + 1) % 100).padStart(2, '0')}`;
      expect(series.map((s) => [s.org, s.voucher_type, s.fiscal_year, s.prefix, Number(s.next_number)])).toEqual([
        [a, 'purchase', '2425', 'PV', 4],
        [a, 'sales', '2526', 'INV', 8],
        [a, 'sales', '2627', 'INV', 3],
        [b, 'sales', currentFy, 'BS', 1],
      ]);
      const orgs = await queryRows<{ id: string; books: string; ahead: number }>(
        db,
        sql`SELECT id, books_start_date::text AS books, max_days_ahead AS ahead FROM organizations ORDER BY id`,
      );
      // a: its first voucher (11 Feb 2025, FY 2024-25) is older than the organisation's record; b: created
      // June 2025; c: created 31 March 2023 at 20:00 UTC, already 1 April 2023 in India.
      expect(orgs).toEqual([
        { id: a, books: '2024-04-01', ahead: 3 },
        { id: b, books: '2025-04-01', ahead: 3 },
        { id: c, books: '2023-04-01', ahead: 3 },
      ]);
      const gone = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'organizations' AND column_name IN ('sales_prefix', 'purchase_prefix')`,
      );
      expect(gone[0]!.n).toBe(0);
    },
  );
});
