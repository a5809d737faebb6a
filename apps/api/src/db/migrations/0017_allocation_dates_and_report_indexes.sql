-- Outstanding as on a date and the stock summary (issue 15 items 4 and 5): the day a bill allocation
-- counts from when it is not its voucher's date (an advance placed against a bill later), with an
-- index over the live ones by that day; one opening bill per reference and party; the stock value
-- day totals by date; and the day book's (organisation, date, id) index, which also finds the
-- allocations of vouchers dated after a day.
ALTER TABLE "bill_allocations" ADD COLUMN "allocated_on" date;--> statement-breakpoint
CREATE INDEX "bill_allocations_org_date_idx" ON "bill_allocations" USING btree ("organization_id","allocated_on") WHERE "bill_allocations"."released_at" IS NULL AND "bill_allocations"."bill_id" IS NOT NULL AND "bill_allocations"."allocated_on" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bills_opening_ref_uq" ON "bills" USING btree ("organization_id","party_id",lower("ref")) WHERE "bills"."voucher_id" IS NULL;--> statement-breakpoint
CREATE INDEX "stock_value_day_totals_org_date_idx" ON "stock_value_day_totals" USING btree ("organization_id","entry_date");--> statement-breakpoint
CREATE INDEX "vouchers_date_idx" ON "vouchers" USING btree ("organization_id","voucher_date","id");
