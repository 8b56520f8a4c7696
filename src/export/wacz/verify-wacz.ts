/**
 * verifyWacz (issue #15): checks a WACZ that Holdfast (or any tool signing the same way) exported, and names plainly
 * what is missing or changed. Pure (zip.js + WebCrypto through model/signature.ts); runs in Node (holdfast-verify) and
 * in a page.
 *
 * Checks, in order:
 *  1. The ZIP can be read; datapackage.json is there and is a WACZ data package (profile, wacz_version, resources).
 *  2. Every resource it lists: a safe path, present (a missing WARC is named as such), exactly `bytes` long and with
 *     the SHA-256 in `hash`; no other file in the ZIP but datapackage.json and datapackage-digest.json; at least one WARC.
 *  3. datapackage-digest.json: its `hash` is the SHA-256 of datapackage.json, signedData.hash is the same, and
 *     signedData.signature verifies with signedData.publicKey (ECDSA P-256 SHA-256 over the UTF-8 of the hash, base64
 *     r‖s: the WACZ signing spec's anonymous signature). The key's fingerprint is reported (and compared with one the
 *     checker gives).
 *  4. The CDXJ index: every line names a WARC of the package and a byte range inside it.
 */
import { type FileEntry, ZipReader } from '@zip.js/zip.js';
import { fromBase64, importPublicKey, keyFingerprint, normalizeFingerprint, verifyWaczDigest } from '../../model/signature';
import { unsafePathReason } from '../names';
import { createSha256, type HasherFactory } from '../sha256';
import { BundleReadError, type BundleSource, readerFor, ZIP_WORKER_OPTIONS } from '../zip';
import { WACZ_FILES } from './layout';

export type WaczProblemCode =
  | 'unreadable'
  | 'datapackage-missing'
  | 'datapackage-invalid'
  | 'warc-missing' // no WARC at all, or a WARC the package lists is not in the ZIP
  | 'file-missing'
  | 'file-added'
  | 'file-changed'
  | 'file-size'
  | 'unsafe-path'
  | 'index-invalid'
  | 'digest-missing'
  | 'digest-mismatch' // datapackage-digest.json's hash is not the hash of datapackage.json
  | 'signature-missing'
  | 'signature-mismatch' // the signed hash is not this datapackage.json's: a signature over other content
  | 'signature-invalid' // the signature does not verify with the public key given (swapped key or changed signature)
  | 'signature-key'; // the key is not a P-256 public key, or not the one expected (--fingerprint)

export interface WaczProblem {
  code: WaczProblemCode;
  path?: string;
  message: string;
}

export interface WaczReport {
  kind: 'wacz';
  ok: boolean;
  fatal: boolean;
  waczVersion?: string;
  created?: string;
  software?: string;
  title?: string;
  files: number;
  /** Resources datapackage.json lists that were found and hashed (WARCs, index, pages, …). */
  resources: number;
  warcs: number;
  indexLines: number;
  pages: number;
  problems: WaczProblem[];
  signature?: { status: 'signed' | 'unsigned' | 'invalid'; fingerprint?: string };
  checkedAt: string;
}

export interface VerifyWaczOptions {
  expectFingerprint?: string;
  hasher?: HasherFactory;
  maxBytes?: number;
  /** Called as the listed resources are hashed (bytes done, bytes in all of them). */
  onProgress?(done: number, total: number): void;
}

interface Resource {
  name?: unknown;
  path?: unknown;
  hash?: unknown;
  bytes?: unknown;
}

const MAX_TEXT = 64 * 1024 * 1024;

/** Whether a ZIP's file names make it a WACZ rather than a Holdfast bundle (datapackage.json, no manifest.json). */
export function looksLikeWacz(names: readonly string[]): boolean {
  return names.includes(WACZ_FILES.datapackage) && !names.includes('manifest.json');
}

/**
 * Whether a file is a WACZ, as holdfast-verify decides: named .wacz, or a ZIP with datapackage.json and no manifest.json.
 * Reads only the ZIP's central directory (a few KB at the end of the file), never the files in it.
 */
export async function isWaczSource(source: BundleSource, name?: string): Promise<boolean> {
  if (name !== undefined && /\.wacz$/i.test(name)) return true;
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) return false; // cannot be read twice
  try {
    const zip = new ZipReader(await readerFor(source, Number.MAX_SAFE_INTEGER), { ...ZIP_WORKER_OPTIONS, filenameValidation: 'tolerant' });
    const names = (await zip.getEntries()).map((e) => e.filename);
    await zip.close();
    return looksLikeWacz(names);
  } catch {
    return false; // not a readable ZIP: the bundle check says so
  }
}

export async function verifyWacz(source: BundleSource, options: VerifyWaczOptions = {}): Promise<WaczReport> {
  const problems: WaczProblem[] = [];
  const report: WaczReport = { kind: 'wacz', ok: false, fatal: false, files: 0, resources: 0, warcs: 0, indexLines: 0, pages: 0, problems, checkedAt: new Date().toISOString() };
  const problem = (code: WaczProblemCode, message: string, path?: string) => problems.push({ code, message, ...(path !== undefined && { path }) });
  const fatal = (code: WaczProblemCode, message: string): WaczReport => {
    problem(code, message);
    report.fatal = true;
    return report;
  };
  const hasher = options.hasher ?? createSha256;

  let entries: FileEntry[];
  try {
    const reader = await readerFor(source, options.maxBytes ?? 64 * 1024 ** 3);
    const zip = new ZipReader(reader, { ...ZIP_WORKER_OPTIONS, filenameValidation: 'tolerant' });
    entries = (await zip.getEntries()).filter((e): e is FileEntry => !e.directory);
  } catch (error) {
    if (error instanceof BundleReadError) return fatal('unreadable', error.message);
    return fatal('unreadable', `The file is not a readable ZIP (it may be damaged or incomplete): ${errorText(error)}.`);
  }
  report.files = entries.length;
  const byPath = new Map<string, FileEntry>();
  for (const e of entries) {
    if (byPath.has(e.filename)) return fatal('unreadable', `The ZIP holds two files named ${e.filename}: it is ambiguous which one is meant.`);
    byPath.set(e.filename, e);
  }

  const readText = async (path: string): Promise<string> => {
    const entry = byPath.get(path)!;
    if (entry.uncompressedSize > MAX_TEXT) throw new Error(`${path} is larger than ${MAX_TEXT} bytes`);
    const chunks: Uint8Array[] = [];
    await entry.getData(new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) }), { ...ZIP_WORKER_OPTIONS, checkCrc32: true });
    return new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
  };
  const hashOf = async (entry: FileEntry): Promise<{ sha256: string; size: number }> => {
    const h = hasher();
    let size = 0;
    await entry.getData(
      new WritableStream<Uint8Array>({
        write(chunk) {
          size += chunk.byteLength;
          h.update(chunk);
        },
      }),
      { ...ZIP_WORKER_OPTIONS, checkCrc32: true },
    );
    return { sha256: h.digestHex(), size };
  };

  // 1. datapackage.json
  if (!byPath.has(WACZ_FILES.datapackage)) return fatal('datapackage-missing', 'datapackage.json is missing: this is not a WACZ file, or it was cut short.');
  let datapackageText: string;
  let pkg: { profile?: unknown; wacz_version?: unknown; created?: unknown; software?: unknown; title?: unknown; resources?: unknown };
  try {
    datapackageText = await readText(WACZ_FILES.datapackage);
    pkg = JSON.parse(datapackageText) as typeof pkg;
    if (!pkg || typeof pkg !== 'object') throw new Error('not a JSON object');
  } catch (error) {
    return fatal('datapackage-invalid', `datapackage.json cannot be read as JSON: ${errorText(error)}.`);
  }
  if (typeof pkg.wacz_version !== 'string') problem('datapackage-invalid', 'datapackage.json names no wacz_version.');
  else report.waczVersion = pkg.wacz_version;
  if (pkg.profile !== 'data-package') problem('datapackage-invalid', `datapackage.json's profile is ${JSON.stringify(pkg.profile)}, not "data-package".`);
  if (typeof pkg.created === 'string') report.created = pkg.created;
  if (typeof pkg.software === 'string') report.software = pkg.software;
  if (typeof pkg.title === 'string') report.title = pkg.title;
  if (!Array.isArray(pkg.resources)) return fatal('datapackage-invalid', 'datapackage.json lists no resources.');

  // 2. Every resource: present, size, hash.
  const listed = new Set<string>([WACZ_FILES.datapackage, WACZ_FILES.digest]);
  const warcSizes = new Map<string, number>();
  const resources = pkg.resources as Resource[];
  let doneBytes = 0;
  const totalBytes = resources.reduce((n, r) => {
    const entry = r && typeof r === 'object' && typeof r.path === 'string' ? byPath.get(r.path) : undefined;
    return n + (entry?.uncompressedSize ?? 0);
  }, 0);
  for (const [i, raw] of resources.entries()) {
    const r = raw && typeof raw === 'object' ? raw : {};
    if (typeof r.path !== 'string' || typeof r.hash !== 'string' || typeof r.bytes !== 'number') {
      problem('datapackage-invalid', `Resource ${i + 1} of datapackage.json lacks a path, a hash or a size.`);
      continue;
    }
    const path = r.path;
    const unsafe = unsafePathReason(path);
    if (unsafe) {
      problem('unsafe-path', `Resource ${JSON.stringify(path)} has an unsafe path (${unsafe}).`, path);
      continue;
    }
    listed.add(path);
    const isWarc = /^archive\/[^/]+\.warc(\.gz)?$/.test(path);
    const entry = byPath.get(path);
    if (!entry) {
      if (isWarc) problem('warc-missing', `The WARC ${path} that datapackage.json lists is missing from the WACZ: its captures cannot be replayed or checked.`, path);
      else problem('file-missing', `${path}, listed in datapackage.json, is missing from the WACZ.`, path);
      continue;
    }
    if (isWarc) warcSizes.set(path.slice('archive/'.length), entry.uncompressedSize);
    let actual: { sha256: string; size: number };
    try {
      actual = await hashOf(entry);
    } catch (error) {
      problem('file-changed', `${path} cannot be read (damaged in the ZIP): ${errorText(error)}.`, path);
      continue;
    } finally {
      doneBytes += entry.uncompressedSize;
      options.onProgress?.(doneBytes, totalBytes);
    }
    report.resources++;
    const expected = r.hash.replace(/^sha256:/, '');
    if (!r.hash.startsWith('sha256:')) problem('datapackage-invalid', `${path}'s hash in datapackage.json is not a sha256 hash.`, path);
    else if (actual.sha256 !== expected) problem('file-changed', `${path} has changed: its SHA-256 is ${actual.sha256}, datapackage.json says ${expected}.`, path);
    if (actual.size !== r.bytes) problem('file-size', `${path} is ${actual.size} bytes, datapackage.json says ${r.bytes}.`, path);
  }
  report.warcs = warcSizes.size;
  if (![...listed].some((p) => /^archive\/[^/]+\.warc(\.gz)?$/.test(p))) problem('warc-missing', 'datapackage.json lists no WARC file (archive/*.warc.gz): there is nothing to replay.');
  for (const path of byPath.keys()) if (!listed.has(path)) problem('file-added', `${path} is in the WACZ but not listed in datapackage.json (added after export?).`, path);

  // 3. The signed digest.
  if (!byPath.has(WACZ_FILES.digest)) {
    problem('digest-missing', 'datapackage-digest.json is missing: nothing says which datapackage.json was exported, and nothing is signed.');
    report.signature = { status: 'unsigned' };
  } else {
    await checkDigest(await readText(WACZ_FILES.digest).catch(() => ''), datapackageText, hasher, options.expectFingerprint, problem, report);
  }

  // 4. The index names byte ranges inside the WARCs.
  if (byPath.has(WACZ_FILES.index) && listed.has(WACZ_FILES.index)) {
    const text = await readText(WACZ_FILES.index).catch(() => '');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    report.indexLines = lines.length;
    let bad = 0;
    for (const line of lines) {
      const m = /^(\S+) (\d{14}) (\{.*\})$/.exec(line);
      let fields: { filename?: unknown; offset?: unknown; length?: unknown } | undefined;
      try {
        fields = m ? (JSON.parse(m[3]!) as typeof fields) : undefined;
      } catch {
        fields = undefined;
      }
      const size = typeof fields?.filename === 'string' ? warcSizes.get(fields.filename) : undefined;
      const offset = Number(fields?.offset);
      const length = Number(fields?.length);
      if (!fields || size === undefined || !Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length <= 0 || offset + length > size) {
        if (bad++ < 5) problem('index-invalid', `A line of ${WACZ_FILES.index} does not point inside a WARC of this WACZ: ${line.slice(0, 200)}`, WACZ_FILES.index);
      }
    }
    if (bad > 5) problem('index-invalid', `${bad - 5} more lines of ${WACZ_FILES.index} do not point inside a WARC.`, WACZ_FILES.index);
  }
  if (byPath.has(WACZ_FILES.pages)) {
    const lines = (await readText(WACZ_FILES.pages).catch(() => '')).split('\n').filter((l) => l.trim() !== '');
    report.pages = Math.max(0, lines.length - 1);
  }

  report.ok = problems.length === 0;
  return report;
}

async function checkDigest(
  text: string,
  datapackageText: string,
  hasher: HasherFactory,
  expectFingerprint: string | undefined,
  problem: (code: WaczProblemCode, message: string, path?: string) => void,
  report: WaczReport,
): Promise<void> {
  let digest: { path?: unknown; hash?: unknown; signedData?: { hash?: unknown; signature?: unknown; publicKey?: unknown } };
  try {
    digest = JSON.parse(text) as typeof digest;
    if (!digest || typeof digest !== 'object') throw new Error('not a JSON object');
  } catch (error) {
    problem('digest-missing', `datapackage-digest.json cannot be read as JSON: ${errorText(error)}.`, WACZ_FILES.digest);
    report.signature = { status: 'invalid' };
    return;
  }
  const h = hasher();
  h.update(new TextEncoder().encode(datapackageText));
  const actual = `sha256:${h.digestHex()}`;
  if (digest.path !== WACZ_FILES.datapackage || digest.hash !== actual) {
    problem('digest-mismatch', `datapackage.json has changed since export: its hash is ${actual}, datapackage-digest.json says ${String(digest.hash)}.`, WACZ_FILES.datapackage);
  }
  const signed = digest.signedData;
  if (!signed || typeof signed !== 'object') {
    problem('signature-missing', 'datapackage-digest.json carries no signature (signedData): the WACZ is not shown to come from any vault.', WACZ_FILES.digest);
    report.signature = { status: 'unsigned' };
    return;
  }
  const spki = fromBase64(signed.publicKey);
  let fingerprint: string | undefined;
  let key: CryptoKey | undefined;
  if (spki && spki.byteLength > 0) {
    fingerprint = keyFingerprint(spki);
    key = await importPublicKey(spki).catch(() => undefined);
  }
  if (!key) {
    problem('signature-key', 'The public key in datapackage-digest.json is not an ECDSA P-256 public key (base64 SPKI).', WACZ_FILES.digest);
    report.signature = { status: 'invalid', ...(fingerprint && { fingerprint }) };
    return;
  }
  let ok = true;
  if (signed.hash !== actual) {
    ok = false;
    problem('signature-mismatch', `The signature covers other content: it is over ${String(signed.hash)}, but this datapackage.json hashes to ${actual}.`, WACZ_FILES.digest);
  } else if (typeof signed.signature !== 'string' || !(await verifyWaczDigest(key, actual, signed.signature))) {
    ok = false;
    problem(
      'signature-invalid',
      `The signature does not verify with the public key in datapackage-digest.json (fingerprint ${fingerprint}): the key was swapped for another, or the signature was changed.`,
      WACZ_FILES.digest,
    );
  }
  if (expectFingerprint !== undefined) {
    const want = normalizeFingerprint(expectFingerprint);
    if (want !== fingerprint) {
      ok = false;
      problem('signature-key', `The WACZ is signed with another key: its fingerprint is ${fingerprint}, not the ${want ?? expectFingerprint} expected. It does not come from that vault.`, WACZ_FILES.digest);
    }
  }
  report.signature = { status: ok ? 'signed' : 'invalid', fingerprint: fingerprint! };
}

export function formatWaczReport(report: WaczReport): string {
  const lines: string[] = ['Holdfast WACZ check', ''];
  if (report.waczVersion) lines.push(`WACZ version:   ${report.waczVersion}`);
  if (report.created) lines.push(`Created:        ${report.created}`);
  if (report.software) lines.push(`Made with:      ${report.software}`);
  if (report.signature) {
    const sig = report.signature;
    lines.push(`Signature:      ${sig.status === 'signed' ? 'signed (WACZ anonymous signature, ECDSA P-256)' : sig.status === 'unsigned' ? 'none — unsigned' : 'DOES NOT VERIFY'}`);
    if (sig.fingerprint) lines.push(`Key fingerprint: ${sig.fingerprint} (compare it with the fingerprint on the vault page)`);
  }
  lines.push(`WARC files:     ${report.warcs}`);
  lines.push(`Index lines:    ${report.indexLines}`);
  lines.push(`Pages:          ${report.pages}`);
  lines.push(`Resources:      ${report.resources} (listed in datapackage.json and checked)`);
  lines.push(`Files in ZIP:   ${report.files}`);
  lines.push('');
  if (report.ok) {
    lines.push('Every file matches the size and SHA-256 in datapackage.json, datapackage.json matches its digest,');
    lines.push('and the signature over it verifies with the key above.');
    lines.push('');
    lines.push('RESULT: OK');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Problems (${report.problems.length}):`);
  for (const p of report.problems) lines.push(`  [${p.code}] ${p.message}`);
  lines.push('');
  lines.push(report.fatal ? 'RESULT: NOT CHECKED — the WACZ could not be checked completely (see above).' : 'RESULT: PROBLEMS FOUND');
  return `${lines.join('\n')}\n`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
