-- The books of account (issue 15, BOOKS.md; design in docs/design/books.md): the chart of accounts
-- (account_groups, ledgers), the double entry (ledger_entries) with its day totals, bills and their
-- allocations, stock value at weighted average cost, party credit days and the books lock date.
-- The drizzle-kit part first, then the hand-written part (policies, the default chart, data).
CREATE TABLE "account_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"nature" text NOT NULL,
	"system_key" text,
	"sort_order" integer DEFAULT 1000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_groups_org_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "account_groups_nature_ck" CHECK ("account_groups"."nature" IN ('asset', 'liability', 'income', 'expense')),
	CONSTRAINT "account_groups_parent_ck" CHECK ("account_groups"."parent_id" IS NULL OR "account_groups"."parent_id" <> "account_groups"."id")
);
--> statement-breakpoint
CREATE TABLE "bill_allocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"bill_id" uuid,
	"voucher_id" uuid NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "bill_allocations_amount_ck" CHECK ("bill_allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"side" text NOT NULL,
	"voucher_id" uuid,
	"ref" text NOT NULL,
	"bill_date" date NOT NULL,
	"due_date" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"outstanding" numeric(14, 2) NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bills_org_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "bills_side_ck" CHECK ("bills"."side" IN ('receivable', 'payable')),
	CONSTRAINT "bills_outstanding_ck" CHECK ("bills"."outstanding" >= 0 AND "bills"."outstanding" <= "bills"."amount"),
	CONSTRAINT "bills_due_date_ck" CHECK ("bills"."due_date" >= "bills"."bill_date")
);
--> statement-breakpoint
CREATE TABLE "ledger_day_totals" (
	"organization_id" uuid NOT NULL,
	"ledger_id" uuid NOT NULL,
	"entry_date" date NOT NULL,
	"debit" numeric(16, 2) DEFAULT '0' NOT NULL,
	"credit" numeric(16, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "ledger_day_totals_organization_id_ledger_id_entry_date_pk" PRIMARY KEY("organization_id","ledger_id","entry_date"),
	CONSTRAINT "ledger_day_totals_sides_ck" CHECK ("ledger_day_totals"."debit" >= 0 AND "ledger_day_totals"."credit" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"organization_id" uuid NOT NULL,
	"voucher_id" uuid NOT NULL,
	"is_reversal" boolean DEFAULT false NOT NULL,
	"line_no" integer NOT NULL,
	"ledger_id" uuid NOT NULL,
	"entry_date" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	CONSTRAINT "ledger_entries_voucher_id_is_reversal_line_no_pk" PRIMARY KEY("voucher_id","is_reversal","line_no"),
	CONSTRAINT "ledger_entries_amount_ck" CHECK ("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledgers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"system_key" text,
	"party_id" uuid,
	"opening_balance" numeric(14, 2) DEFAULT '0' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledgers_org_id_uq" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "stock_value_day_totals" (
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"entry_date" date NOT NULL,
	"quantity_change" numeric(16, 3) DEFAULT '0' NOT NULL,
	"value_change" numeric(16, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "stock_value_day_totals_organization_id_product_id_entry_date_pk" PRIMARY KEY("organization_id","product_id","entry_date")
);
--> statement-breakpoint
ALTER TABLE "stock_ledger" DROP CONSTRAINT "stock_ledger_source_ck";--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "books_locked_until" date;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "credit_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD COLUMN "average_cost" numeric(16, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD COLUMN "value" numeric(16, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD COLUMN "unit_cost" numeric(16, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD COLUMN "value" numeric(16, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "account_groups" ADD CONSTRAINT "account_groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_groups" ADD CONSTRAINT "account_groups_organization_id_parent_id_account_groups_organization_id_id_fk" FOREIGN KEY ("organization_id","parent_id") REFERENCES "public"."account_groups"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_allocations" ADD CONSTRAINT "bill_allocations_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_allocations" ADD CONSTRAINT "bill_allocations_organization_id_bill_id_bills_organization_id_id_fk" FOREIGN KEY ("organization_id","bill_id") REFERENCES "public"."bills"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_allocations" ADD CONSTRAINT "bill_allocations_organization_id_party_id_parties_organization_id_id_fk" FOREIGN KEY ("organization_id","party_id") REFERENCES "public"."parties"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_organization_id_party_id_parties_organization_id_id_fk" FOREIGN KEY ("organization_id","party_id") REFERENCES "public"."parties"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_day_totals" ADD CONSTRAINT "ledger_day_totals_organization_id_ledger_id_ledgers_organization_id_id_fk" FOREIGN KEY ("organization_id","ledger_id") REFERENCES "public"."ledgers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organization_id_ledger_id_ledgers_organization_id_id_fk" FOREIGN KEY ("organization_id","ledger_id") REFERENCES "public"."ledgers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledgers" ADD CONSTRAINT "ledgers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledgers" ADD CONSTRAINT "ledgers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledgers" ADD CONSTRAINT "ledgers_organization_id_group_id_account_groups_organization_id_id_fk" FOREIGN KEY ("organization_id","group_id") REFERENCES "public"."account_groups"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledgers" ADD CONSTRAINT "ledgers_organization_id_party_id_parties_organization_id_id_fk" FOREIGN KEY ("organization_id","party_id") REFERENCES "public"."parties"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_value_day_totals" ADD CONSTRAINT "stock_value_day_totals_organization_id_product_id_products_organization_id_id_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."products"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_groups_org_name_uq" ON "account_groups" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "account_groups_org_system_key_uq" ON "account_groups" USING btree ("organization_id","system_key") WHERE "account_groups"."system_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "account_groups_org_parent_idx" ON "account_groups" USING btree ("organization_id","parent_id");--> statement-breakpoint
CREATE INDEX "bill_allocations_bill_idx" ON "bill_allocations" USING btree ("bill_id") WHERE "bill_allocations"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX "bill_allocations_voucher_idx" ON "bill_allocations" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "bill_allocations_on_account_idx" ON "bill_allocations" USING btree ("organization_id","party_id") WHERE "bill_allocations"."bill_id" IS NULL AND "bill_allocations"."released_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bills_voucher_uq" ON "bills" USING btree ("voucher_id") WHERE "bills"."voucher_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "bills_party_idx" ON "bills" USING btree ("organization_id","party_id","bill_date");--> statement-breakpoint
CREATE INDEX "bills_open_idx" ON "bills" USING btree ("organization_id","side","due_date") WHERE "bills"."outstanding" > 0 AND "bills"."cancelled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "ledger_entries_ledger_date_idx" ON "ledger_entries" USING btree ("organization_id","ledger_id","entry_date","voucher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledgers_org_group_name_uq" ON "ledgers" USING btree ("organization_id","group_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "ledgers_org_system_key_uq" ON "ledgers" USING btree ("organization_id","system_key") WHERE "ledgers"."system_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "ledgers_org_party_uq" ON "ledgers" USING btree ("organization_id","party_id") WHERE "ledgers"."party_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ledgers_org_group_idx" ON "ledgers" USING btree ("organization_id","group_id");--> statement-breakpoint
CREATE INDEX "ledgers_created_by_idx" ON "ledgers" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_credit_days_ck" CHECK ("parties"."credit_days" BETWEEN 0 AND 3650);--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_source_ck" CHECK ("stock_ledger"."source" IN ('voucher', 'voucher_cancel', 'adjustment', 'opening'));--> statement-breakpoint
-- ── Hand-written (1/5): row-level security on the new tenant tables, as on every other (0011).
SELECT tritiq_protect_tenant_table('account_groups');
--> statement-breakpoint
SELECT tritiq_protect_tenant_table('ledgers');
--> statement-breakpoint
SELECT tritiq_protect_tenant_table('ledger_entries');
--> statement-breakpoint
SELECT tritiq_protect_tenant_table('ledger_day_totals');
--> statement-breakpoint
SELECT tritiq_protect_tenant_table('bills');
--> statement-breakpoint
SELECT tritiq_protect_tenant_table('bill_allocations');
--> statement-breakpoint
SELECT tritiq_protect_tenant_table('stock_value_day_totals');
--> statement-breakpoint
-- ── Hand-written (2/5): the default chart of accounts of BOOKS.md, in one place. Licence creation
-- calls this function for a new organisation; below it runs for every existing one. Idempotent:
-- a group or ledger whose system key the organisation already has is left alone. Nature: a
-- sub-group takes its primary group's. `sort_order` is Tally's order of the primary groups.
CREATE OR REPLACE FUNCTION tritiq_seed_books(org uuid)
RETURNS void
LANGUAGE plpgsql
AS $fn$
BEGIN
  INSERT INTO account_groups (id, organization_id, parent_id, name, nature, system_key, sort_order)
  SELECT gen_random_uuid(), org, NULL, g.name, g.nature, g.key, g.sort_order
    FROM (VALUES
      ('capital_account',     'Capital Account',     'liability', 10),
      ('loans_liability',     'Loans (Liability)',   'liability', 20),
      ('current_liabilities', 'Current Liabilities', 'liability', 30),
      ('profit_and_loss',     'Profit & Loss A/c',   'liability', 40),
      ('fixed_assets',        'Fixed Assets',        'asset',     50),
      ('current_assets',      'Current Assets',      'asset',     60),
      ('sales_accounts',      'Sales Accounts',      'income',    70),
      ('purchase_accounts',   'Purchase Accounts',   'expense',   80),
      ('direct_incomes',      'Direct Incomes',      'income',    90),
      ('direct_expenses',     'Direct Expenses',     'expense',  100),
      ('indirect_incomes',    'Indirect Incomes',    'income',   110),
      ('indirect_expenses',   'Indirect Expenses',   'expense',  120)
    ) AS g(key, name, nature, sort_order)
   WHERE NOT EXISTS (SELECT 1 FROM account_groups x WHERE x.organization_id = org AND x.system_key = g.key);

  INSERT INTO account_groups (id, organization_id, parent_id, name, nature, system_key, sort_order)
  SELECT gen_random_uuid(), org, p.id, g.name, p.nature, g.key, g.sort_order
    FROM (VALUES
      ('reserves_and_surplus', 'Reserves & Surplus',        'capital_account',     11),
      ('secured_loans',        'Secured Loans',             'loans_liability',     21),
      ('unsecured_loans',      'Unsecured Loans',           'loans_liability',     22),
      ('duties_and_taxes',     'Duties & Taxes',            'current_liabilities', 31),
      ('provisions',           'Provisions',                'current_liabilities', 32),
      ('sundry_creditors',     'Sundry Creditors',          'current_liabilities', 33),
      ('stock_in_hand',        'Stock-in-Hand',             'current_assets',      61),
      ('deposits_asset',       'Deposits (Asset)',          'current_assets',      62),
      ('loans_and_advances',   'Loans & Advances (Asset)',  'current_assets',      63),
      ('sundry_debtors',       'Sundry Debtors',            'current_assets',      64),
      ('cash_in_hand',         'Cash-in-Hand',              'current_assets',      65),
      ('bank_accounts',        'Bank Accounts',             'current_assets',      66)
    ) AS g(key, name, parent_key, sort_order)
    JOIN account_groups p ON p.organization_id = org AND p.system_key = g.parent_key
   WHERE NOT EXISTS (SELECT 1 FROM account_groups x WHERE x.organization_id = org AND x.system_key = g.key);

  INSERT INTO ledgers (id, organization_id, group_id, name, system_key)
  SELECT gen_random_uuid(), org, g.id, l.name, l.key
    FROM (VALUES
      ('capital',           'Capital',           'capital_account'),
      ('profit_and_loss',   'Profit & Loss A/c', 'profit_and_loss'),
      ('output_cgst',       'Output CGST',       'duties_and_taxes'),
      ('output_sgst',       'Output SGST',       'duties_and_taxes'),
      ('output_igst',       'Output IGST',       'duties_and_taxes'),
      ('input_cgst',        'Input CGST',        'duties_and_taxes'),
      ('input_sgst',        'Input SGST',        'duties_and_taxes'),
      ('input_igst',        'Input IGST',        'duties_and_taxes'),
      ('cash',              'Cash',              'cash_in_hand'),
      ('sales',             'Sales',             'sales_accounts'),
      ('purchase',          'Purchase',          'purchase_accounts'),
      ('discount_received', 'Discount Received', 'indirect_incomes'),
      ('round_off',         'Round Off',         'indirect_expenses'),
      ('bank_charges',      'Bank Charges',      'indirect_expenses'),
      ('discount_allowed',  'Discount Allowed',  'indirect_expenses')
    ) AS l(key, name, group_key)
    JOIN account_groups g ON g.organization_id = org AND g.system_key = l.group_key
   WHERE NOT EXISTS (SELECT 1 FROM ledgers x WHERE x.organization_id = org AND x.system_key = l.key);
END
$fn$;
--> statement-breakpoint
SELECT tritiq_seed_books(id) FROM organizations;
--> statement-breakpoint
-- ── Hand-written (3/5): a ledger per existing party, named after it, under Sundry Debtors
-- (customers) or Sundry Creditors (vendors). New parties get theirs from the parties module.
INSERT INTO ledgers (id, organization_id, group_id, name, party_id, is_active, created_by, created_at, updated_at)
SELECT gen_random_uuid(), p.organization_id, g.id, p.name, p.id, true, p.created_by, p.created_at, p.created_at
  FROM parties p
  JOIN account_groups g ON g.organization_id = p.organization_id
                       AND g.system_key = CASE p.kind WHEN 'customer' THEN 'sundry_debtors' ELSE 'sundry_creditors' END;
--> statement-breakpoint
-- ── Hand-written (4/5): the entries, bills and day totals of existing vouchers, exactly as the
-- posting rules of the sales and purchase definitions (packages/contracts/src/vouchers/registry.ts)
-- write them today: the rule's entries in order, zero amounts skipped, a negative round-off on the
-- other side; a cancelled voucher also gets the exact reverse, dated the voucher's own date.
INSERT INTO ledger_entries (organization_id, voucher_id, is_reversal, line_no, ledger_id, entry_date, amount)
SELECT e.organization_id, e.voucher_id, r.is_reversal,
       row_number() OVER (PARTITION BY e.voucher_id, r.is_reversal ORDER BY e.position),
       e.ledger_id, e.voucher_date, CASE WHEN r.is_reversal THEN -e.amount ELSE e.amount END
  FROM (
    SELECT v.organization_id, v.id AS voucher_id, v.voucher_date, v.status, x.position,
           coalesce(x.ledger_id, pl.id) AS ledger_id, x.amount
      FROM vouchers v
      JOIN ledgers pl ON pl.organization_id = v.organization_id AND pl.party_id = v.party_id
      CROSS JOIN LATERAL (
        SELECT s.position, (SELECT l.id FROM ledgers l WHERE l.organization_id = v.organization_id AND l.system_key = s.ledger_key) AS ledger_id, s.amount
          FROM (VALUES
            -- Sales: Dr customer grand total; Cr Sales, Output CGST/SGST/IGST; Cr Round Off (a negative one a debit).
            ('sales', 1, NULL, v.grand_total),
            ('sales', 2, 'sales', -v.taxable_amount),
            ('sales', 3, 'output_cgst', -v.cgst_amount),
            ('sales', 4, 'output_sgst', -v.sgst_amount),
            ('sales', 5, 'output_igst', -v.igst_amount),
            ('sales', 6, 'round_off', -v.round_off),
            -- Purchase: Dr Purchase, Input CGST/SGST/IGST; Dr Round Off (a negative one a credit); Cr vendor grand total.
            ('purchase', 1, 'purchase', v.taxable_amount),
            ('purchase', 2, 'input_cgst', v.cgst_amount),
            ('purchase', 3, 'input_sgst', v.sgst_amount),
            ('purchase', 4, 'input_igst', v.igst_amount),
            ('purchase', 5, 'round_off', v.round_off),
            ('purchase', 6, NULL, -v.grand_total)
          ) AS s(voucher_type, position, ledger_key, amount)
         WHERE s.voucher_type = v.voucher_type AND s.amount <> 0
      ) x
     WHERE v.voucher_type IN ('sales', 'purchase')
  ) e
  CROSS JOIN LATERAL (VALUES (false), (true)) AS r(is_reversal)
 WHERE NOT r.is_reversal OR e.status = 'cancelled';
--> statement-breakpoint
INSERT INTO ledger_day_totals (organization_id, ledger_id, entry_date, debit, credit)
SELECT organization_id, ledger_id, entry_date,
       coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)
  FROM ledger_entries
 GROUP BY organization_id, ledger_id, entry_date;
--> statement-breakpoint
-- Each invoice is a bill of its party for its grand total, due on its due date (parties had no
-- credit days before, so else on its date); nothing has been allocated yet.
INSERT INTO bills (id, organization_id, party_id, side, voucher_id, ref, bill_date, due_date, amount, outstanding, cancelled_at, created_at)
SELECT gen_random_uuid(), v.organization_id, v.party_id,
       CASE v.voucher_type WHEN 'sales' THEN 'receivable' ELSE 'payable' END,
       v.id, coalesce(CASE v.voucher_type WHEN 'purchase' THEN v.supplier_invoice_number END, v.voucher_number),
       v.voucher_date, greatest(coalesce(v.due_date, v.voucher_date), v.voucher_date), v.grand_total, v.grand_total,
       v.cancelled_at, v.created_at
  FROM vouchers v
 WHERE v.voucher_type IN ('sales', 'purchase');
--> statement-breakpoint
-- ── Hand-written (5/5): the value of existing stock at weighted average cost (BOOKS.md, "Stock
-- value"), replaying each product's ledger in order with the rule of apps/api/src/modules/stock/
-- stock.plan.ts: a purchase comes in at its lines' taxable value (a product on several lines of one
-- voucher at their blended rate), a cancellation moves at the cost recorded on the voucher's own
-- row, everything else (sales, adjustments) at the current average. The balance's value is always
-- quantity × average cost to the paisa, and a movement's value is the change it made to it.
DO $$
DECLARE
  r record;
  cur_org uuid;
  cur_product uuid;
  q numeric := 0;
  a numeric := 0;
  v numeric := 0;
  q2 numeric;
  a2 numeric;
  v2 numeric;
  cost numeric;
  rate numeric;
BEGIN
  FOR r IN
    SELECT l.id, l.organization_id, l.product_id, l.quantity_change AS dq, l.source, l.voucher_id
      FROM stock_ledger l
     ORDER BY l.organization_id, l.product_id, l.seq
  LOOP
    IF cur_product IS DISTINCT FROM r.product_id OR cur_org IS DISTINCT FROM r.organization_id THEN
      IF cur_product IS NOT NULL THEN
        UPDATE stock_balances SET average_cost = a, value = v WHERE organization_id = cur_org AND product_id = cur_product;
      END IF;
      cur_org := r.organization_id;
      cur_product := r.product_id;
      q := 0;
      a := 0;
      v := 0;
    END IF;
    cost := NULL;
    IF r.source = 'voucher' AND r.dq > 0 THEN
      SELECT r.dq * sum(vl.taxable_amount) / sum(vl.quantity) INTO cost
        FROM voucher_lines vl WHERE vl.voucher_id = r.voucher_id AND vl.product_id = r.product_id;
    ELSIF r.source = 'voucher_cancel' THEN
      SELECT r.dq * o.unit_cost INTO cost
        FROM stock_ledger o
       WHERE o.voucher_id = r.voucher_id AND o.product_id = r.product_id AND o.source = 'voucher'
       ORDER BY o.seq LIMIT 1;
    END IF;
    q2 := q + r.dq;
    IF cost IS NULL THEN
      rate := a;
      a2 := a;
    ELSIF r.dq > 0 THEN
      rate := round(cost / r.dq, 4);
      a2 := CASE WHEN q <= 0 THEN rate ELSE round((v + cost) / q2, 4) END;
    ELSE
      rate := round(cost / r.dq, 4);
      a2 := CASE WHEN q2 > 0 THEN greatest(round((v + cost) / q2, 4), 0) ELSE a END;
    END IF;
    v2 := round(q2 * a2, 2);
    UPDATE stock_ledger SET unit_cost = rate, value = v2 - v WHERE id = r.id;
    q := q2;
    a := a2;
    v := v2;
  END LOOP;
  IF cur_product IS NOT NULL THEN
    UPDATE stock_balances SET average_cost = a, value = v WHERE organization_id = cur_org AND product_id = cur_product;
  END IF;
END
$$;
--> statement-breakpoint
-- A cancellation's movements are dated the voucher's own date, as its reversed entries are, so that
-- the stock value of any day agrees with the books of that day (the engine does the same from now on).
UPDATE stock_ledger l
   SET entry_date = v.voucher_date
  FROM vouchers v
 WHERE l.source = 'voucher_cancel' AND v.id = l.voucher_id AND l.entry_date <> v.voucher_date;
--> statement-breakpoint
INSERT INTO stock_value_day_totals (organization_id, product_id, entry_date, quantity_change, value_change)
SELECT organization_id, product_id, entry_date, sum(quantity_change), sum(value)
  FROM stock_ledger
 GROUP BY organization_id, product_id, entry_date;
