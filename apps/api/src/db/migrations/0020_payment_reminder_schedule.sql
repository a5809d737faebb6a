-- Issue 17, the daily payment reminder job: the organisation's setting (off by default; days overdue
-- before a bill is reminded; at most one reminder per bill every N days) and bill_reminders, one row
-- per bill a reminder named (by hand or by the job), which the N-day rule reads.
-- The drizzle-kit part first, then the hand-written part (row-level security).
CREATE TABLE "bill_reminders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"email_id" uuid NOT NULL,
	"reminded_on" date NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bill_reminders_source_ck" CHECK ("bill_reminders"."source" IN ('manual', 'automatic'))
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "payment_reminders_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "payment_reminder_after_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "payment_reminder_every_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "bill_reminders" ADD CONSTRAINT "bill_reminders_organization_id_bill_id_bills_organization_id_id_fk" FOREIGN KEY ("organization_id","bill_id") REFERENCES "public"."bills"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_reminders_bill_idx" ON "bill_reminders" USING btree ("organization_id","bill_id","reminded_on");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_payment_reminder_days_ck" CHECK ("organizations"."payment_reminder_after_days" BETWEEN 1 AND 365 AND "organizations"."payment_reminder_every_days" BETWEEN 1 AND 365);
--> statement-breakpoint
-- ── Hand-written: row-level security on the new tenant table, as on every other (0011).
SELECT tritiq_protect_tenant_table('bill_reminders');
