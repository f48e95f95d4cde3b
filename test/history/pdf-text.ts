import { inflateSync } from 'node:zlib';

/**
 * The text drawn in a PDF as pdf-lib writes it (Flate-compressed content streams, standard
 * fonts, each drawText one hex string shown with Tj), one string per drawText, in drawing order.
 * Enough to read our own PDFs back in tests, not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const streams = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const length = Number(/\/Length (\d+)/.exec(m[1]!)?.[1]);
    if (!Number.isFinite(length)) continue;
    const data = pdf.subarray(start, start + length);
    let content: string;
    try {
      content = (m[1]!.includes('/FlateDecode') ? inflateSync(data) : data).toString('latin1');
    } catch {
      continue;
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      out.push(Buffer.from(t[1]!, 'hex').toString('latin1'));
  }
  return out;
}
