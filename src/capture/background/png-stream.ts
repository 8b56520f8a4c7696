/**
 * A PNG written as a stream of pixel rows: rows are filtered and deflated as they arrive (CompressionStream, zlib
 * format, as PNG's IDAT wants), so a picture far taller than any canvas can be made while only the rows in hand are
 * decoded. The whole-thread capture feeds it each stitched segment's rows as the segment is closed, so the composite
 * screenshot exists by the time the capture ends without decoding every segment again. Pure (no extension API).
 *
 * Output: 8-bit truecolour (RGB; screen captures are opaque) or, when a row is not opaque, the writer refuses the
 * rows (`addRows` returns false) and the caller keeps the segments only. Per row, the Sub or Up filter, whichever has
 * the smaller sum of absolute values (the usual heuristic).
 */

const SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
/** IDAT chunks of at most this many bytes. */
const IDAT_MAX = 1 << 20;

let crcTable: Uint32Array | undefined;
function crc32(parts: readonly Uint8Array[]): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) crc = (crcTable[(crc ^ p[i]!) & 0xff]! ^ (crc >>> 8)) >>> 0;
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const name = new Uint8Array([type.charCodeAt(0), type.charCodeAt(1), type.charCodeAt(2), type.charCodeAt(3)]);
  out.set(name, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32([name, data]));
  return out;
}

export class PngStreamWriter {
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private readonly compressed: Uint8Array[] = [];
  private readonly drained: Promise<void>;
  private prev: Uint8Array;
  private rows = 0;
  private closed = false;

  constructor(readonly width: number) {
    const stream = new CompressionStream('deflate');
    this.writer = stream.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
    const reader = stream.readable.getReader();
    this.drained = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        this.compressed.push(value);
      }
    })();
    this.drained.catch(() => undefined);
    this.prev = new Uint8Array(width * 3);
  }

  get height(): number {
    return this.rows;
  }

  /** Bytes held so far (compressed). */
  get size(): number {
    return this.compressed.reduce((n, c) => n + c.byteLength, 0);
  }

  /**
   * Adds `count` rows of RGBA pixels (`width * 4` bytes each, top to bottom). Returns false, adding nothing, when a
   * pixel is not opaque.
   */
  async addRows(rgba: Uint8Array | Uint8ClampedArray, count: number): Promise<boolean> {
    if (this.closed) throw new Error('The PNG is already finished.');
    const w = this.width;
    for (let i = 3; i < count * w * 4; i += 4) if (rgba[i] !== 255) return false;
    const stride = w * 3;
    // One filtered block per call: (1 filter byte + stride) per row.
    const out = new Uint8Array(count * (stride + 1));
    const rgb = new Uint8Array(stride);
    const sub = new Uint8Array(stride);
    const up = new Uint8Array(stride);
    for (let r = 0; r < count; r++) {
      const base = r * w * 4;
      for (let x = 0, j = 0; x < w; x++, j += 3) {
        const s = base + x * 4;
        rgb[j] = rgba[s]!;
        rgb[j + 1] = rgba[s + 1]!;
        rgb[j + 2] = rgba[s + 2]!;
      }
      let sumSub = 0;
      let sumUp = 0;
      const prev = this.prev;
      for (let j = 0; j < stride; j++) {
        const a = (rgb[j]! - (j >= 3 ? rgb[j - 3]! : 0)) & 0xff;
        const b = (rgb[j]! - prev[j]!) & 0xff;
        sub[j] = a;
        up[j] = b;
        sumSub += a < 128 ? a : 256 - a;
        sumUp += b < 128 ? b : 256 - b;
      }
      const at = r * (stride + 1);
      if (sumUp <= sumSub) {
        out[at] = 2;
        out.set(up, at + 1);
      } else {
        out[at] = 1;
        out.set(sub, at + 1);
      }
      this.prev.set(rgb);
    }
    await this.writer.write(out);
    this.rows += count;
    return true;
  }

  /** The whole PNG. */
  async finish(): Promise<Uint8Array> {
    this.closed = true;
    await this.writer.close();
    await this.drained;
    const ihdr = new Uint8Array(13);
    const view = new DataView(ihdr.buffer);
    view.setUint32(0, this.width);
    view.setUint32(4, this.rows);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // truecolour
    const size = this.size;
    const parts: Uint8Array[] = [SIGNATURE, chunk('IHDR', ihdr)];
    // Re-cut the deflate stream into IDAT chunks (their boundaries carry no meaning).
    let block = new Uint8Array(Math.min(IDAT_MAX, size));
    let fill = 0;
    let left = size;
    for (const c of this.compressed.splice(0)) {
      let off = 0;
      while (off < c.length) {
        const n = Math.min(block.length - fill, c.length - off);
        block.set(c.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === block.length) {
          parts.push(chunk('IDAT', block));
          left -= fill;
          block = new Uint8Array(Math.min(IDAT_MAX, left));
          fill = 0;
        }
      }
    }
    if (fill > 0) parts.push(chunk('IDAT', block.subarray(0, fill)));
    parts.push(chunk('IEND', new Uint8Array(0)));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** Gives up (frees what was compressed). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.compressed.length = 0;
    void this.writer.abort().catch(() => undefined);
  }
}
