import type PDFDocument from 'pdfkit';
import type { DocumentAddress } from './invoice-model';
import { drawText, wrapText, type TextStyle } from './pdf-text';

/**
 * The page, margins and type sizes every document shares (tax invoice, payment receipt, statement
 * of account), so they look alike, and the address block each prints its parties with.
 */

type Doc = InstanceType<typeof PDFDocument>;

/** A4 in points, with our own margins (the document's are 0 so PDFKit never adds a page by itself). */
export const PAGE = { width: 595.28, height: 841.89 };
export const M = 32;
export const RIGHT = PAGE.width - M;
export const WIDTH = RIGHT - M;
export const FOOTER_Y = PAGE.height - M - 10;
/** Where the body of a page must end: room for the "continued" line and the page number. */
export const BODY_END = FOOTER_Y - 16;
/** A line of text, and a line inside a table cell. */
export const LINE = 10;
export const CELL = 9.5;
/** A table cell's padding. */
export const PAD = 3;

export const STYLES = {
  title: { size: 14, weight: 'bold' },
  name: { size: 11, weight: 'bold' },
  body: { size: 8 },
  bold: { size: 8, weight: 'bold' },
  small: { size: 7, color: '#444444' },
  label: { size: 7, weight: 'bold', color: '#555555' },
  cell: { size: 7.5 },
  head: { size: 7, weight: 'bold' },
} satisfies Record<string, TextStyle>;

/** A party's block (its title, name, address, state, GSTIN, contact) at `x`, `top`; answers where it ends. */
export function drawAddressBlock(doc: Doc, a: DocumentAddress, x: number, width: number, top: number): number {
  let y = top;
  const line = (t: string, style: TextStyle) => {
    for (const l of wrapText(doc, t, width, style)) {
      drawText(doc, l, x, y, style);
      y += LINE;
    }
  };
  line(a.title.toUpperCase(), STYLES.label);
  line(a.name, STYLES.bold);
  for (const l of a.lines) line(l, STYLES.body);
  if (a.state) line(`State: ${a.state}`, STYLES.body);
  line(`GSTIN: ${a.gstin}`, STYLES.bold);
  if (a.contact) line(a.contact, STYLES.body);
  return y;
}

/**
 * A page's footer: the document's number and "Page n of count" at the right, "continued on next
 * page" on every page but the last, and a cancelled document's CANCELLED stamp across the page.
 */
export function drawPageFooter(doc: Doc, number: string, page: number, count: number, cancelled: boolean): void {
  drawText(doc, `${number} · Page ${page} of ${count}`, M, FOOTER_Y, STYLES.small, { width: WIDTH, align: 'right' });
  if (page < count) drawText(doc, 'continued on next page', M, FOOTER_Y, STYLES.small);
  if (!cancelled) return;
  doc.save();
  doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc.fillOpacity(0.22);
  drawText(
    doc,
    'CANCELLED',
    0,
    PAGE.height / 2 - 45,
    { size: 96, weight: 'bold', color: '#cc0000' },
    { width: PAGE.width, align: 'center' },
  );
  doc.restore();
}
