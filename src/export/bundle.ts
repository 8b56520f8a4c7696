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
import type { Person, RecordNote } from '../model/case';
import { type EvidenceRecord, GENESIS_HASH } from '../model/evidence';
import type { ReportEntry } from '../model/report';
import type { StoredTimestamp } from '../model/timestamp-token';
import type { Vault } from '../vault/api';
import { sha256Hex } from '../vault/hashing';
import { journalCsv, notesFile, peopleFile } from './case-files';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type CaseFileRef,
  type ChainEntry,
  describeScope,
  type ExportScope,
  FILES,
  type Manifest,
  type ManifestRecord,
  type ManifestTimestamp,
  type ReportLanguage,
  selectRecords,
  timestampPath,
  type WithheldCustodyEntry,
} from './format';
import { inertHtml } from './inert-html';
import { artifactPaths, bundleFilename, inertCopyPath, recordFolder } from './names';
import { reportsCsv, reportsFile } from './platform-reports';
import { DEFAULT_HTML_REPORT_OPTIONS, type HtmlReportOptions, type PictureLoader, renderHtmlReport } from './report-html';
import { buildReportModel } from './report-model';
import { DEFAULT_PDF_REPORT_OPTIONS, type PdfPictureLoader, type PdfReportOptions, renderPdfReport } from './report-pdf';
import { reportTexts } from './report-texts';
import { createSha256, sha256HexSync } from './sha256';
import { buildStatement, signatureFileText } from './signing';
import { countingStream } from './sinks';
import { certificationText, incidentsCsv, sha256sums, verifyText } from './texts';
import { DEFAULT_VERIFY_LIMITS } from './verify';
import { isPrecompressed, ZIP_WORKER_OPTIONS } from './zip';
import { StreamingZipWriter } from './zip-writer';

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
  /** Language of report.html, report.pdf, VERIFY.txt and the certification template (default English). */
  language?: ReportLanguage;
  /**
   * Makes a reduced copy of a picture for the reports (the extension passes one drawn with OffscreenCanvas): the
   * HTML report shows it with a link to the full file, the PDF embeds it. Without it, report.html shows only small
   * pictures inline and links the others; the PDF embeds the files as they are (within its budget).
   */
  downscale?: Downscaler;
  /** Report budgets (tests and very large vaults). */
  html?: Partial<HtmlReportOptions>;
  pdf?: Partial<PdfReportOptions>;
}

/** A reduced copy of a picture no wider than `maxWidth` pixels, or undefined when it cannot be made. */
export type Downscaler = (
  bytes: Uint8Array,
  mediaType: string,
  maxWidth: number,
) => Promise<{ bytes: Uint8Array; mediaType: 'image/jpeg' | 'image/png' } | undefined>;

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
  const { writable: counted, written: bytesWritten, abort: abortSink } = countingStream(sink);
  const state: ExportState = {};
  try {
    return await writeBundle(vault, options, counted, bytesWritten, state);
  } catch (error) {
    await abortSink(error).catch(() => undefined);
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

  const texts = reportTexts(options.language);
  // Newest first from the vault; the bundle is in chain order.
  const all = (await vault.list({ includeDeleted: true })).sort((a, b) => a.seq - b.seq);
  // People and notes are the person's working context beside the records (src/model/case.ts).
  const people: Person[] = await Promise.resolve()
    .then(() => vault.people())
    .catch((error: unknown) => {
    warnings.push(`The people in the vault could not be read, so people.json is empty: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  });
  let scope = options.scope;
  if (scope.type === 'person' && scope.personId !== undefined && !scope.keys) {
    const personId = scope.personId;
    const person = people.find((p) => p.id === personId);
    scope = { ...scope, keys: [...new Set(person?.identifiers.flatMap((i) => i.account?.keys ?? []) ?? [])] };
  }
  const selected = selectRecords(all, scope);
  if (scope.type === 'records') {
    const present = new Set(all.map((r) => r.id));
    for (const id of scope.ids) if (!present.has(id)) warnings.push(`Record ${id} was asked for but is not in the vault.`);
  }
  if (selected.length === 0) throw new ExportError('empty', 'No records match this choice, so nothing was exported.');

  const total = selected.length * 3 + 1;
  let done = 0;
  const tick = () => {
    done += 1;
    options.onProgress?.(done, total);
  };

  const lastModDate = new Date(exportedAt);
  const zip = bundleZip(target, lastModDate, password, options.signal);
  const files: { path: string; sha256: string; size: number }[] = [];

  const addBytes = async (path: string, bytes: Uint8Array, mediaType: string, deflate?: boolean) => {
    // WebCrypto's hop to another thread costs more than hashing a small file here.
    const sha256 = bytes.byteLength <= SYNC_HASH_BYTES ? sha256HexSync(bytes) : await sha256Hex(bytes);
    // Small files are stored: a deflate stream per file costs more time than the bytes it saves.
    // A file so repetitive that it deflates more than a verifier accepts from a ZIP (a captured page of one
    // 1 MB word deflates about 1000 to 1, like a zip bomb) is stored instead, so honest bundles always verify.
    const level = deflate ?? !(isPrecompressed(mediaType) || bytes.byteLength < 4096) ? 6 : 0;
    await zip.addBytes(path, bytes, level);
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
      // Look at up to 16 MB first: text so repetitive that it would deflate like a zip bomb is stored. (A longer
      // file is judged by its first 16 MB, with a four times stricter ratio: holding 64 MB here, as before, was the
      // largest single use of memory in the export of a big vault.)
      const { head, rest } = await readHead(stream, HEAD_CHECK_BYTES);
      if (await chunksDeflateLikeABomb(head, rest ? 4 : 1)) level = 0;
      stream = prepend(head, rest);
    }
    await zip.addStream(path, stream, level);
    files.push({ path, sha256: hasher.digestHex(), size });
  };

  const selectedIds = new Set(selected.map((r) => r.id));
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

  // 2. The case files (format 2), before the manifest, which lists them with their hashes.
  checkAbort();
  const whole = scope.type === 'all';
  const chainRecords: ChainEntry[] = all.map((r) => ({
    seq: r.seq,
    id: r.id,
    prevHash: r.chain.prevHash,
    recordHash: r.chain.recordHash,
    ...(r.deleted && (whole || selectedIds.has(r.id)) ? { deleted: true as const } : {}),
  }));
  await addStream(FILES.journal, journalCsv({ records: manifestRecords, chainRecords }));
  const peopleOut = peopleFile(people, selected, { whole, ...(scope.type === 'person' && scope.personId !== undefined && { personId: scope.personId }) });
  await addText(FILES.people, `${JSON.stringify(peopleOut, null, 2)}\n`);
  const notes: RecordNote[] = await Promise.resolve()
    .then(() => vault.notes())
    .catch((error: unknown) => {
    warnings.push(`The notes on records could not be read, so notes.json is empty: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  });
  const notesOut = notesFile(notes, selected);
  await addText(FILES.notes, `${JSON.stringify(notesOut, null, 2)}\n`);
  // Reports to the platforms (issue #14, format 3): the entries, and a CSV made from exactly them.
  const reports: ReportEntry[] = await Promise.resolve()
    .then(() => vault.reports())
    .catch((error: unknown) => {
      warnings.push(`The reports to the platforms could not be read, so reports.json and reports.csv are empty: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
  const reportsOut = reportsFile(reports, selected, scope, people);
  await addText(FILES.reports, `${JSON.stringify(reportsOut, null, 2)}\n`);
  await addStream(FILES.reportsCsv, reportsCsv(reportsOut));
  const caseRef = (path: string): CaseFileRef => {
    const f = files.find((x) => x.path === path)!;
    return { path, sha256: f.sha256, size: f.size };
  };
  const journalVersions = selected.filter((r) => r.journal && !r.deleted);
  const pdfOptions = { ...DEFAULT_PDF_REPORT_OPTIONS, ...options.pdf };
  const liveCount = selected.length - selected.filter((r) => r.deleted).length;
  const pdfFiles = pdfFileNames(Math.max(1, Math.ceil(liveCount / pdfOptions.exhibitsPerFile)));

  // 3. The custody event for this export, then the manifest (which names the custody log's new head).
  checkAbort();
  const deletedCount = selected.filter((r) => r.deleted).length;
  // The vault signs its current head first (if a write left it unsigned); the export's entry names that head.
  const last = all.at(-1);
  const chainHead = last ? { seq: last.seq, hash: last.chain.recordHash } : { seq: 0, hash: GENESIS_HASH };
  const [identity, signedHeadNow] = await Promise.all([vault.signingIdentity(), vault.signedHead()]);
  if (!identity) throw new ExportError('failed', 'The vault cannot sign this export while it is locked. Unlock it and export again.');
  // A head signed later than the records read (a capture saved meanwhile) is not this bundle's: left out.
  const signedHead = signedHeadNow && all.find((r) => r.seq === signedHeadNow.seq)?.chain.recordHash === signedHeadNow.hash ? signedHeadNow : undefined;
  await vault.logCustody(
    'exported',
    undefined,
    `export ${exportId}: ${selected.length} record(s), ${describeScope(scope)}${password ? ', encrypted' : ''}; chain head #${chainHead.seq} ${chainHead.hash}`,
  );
  state.loggedExportId = exportId;
  const custody = await vault.custodyLog();
  const custodyHead = custody.at(-1);
  // A scoped export shows nothing outside its scope beyond what chain checks need: other records'
  // ids and hashes only (not whether they were deleted), and other custody entries as seq and hashes.
  const custodyLines = custody.map((event, i) =>
    whole || i === custody.length - 1 || (event.recordId !== undefined && selectedIds.has(event.recordId))
      ? event
      : withheldCustodyEntry(event),
  );
  // Trusted time (issue #15): the tokens of heads in this chain that cover a selected record, and the newest one (it
  // covers the chain's tail). Tokens are public: a head's hash and the authority's signature.
  const stamps: StoredTimestamp[] = typeof vault.timestamps === 'function' ? await vault.timestamps() : [];
  const inChain = stamps.filter((t) => t.seq <= chainHead.seq && all.find((r) => r.seq === t.seq)?.chain.recordHash === t.hash);
  const tokenSeqs = new Set<number>();
  for (const r of selected) {
    const covering = inChain.find((t) => t.seq >= r.seq);
    if (covering) tokenSeqs.add(covering.seq);
  }
  if (inChain.length) tokenSeqs.add(inChain.at(-1)!.seq);
  const tokens = inChain.filter((t) => tokenSeqs.has(t.seq));
  const trustedTime: ManifestTimestamp[] = tokens.map((t) => ({ file: timestampPath(t.seq), seq: t.seq, hash: t.hash, genTime: t.genTime, tsaName: t.tsaName, url: t.url }));
  for (const t of tokens) await addBytes(timestampPath(t.seq), t.token, 'application/timestamp-reply');
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportId,
    tool: { name: 'Holdfast', version: options.toolVersion },
    exportedAt,
    ...(exporterName ? { exportedBy: exporterName } : {}),
    encrypted: password !== undefined,
    scope,
    counts: {
      records: selected.length,
      deleted: deletedCount,
      artifacts: artifactCount,
      artifactBytes,
      journalEntries: new Set(journalVersions.map((r) => r.journal!.entryId)).size,
      journalVersions: journalVersions.length,
      addedFiles: selected.filter((r) => r.addedFile && !r.deleted).length,
      people: peopleOut.people.length,
      notes: notesOut.notes.length,
      reports: reportsOut.reports.length,
    },
    language: texts.lang,
    case: {
      journal: caseRef(FILES.journal),
      people: caseRef(FILES.people),
      notes: caseRef(FILES.notes),
      reports: caseRef(FILES.reports),
      reportsCsv: caseRef(FILES.reportsCsv),
    },
    records: manifestRecords,
    chain: {
      genesis: GENESIS_HASH,
      records: chainRecords,
      head: chainHead,
    },
    custody: {
      file: FILES.custody,
      events: custody.length,
      head: custodyHead ? { seq: custodyHead.seq, hash: custodyHead.hash } : { seq: 0, hash: GENESIS_HASH },
    },
    files: [
      FILES.custody,
      FILES.reportHtml,
      ...pdfFiles,
      FILES.csv,
      FILES.journal,
      FILES.people,
      FILES.notes,
      FILES.reports,
      FILES.reportsCsv,
      FILES.verify,
      FILES.certification,
      FILES.signature,
      ...inertCopies,
      ...trustedTime.map((t) => t.file),
    ],
    signing: { file: FILES.signature, algorithm: identity.algorithm, publicKey: identity.publicKey, fingerprint: identity.fingerprint },
    ...(trustedTime.length ? { trustedTime: { tokens: trustedTime } } : {}),
    warnings,
  };
  // Streamed a record at a time: the whole text of 10,000 records would be a string of some 40 MB.
  await addStream(FILES.manifest, manifestJson(manifest));
  await addStream(
    FILES.custody,
    custodyLines.map((event) => `${JSON.stringify(event)}\n`),
  );

  // 4. Reports (pictures read again, one at a time).
  const model = buildReportModel(manifest, { people: peopleOut.people, texts, reports: reportsOut.reports });
  checkAbort();
  const htmlOptions = { ...DEFAULT_HTML_REPORT_OPTIONS, ...options.html };
  await addStream(FILES.reportHtml, renderHtmlReport(model, htmlPictures(vault, options.downscale), htmlOptions, tick), 6);
  // Deleted records have no exhibit in the reports; count them so progress reaches the end.
  for (let i = 0; i < deletedCount; i++) tick();
  // The PDF in parts of at most `exhibitsPerFile` exhibits: pdf-lib holds a whole document until it is saved.
  for (const [i, path] of pdfFiles.entries()) {
    checkAbort();
    const from = i * pdfOptions.exhibitsPerFile;
    const pdf = await renderPdfReport(model, pdfPictures(vault, options.downscale), pdfOptions, tick, {
      part: i + 1,
      parts: pdfFiles.length,
      from,
      to: Math.min(from + pdfOptions.exhibitsPerFile, model.exhibits.length),
    });
    // Its page contents are not compressed inside (see report-pdf.ts, freezePage): the ZIP deflates them.
    await addBytes(path, pdf, 'application/pdf', true);
  }
  for (let i = 0; i < deletedCount; i++) tick();

  // 5. Plain files, then SHA256SUMS over everything written so far.
  const filename = bundleFilename(exportedAt);
  await addStream(FILES.csv, incidentsCsv(manifest));
  await addText(FILES.verify, verifyText(manifest, filename, texts));
  await addText(FILES.certification, certificationText(manifest, texts));
  // 6. The vault's signature over the manifest, the heads and every file so far; then SHA256SUMS over everything.
  const statement = buildStatement(manifest, files, signedHead);
  const { signature, identity: signer } = await vault.signExportStatement(statement);
  if (signer.fingerprint !== identity.fingerprint) throw new ExportError('failed', 'The vault’s key changed during the export (encryption was turned on or off). Export again.');
  await addText(FILES.signature, signatureFileText(signer, statement, signature));
  await addText(FILES.sums, sha256sums(files));
  checkAbort();
  await zip.close();
  tick();
  return { filename, manifest, bytes: bytesWritten(), files };
}

/** report.pdf, then report-2.pdf, report-3.pdf … for a PDF in parts. */
export function pdfFileNames(parts: number): string[] {
  return Array.from({ length: parts }, (_, i) => (i === 0 ? FILES.reportPdf : `report-${i + 1}.pdf`));
}

/** Pictures up to this size are shown in report.html as they are; larger ones as a reduced copy, or linked only. */
export const INLINE_PICTURE_BYTES = 48 * 1024;
/** Width of the reduced copies: report.html's thumbnails, the PDF's pictures. */
const THUMB_WIDTH = 480;
const PDF_PICTURE_WIDTH = 1200;
const PDF_REDUCE_BYTES = 256 * 1024;

function htmlPictures(vault: Vault, downscale: Downscaler | undefined): PictureLoader {
  return async (artifact) => {
    if (!downscale && artifact.size > INLINE_PICTURE_BYTES) return undefined;
    const bytes = (await vault.getArtifact(artifact.id))?.bytes;
    if (!bytes) return 'missing';
    if (bytes.byteLength <= INLINE_PICTURE_BYTES) return { bytes, mediaType: artifact.mediaType, reduced: false };
    const small = await downscale?.(bytes, artifact.mediaType, THUMB_WIDTH).catch(() => undefined);
    return small && small.bytes.byteLength < bytes.byteLength ? { ...small, reduced: true } : undefined;
  };
}

function pdfPictures(vault: Vault, downscale: Downscaler | undefined): PdfPictureLoader {
  return async (artifact) => {
    const bytes = (await vault.getArtifact(artifact.id))?.bytes;
    if (!bytes) return 'missing';
    if (!downscale || bytes.byteLength <= PDF_REDUCE_BYTES) return { bytes, mediaType: artifact.mediaType };
    const small = await downscale(bytes, artifact.mediaType, PDF_PICTURE_WIDTH).catch(() => undefined);
    return small && small.bytes.byteLength < bytes.byteLength ? small : { bytes, mediaType: artifact.mediaType };
  };
}

/**
 * manifest.json as text chunks, a record at a time (the same JSON as JSON.stringify(manifest, null, 2), with the
 * records and the chain written one by one).
 */
export function* manifestJson(manifest: Manifest): Generator<string> {
  const RECORDS = '\u0000records\u0000';
  const CHAIN = '\u0000chain\u0000';
  const shell = JSON.stringify(
    { ...manifest, records: RECORDS, chain: { ...manifest.chain, records: CHAIN } },
    null,
    2,
  );
  const list = function* (items: readonly unknown[], indent: string): Generator<string> {
    if (items.length === 0) {
      yield '[]';
      return;
    }
    let batch = '[\n';
    for (let i = 0; i < items.length; i++) {
      batch += `${indent}  ${JSON.stringify(items[i], null, 2).replace(/\n/g, `\n${indent}  `)}${i < items.length - 1 ? ',' : ''}\n`;
      if (batch.length > 64 * 1024) {
        yield batch;
        batch = '';
      }
    }
    yield `${batch}${indent}]`;
  };
  const [head, afterRecords] = shell.split(JSON.stringify(RECORDS)) as [string, string];
  const [middle, tail] = afterRecords.split(JSON.stringify(CHAIN)) as [string, string];
  yield head;
  yield* list(manifest.records, '  ');
  yield middle;
  yield* list(manifest.chain.records, '    ');
  yield `${tail}\n`;
}

/** The two ZIP writers behind one shape: this module's own (plain bundles), zip.js (AES-encrypted ones). */
interface BundleZip {
  addBytes(path: string, bytes: Uint8Array, level: number): Promise<void>;
  addStream(path: string, stream: ReadableStream<Uint8Array>, level: number): Promise<void>;
  close(): Promise<void>;
}

/** Whether a file deflated from `size` to `compressed` bytes stays within the verifier's ratio limit, with a margin. */
function deflatesSafely(size: number, compressed: number): boolean {
  const { ratioMinBytes, maxRatio } = DEFAULT_VERIFY_LIMITS;
  return size <= ratioMinBytes || size <= (maxRatio / 2) * Math.max(compressed, 1);
}

function bundleZip(target: WritableStream<Uint8Array>, lastModDate: Date, password: string | undefined, signal: AbortSignal | undefined): BundleZip {
  if (!password) {
    // About 100 bytes per file until the end instead of zip.js's ~5 KB (a 10,000-record bundle has 40,000 files).
    const writer = new StreamingZipWriter(target, { lastModDate }, signal);
    return {
      addBytes: (path, bytes, level) => writer.addBytes(path, bytes, level, deflatesSafely),
      addStream: (path, stream, level) => writer.addStream(path, stream, level),
      close: () => writer.close(),
    };
  }
  const zip = new ZipWriter(target, {
    ...ZIP_WORKER_OPTIONS,
    keepOrder: true,
    password,
    encryptionStrength: 3 as const,
    ...(signal ? { signal } : {}),
  });
  return {
    async addBytes(path, bytes, level) {
      const safe = level === 0 || !(await deflatesLikeABomb(bytes));
      // Sizes and CRC in the local header (no data descriptor): the bytes are in memory anyway.
      await zip.add(path, new Uint8ArrayReader(bytes), { lastModDate, level: safe ? level : 0, dataDescriptor: false });
    },
    async addStream(path, stream, level) {
      await zip.add(path, stream, { lastModDate, level });
    },
    async close() {
      await zip.close();
    },
  };
}

/**
 * Whether deflating `bytes` would pass the verifier's compression-ratio limit for a file of its size
 * (verify.ts, DEFAULT_VERIFY_LIMITS), with a margin. Only files over the limit's minimum size are
 * measured (compressed once with the platform's CompressionStream).
 */
export async function deflatesLikeABomb(bytes: Uint8Array): Promise<boolean> {
  return chunksDeflateLikeABomb([bytes]);
}

/** deflatesLikeABomb over chunks (never joined), the ratio limit divided by `stricter`. */
async function chunksDeflateLikeABomb(chunks: readonly Uint8Array[], stricter = 1): Promise<boolean> {
  const { ratioMinBytes, maxRatio } = DEFAULT_VERIFY_LIMITS;
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  if (size <= ratioMinBytes) return false;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  }).pipeThrough(new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>);
  let compressed = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    compressed += value.byteLength;
  }
  return size > (maxRatio / 2 / stricter) * Math.max(compressed, 1);
}

/** How much of a streamed text file is read ahead to judge its compression (see addStream). */
const HEAD_CHECK_BYTES = 16 * 1024 * 1024;

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
