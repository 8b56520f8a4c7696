/**
 * Hashing for the vault's hash chains. Pure: no IndexedDB, no DOM, no extension API, only WebCrypto
 * (`globalThis.crypto.subtle`, present in browsers, service workers and Node 20), so a stand-alone
 * Node verifier can import this file and recompute every hash in an export.
 *
 * A record's hash is SHA-256 over `canonicalJson(record)` with `chain.recordHash` left out (and
 * `chain.prevHash` kept, which is what links each record to the one before it). Custody events are
 * hashed the same way, leaving out their own `hash`.
 */
import type { EvidenceRecord } from '../model/evidence';
import { createSha256, type Hasher } from '../model/sha256';
import type { CustodyEvent } from './api';

const encoder = new TextEncoder();

/**
 * Files up to this size are hashed by WebCrypto over one buffer of the whole file (native: ~5–10× the incremental
 * SHA-256 in JS, which made a 50 MB file take over 2 s to add); larger ones incrementally, so memory stays bounded.
 */
export const WHOLE_HASH_MAX = 256 * 1024 * 1024;

/** Hashes `size` bytes given in order, piece by piece. */
export interface SizedHasher {
  update(piece: Uint8Array): void;
  /** Lower-case hex digest of the bytes given (call once, after all of them). */
  digest(): Promise<string>;
}

/**
 * A hasher for `size` bytes that arrive in pieces: up to `wholeMax` bytes it keeps a copy of them and hashes it with
 * WebCrypto at the end; beyond (or if that much memory cannot be had) it hashes incrementally in JS. Both give the
 * same hex; more bytes than `size` are hashed incrementally too, so the caller's own size check still sees them.
 */
export function sizedHasher(size: number, wholeMax = WHOLE_HASH_MAX): SizedHasher {
  let whole: Uint8Array | undefined;
  if (Number.isSafeInteger(size) && size >= 0 && size <= wholeMax) {
    try {
      whole = new Uint8Array(size);
    } catch {
      whole = undefined;
    }
  }
  let incremental: Hasher | undefined = whole ? undefined : createSha256();
  let at = 0;
  return {
    update(piece) {
      if (whole && at + piece.byteLength > whole.byteLength) {
        incremental = createSha256();
        incremental.update(whole.subarray(0, at));
        whole = undefined;
      }
      if (whole) whole.set(piece, at);
      else incremental?.update(piece);
      at += piece.byteLength;
    },
    async digest() {
      if (incremental) return incremental.digestHex();
      return sha256Hex((whole as Uint8Array).subarray(0, at));
    },
  };
}

/** Lower-case hex SHA-256 of bytes, or of a string's UTF-8 encoding. */
export async function sha256Hex(input: Uint8Array | string): Promise<string> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, JavaScript's default sort) at every
 * depth, no whitespace, members whose value is `undefined` omitted, arrays kept in order (an
 * `undefined` array element becomes `null`, as JSON.stringify does, so a record read back from an
 * exported JSON file hashes the same). Strings and numbers are written as JSON.stringify writes them.
 * Anything JSON cannot carry faithfully (NaN, Infinity, bigint, functions, typed arrays, dates,
 * cycles) is refused rather than silently changed, because a changed value would change the hash.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set(), '$');
}

function write(value: unknown, seen: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not a finite number`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: ${path} has type ${typeof value}, which JSON cannot carry`);
  }
  if (seen.has(value)) throw new TypeError(`canonicalJson: ${path} refers back to itself`);
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((item, i) => (item === undefined ? 'null' : write(item, seen, `${path}[${i}]`))).join(',')}]`;
  } else if (Object.prototype.toString.call(value) === '[object Object]') {
    const members: string[] = [];
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj).sort()) {
      const member = obj[key];
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${write(member, seen, `${path}.${key}`)}`);
    }
    out = `{${members.join(',')}}`;
  } else {
    throw new TypeError(`canonicalJson: ${path} is a ${Object.prototype.toString.call(value)}, not plain JSON`);
  }
  seen.delete(value);
  return out;
}

/** The record as its hash covers it: everything except `chain.recordHash`. */
export function recordHashInput(record: EvidenceRecord): string {
  return canonicalJson({ ...record, chain: { prevHash: record.chain.prevHash } });
}

/** SHA-256 of the record's canonical JSON without `chain.recordHash`. */
export function computeRecordHash(record: EvidenceRecord): Promise<string> {
  return sha256Hex(recordHashInput(record));
}

/** SHA-256 of a custody event's canonical JSON without its own `hash` (its `prevHash` is covered). */
export function computeCustodyHash(event: Omit<CustodyEvent, 'hash'> & { hash?: string }): Promise<string> {
  const { hash: _ignored, ...covered } = event;
  return sha256Hex(canonicalJson(covered));
}
