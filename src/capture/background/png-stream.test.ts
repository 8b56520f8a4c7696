import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PngStreamWriter } from './png-stream';

/** A minimal PNG reader for what the writer produces: chunks with CRCs, IHDR, IDAT inflated and unfiltered. */
function decode(png: Uint8Array): { width: number; height: number; rgb: Uint8Array; chunks: string[] } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    chunks.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      expect([data[8], data[9], data[10], data[11], data[12]]).toEqual([8, 2, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 3 ? rgb[y * stride + x - 3]! : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + x]! : 0;
      rgb[y * stride + x] = (v + (f === 1 ? left : f === 2 ? up : 0)) & 0xff;
    }
  }
  return { width, height, rgb, chunks };
}

function rgbaRows(width: number, rows: number, seed: number): Uint8Array {
  const out = new Uint8Array(width * rows * 4);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      // Flat areas, stripes and noise, like text on a page.
      out[i] = x < width / 3 ? 255 : (x * 7 + y * 3 + seed) & 0xff;
      out[i + 1] = (y + seed) % 17 === 0 ? 0 : 240;
      out[i + 2] = ((x ^ y) * 31 + seed) & 0xff;
      out[i + 3] = 255;
    }
  return out;
}

describe('PngStreamWriter', () => {
  it('writes the rows it is given, in several calls, as one valid PNG (CRCs, IHDR, IDAT, IEND)', async () => {
    const w = 37;
    const parts = [rgbaRows(w, 5, 1), rgbaRows(w, 64, 2), rgbaRows(w, 1, 3)];
    const png = new PngStreamWriter(w);
    for (const p of parts) expect(await png.addRows(p, p.length / (w * 4))).toBe(true);
    expect(png.height).toBe(70);
    const bytes = await png.finish();
    const out = decode(bytes);
    expect(out.chunks[0]).toBe('IHDR');
    expect(out.chunks.at(-1)).toBe('IEND');
    expect([out.width, out.height]).toEqual([37, 70]);
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    const rgb = all.filter((_, i) => i % 4 !== 3);
    expect(Buffer.from(out.rgb).equals(Buffer.from(rgb))).toBe(true);
  });

  it('cuts a large stream into several IDAT chunks and stays decodable', async () => {
    const w = 800;
    const png = new PngStreamWriter(w);
    for (let i = 0; i < 8; i++) {
      // Noise does not compress: about 0.7 MB per call.
      const rows = new Uint8Array(w * 300 * 4);
      for (let j = 0; j < rows.length; j += 65536) crypto.getRandomValues(rows.subarray(j, j + 65536));
      for (let j = 3; j < rows.length; j += 4) rows[j] = 255;
      await png.addRows(rows, 300);
    }
    const out = decode(await png.finish());
    expect(out.height).toBe(2400);
    expect(out.chunks.filter((c) => c === 'IDAT').length).toBeGreaterThan(1);
  });

  it('refuses rows that are not opaque, adding nothing', async () => {
    const png = new PngStreamWriter(2);
    const rows = rgbaRows(2, 2, 0);
    rows[7] = 128;
    expect(await png.addRows(rows, 2)).toBe(false);
    expect(png.height).toBe(0);
    png.abort();
  });
});
