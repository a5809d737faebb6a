-- Receipts, payments, contra and journal vouchers on the one engine (issue 15 item 3, BOOKS.md):
-- a voucher may have no party and no GST supply, a receipt or payment names its cash or bank ledger
-- (and another ledger instead of a party) and how the money moved, and a journal or contra keeps
-- its own ledger lines. The drizzle-kit part first, then the hand-written part.
CREATE TABLE "voucher_ledger_lines" (
	"organization_id" uuid NOT NULL,
	"voucher_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"ledger_id" uuid NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"narration" text,
	CONSTRAINT "voucher_ledger_lines_voucher_id_line_no_pk" PRIMARY KEY("voucher_id","line_no"),
	CONSTRAINT "voucher_ledger_lines_amount_ck" CHECK ("voucher_ledger_lines"."amount" <> 0)
);
--> statement-breakpoint
ALTER TABLE "vouchers" ALTER COLUMN "party_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ALTER COLUMN "party_kind" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ALTER COLUMN "party_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ALTER COLUMN "supplier_state_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ALTER COLUMN "place_of_supply" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "cash_bank_ledger_id" uuid;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "other_ledger_id" uuid;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "mode" text;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "instrument_number" text;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "instrument_date" date;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "transfer_reference" text;--> statement-breakpoint
ALTER TABLE "voucher_ledger_lines" ADD CONSTRAINT "voucher_ledger_lines_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_ledger_lines" ADD CONSTRAINT "voucher_ledger_lines_organization_id_ledger_id_ledgers_organization_id_id_fk" FOREIGN KEY ("organization_id","ledger_id") REFERENCES "public"."ledgers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_ledger_lines_ledger_idx" ON "voucher_ledger_lines" USING btree ("organization_id","ledger_id");--> statement-breakpoint
CREATE INDEX "vouchers_cash_bank_ledger_idx" ON "vouchers" USING btree ("organization_id","cash_bank_ledger_id") WHERE "vouchers"."cash_bank_ledger_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "vouchers_other_ledger_idx" ON "vouchers" USING btree ("organization_id","other_ledger_id") WHERE "vouchers"."other_ledger_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_mode_ck" CHECK ("vouchers"."mode" IS NULL OR "vouchers"."mode" IN ('cash', 'cheque', 'bank_transfer', 'upi'));--> statement-breakpoint
-- ── Hand-written (1/2): row-level security on the new tenant table, as on every other (0011).
SELECT tritiq_protect_tenant_table('voucher_ledger_lines');
--> statement-breakpoint
-- ── Hand-written (2/2): the header ledgers belong to the voucher's organisation. Declared here, not
-- in the Drizzle schema, where vouchers.ts cannot import books.ts (which imports it).
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_cash_bank_ledger_fk" FOREIGN KEY ("organization_id","cash_bank_ledger_id") REFERENCES "public"."ledgers"("organization_id","id");
--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_other_ledger_fk" FOREIGN KEY ("organization_id","other_ledger_id") REFERENCES "public"."ledgers"("organization_id","id");
