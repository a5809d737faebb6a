/**
 * Tax invoice PDFs per second on one core, and p50/p99 per invoice, for a 10-line and a 200-line
 * invoice, drawn two ways from the same model: with PDFKit directly (what the API uses,
 * apps/api/src/modules/documents/tax-invoice.ts) and with pdfmake (declarative tables with
 * repeated header rows, itself built on PDFKit). Usage (from the repository root):
 *   npm run bench -- pdf [--seconds 5] [--library pdfkit|pdfmake|both]
 * Both embed the same Noto Sans fonts (Latin, Latin Extended, Devanagari). Each size is drawn twice:
 * the same invoice again and again (`same`), and a new number and new amounts each time (`fresh`,
 * text the process has not shaped before). See bench/README.md.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pdfmake from 'pdfmake';
import { renderTaxInvoicePdf, type InvoiceDocumentModel } from '../apps/api/src/modules/documents';
import { fontFile, fontName } from '../apps/api/src/modules/documents/fonts';
import { model } from './support/invoice-model';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, library: { type: 'string', default: 'both' } },
});
const seconds = Number(args.seconds);

pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);
// pdfmake takes fonts by name from its virtual file system and parses them for every document
// (it has no way to be handed parsed fonts); a font per text node, no fallback either: Latin for
// most, Devanagari for the Hindi texts.
for (const subset of ['latin', 'devanagari'] as const) {
  for (const weight of ['regular', 'bold'] as const)
    pdfmake.virtualfs.writeFileSync(`${fontName(subset, weight)}.ttf`, fontFile(subset, weight));
}
pdfmake.setFonts({
  Noto: { normal: 'latin-regular.ttf', bold: 'latin-bold.ttf' },
  NotoDeva: { normal: 'devanagari-regular.ttf', bold: 'devanagari-bold.ttf' },
});

const deva = /[\u0900-\u097F₹]/u;
const t = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...(deva.test(text) ? { font: 'NotoDeva' } : {}), ...extra });

async function renderWithPdfmake(m: InvoiceDocumentModel): Promise<Buffer> {
  const head = ['#', 'Description', 'HSN/SAC', 'Qty', 'Rate', 'Disc.', 'Taxable value', 'GST %', 'CGST', 'SGST', 'Amount'];
  const party = (a: InvoiceDocumentModel['supplier']) => [
    t(a.title.toUpperCase(), { bold: true, fontSize: 7 }),
    t(a.name, { bold: true }),
    ...a.lines.map((l) => t(l)),
    t(`State: ${a.state ?? ''}`),
    t(`GSTIN: ${a.gstin}`, { bold: true }),
  ];
  const doc = {
    pageSize: 'A4',
    pageMargins: [32, 90, 32, 40],
    defaultStyle: { font: 'Noto', fontSize: 8 },
    header: (page: number) => ({
      margin: [32, 28, 32, 0],
      columns: [
        [
          t(page === 1 ? m.title : `${m.title} (continued)`, { fontSize: 14, bold: true }),
          t(m.supplier.name, { fontSize: 11, bold: true }),
        ],
        {
          width: 200,
          table: { body: m.meta.map(([k, v]) => [t(k, { bold: true, fontSize: 7 }), t(v, { alignment: 'right' })]) },
          layout: 'noBorders',
        },
      ],
    }),
    footer: (page: number, pages: number) => ({
      margin: [32, 10, 32, 0],
      columns: [
        t(page < pages ? 'continued on next page' : '', { fontSize: 7 }),
        t(`${m.number} · Page ${page} of ${pages}`, { fontSize: 7, alignment: 'right' }),
      ],
    }),
    content: [
      { columns: [party(m.supplier), party(m.recipient)], margin: [0, 0, 0, 8] },
      {
        table: {
          headerRows: 1,
          widths: [16, '*', 40, 50, 50, 38, 54, 28, 44, 44, 56],
          body: [
            head.map((h) => t(h, { bold: true, fontSize: 7 })),
            ...m.lines.map((l) =>
              [l.no, l.description, l.hsn, l.quantity, l.rate, l.discount, l.taxable, l.gstRate, l.cgst, l.sgst, l.amount].map((c, i) =>
                t(c, { fontSize: 7.5, alignment: i >= 3 ? 'right' : 'left' }),
              ),
            ),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 8, 0, 0],
        unbreakable: true,
        columns: [
          [
            t('AMOUNT IN WORDS', { bold: true, fontSize: 7 }),
            t(m.amountInWords),
            t('BANK DETAILS', { bold: true, fontSize: 7 }),
            ...m.bank.map(([k, v]) => t(`${k}: ${v}`)),
            t(m.terms ?? ''),
            ...(m.upi ? [{ qr: m.upi.uri, fit: 84, eccLevel: 'M' }] : []),
          ],
          { width: 200, table: { body: m.totals.map(([k, v]) => [t(k), t(v, { alignment: 'right' })]) }, layout: 'noBorders' },
        ],
      },
      {
        margin: [0, 10, 0, 0],
        stack: [
          t(`For ${m.supplier.name}`, { bold: true, alignment: 'right' }),
          t('Authorised signatory', { alignment: 'right', margin: [0, 30, 0, 0] }),
        ],
      },
    ],
  };
  return (await pdfmake.createPdf(doc as never).getBuffer()) as Buffer;
}

const libraries: Record<string, (m: InvoiceDocumentModel) => Promise<Buffer>> = {
  pdfkit: renderTaxInvoicePdf,
  pdfmake: renderWithPdfmake,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The same invoice with its own number and amounts, so a run does not only draw text the process has shaped before. */
function freshModel(base: InvoiceDocumentModel, i: number): InvoiceDocumentModel {
  const amount = (n: number) => (n / 100).toFixed(2);
  const number = `SV/2526/${String(10_000 + i).padStart(5, '0')}`;
  return {
    ...base,
    number,
    meta: base.meta.map(([k, v]) => [k, k === 'Invoice no.' ? number : v]),
    lines: base.lines.map((l, j) => ({
      ...l,
      quantity: `${(i + j) % 97}.5 KG`,
      taxable: amount(1_000_000 + i * 131 + j * 7),
      cgst: amount(90_000 + i * 13 + j),
      sgst: amount(90_000 + i * 13 + j),
      amount: amount(1_180_000 + i * 157 + j * 9),
    })),
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const chosen = args.library === 'both' ? Object.keys(libraries) : [args.library!];
for (const name of chosen) {
  const render = libraries[name];
  if (!render) throw new Error(`--library must be pdfkit, pdfmake or both`);
  for (const lines of [10, 200]) {
    for (const kind of ['same', 'fresh'] as const) {
      const base = model(lines);
      for (let i = 0; i < 5; i++) await render(base); // warm-up: font parsing, JIT
      const times: number[] = [];
      let bytes = 0;
      const loadBefore = load();
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      while (performance.now() - start < seconds * 1000) {
        const m = kind === 'same' ? base : freshModel(base, times.length);
        const t0 = performance.now();
        bytes = (await render(m)).length;
        times.push(performance.now() - t0);
      }
      const elapsed = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpu0);
      times.sort((a, b) => a - b);
      // CPU time of the whole process (main thread and zlib's pool) per invoice: what the drawing
      // costs whatever else the machine runs; wall-clock figures grow with the load average.
      console.log(
        `library=${name.padEnd(7)} lines=${String(lines).padEnd(3)} invoice=${kind.padEnd(5)} invoices/s=${(times.length / elapsed).toFixed(1).padStart(6)}  ` +
          `p50=${percentile(times, 50).toFixed(1)} ms  p99=${percentile(times, 99).toFixed(1)} ms  ` +
          `cpu/invoice=${((cpu.user + cpu.system) / 1000 / times.length).toFixed(1)} ms  size=${(bytes / 1024).toFixed(1)} KiB  ` +
          `(n=${times.length}, load ${loadBefore} -> ${load()})`,
      );
    }
  }
}
