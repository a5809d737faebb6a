-- The ledger statement's page order is (date, voucher, reversal, line): with all four in the index a keyset
-- page is one index range read that stops at its limit (the old index ended at the voucher, so a page
-- of a busy ledger sorted every entry of its first days and filtered the keyset row by row).
DROP INDEX "ledger_entries_ledger_date_idx";--> statement-breakpoint
CREATE INDEX "ledger_entries_ledger_page_idx" ON "ledger_entries" USING btree ("organization_id","ledger_id","entry_date","voucher_id","is_reversal","line_no");
