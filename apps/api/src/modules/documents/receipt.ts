import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts';
import { BODY_END, CELL, drawAddressBlock, drawPageFooter, LINE, M, PAD, RIGHT, STYLES, WIDTH } from './pdf-layout';
import { drawText, wrapText, type TextStyle } from './pdf-text';
import type { ReceiptDocumentModel } from './receipt-model';

type Doc = InstanceType<typeof PDFDocument>;

const S = { ...STYLES, amount: { size: 16, weight: 'bold' } } satisfies Record<string, TextStyle>;

const BILL_COLUMNS = [
  { title: 'Against bill', width: WIDTH - 90 - 120, align: 'left' as const },
  { title: 'Bill date', width: 90, align: 'left' as const },
  { title: 'Amount settled', width: 120, align: 'right' as const },
];

class ReceiptWriter {
  private y = M;

  constructor(
    private readonly doc: Doc,
    private readonly m: ReceiptDocumentModel,
  ) {}

  private rule(weight = 0.6): void {
    this.doc.moveTo(M, this.y).lineTo(RIGHT, this.y).lineWidth(weight).strokeColor('#333333').stroke();
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = M;
    drawText(this.doc, `${this.m.title} (continued)`, M, this.y, S.title);
    drawText(this.doc, this.m.number, M, this.y + 3, S.bold, { width: WIDTH, align: 'right' });
    this.y += 22;
    this.rule();
    this.y += 4;
  }

  private ensure(height: number): void {
    if (this.y + height > BODY_END) this.newPage();
  }

  private paragraph(title: string, lines: string[]): void {
    const wrapped = lines.flatMap((l) => wrapText(this.doc, l, WIDTH, S.body));
    this.ensure((wrapped.length + 1) * LINE + 6);
    drawText(this.doc, title.toUpperCase(), M, this.y, S.label);
    this.y += LINE;
    for (const l of wrapped) {
      drawText(this.doc, l, M, this.y, S.body);
      this.y += LINE;
    }
    this.y += 6;
  }

  private row(values: string[], style: TextStyle, head = false): void {
    const cells = BILL_COLUMNS.map((c, i) => wrapText(this.doc, values[i] ?? '', c.width - 2 * PAD, style));
    const h = Math.max(...cells.map((l) => l.length)) * CELL + PAD + (head ? PAD : 0);
    if (!head && this.y + h > BODY_END) {
      this.newPage();
      this.row(
        BILL_COLUMNS.map((c) => c.title),
        S.head,
        true,
      );
    }
    if (head) this.doc.rect(M, this.y, WIDTH, h).fillColor('#eeeeee').fill();
    let x = M;
    BILL_COLUMNS.forEach((c, i) => {
      cells[i]!.forEach((l, j) =>
        drawText(this.doc, l, x + PAD, this.y + PAD + j * CELL, style, { width: c.width - 2 * PAD, align: c.align }),
      );
      x += c.width;
    });
    this.y += h;
    this.doc.moveTo(M, this.y).lineTo(RIGHT, this.y).lineWidth(0.2).strokeColor('#bbbbbb').stroke();
  }

  write(): void {
    const { doc, m } = this;
    drawText(doc, m.title, M, this.y, S.title);
    this.y += 20;
    drawText(doc, m.receiver.name, M, this.y, S.name);
    const metaX = M + WIDTH * 0.58;
    let metaY = this.y;
    for (const [label, value] of m.meta) {
      drawText(doc, label, metaX, metaY, S.label);
      drawText(doc, value, metaX + 70, metaY, S.bold, { width: RIGHT - metaX - 70, align: 'right' });
      metaY += LINE;
    }
    this.y = Math.max(this.y + 16, metaY) + 6;
    this.rule();
    const half = (WIDTH - 12) / 2;
    this.y =
      Math.max(
        drawAddressBlock(this.doc, m.receiver, M, half, this.y + 6),
        drawAddressBlock(this.doc, m.payer, M + half + 12, half, this.y + 6),
      ) + 4;
    this.rule();
    this.y += 10;
    drawText(doc, 'AMOUNT RECEIVED', M, this.y, S.label);
    this.y += LINE;
    drawText(doc, m.amount, M, this.y, S.amount);
    this.y += 22;
    this.paragraph('Amount in words', [m.amountInWords]);
    this.paragraph(
      'Payment',
      m.payment.map(([k, v]) => `${k}: ${v}`),
    );
    if (m.allocations.length > 0) {
      this.ensure(LINE + 3 * CELL);
      drawText(doc, 'SETTLES', M, this.y, S.label);
      this.y += LINE;
      this.row(
        BILL_COLUMNS.map((c) => c.title),
        S.head,
        true,
      );
      for (const a of m.allocations) this.row(a, S.cell);
      this.y += 8;
    }
    if (m.onAccount) this.paragraph('On account (advance)', [m.onAccount]);
    if (m.notes) this.paragraph('Notes', [m.notes]);
    this.ensure(60);
    this.y += 10;
    drawText(doc, `For ${m.receiver.name}`, RIGHT - 200, this.y, S.bold, { width: 200, align: 'right' });
    this.y += 34;
    doc
      .moveTo(RIGHT - 150, this.y)
      .lineTo(RIGHT, this.y)
      .lineWidth(0.5)
      .strokeColor('#333333')
      .stroke();
    drawText(doc, 'Authorised signatory', RIGHT - 150, this.y + 3, S.body, { width: 150, align: 'right' });
  }

  /** Page numbers, "continued on next page" on all but the last page, and the CANCELLED mark. */
  finish(): void {
    const { doc, m } = this;
    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      drawPageFooter(doc, m.number, p - range.start + 1, range.count, m.cancelled);
    }
  }
}

/** A payment receipt as a PDF. */
export async function renderReceiptPdf(model: ReceiptDocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: { Title: `${model.title} ${model.number}`, Author: model.receiver.name, Creator: 'TRITIQ ERP' },
  });
  for (const [name, font] of documentFonts()) doc.registerFont(name, font as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const writer = new ReceiptWriter(doc, model);
  writer.write();
  writer.finish();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
