/**
 * verifyBundle: checks an exported bundle end to end and says exactly what is missing, added or
 * changed. Pure (zip.js + WebCrypto + the vault's pure hashing); runs in an extension page and in
 * Node (bin/holdfast-verify.mjs).
 *
 * Checks, in order:
 *  1. The ZIP can be read; no entry name escapes the folder; declared sizes and compression ratios
 *     are within limits (checked before anything is inflated, and counted again while inflating).
 *  2. The password opens it (when encrypted).
 *  3. manifest.json is JSON, of a known format version, and matches docs/export-format.schema.json.
 *  4. Every file's SHA-256 against SHA256SUMS; files listed but absent = missing; present but not
 *     listed (or not known to the manifest) = added.
 *  5. Every artifact against the hash and size its record carries (the record hash covers them).
 *  6. Every record's recordHash recomputed; records in chain order; the chain of prevHash links
 *     from the genesis to the head; each record matches its place in the chain.
 *  7. The custody log's own chain, its head, and that its last entry records this export. A scoped
 *     export withholds the entries about other records: those lines carry only seq and hashes, and
 *     the links through them are checked.
 *  8. Every HTML file is inert: report.html starts with its Content-Security-Policy, and each
 *     captured page's `page.html` is exactly the inert copy of its captured bytes (recomputed here).
 *  9. Format 2, the case files: journal.csv, people.json and notes.json match the hashes the manifest lists;
 *     journal.csv is exactly what the journal-entry records say (regenerated here); people.json and notes.json are
 *     well-formed and refer to records in the bundle; every journal version after the first replaces an earlier
 *     version of the same entry that is in the bundle. Format 3 adds reports.json and reports.csv (reports to the
 *     platforms): listed with their hashes, reports.json well-formed with every record a report names in the bundle,
 *     reports.csv exactly what reports.json says (regenerated here).
 */
import {
  type Entry,
  ERR_ENCRYPTED,
  ERR_INVALID_PASSWORD,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  type FileEntry,
  ZipReader,
} from '@zip.js/zip.js';
import type { EvidenceRecord } from '../model/evidence';
import { normalizeFingerprint } from '../model/signature';
import { checkTimeStampToken, imprintOfHead } from '../model/timestamp-token';
import { tombstoneContent } from '../model/tombstone';
import { CUSTODY_ACTIONS as CUSTODY_ACTIONS_LIST, type CustodyEvent, RECORD_ORIGIN_ACTIONS } from '../vault/api';
import { computeCustodyHash, computeRecordHash } from '../vault/hashing';
import { journalChainProblems, journalCsvText, notesFileProblems, peopleFileProblems } from './case-files';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, FILES, type Manifest, READABLE_FORMAT_VERSIONS } from './format';
import { inertHtml } from './inert-html';
import { validateSchema } from './json-schema';
import { MANIFEST_SCHEMA } from './manifest-schema';
import { inertCopyPath, unsafePathReason } from './names';
import { type ReportsFile, reportsCsvText, reportsFileProblems } from './platform-reports';
import { REPORT_HTML_START, REPORT_HTML_STARTS } from './report-html';
import { createSha256, type HasherFactory } from './sha256';
import { checkSignature } from './signing';
import { BundleReadError, type BundleSource, readerFor, ZIP_WORKER_OPTIONS } from './zip';

export interface VerifyLimits {
  /** Largest bundle accepted from a stream (a Blob or file is read in place). */
  maxBundleBytes: number;
  /** Sum of all files' uncompressed sizes. */
  maxTotalBytes: number;
  /** Largest single file, uncompressed. */
  maxEntryBytes: number;
  maxEntries: number;
  /** Largest uncompressed/compressed ratio of a file bigger than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  maxManifestBytes: number;
  /** SHA256SUMS and custody-log.jsonl. */
  maxListBytes: number;
}

export const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  maxBundleBytes: 16 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxEntryBytes: 2 * 1024 ** 3,
  maxEntries: 500_000,
  maxRatio: 200,
  ratioMinBytes: 1024 * 1024,
  // A manifest holds every record (about 4 KB each): 200 MB is about 50,000 records.
  maxManifestBytes: 200 * 1024 * 1024,
  maxListBytes: 64 * 1024 * 1024,
};

export interface VerifyBundleOptions {
  password?: string;
  limits?: Partial<VerifyLimits>;
  /** Streaming SHA-256 for files too large to hash in one piece (the CLI passes node:crypto). */
  hasher?: HasherFactory;
  /** Bytes checked so far out of the total uncompressed size. */
  onProgress?(done: number, total: number): void;
  /** A fingerprint the signing key must have (typed by whoever checks, e.g. read from the vault page). */
  expectFingerprint?: string;
  /**
   * Reads unencrypted files straight from where the ZIP is kept, bypassing zip.js's stream
   * pipeline (the CLI: large file reads, zlib's native inflate, native CRC-32). zip.js still parses
   * the directory and checks each local header (names, flags, sizes, overlapping entries, bounds)
   * before the reader is called; the reader must check the CRC-32 and size and honour the limit.
   * Its chunks need only be valid during the `onChunk` call.
   */
  rawReader?: RawEntryReader;
  /**
   * Trusted time (issue #15): the certificates (DER) of the time-stamping authorities or their CAs the checker trusts.
   * Given, a token signed by any other authority is a problem; absent, any authority whose certificate is in the token
   * is accepted and named.
   */
  trustedTsa?: Uint8Array[];
}

/** Where an unencrypted file's data lies in the ZIP and what it must give (see `rawReader`). */
export interface RawEntry {
  filename: string;
  /** 0 stored, 8 deflated; other methods are never passed to a raw reader. */
  compressionMethod: 0 | 8;
  /** Offset of the file's (compressed) data in the ZIP, after its local header. */
  dataOffset: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  /** Most bytes the file may unpack to: throw `EntryLimitError` as soon as more come out. */
  limit: number;
}

export type RawEntryReader = (entry: RawEntry, onChunk: (chunk: Uint8Array) => void) => Promise<void>;

/** Thrown (by zip.js reads or a raw reader) when a file unpacks to more, or other, bytes than it may. */
export class EntryLimitError extends Error {}

export type BundleProblemCode =
  | 'unreadable' // not a ZIP, truncated, or ambiguous (e.g. two files with one name)
  | 'unsafe-path' // a name that would escape the folder when unpacked
  | 'too-large' // size, entry-count or compression-ratio limits (zip bomb)
  | 'password-required'
  | 'password-wrong'
  | 'manifest-missing'
  | 'manifest-invalid'
  | 'format-unknown'
  | 'sums-missing'
  | 'sums-invalid'
  | 'file-missing'
  | 'file-added'
  | 'file-changed'
  | 'file-corrupt'
  | 'artifact-missing'
  | 'artifact-hash'
  | 'artifact-size'
  | 'record-hash'
  | 'record-order'
  | 'record-duplicate'
  | 'chain-break'
  | 'head-mismatch'
  | 'custody-break'
  | 'html-not-inert'
  | 'tombstone-content'
  | 'case-file' // journal.csv, people.json or notes.json does not match the manifest or the records
  | 'journal-chain' // a journal version that does not replace an earlier version of its entry
  // Format 4 (issue #15, src/export/signing.ts): SIGNATURE.json.
  | 'signature-missing' // a format-4 bundle without SIGNATURE.json
  | 'signature-invalid' // the signature does not verify (changed statement, other content, another key)
  | 'signature-key' // the key is not the one the manifest names (swapped), or not the one expected
  | 'signature-mismatch' // a file, the manifest or its exportedAt/exportedBy/counts/heads are not what was signed
  | 'signed-head' // the chain does not reach, or does not hold, the head the vault signed
  // Trusted time (issue #15, RFC 3161 tokens).
  | 'timestamp-invalid' // a token that does not hold: damaged, another hash, bad signature or certificate, unknown TSA
  | 'timestamp-head'; // a token's head is not a head of this bundle's chain, or the manifest's account of it differs

export interface BundleProblem {
  code: BundleProblemCode;
  path?: string;
  seq?: number;
  recordId?: string;
  artifactId?: string;
  message: string;
}

export interface BundleReport {
  ok: boolean;
  /** True when checking stopped early (unreadable, wrong password, limits, unusable manifest). */
  fatal: boolean;
  format?: string;
  formatVersion?: number;
  exportId?: string;
  exportedAt?: string;
  exportedBy?: string;
  toolVersion?: string;
  encrypted: boolean;
  records: number;
  deleted: number;
  artifacts: number;
  files: number;
  bytes: number;
  missing: string[];
  added: string[];
  changed: string[];
  problems: BundleProblem[];
  /**
   * The vault key's signature (format 4): 'signed' only when it verifies; 'unsigned' for a bundle of an older format;
   * 'invalid' otherwise. `fingerprint` is the fingerprint of the key in SIGNATURE.json.
   */
  signature?: { status: 'signed' | 'unsigned' | 'invalid'; fingerprint?: string; signedHead?: { seq: number; hash: string } };
  /** Trusted time (issue #15): each token that holds — the head it covers, the authority, its time. */
  trustedTime?: Array<{ file: string; seq: number; tsaName: string; genTime: string }>;
  checkedAt: string;
}

/** What import needs beyond the report: the manifest and a way to read each file. */
export interface OpenedBundle {
  report: BundleReport;
  manifest?: Manifest;
  /** Reads one file's bytes (limits and password applied). */
  read(path: string): Promise<Uint8Array>;
  /**
   * Reads one captured file for storing: streamed into one buffer of exactly `expect.size` bytes (no
   * second copy), hashed as it streams, and refused (ArtifactReadError) unless size and SHA-256 match.
   */
  readChecked(path: string, expect: { size: number; sha256: string }): Promise<Uint8Array>;
  /**
   * Streams one captured file for storing, a chunk at a time, never whole: the ZIP is read only as fast as the
   * chunks are taken (reading starts at the first and stops when the iteration stops early). Refused
   * (ArtifactReadError) if the file is declared with another size than `expect.size` or is too large here, and stops
   * with an error if it unpacks to more. Its hash is checked by whoever stores it (the vault hashes as it stores).
   */
  stream(path: string, expect: { size: number }): AsyncIterable<Uint8Array>;
}

/** A captured file that cannot be taken into the vault: too big to hold here, or not the bytes it should be. */
export class ArtifactReadError extends Error {
  constructor(
    readonly code: 'too-large' | 'mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'ArtifactReadError';
  }
}

export async function verifyBundle(source: BundleSource, options: VerifyBundleOptions = {}): Promise<BundleReport> {
  return (await inspectBundle(source, options)).report;
}

/** Verifies and keeps the bundle open for reading (used by importBundle). */
export async function inspectBundle(source: BundleSource, options: VerifyBundleOptions = {}): Promise<OpenedBundle> {
  const limits = { ...DEFAULT_VERIFY_LIMITS, ...options.limits };
  const problems: BundleProblem[] = [];
  const missing = new Set<string>();
  const added = new Set<string>();
  const changed = new Set<string>();
  const report: BundleReport = {
    ok: false,
    fatal: false,
    encrypted: false,
    records: 0,
    deleted: 0,
    artifacts: 0,
    files: 0,
    bytes: 0,
    missing: [],
    added: [],
    changed: [],
    problems,
    checkedAt: new Date().toISOString(),
  };
  const byPath = new Map<string, FileEntry>();
  const password = options.password ? options.password : undefined;

  /** `onChunk` may return a promise: the ZIP is read no faster than it settles (not with the raw reader: `raw` false). */
  const readEntry = async (entry: FileEntry, onChunk: (chunk: Uint8Array) => void | Promise<void>, cap: number, raw = true): Promise<void> => {
    let count = 0;
    const limit = Math.min(entry.uncompressedSize, cap);
    const method = entry.compressionMethod;
    const crc32 = entry.crc32 ?? entry.signature;
    if (raw && options.rawReader && !entry.encrypted && (method === 0 || method === 8) && crc32 !== undefined) {
      // zip.js checks the local header against the directory (and for overlaps) without reading data.
      await entry.getData(new WritableStream<Uint8Array>(), { ...ZIP_WORKER_OPTIONS, checkOverlappingEntryOnly: true });
      const dataOffset = entry.localDirectory?.dataOffset;
      if (typeof dataOffset === 'number') {
        await options.rawReader(
          {
            filename: entry.filename,
            compressionMethod: method,
            dataOffset,
            compressedSize: entry.compressedSize,
            uncompressedSize: entry.uncompressedSize,
            crc32,
            limit,
          },
          (chunk) => void onChunk(chunk),
        );
        return;
      }
    }
    try {
      await entry.getData(
        new WritableStream<Uint8Array>({
          write(chunk) {
            count += chunk.byteLength;
            // More bytes than declared, or than allowed: stop inflating now (zip bomb).
            if (count > limit) throw new EntryLimitError(`${entry.filename} unpacks to more than the ${limit} bytes it may have`);
            return onChunk(chunk);
          },
        }),
        { ...ZIP_WORKER_OPTIONS, ...(password ? { password } : {}), checkCrc32: true },
      );
    } catch (error) {
      // zip.js counts too: a file that inflates to another size than declared is a possible bomb.
      if (error instanceof Error && error.message === ERR_INVALID_UNCOMPRESSED_SIZE) {
        throw new EntryLimitError(`${entry.filename} unpacks to more or fewer bytes than the ${entry.uncompressedSize} it declares`);
      }
      throw error;
    }
  };
  const readAll = async (entry: FileEntry, cap: number): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    await readEntry(entry, (c) => {
      // A raw reader's chunks are only valid during the call.
      chunks.push(options.rawReader ? c.slice() : c);
      size += c.byteLength;
    }, cap);
    return concat(chunks, size);
  };
  const opened: OpenedBundle = {
    report,
    async read(path) {
      const entry = byPath.get(path);
      if (!entry) throw new Error(`${path} is not in the bundle`);
      return readAll(entry, limits.maxEntryBytes);
    },
    stream(path, expect) {
      return { [Symbol.asyncIterator]: () => entryChunks(checkedEntry(path, expect), expect.size) };
    },
    async readChecked(path, expect) {
      const entry = checkedEntry(path, expect);
      let out: Uint8Array;
      try {
        out = new Uint8Array(expect.size);
      } catch {
        throw new ArtifactReadError('too-large', `${path} is ${expect.size} bytes: this browser cannot hold a file that large in memory to store it.`);
      }
      const hasher = (options.hasher ?? createSha256)();
      let offset = 0;
      await readEntry(
        entry,
        (chunk) => {
          if (offset + chunk.byteLength > out.byteLength) throw new EntryLimitError(`${path} unpacks to more than the ${expect.size} bytes it declares`);
          out.set(chunk, offset);
          offset += chunk.byteLength;
          hasher.update(chunk);
        },
        expect.size,
      );
      if (offset !== expect.size || hasher.digestHex() !== expect.sha256) {
        throw new ArtifactReadError('mismatch', `${path} does not match the hash recorded at capture: it was changed.`);
      }
      return out;
    },
  };
  /** The entry of a captured file about to be read for storing, refused if it cannot be what was captured. */
  const checkedEntry = (path: string, expect: { size: number }): FileEntry => {
    const entry = byPath.get(path);
    if (!entry) throw new Error(`${path} is not in the bundle`);
    if (entry.uncompressedSize !== expect.size) {
      throw new ArtifactReadError('mismatch', `${path} holds ${entry.uncompressedSize} bytes, but ${expect.size} were captured.`);
    }
    if (expect.size > limits.maxEntryBytes) {
      throw new ArtifactReadError('too-large', `${path} is ${expect.size} bytes, more than the ${limits.maxEntryBytes} a single file may have here.`);
    }
    return entry;
  };
  /**
   * Hands an entry's chunks over one at a time: the reader waits in `onChunk` until the consumer has taken the chunk
   * before (at most one chunk read ahead). Stopping early makes the reader's next chunk throw, which ends the read.
   */
  async function* entryChunks(entry: FileEntry, size: number): AsyncGenerator<Uint8Array> {
    const queue: Uint8Array[] = [];
    let stopped = false;
    let ended = false;
    let failure: unknown;
    let wakeConsumer: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const wake = (which: 'consumer' | 'reader') => {
      const fn = which === 'consumer' ? wakeConsumer : wakeReader;
      if (which === 'consumer') wakeConsumer = undefined;
      else wakeReader = undefined;
      fn?.();
    };
    const reading = readEntry(
      entry,
      async (chunk) => {
        if (stopped) throw new EntryLimitError('reading stopped');
        queue.push(chunk);
        wake('consumer');
        while (queue.length > 0 && !stopped) await new Promise<void>((resolve) => (wakeReader = resolve));
        if (stopped) throw new EntryLimitError('reading stopped');
      },
      size,
      false,
    ).then(
      () => {
        ended = true;
        wake('consumer');
      },
      (error: unknown) => {
        failure = error;
        ended = true;
        wake('consumer');
      },
    );
    try {
      for (;;) {
        const next = queue.shift();
        if (next) {
          wake('reader');
          yield next;
          continue;
        }
        if (ended) {
          if (failure !== undefined) throw failure;
          return;
        }
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    } finally {
      stopped = true;
      wake('reader');
      await reading;
    }
  }
  const finish = (fatal: boolean): OpenedBundle => {
    report.fatal = fatal;
    report.missing = [...missing].sort();
    report.added = [...added].sort();
    report.changed = [...changed].sort();
    report.ok = !fatal && problems.length === 0;
    return opened;
  };
  const fatal = (code: BundleProblemCode, message: string, path?: string): OpenedBundle => {
    problems.push({ code, message, ...(path !== undefined && { path }) });
    return finish(true);
  };

  // 1. Open the ZIP and look at its directory.
  let entries: Entry[];
  try {
    const reader = await readerFor(source, limits.maxBundleBytes);
    const zip = new ZipReader(reader, { ...ZIP_WORKER_OPTIONS, strictness: 'strict', filenameValidation: 'tolerant' });
    entries = await zip.getEntries();
  } catch (error) {
    if (error instanceof BundleReadError && error.code === 'too-large') return fatal('too-large', error.message);
    return fatal('unreadable', `The file is not a readable ZIP bundle (it may be damaged or incomplete): ${errorText(error)}.`);
  }
  const files = entries.filter((e): e is FileEntry => !e.directory);
  report.files = files.length;
  if (files.length > limits.maxEntries) {
    return fatal('too-large', `The bundle holds ${files.length} files, more than the ${limits.maxEntries} allowed.`);
  }
  let declaredTotal = 0;
  for (const entry of files) {
    const reason = unsafePathReason(entry.filename);
    if (reason) {
      problems.push({ code: 'unsafe-path', path: entry.filename, message: `"${entry.filename}" is not a safe name: ${reason}.` });
      added.add(entry.filename);
      continue;
    }
    if (byPath.has(entry.filename)) {
      return fatal('unreadable', `The bundle holds two files named "${entry.filename}".`, entry.filename);
    }
    byPath.set(entry.filename, entry);
    declaredTotal += entry.uncompressedSize;
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      return fatal('too-large', `"${entry.filename}" would unpack to ${entry.uncompressedSize} bytes, more than the ${limits.maxEntryBytes} allowed.`, entry.filename);
    }
    if (
      entry.uncompressedSize > limits.ratioMinBytes &&
      entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)
    ) {
      return fatal(
        'too-large',
        `"${entry.filename}" is compressed ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} to 1, more than a real bundle is (a "zip bomb" would be).`,
        entry.filename,
      );
    }
  }
  if (declaredTotal > limits.maxTotalBytes) {
    return fatal('too-large', `The bundle would unpack to ${declaredTotal} bytes, more than the ${limits.maxTotalBytes} allowed.`);
  }
  report.bytes = declaredTotal;
  report.encrypted = files.some((e) => e.encrypted);

  // 2. Password.
  if (report.encrypted && !password) {
    return fatal('password-required', 'This bundle is encrypted. Enter the password it was exported with.');
  }

  // 3. Manifest.
  const manifestEntry = byPath.get(FILES.manifest);
  if (!manifestEntry) return fatal('manifest-missing', 'manifest.json is missing, so the bundle cannot be checked.', FILES.manifest);
  if (manifestEntry.uncompressedSize > limits.maxManifestBytes) {
    return fatal('too-large', `manifest.json is ${manifestEntry.uncompressedSize} bytes, more than the ${limits.maxManifestBytes} allowed.`, FILES.manifest);
  }
  const actual = new Map<string, { sha256: string; size: number }>();
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await readAll(manifestEntry, limits.maxManifestBytes);
  } catch (error) {
    if (isPasswordError(error)) return fatal('password-wrong', 'The password is not right for this bundle.');
    if (error instanceof EntryLimitError) return fatal('too-large', `${error.message}, so the bundle was refused: the file is damaged, or made to exhaust memory (a zip bomb).`, FILES.manifest);
    return fatal('manifest-invalid', `manifest.json cannot be read: ${errorText(error)}.`, FILES.manifest);
  }
  actual.set(FILES.manifest, { sha256: await digestHex(manifestBytes), size: manifestBytes.byteLength });
  let manifestValue: unknown;
  try {
    manifestValue = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    return fatal('manifest-invalid', 'manifest.json is not valid JSON.', FILES.manifest);
  }
  manifestBytes = new Uint8Array(0);
  const head = manifestValue as Partial<Manifest> | null;
  if (!head || typeof head !== 'object' || head.format !== BUNDLE_FORMAT) {
    return fatal('manifest-invalid', 'manifest.json does not describe a Holdfast evidence bundle.', FILES.manifest);
  }
  if (typeof head.formatVersion !== 'number' || !READABLE_FORMAT_VERSIONS.includes(head.formatVersion)) {
    return fatal(
      'format-unknown',
      `This bundle uses format version ${String(head.formatVersion)}, which this version of Holdfast does not know (it reads versions ${READABLE_FORMAT_VERSIONS.join(', ')}; the newest is ${BUNDLE_FORMAT_VERSION}).`,
      FILES.manifest,
    );
  }
  const schemaErrors = validateSchema(MANIFEST_SCHEMA, manifestValue, 10);
  if (schemaErrors.length) {
    return fatal(
      'manifest-invalid',
      `manifest.json does not have the expected structure: ${schemaErrors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
      FILES.manifest,
    );
  }
  const manifest = manifestValue as Manifest;
  opened.manifest = manifest;
  report.format = manifest.format;
  report.formatVersion = manifest.formatVersion;
  report.exportId = manifest.exportId;
  report.exportedAt = manifest.exportedAt;
  if (manifest.exportedBy !== undefined) report.exportedBy = manifest.exportedBy;
  report.toolVersion = manifest.tool.version;
  report.records = manifest.records.length;
  report.deleted = manifest.records.filter((r) => r.record.deleted).length;

  // 4. SHA256SUMS.
  const sums = new Map<string, string>();
  const sumsEntry = byPath.get(FILES.sums);
  if (!sumsEntry) {
    problems.push({ code: 'sums-missing', path: FILES.sums, message: 'SHA256SUMS is missing: the files cannot be checked against it.' });
    missing.add(FILES.sums);
  } else {
    try {
      const bytes = await readAll(sumsEntry, limits.maxListBytes);
      actual.set(FILES.sums, { sha256: await digestHex(bytes), size: bytes.byteLength });
      parseSums(new TextDecoder().decode(bytes), sums, problems);
    } catch (error) {
      if (error instanceof EntryLimitError) return fatal('too-large', `${error.message}, so the bundle was refused: the file is damaged, or made to exhaust memory (a zip bomb).`, FILES.sums);
      problems.push({ code: 'file-corrupt', path: FILES.sums, message: `SHA256SUMS cannot be read: ${errorText(error)}.` });
    }
  }

  // 5. What each artifact must be, from the records themselves (covered by the record hashes).
  interface Expected {
    sha256: string;
    size: number;
    seq: number;
    recordId: string;
    artifactId: string;
  }
  const expected = new Map<string, Expected>();
  for (const { record, artifacts } of manifest.records) {
    const listed = new Map(artifacts.map((a) => [a.id, a]));
    if (record.deleted) {
      for (const a of artifacts) {
        problems.push({
          code: 'tombstone-content',
          path: a.path,
          seq: record.seq,
          recordId: record.id,
          message: `manifest.json lists ${a.path} under record #${record.seq}, which is marked deleted: a deleted record has no files.`,
        });
        added.add(a.path);
      }
      continue;
    }
    for (const ref of record.artifacts) {
      const entry = listed.get(ref.id);
      if (!entry) {
        problems.push({
          code: 'artifact-missing',
          seq: record.seq,
          recordId: record.id,
          artifactId: ref.id,
          message: `The file "${ref.filename}" of record #${record.seq} is not listed in manifest.json.`,
        });
        continue;
      }
      if (entry.sha256 !== ref.sha256 || entry.size !== ref.size) {
        problems.push({
          code: 'artifact-hash',
          path: entry.path,
          seq: record.seq,
          recordId: record.id,
          artifactId: ref.id,
          message: `manifest.json lists ${entry.path} with a hash or size different from what record #${record.seq} recorded at capture.`,
        });
        changed.add(entry.path);
      }
      expected.set(entry.path, { sha256: ref.sha256, size: ref.size, seq: record.seq, recordId: record.id, artifactId: ref.id });
    }
    for (const a of artifacts) {
      if (!record.artifacts.some((ref) => ref.id === a.id)) {
        problems.push({
          code: 'file-added',
          path: a.path,
          seq: record.seq,
          recordId: record.id,
          message: `manifest.json lists ${a.path} under record #${record.seq}, but the record itself has no such file.`,
        });
        added.add(a.path);
      }
    }
  }
  report.artifacts = expected.size;
  const known = new Set<string>([FILES.manifest, FILES.sums, ...manifest.files, ...expected.keys()]);

  // 6. Hash every file once.
  let doneBytes = manifestEntry.uncompressedSize + (sumsEntry?.uncompressedSize ?? 0);
  let custodyText: string | undefined;
  let signatureText: string | undefined;
  let reportStart: string | undefined;
  /** The case files' text (format 2), read as they are hashed. */
  const caseText = new Map<string, string>();
  const casePaths = new Set(
    manifest.case ? [manifest.case.journal.path, manifest.case.people.path, manifest.case.notes.path, manifest.case.reports?.path, manifest.case.reportsCsv?.path].filter((p): p is string => typeof p === 'string') : [],
  );
  /** Trusted-time tokens (issue #15), read as they are hashed. */
  const tokenPaths = new Set((manifest.trustedTime?.tokens ?? []).map((t) => t.file));
  const tokenBytes = new Map<string, Uint8Array>();
  const bufferLimit = options.hasher ? 0 : 64 * 1024 * 1024;
  for (const [path, entry] of byPath) {
    if (path === FILES.manifest || path === FILES.sums) continue;
    if (manifest.encrypted && !entry.encrypted) {
      problems.push({ code: 'file-changed', path, message: `${path} is not encrypted like the rest of the bundle: it was added or replaced.` });
      changed.add(path);
    }
    try {
      if (path === FILES.custody || path === FILES.signature || casePaths.has(path) || tokenPaths.has(path)) {
        const bytes = await readAll(entry, limits.maxListBytes);
        actual.set(path, { sha256: await digestHex(bytes), size: bytes.byteLength });
        if (tokenPaths.has(path)) tokenBytes.set(path, bytes);
        else if (path === FILES.custody) custodyText = new TextDecoder().decode(bytes);
        else if (path === FILES.signature) signatureText = new TextDecoder().decode(bytes);
        else caseText.set(path, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
      } else if (entry.uncompressedSize <= bufferLimit) {
        const bytes = await readAll(entry, limits.maxEntryBytes);
        actual.set(path, { sha256: await digestHex(bytes), size: bytes.byteLength });
        if (path === FILES.reportHtml) reportStart = new TextDecoder().decode(bytes.subarray(0, REPORT_HTML_START.length));
      } else {
        const hasher = (options.hasher ?? createSha256)();
        let size = 0;
        let head = '';
        await readEntry(entry, (chunk) => {
          if (path === FILES.reportHtml && size < REPORT_HTML_START.length) head += new TextDecoder().decode(chunk.subarray(0, REPORT_HTML_START.length - size));
          hasher.update(chunk);
          size += chunk.byteLength;
        }, limits.maxEntryBytes);
        actual.set(path, { sha256: hasher.digestHex(), size });
        if (path === FILES.reportHtml) reportStart = head;
      }
    } catch (error) {
      if (isPasswordError(error)) return fatal('password-wrong', 'The password is not right for this bundle.');
      if (error instanceof EntryLimitError) return fatal('too-large', `${error.message}, so the bundle was refused: the file is damaged, or made to exhaust memory (a zip bomb).`, path);
      problems.push({ code: 'file-corrupt', path, message: `${path} is damaged and cannot be read: ${errorText(error)}.` });
      changed.add(path);
    }
    doneBytes += entry.uncompressedSize;
    options.onProgress?.(doneBytes, declaredTotal);
  }

  // 7. Compare files with SHA256SUMS and the manifest.
  for (const [path, got] of actual) {
    if (path !== FILES.sums && sumsEntry) {
      const listedHash = sums.get(path);
      if (listedHash === undefined) {
        problems.push({ code: 'file-added', path, message: `${path} is in the bundle but not listed in SHA256SUMS: it was added.` });
        added.add(path);
      } else if (listedHash !== got.sha256) {
        problems.push({ code: 'file-changed', path, message: `${path} does not match its hash in SHA256SUMS: it was changed.` });
        changed.add(path);
      }
    }
    const exp = expected.get(path);
    if (exp) {
      const where = { path, seq: exp.seq, recordId: exp.recordId, artifactId: exp.artifactId };
      if (got.size !== exp.size) {
        problems.push({ code: 'artifact-size', ...where, message: `${path} (record #${exp.seq}) has ${got.size} bytes, but ${exp.size} were captured.` });
        changed.add(path);
      } else if (got.sha256 !== exp.sha256) {
        problems.push({ code: 'artifact-hash', ...where, message: `${path} (record #${exp.seq}) does not match the hash recorded at capture: it was changed.` });
        changed.add(path);
      }
    } else if (!known.has(path) && !added.has(path)) {
      problems.push({ code: 'file-added', path, message: `${path} is in the bundle but manifest.json does not know it: it was added.` });
      added.add(path);
    }
  }
  for (const path of sums.keys()) {
    if (!byPath.has(path) && !expected.has(path)) {
      problems.push({ code: 'file-missing', path, message: `${path} is listed in SHA256SUMS but missing from the bundle.` });
      missing.add(path);
    }
  }
  for (const [path, exp] of expected) {
    if (!byPath.has(path)) {
      problems.push({
        code: 'artifact-missing',
        path,
        seq: exp.seq,
        recordId: exp.recordId,
        artifactId: exp.artifactId,
        message: `${path} (a file of record #${exp.seq}) is missing from the bundle.`,
      });
      missing.add(path);
    }
  }
  for (const path of manifest.files) {
    if (!byPath.has(path) && !sums.has(path)) {
      problems.push({ code: 'file-missing', path, message: `${path} is missing from the bundle.` });
      missing.add(path);
    }
  }

  // 8. Every HTML file is inert.
  if (reportStart !== undefined && !REPORT_HTML_STARTS.includes(reportStart)) {
    problems.push({
      code: 'html-not-inert',
      path: FILES.reportHtml,
      message: 'report.html does not start with the rule that forbids scripts and network requests: it was replaced, and opening it could run code.',
    });
    changed.add(FILES.reportHtml);
  }
  const inertCopies = new Map<string, string>();
  for (const path of expected.keys()) {
    const copy = inertCopyPath(path);
    if (copy) inertCopies.set(copy, path);
  }
  for (const path of byPath.keys()) {
    // Captured HTML from bundles of earlier versions is an artifact checked by its hash above.
    if (!/\.html?$/i.test(path) || path === FILES.reportHtml || expected.has(path)) continue;
    const captured = inertCopies.get(path);
    if (!captured) {
      problems.push({ code: 'html-not-inert', path, message: `${path} is a web page that is not one of the bundle's inert copies: opening it could run code.` });
      changed.add(path);
      continue;
    }
    const got = actual.get(path);
    if (!got || !byPath.has(captured) || changed.has(captured)) continue;
    try {
      const bytes = await opened.read(captured);
      const want = await digestHex(new TextEncoder().encode(inertHtml(new TextDecoder().decode(bytes))));
      if (want !== got.sha256) {
        problems.push({
          code: 'html-not-inert',
          path,
          message: `${path} is not the inert copy of ${captured} (scripts and remote references removed): it was changed, and opening it could run code.`,
        });
        changed.add(path);
      }
    } catch (error) {
      if (isPasswordError(error)) return fatal('password-wrong', 'The password is not right for this bundle.');
      problems.push({ code: 'file-corrupt', path: captured, message: `${captured} cannot be read: ${errorText(error)}.` });
    }
  }

  // 9. Records and the chain; the journal's versions.
  await checkRecords(manifest, problems);
  for (const p of journalChainProblems(manifest.records.map((r) => r.record))) {
    problems.push({ code: 'journal-chain', seq: p.seq, recordId: p.id, message: p.message });
  }

  // 10. The case files (format 2).
  checkCaseFiles(manifest, caseText, actual, missing, changed, problems);

  // 11. Custody log.
  if (custodyText !== undefined) await checkCustody(custodyText, manifest, problems);
  else if (!missing.has(FILES.custody)) {
    problems.push({ code: 'file-missing', path: FILES.custody, message: 'custody-log.jsonl is missing from the bundle.' });
    missing.add(FILES.custody);
  }

  // 12. The vault key's signature (format 4): what it covers against the bundle as it is.
  const expectFingerprint = options.expectFingerprint === undefined ? undefined : (normalizeFingerprint(options.expectFingerprint) ?? options.expectFingerprint);
  const signed = await checkSignature(manifest, signatureText, actual, expectFingerprint, new Set([...changed, ...added, ...missing]));
  report.signature = { status: signed.status, ...(signed.fingerprint && { fingerprint: signed.fingerprint }), ...(signed.signedHead && { signedHead: signed.signedHead }) };
  for (const p of signed.problems) {
    problems.push(p);
    if (p.code === 'signature-missing') missing.add(FILES.signature);
  }

  // 13. Trusted time (issue #15): each token checked by itself against the head it names, and that head against the chain.
  if (manifest.trustedTime) report.trustedTime = await checkTimestamps(manifest, tokenBytes, missing, options.trustedTsa, problems);

  return finish(false);
}

async function checkTimestamps(
  manifest: Manifest,
  tokenBytes: Map<string, Uint8Array>,
  missing: Set<string>,
  trusted: Uint8Array[] | undefined,
  problems: BundleProblem[],
): Promise<NonNullable<BundleReport['trustedTime']>> {
  const held: NonNullable<BundleReport['trustedTime']> = [];
  const chain = new Map(manifest.chain.records.map((c) => [c.seq, c.recordHash]));
  for (const t of manifest.trustedTime?.tokens ?? []) {
    const where = { path: t.file, seq: t.seq };
    if (!manifest.files.includes(t.file)) {
      problems.push({ code: 'timestamp-head', ...where, message: `${t.file} is named as a trusted-time token but not listed among the bundle's files.` });
      continue;
    }
    if (chain.get(t.seq) !== t.hash) {
      problems.push({ code: 'timestamp-head', ...where, message: `${t.file} time-stamps head #${t.seq} ${t.hash}, which is not a head of this bundle's chain.` });
      continue;
    }
    const bytes = tokenBytes.get(t.file);
    if (!bytes) {
      if (!missing.has(t.file)) problems.push({ code: 'timestamp-invalid', ...where, message: `${t.file} (the trusted-time token of head #${t.seq}) is missing from the bundle.` });
      continue;
    }
    const checked = await checkTimeStampToken(bytes, { sha256: imprintOfHead(t.hash), ...(trusted ? { trusted } : {}) });
    if (!checked.ok) {
      problems.push({ code: 'timestamp-invalid', ...where, message: `${t.file} (trusted time of head #${t.seq}) does not hold: ${checked.problem}.` });
      continue;
    }
    if (checked.time.genTime !== t.genTime || checked.time.tsaName !== t.tsaName) {
      problems.push({
        code: 'timestamp-head',
        ...where,
        message: `manifest.json says ${t.file} was confirmed by ${t.tsaName} at ${t.genTime}, but the token says ${checked.time.tsaName} at ${checked.time.genTime}.`,
      });
      continue;
    }
    held.push({ file: t.file, seq: t.seq, tsaName: checked.time.tsaName, genTime: checked.time.genTime });
  }
  return held;
}

function checkCaseFiles(
  manifest: Manifest,
  text: Map<string, string>,
  actual: Map<string, { sha256: string; size: number }>,
  missing: Set<string>,
  changed: Set<string>,
  problems: BundleProblem[],
): void {
  const refs = manifest.case;
  if (manifest.formatVersion < 2) return;
  if (!refs) {
    problems.push({ code: 'case-file', path: FILES.manifest, message: 'manifest.json of a format-2 bundle does not list journal.csv, people.json and notes.json.' });
    return;
  }
  const expectedPaths = { journal: FILES.journal, people: FILES.people, notes: FILES.notes, reports: FILES.reports, reportsCsv: FILES.reportsCsv };
  const keys = ['journal', 'people', 'notes', ...(manifest.formatVersion >= 3 ? (['reports', 'reportsCsv'] as const) : [])] as const;
  for (const key of keys) {
    const ref = refs[key];
    if (!ref || typeof ref !== 'object' || typeof ref.path !== 'string') {
      problems.push({ code: 'case-file', path: FILES.manifest, message: `manifest.json of a format-${manifest.formatVersion} bundle does not list ${expectedPaths[key]}.` });
      continue;
    }
    if (ref.path !== expectedPaths[key]) {
      problems.push({ code: 'case-file', path: ref.path, message: `manifest.json names ${ref.path} as the ${key} file; it must be ${expectedPaths[key]}.` });
      continue;
    }
    if (!manifest.files.includes(ref.path)) {
      problems.push({ code: 'case-file', path: ref.path, message: `${ref.path} is not in manifest.json's list of files.` });
    }
    const got = actual.get(ref.path);
    if (!got) {
      if (!missing.has(ref.path)) {
        problems.push({ code: 'file-missing', path: ref.path, message: `${ref.path} is missing from the bundle.` });
        missing.add(ref.path);
      }
      continue;
    }
    if (got.sha256 !== ref.sha256 || got.size !== ref.size) {
      problems.push({ code: 'case-file', path: ref.path, message: `${ref.path} does not match the hash manifest.json lists for it: it was changed.` });
      changed.add(ref.path);
    }
  }
  const journal = text.get(FILES.journal);
  if (journal !== undefined && journal !== journalCsvText(manifest)) {
    problems.push({ code: 'case-file', path: FILES.journal, message: 'journal.csv does not say what the journal-entry records in manifest.json say: it was edited.' });
    changed.add(FILES.journal);
  }
  const seqs = new Set(manifest.records.map((r) => r.record.seq));
  const ids = new Map(manifest.records.map((r) => [r.record.id, r.record.seq]));
  const parsed = (path: string): unknown => {
    const t = text.get(path);
    if (t === undefined) return undefined;
    try {
      return JSON.parse(t);
    } catch {
      problems.push({ code: 'case-file', path, message: `${path} is not valid JSON.` });
      changed.add(path);
      return undefined;
    }
  };
  const people = parsed(FILES.people);
  if (people !== undefined) {
    for (const message of peopleFileProblems(people, seqs).slice(0, 20)) problems.push({ code: 'case-file', path: FILES.people, message: `${message}.` });
  }
  const notes = parsed(FILES.notes);
  if (notes !== undefined) {
    for (const message of notesFileProblems(notes, ids).slice(0, 20)) problems.push({ code: 'case-file', path: FILES.notes, message: `${message}.` });
  }
  // Format 3: reports to the platforms. Every record a report names must be in the bundle; reports.csv must say
  // exactly what reports.json says.
  if (manifest.formatVersion < 3 || !refs.reports) return;
  const reports = parsed(FILES.reports);
  if (reports === undefined) return;
  const reportProblems = reportsFileProblems(reports, ids);
  for (const message of reportProblems.slice(0, 20)) problems.push({ code: 'case-file', path: FILES.reports, message: `${message}.` });
  if (reportProblems.length > 20) problems.push({ code: 'case-file', path: FILES.reports, message: `… and ${reportProblems.length - 20} more problems in reports.json.` });
  const csv = text.get(FILES.reportsCsv);
  if (!reportProblems.length && csv !== undefined && csv !== reportsCsvText(reports as ReportsFile)) {
    problems.push({ code: 'case-file', path: FILES.reportsCsv, message: 'reports.csv does not say what reports.json says: it was edited.' });
    changed.add(FILES.reportsCsv);
  }
}

function parseSums(text: string, sums: Map<string, string>, problems: BundleProblem[]): void {
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line === '' && i === lines.length - 1) return;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ''));
    if (!m) {
      problems.push({ code: 'sums-invalid', path: FILES.sums, message: `SHA256SUMS line ${i + 1} is not "<hash>  <file>".` });
      return;
    }
    const path = m[2]!;
    if (sums.has(path)) {
      problems.push({ code: 'sums-invalid', path: FILES.sums, message: `SHA256SUMS lists ${path} twice.` });
      return;
    }
    sums.set(path, m[1]!.toLowerCase());
  });
}

async function checkRecords(manifest: Manifest, problems: BundleProblem[]): Promise<void> {
  const GENESIS = manifest.chain.genesis;
  // Chain order and links.
  const chain = manifest.chain.records;
  const bySeq = new Map<number, (typeof chain)[number]>();
  chain.forEach((entry, i) => {
    if (entry.seq !== i + 1) {
      problems.push({
        code: 'chain-break',
        seq: entry.seq,
        recordId: entry.id,
        message: `The chain in manifest.json is out of order or has a gap: position ${i + 1} holds record #${entry.seq}.`,
      });
    }
    bySeq.set(entry.seq, entry);
    const prev = i === 0 ? GENESIS : chain[i - 1]!.recordHash;
    if (entry.prevHash !== prev) {
      problems.push({
        code: 'chain-break',
        seq: entry.seq,
        recordId: entry.id,
        message:
          i === 0
            ? `Record #${entry.seq} should start the chain but points to an earlier record.`
            : `Record #${entry.seq} does not link to the record before it (#${chain[i - 1]!.seq}): records were reordered, removed or edited.`,
      });
    }
  });
  const last = chain.at(-1);
  const headSeq = last?.seq ?? 0;
  const headHash = last?.recordHash ?? GENESIS;
  if (manifest.chain.head.seq !== headSeq || manifest.chain.head.hash !== headHash) {
    problems.push({
      code: 'head-mismatch',
      seq: manifest.chain.head.seq,
      message: `The chain should end at record #${manifest.chain.head.seq}, but its last record is #${headSeq}: records were removed or added.`,
    });
  }

  // Each record: order, uniqueness, own hash, place in the chain.
  const ids = new Set<string>();
  let prevSeq = 0;
  for (const { record } of manifest.records) {
    const label = `Record #${record.seq} (${record.id})`;
    const where = { seq: record.seq, recordId: record.id };
    if (ids.has(record.id)) {
      problems.push({ code: 'record-duplicate', ...where, message: `${label} appears twice in manifest.json.` });
      continue;
    }
    ids.add(record.id);
    if (record.seq <= prevSeq) {
      problems.push({
        code: 'record-order',
        ...where,
        message: `Records in manifest.json are out of chain order: #${record.seq} comes after #${prevSeq}.`,
      });
    }
    prevSeq = Math.max(prevSeq, record.seq);
    if (record.deleted) {
      // A tombstone's hash cannot be recomputed (its content is gone), so it must carry nothing that a
      // hash would have covered: no text, author, addresses, files or content of any kind.
      const extra = tombstoneContent(record);
      if (extra.length) {
        problems.push({
          code: 'tombstone-content',
          ...where,
          message: `${label} is marked deleted but still carries ${extra.join(', ')}: a deleted record has nothing left that its hash could vouch for, so this content is unverified.`,
        });
      }
    } else {
      let hash: string | undefined;
      try {
        hash = await computeRecordHash(record as EvidenceRecord);
      } catch {
        hash = undefined;
      }
      if (hash !== record.chain.recordHash) {
        problems.push({ code: 'record-hash', ...where, message: `${label} does not match its own hash: its content was changed after capture.` });
      }
    }
    const link = bySeq.get(record.seq);
    if (!link) {
      problems.push({ code: 'chain-break', ...where, message: `${label} is not in the vault's chain listed in manifest.json.` });
    } else if (link.id !== record.id || link.recordHash !== record.chain.recordHash || link.prevHash !== record.chain.prevHash) {
      problems.push({
        code: 'chain-break',
        ...where,
        message: `${label} does not match position #${record.seq} of the chain: it was replaced or edited.`,
      });
    } else if (Boolean(link.deleted) !== Boolean(record.deleted)) {
      problems.push({ code: 'chain-break', ...where, message: `${label} is marked deleted in one place and not in the other.` });
    }
  }
}

// The vault's own lists: a bundle may hold exactly the actions a vault writes (format 2 added the case file's).
const CUSTODY_ACTIONS = new Set<string>(CUSTODY_ACTIONS_LIST);
/** Actions that bring a record into the vault: every record in a bundle has one of them in the custody log. */
const RECORD_ORIGINS = new Set<string>(RECORD_ORIGIN_ACTIONS);

async function checkCustody(text: string, manifest: Manifest, problems: BundleProblem[]): Promise<void> {
  const path = FILES.custody;
  const events: CustodyEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' && i === lines.length - 1) break;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ code: 'custody-break', path, message: `custody-log.jsonl line ${i + 1} is not JSON.` });
      return;
    }
    const e = value as CustodyEvent & { withheld?: boolean };
    if (e && typeof e === 'object' && e.withheld === true) {
      // Withheld (outside a scoped export): exactly seq and hashes, nothing else.
      const keys = Object.keys(e).sort().join(',');
      if (keys !== 'hash,prevHash,seq,withheld' || !Number.isInteger(e.seq) || !/^[0-9a-f]{64}$/.test(String(e.prevHash)) || !/^[0-9a-f]{64}$/.test(String(e.hash))) {
        problems.push({ code: 'custody-break', path, message: `custody-log.jsonl line ${i + 1} is not a withheld custody entry (seq and hashes only).` });
        return;
      }
      events.push(e);
      continue;
    }
    if (
      !e ||
      typeof e !== 'object' ||
      !Number.isInteger(e.seq) ||
      typeof e.at !== 'string' ||
      !CUSTODY_ACTIONS.has(e.action) ||
      !/^[0-9a-f]{64}$/.test(String(e.prevHash)) ||
      !/^[0-9a-f]{64}$/.test(String(e.hash))
    ) {
      problems.push({ code: 'custody-break', path, message: `custody-log.jsonl line ${i + 1} is not a custody entry.` });
      return;
    }
    events.push(e);
  }
  let prev: CustodyEvent | undefined;
  for (const event of events) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (event.seq !== expectedSeq) {
      problems.push({ code: 'custody-break', path, seq: event.seq, message: `Custody log entry #${expectedSeq} is missing or out of order (found #${event.seq}).` });
    }
    let hash: string | undefined;
    try {
      // A withheld entry's hash cannot be recomputed here; the next entry's link still covers it.
      hash = (event as { withheld?: boolean }).withheld ? event.hash : await computeCustodyHash(event);
    } catch {
      hash = undefined;
    }
    if (hash !== event.hash) {
      problems.push({ code: 'custody-break', path, seq: event.seq, message: `Custody log entry #${event.seq} (${event.action}) does not match its hash: it was changed.` });
    }
    const expectedPrev = prev ? prev.hash : manifest.chain.genesis;
    if (event.prevHash !== expectedPrev) {
      problems.push({ code: 'custody-break', path, seq: event.seq, message: `Custody log entry #${event.seq} does not link to the entry before it.` });
    }
    prev = event;
  }
  const last = events.at(-1);
  if (events.length !== manifest.custody.events || !last || last.seq !== manifest.custody.head.seq || last.hash !== manifest.custody.head.hash) {
    problems.push({
      code: 'custody-break',
      path,
      message: `The custody log should end at entry #${manifest.custody.head.seq} (${manifest.custody.events} entries) but has ${events.length}, ending at #${last?.seq ?? 0}: entries were removed or added.`,
    });
  }
  const isWithheld = (e: CustodyEvent | undefined) => (e as { withheld?: boolean } | undefined)?.withheld === true;
  if (manifest.scope.type === 'all' && events.some(isWithheld)) {
    problems.push({ code: 'custody-break', path, message: 'The custody log of a whole-vault export has entries withheld: it was edited.' });
  }
  if (isWithheld(last) || last?.action !== 'exported' || !last.detail?.includes(manifest.exportId)) {
    problems.push({ code: 'custody-break', path, message: 'The custody log does not end with the entry recording this export.' });
  }
  const logged = new Set(events.filter((e) => RECORD_ORIGINS.has(e.action)).map((e) => e.recordId));
  // Every record the log says came into the vault is still in the chain (tombstones included): one that is gone was
  // removed from the bundle.
  const chained = new Set(manifest.chain.records.map((e) => e.id));
  for (const e of events) {
    if (RECORD_ORIGINS.has(e.action) && e.recordId !== undefined && !chained.has(e.recordId)) {
      problems.push({
        code: 'custody-break',
        path,
        seq: e.seq,
        recordId: e.recordId,
        message: `Custody log entry #${e.seq} says record ${e.recordId} was ${e.action}, but that record is not in the bundle's chain: it was removed.`,
      });
    }
  }
  for (const { record } of manifest.records) {
    if (!logged.has(record.id)) {
      problems.push({
        code: 'custody-break',
        path,
        seq: record.seq,
        recordId: record.id,
        message: `The custody log has no entry for record #${record.seq} coming into the vault (captured, added or imported).`,
      });
    }
  }
}

function isPasswordError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return message === ERR_INVALID_PASSWORD || message === ERR_ENCRYPTED;
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
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

async function digestHex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** A plain-language report, for the command line and for copying from the extension. */
export function formatBundleReport(report: BundleReport): string {
  const lines: string[] = ['Holdfast evidence bundle check', ''];
  if (report.exportId) {
    lines.push(`Export id:      ${report.exportId}`);
    lines.push(`Exported at:    ${report.exportedAt} (UTC)${report.exportedBy ? ` by ${report.exportedBy}` : ''}`);
    lines.push(`Made with:      Holdfast ${report.toolVersion}, format ${report.format} v${report.formatVersion}`);
  }
  if (report.signature) {
    const sig = report.signature;
    if (sig.status === 'unsigned') lines.push('Signature:      none — unsigned (older format)');
    else lines.push(`Signature:      ${sig.status === 'signed' ? 'signed by the vault key' : 'DOES NOT VERIFY'}`);
    if (sig.fingerprint) lines.push(`Key fingerprint: ${sig.fingerprint} (compare it with the fingerprint on the vault page)`);
    if (sig.signedHead) lines.push(`Signed head:    record #${sig.signedHead.seq} ${sig.signedHead.hash}`);
  }
  for (const t of report.trustedTime ?? []) lines.push(`Trusted time:   records #1-#${t.seq} existed by ${t.genTime}, confirmed by ${t.tsaName} (RFC 3161, ${t.file})`);
  lines.push(`Encrypted:      ${report.encrypted ? 'yes' : 'no'}`);
  lines.push(`Records:        ${report.records} (deleted: ${report.deleted})`);
  lines.push(`Captured files: ${report.artifacts}`);
  lines.push(`Files in ZIP:   ${report.files}`);
  lines.push('');
  if (report.ok) {
    lines.push('Every file matches SHA256SUMS and the hashes recorded at capture; every record matches its hash;');
    lines.push('the chain of records and the custody log are complete and in order.');
    if (report.signature?.status === 'signed') lines.push('The vault key signed the manifest, the chain head, the custody head and every file as they are.');
    if (report.signature?.status === 'unsigned') lines.push('This bundle is of an older format and carries no signature: it is NOT shown to come from a particular vault.');
    lines.push('');
    lines.push('RESULT: OK');
    return `${lines.join('\n')}\n`;
  }
  if (report.missing.length) lines.push(`Missing (${report.missing.length}):`, ...report.missing.map((p) => `  - ${p}`), '');
  if (report.added.length) lines.push(`Added (${report.added.length}):`, ...report.added.map((p) => `  + ${p}`), '');
  if (report.changed.length) lines.push(`Changed (${report.changed.length}):`, ...report.changed.map((p) => `  * ${p}`), '');
  lines.push(`Problems (${report.problems.length}):`);
  for (const p of report.problems) lines.push(`  [${p.code}] ${p.message}`);
  lines.push('');
  lines.push(report.fatal ? 'RESULT: NOT CHECKED — the bundle could not be checked completely (see above).' : 'RESULT: PROBLEMS FOUND');
  return `${lines.join('\n')}\n`;
}
