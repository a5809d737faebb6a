CREATE TABLE "ledger_month_totals" (
	"organization_id" uuid NOT NULL,
	"ledger_id" uuid NOT NULL,
	"month" date NOT NULL,
	"debit" numeric(18, 2) DEFAULT '0' NOT NULL,
	"credit" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "ledger_month_totals_organization_id_ledger_id_month_pk" PRIMARY KEY("organization_id","ledger_id","month"),
	CONSTRAINT "ledger_month_totals_sides_ck" CHECK ("ledger_month_totals"."debit" >= 0 AND "ledger_month_totals"."credit" >= 0),
	CONSTRAINT "ledger_month_totals_month_ck" CHECK (extract(day from "ledger_month_totals"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "stock_value_month_totals" (
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"month" date NOT NULL,
	"quantity_change" numeric(18, 3) DEFAULT '0' NOT NULL,
	"value_change" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "stock_value_month_totals_organization_id_product_id_month_pk" PRIMARY KEY("organization_id","product_id","month"),
	CONSTRAINT "stock_value_month_totals_month_ck" CHECK (extract(day from "stock_value_month_totals"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "ledger_month_totals" ADD CONSTRAINT "ledger_month_totals_organization_id_ledger_id_ledgers_organization_id_id_fk" FOREIGN KEY ("organization_id","ledger_id") REFERENCES "public"."ledgers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_value_month_totals" ADD CONSTRAINT "stock_value_month_totals_organization_id_product_id_products_organization_id_id_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."products"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- ── Hand-written: tenant rows behind row-level security, like every books table.
SELECT tritiq_protect_tenant_table('ledger_month_totals');
--> statement-breakpoint
SELECT tritiq_protect_tenant_table('stock_value_month_totals');
--> statement-breakpoint
-- ── Hand-written: the month totals of what is already posted, from the entries themselves (a
-- reversal on its own side, as the posting statement adds it) and from the stock ledger's value
-- changes; from here on the posting statement keeps them with the day totals.
INSERT INTO ledger_month_totals (organization_id, ledger_id, month, debit, credit)
SELECT organization_id, ledger_id, date_trunc('month', entry_date)::date,
       coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)
  FROM ledger_entries
 GROUP BY organization_id, ledger_id, date_trunc('month', entry_date)::date;
--> statement-breakpoint
INSERT INTO stock_value_month_totals (organization_id, product_id, month, quantity_change, value_change)
SELECT organization_id, product_id, date_trunc('month', entry_date)::date, sum(quantity_change), sum(value)
  FROM stock_ledger
 GROUP BY organization_id, product_id, date_trunc('month', entry_date)::date;
