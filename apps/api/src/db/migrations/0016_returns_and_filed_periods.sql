-- Credit and debit notes and filed GST periods (issue 16, BOOKS.md "Returns" and "Locking"): a note
-- names the invoice it is made against (vouchers.against_voucher_id, with its number and date as
-- printed) and its reason, each of its lines the original's line (voucher_lines.against_line_id);
-- a value-only note line has quantity 0. gst_filed_periods holds the months marked filed.
-- The drizzle-kit part first, then the hand-written part (row-level security).
CREATE TABLE "gst_filed_periods" (
	"organization_id" uuid NOT NULL,
	"period" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_by" uuid,
	CONSTRAINT "gst_filed_periods_organization_id_period_pk" PRIMARY KEY("organization_id","period"),
	CONSTRAINT "gst_filed_periods_period_ck" CHECK ("gst_filed_periods"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "voucher_lines" DROP CONSTRAINT "voucher_lines_quantity_ck";--> statement-breakpoint
ALTER TABLE "voucher_lines" ADD COLUMN "against_line_id" uuid;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "against_voucher_id" uuid;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "against_voucher_number" text;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "against_voucher_date" date;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "gst_filed_periods" ADD CONSTRAINT "gst_filed_periods_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gst_filed_periods" ADD CONSTRAINT "gst_filed_periods_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gst_filed_periods_filed_by_idx" ON "gst_filed_periods" USING btree ("filed_by");--> statement-breakpoint
ALTER TABLE "voucher_lines" ADD CONSTRAINT "voucher_lines_against_line_id_voucher_lines_id_fk" FOREIGN KEY ("against_line_id") REFERENCES "public"."voucher_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_against_voucher_id_vouchers_id_fk" FOREIGN KEY ("against_voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_lines_against_line_idx" ON "voucher_lines" USING btree ("against_line_id") WHERE "voucher_lines"."against_line_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "vouchers_against_idx" ON "vouchers" USING btree ("organization_id","against_voucher_id") WHERE "vouchers"."against_voucher_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "voucher_lines" ADD CONSTRAINT "voucher_lines_quantity_ck" CHECK ("voucher_lines"."quantity" > 0 OR ("voucher_lines"."quantity" = 0 AND "voucher_lines"."against_line_id" IS NOT NULL));
--> statement-breakpoint
-- ── Hand-written: row-level security on the new tenant table, as on every other (0011).
SELECT tritiq_protect_tenant_table('gst_filed_periods');
