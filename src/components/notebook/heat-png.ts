/**
 * A large heatmap as one PNG image (a data: URL) instead of one SVG rectangle per value: a 51×51
 * gradient map is 2,601 elements as SVG and one as an image, which keeps lesson pages within their
 * DOM budget. Pure (no DOM, no canvas), so the build and the browser make the same bytes.
 *
 * PNG layout: signature, IHDR (8-bit RGB), one IDAT holding a zlib stream of *stored* deflate
 * blocks (no compression needed: heatmaps are at most 64×64), IEND. Each chunk ends with the
 * CRC-32 of its type and data; the zlib stream ends with the Adler-32 of the raw scanlines.
 */
import { heatRgb } from '~/components/widgets/shared/heat';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO-HDLC, the one PNG uses) of bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Adler-32 of bytes: (B << 16) | A with A = 1 + Σ bytes, B = Σ A, both mod 65521. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

function chunk(type: string, data: number[]): number[] {
  const body = new Uint8Array([...type].map((c) => c.charCodeAt(0)).concat(data));
  return [...u32(data.length), ...body, ...u32(crc32(body))];
}

/** zlib stream of stored (uncompressed) deflate blocks of at most 65,535 bytes each. */
function zlibStored(raw: Uint8Array): number[] {
  const out = [0x78, 0x01];
  for (let at = 0; at < raw.length || at === 0; at += 65535) {
    const block = raw.subarray(at, at + 65535);
    const last = at + 65535 >= raw.length ? 1 : 0;
    out.push(last, block.length & 255, block.length >>> 8, ~block.length & 255, (~block.length >>> 8) & 255);
    out.push(...block);
    if (raw.length === 0) break;
  }
  return out.concat(u32(adler32(raw)));
}

/** PNG bytes of an 8-bit RGB image; `rgb(x, y)` gives the colour of column x, row y. */
export function encodeRgbPng(
  width: number,
  height: number,
  rgb: (x: number, y: number) => number[],
): Uint8Array {
  const raw = new Uint8Array(height * (1 + 3 * width));
  let i = 0;
  for (let y = 0; y < height; y++) {
    raw[i++] = 0; // filter: none
    for (let x = 0; x < width; x++) for (const v of rgb(x, y)) raw[i++] = v;
  }
  const ihdr = [...u32(width), ...u32(height), 8, 2, 0, 0, 0];
  return new Uint8Array([
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', zlibStored(raw)),
    ...chunk('IEND', []),
  ]);
}

/** A heatmap (row-major `data`, rows × cols) in the shared heat colours as a PNG data: URL. */
export function heatmapPngUrl(map: { rows: number; cols: number; data: number[] }, scale: number): string {
  const png = encodeRgbPng(map.cols, map.rows, (x, y) => heatRgb(map.data[y * map.cols + x] ?? 0, scale));
  let binary = '';
  for (const b of png) binary += String.fromCharCode(b);
  return `data:image/png;base64,${btoa(binary)}`;
}
