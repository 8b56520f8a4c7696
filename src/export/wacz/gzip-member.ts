/**
 * One gzip member (RFC 1952) per WARC record, so that a CDXJ line's offset and length pick out exactly one record that
 * any gzip reader inflates on its own. Text is deflated with the platform's CompressionStream; pictures, video and
 * other already-compressed bytes go in deflate *stored* blocks (RFC 1951 §3.2.4): still a valid gzip member, but
 * written at memory speed instead of spending the export's time trying to shrink a JPEG by 0.1 %. Pure: no DOM.
 */
import { crc32 } from '../zip-writer';

const STORED_BLOCK = 0xffff;
/** gzip header: magic, CM = deflate, no flags, MTIME 0 (the WARC-Date says when), XFL 0, OS 255 (unknown). */
const HEADER = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/** The record's bytes as one gzip member, chunk by chunk. `deflate` false = stored blocks. */
export async function* gzipMember(source: AsyncIterable<Uint8Array>, deflate: boolean): AsyncGenerator<Uint8Array> {
  if (deflate) {
    yield* viaCompressionStream(source);
    return;
  }
  yield HEADER;
  let crc = 0;
  let size = 0;
  // A stored block holds at most 65,535 bytes; a held-back tail lets the last block carry BFINAL without an empty one.
  let pending: Uint8Array | undefined;
  const block = (data: Uint8Array, final: boolean): Uint8Array => {
    const out = new Uint8Array(5 + data.byteLength);
    out[0] = final ? 1 : 0;
    out[1] = data.byteLength & 0xff;
    out[2] = data.byteLength >>> 8;
    out[3] = ~data.byteLength & 0xff;
    out[4] = (~data.byteLength >>> 8) & 0xff;
    out.set(data, 5);
    return out;
  };
  for await (const chunk of source) {
    if (chunk.byteLength === 0) continue;
    crc = crc32(chunk, crc);
    size += chunk.byteLength;
    let data = pending ? concat(pending, chunk) : chunk;
    pending = undefined;
    const blocks: Uint8Array[] = [];
    while (data.byteLength > STORED_BLOCK) {
      blocks.push(block(data.subarray(0, STORED_BLOCK), false));
      data = data.subarray(STORED_BLOCK);
    }
    pending = data;
    if (blocks.length) yield joined(blocks);
  }
  yield block(pending ?? new Uint8Array(0), true);
  const trailer = new Uint8Array(8);
  const v = new DataView(trailer.buffer);
  v.setUint32(0, crc >>> 0, true);
  v.setUint32(4, size >>> 0, true); // ISIZE: the size modulo 2^32
  yield trailer;
}

async function* viaCompressionStream(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const input = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
  const reader = input.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}
