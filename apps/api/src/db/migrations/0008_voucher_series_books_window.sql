-- Voucher types as definitions (issue 13): numbering moves from a prefix column per type on
-- `organizations` and the `voucher_counters` table into one `voucher_series` table (organisation,
-- type, financial year, prefix, next number); and the organisation gets the window its vouchers
-- and stock adjustments may be dated in (`books_start_date`, `max_days_ahead`).
CREATE TABLE "voucher_series" (
	"organization_id" uuid NOT NULL,
	"voucher_type" text NOT NULL,
	"fiscal_year" text NOT NULL,
	"prefix" text NOT NULL,
	"next_number" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_series_organization_id_voucher_type_fiscal_year_pk" PRIMARY KEY("organization_id","voucher_type","fiscal_year"),
	CONSTRAINT "voucher_series_next_number_ck" CHECK ("voucher_series"."next_number" >= 1),
	CONSTRAINT "voucher_series_prefix_ck" CHECK ("voucher_series"."prefix" ~ '^[A-Z0-9-]{1,5}$'),
	CONSTRAINT "voucher_series_fiscal_year_ck" CHECK ("voucher_series"."fiscal_year" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
ALTER TABLE "voucher_series" ADD CONSTRAINT "voucher_series_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "books_start_date" date DEFAULT make_date((extract(year from (now() AT TIME ZONE 'Asia/Kolkata')::date - interval '3 months'))::int, 4, 1) NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "max_days_ahead" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_max_days_ahead_ck" CHECK ("organizations"."max_days_ahead" BETWEEN 0 AND 366);
--> statement-breakpoint
-- ── Hand-written (1/3): row-level security on the new tenant table, as on every other (0004).
ALTER TABLE voucher_series ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON voucher_series
  USING (organization_id = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
-- ── Hand-written (2/3): data. Every counter becomes its series, with the prefix its organisation
-- had for that type and the number after the last one taken (so no number is given twice).
INSERT INTO voucher_series (organization_id, voucher_type, fiscal_year, prefix, next_number)
SELECT c.organization_id, c.voucher_type, c.fiscal_year,
       CASE c.voucher_type WHEN 'sales' THEN o.sales_prefix WHEN 'purchase' THEN o.purchase_prefix END,
       c.last_seq + 1
  FROM voucher_counters c
  JOIN organizations o ON o.id = c.organization_id
 WHERE c.voucher_type IN ('sales', 'purchase');
--> statement-breakpoint
-- An organisation that changed a prefix but has no series of that type yet keeps its choice: a
-- series for the current financial year (India) carries it, and later years start from it.
INSERT INTO voucher_series (organization_id, voucher_type, fiscal_year, prefix, next_number)
SELECT o.id, t.voucher_type,
       to_char(fy.start_year % 100, 'FM00') || to_char((fy.start_year + 1) % 100, 'FM00'),
       t.prefix, 1
  FROM organizations o
 CROSS JOIN LATERAL (VALUES ('sales', o.sales_prefix, 'SV'), ('purchase', o.purchase_prefix, 'PV')) AS t(voucher_type, prefix, default_prefix)
 CROSS JOIN LATERAL (SELECT extract(year from (now() AT TIME ZONE 'Asia/Kolkata')::date - interval '3 months')::int AS start_year) AS fy
 WHERE t.prefix <> t.default_prefix
   AND NOT EXISTS (SELECT 1 FROM voucher_series s WHERE s.organization_id = o.id AND s.voucher_type = t.voucher_type);
--> statement-breakpoint
-- The books of an existing organisation start at the financial year of its first voucher or
-- stock movement, or of its creation, whichever is earliest: nothing already recorded falls outside.
UPDATE organizations o
   SET books_start_date = make_date(extract(year from f.first_day - interval '3 months')::int, 4, 1)
  FROM (SELECT x.id,
               LEAST((x.created_at AT TIME ZONE 'Asia/Kolkata')::date,
                     (SELECT min(v.voucher_date) FROM vouchers v WHERE v.organization_id = x.id),
                     (SELECT min(l.entry_date) FROM stock_ledger l WHERE l.organization_id = x.id)) AS first_day
          FROM organizations x) f
 WHERE f.id = o.id;
--> statement-breakpoint
-- ── Hand-written (3/3) ends; what the series replace goes.
ALTER TABLE "voucher_counters" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "voucher_counters" CASCADE;--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "sales_prefix";--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "purchase_prefix";
