/**
 * PNG screenshots into PDF image objects without pdf-lib's pure-JS decoder (about a second per
 * full-size screenshot). PDF's Flate filter with PNG predictors reads a PNG's own compressed data,
 * so 8-bit RGB/grey PNGs go in unchanged; 8-bit RGBA/grey+alpha PNGs are inflated, their filtered
 * rows split into colour and alpha (filters are per channel, so no unfiltering is needed), and
 * deflated again with the platform's native (De)CompressionStream; the alpha channel is dropped
 * when fully opaque, as screenshots are. Other PNGs (palette, 16-bit, interlaced) return
 * undefined and the caller falls back to pdf-lib. Pure: browsers and Node.
 */

export interface PdfImageStream {
  width: number;
  height: number;
  colors: 1 | 3;
  /** zlib-compressed samples; `predictor` when they are PNG-filtered rows (the PNG's own IDAT). */
  data: Uint8Array;
  predictor: boolean;
  /** zlib-compressed PNG-filtered 8-bit alpha rows (read with predictors), when not known to be opaque. */
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
  // PNG filters work byte by byte against the same channel of the neighbouring pixels, so the
  // filtered rows split into a filtered colour image and a filtered alpha image without undoing
  // the filters: both go in with PNG predictors, only re-compressed.
  const colors = png.colorType === 6 ? 3 : 1;
  const bpp = colors + 1;
  const raw = await transform(png.idat, new DecompressionStream('deflate'));
  const stride = width * bpp;
  if (raw.byteLength < height * (stride + 1)) return undefined;
  const color = new Uint8Array(height * (width * colors + 1));
  const alpha = new Uint8Array(height * (width + 1));
  let c = 0;
  let a = 0;
  for (let y = 0; y < height; y++) {
    let i = y * (stride + 1);
    const filter = raw[i++]!;
    color[c++] = filter;
    alpha[a++] = filter;
    if (colors === 3) {
      for (let x = 0; x < width; x++, i += 4) {
        color[c] = raw[i]!;
        color[c + 1] = raw[i + 1]!;
        color[c + 2] = raw[i + 2]!;
        c += 3;
        alpha[a++] = raw[i + 3]!;
      }
    } else {
      for (let x = 0; x < width; x++, i += 2) {
        color[c++] = raw[i]!;
        alpha[a++] = raw[i + 1]!;
      }
    }
  }
  // Screenshots are fully opaque: then the alpha channel is left out (checked on its real values).
  const alphaValues = unfilter(alpha, width, height, 1);
  if (!alphaValues) return undefined;
  let opaque = true;
  for (let i = 0; i < alphaValues.length && opaque; i++) opaque = alphaValues[i] === 255;
  const data = await transform(color, new CompressionStream('deflate'));
  return {
    width,
    height,
    colors,
    data,
    predictor: true,
    ...(opaque ? {} : { alpha: await transform(alpha, new CompressionStream('deflate')) }),
  };
}

/** Reverses the PNG row filters (None, Sub, Up, Average, Paeth) of rows with `bpp` bytes per pixel. */
export function unfilter(raw: Uint8Array, width: number, height: number, bpp: number): Uint8Array | undefined {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    const first = Math.min(bpp, stride);
    switch (filter) {
      case 0:
        out.set(raw.subarray(src, src + stride), row);
        break;
      case 1:
        for (let x = 0; x < first; x++) out[row + x] = raw[src + x]!;
        for (let x = bpp; x < stride; x++) out[row + x] = (raw[src + x]! + out[row + x - bpp]!) & 0xff;
        break;
      case 2:
        if (y === 0) out.set(raw.subarray(src, src + stride), row);
        else for (let x = 0; x < stride; x++) out[row + x] = (raw[src + x]! + out[prev + x]!) & 0xff;
        break;
      case 3:
        for (let x = 0; x < first; x++) out[row + x] = (raw[src + x]! + (y > 0 ? out[prev + x]! >> 1 : 0)) & 0xff;
        for (let x = bpp; x < stride; x++) {
          const up = y > 0 ? out[prev + x]! : 0;
          out[row + x] = (raw[src + x]! + ((out[row + x - bpp]! + up) >> 1)) & 0xff;
        }
        break;
      case 4:
        if (y === 0) {
          // Above is all zero: Paeth picks the left neighbour (like Sub).
          for (let x = 0; x < first; x++) out[row + x] = raw[src + x]!;
          for (let x = bpp; x < stride; x++) out[row + x] = (raw[src + x]! + out[row + x - bpp]!) & 0xff;
          break;
        }
        // Left is zero for the first pixel: Paeth picks the byte above.
        for (let x = 0; x < first; x++) out[row + x] = (raw[src + x]! + out[prev + x]!) & 0xff;
        for (let x = bpp; x < stride; x++) {
          const a = out[row + x - bpp]!;
          const b = out[prev + x]!;
          const c = out[prev + x - bpp]!;
          let pa = b - c;
          let pb = a - c;
          let pc = pa + pb;
          if (pa < 0) pa = -pa;
          if (pb < 0) pb = -pb;
          if (pc < 0) pc = -pc;
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
