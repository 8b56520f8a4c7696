/**
 * The Node verifier's fast path for reading a bundle's files (see `rawReader` in verify.ts): large
 * reads straight from the file, with the next read already under way while a chunk is checked;
 * stored files are hashed as they lie in the ZIP, deflated ones go through zlib's native inflate;
 * the CRC-32 is zlib's. Checks as much as zip.js does: the CRC-32, the exact size, and the limit
 * (stopping as soon as more bytes come out than a file may have). Node only.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { EntryLimitError, type RawEntry, type RawEntryReader } from './verify';

/** Bytes per read from the file, and per piece of inflated output. */
const READ_BYTES = 4 * 1024 * 1024;
const INFLATE_CHUNK = 1024 * 1024;

export interface NodeEntryReader {
  read: RawEntryReader;
  close(): Promise<void>;
}

/**
 * Chunks passed to `onChunk` are only valid during the call (stored files are read into two
 * buffers used in turn, sparing the allocation and garbage collection of a buffer per read).
 */
export async function openNodeEntryReader(path: string): Promise<NodeEntryReader> {
  const file = await open(path, 'r');
  let pool: Uint8Array[] | undefined;
  return {
    read: async (entry, onChunk) => {
      // Reads of two files at once (not done by the verifier) each get buffers of their own.
      const buffers = pool ?? [new Uint8Array(READ_BYTES), new Uint8Array(READ_BYTES)];
      pool = undefined;
      try {
        await readEntry(file, entry, onChunk, buffers);
      } finally {
        pool = buffers;
      }
    },
    close: () => file.close(),
  };
}

async function readEntry(
  file: FileHandle,
  entry: RawEntry,
  onChunk: (chunk: Uint8Array) => void,
  buffers: Uint8Array[],
): Promise<void> {
  let count = 0;
  let crc = 0;
  const emit = (chunk: Uint8Array) => {
    count += chunk.byteLength;
    if (count > entry.limit) throw new EntryLimitError(`${entry.filename} unpacks to more than the ${entry.limit} bytes it may have`);
    crc = crc32(chunk, crc);
    onChunk(chunk);
  };
  if (entry.compressionMethod === 0) {
    // Each chunk is used before the read after next reuses its buffer.
    for await (const chunk of compressedChunks(file, entry, buffers)) emit(chunk);
  } else {
    // zlib may hold on to its input while it works: fresh buffers.
    await pipeline(compressedChunks(file, entry), createInflateRaw({ chunkSize: INFLATE_CHUNK }), async (inflated: AsyncIterable<Uint8Array>) => {
      for await (const chunk of inflated) emit(chunk);
    });
  }
  if (count !== entry.uncompressedSize) {
    throw new EntryLimitError(`${entry.filename} unpacks to more or fewer bytes than the ${entry.uncompressedSize} it declares`);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw new Error('Invalid CRC32');
}

/** The entry's stored bytes in large pieces, each read started before the previous one is used. */
async function* compressedChunks(file: FileHandle, entry: RawEntry, buffers?: Uint8Array[]): AsyncGenerator<Uint8Array> {
  const end = entry.dataOffset + entry.compressedSize;
  let position = entry.dataOffset;
  let turn = 0;
  const next = () => {
    const length = Math.min(READ_BYTES, end - position);
    const buffer = buffers ? buffers[turn++ % buffers.length]!.subarray(0, length) : new Uint8Array(length);
    const read = readFully(file, position, buffer);
    position += length;
    return read;
  };
  let pending = position < end ? next() : undefined;
  try {
    while (pending) {
      const chunk = await pending;
      pending = position < end ? next() : undefined;
      yield chunk;
    }
  } finally {
    // Stopped early (limit, bad data): the read already started is not wanted.
    pending?.catch(() => undefined);
  }
}

async function readFully(file: FileHandle, position: number, buffer: Uint8Array): Promise<Uint8Array> {
  const length = buffer.byteLength;
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new Error('the file ends before the data its directory points to (truncated)');
    filled += bytesRead;
  }
  return buffer;
}
