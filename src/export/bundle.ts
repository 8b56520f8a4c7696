/**
 * exportBundle: writes the court-ready bundle (one ZIP) into a stream, reading artifacts from the
 * vault one at a time so a vault of any size exports in bounded memory. Pure: no DOM, no extension
 * API; runs in an extension page and in Node. The format is described in docs/export-format.md.
 *
 * Order inside the ZIP: artifacts/… (one folder per record), manifest.json, custody-log.jsonl,
 * report.html, report.pdf, incidents.csv, VERIFY.txt, CERTIFICATION-TEMPLATE.txt, SHA256SUMS.
 * SHA256SUMS comes last because it lists the hash of every other file, computed while writing.
 */
import { Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import type { Vault } from '../vault/api';
import { sha256Hex } from '../vault/hashing';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type ChainEntry,
  describeScope,
  type ExportScope,
  FILES,
  inScope,
  type Manifest,
  type ManifestArtifact,
  type ManifestRecord,
  type WithheldCustodyEntry,
} from './format';
import { inertHtml } from './inert-html';
import { artifactPaths, bundleFilename, inertCopyPath, recordFolder } from './names';
import { DEFAULT_HTML_REPORT_OPTIONS, type HtmlReportOptions, plannedInlineImageBytes, renderHtmlReport } from './report-html';
import { buildReportModel } from './report-model';
import { DEFAULT_PDF_REPORT_OPTIONS, type PdfReportOptions, renderPdfReport } from './report-pdf';
import { createSha256, sha256HexSync } from './sha256';
import { certificationText, incidentsCsv, sha256sums, verifyText } from './texts';
import { DEFAULT_VERIFY_LIMITS } from './verify';
import { isPrecompressed, ZIP_WORKER_OPTIONS } from './zip';

export interface ExportOptions {
  scope: ExportScope;
  /** Encrypts every file with AES-256 when non-empty. */
  password?: string;
  /** A name the person may type for the cover page; blank = none. */
  exporterName?: string;
  toolVersion: string;
  /** Called after each record in each pass: total = 3 × records + 1 (files, HTML report, PDF report, finish). */
  onProgress?(done: number, total: number): void;
  /** Stops the export; the sink is aborted. */
  signal?: AbortSignal;
  /** Report budgets (tests and very large vaults). */
  html?: Partial<HtmlReportOptions>;
  pdf?: Partial<PdfReportOptions>;
}

export interface ExportResult {
  /** Suggested file name, e.g. holdfast-export-2026-11-20T15-30-00Z.zip (never a person's label). */
  filename: string;
  manifest: Manifest;
  /** Bytes written to the sink. */
  bytes: number;
  /** Every file in the bundle but SHA256SUMS, with its hash. */
  files: { path: string; sha256: string; size: number }[];
}

export class ExportError extends Error {
  constructor(
    readonly code: 'empty' | 'aborted' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExportError';
  }
}

const MAX_EXPORTER_NAME = 200;
/** Files up to this size are hashed on the spot (pure JS), larger ones with WebCrypto. */
const SYNC_HASH_BYTES = 64 * 1024;
/** Captured files larger than this are streamed from the vault into the ZIP (a large import is stored in chunks). */
const STREAM_ARTIFACT_BYTES = 8 * 1024 * 1024;

export async function exportBundle(
  vault: Vault,
  options: ExportOptions,
  sink: WritableStream<Uint8Array>,
): Promise<ExportResult> {
  const out = sink.getWriter();
  let written = 0;
  const counted = new WritableStream<Uint8Array>({
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
  const state: ExportState = {};
  try {
    return await writeBundle(vault, options, counted, () => written, state);
  } catch (error) {
    await out.abort(error).catch(() => undefined);
    if (state.loggedExportId) {
      // The custody log already says this export was made; say that it did not finish.
      const why = options.signal?.aborted ? 'it was stopped' : 'it failed';
      await vault
        .logCustody('exported', undefined, `export ${state.loggedExportId} did not finish (${why}); no complete bundle was saved`)
        .catch(() => undefined);
    }
    if (error instanceof ExportError) throw error;
    if (options.signal?.aborted) throw new ExportError('aborted', 'The export was stopped. No bundle was saved.', { cause: error });
    throw new ExportError('failed', `The export failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

interface ExportState {
  /** Set once the 'exported' custody entry is written. */
  loggedExportId?: string;
}

async function writeBundle(
  vault: Vault,
  options: ExportOptions,
  target: WritableStream<Uint8Array>,
  bytesWritten: () => number,
  state: ExportState,
): Promise<ExportResult> {
  const checkAbort = () => {
    if (options.signal?.aborted) throw new ExportError('aborted', 'The export was stopped. No bundle was saved.');
  };
  const exportedAt = new Date().toISOString();
  const exportId = globalThis.crypto.randomUUID();
  const password = options.password ? options.password : undefined;
  const exporterName = options.exporterName?.trim().slice(0, MAX_EXPORTER_NAME) || undefined;
  const warnings: string[] = [];

  // Newest first from the vault; the bundle is in chain order.
  const all = (await vault.list({ includeDeleted: true })).sort((a, b) => a.seq - b.seq);
  const selected = all.filter((r) => inScope(r, options.scope));
  if (options.scope.type === 'records') {
    const present = new Set(all.map((r) => r.id));
    for (const id of options.scope.ids) if (!present.has(id)) warnings.push(`Record ${id} was asked for but is not in the vault.`);
  }
  if (selected.length === 0) throw new ExportError('empty', 'No records match this choice, so nothing was exported.');

  const total = selected.length * 3 + 1;
  let done = 0;
  const tick = () => {
    done += 1;
    options.onProgress?.(done, total);
  };

  const zip = new ZipWriter(target, {
    ...ZIP_WORKER_OPTIONS,
    keepOrder: true,
    ...(password ? { password, encryptionStrength: 3 as const } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const lastModDate = new Date(exportedAt);
  const files: { path: string; sha256: string; size: number }[] = [];

  const addBytes = async (path: string, bytes: Uint8Array, mediaType: string) => {
    // WebCrypto's hop to another thread costs more than hashing a small file here.
    const sha256 = bytes.byteLength <= SYNC_HASH_BYTES ? sha256HexSync(bytes) : await sha256Hex(bytes);
    // Sizes and CRC in the local header (no data descriptor): the bytes are in memory anyway.
    // Small files are stored: a deflate stream per file costs more time than the bytes it saves.
    // A file so repetitive that it deflates more than a verifier accepts from a ZIP (a captured page of one
    // 1 MB word deflates about 1000 to 1, like a zip bomb) is stored instead, so honest bundles always verify.
    const level = isPrecompressed(mediaType) || bytes.byteLength < 4096 || (await deflatesLikeABomb(bytes)) ? 0 : 6;
    await zip.add(path, new Uint8ArrayReader(bytes), { lastModDate, level, dataDescriptor: false });
    files.push({ path, sha256, size: bytes.byteLength });
  };
  const addText = (path: string, text: string) => addBytes(path, new TextEncoder().encode(text), 'text/plain');
  const addStream = async (path: string, source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, level = 6) => {
    const hasher = createSha256();
    let size = 0;
    let stream = textStream(source, (chunk) => {
      hasher.update(chunk);
      size += chunk.byteLength;
    });
    if (level > 0) {
      // Look at up to 64 MB first: text so repetitive that it would deflate like a zip bomb is stored.
      const { head, rest } = await readHead(stream, 64 * 1024 * 1024);
      if (await deflatesLikeABomb(joinChunks(head))) level = 0;
      stream = prepend(head, rest);
    }
    await zip.add(path, stream, { lastModDate, level });
    files.push({ path, sha256: hasher.digestHex(), size });
  };

  // 1. Artifacts, one record at a time.
  const manifestRecords: ManifestRecord[] = [];
  /** Inert copies of captured HTML (listed in the manifest's `files`). */
  const inertCopies: string[] = [];
  let artifactCount = 0;
  let artifactBytes = 0;
  // An encrypted ZIP's file names can be read without the password: no handles or names in them.
  const neutral = password !== undefined;
  for (const record of selected) {
    checkAbort();
    const entry = manifestEntry(record, neutral);
    manifestRecords.push(entry);
    for (const artifact of entry.artifacts) {
      if (artifact.size > STREAM_ARTIFACT_BYTES && !inertCopyPath(artifact.path)) {
        // Never held whole: read from the vault a chunk at a time (checked against its hash as it goes).
        const reader = await vault.readArtifact(artifact.id);
        artifactCount += 1;
        artifactBytes += artifact.size;
        if (!reader) {
          warnings.push(`The file ${artifact.path} of record #${record.seq} was missing from the vault at export time.`);
          continue;
        }
        await addStream(artifact.path, streamChunks(reader.stream()), isPrecompressed(artifact.mediaType) ? 0 : 6);
        continue;
      }
      const stored = await vault.getArtifact(artifact.id);
      artifactCount += 1;
      artifactBytes += artifact.size;
      if (!stored) {
        warnings.push(`The file ${artifact.path} of record #${record.seq} was missing from the vault at export time.`);
        continue;
      }
      await addBytes(artifact.path, stored.bytes, artifact.mediaType);
      const copy = inertCopyPath(artifact.path);
      if (copy) {
        // The captured bytes stay as they are (above); this is the copy that is safe to open in a browser.
        await addText(copy, inertHtml(new TextDecoder().decode(stored.bytes)));
        inertCopies.push(copy);
      }
    }
    tick();
  }

  // 2. The custody event for this export, then the manifest (which names the custody log's new head).
  checkAbort();
  const deletedCount = selected.filter((r) => r.deleted).length;
  await vault.logCustody(
    'exported',
    undefined,
    `export ${exportId}: ${selected.length} record(s), ${describeScope(options.scope)}${password ? ', encrypted' : ''}`,
  );
  state.loggedExportId = exportId;
  const custody = await vault.custodyLog();
  const custodyHead = custody.at(-1);
  // A scoped export shows nothing outside its scope beyond what chain checks need: other records'
  // ids and hashes only (not whether they were deleted), and other custody entries as seq and hashes.
  const whole = options.scope.type === 'all';
  const selectedIds = new Set(selected.map((r) => r.id));
  const chainRecords: ChainEntry[] = all.map((r) => ({
    seq: r.seq,
    id: r.id,
    prevHash: r.chain.prevHash,
    recordHash: r.chain.recordHash,
    ...(r.deleted && (whole || selectedIds.has(r.id)) ? { deleted: true as const } : {}),
  }));
  const custodyLines = custody.map((event, i) =>
    whole || i === custody.length - 1 || (event.recordId !== undefined && selectedIds.has(event.recordId))
      ? event
      : withheldCustodyEntry(event),
  );
  const last = all.at(-1);
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportId,
    tool: { name: 'Holdfast', version: options.toolVersion },
    exportedAt,
    ...(exporterName ? { exportedBy: exporterName } : {}),
    encrypted: password !== undefined,
    scope: options.scope,
    counts: { records: selected.length, deleted: deletedCount, artifacts: artifactCount, artifactBytes },
    records: manifestRecords,
    chain: {
      genesis: GENESIS_HASH,
      records: chainRecords,
      head: last ? { seq: last.seq, hash: last.chain.recordHash } : { seq: 0, hash: GENESIS_HASH },
    },
    custody: {
      file: FILES.custody,
      events: custody.length,
      head: custodyHead ? { seq: custodyHead.seq, hash: custodyHead.hash } : { seq: 0, hash: GENESIS_HASH },
    },
    files: [FILES.custody, FILES.reportHtml, FILES.reportPdf, FILES.csv, FILES.verify, FILES.certification, ...inertCopies],
    warnings,
  };
  await addText(FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  await addStream(
    FILES.custody,
    custodyLines.map((event) => `${JSON.stringify(event)}\n`),
  );

  // 3. Reports (screenshots read again, one at a time).
  const model = buildReportModel(manifest);
  const loadBytes = async (artifact: ManifestArtifact) => (await vault.getArtifact(artifact.id))?.bytes;
  checkAbort();
  const htmlOptions = { ...DEFAULT_HTML_REPORT_OPTIONS, ...options.html };
  // Base64 of already-compressed pictures hardly deflates (about a quarter smaller) but costs a lot
  // of time; a report that is mostly pictures is stored as it is.
  const htmlLevel = plannedInlineImageBytes(model, htmlOptions) > 16 * 1024 * 1024 ? 0 : 6;
  await addStream(FILES.reportHtml, renderHtmlReport(model, loadBytes, htmlOptions, tick), htmlLevel);
  // Deleted records have no exhibit in the reports; count them so progress reaches the end.
  for (let i = 0; i < deletedCount; i++) tick();
  checkAbort();
  const pdf = await renderPdfReport(model, loadBytes, { ...DEFAULT_PDF_REPORT_OPTIONS, ...options.pdf }, tick);
  for (let i = 0; i < deletedCount; i++) tick();
  await addBytes(FILES.reportPdf, pdf, 'application/pdf');

  // 4. Plain files, then SHA256SUMS over everything written so far.
  const filename = bundleFilename(exportedAt);
  await addStream(FILES.csv, incidentsCsv(manifest));
  await addText(FILES.verify, verifyText(manifest, filename));
  await addText(FILES.certification, certificationText(manifest));
  await addText(FILES.sums, sha256sums(files));
  checkAbort();
  await zip.close();
  tick();
  return { filename, manifest, bytes: bytesWritten(), files };
}

/**
 * Whether deflating `bytes` would pass the verifier's compression-ratio limit for a file of its size
 * (verify.ts, DEFAULT_VERIFY_LIMITS), with a margin. Only files over the limit's minimum size are
 * measured (compressed once with the platform's CompressionStream).
 */
export async function deflatesLikeABomb(bytes: Uint8Array): Promise<boolean> {
  const { ratioMinBytes, maxRatio } = DEFAULT_VERIFY_LIMITS;
  if (bytes.byteLength <= ratioMinBytes) return false;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  let compressed = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    compressed += value.byteLength;
  }
  return bytes.byteLength > (maxRatio / 2) * Math.max(compressed, 1);
}

/**
 * A custody entry outside the export's scope, as the bundle shows it: its place and hashes only (what
 * the chain of entries needs), without its time, action, record or words (e.g. a name typed in an
 * earlier export, or why another record was deleted).
 */
export function withheldCustodyEntry(event: { seq: number; prevHash: string; hash: string }): WithheldCustodyEntry {
  return { seq: event.seq, withheld: true, prevHash: event.prevHash, hash: event.hash };
}

function manifestEntry(record: EvidenceRecord, neutral: boolean): ManifestRecord {
  if (record.deleted) return { record, artifacts: [] };
  const paths = artifactPaths(record, { neutral });
  return {
    record,
    folder: recordFolder(record, { neutral }),
    artifacts: (record.artifacts ?? []).map((ref, i) => ({
      id: ref.id,
      role: ref.role,
      mediaType: ref.mediaType,
      path: paths[i]!,
      sha256: ref.sha256,
      size: ref.size,
    })),
  };
}

/** Reads chunks from `stream` until `limit` bytes (or its end); `rest` is the reader, positioned after them. */
async function readHead(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<{ head: Uint8Array[]; rest: ReadableStreamDefaultReader<Uint8Array> | undefined }> {
  const reader = stream.getReader();
  const head: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < limit) {
    const { done, value } = await reader.read();
    if (done) return { head, rest: undefined };
    head.push(value);
    bytes += value.byteLength;
  }
  return { head, rest: reader };
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** A stream's chunks as an async iterable (cancelled if the iteration stops early). */
async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

/** The chunks already read, then the rest of the reader. */
function prepend(head: Uint8Array[], rest: ReadableStreamDefaultReader<Uint8Array> | undefined): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (i < head.length) {
          controller.enqueue(head[i]!);
          head[i++] = new Uint8Array(0);
          return;
        }
        const next = rest ? await rest.read() : { done: true as const, value: undefined };
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel(reason) {
        await rest?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A byte stream from string (or byte) chunks, strings batched to ~64 KB, reporting each emitted chunk. */
function textStream(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  onChunk: (chunk: Uint8Array) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator: AsyncIterator<string | Uint8Array> | Iterator<string | Uint8Array> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const emit = (bytes: Uint8Array) => {
          if (bytes.byteLength === 0) return;
          onChunk(bytes);
          controller.enqueue(bytes);
        };
        let batch = '';
        while (batch.length < 64 * 1024) {
          const next = await iterator.next();
          if (next.done) {
            emit(encoder.encode(batch));
            controller.close();
            return;
          }
          if (typeof next.value === 'string') {
            batch += next.value;
          } else {
            emit(encoder.encode(batch));
            emit(next.value);
            return;
          }
        }
        emit(encoder.encode(batch));
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
