import { dec, gstPeriodRange, toMoney, ZERO, type Decimal, type Gstr1Section } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { tenantTx, type Actor } from '../../lib/actor';
import type { GstReturnsDeps } from './gst-returns.deps';
import { findInvoiceSectionTotals, findReturnOrganization, tuneForReturns, type Month, type TaxSums } from './gst-returns.repo';
import { gstr1Reader } from './gstr1.data';
import { findGstr1Problems, hsnMinDigits } from './gstr1.problems';

const LABELS: Record<Gstr1Section, string> = {
  b2b: 'B2B invoices (4A)',
  b2cl: 'B2C large invoices (5)',
  b2cs: 'B2C small (7)',
  cdnr: 'Credit/debit notes, registered (9B)',
  cdnur: 'Credit/debit notes, unregistered (9B)',
  nil: 'Nil-rated supplies (8)',
  hsn_b2b: 'HSN summary, B2B (12)',
  hsn_b2c: 'HSN summary, B2C (12)',
  doc_issue: 'Documents issued (13)',
};

interface Totals {
  txval: Decimal;
  iamt: Decimal;
  camt: Decimal;
  samt: Decimal;
}

function total(rows: readonly Partial<TaxSums>[]): Totals {
  const d = (v: string | undefined) => (v === undefined ? ZERO : dec(v));
  return rows.reduce<Totals>(
    (t, r) => ({
      txval: t.txval.plus(d(r.txval)),
      iamt: t.iamt.plus(d(r.iamt)),
      camt: t.camt.plus(d(r.camt)),
      samt: t.samt.plus(d(r.samt)),
    }),
    { txval: ZERO, iamt: ZERO, camt: ZERO, samt: ZERO },
  );
}

/**
 * Each GSTR-1 section's count and totals for a month, computed from the same reads as the
 * download (what the integrity check also compares with the ledgers).
 */
export async function computeGstr1Sections(db: Executor, organizationId: string, m: Month, reader = gstr1Reader(db, organizationId, m)) {
  const invoices = await findInvoiceSectionTotals(db, organizationId, m);
  const b2cs = await reader.b2cs();
  const nil = await reader.nil();
  const hsn = await reader.hsn();
  const docs = await reader.docIssue();
  const row = (section: Gstr1Section, count: number, t: Totals) => ({
    section,
    label: LABELS[section],
    count,
    taxableValue: toMoney(t.txval),
    igst: toMoney(t.iamt),
    cgst: toMoney(t.camt),
    sgst: toMoney(t.samt),
    cess: '0.00',
  });
  const invoiceRow = (section: 'b2b' | 'b2cl' | 'cdnr' | 'cdnur') => {
    const r = invoices.find((x) => x.section === section);
    return row(section, r?.count ?? 0, total(r ? [r] : []));
  };
  return [
    invoiceRow('b2b'),
    invoiceRow('b2cl'),
    row('b2cs', b2cs.length, total(b2cs)),
    invoiceRow('cdnr'),
    invoiceRow('cdnur'),
    row('nil', nil.length, total(nil.map((r) => ({ txval: r.nil_amt })))),
    row('hsn_b2b', hsn.b2b.length, total(hsn.b2b)),
    row('hsn_b2c', hsn.b2c.length, total(hsn.b2c)),
    row(
      'doc_issue',
      docs.reduce((s, d) => s + d.docs.reduce((x, y) => x + y.net_issue, 0), 0),
      total([]),
    ),
  ];
}

/** The GST returns page: every section's count and totals, and what blocks the export (with the vouchers to open). */
export async function getGstr1Summary(deps: GstReturnsDeps, actor: Actor, query: { period: string }) {
  const month = gstPeriodRange(query.period);
  return deps.sessions.transaction(
    async (tx) => {
      await tuneForReturns(tx);
      const org = await findReturnOrganization(tx, actor.organizationId);
      const reader = gstr1Reader(tx, actor.organizationId, month);
      return {
        period: query.period,
        fp: month.fp,
        gstin: org.gstin,
        hsnMinDigits: hsnMinDigits(org),
        sections: await computeGstr1Sections(tx, actor.organizationId, month, reader),
        problems: await findGstr1Problems(tx, actor.organizationId, org, month, reader),
      };
    },
    { ...tenantTx(actor, 'gst.gstr1_summary', true), isolation: 'repeatable read' },
  );
}
