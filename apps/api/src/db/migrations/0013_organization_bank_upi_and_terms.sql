-- Issue 17: what a tax invoice prints from the organisation profile: bank details, the UPI ID its QR pays
-- (validated `name@bank` by the API) and the terms at its foot. Nullable: nothing to migrate.
ALTER TABLE "organizations" ADD COLUMN "bank_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "bank_account_number" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "bank_ifsc" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "bank_branch" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "upi_id" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "invoice_terms" text;