import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/**
 * The fonts every document embeds: Noto Sans, Noto Sans Tamil and Noto Sans Bengali (SIL Open Font
 * License 1.1, which allows bundling and embedding; the @fontsource packages ship them in
 * Unicode-range subsets). Latin, Latin Extended (with ₹ and the other currency signs), Devanagari
 * (Hindi, Marathi, …), Tamil and Bengali, regular and bold. PDFKit embeds only the glyphs a
 * document uses, and fontkit shapes the Indian scripts (conjuncts, vowel signs).
 */

export const FONT_SUBSETS = ['latin', 'latin-ext', 'devanagari', 'tamil', 'bengali'] as const;
export type FontSubset = (typeof FONT_SUBSETS)[number];
export type FontWeight = 'regular' | 'bold';

const require = createRequire(import.meta.url);
const filesOf = (pkg: string) => require.resolve(`@fontsource/${pkg}/package.json`).replace(/package\.json$/, 'files/');
const FILES: Record<FontSubset, (weight: number) => string> = {
  latin: (w) => `${filesOf('noto-sans')}noto-sans-latin-${w}-normal.woff`,
  'latin-ext': (w) => `${filesOf('noto-sans')}noto-sans-latin-ext-${w}-normal.woff`,
  devanagari: (w) => `${filesOf('noto-sans')}noto-sans-devanagari-${w}-normal.woff`,
  tamil: (w) => `${filesOf('noto-sans-tamil')}noto-sans-tamil-tamil-${w}-normal.woff`,
  bengali: (w) => `${filesOf('noto-sans-bengali')}noto-sans-bengali-bengali-${w}-normal.woff`,
};

/** The subsets whose text is shaped (glyphs reordered and joined), so copy and search need its ActualText. */
export function isIndic(subset: FontSubset): boolean {
  return subset === 'devanagari' || subset === 'tamil' || subset === 'bengali';
}

/** A font as TrueType (for the benchmark's other library). */
export function fontFile(subset: FontSubset, weight: FontWeight): Buffer {
  return sfntOfWoff(readFileSync(FILES[subset](weight === 'bold' ? 700 : 400)));
}

/**
 * A WOFF 1.0 file unpacked to the plain TrueType it wraps (each table zlib-inflated, the table
 * directory rewritten). Written by hand because fontkit, given the WOFF, inflates a table again on
 * every read of it: drawing one invoice spent most of its time re-inflating the glyph table.
 */
export function sfntOfWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const packed = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(packed) : packed,
    };
  });
  const head = 12 + 16 * numTables;
  const size = tables.reduce((n, t) => n + Math.ceil(t.data.length / 4) * 4, head);
  const out = Buffer.alloc(size);
  woff.copy(out, 0, 4, 8);
  const pow = 2 ** Math.floor(Math.log2(numTables));
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(pow * 16, 6);
  out.writeUInt16BE(Math.log2(pow), 8);
  out.writeUInt16BE(numTables * 16 - pow * 16, 10);
  let offset = head;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    t.tag.copy(out, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, offset);
    offset += Math.ceil(t.data.length / 4) * 4;
  });
  return out;
}

let cache: Map<string, fontkit.Font> | undefined;

/**
 * The fonts by PDF font name (`latin-regular`, …), parsed once per process and handed to every
 * document: parsing a font and building its Devanagari shaping tables cost more than drawing a
 * whole 10-line invoice. Each document still embeds its own subset of the glyphs it used.
 */
export function documentFonts(): Map<string, fontkit.Font> {
  if (!cache) {
    const fonts = new Map<string, fontkit.Font>();
    for (const subset of FONT_SUBSETS) {
      for (const weight of ['regular', 'bold'] as const)
        fonts.set(fontName(subset, weight), withSharedLayouts(fontkit.create(fontFile(subset, weight)) as fontkit.Font));
    }
    cache = fonts;
  }
  return cache;
}

/** Words remembered per font: an invoice's labels, names, units and most of its amounts recur from one document to the next. */
export const LAYOUT_CACHE_WORDS = 20_000;

/**
 * The font with its `layout` (shaping: glyph substitution and positioning, what most of drawing a
 * document costs) remembered across documents. PDFKit keeps such a cache only per document and
 * per word, so every PDF shaped the same labels and names again. PDFKit scales a run's positions
 * in place, so each caller gets its own copy of the positions; the glyphs are shared, as fontkit
 * shares them itself. At most LAYOUT_CACHE_WORDS entries, the least recently used dropped first.
 */
export function withSharedLayouts(font: fontkit.Font): fontkit.Font {
  const layout = font.layout.bind(font);
  const runs = new Map<string, fontkit.GlyphRun>();
  const copy = (run: fontkit.GlyphRun): fontkit.GlyphRun =>
    Object.assign(Object.create(Object.getPrototypeOf(run) as object) as fontkit.GlyphRun, run, {
      positions: run.positions.map((p) => ({ ...p })),
    });
  font.layout = (text: string, ...rest: unknown[]) => {
    if (rest.some((r) => r !== undefined)) return (layout as (...a: unknown[]) => fontkit.GlyphRun)(text, ...rest);
    let run = runs.get(text);
    if (run) runs.delete(text);
    else {
      run = layout(text);
      if (runs.size >= LAYOUT_CACHE_WORDS) runs.delete(runs.keys().next().value!);
    }
    runs.set(text, run);
    return copy(run);
  };
  return font;
}

export function fontName(subset: FontSubset, weight: FontWeight): string {
  return `${subset}-${weight}`;
}

const TAMIL = /\p{Script=Tamil}/u;
const BENGALI = /\p{Script=Bengali}/u;
const DEVANAGARI = /[\p{Script_Extensions=Devanagari}\u20B9\u20A8\u25CC]/u;
const LATIN_EXT = /[\u0100-\u02FF\u1D00-\u1EFF\u20A0-\u20C0\u2113\u2C60-\u2C7F\uA720-\uA7FF]/u;
/**
 * Characters that stay in the Indian-script run they sit in: joiners (ZWNJ, ZWJ steer conjuncts),
 * the dandas the scripts share, and the space between two words (so the words shape as one run).
 */
const STICKY = new Set([' ', '\u200C', '\u200D', '\u0964', '\u0965']);

function subsetOf(ch: string): FontSubset {
  if (TAMIL.test(ch)) return 'tamil';
  if (BENGALI.test(ch)) return 'bengali';
  if (DEVANAGARI.test(ch)) return 'devanagari';
  if (LATIN_EXT.test(ch)) return 'latin-ext';
  return 'latin';
}

/** Text cut into runs that one subset can draw: a name in Hindi or Tamil inside an English line switches font and back. */
export function fontRuns(text: string): { subset: FontSubset; text: string }[] {
  const runs: { subset: FontSubset; text: string }[] = [];
  for (const ch of text) {
    const last = runs.at(-1);
    const subset = last && isIndic(last.subset) && STICKY.has(ch) ? last.subset : subsetOf(ch);
    if (last && last.subset === subset) last.text += ch;
    else runs.push({ subset, text: ch });
  }
  return runs;
}
