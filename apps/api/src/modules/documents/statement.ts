import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts';
import { BODY_END, CELL, drawAddressBlock, FOOTER_Y, LINE, M, PAD, RIGHT, STYLES, WIDTH } from './pdf-layout';
import { drawText, wrapText, type TextStyle } from './pdf-text';
import type { StatementDocumentModel } from './statement-model';

type Doc = InstanceType<typeof PDFDocument>;

const S = STYLES;

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

const ENTRY_COLUMNS: Column[] = [
  { title: 'Date', width: 58, align: 'left' },
  { title: 'Particulars', width: WIDTH - 58 - 3 * 80 - 90, align: 'left' },
  { title: 'Debit', width: 80, align: 'right' },
  { title: 'Credit', width: 80, align: 'right' },
  { title: 'Balance', width: 90 + 80, align: 'right' },
];

const BILL_COLUMNS: Column[] = [
  { title: 'Bill', width: WIDTH - 4 * 66 - 80 - 60, align: 'left' },
  { title: 'Date', width: 66, align: 'left' },
  { title: 'Due', width: 66, align: 'left' },
  { title: 'Amount', width: 80, align: 'right' },
  { title: 'Outstanding', width: 66 + 66, align: 'right' },
  { title: 'Overdue', width: 60, align: 'right' },
];

class StatementWriter {
  private y = M;
  private columns: Column[] | null = null;

  constructor(
    private readonly doc: Doc,
    private readonly m: StatementDocumentModel,
  ) {}

  private newPage(): void {
    this.doc.addPage();
    this.y = M;
    drawText(this.doc, `${this.m.title} (continued)`, M, this.y, S.title);
    drawText(this.doc, `${this.m.party.name} · ${this.m.period}`, M, this.y + 3, S.body, { width: WIDTH, align: 'right' });
    this.y += 22;
    this.rule();
    if (this.columns) this.tableHead(this.columns);
  }

  private rule(weight = 0.6): void {
    this.doc.moveTo(M, this.y).lineTo(RIGHT, this.y).lineWidth(weight).strokeColor('#333333').stroke();
  }

  private ensure(height: number): void {
    if (this.y + height > BODY_END) this.newPage();
  }

  private first(): void {
    const { doc, m } = this;
    drawText(doc, m.title, M, this.y, S.title);
    drawText(doc, m.period, M, this.y + 3, S.bold, { width: WIDTH, align: 'right' });
    this.y += 20;
    this.rule();
    const half = (WIDTH - 12) / 2;
    const ends = [
      drawAddressBlock(this.doc, m.organization, M, half, this.y + 6),
      drawAddressBlock(this.doc, m.party, M + half + 12, half, this.y + 6),
    ];
    this.y = Math.max(...ends) + 4;
    this.rule();
    this.y += 6;
    if (m.note) {
      for (const l of wrapText(doc, m.note, WIDTH, S.body)) {
        drawText(doc, l, M, this.y, S.body);
        this.y += LINE;
      }
      this.y += 6;
    }
  }

  private tableHead(columns: Column[]): void {
    const h = CELL + 2 * PAD;
    this.doc.rect(M, this.y, WIDTH, h).fillColor('#eeeeee').fill();
    let x = M;
    for (const c of columns) {
      drawText(this.doc, c.title, x + PAD, this.y + PAD, S.head, { width: c.width - 2 * PAD, align: c.align });
      x += c.width;
    }
    this.y += h;
  }

  private row(columns: Column[], values: string[], style: TextStyle = S.cell): void {
    const cells = columns.map((c, i) => wrapText(this.doc, values[i] ?? '', c.width - 2 * PAD, style));
    const h = Math.max(...cells.map((l) => l.length)) * CELL + PAD;
    this.ensure(h);
    let x = M;
    columns.forEach((c, i) => {
      cells[i]!.forEach((l, j) =>
        drawText(this.doc, l, x + PAD, this.y + PAD + j * CELL, style, { width: c.width - 2 * PAD, align: c.align }),
      );
      x += c.width;
    });
    this.y += h;
    this.doc.moveTo(M, this.y).lineTo(RIGHT, this.y).lineWidth(0.2).strokeColor('#bbbbbb').stroke();
  }

  private table(title: string, columns: Column[], rows: string[][], closing?: string[]): void {
    this.ensure(LINE + 3 * CELL + 2 * PAD);
    drawText(this.doc, title.toUpperCase(), M, this.y, S.label);
    this.y += LINE;
    this.columns = columns;
    this.tableHead(columns);
    for (const r of rows) this.row(columns, r);
    if (closing) this.row(columns, closing, S.bold);
    this.columns = null;
    this.y += 10;
  }

  write(): void {
    const { m } = this;
    this.first();
    const blank = '';
    this.table(
      'Entries',
      ENTRY_COLUMNS,
      [
        [blank, 'Opening balance', blank, blank, m.openingBalance],
        ...m.rows.map((r) => [r.date, r.particulars, r.debit, r.credit, r.balance]),
      ],
      [blank, 'Closing balance', m.totalDebit, m.totalCredit, m.closingBalance],
    );
    if (m.bills.length > 0) {
      this.table(
        `Open bills as on ${m.billsAsOf}`,
        BILL_COLUMNS,
        m.bills.map((b) => [b.ref, b.date, b.due, b.amount, b.outstanding, b.overdue]),
      );
    } else {
      this.ensure(LINE * 2);
      drawText(this.doc, `No open bills as on ${m.billsAsOf}.`, M, this.y, S.body);
      this.y += LINE * 2;
    }
    const ageingColumns: Column[] = m.ageing.map(([label]) => ({ title: label, width: WIDTH / m.ageing.length, align: 'right' }));
    this.table('Ageing of open bills', ageingColumns, [m.ageing.map(([, amount]) => amount)]);
  }

  finish(): void {
    const { doc, m } = this;
    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      const last = p === range.start + range.count - 1;
      drawText(doc, `${m.party.name} · Page ${p - range.start + 1} of ${range.count}`, M, FOOTER_Y, S.small, {
        width: WIDTH,
        align: 'right',
      });
      if (!last) drawText(doc, 'continued on next page', M, FOOTER_Y, S.small);
    }
  }
}

/** The statement of account as a PDF: the entries with their running balance, then the open bills and their ageing. */
export async function renderStatementPdf(model: StatementDocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: { Title: `${model.title} ${model.party.name} ${model.period}`, Author: model.organization.name, Creator: 'TRITIQ ERP' },
  });
  for (const [name, font] of documentFonts()) doc.registerFont(name, font as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const writer = new StatementWriter(doc, model);
  writer.write();
  writer.finish();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
