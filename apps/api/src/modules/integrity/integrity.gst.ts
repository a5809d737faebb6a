import { dec, gstPeriodRange, lockedByGstFiling, toMoney, voucherTypes, ZERO, type Decimal } from '@tritiq/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { computeGstr1Sections, computeGstr3b } from '../gst-returns';
import { totalOf, type CheckContext, type CheckOutcome } from './integrity.context';
import type { IntegrityProblem } from './integrity.report';

/**
 * The GST returns of every filed month against the books (BOOKS.md, "GST returns": every figure
 * of GSTR-1 and GSTR-3B equals what the ledgers say for that month). The returns are computed
 * from the voucher lines, the ledgers from their day totals: two records of the same supplies
 * that must agree, per tax head and for the sales and purchase accounts.
 */

const LEDGERS = ['sales', 'purchase', 'output_igst', 'output_cgst', 'output_sgst', 'input_igst', 'input_cgst', 'input_sgst'] as const;
type LedgerKey = (typeof LEDGERS)[number];

interface FiledMonth {
  org: string;
  period: string;
  filed_at: string;
}

async function ledgerMovements(ctx: CheckContext, org: string, from: string, to: string): Promise<Record<LedgerKey, Decimal>> {
  const rows = await queryRows<{ key: LedgerKey; movement: string }>(
    ctx.tx,
    sql`SELECT l.system_key AS key, coalesce(sum(d.debit - d.credit), 0)::text AS movement
          FROM ledgers l
          LEFT JOIN ledger_day_totals d ON d.organization_id = l.organization_id AND d.ledger_id = l.id
                                       AND d.entry_date BETWEEN ${from}::date AND ${to}::date
         WHERE l.organization_id = ${org}::uuid AND l.system_key IN (${sql.join(
           LEDGERS.map((k) => sql`${k}`),
           sql`, `,
         )})
         GROUP BY l.system_key`,
  );
  const out = Object.fromEntries(LEDGERS.map((k) => [k, ZERO])) as Record<LedgerKey, Decimal>;
  for (const r of rows) out[r.key] = dec(r.movement);
  return out;
}

/** Filed months' GSTR-1 and GSTR-3B figures equal the tax ledgers' and the sales and purchase accounts' movements of the month. */
export async function checkGstReturnsAgainstBooks(ctx: CheckContext): Promise<CheckOutcome> {
  const months = await queryRows<FiledMonth>(
    ctx.tx,
    sql`SELECT organization_id AS org, period, filed_at::text FROM gst_filed_periods ORDER BY organization_id, period`,
  );
  const problems: IntegrityProblem[] = [];
  let count = 0;
  for (const m of months) {
    const month = gstPeriodRange(m.period);
    const books = await ledgerMovements(ctx, m.org, month.from, month.to);
    const sections = await computeGstr1Sections(ctx.tx, m.org, month);
    const g3b = await computeGstr3b(ctx.tx, m.org, month);
    // GSTR-1: each section's figures signed as the return nets them (notes reduce); credits are negative in the books.
    const isNote = (section: string) => section === 'cdnr' || section === 'cdnur';
    const reported = sections.filter((s) => ['b2b', 'b2cl', 'b2cs', 'nil', 'cdnr', 'cdnur'].includes(s.section));
    const gstr1 = (field: 'taxableValue' | 'igst' | 'cgst' | 'sgst') =>
      reported.reduce((t, s) => (isNote(s.section) ? t.minus(dec(s[field])) : t.plus(dec(s[field]))), ZERO);
    const compare: [string, Decimal, Decimal][] = [
      ['GSTR-1 taxable value (b2b + b2cl + b2cs + nil − notes) = Sales', gstr1('taxableValue'), books.sales.neg()],
      ['GSTR-1 IGST = Output IGST', gstr1('igst'), books.output_igst.neg()],
      ['GSTR-1 CGST = Output CGST', gstr1('cgst'), books.output_cgst.neg()],
      ['GSTR-1 SGST = Output SGST', gstr1('sgst'), books.output_sgst.neg()],
      [
        'GSTR-3B 3.1(a) + 3.1(c) taxable value = Sales',
        dec(g3b.outwardTaxable.taxableValue).plus(dec(g3b.outwardNilRated.taxableValue)),
        books.sales.neg(),
      ],
      ['GSTR-3B 3.1(a) IGST = Output IGST', dec(g3b.outwardTaxable.igst), books.output_igst.neg()],
      ['GSTR-3B 3.1(a) CGST = Output CGST', dec(g3b.outwardTaxable.cgst), books.output_cgst.neg()],
      ['GSTR-3B 3.1(a) SGST = Output SGST', dec(g3b.outwardTaxable.sgst), books.output_sgst.neg()],
      ['GSTR-3B 4(A)(5) + unclaimed IGST = Input IGST', dec(g3b.itcAvailable.igst).plus(dec(g3b.itcNotClaimed.igst)), books.input_igst],
      ['GSTR-3B 4(A)(5) + unclaimed CGST = Input CGST', dec(g3b.itcAvailable.cgst).plus(dec(g3b.itcNotClaimed.cgst)), books.input_cgst],
      ['GSTR-3B 4(A)(5) + unclaimed SGST = Input SGST', dec(g3b.itcAvailable.sgst).plus(dec(g3b.itcNotClaimed.sgst)), books.input_sgst],
      ['GSTR-3B inward taxable value = Purchase', dec(g3b.inwardTaxableValue), books.purchase],
    ];
    const wrong = compare.filter(([, returned, ledger]) => !returned.eq(ledger));
    if (wrong.length === 0) continue;
    count++;
    for (const [field, returned, ledger] of wrong) {
      if (problems.length >= ctx.maxProblems) break;
      problems.push({
        check: 'gst_returns_books',
        organizationId: m.org,
        organizationName: ctx.orgName(m.org),
        subject: `filed GST period ${m.period}`,
        field,
        expected: `${toMoney(ledger)} (the ledgers' movement of the month)`,
        found: `${toMoney(returned)} (the return)`,
      });
    }
  }
  return { problems, problemCount: count, rows: months.length, rowsLabel: 'filed months' };
}

/** No sales invoice or note dated in a filed month was posted or cancelled after the month was marked filed. */
export async function checkGstFiledMonthsUntouched(ctx: CheckContext): Promise<CheckOutcome> {
  const types = voucherTypes()
    .filter(lockedByGstFiling)
    .map((d) => d.type);
  const rows = await queryRows<{
    org: string;
    id: string;
    type: string;
    number: string;
    period: string;
    filed_at: string;
    created_at: string;
    cancelled_at: string | null;
    late_cancel: boolean;
    total: number;
  }>(
    ctx.tx,
    sql`SELECT v.organization_id AS org, v.id, v.voucher_type AS type, v.voucher_number AS number, f.period,
               f.filed_at::text AS filed_at, v.created_at::text AS created_at, v.cancelled_at::text AS cancelled_at,
               coalesce(v.cancelled_at > f.filed_at, false) AS late_cancel, count(*) OVER () AS total
          FROM gst_filed_periods f
          JOIN vouchers v ON v.organization_id = f.organization_id
                         AND v.voucher_date >= to_date(f.period || '-01', 'YYYY-MM-DD')
                         AND v.voucher_date < to_date(f.period || '-01', 'YYYY-MM-DD') + interval '1 month'
         WHERE v.voucher_type IN (${sql.join(
           types.map((t) => sql`${t}`),
           sql`, `,
         )})
           AND (v.created_at > f.filed_at OR v.cancelled_at > f.filed_at)
         ORDER BY v.organization_id, f.period, v.voucher_type, v.seq
         LIMIT ${ctx.maxProblems}`,
  );
  const problems: IntegrityProblem[] = rows.map((r) => {
    const late = r.late_cancel ? `cancelled at ${r.cancelled_at}` : `posted at ${r.created_at}`;
    return {
      check: 'gst_filed_untouched',
      organizationId: r.org,
      organizationName: ctx.orgName(r.org),
      subject: `${r.type} voucher ${r.number} (id ${r.id}) in filed GST period ${r.period}`,
      voucherId: r.id,
      voucherNumber: r.number,
      field: 'posted or cancelled',
      expected: `before the month was marked filed (${r.filed_at})`,
      found: late,
    };
  });
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(ctx.tx, sql`SELECT count(*)::int AS n FROM gst_filed_periods`);
  return { problems, problemCount: totalOf(rows), rows: Number(n), rowsLabel: 'filed months' };
}
