-- A product carries what it is bought at and what it is sold at (issue 14, item 10); each voucher
-- type defaults its lines to one of them (the definition's `defaultPrice`). The one `unit_price`
-- becomes the sale price (the API still answers and accepts `unit_price` as the sale price), and
-- every existing product starts with its purchase price equal to it.
ALTER TABLE "products" RENAME COLUMN "unit_price" TO "sale_price";--> statement-breakpoint
ALTER TABLE "products" RENAME CONSTRAINT "products_unit_price_ck" TO "products_sale_price_ck";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "purchase_price" numeric(14, 2);--> statement-breakpoint
-- Data migration (hand-written): the migrating owner sees every organisation's rows (0011).
UPDATE "products" SET "purchase_price" = "sale_price";--> statement-breakpoint
ALTER TABLE "products" ALTER COLUMN "purchase_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_purchase_price_ck" CHECK ("products"."purchase_price" >= 0);
