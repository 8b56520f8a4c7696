/**
 * The bits of zip.js the bundle uses, configured the same way everywhere: no web workers (extension
 * pages forbid blob: workers and Node has none), native CompressionStream where the platform has it.
 */
import { BlobReader, Uint8ArrayReader } from '@zip.js/zip.js';

export const ZIP_WORKER_OPTIONS = { useWebWorkers: false } as const;

/** Media types whose bytes are already compressed: stored, not deflated again (faster, same size). */
export function isPrecompressed(mediaType: string): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return /^(image\/(png|jpeg|gif|webp)|video\/|audio\/|application\/(zip|gzip|pdf|octet-stream))/.test(type);
}

export type BundleSource = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

/** Thrown when a bundle cannot be read at all; `code` says why in one word. */
export class BundleReadError extends Error {
  constructor(
    readonly code: 'unreadable' | 'too-large',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BundleReadError';
  }
}

/**
 * A random-access reader for zip.js. A stream is first collected into a Blob (browsers keep large
 * Blobs on disk), refusing more than `maxBytes`.
 */
export async function readerFor(source: BundleSource, maxBytes: number): Promise<BlobReader | Uint8ArrayReader> {
  if (source instanceof Uint8Array) return new Uint8ArrayReader(source);
  if (source instanceof ArrayBuffer) return new Uint8ArrayReader(new Uint8Array(source));
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    if (source.size > maxBytes) throw tooLarge(source.size, maxBytes);
    return new BlobReader(source);
  }
  if (source && typeof (source as ReadableStream).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    const parts: Blob[] = [];
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(total, maxBytes);
      }
      pending.push(value);
      pendingBytes += value.byteLength;
      if (pendingBytes >= 16 * 1024 * 1024) {
        parts.push(new Blob(pending as BlobPart[]));
        pending = [];
        pendingBytes = 0;
      }
    }
    parts.push(new Blob(pending as BlobPart[]));
    return new BlobReader(new Blob(parts));
  }
  throw new BundleReadError('unreadable', 'This is not a file that can be read as a bundle.');
}

function tooLarge(size: number, max: number): BundleReadError {
  return new BundleReadError(
    'too-large',
    `The file is ${size} bytes, more than the ${max} bytes a bundle may have here.`,
  );
}
