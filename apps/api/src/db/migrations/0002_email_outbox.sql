CREATE TABLE "email_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid,
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"to_email" text NOT NULL,
	"to_name" text,
	"subject" text,
	"variables" jsonb,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"smtp_response" text,
	"message_id" text NOT NULL,
	"related_type" text,
	"related_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"last_attempt_at" timestamp (3) with time zone,
	"lease_until" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"failed_at" timestamp (3) with time zone,
	CONSTRAINT "email_messages_direct_no_variables_ck" CHECK ("email_messages"."channel" = 'outbox' OR "email_messages"."variables" IS NULL),
	CONSTRAINT "email_messages_status_ck" CHECK ("email_messages"."status" IN ('queued', 'sending', 'sent', 'failed')),
	CONSTRAINT "email_messages_channel_ck" CHECK ("email_messages"."channel" IN ('outbox', 'direct')),
	CONSTRAINT "email_messages_attempts_ck" CHECK ("email_messages"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_message_id_uq" ON "email_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "email_messages_org_created_idx" ON "email_messages" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "email_messages_created_idx" ON "email_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "email_messages_status_created_idx" ON "email_messages" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "email_messages_related_idx" ON "email_messages" USING btree ("related_type","related_id");--> statement-breakpoint
CREATE INDEX "email_messages_sent_at_idx" ON "email_messages" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "email_messages_failed_at_idx" ON "email_messages" USING btree ("failed_at");