-- Issue 14 item 10: a flat discount amount per voucher line beside the percentage. Null on every
-- existing line (they took the percentage); a line with it has percentage 0 and discount_amount equal to it.
ALTER TABLE "voucher_lines" ADD COLUMN "discount_flat" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "voucher_lines" ADD CONSTRAINT "voucher_lines_discount_flat_ck" CHECK ("voucher_lines"."discount_flat" IS NULL OR ("voucher_lines"."discount_flat" >= 0 AND "voucher_lines"."discount_percentage" = 0 AND "voucher_lines"."discount_flat" = "voucher_lines"."discount_amount"));