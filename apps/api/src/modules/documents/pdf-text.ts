import type PDFDocument from 'pdfkit';
import { fontName, fontRuns, isIndic, type FontWeight } from './fonts';

type Doc = InstanceType<typeof PDFDocument>;

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  color?: string;
}

/**
 * Text in the document's fonts. PDFKit draws one font at a time and has no fallback, so a line is
 * drawn as runs, each in the subset that has its characters (fonts.ts); wrapping is done here for
 * the same reason (PDFKit's own wrapping measures in one font).
 */
const widths = new WeakMap<Doc, Map<string, number>>();

/** Widths are asked for again and again while wrapping (each one shapes the text): cached per document. */
export function measure(doc: Doc, text: string, style: TextStyle): number {
  let cache = widths.get(doc);
  if (!cache) widths.set(doc, (cache = new Map()));
  const key = `${style.size}|${style.weight ?? 'regular'}|${text}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let width = 0;
  for (const run of fontRuns(text)) {
    doc.font(fontName(run.subset, style.weight ?? 'regular')).fontSize(style.size);
    width += doc.widthOfString(run.text);
  }
  cache.set(key, width);
  return width;
}

export function drawText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  style: TextStyle,
  align: { width: number; align: 'left' | 'right' | 'center' } = { width: 0, align: 'left' },
): void {
  const width = align.align === 'left' ? 0 : measure(doc, text, style);
  let at = align.align === 'right' ? x + align.width - width : align.align === 'center' ? x + (align.width - width) / 2 : x;
  doc.fillColor(style.color ?? '#111111');
  for (const run of fontRuns(text)) {
    doc.font(fontName(run.subset, style.weight ?? 'regular')).fontSize(style.size);
    // Indian-script glyphs are drawn in visual order (a Devanagari reph after the consonant it
    // precedes, the short i before its consonant); ActualText gives copy and search the typed text.
    const marked = isIndic(run.subset) && run.text.trim() !== '';
    if (marked) doc.markContent('Span', { actual: run.text });
    doc.text(run.text, at, y, { lineBreak: false });
    if (marked) doc.endMarkedContent();
    at += doc.widthOfString(run.text);
  }
}

/** Lines of at most `width` points: at spaces where it can, inside a word when the word alone is too wide. */
export function wrapText(doc: Doc, text: string, width: number, style: TextStyle): string[] {
  if (!text.includes('\n') && measure(doc, text, style) <= width) return [text];
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(doc, candidate, style) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let piece = '';
      for (const ch of word) {
        if (piece && measure(doc, piece + ch, style) > width) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}
