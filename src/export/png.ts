/**
 * PNG screenshots into PDF image objects without pdf-lib's pure-JS decoder (about a second per
 * full-size screenshot). PDF's Flate filter with PNG predictors reads a PNG's own compressed data,
 * so 8-bit RGB/grey PNGs go in unchanged; 8-bit RGBA/grey+alpha PNGs are inflated and deflated
 * again with the platform's native (De)CompressionStream to split off the alpha channel (dropped
 * when fully opaque, as screenshots are). Other PNGs (palette, 16-bit, interlaced) return
 * undefined and the caller falls back to pdf-lib. Pure: browsers and Node.
 */

export interface PdfImageStream {
  width: number;
  height: number;
  colors: 1 | 3;
  /** zlib-compressed samples; `predictor` when they are PNG-filtered rows (the PNG's own IDAT). */
  data: Uint8Array;
  predictor: boolean;
  /** zlib-compressed 8-bit alpha samples (no predictor), when not fully opaque. */
  alpha?: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface ParsedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  idat: Uint8Array;
  hasTransparencyChunk: boolean;
}

export function parsePng(bytes: Uint8Array): ParsedPng | undefined {
  if (bytes.byteLength < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: Omit<ParsedPng, 'idat' | 'hasTransparencyChunk'> | undefined;
  const idat: Uint8Array[] = [];
  let idatLength = 0;
  let hasTransparencyChunk = false;
  while (offset + 12 <= bytes.byteLength) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!, bytes[offset + 6]!, bytes[offset + 7]!);
    const start = offset + 8;
    if (start + length + 4 > bytes.byteLength) return undefined;
    if (type === 'IHDR') {
      if (length < 13) return undefined;
      header = {
        width: view.getUint32(start),
        height: view.getUint32(start + 4),
        bitDepth: bytes[start + 8]!,
        colorType: bytes[start + 9]!,
        interlace: bytes[start + 12]!,
      };
    } else if (type === 'IDAT') {
      idat.push(bytes.subarray(start, start + length));
      idatLength += length;
    } else if (type === 'tRNS') {
      hasTransparencyChunk = true;
    } else if (type === 'IEND') {
      break;
    }
    offset = start + length + 4;
  }
  if (!header || idat.length === 0 || header.width === 0 || header.height === 0) return undefined;
  return { ...header, idat: concat(idat, idatLength), hasTransparencyChunk };
}

export async function pngForPdf(bytes: Uint8Array): Promise<PdfImageStream | undefined> {
  const png = parsePng(bytes);
  if (png?.bitDepth !== 8 || png.interlace !== 0 || png.hasTransparencyChunk) return undefined;
  const { width, height } = png;
  if (png.colorType === 2 || png.colorType === 0) {
    return { width, height, colors: png.colorType === 2 ? 3 : 1, data: png.idat, predictor: true };
  }
  if (png.colorType !== 6 && png.colorType !== 4) return undefined;
  const colors = png.colorType === 6 ? 3 : 1;
  const bpp = colors + 1;
  const raw = await transform(png.idat, new DecompressionStream('deflate'));
  const stride = width * bpp;
  if (raw.byteLength < height * (stride + 1)) return undefined;
  const pixels = unfilter(raw, width, height, bpp);
  if (!pixels) return undefined;
  const color = new Uint8Array(width * height * colors);
  const alpha = new Uint8Array(width * height);
  let opaque = true;
  for (let p = 0, c = 0, i = 0; p < alpha.length; p++, i += bpp) {
    for (let k = 0; k < colors; k++) color[c++] = pixels[i + k]!;
    const a = pixels[i + colors]!;
    alpha[p] = a;
    if (a !== 255) opaque = false;
  }
  const data = await transform(color, new CompressionStream('deflate'));
  return {
    width,
    height,
    colors,
    data,
    predictor: false,
    ...(opaque ? {} : { alpha: await transform(alpha, new CompressionStream('deflate')) }),
  };
}

/** Reverses the PNG row filters (None, Sub, Up, Average, Paeth). */
function unfilter(raw: Uint8Array, width: number, height: number, bpp: number): Uint8Array | undefined {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    switch (filter) {
      case 0:
        out.set(raw.subarray(src, src + stride), row);
        break;
      case 1:
        for (let x = 0; x < stride; x++) out[row + x] = (raw[src + x]! + (x >= bpp ? out[row + x - bpp]! : 0)) & 0xff;
        break;
      case 2:
        for (let x = 0; x < stride; x++) out[row + x] = (raw[src + x]! + (y > 0 ? out[prev + x]! : 0)) & 0xff;
        break;
      case 3:
        for (let x = 0; x < stride; x++) {
          const left = x >= bpp ? out[row + x - bpp]! : 0;
          const up = y > 0 ? out[prev + x]! : 0;
          out[row + x] = (raw[src + x]! + ((left + up) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let x = 0; x < stride; x++) {
          const a = x >= bpp ? out[row + x - bpp]! : 0;
          const b = y > 0 ? out[prev + x]! : 0;
          const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          out[row + x] = (raw[src + x]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
        }
        break;
      default:
        return undefined;
    }
  }
  return out;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await written;
  return concat(chunks, size);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
