import { describe, expect, it } from 'vitest';
import { crc32 as nodeCrc32, inflateSync } from 'node:zlib';
import { adler32, crc32, encodeRgbPng, heatmapPngUrl } from '~/components/notebook/heat-png';
import { heatRgb } from '~/components/widgets/shared/heat';

/** The chunks of a PNG: type → data, checking each CRC on the way. */
function chunks(png: Uint8Array): Map<string, Uint8Array> {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const found = new Map<string, Uint8Array>();
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    expect(view.getUint32(at + 8 + length)).toBe(nodeCrc32(png.subarray(at + 4, at + 8 + length)));
    found.set(type, data);
    at += 12 + length;
  }
  return found;
}

describe('checksums', () => {
  it.each([[''], ['a'], ['abc'], ['The quick brown fox jumps over the lazy dog']])(
    'crc32(%j) = zlib',
    (text) => {
      const bytes = new TextEncoder().encode(text);
      expect(crc32(bytes)).toBe(nodeCrc32(bytes));
    },
  );
  it.each([
    ['', 1],
    ['a', 0x00620062],
    ['Wikipedia', 0x11e60398],
  ])('adler32(%j) = %d', (text, sum) => expect(adler32(new TextEncoder().encode(text))).toBe(sum));
});

describe('encodeRgbPng', () => {
  it.each([
    [1, 1],
    [3, 2],
    [51, 51],
    [64, 64],
    [200, 120], // raw scanlines over 65,535 bytes: several stored blocks
  ])('%d×%d: header, pixels and checksums a PNG reader accepts', (w, h) => {
    const colour = (x: number, y: number) => [x % 256, y % 256, (x * y) % 256];
    const c = chunks(encodeRgbPng(w, h, colour));
    const ihdr = new DataView(c.get('IHDR')!.buffer, c.get('IHDR')!.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), ...c.get('IHDR')!.subarray(8)]).toEqual([
      w,
      h,
      8,
      2,
      0,
      0,
      0,
    ]);
    const raw = inflateSync(c.get('IDAT')!);
    expect(raw.length).toBe(h * (1 + 3 * w));
    for (const [x, y] of [
      [0, 0],
      [w - 1, h - 1],
      [Math.floor(w / 2), Math.floor(h / 3)],
    ] as const) {
      const at = y * (1 + 3 * w) + 1 + 3 * x;
      expect([...raw.subarray(at, at + 3)]).toEqual(colour(x, y));
    }
    expect(c.has('IEND')).toBe(true);
  });
});

describe('heatmapPngUrl', () => {
  it('colours each value with the shared heat scale', () => {
    const map = { rows: 2, cols: 2, data: [-2, 0, 1, 2] };
    const url = heatmapPngUrl(map, 2);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = Uint8Array.from(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    const raw = inflateSync(chunks(png).get('IDAT')!);
    const pixel = (x: number, y: number) => [...raw.subarray(y * 7 + 1 + 3 * x, y * 7 + 4 + 3 * x)];
    expect(pixel(0, 0)).toEqual(heatRgb(-2, 2));
    expect(pixel(1, 0)).toEqual(heatRgb(0, 2));
    expect(pixel(1, 1)).toEqual(heatRgb(2, 2));
  });
});
