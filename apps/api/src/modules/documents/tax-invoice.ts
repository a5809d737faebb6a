import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { documentFonts } from './fonts';
import { COPY_LABELS, type InvoiceCopy, type InvoiceDocumentModel, type InvoiceLine } from './invoice-model';
import { BODY_END, CELL, drawAddressBlock, drawPageFooter, LINE, M, PAD, RIGHT, STYLES, WIDTH } from './pdf-layout';
import { drawText, wrapText, type TextStyle } from './pdf-text';

type Doc = InstanceType<typeof PDFDocument>;

const S = STYLES;

interface Column {
  key: keyof InvoiceLine;
  title: string;
  width: number;
  align: 'left' | 'right' | 'center';
}

function columnsFor(interState: boolean): Column[] {
  const fixed: Column[] = [
    { key: 'no', title: '#', width: 16, align: 'center' },
    { key: 'description', title: 'Description', width: 0, align: 'left' },
    { key: 'hsn', title: 'HSN/SAC', width: 40, align: 'left' },
    { key: 'quantity', title: 'Qty', width: 50, align: 'right' },
    { key: 'rate', title: 'Rate', width: 50, align: 'right' },
    { key: 'discount', title: 'Disc.', width: 38, align: 'right' },
    { key: 'taxable', title: 'Taxable value', width: 54, align: 'right' },
    { key: 'gstRate', title: 'GST %', width: 28, align: 'right' },
    ...(interState
      ? [{ key: 'igst', title: 'IGST', width: 50, align: 'right' } as const]
      : [
          { key: 'cgst', title: 'CGST', width: 44, align: 'right' } as const,
          { key: 'sgst', title: 'SGST', width: 44, align: 'right' } as const,
        ]),
    { key: 'amount', title: 'Amount', width: 56, align: 'right' },
  ];
  const used = fixed.reduce((sum, c) => sum + c.width, 0);
  return fixed.map((c) => (c.key === 'description' ? { ...c, width: WIDTH - used } : c));
}

class InvoiceWriter {
  private y = M;
  private readonly columns: Column[];
  /** The first page of each copy, to number a copy's pages "1 of n" and mark all but its last "continued". */
  readonly copyStarts: number[] = [];
  private pageIndex = -1;

  constructor(
    private readonly doc: Doc,
    private readonly m: InvoiceDocumentModel,
    private readonly qr: Buffer | null,
  ) {
    this.columns = columnsFor(m.interState);
  }

  private newPage(copy: InvoiceCopy, first: boolean): void {
    if (this.pageIndex >= 0) this.doc.addPage();
    this.pageIndex++;
    if (first) this.copyStarts.push(this.pageIndex);
    this.y = M;
    this.header(copy, first);
  }

  private text(t: string, x: number, style: TextStyle, align?: { width: number; align: 'left' | 'right' | 'center' }): void {
    drawText(this.doc, t, x, this.y, style, align);
  }

  private header(copy: InvoiceCopy, first: boolean): void {
    const { doc, m } = this;
    drawText(doc, COPY_LABELS[copy].toUpperCase(), M, this.y, S.label, { width: WIDTH, align: 'right' });
    drawText(doc, first ? m.title : `${m.title} (continued)`, M, this.y, S.title);
    this.y += 20;
    drawText(doc, m.supplier.name, M, this.y, S.name);
    const metaX = M + WIDTH * 0.58;
    const metaWidth = RIGHT - metaX;
    let metaY = this.y;
    for (const [label, value] of first ? m.meta : m.meta.slice(0, 2)) {
      drawText(doc, label, metaX, metaY, S.label);
      drawText(doc, value, metaX + 70, metaY, S.bold, { width: metaWidth - 70, align: 'right' });
      metaY += LINE;
    }
    this.y = Math.max(this.y + 16, metaY) + 6;
    this.rule();
    if (first) this.parties();
    this.tableHead();
  }

  private rule(y = this.y, weight = 0.6): void {
    this.doc.moveTo(M, y).lineTo(RIGHT, y).lineWidth(weight).strokeColor('#333333').stroke();
  }

  private parties(): void {
    const half = (WIDTH - 12) / 2;
    const top = this.y + 6;
    const heights = [this.m.supplier, this.m.recipient].map((a, i) => drawAddressBlock(this.doc, a, M + i * (half + 12), half, top));
    this.y = Math.max(...heights) + 4;
    this.rule();
  }

  private tableHead(): void {
    const h = CELL * 2 + PAD;
    this.doc.rect(M, this.y, WIDTH, h).fillColor('#eeeeee').fill();
    let x = M;
    for (const c of this.columns) {
      const lines = wrapText(this.doc, c.title, c.width - 2 * PAD, S.head);
      lines.forEach((l, i) =>
        drawText(this.doc, l, x + PAD, this.y + PAD + i * CELL, S.head, { width: c.width - 2 * PAD, align: c.align }),
      );
      x += c.width;
    }
    this.y += h;
    this.rule(this.y, 0.4);
  }

  private row(line: InvoiceLine, copy: InvoiceCopy): void {
    const cells = this.columns.map((c) => wrapText(this.doc, line[c.key], c.width - 2 * PAD, S.cell));
    const h = Math.max(...cells.map((l) => l.length)) * CELL + PAD;
    if (this.y + h > BODY_END) this.newPage(copy, false);
    let x = M;
    this.columns.forEach((c, i) => {
      cells[i]!.forEach((l, j) =>
        drawText(this.doc, l, x + PAD, this.y + PAD + j * CELL, S.cell, { width: c.width - 2 * PAD, align: c.align }),
      );
      x += c.width;
    });
    this.y += h;
    this.doc.moveTo(M, this.y).lineTo(RIGHT, this.y).lineWidth(0.2).strokeColor('#bbbbbb').stroke();
  }

  /** Words, notes, bank details, terms and the QR on the left; totals on the right; then the signature. */
  private bottom(copy: InvoiceCopy): void {
    const { doc, m } = this;
    const leftWidth = WIDTH * 0.58;
    const totalsX = M + leftWidth + 16;
    const totalsWidth = RIGHT - totalsX;
    const blocks: { title: string; lines: string[] }[] = [{ title: 'Amount in words', lines: [m.amountInWords] }];
    if (m.notes) blocks.push({ title: 'Notes', lines: [m.notes] });
    if (m.bank.length > 0) blocks.push({ title: 'Bank details', lines: m.bank.map(([k, v]) => `${k}: ${v}`) });
    if (m.terms) blocks.push({ title: 'Terms and conditions', lines: [m.terms] });
    const qrSize = 84;
    const textWidth = this.qr ? leftWidth - qrSize - 10 : leftWidth;
    const wrapped = blocks.map((b) => ({ title: b.title, lines: b.lines.flatMap((l) => wrapText(doc, l, textWidth, S.body)) }));
    const leftHeight = Math.max(
      wrapped.reduce((h, b) => h + (b.lines.length + 1) * LINE + 4, 0),
      this.qr ? qrSize + 2 * LINE : 0,
    );
    const totalsHeight = m.totals.length * (LINE + 2) + 6;
    const signHeight = 56;
    const needed = (m.lineNote ? LINE : 0) + 8 + Math.max(leftHeight, totalsHeight) + signHeight;
    if (this.y + needed > BODY_END) this.newPage(copy, false);
    if (m.lineNote) {
      this.y += 3;
      this.text(m.lineNote, M, S.small);
      this.y += LINE - 3;
    }
    this.y += 8;
    const top = this.y;
    let y = top;
    for (const b of wrapped) {
      drawText(doc, b.title.toUpperCase(), M, y, S.label);
      y += LINE;
      for (const l of b.lines) {
        drawText(doc, l, M, y, S.body);
        y += LINE;
      }
      y += 4;
    }
    if (this.qr && m.upi) {
      const qx = M + leftWidth - qrSize;
      drawText(doc, 'SCAN TO PAY (UPI)', qx, top, S.label, { width: qrSize, align: 'center' });
      doc.image(this.qr, qx, top + LINE, { width: qrSize, height: qrSize });
      doc.link(qx, top + LINE, qrSize, qrSize, m.upi.uri);
      drawText(doc, `₹${m.upi.amount}`, qx, top + LINE + qrSize + 1, S.bold, { width: qrSize, align: 'center' });
    }
    let ty = top;
    m.totals.forEach(([label, value], i) => {
      const grand = i === m.totals.length - 1;
      if (grand) {
        doc.moveTo(totalsX, ty).lineTo(RIGHT, ty).lineWidth(0.6).strokeColor('#333333').stroke();
        ty += 3;
      }
      const style = grand ? { size: 9.5, weight: 'bold' as const } : S.body;
      drawText(doc, label, totalsX, ty, style);
      drawText(doc, value, totalsX, ty, style, { width: totalsWidth, align: 'right' });
      ty += LINE + 2;
    });
    this.y = Math.max(y, ty) + 10;
    const signX = RIGHT - 200;
    drawText(doc, `For ${m.supplier.name}`, signX, this.y, S.bold, { width: 200, align: 'right' });
    this.y += 34;
    doc
      .moveTo(RIGHT - 150, this.y)
      .lineTo(RIGHT, this.y)
      .lineWidth(0.5)
      .strokeColor('#333333')
      .stroke();
    drawText(doc, 'Authorised signatory', RIGHT - 150, this.y + 3, S.body, { width: 150, align: 'right' });
    this.y += 16;
  }

  writeCopy(copy: InvoiceCopy): void {
    this.newPage(copy, true);
    for (const line of this.m.lines) this.row(line, copy);
    this.bottom(copy);
  }

  /** Page numbers per copy, "continued on next page" on every page but a copy's last, and the CANCELLED mark. */
  finish(): void {
    const { doc, m } = this;
    const range = doc.bufferedPageRange();
    const total = range.start + range.count;
    this.copyStarts.forEach((start, i) => {
      const end = this.copyStarts[i + 1] ?? total;
      for (let p = start; p < end; p++) {
        doc.switchToPage(p);
        drawPageFooter(doc, m.number, p - start + 1, end - start, m.cancelled);
      }
    });
  }
}

/**
 * The QR a UPI app scans: a PNG (so a reader of the PDF finds an ordinary image), error correction
 * M. Greyscale without an alpha channel and unfiltered: PDFKit then embeds the PNG's compressed
 * data as it is, where an RGBA image (qrcode's default) had to be decoded and split into colour and
 * mask, which cost more than drawing the rest of a 10-line invoice.
 */
async function upiQrImage(uri: string): Promise<Buffer> {
  return QRCode.toBuffer(uri, {
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 4,
    type: 'png',
    rendererOpts: { colorType: 0, filterType: 0 } as QRCode.QRCodeToBufferOptions['rendererOpts'],
  });
}

/** The same QR as SVG markup, for the web page (drawn by the API as the two-factor QR is). */
export async function upiQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { errorCorrectionLevel: 'M', margin: 2, type: 'svg' });
}

/** The tax invoice as a PDF: one full set of pages per copy asked for. */
export async function renderTaxInvoicePdf(model: InvoiceDocumentModel): Promise<Buffer> {
  const qr = model.upi && !model.cancelled ? await upiQrImage(model.upi.uri) : null;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: { Title: `${model.title} ${model.number}`, Author: model.supplier.name, Creator: 'TRITIQ ERP' },
  });
  for (const [name, font] of documentFonts()) doc.registerFont(name, font as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const writer = new InvoiceWriter(doc, model, qr);
  for (const copy of model.copies) writer.writeCopy(copy);
  writer.finish();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
