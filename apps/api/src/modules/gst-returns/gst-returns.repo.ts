import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';

/**
 * The reads of the GST returns, one month of one organisation at a time: the invoice-level
 * sections (b2b, b2cl, cdnr, cdnur) through a server-side cursor in the order the portal groups
 * them, so that the whole month is never held in memory; the summary sections (b2cs, nil, HSN,
 * documents issued, GSTR-3B) as GROUP BY queries whose size depends on the codes and rates used,
 * not on the number of invoices. Amounts stay numeric text from the database end to end.
 */

export const SALES = 'sales';
export const PURCHASE = 'purchase';
export const CREDIT_NOTE = 'credit-note';
export const DEBIT_NOTE = 'debit-note';

/** Invoice value above which an inter-state invoice to an unregistered buyer is reported one by one in b2cl (BOOKS.md: ₹1,00,000). */
export const B2CL_THRESHOLD = '100000';

export interface Month {
  from: string;
  to: string;
}

export interface ReturnOrganization {
  gstin: string | null;
  stateCode: string | null;
  turnoverAboveFiveCrore: boolean;
}

export async function findReturnOrganization(db: Executor, organizationId: string): Promise<ReturnOrganization> {
  const [row] = await queryRows<{ gstin: string | null; state_code: string | null; turnover_above_five_crore: boolean }>(
    db,
    sql`SELECT gstin, state_code, turnover_above_five_crore FROM organizations WHERE id = ${organizationId}::uuid`,
  );
  return { gstin: row?.gstin ?? null, stateCode: row?.state_code ?? null, turnoverAboveFiveCrore: row?.turnover_above_five_crore ?? false };
}

const registered = (alias: string) => sql.raw(`(nullif(btrim(${alias}.party_gstin), '') IS NOT NULL)`);

/** An outward invoice to an unregistered buyer reported one by one (b2cl): inter-state and above the threshold. */
const isB2cl = (alias: string) =>
  sql`(NOT ${registered(alias)} AND ${sql.raw(alias)}.is_inter_state AND ${sql.raw(alias)}.grand_total > ${B2CL_THRESHOLD}::numeric)`;

/** A credit note made against a b2cl invoice (reported one by one in cdnur rather than netted in b2cs). */
const againstB2cl = (alias: string) =>
  sql`EXISTS (SELECT 1 FROM vouchers o WHERE o.id = ${sql.raw(alias)}.against_voucher_id AND ${isB2cl('o')})`;

/** A sales invoice (+1) or a credit note against one (−1), as the summary sections net them. */
const noteSign = (alias: string) => sql`CASE WHEN ${sql.raw(alias)}.voucher_type = ${CREDIT_NOTE} THEN -1 ELSE 1 END`;

const outwardInMonth = (organizationId: string, m: Month) =>
  sql`v.organization_id = ${organizationId}::uuid AND v.voucher_type IN (${SALES}, ${CREDIT_NOTE})
      AND v.voucher_date BETWEEN ${m.from}::date AND ${m.to}::date AND v.status = 'active'`;

const inMonth = (organizationId: string, type: string, m: Month, alias = 'v') =>
  sql`${sql.raw(alias)}.organization_id = ${organizationId}::uuid AND ${sql.raw(alias)}.voucher_type = ${type}
      AND ${sql.raw(alias)}.voucher_date BETWEEN ${m.from}::date AND ${m.to}::date`;

/** A sales invoice line that GSTR-1 cannot report: no HSN/SAC, or one that is not 4, 6 or 8 digits, or shorter than the turnover requires. */
export interface HsnProblemRow {
  voucher_id: string;
  voucher_type: string;
  voucher_number: string;
  voucher_date: string;
  line_no: number;
  product_name: string;
  hsn_code: string | null;
}

export async function findHsnProblems(db: Executor, organizationId: string, m: Month, minDigits: 4 | 6): Promise<HsnProblemRow[]> {
  const valid = minDigits === 6 ? '^([0-9]{6}|[0-9]{8})$' : '^([0-9]{4}|[0-9]{6}|[0-9]{8})$';
  return queryRows<HsnProblemRow>(
    db,
    sql`SELECT v.id AS voucher_id, v.voucher_type, v.voucher_number, v.voucher_date::text AS voucher_date, l.line_no,
               l.product_name, l.hsn_code
          FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
         WHERE v.organization_id = ${organizationId}::uuid AND v.voucher_type IN (${SALES}, ${CREDIT_NOTE})
           AND v.voucher_date BETWEEN ${m.from}::date AND ${m.to}::date AND v.status = 'active'
           AND (l.hsn_code IS NULL OR l.hsn_code !~ ${valid})
         ORDER BY v.voucher_date, v.voucher_type, v.seq, l.line_no`,
  );
}

/** One rate of one invoice or note (the portal's `itm_det`), with its document's header repeated. */
export interface DocumentRateRow {
  id: string;
  ctin: string | null;
  party_name: string;
  number: string;
  date: string;
  value: string;
  pos: string;
  /** Inter-state: IGST; else CGST and SGST. */
  inter: boolean;
  rt: string;
  txval: string;
  iamt: string;
  camt: string;
  samt: string;
}

const rateRows = (where: SQL, order: SQL) => sql`
  SELECT v.id, nullif(btrim(v.party_gstin), '') AS ctin, v.party_name, v.voucher_number AS number,
         to_char(v.voucher_date, 'DD-MM-YYYY') AS date, v.grand_total::text AS value, v.place_of_supply AS pos,
         v.is_inter_state AS inter, l.gst_rate::text AS rt, sum(l.taxable_amount)::text AS txval, sum(l.igst_amount)::text AS iamt,
         sum(l.cgst_amount)::text AS camt, sum(l.sgst_amount)::text AS samt
    FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
   WHERE ${where} AND v.status = 'active' AND l.gst_rate > 0
   GROUP BY v.id, l.gst_rate
   ORDER BY ${order}, l.gst_rate`;

/** b2b: taxable invoices to buyers with a GSTIN, by GSTIN, then date and number. */
export const b2bRows = (organizationId: string, m: Month) =>
  rateRows(
    sql`${inMonth(organizationId, SALES, m)} AND ${registered('v')}`,
    sql`nullif(btrim(v.party_gstin), ''), v.voucher_date, v.seq, v.id`,
  );

/** b2cl: large inter-state invoices to unregistered buyers, by place of supply. */
export const b2clRows = (organizationId: string, m: Month) =>
  rateRows(sql`${inMonth(organizationId, SALES, m)} AND ${isB2cl('v')}`, sql`v.place_of_supply, v.voucher_date, v.seq, v.id`);

/** cdnr: credit notes to buyers with a GSTIN, by GSTIN. */
export const cdnrRows = (organizationId: string, m: Month) =>
  rateRows(
    sql`${inMonth(organizationId, CREDIT_NOTE, m)} AND ${registered('v')}`,
    sql`nullif(btrim(v.party_gstin), ''), v.voucher_date, v.seq, v.id`,
  );

/** cdnur: credit notes against b2cl invoices. */
export const cdnurRows = (organizationId: string, m: Month) =>
  rateRows(
    sql`${inMonth(organizationId, CREDIT_NOTE, m)} AND NOT ${registered('v')} AND ${againstB2cl('v')}`,
    sql`v.voucher_date, v.seq, v.id`,
  );

/**
 * A return reads a month's lines several times over (sections, Table 12, Table 13): sorts and
 * hashes in memory rather than on disk, and no JIT compilation (its start-up costs more than these
 * short queries gain). For the transaction only.
 */
export async function tuneForReturns(db: Executor): Promise<void> {
  await db.execute(sql`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
}

export { cursorRows } from '../../db/streaming';

export interface B2csRow {
  sply_ty: 'INTER' | 'INTRA';
  pos: string;
  rt: string;
  txval: string;
  iamt: string;
  camt: string;
  samt: string;
}

/** b2cs: every other taxable supply to unregistered buyers, summed by supply type, place of supply and rate, net of the credit notes against them. */
export function findB2cs(db: Executor, organizationId: string, m: Month): Promise<B2csRow[]> {
  return queryRows<B2csRow>(
    db,
    sql`SELECT CASE WHEN v.is_inter_state THEN 'INTER' ELSE 'INTRA' END AS sply_ty, v.place_of_supply AS pos, l.gst_rate::text AS rt,
               sum(${noteSign('v')} * l.taxable_amount)::text AS txval, sum(${noteSign('v')} * l.igst_amount)::text AS iamt,
               sum(${noteSign('v')} * l.cgst_amount)::text AS camt, sum(${noteSign('v')} * l.sgst_amount)::text AS samt
          FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
         WHERE ${outwardInMonth(organizationId, m)} AND l.gst_rate > 0 AND NOT ${registered('v')}
           AND CASE WHEN v.voucher_type = ${SALES} THEN NOT ${isB2cl('v')} ELSE NOT ${againstB2cl('v')} END
         GROUP BY v.is_inter_state, v.place_of_supply, l.gst_rate
         HAVING sum(${noteSign('v')} * l.taxable_amount) <> 0 OR sum(${noteSign('v')} * (l.igst_amount + l.cgst_amount + l.sgst_amount)) <> 0
         ORDER BY v.place_of_supply, v.is_inter_state, l.gst_rate`,
  );
}

export interface NilRow {
  inter: boolean;
  registered: boolean;
  nil_amt: string;
}

/** nil: 0 % supplies by inter/intra-state and registered/unregistered buyer, net of credit notes. */
export function findNilRated(db: Executor, organizationId: string, m: Month): Promise<NilRow[]> {
  return queryRows<NilRow>(
    db,
    sql`SELECT v.is_inter_state AS inter, ${registered('v')} AS registered, sum(${noteSign('v')} * l.taxable_amount)::text AS nil_amt
          FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
         WHERE ${outwardInMonth(organizationId, m)} AND l.gst_rate = 0
         GROUP BY 1, 2
         HAVING sum(${noteSign('v')} * l.taxable_amount) <> 0
         ORDER BY 2 DESC, 1 DESC`,
  );
}

export interface HsnRow {
  registered: boolean;
  hsn_sc: string;
  unit: string;
  rt: string;
  desc: string;
  qty: string;
  txval: string;
  iamt: string;
  camt: string;
  samt: string;
}

/** Table 12: per buyer kind, HSN/SAC, unit and rate, the quantity and the values, credit notes subtracted (BOOKS.md: notes reduce it). */
export function findHsnSummary(db: Executor, organizationId: string, m: Month): Promise<HsnRow[]> {
  return queryRows<HsnRow>(
    db,
    sql`SELECT ${registered('v')} AS registered, coalesce(l.hsn_code, '') AS hsn_sc, l.unit, l.gst_rate::text AS rt, min(l.product_name) AS "desc",
               sum(${noteSign('v')} * l.quantity)::text AS qty, sum(${noteSign('v')} * l.taxable_amount)::text AS txval,
               sum(${noteSign('v')} * l.igst_amount)::text AS iamt, sum(${noteSign('v')} * l.cgst_amount)::text AS camt,
               sum(${noteSign('v')} * l.sgst_amount)::text AS samt
          FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
         WHERE ${outwardInMonth(organizationId, m)}
         GROUP BY 1, l.hsn_code, l.unit, l.gst_rate
         ORDER BY 1 DESC, l.hsn_code, l.unit, l.gst_rate`,
  );
}

export interface DocumentSeriesRow {
  voucher_type: string;
  first: string;
  last: string;
  total: number;
  cancelled: number;
}

/**
 * Table 13: per document type and number series (a prefix within a financial year), the first
 * and last number of the month and how many were issued and cancelled. The sequence is five
 * digits (DOMAIN.md), so numbers of one series sort as their sequence does.
 */
export function findDocumentSeries(db: Executor, organizationId: string, m: Month, types: readonly string[]): Promise<DocumentSeriesRow[]> {
  return queryRows<DocumentSeriesRow>(
    db,
    sql`SELECT v.voucher_type, min(v.voucher_number) AS first, max(v.voucher_number) AS last, count(*)::int AS total,
               (count(*) FILTER (WHERE v.status = 'cancelled'))::int AS cancelled
          FROM vouchers v
         WHERE v.organization_id = ${organizationId}::uuid
           AND v.voucher_type IN (${sql.join(
             types.map((t) => sql`${t}`),
             sql`, `,
           )})
           AND v.voucher_date BETWEEN ${m.from}::date AND ${m.to}::date
         GROUP BY v.voucher_type, v.fiscal_year, split_part(v.voucher_number, '/', 1)
         ORDER BY v.voucher_type, min(v.voucher_number)`,
  );
}

export interface TaxSums {
  txval: string;
  iamt: string;
  camt: string;
  samt: string;
}

const signedSums = (minusType: string) => {
  const sign = sql`CASE WHEN v.voucher_type = ${minusType} THEN -1 ELSE 1 END`;
  return sql`coalesce(sum(${sign} * l.taxable_amount), 0)::text AS txval, coalesce(sum(${sign} * l.igst_amount), 0)::text AS iamt,
             coalesce(sum(${sign} * l.cgst_amount), 0)::text AS camt, coalesce(sum(${sign} * l.sgst_amount), 0)::text AS samt`;
};

const monthLines = (organizationId: string, m: Month, types: readonly string[]) => sql`
  vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
  WHERE v.organization_id = ${organizationId}::uuid AND v.status = 'active'
    AND v.voucher_type IN (${sql.join(
      types.map((t) => sql`${t}`),
      sql`, `,
    )})
    AND v.voucher_date BETWEEN ${m.from}::date AND ${m.to}::date`;

export interface OutwardRow extends TaxSums {
  nil: boolean;
  registered: boolean;
  inter: boolean;
  pos: string;
}

/** Outward supplies of the month net of credit notes, by nil-rated or not, buyer kind, inter-state and place of supply (GSTR-3B 3.1, 3.2). */
export function findOutwardSums(db: Executor, organizationId: string, m: Month): Promise<OutwardRow[]> {
  return queryRows<OutwardRow>(
    db,
    sql`SELECT l.gst_rate = 0 AS nil, ${registered('v')} AS registered, v.is_inter_state AS inter, v.place_of_supply AS pos,
               ${signedSums(CREDIT_NOTE)}
          FROM ${monthLines(organizationId, m, [SALES, CREDIT_NOTE])}
         GROUP BY 1, 2, 3, 4
         ORDER BY 4, 1, 2, 3`,
  );
}

export interface InwardRow extends TaxSums {
  nil: boolean;
  registered: boolean;
  inter: boolean;
}

/** Inward supplies of the month net of debit notes, by nil-rated or not, vendor with a GSTIN or not, inter-state (GSTR-3B 4, 5). */
export function findInwardSums(db: Executor, organizationId: string, m: Month): Promise<InwardRow[]> {
  return queryRows<InwardRow>(
    db,
    sql`SELECT l.gst_rate = 0 AS nil, ${registered('v')} AS registered, v.is_inter_state AS inter, ${signedSums(DEBIT_NOTE)}
          FROM ${monthLines(organizationId, m, [PURCHASE, DEBIT_NOTE])}
         GROUP BY 1, 2, 3`,
  );
}

export interface SectionTotalRow extends TaxSums {
  section: 'b2b' | 'b2cl' | 'cdnr' | 'cdnur';
  count: number;
}

/** The screen's totals of the document-level sections (count of invoices or notes and their taxable lines' figures). */
export function findInvoiceSectionTotals(db: Executor, organizationId: string, m: Month): Promise<SectionTotalRow[]> {
  return queryRows<SectionTotalRow>(
    db,
    sql`SELECT CASE WHEN v.voucher_type = ${SALES} THEN CASE WHEN ${registered('v')} THEN 'b2b' ELSE 'b2cl' END
                    ELSE CASE WHEN ${registered('v')} THEN 'cdnr' ELSE 'cdnur' END END AS section,
               count(DISTINCT v.id)::int AS count,
               sum(l.taxable_amount)::text AS txval, sum(l.igst_amount)::text AS iamt, sum(l.cgst_amount)::text AS camt,
               sum(l.sgst_amount)::text AS samt
          FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
         WHERE ${outwardInMonth(organizationId, m)} AND l.gst_rate > 0
           AND (${registered('v')} OR CASE WHEN v.voucher_type = ${SALES} THEN ${isB2cl('v')} ELSE ${againstB2cl('v')} END)
         GROUP BY 1`,
  );
}
