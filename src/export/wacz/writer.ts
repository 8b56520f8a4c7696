/**
 * exportWacz (issue #15): the selected captures as a WACZ 1.1.1 file that web-archive tools (ReplayWeb.page, pywb,
 * py-wacz) open, signed with the vault key per the WACZ signing spec (anonymous signature). Pure: no DOM, no extension
 * API; streams into a sink like the ZIP bundle (src/export/bundle.ts) and reuses its ZIP writer.
 *
 * Layout (docs/export-format.md, "WACZ"):
 *   archive/data.warc.gz        WARC/1.1, one gzip member per record; stored in the ZIP (never deflated again), so a
 *                               CDXJ offset is a byte range that a replay tool reads straight out of the ZIP. Past
 *                               MAX_WARC_BYTES (16 MB) the next capture starts archive/data-2.warc.gz (and so on);
 *                               a capture with more than 64 MB of files has a WARC file of its own.
 *   indexes/index.cdx           CDXJ, sorted by SURT key then time, with offset, length and filename of every record.
 *   pages/pages.jsonl           {"format":"json-pages-1.0",…}, then one line per capture with an HTML snapshot.
 *   datapackage.json            profile data-package, wacz_version 1.1.1, every file above with sha256 and bytes.
 *   datapackage-digest.json     the hash of datapackage.json and signedData {hash, created, software, signature, publicKey}.
 *
 * What goes into the WARC for each live selected record (deleted records have nothing left to archive):
 *   - an inert copy of its HTML snapshot (src/export/inert-html.ts, as the zip bundle's page.html) as a `response`
 *     record at the item's URL (permalink, else the page URL), WARC-Date = capture time, WARC-Refers-To-Target-URI
 *     naming the captured bytes: replay tools (ReplayWeb.page) run an archived page's scripts, and captured pages are
 *     hostile; the captured bytes themselves, unchanged, as a `resource` record at their urn: (below);
 *   - every artifact (the captured HTML, screenshot, structured record JSON, transcript, segments, imported or added files) as a
 *     `resource` record at urn:holdfast:<role>:<record id>:<artifact id>, with its media type;
 *   - the vault record itself (the JSON its chain hash covers) as a `resource` at urn:holdfast:record:<record id>.
 * warcio writes the records; the digests are computed here (pure JS SHA-256: warcio's own hasher is WebAssembly, which
 * the extension pages' CSP does not allow) and handed to it, so it never hashes.
 */

import { WARCRecord, WARCSerializer } from 'warcio';
import { getSurt } from 'warcio/utils';
import type { ArtifactRef, EvidenceRecord } from '../../model/evidence';
import type { SigningIdentity, Vault } from '../../vault/api';
import { sha256Hex } from '../../vault/hashing';
import { ExportError } from '../bundle';
import { describeScope, type ExportScope, selectRecords } from '../format';
import { inertHtml } from '../inert-html';
import { safeSegment } from '../names';
import { createSha256, sha256HexSync } from '../sha256';
import { countingStream } from '../sinks';
import { isPrecompressed } from '../zip';
import { StreamingZipWriter } from '../zip-writer';
import { gzipMember } from './gzip-member';
import { WACZ_FILES, WACZ_VERSION } from './layout';

export { WACZ_FILES, WACZ_VERSION };
/**
 * A WARC file is closed after the capture that takes it past this size. It is held in memory until then and hashed
 * with WebCrypto in one call, so this also bounds the export's memory (with HOLD_ARTIFACT_BYTES).
 */
export const MAX_WARC_BYTES = 16 * 1024 * 1024;
/** Artifacts larger than this are read from the vault as a stream (a large import is stored in chunks). */
const STREAM_ARTIFACT_BYTES = 8 * 1024 * 1024;
/**
 * warcio counts a payload before it writes the record's headers, so it keeps the payload meanwhile. Up to this size it
 * does (one vault read); a larger file is read from the vault twice instead (counted, then written), never held whole.
 */
const HOLD_ARTIFACT_BYTES = 64 * 1024 * 1024;

export interface WaczOptions {
  scope: ExportScope;
  toolVersion: string;
  /** Called after each record: total = records + 1. */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  /** Tests: a fixed export time. */
  now?: Date;
  /** Tests: a smaller WARC size limit. */
  maxWarcBytes?: number;
  /** Tests: a smaller size past which a file is read from the vault twice rather than held (HOLD_ARTIFACT_BYTES). */
  holdArtifactBytes?: number;
}

export interface WaczResult {
  filename: string;
  bytes: number;
  /** Every file of the WACZ but datapackage-digest.json, with its hash. */
  files: { path: string; sha256: string; size: number }[];
  pages: number;
  warcRecords: number;
  fingerprint: string;
}

export interface DataPackageResource {
  name: string;
  path: string;
  hash: string;
  bytes: number;
}

export interface DataPackage {
  profile: 'data-package';
  wacz_version: string;
  title: string;
  created: string;
  software: string;
  mainPageUrl?: string;
  mainPageDate?: string;
  resources: DataPackageResource[];
}

export interface DataPackageDigest {
  path: 'datapackage.json';
  hash: string;
  signedData: { hash: string; created: string; software: string; signature: string; publicKey: string };
}

interface CdxEntry {
  key: string;
  ts: string;
  url: string;
  mime: string;
  status?: string;
  digest: string;
  length: number;
  offset: number;
  filename: string;
  recordId: string;
}

const enc = new TextEncoder();

/** The item's URL a replay tool shows: the permalink, else the page it was captured on (http(s) only). */
export function originalUrl(record: EvidenceRecord): string | undefined {
  for (const candidate of [record.permalink, record.pageUrl]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // not a URL: try the next one
    }
  }
  return undefined;
}

/** urn: URI of an artifact (not the HTML snapshot) in the WARC. */
export function artifactUrn(record: EvidenceRecord, artifact: ArtifactRef): string {
  return `urn:holdfast:${artifact.role}:${record.id}:${artifact.id}`;
}

export function recordUrn(record: EvidenceRecord): string {
  return `urn:holdfast:record:${record.id}`;
}

/** YYYYMMDDhhmmss of an ISO time (CDXJ's timestamp). */
export function cdxTimestamp(iso: string): string {
  return iso.replace(/[^0-9]/g, '').slice(0, 14).padEnd(14, '0');
}

export function waczFilename(exportedAt: string): string {
  const stamp = exportedAt.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `holdfast-export-${safeSegment(stamp, 'export', 30)}.wacz`;
}

export async function exportWacz(vault: Vault, options: WaczOptions, sink: WritableStream<Uint8Array>): Promise<WaczResult> {
  const { writable: counted, written: bytesWritten, abort: abortSink } = countingStream(sink);
  let loggedExportId: string | undefined;
  try {
    const result = await writeWacz(vault, options, counted, (id) => {
      loggedExportId = id;
    });
    return { ...result, bytes: bytesWritten() };
  } catch (error) {
    await abortSink(error).catch(() => undefined);
    if (loggedExportId) {
      const why = options.signal?.aborted ? 'it was stopped' : 'it failed';
      await vault.logCustody('exported', undefined, `WACZ export ${loggedExportId} did not finish (${why}); no complete file was saved`).catch(() => undefined);
    }
    if (error instanceof ExportError) throw error;
    if (options.signal?.aborted) throw new ExportError('aborted', 'The export was stopped. No file was saved.', { cause: error });
    throw new ExportError('failed', `The export failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function writeWacz(
  vault: Vault,
  options: WaczOptions,
  target: WritableStream<Uint8Array>,
  logged: (exportId: string) => void,
): Promise<Omit<WaczResult, 'bytes'>> {
  const checkAbort = () => {
    if (options.signal?.aborted) throw new ExportError('aborted', 'The export was stopped. No file was saved.');
  };
  const exportedAt = (options.now ?? new Date()).toISOString();
  const exportId = globalThis.crypto.randomUUID();
  const software = `Holdfast ${options.toolVersion}`;
  const maxWarcBytes = options.maxWarcBytes ?? MAX_WARC_BYTES;
  const holdArtifactBytes = options.holdArtifactBytes ?? HOLD_ARTIFACT_BYTES;

  const all = (await vault.list({ includeDeleted: true })).sort((a, b) => a.seq - b.seq);
  const selected = selectRecords(all, options.scope).filter((r) => !r.deleted);
  if (selected.length === 0) throw new ExportError('empty', 'No records match this choice, so nothing was exported.');
  const identity: SigningIdentity | undefined = await vault.signingIdentity();
  if (!identity) throw new ExportError('failed', 'The vault cannot sign this export while it is locked. Unlock it and export again.');

  const total = selected.length + 1;
  let done = 0;
  const tick = () => {
    done += 1;
    options.onProgress?.(done, total);
  };

  await vault.logCustody('exported', undefined, `WACZ export ${exportId}: ${selected.length} record(s), ${describeScope(options.scope)}`);
  logged(exportId);

  const zip = new StreamingZipWriter(target, { lastModDate: new Date(exportedAt) }, options.signal);
  const files: { path: string; sha256: string; size: number }[] = [];
  const cdx: CdxEntry[] = [];
  const pages: { id: string; url: string; title: string; ts: string }[] = [];
  let warcRecords = 0;

  const addText = async (path: string, text: string) => {
    const bytes = enc.encode(text);
    await zip.addBytes(path, bytes, bytes.byteLength > 4096 ? 6 : 0);
    files.push({ path, sha256: sha256HexSync(bytes), size: bytes.byteLength });
  };

  // 1. The WARC file(s): records a capture at a time, each WARC record one gzip member. A file is held in memory up to
  // about MAX_WARC_BYTES and hashed with WebCrypto in one call (native; pure-JS SHA-256 is the export's bottleneck);
  // a capture with more than HOLD_ARTIFACT_BYTES of files gets a WARC file of its own, streamed and hashed as it goes.
  const streamed = (record: EvidenceRecord) => record.artifacts.reduce((n, a) => n + a.size, 0) > holdArtifactBytes;
  let next = 0;
  for (let part = 1; next < selected.length; part++) {
    const filename = part === 1 ? 'data.warc.gz' : `data-${part}.warc.gz`;
    const path = `archive/${filename}`;
    const alone = streamed(selected[next]!);
    let offset = 0;
    const members = async function* (): AsyncGenerator<Uint8Array> {
      const emit = async function* (record: WARCRecord, deflate: boolean, entry?: Omit<CdxEntry, 'length' | 'offset' | 'filename'>, buffer?: RereadBuffer) {
        const start = offset;
        const serializer = buffer ? new WARCSerializer(record, { gzip: false }, buffer) : new WARCSerializer(record, { gzip: false });
        for await (const chunk of gzipMember(serializer, deflate)) {
          offset += chunk.byteLength;
          yield chunk;
        }
        warcRecords += 1;
        if (entry) cdx.push({ ...entry, offset: start, length: offset - start, filename });
      };
      yield* emit(warcinfo(filename, software, exportedAt), true);
      // At least one capture per file, however large, so every file moves the export on.
      for (let inFile = 0; next < selected.length && (inFile === 0 || (!alone && offset < maxWarcBytes && !streamed(selected[next]!))); inFile++) {
        checkAbort();
        const record = selected[next++]!;
        const url = originalUrl(record);
        const date = record.capturedAt;
        let snapshot = false;
        for (const artifact of record.artifacts) {
          checkAbort();
          const asResponse = artifact.role === 'html' && url !== undefined && !snapshot;
          if (asResponse || artifact.size <= STREAM_ARTIFACT_BYTES) {
            const stored = await vault.getArtifact(artifact.id);
            if (!stored) continue;
            if (asResponse) {
              snapshot = true;
              // What a replay tool shows at the item's URL is the inert copy (as the zip bundle's page.html): replay
              // tools such as ReplayWeb.page run an archived page's scripts, and captured pages are hostile. The
              // captured bytes follow, unchanged, as a resource record under their urn: (the evidence, hashed).
              const inert = enc.encode(inertHtml(new TextDecoder().decode(stored.bytes)));
              const { record: warc, digest, mime } = responseRecord(url, date, 'text/html; charset=utf-8', inert);
              warc.warcHeaders.headers.set('WARC-Refers-To-Target-URI', artifactUrn(record, artifact));
              yield* emit(warc, true, { key: getSurt(url), ts: cdxTimestamp(date), url, mime, status: '200', digest, recordId: record.id });
              const urn = artifactUrn(record, artifact);
              const capturedDigest = `sha256:${stored.bytes.byteLength <= 64 * 1024 ? sha256HexSync(stored.bytes) : await sha256Hex(stored.bytes)}`;
              yield* emit(resourceRecord(urn, date, artifact.mediaType, capturedDigest, [stored.bytes]), true, {
                key: urn,
                ts: cdxTimestamp(date),
                url: urn,
                mime: mimeOf(artifact.mediaType),
                digest: capturedDigest,
                recordId: record.id,
              });
            } else {
              const urn = artifactUrn(record, artifact);
              // WebCrypto's hop to another thread costs more than hashing a small file here.
              const digest = `sha256:${stored.bytes.byteLength <= 64 * 1024 ? sha256HexSync(stored.bytes) : await sha256Hex(stored.bytes)}`;
              const warc = resourceRecord(urn, date, artifact.mediaType, digest, [stored.bytes]);
              yield* emit(warc, !isPrecompressed(artifact.mediaType), { key: urn, ts: cdxTimestamp(date), url: urn, mime: mimeOf(artifact.mediaType), digest, recordId: record.id });
            }
          } else {
            // Up to HOLD_ARTIFACT_BYTES warcio keeps the chunks it counted; past it, it counts one read and writes another.
            const reader = await vault.readArtifact(artifact.id);
            if (!reader) continue;
            const urn = artifactUrn(record, artifact);
            const digest = `sha256:${artifact.sha256}`;
            const warc = resourceRecord(urn, date, artifact.mediaType, digest, streamChunks(reader.stream()));
            const buffer = artifact.size > holdArtifactBytes ? new RereadBuffer(() => streamChunks(reader.stream())) : undefined;
            yield* emit(warc, false, { key: urn, ts: cdxTimestamp(date), url: urn, mime: mimeOf(artifact.mediaType), digest, recordId: record.id }, buffer);
          }
        }
        const json = enc.encode(`${JSON.stringify(record, null, 2)}\n`);
        const recordDigest = `sha256:${sha256HexSync(json)}`;
        const urn = recordUrn(record);
        yield* emit(resourceRecord(urn, date, 'application/json', recordDigest, [json]), true, { key: urn, ts: cdxTimestamp(date), url: urn, mime: 'application/json', digest: recordDigest, recordId: record.id });
        if (snapshot && url) pages.push({ id: record.id, url, title: pageTitle(record), ts: date });
        tick();
      }
    };
    if (!alone) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of members()) chunks.push(chunk);
      const bytes = joinChunks(chunks, offset);
      chunks.length = 0;
      const sha256 = await sha256Hex(bytes);
      await zip.addBytes(path, bytes, 0);
      files.push({ path, sha256, size: offset });
      continue;
    }
    const hasher = createSha256();
    const iterator = members();
    const source = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done: end, value } = await iterator.next();
        if (end) controller.close();
        else {
          hasher.update(value);
          controller.enqueue(value);
        }
      },
      async cancel(reason) {
        await iterator.return(reason);
      },
    });
    await zip.addStream(path, source, 0);
    files.push({ path, sha256: hasher.digestHex(), size: offset });
  }

  // 2. The index, sorted as CDXJ wants (SURT key, then time), and the pages.
  checkAbort();
  cdx.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.offset - b.offset));
  await addText(
    WACZ_FILES.index,
    cdx
      .map((e) => {
        const fields = { url: e.url, mime: e.mime, ...(e.status ? { status: e.status } : {}), digest: e.digest, length: String(e.length), offset: String(e.offset), filename: e.filename, recordId: e.recordId };
        return `${e.key} ${e.ts} ${JSON.stringify(fields)}\n`;
      })
      .join(''),
  );
  const title = `Holdfast evidence export ${exportedAt}`;
  await addText(
    WACZ_FILES.pages,
    [{ format: 'json-pages-1.0', id: 'pages', title }, ...pages].map((p) => `${JSON.stringify(p)}\n`).join(''),
  );

  // 3. datapackage.json, then its signed digest.
  const first = pages[0];
  const datapackage: DataPackage = {
    profile: 'data-package',
    wacz_version: WACZ_VERSION,
    title,
    created: exportedAt,
    software,
    ...(first ? { mainPageUrl: first.url, mainPageDate: first.ts } : {}),
    resources: files.map((f) => ({ name: f.path.split('/').pop()!, path: f.path, hash: `sha256:${f.sha256}`, bytes: f.size })),
  };
  const datapackageText = `${JSON.stringify(datapackage, null, 2)}\n`;
  await addText(WACZ_FILES.datapackage, datapackageText);
  const hash = `sha256:${files.at(-1)!.sha256}`;
  const { signature, identity: signer } = await vault.signWaczDigest(hash);
  const digest: DataPackageDigest = {
    path: 'datapackage.json',
    hash,
    signedData: { hash, created: exportedAt, software, signature, publicKey: signer.publicKey },
  };
  const digestBytes = enc.encode(`${JSON.stringify(digest, null, 2)}\n`);
  await zip.addBytes(WACZ_FILES.digest, digestBytes, 0);
  tick();
  await zip.close();
  return { filename: waczFilename(exportedAt), files, pages: pages.length, warcRecords, fingerprint: signer.fingerprint };
}

function warcinfo(filename: string, software: string, created: string): WARCRecord {
  return WARCRecord.createWARCInfo(
    { filename, warcVersion: 'WARC/1.1', date: created },
    {
      software,
      format: 'WARC File Format 1.1',
      isPartOf: 'Holdfast evidence export',
      description: 'Captures from a Holdfast vault. Each capture: an inert copy of its HTML snapshot (no script) as a response at the item URL; the captured HTML, screenshots, the structured record and other files as resource records at urn:holdfast:<role>:<record id>:<artifact id>; the vault record at urn:holdfast:record:<record id>.',
    },
  );
}

function mimeOf(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
}

function responseRecord(url: string, date: string, mediaType: string, body: Uint8Array): { record: WARCRecord; digest: string; mime: string } {
  const contentType = /charset=/i.test(mediaType) ? mediaType : `${mimeOf(mediaType)}; charset=utf-8`;
  const record = WARCRecord.create(
    {
      url,
      date,
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: 'HTTP/1.1 200 OK',
      httpHeaders: { 'Content-Type': contentType, 'Content-Length': String(body.byteLength) },
    },
    [body],
  );
  const digest = `sha256:${sha256HexSync(body)}`;
  // The block is the HTTP headers block (as warcio serializes it) and the body.
  const block = createSha256();
  block.update(enc.encode(`${record.httpHeaders!.toString()}\r\n`));
  block.update(body);
  record.warcHeaders.headers.set('WARC-Payload-Digest', digest);
  record.warcHeaders.headers.set('WARC-Block-Digest', `sha256:${block.digestHex()}`);
  return { record, digest, mime: mimeOf(mediaType) };
}

function resourceRecord(urn: string, date: string, mediaType: string, digest: string, body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): WARCRecord {
  const record = WARCRecord.create({ url: urn, date, type: 'resource', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': mediaType } }, body);
  // A resource record's block is its payload: one digest for both.
  record.warcHeaders.headers.set('WARC-Payload-Digest', digest);
  record.warcHeaders.headers.set('WARC-Block-Digest', digest);
  return record;
}

/** The pages.jsonl title of a capture: the page title, else a short label. */
function pageTitle(record: EvidenceRecord): string {
  const base = record.pageTitle?.trim() || `${record.platform} ${record.kind}`;
  const who = record.author?.handle ? ` @${record.author.handle}` : '';
  return `#${record.seq} ${base}${who}`.slice(0, 300);
}

function joinChunks(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * warcio's serializer buffer for a payload read from the vault: keeps nothing while warcio counts the payload, and
 * reads it again from the vault when the record is written (a large file is never held whole).
 */
class RereadBuffer {
  constructor(private readonly again: () => AsyncIterable<Uint8Array>) {}
  write(_chunk: Uint8Array): void {}
  readAll(): AsyncIterable<Uint8Array> {
    return this.again();
  }
  purge(): void {}
}
