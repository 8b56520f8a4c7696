/**
 * A small streaming ZIP writer for unencrypted bundles (encrypted ones use zip.js, which implements WinZip AES).
 * Why not zip.js for these too: zip.js keeps an entry object of about 5 KB per file until the archive is closed, and
 * a bundle of 10,000 records has 40,000 files (200 MB held for nothing). Here a file costs its name, offset, sizes
 * and CRC until the central directory is written. Pure: CompressionStream ('deflate-raw') for deflate, no DOM.
 *
 * Format (APPNOTE 6.3.x): stored (0) or deflated (8) entries; UTF-8 names (flag bit 11); sizes and CRC in the local
 * header when the bytes are known, else a data descriptor (bit 3) after the data; ZIP64 records in the central
 * directory when an offset passes 4 GiB or there are 65,535 files or more. A single file must stay below 4 GiB (the
 * verifier refuses files over 2 GB anyway).
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  // Slicing-by-8 tables.
  for (let n = 0; n < 256; n++) {
    let c = table[n]!;
    for (let k = 1; k < 8; k++) {
      c = table[c & 0xff]! ^ (c >>> 8);
      table[k * 256 + n] = c >>> 0;
    }
  }
  return table;
})();

/** CRC-32 (ZIP's), continued from `crc` (start with 0). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = CRC_TABLE;
  let c = ~crc >>> 0;
  let i = 0;
  const n = bytes.length;
  for (; i + 8 <= n; i += 8) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c =
      t[7 * 256 + (c & 0xff)]! ^
      t[6 * 256 + ((c >>> 8) & 0xff)]! ^
      t[5 * 256 + ((c >>> 16) & 0xff)]! ^
      t[4 * 256 + (c >>> 24)]! ^
      t[3 * 256 + bytes[i + 4]!]! ^
      t[2 * 256 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

interface CentralEntry {
  name: Uint8Array;
  method: 0 | 8;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const MAX32 = 0xffffffff;
const enc = new TextEncoder();

/** DOS date and time of a Date (local fields, as ZIP tools show them). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export class StreamingZipWriter {
  private readonly out: WritableStreamDefaultWriter<Uint8Array>;
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly names = new Set<string>();
  private readonly time: number;
  private readonly date: number;

  constructor(
    target: WritableStream<Uint8Array>,
    options: { lastModDate: Date },
    private readonly signal?: AbortSignal,
  ) {
    this.out = target.getWriter();
    ({ time: this.time, date: this.date } = dosDateTime(options.lastModDate));
  }

  private async write(bytes: Uint8Array): Promise<void> {
    if (this.signal?.aborted) throw this.signal.reason ?? new Error('aborted');
    if (bytes.byteLength === 0) return;
    await this.out.ready;
    await this.out.write(bytes);
    this.offset += bytes.byteLength;
  }

  private claim(path: string): Uint8Array {
    if (this.names.has(path)) throw new Error(`${path} is written twice`);
    this.names.add(path);
    return enc.encode(path);
  }

  private localHeader(name: Uint8Array, method: 0 | 8, flags: number, crc: number, compressed: number, size: number): Uint8Array {
    const h = new Uint8Array(30 + name.byteLength);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, flags, true);
    v.setUint16(8, method, true);
    v.setUint16(10, this.time, true);
    v.setUint16(12, this.date, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, compressed, true);
    v.setUint32(22, size, true);
    v.setUint16(26, name.byteLength, true);
    v.setUint16(28, 0, true);
    h.set(name, 30);
    return h;
  }

  /**
   * A file whose bytes are all here: sizes and CRC go in the local header. Deflated (level > 0) only when that makes
   * it smaller and `keepDeflated(size, compressed)` agrees (the bundle stores what would deflate like a zip bomb).
   */
  async addBytes(path: string, bytes: Uint8Array, level: number, keepDeflated: (size: number, compressed: number) => boolean = () => true): Promise<void> {
    const name = this.claim(path);
    if (bytes.byteLength >= MAX32) throw new Error(`${path} is too large for this ZIP writer`);
    const crc = crc32(bytes);
    const data = level > 0 ? await deflate(bytes) : undefined;
    const deflated = data ? data.reduce((n, c) => n + c.byteLength, 0) : 0;
    const method: 0 | 8 = data && deflated < bytes.byteLength && keepDeflated(bytes.byteLength, deflated) ? 8 : 0;
    const size = method === 8 ? deflated : bytes.byteLength;
    const flags = 0x0800;
    const offset = this.offset;
    await this.write(this.localHeader(name, method, flags, crc, size, bytes.byteLength));
    if (method === 8) for (const chunk of data!) await this.write(chunk);
    else await this.write(bytes);
    this.entries.push({ name, method, flags, crc, compressed: size, size: bytes.byteLength, offset });
  }

  /** A file read as a stream: CRC and sizes follow the data in a data descriptor. */
  async addStream(path: string, source: ReadableStream<Uint8Array>, level: number): Promise<void> {
    const name = this.claim(path);
    const method: 0 | 8 = level > 0 ? 8 : 0;
    const flags = 0x0800 | 0x0008;
    const offset = this.offset;
    await this.write(this.localHeader(name, method, flags, 0, 0, 0));
    let crc = 0;
    let size = 0;
    const counted = source.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          crc = crc32(chunk, crc);
          size += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    const body = method === 8 ? counted.pipeThrough(new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
    const start = this.offset;
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await this.write(value);
      }
    } catch (error) {
      await reader.cancel(error).catch(() => undefined);
      throw error;
    }
    const compressed = this.offset - start;
    if (size >= MAX32 || compressed >= MAX32) throw new Error(`${path} is too large for this ZIP writer`);
    const d = new Uint8Array(16);
    const v = new DataView(d.buffer);
    v.setUint32(0, 0x08074b50, true);
    v.setUint32(4, crc, true);
    v.setUint32(8, compressed, true);
    v.setUint32(12, size, true);
    await this.write(d);
    this.entries.push({ name, method, flags, crc, compressed, size, offset });
  }

  /** Writes the central directory (ZIP64 records when needed) and closes the target. */
  async close(): Promise<void> {
    const cdStart = this.offset;
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (!batch.length) return;
      const all = new Uint8Array(batchBytes);
      let o = 0;
      for (const b of batch) {
        all.set(b, o);
        o += b.byteLength;
      }
      batch = [];
      batchBytes = 0;
      await this.write(all);
    };
    for (const e of this.entries) {
      const zip64 = e.offset >= MAX32;
      const extra = zip64 ? 12 : 0;
      const h = new Uint8Array(46 + e.name.byteLength + extra);
      const v = new DataView(h.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, zip64 ? 45 : 20, true); // made by: MS-DOS, version 2.0 (4.5 with ZIP64)
      v.setUint16(6, zip64 ? 45 : 20, true);
      v.setUint16(8, e.flags, true);
      v.setUint16(10, e.method, true);
      v.setUint16(12, this.time, true);
      v.setUint16(14, this.date, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressed, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, e.name.byteLength, true);
      v.setUint16(30, extra, true);
      v.setUint16(32, 0, true);
      v.setUint16(34, 0, true);
      v.setUint16(36, 0, true);
      v.setUint32(38, 0, true);
      v.setUint32(42, zip64 ? MAX32 : e.offset, true);
      h.set(e.name, 46);
      if (zip64) {
        const x = 46 + e.name.byteLength;
        v.setUint16(x, 0x0001, true);
        v.setUint16(x + 2, 8, true);
        v.setBigUint64(x + 4, BigInt(e.offset), true);
      }
      batch.push(h);
      batchBytes += h.byteLength;
      if (batchBytes > 256 * 1024) await flush();
    }
    await flush();
    const cdSize = this.offset - cdStart;
    const count = this.entries.length;
    const needs64 = count >= 0xffff || cdStart >= MAX32 || cdSize >= MAX32;
    if (needs64) {
      const z = new Uint8Array(56 + 20);
      const v = new DataView(z.buffer);
      const eocd64 = this.offset;
      v.setUint32(0, 0x06064b50, true);
      v.setBigUint64(4, 44n, true);
      v.setUint16(12, 45, true);
      v.setUint16(14, 45, true);
      v.setUint32(16, 0, true);
      v.setUint32(20, 0, true);
      v.setBigUint64(24, BigInt(count), true);
      v.setBigUint64(32, BigInt(count), true);
      v.setBigUint64(40, BigInt(cdSize), true);
      v.setBigUint64(48, BigInt(cdStart), true);
      v.setUint32(56, 0x07064b50, true);
      v.setUint32(60, 0, true);
      v.setBigUint64(64, BigInt(eocd64), true);
      v.setUint32(72, 1, true);
      await this.write(z);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, Math.min(count, 0xffff), true);
    v.setUint16(10, Math.min(count, 0xffff), true);
    v.setUint32(12, Math.min(cdSize, MAX32), true);
    v.setUint32(16, Math.min(cdStart, MAX32), true);
    v.setUint16(20, 0, true);
    await this.write(end);
    await this.out.close();
  }

  async abort(reason: unknown): Promise<void> {
    await this.out.abort(reason).catch(() => undefined);
  }
}

/** Raw deflate of bytes held in memory (the platform's CompressionStream), as the chunks it gives (never joined). */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array[]> {
  let offset = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(offset, offset + 1024 * 1024));
      offset += 1024 * 1024;
    },
  });
  const reader = source.pipeThrough(new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  const out: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}
