/**
 * Where an export's bytes go in an extension page: a Blob built in parts, so the browser can keep
 * large bundles out of the JavaScript heap (Chromium and Firefox back big Blobs with disk) instead
 * of one array of every chunk until the end. Pure: only WritableStream and Blob.
 */
export interface BlobSink {
  writable: WritableStream<Uint8Array>;
  /** The bundle, once the stream is closed. */
  blob(): Blob;
  /** Bytes received so far. */
  size(): number;
}

export function blobSink(type = 'application/zip', partBytes = 8 * 1024 * 1024): BlobSink {
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let total = 0;
  let closed = false;
  const flush = () => {
    if (pending.length) parts.push(new Blob(pending as BlobPart[]));
    pending = [];
    pendingBytes = 0;
  };
  return {
    writable: new WritableStream<Uint8Array>({
      write(chunk) {
        // Copy: the writer may reuse its buffer.
        pending.push(chunk.slice());
        pendingBytes += chunk.byteLength;
        total += chunk.byteLength;
        if (pendingBytes >= partBytes) flush();
      },
      close() {
        flush();
        closed = true;
      },
      abort() {
        parts.length = 0;
        pending = [];
        pendingBytes = 0;
      },
    }),
    blob() {
      if (!closed) throw new Error('The export has not finished.');
      return new Blob(parts, { type });
    },
    size: () => total,
  };
}

/**
 * A pass-through to `sink` that counts the bytes written (the export's size, known without re-reading it); `abort`
 * aborts the sink itself (an export that failed part-way leaves no file that looks whole).
 */
export function countingStream(sink: WritableStream<Uint8Array>): {
  writable: WritableStream<Uint8Array>;
  written(): number;
  abort(reason: unknown): Promise<void>;
} {
  const out = sink.getWriter();
  let written = 0;
  const writable = new WritableStream<Uint8Array>({
    async write(chunk) {
      written += chunk.byteLength;
      await out.ready;
      await out.write(chunk);
    },
    async close() {
      await out.close();
    },
    async abort(reason) {
      await out.abort(reason);
    },
  });
  return { writable, written: () => written, abort: (reason) => out.abort(reason) };
}
