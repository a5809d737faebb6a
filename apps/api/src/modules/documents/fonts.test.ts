import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { documentFonts, fontFile, fontName } from './fonts';

const plain = (subset: 'latin' | 'devanagari') => fontkit.create(fontFile(subset, 'regular')) as fontkit.Font;
const shape = (run: fontkit.GlyphRun) => ({
  glyphs: run.glyphs.map((g) => g.id),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  advanceWidth: run.advanceWidth,
});

describe('document fonts: shaping remembered across documents', () => {
  it.each([
    ['latin', 'Taxable value 1,40,625.00'],
    ['devanagari', 'राम कुमार गुप्ता'],
  ] as const)('answers what fontkit shapes (%s)', (subset, text) => {
    const shared = documentFonts().get(fontName(subset, 'regular'))!;
    const expected = shape(plain(subset).layout(text));
    expect(shape(shared.layout(text))).toEqual(expected);
    expect(shape(shared.layout(text))).toEqual(expected);
  });

  it('hands each caller its own positions, so scaling one run in place (as PDFKit does) leaves the next intact', () => {
    const font = documentFonts().get(fontName('latin', 'regular'))!;
    const first = font.layout('Grand total');
    const before = first.positions.map((p) => p.xAdvance);
    for (const p of first.positions) p.xAdvance *= 1000;
    expect(font.layout('Grand total').positions.map((p) => p.xAdvance)).toEqual(before);
  });

  it('draws the same widths in a second document as in the first', () => {
    const widthIn = () => {
      const doc = new PDFDocument({ size: 'A4', margin: 0 });
      for (const [name, font] of documentFonts()) doc.registerFont(name, font as unknown as Buffer);
      doc.font(fontName('latin', 'regular')).fontSize(8);
      const width = doc.widthOfString('Rupees One Lakh Sixty Five Thousand Only');
      doc.end();
      return width;
    };
    const first = widthIn();
    expect(first).toBeGreaterThan(100);
    expect(widthIn()).toBe(first);
  });
});
