CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"contact_number" text,
	"email" text,
	"address_line1" text,
	"address_line2" text,
	"city" text,
	"state" text,
	"pin_code" text,
	"state_code" text,
	"gstin" text,
	"pan" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parties_org_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "parties_kind_ck" CHECK ("parties"."kind" IN ('vendor', 'customer'))
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"part_number" text,
	"hsn_code" text,
	"unit" text NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"gst_rate" numeric(5, 2) DEFAULT '0' NOT NULL,
	"is_gst_inclusive" boolean DEFAULT false NOT NULL,
	"reorder_level" numeric(14, 3) DEFAULT '0' NOT NULL,
	"description" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_org_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "products_unit_price_ck" CHECK ("products"."unit_price" >= 0),
	CONSTRAINT "products_gst_rate_ck" CHECK ("products"."gst_rate" >= 0 AND "products"."gst_rate" <= 100)
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(14, 3) DEFAULT '0' NOT NULL,
	"ledger_seq" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_balances_organization_id_product_id_pk" PRIMARY KEY("organization_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "stock_ledger" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"entry_date" date NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"quantity_change" numeric(14, 3) NOT NULL,
	"balance_after" numeric(14, 3) NOT NULL,
	"source" text NOT NULL,
	"voucher_id" uuid,
	"voucher_type" text,
	"voucher_number" text,
	"reason" text,
	"created_by" uuid,
	CONSTRAINT "stock_ledger_source_ck" CHECK ("stock_ledger"."source" IN ('voucher', 'voucher_cancel', 'adjustment'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"organization_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"voucher_id" uuid,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_organization_id_scope_key_pk" PRIMARY KEY("organization_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "voucher_counters" (
	"organization_id" uuid NOT NULL,
	"voucher_type" text NOT NULL,
	"fiscal_year" text NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "voucher_counters_organization_id_voucher_type_fiscal_year_pk" PRIMARY KEY("organization_id","voucher_type","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "voucher_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"voucher_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"hsn_code" text,
	"unit" text NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"is_gst_inclusive" boolean NOT NULL,
	"discount_percentage" numeric(5, 2) NOT NULL,
	"discount_amount" numeric(14, 2) NOT NULL,
	"gst_rate" numeric(5, 2) NOT NULL,
	"taxable_amount" numeric(14, 2) NOT NULL,
	"cgst_amount" numeric(14, 2) NOT NULL,
	"sgst_amount" numeric(14, 2) NOT NULL,
	"igst_amount" numeric(14, 2) NOT NULL,
	"total_amount" numeric(14, 2) NOT NULL,
	CONSTRAINT "voucher_lines_quantity_ck" CHECK ("voucher_lines"."quantity" > 0),
	CONSTRAINT "voucher_lines_discount_ck" CHECK ("voucher_lines"."discount_percentage" >= 0 AND "voucher_lines"."discount_percentage" <= 100)
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"voucher_type" text NOT NULL,
	"voucher_number" text NOT NULL,
	"fiscal_year" text NOT NULL,
	"seq" integer NOT NULL,
	"voucher_date" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"party_id" uuid NOT NULL,
	"party_kind" text NOT NULL,
	"party_name" text NOT NULL,
	"party_gstin" text,
	"party_state_code" text,
	"party_email" text,
	"party_address" text,
	"supplier_state_code" text NOT NULL,
	"place_of_supply" text NOT NULL,
	"is_inter_state" boolean NOT NULL,
	"due_date" date,
	"reference" text,
	"supplier_invoice_number" text,
	"supplier_invoice_date" date,
	"notes" text,
	"line_count" integer NOT NULL,
	"discount_amount" numeric(14, 2) NOT NULL,
	"taxable_amount" numeric(14, 2) NOT NULL,
	"cgst_amount" numeric(14, 2) NOT NULL,
	"sgst_amount" numeric(14, 2) NOT NULL,
	"igst_amount" numeric(14, 2) NOT NULL,
	"total_amount" numeric(14, 2) NOT NULL,
	"round_off" numeric(14, 2) NOT NULL,
	"grand_total" numeric(14, 2) NOT NULL,
	"email_status" text DEFAULT 'not_sent' NOT NULL,
	"email_error" text,
	"email_to" text,
	"email_message_id" uuid,
	"email_updated_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	CONSTRAINT "vouchers_status_ck" CHECK ("vouchers"."status" IN ('active', 'cancelled')),
	CONSTRAINT "vouchers_email_status_ck" CHECK ("vouchers"."email_status" IN ('not_sent', 'queued', 'sent', 'failed')),
	CONSTRAINT "vouchers_round_off_ck" CHECK (abs("vouchers"."round_off") <= 0.50),
	CONSTRAINT "vouchers_number_length_ck" CHECK (length("vouchers"."voucher_number") <= 16)
);
--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_organization_id_product_id_products_organization_id_id_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."products"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_ledger" ADD CONSTRAINT "stock_ledger_organization_id_product_id_products_organization_id_id_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."products"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_counters" ADD CONSTRAINT "voucher_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_lines" ADD CONSTRAINT "voucher_lines_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_lines" ADD CONSTRAINT "voucher_lines_organization_id_product_id_products_organization_id_id_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."products"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_email_message_id_email_messages_id_fk" FOREIGN KEY ("email_message_id") REFERENCES "public"."email_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_organization_id_party_id_parties_organization_id_id_fk" FOREIGN KEY ("organization_id","party_id") REFERENCES "public"."parties"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parties_org_kind_name_uq" ON "parties" USING btree ("organization_id","kind",lower("name"));--> statement-breakpoint
CREATE INDEX "parties_org_kind_gstin_idx" ON "parties" USING btree ("organization_id","kind","gstin");--> statement-breakpoint
CREATE INDEX "parties_created_by_idx" ON "parties" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "products_org_name_uq" ON "products" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "products_org_part_number_uq" ON "products" USING btree ("organization_id",lower("part_number")) WHERE "products"."part_number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "products_org_hsn_idx" ON "products" USING btree ("organization_id","hsn_code");--> statement-breakpoint
CREATE INDEX "products_created_by_idx" ON "products" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_ledger_product_seq_uq" ON "stock_ledger" USING btree ("organization_id","product_id","seq");--> statement-breakpoint
CREATE INDEX "stock_ledger_voucher_idx" ON "stock_ledger" USING btree ("voucher_id") WHERE "stock_ledger"."voucher_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "stock_ledger_created_by_idx" ON "stock_ledger" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "idempotency_keys_voucher_idx" ON "idempotency_keys" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_user_idx" ON "idempotency_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_lines_voucher_line_uq" ON "voucher_lines" USING btree ("voucher_id","line_no");--> statement-breakpoint
CREATE INDEX "voucher_lines_org_product_idx" ON "voucher_lines" USING btree ("organization_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_org_type_number_uq" ON "vouchers" USING btree ("organization_id","voucher_type","voucher_number");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_org_type_fy_seq_uq" ON "vouchers" USING btree ("organization_id","voucher_type","fiscal_year","seq");--> statement-breakpoint
CREATE INDEX "vouchers_list_idx" ON "vouchers" USING btree ("organization_id","voucher_type","voucher_date","seq");--> statement-breakpoint
CREATE INDEX "vouchers_party_idx" ON "vouchers" USING btree ("organization_id","party_id","voucher_type","voucher_date","seq");--> statement-breakpoint
CREATE INDEX "vouchers_cancelled_idx" ON "vouchers" USING btree ("organization_id","voucher_type","voucher_date","seq") WHERE "vouchers"."status" = 'cancelled';--> statement-breakpoint
CREATE INDEX "vouchers_created_by_idx" ON "vouchers" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "vouchers_cancelled_by_idx" ON "vouchers" USING btree ("cancelled_by") WHERE "vouchers"."cancelled_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "vouchers_email_message_idx" ON "vouchers" USING btree ("email_message_id") WHERE "vouchers"."email_message_id" IS NOT NULL;