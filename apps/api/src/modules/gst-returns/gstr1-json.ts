import type { DocumentRateRow } from './gst-returns.repo';
import type { Gstr1Reader } from './gstr1.data';

/**
 * Writes GSTR-1 as the JSON the GST portal's offline tool and upload accept (its schema, with
 * where the format comes from, is `gstr1.schema.json`), piece by piece as the sections are read.
 *
 * Written by hand rather than with JSON.stringify for two reasons: the document is streamed (the
 * invoice sections never exist whole), and amounts must go out as the exact decimals the database
 * holds ("1234.50" written as the number 1234.50), never through a binary float.
 */

/** The offline tool's version the format follows (the one with Table 12 split into B2B and B2C, from May 2025). */
export const GSTR1_JSON_VERSION = 'GST3.2.4';

const NUMBER_RE = /^-?\d+(\.\d+)?$/;

/** A decimal from the database as a JSON number, checked so that nothing else is ever written raw. */
export function amount(value: string): string {
  if (!NUMBER_RE.test(value)) throw new Error(`Not a decimal: ${JSON.stringify(value)}`);
  return value;
}

/** A GST rate as the portal writes it: 18, 0.25, 7.5 (no trailing zeros). */
export function rate(value: string): string {
  const v = amount(value);
  return v.includes('.') ? v.replace(/\.?0+$/, '') : v;
}

const str = (s: string) => JSON.stringify(s);

/** Buffers small writes into chunks of about 64 kB for the sink. */
class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly sink: (chunk: string) => Promise<void>) {}
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65_536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.sink(chunk);
  }
}

interface ItemOptions {
  /** b2cl and cdnur carry IGST only (every such supply is inter-state). */
  igstOnly: boolean;
}

/** `itms`: one item per rate of the document, numbered from 1. */
function items(rows: readonly DocumentRateRow[], o: ItemOptions): string {
  return rows
    .map((r, i) => {
      const inter = o.igstOnly || r.inter;
      const tax = inter ? `"iamt":${amount(r.iamt)}` : `"camt":${amount(r.camt)},"samt":${amount(r.samt)}`;
      return `{"num":${i + 1},"itm_det":{"txval":${amount(r.txval)},"rt":${rate(r.rt)},${tax},"csamt":0}}`;
    })
    .join(',');
}

/** Splits ordered rate rows into documents (consecutive rows of one id), across batch boundaries. */
async function* documents(batches: AsyncGenerator<DocumentRateRow[]>): AsyncGenerator<DocumentRateRow[]> {
  let current: DocumentRateRow[] = [];
  for await (const batch of batches) {
    for (const row of batch) {
      if (current.length > 0 && current[0]!.id !== row.id) {
        yield current;
        current = [];
      }
      current.push(row);
    }
  }
  if (current.length > 0) yield current;
}

/**
 * Writes a grouped section (`b2b` by ctin, `b2cl` by pos): `"key":[{group, "inv":[...]}, ...]`,
 * the key only when the section has a document (the portal wants absent sections left out).
 */
async function groupedSection(
  out: ChunkWriter,
  key: string,
  docs: AsyncGenerator<DocumentRateRow[]>,
  groupOf: (doc: DocumentRateRow) => string,
  groupField: string,
  listKey: 'inv' | 'nt',
  docJson: (doc: DocumentRateRow[]) => string,
): Promise<void> {
  let group: string | null = null;
  let first = true;
  for await (const doc of docs) {
    const g = groupOf(doc[0]!);
    if (group === null) await out.write(`,${str(key)}:[{${str(groupField)}:${str(g)},${str(listKey)}:[`);
    else if (g !== group) await out.write(`]},{${str(groupField)}:${str(g)},${str(listKey)}:[`);
    else if (!first) await out.write(',');
    await out.write(docJson(doc));
    group = g;
    first = false;
  }
  if (group !== null) await out.write(']}]');
}

/** Streams the month's GSTR-1 JSON to `sink`, chunk by chunk. */
export async function writeGstr1Json(reader: Gstr1Reader, header: { gstin: string; fp: string }, sink: (chunk: string) => Promise<void>) {
  const out = new ChunkWriter(sink);
  await out.write(`{"gstin":${str(header.gstin)},"fp":${str(header.fp)},"version":${str(GSTR1_JSON_VERSION)},"hash":"hash"`);

  await groupedSection(
    out,
    'b2b',
    documents(reader.b2b()),
    (d) => d.ctin!,
    'ctin',
    'inv',
    (d) => {
      const h = d[0]!;
      return `{"inum":${str(h.number)},"idt":${str(h.date)},"val":${amount(h.value)},"pos":${str(h.pos)},"rchrg":"N","inv_typ":"R","itms":[${items(d, { igstOnly: false })}]}`;
    },
  );
  await groupedSection(
    out,
    'b2cl',
    documents(reader.b2cl()),
    (d) => d.pos,
    'pos',
    'inv',
    (d) => {
      const h = d[0]!;
      return `{"inum":${str(h.number)},"idt":${str(h.date)},"val":${amount(h.value)},"itms":[${items(d, { igstOnly: true })}]}`;
    },
  );

  // Credit notes (ntty "C"). The product's debit notes are purchase returns, issued to vendors:
  // they are no outward supply and appear only in Table 13, never here.
  await groupedSection(
    out,
    'cdnr',
    documents(reader.cdnr()),
    (d) => d.ctin!,
    'ctin',
    'nt',
    (d) => {
      const h = d[0]!;
      return `{"ntty":"C","nt_num":${str(h.number)},"nt_dt":${str(h.date)},"val":${amount(h.value)},"pos":${str(h.pos)},"rchrg":"N","inv_typ":"R","itms":[${items(d, { igstOnly: false })}]}`;
    },
  );
  let firstNote = true;
  for await (const d of documents(reader.cdnur())) {
    const h = d[0]!;
    await out.write(firstNote ? ',"cdnur":[' : ',');
    await out.write(
      `{"typ":"B2CL","ntty":"C","nt_num":${str(h.number)},"nt_dt":${str(h.date)},"val":${amount(h.value)},"pos":${str(h.pos)},"itms":[${items(d, { igstOnly: true })}]}`,
    );
    firstNote = false;
  }
  if (!firstNote) await out.write(']');

  const b2cs = await reader.b2cs();
  if (b2cs.length > 0) {
    const rows = b2cs.map((r) => {
      const tax = r.sply_ty === 'INTER' ? `"iamt":${amount(r.iamt)}` : `"camt":${amount(r.camt)},"samt":${amount(r.samt)}`;
      return `{"sply_ty":${str(r.sply_ty)},"pos":${str(r.pos)},"typ":"OE","rt":${rate(r.rt)},"txval":${amount(r.txval)},${tax},"csamt":0}`;
    });
    await out.write(`,"b2cs":[${rows.join(',')}]`);
  }

  const nil = await reader.nil();
  if (nil.length > 0) {
    const rows = nil.map((r) => `{"sply_ty":${str(r.sply_ty)},"nil_amt":${amount(r.nil_amt)},"expt_amt":0,"ngsup_amt":0}`);
    await out.write(`,"nil":{"inv":[${rows.join(',')}]}`);
  }

  const hsn = await reader.hsn();
  const hsnRows = (list: typeof hsn.b2b) =>
    list
      .map(
        (r, i) =>
          `{"num":${i + 1},"hsn_sc":${str(r.hsn_sc)},"desc":${str(r.desc)},"uqc":${str(r.uqc)},"qty":${amount(r.qty)},"rt":${rate(r.rt)},` +
          `"txval":${amount(r.txval)},"iamt":${amount(r.iamt)},"camt":${amount(r.camt)},"samt":${amount(r.samt)},"csamt":0}`,
      )
      .join(',');
  await out.write(`,"hsn":{"hsn_b2b":[${hsnRows(hsn.b2b)}],"hsn_b2c":[${hsnRows(hsn.b2c)}]}`);

  const docs = await reader.docIssue();
  const det = docs.map(
    (d) =>
      `{"doc_num":${d.doc_num},"doc_typ":${str(d.doc_typ)},"docs":[${d.docs
        .map(
          (s, i) =>
            `{"num":${i + 1},"from":${str(s.from)},"to":${str(s.to)},"totnum":${s.totnum},"cancel":${s.cancel},"net_issue":${s.net_issue}}`,
        )
        .join(',')}]}`,
  );
  await out.write(`,"doc_issue":{"doc_det":[${det.join(',')}]}}`);
  await out.flush();
}
