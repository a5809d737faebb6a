-- Opening stock per product (issue 15 item 1): its movements (source 'opening', dated the day before the
-- books start) found by a partial index instead of a read of the product's whole stock ledger.
CREATE INDEX "stock_ledger_opening_idx" ON "stock_ledger" USING btree ("organization_id","product_id","seq") WHERE "stock_ledger"."source" = 'opening';
