import { crc32, deflateSync } from 'node:zlib';

/** An RGB colour as #rrggbb. */
type Hex = `#${string}`;

const rgb = (hex: Hex): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * A small PNG banner: the background colour with diagonal stripes of the accent, so it reads as
 * a banner in the media library without shipping image files.
 */
export function stripedPng(width: number, height: number, background: Hex, accent: Hex): Buffer {
  const [br, bg, bb] = rgb(background);
  const [ar, ag, ab] = rgb(accent);
  const row = width * 3 + 1;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const stripe = Math.floor((x + y) / 12) % 4 === 0;
      const at = y * row + 1 + x * 3;
      pixels[at] = stripe ? ar : br;
      pixels[at + 1] = stripe ? ag : bg;
      pixels[at + 2] = stripe ? ab : bb;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const xmlText = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** An SVG banner: the brand's name and an offer on its colours, sized like an ad slot. */
export function textSvg(
  width: number,
  height: number,
  { title, offer, background, accent }: { title: string; offer: string; background: Hex; accent: Hex },
): Buffer {
  const size = Math.max(12, Math.min(height / 4, width / 12));
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <rect width="${width}" height="${height}" fill="${background}"/>
  <rect x="4" y="4" width="${width - 8}" height="${height - 8}" fill="none" stroke="${accent}" stroke-width="3"/>
  <text x="50%" y="42%" text-anchor="middle" font-family="sans-serif" font-weight="700" font-size="${size}" fill="#ffffff">${xmlText(title)}</text>
  <text x="50%" y="70%" text-anchor="middle" font-family="sans-serif" font-size="${size * 0.7}" fill="${accent}">${xmlText(offer)}</text>
</svg>
`,
  );
}
