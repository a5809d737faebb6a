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

/** The HSN/SAC codes GSTR-1 accepts (a POSIX regular expression, read the same way by PostgreSQL and JavaScript). */
export function validHsnPattern(minDigits: 4 | 6): string {
  return minDigits === 6 ? '^([0-9]{6}|[0-9]{8})$' : '^([0-9]{4}|[0-9]{6}|[0-9]{8})$';
}

export async function findHsnProblems(db: Executor, organizationId: string, m: Month, minDigits: 4 | 6): Promise<HsnProblemRow[]> {
  const valid = validHsnPattern(minDigits);
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

/**
 * The buyer's GSTIN as the documents are grouped by it. Byte order: GSTINs are ASCII, and sorting
 * a month's 1,00,000 rate rows under the database's linguistic collation took longer than reading them.
 */
const byGstin = sql`nullif(btrim(v.party_gstin), '') COLLATE "C"`;

/** b2b: taxable invoices to buyers with a GSTIN, by GSTIN, then date and number. */
export const b2bRows = (organizationId: string, m: Month) =>
  rateRows(sql`${inMonth(organizationId, SALES, m)} AND ${registered('v')}`, sql`${byGstin}, v.voucher_date, v.seq, v.id`);

/** b2cl: large inter-state invoices to unregistered buyers, by place of supply. */
export const b2clRows = (organizationId: string, m: Month) =>
  rateRows(sql`${inMonth(organizationId, SALES, m)} AND ${isB2cl('v')}`, sql`v.place_of_supply COLLATE "C", v.voucher_date, v.seq, v.id`);

/** cdnr: credit notes to buyers with a GSTIN, by GSTIN. */
export const cdnrRows = (organizationId: string, m: Month) =>
  rateRows(sql`${inMonth(organizationId, CREDIT_NOTE, m)} AND ${registered('v')}`, sql`${byGstin}, v.voucher_date, v.seq, v.id`);

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

export interface NilRow {
  inter: boolean;
  registered: boolean;
  nil_amt: string;
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

/** GSTR-1's summary sections of a month, from one pass over its outward lines. */
export interface OutwardSummaries {
  /** b2cs: every other taxable supply to unregistered buyers, by supply type, place of supply and rate, net of the credit notes against them. */
  b2cs: B2csRow[];
  /** nil: 0 % supplies by inter/intra-state and registered/unregistered buyer, net of credit notes. */
  nil: NilRow[];
  /** Table 12: per buyer kind, HSN/SAC, unit and rate, the quantity and the values, credit notes subtracted (BOOKS.md: notes reduce it). */
  hsn: HsnRow[];
}

interface SummaryRow {
  section: 1 | 2 | 3;
  inter: boolean | null;
  pos: string | null;
  registered: boolean | null;
  hsn_sc: string | null;
  unit: string | null;
  rt: string | null;
  desc: string | null;
  qty: string;
  txval: string;
  iamt: string;
  camt: string;
  samt: string;
}

/**
 * b2cs, nil and Table 12 in one statement: the month's outward lines are joined to their vouchers
 * once (a month of 1,00,000 invoices is 1,00,000 index probes into the lines, and three separate
 * GROUP BYs made three of those passes) and summed by three grouping sets. Each line says which
 * of the first two sets it belongs to (`b2cs`, `nil`: true, or NULL to fall into a group that is
 * dropped); `GROUPING()` tells the sets apart. The sections' own order is kept by the ORDER BY.
 */
export async function findOutwardSummaries(db: Executor, organizationId: string, m: Month): Promise<OutwardSummaries> {
  const rows = await queryRows<SummaryRow>(
    db,
    sql`WITH lines AS (
          SELECT v.is_inter_state AS inter, v.place_of_supply AS pos, ${registered('v')} AS registered,
                 coalesce(l.hsn_code, '') AS hsn_sc, l.unit, l.gst_rate, l.product_name, ${noteSign('v')} AS sign,
                 l.quantity, l.taxable_amount, l.igst_amount, l.cgst_amount, l.sgst_amount,
                 CASE WHEN l.gst_rate > 0 AND NOT ${registered('v')}
                       AND CASE WHEN v.voucher_type = ${SALES} THEN NOT ${isB2cl('v')} ELSE NOT ${againstB2cl('v')} END
                      THEN true END AS b2cs,
                 CASE WHEN l.gst_rate = 0 THEN true END AS nil
            FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
           WHERE ${outwardInMonth(organizationId, m)}
        ), sums AS (
          SELECT CASE WHEN grouping(b2cs) = 0 THEN 1 WHEN grouping(nil) = 0 THEN 2 ELSE 3 END AS section,
                 b2cs, nil, inter, pos, registered, hsn_sc, unit, gst_rate, min(product_name) AS "desc",
                 sum(sign * quantity) AS qty, sum(sign * taxable_amount) AS txval, sum(sign * igst_amount) AS iamt,
                 sum(sign * cgst_amount) AS camt, sum(sign * sgst_amount) AS samt
            FROM lines
           GROUP BY GROUPING SETS ((b2cs, inter, pos, gst_rate), (nil, inter, registered), (registered, hsn_sc, unit, gst_rate))
        )
        SELECT section, inter, pos, registered, hsn_sc, unit, gst_rate::text AS rt, "desc", qty::text, txval::text, iamt::text,
               camt::text, samt::text
          FROM sums
         WHERE CASE section
                 WHEN 1 THEN b2cs AND (txval <> 0 OR iamt + camt + samt <> 0)
                 WHEN 2 THEN nil AND txval <> 0
                 ELSE true
               END
         ORDER BY section, pos, CASE WHEN section = 2 THEN NOT registered END, CASE WHEN section = 2 THEN NOT inter ELSE inter END,
                  CASE WHEN section = 3 THEN NOT registered END, hsn_sc, unit, gst_rate`,
  );
  const out: OutwardSummaries = { b2cs: [], nil: [], hsn: [] };
  for (const r of rows) {
    if (r.section === 1) {
      out.b2cs.push({
        sply_ty: r.inter ? 'INTER' : 'INTRA',
        pos: r.pos!,
        rt: r.rt!,
        txval: r.txval,
        iamt: r.iamt,
        camt: r.camt,
        samt: r.samt,
      });
    } else if (r.section === 2) {
      out.nil.push({ inter: r.inter!, registered: r.registered!, nil_amt: r.txval });
    } else {
      out.hsn.push({
        registered: r.registered!,
        hsn_sc: r.hsn_sc!,
        unit: r.unit!,
        rt: r.rt!,
        desc: r.desc!,
        qty: r.qty,
        txval: r.txval,
        iamt: r.iamt,
        camt: r.camt,
        samt: r.samt,
      });
    }
  }
  return out;
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
