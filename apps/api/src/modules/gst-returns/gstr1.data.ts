import { dec, toMoney, type Decimal } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import {
  b2bRows,
  b2clRows,
  cdnrRows,
  cdnurRows,
  CREDIT_NOTE,
  cursorRows,
  DEBIT_NOTE,
  findDocumentSeries,
  findOutwardSummaries,
  SALES,
  type B2csRow,
  type DocumentRateRow,
  type Month,
  type OutwardSummaries,
} from './gst-returns.repo';
import { isService, uqcOf } from './uqc';

/**
 * GSTR-1's figures for one month, section by section, as the JSON and Excel writers read them:
 * the invoice-level sections as batches from a cursor (in the portal's grouping order), the
 * summary sections whole (their size is bounded by codes and rates, not by invoices).
 */

export interface NilEntry {
  sply_ty: 'INTRB2B' | 'INTRAB2B' | 'INTRB2C' | 'INTRAB2C';
  nil_amt: string;
}

export interface HsnEntry {
  hsn_sc: string;
  desc: string;
  uqc: string;
  qty: string;
  rt: string;
  txval: string;
  iamt: string;
  camt: string;
  samt: string;
}

export interface DocSeries {
  from: string;
  to: string;
  totnum: number;
  cancel: number;
  net_issue: number;
}

export interface DocDetail {
  doc_num: number;
  doc_typ: string;
  docs: DocSeries[];
}

/** Table 13's document kinds (the portal's `doc_num`) of the voucher types that issue them. */
export const DOCUMENT_KINDS: readonly { type: string; num: number; label: string }[] = [
  { type: SALES, num: 1, label: 'Invoices for outward supply' },
  { type: DEBIT_NOTE, num: 4, label: 'Debit Note' },
  { type: CREDIT_NOTE, num: 5, label: 'Credit Note' },
];

export interface Gstr1Reader {
  b2b(): AsyncGenerator<DocumentRateRow[]>;
  b2cl(): AsyncGenerator<DocumentRateRow[]>;
  cdnr(): AsyncGenerator<DocumentRateRow[]>;
  cdnur(): AsyncGenerator<DocumentRateRow[]>;
  b2cs(): Promise<B2csRow[]>;
  nil(): Promise<NilEntry[]>;
  hsn(): Promise<{ b2b: HsnEntry[]; b2c: HsnEntry[] }>;
  /** Every HSN/SAC code on the month's outward lines as stored ('' for none), before units are mapped. */
  hsnCodes(): Promise<string[]>;
  docIssue(): Promise<DocDetail[]>;
}

const NIL_TYPES: Record<string, NilEntry['sply_ty']> = {
  'true/true': 'INTRB2B',
  'false/true': 'INTRAB2B',
  'true/false': 'INTRB2C',
  'false/false': 'INTRAB2C',
};

interface HsnSum {
  entry: Omit<HsnEntry, 'qty' | 'txval' | 'iamt' | 'camt' | 'samt'>;
  qty: Decimal;
  txval: Decimal;
  iamt: Decimal;
  camt: Decimal;
  samt: Decimal;
}

export function gstr1Reader(db: Executor, organizationId: string, m: Month): Gstr1Reader {
  // b2cs, nil and Table 12 come from one query, run when the first of them is asked for.
  let summaries: Promise<OutwardSummaries> | undefined;
  const summary = () => (summaries ??= findOutwardSummaries(db, organizationId, m));
  return {
    b2b: () => cursorRows<DocumentRateRow>(db, 'gstr1_b2b', b2bRows(organizationId, m)),
    b2cl: () => cursorRows<DocumentRateRow>(db, 'gstr1_b2cl', b2clRows(organizationId, m)),
    cdnr: () => cursorRows<DocumentRateRow>(db, 'gstr1_cdnr', cdnrRows(organizationId, m)),
    cdnur: () => cursorRows<DocumentRateRow>(db, 'gstr1_cdnur', cdnurRows(organizationId, m)),
    b2cs: async () => (await summary()).b2cs,
    async nil() {
      const rows = (await summary()).nil;
      return rows.map((r) => ({ sply_ty: NIL_TYPES[`${r.inter}/${r.registered}`]!, nil_amt: r.nil_amt }));
    },
    async hsn() {
      // Units map to UQCs many to one (and every service to NA): rows that meet are added up here.
      const sums = { b2b: new Map<string, HsnSum>(), b2c: new Map<string, HsnSum>() };
      for (const r of (await summary()).hsn) {
        const uqc = uqcOf(r.unit, r.hsn_sc);
        const map = r.registered ? sums.b2b : sums.b2c;
        const key = `${r.hsn_sc}/${uqc}/${r.rt}`;
        const s = map.get(key) ?? {
          entry: { hsn_sc: r.hsn_sc, desc: r.desc.slice(0, 30), uqc, rt: r.rt },
          qty: dec('0'),
          txval: dec('0'),
          iamt: dec('0'),
          camt: dec('0'),
          samt: dec('0'),
        };
        map.set(key, {
          entry: s.entry,
          qty: isService(r.hsn_sc) ? s.qty : s.qty.plus(dec(r.qty)),
          txval: s.txval.plus(dec(r.txval)),
          iamt: s.iamt.plus(dec(r.iamt)),
          camt: s.camt.plus(dec(r.camt)),
          samt: s.samt.plus(dec(r.samt)),
        });
      }
      const entries = (map: Map<string, HsnSum>) =>
        [...map.values()].map((s) => ({
          ...s.entry,
          qty: toMoney(s.qty),
          txval: toMoney(s.txval),
          iamt: toMoney(s.iamt),
          camt: toMoney(s.camt),
          samt: toMoney(s.samt),
        }));
      return { b2b: entries(sums.b2b), b2c: entries(sums.b2c) };
    },
    hsnCodes: async () => [...new Set((await summary()).hsn.map((r) => r.hsn_sc))],
    async docIssue() {
      const rows = await findDocumentSeries(
        db,
        organizationId,
        m,
        DOCUMENT_KINDS.map((k) => k.type),
      );
      return DOCUMENT_KINDS.flatMap((kind) => {
        const series = rows.filter((r) => r.voucher_type === kind.type);
        if (series.length === 0) return [];
        return [
          {
            doc_num: kind.num,
            doc_typ: kind.label,
            docs: series.map((r) => ({
              from: r.first,
              to: r.last,
              totnum: r.total,
              cancel: r.cancelled,
              net_issue: r.total - r.cancelled,
            })),
          },
        ];
      });
    },
  };
}
