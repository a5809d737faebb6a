CREATE TABLE "email_workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"heartbeat_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "worker_id" uuid;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "handed_over_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "email_workers_heartbeat_idx" ON "email_workers" USING btree ("heartbeat_at");--> statement-breakpoint
CREATE INDEX "rate_limit_hits_window_ends_at_idx" ON "rate_limit_hits" USING btree ("window_ends_at");--> statement-breakpoint
CREATE INDEX "email_messages_worker_pending_idx" ON "email_messages" USING btree ("worker_id") WHERE "email_messages"."status" IN ('queued', 'sending') AND "email_messages"."worker_id" IS NOT NULL;