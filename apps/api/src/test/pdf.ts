import jsQR from 'jsqr';
import { extractImages, extractText, getDocumentProxy } from 'unpdf';

/**
 * Reading a PDF back the way a customer's viewer does, with pdf.js (through unpdf): the text
 * layer of each page, and any QR code among a page's images decoded with jsQR, as a phone's
 * camera would read it.
 */
// pdf.js decodes images with ArrayBuffer.prototype.transferToFixedLength (Node 21+); on Node 20
// (our engines floor) it logs the error and returns no image, so the tests supply a copying one.
const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
if (!proto.transferToFixedLength) {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    value(this: ArrayBuffer, length?: number) {
      const copy = new Uint8Array(length ?? this.byteLength);
      copy.set(new Uint8Array(this, 0, Math.min(this.byteLength, copy.length)));
      return copy.buffer;
    },
  });
}

export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  return text;
}

/** The text with every space and line break taken out: pdf.js puts breaks where glyphs are apart, not where the words were. */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The QR codes found among a page's images (each image is decoded as a phone camera's frame would be). */
export async function qrCodesOnPage(pdf: Buffer, pageNumber: number): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const images = await extractImages(doc, pageNumber);
  const found: string[] = [];
  for (const image of images) {
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    for (let i = 0; i < image.width * image.height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = image.data[i * image.channels + (image.channels >= 3 ? c : 0)]!;
      rgba[i * 4 + 3] = 255;
    }
    const code = jsQR(rgba, image.width, image.height);
    if (code) found.push(code.data);
  }
  return found;
}
