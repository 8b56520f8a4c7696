/**
 * A WACZ validator for the tests: a Node port of what py-wacz's `wacz validate` checks, plus the anonymous signature
 * check of the WACZ auth spec. Why a port: the issue asks for py-wacz installed with pip, and PyPI cannot be reached
 * from this project's machines (see docs/testing.md). `tryPyWacz` still runs the real tool when one is installed.
 *
 * Ported from webrecorder/py-wacz at commit 1e8f724a527f28855eedeb0d969ee39b00b2a80a (wacz/main.py validate_wacz,
 * wacz/validate.py, wacz/util.py validate_pages_jsonl_file): `validate_wacz` runs, in order,
 *  - detect_version: datapackage.json's `wacz_version` must be 1.1.1 (the only version it knows; 0.1.0 archives
 *    with webarchive.yaml are not produced by anything here and are refused);
 *  - check_required_contents: datapackage.json, a WARC in archive/, an index in indexes/ (index.cdx.gz, index.cdx,
 *    index.idx — py-wacz's globs compare a list with False and so never fail; here they do, and index.cdxj, which
 *    the WACZ spec allows, counts too), pages/pages.jsonl;
 *  - frictionless_validate: datapackage.json is a Frictionless data package (`profile`, a non-empty `resources`
 *    list whose entries have a `name` matching ^[-a-z0-9._/]+$, a relative `path` without `..`, a `hash` of the
 *    form algo:hex, an integer `bytes`);
 *  - check_file_paths: every file in the ZIP but the two datapackage files is listed in `resources`;
 *  - check_file_hashes: every file's hash is the listed one (and here the listed `bytes` too, and every listed
 *    resource exists: py-wacz walks the files only, so a listed WARC that is missing passed);
 *  - check_data_package_hash_and_sig: datapackage-digest.json's `hash` is datapackage.json's; with `signedData`,
 *    its `created` equals datapackage.json's. py-wacz checks signatures only with authsign (domain signatures, over
 *    the network); here the anonymous signature is checked as WACZ auth 0.1.0 (webrecorder/specs at
 *    09268ee26718fe2da4e76fe43dbc23e0b2f13365, wacz-auth/0.1.0) says: `signature` is an ECDSA/SHA-256 signature of
 *    the `hash` string under `publicKey` (base64 DER SPKI), with no property but those the spec lists.
 * and pages.jsonl as `validate_pages_jsonl_file` reads it: JSON on every line, a header with `format` and `id`, then
 * pages with `url` and `ts` (and here: `ts` an RFC 3339 date, `url` absolute http(s)).
 * Beyond py-wacz: every WARC record's WARC-Block-Digest and WARC-Payload-Digest (hex or base32, as Python warcio's
 * `warcio check` verifies them; the exporter computes its own digests, so they get an independent look), and,
 * because replay depends on it, each CDXJ index line names a WARC in the archive and its offset/length lands on a
 * WARC record (gzip member or plain) for that URL.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';

export const WACZ_VERSION = '1.1.1';

export interface WaczEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

export interface WaczPageLine {
  url: string;
  ts: string;
  title?: string;
  id?: string;
}

export interface WaczReport {
  ok: boolean;
  /** Plain-language reasons the file is not a valid WACZ (empty when ok). */
  problems: string[];
  /** What was checked and found right, and remarks that do not fail the file. */
  notes: string[];
  version?: string;
  pages: WaczPageLine[];
  signature: 'none' | 'valid' | 'invalid' | 'domain (not checked offline)';
  /** base64 SPKI of the anonymous signature's key, when there is one. */
  publicKey?: string;
  /** Named curve of that key (wabac.js, ReplayWeb.page's engine, imports anonymous keys as P-384). */
  curve?: string;
}

class ZipError extends Error {}

/** Central directory of a ZIP (ZIP64 sizes and offsets too). Independent of the project's own ZIP code. */
export function readZipEntries(zip: Uint8Array): WaczEntry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a ZIP file (no end of central directory record)');
  let count = v.getUint16(eocd + 10, true);
  let cdOffset = v.getUint32(eocd + 16, true);
  const loc = eocd - 20;
  if (loc >= 0 && v.getUint32(loc, true) === 0x07064b50) {
    const z64 = Number(v.getBigUint64(loc + 8, true));
    if (v.getUint32(z64, true) !== 0x06064b50) throw new ZipError('broken ZIP64 end of central directory');
    count = Number(v.getBigUint64(z64 + 32, true));
    cdOffset = Number(v.getBigUint64(z64 + 48, true));
  }
  const entries: WaczEntry[] = [];
  const dec = new TextDecoder();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.byteLength || v.getUint32(p, true) !== 0x02014b50) throw new ZipError('broken central directory');
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const e: WaczEntry = {
      name: dec.decode(zip.subarray(p + 46, p + 46 + nameLen)),
      method: v.getUint16(p + 10, true),
      crc: v.getUint32(p + 16, true),
      compressedSize: v.getUint32(p + 20, true),
      size: v.getUint32(p + 24, true),
      localOffset: v.getUint32(p + 42, true),
    };
    // ZIP64 extra field: the 0xffffffff fields, in order size, compressed size, offset.
    let x = p + 46 + nameLen;
    const end = x + extraLen;
    while (x + 4 <= end) {
      const id = v.getUint16(x, true);
      const len = v.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        if (e.size === 0xffffffff) {
          e.size = Number(v.getBigUint64(q, true));
          q += 8;
        }
        if (e.compressedSize === 0xffffffff) {
          e.compressedSize = Number(v.getBigUint64(q, true));
          q += 8;
        }
        if (e.localOffset === 0xffffffff) e.localOffset = Number(v.getBigUint64(q, true));
      }
      x += 4 + len;
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** An entry's bytes, inflated if deflated, its CRC-32 checked. */
export function readZipEntry(zip: Uint8Array, e: WaczEntry): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (v.getUint32(e.localOffset, true) !== 0x04034b50) throw new ZipError(`${e.name}: no local header where the directory says`);
  const start = e.localOffset + 30 + v.getUint16(e.localOffset + 26, true) + v.getUint16(e.localOffset + 28, true);
  const raw = zip.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) out = raw;
  else if (e.method === 8) out = new Uint8Array(inflateRawSync(raw));
  else throw new ZipError(`${e.name}: compression method ${e.method} is not stored or deflate`);
  if (out.byteLength !== e.size) throw new ZipError(`${e.name}: ${out.byteLength} bytes where the directory says ${e.size}`);
  if (crc32(out) >>> 0 !== e.crc) throw new ZipError(`${e.name}: CRC-32 does not match`);
  return out;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NAME = /^[-a-z0-9._/]+$/;
const HASH = /^([^:]+):([a-fA-F0-9]+)$/;
const ANON_KEYS = ['hash', 'created', 'software', 'version', 'signature', 'publicKey'];
const DOMAIN_KEYS = ['hash', 'created', 'software', 'version', 'signature', 'domain', 'domainCert', 'timeSignature', 'timestampCert', 'crossSignedCert'];

function hashOf(algo: string, bytes: Uint8Array): string | undefined {
  try {
    return `${algo}:${createHash(algo).update(bytes).digest('hex')}`;
  } catch {
    return undefined;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Validates a WACZ file (path or bytes). Never throws for a bad file: every finding is in `problems`. */
export async function validateWacz(source: string | Uint8Array): Promise<WaczReport> {
  const report: WaczReport = { ok: false, problems: [], notes: [], pages: [], signature: 'none' };
  const problem = (m: string): void => {
    report.problems.push(m);
  };
  const zip = typeof source === 'string' ? new Uint8Array(readFileSync(source)) : source;
  let entries: WaczEntry[];
  const files = new Map<string, Uint8Array>();
  try {
    entries = readZipEntries(zip);
    for (const e of entries) {
      if (e.name.endsWith('/')) continue;
      if (files.has(e.name)) problem(`${e.name} is in the ZIP twice`);
      files.set(e.name, readZipEntry(zip, e));
    }
  } catch (err) {
    problem(`the ZIP cannot be read: ${(err as Error).message}`);
    return report;
  }
  const text = (path: string) => new TextDecoder('utf-8', { fatal: true }).decode(files.get(path));

  // detect_version
  const dpBytes = files.get('datapackage.json');
  if (!dpBytes) {
    problem(files.has('webarchive.yaml') ? 'this is a WACZ 0.1.0 (webarchive.yaml), not 1.1.1' : 'datapackage.json is missing');
    return report;
  }
  let dp: unknown;
  try {
    dp = JSON.parse(text('datapackage.json'));
  } catch (err) {
    problem(`datapackage.json is not JSON: ${(err as Error).message}`);
    return report;
  }
  if (!isObject(dp)) {
    problem('datapackage.json is not a JSON object');
    return report;
  }
  report.version = typeof dp.wacz_version === 'string' ? dp.wacz_version : undefined;
  if (report.version === undefined) problem('datapackage.json has no wacz_version');
  else if (report.version !== WACZ_VERSION) problem(`wacz_version is ${report.version}, not ${WACZ_VERSION}`);
  else report.notes.push(`version ${report.version}`);

  // check_required_contents
  const names = [...files.keys()];
  const warcs = names.filter((n) => /^archive\/[^/]+\.warc(\.gz)?$/.test(n));
  if (!warcs.length) problem('no WARC file in archive/ (a WACZ needs at least one .warc or .warc.gz)');
  const indexes = names.filter((n) => /^indexes\/[^/]+\.(cdx|cdxj|cdx\.gz|cdxj\.gz|idx)$/.test(n));
  if (!indexes.length) problem('no index in indexes/ (index.cdx.gz, index.cdx, index.cdxj or index.idx)');
  if (!files.has('pages/pages.jsonl')) problem('pages/pages.jsonl is missing');

  // frictionless_validate (the data-package profile's rules the WACZ relies on)
  const resources = Array.isArray(dp.resources) ? dp.resources : undefined;
  if (dp.profile !== 'data-package') problem(`datapackage.json's profile is ${JSON.stringify(dp.profile)}, not "data-package"`);
  if (!resources?.length) problem('datapackage.json has no resources');
  if (dp.created !== undefined && (typeof dp.created !== 'string' || !RFC3339.test(dp.created))) problem(`datapackage.json's created (${JSON.stringify(dp.created)}) is not an RFC 3339 date`);
  const listed = new Map<string, Record<string, unknown>>();
  let hashType: string | undefined;
  for (const [i, r] of (resources ?? []).entries()) {
    if (!isObject(r)) {
      problem(`resource ${i} in datapackage.json is not an object`);
      continue;
    }
    const where = `resource ${i} (${typeof r.path === 'string' ? r.path : 'no path'})`;
    if (typeof r.name !== 'string' || !NAME.test(r.name)) problem(`${where}: name ${JSON.stringify(r.name)} is not a valid data package name`);
    if (typeof r.path !== 'string' || !r.path || r.path.startsWith('/') || r.path.split('/').includes('..')) {
      problem(`${where}: path ${JSON.stringify(r.path)} is not a relative path inside the package`);
      continue;
    }
    const m = typeof r.hash === 'string' ? HASH.exec(r.hash) : null;
    if (!m) problem(`${where}: hash ${JSON.stringify(r.hash)} is not "algorithm:hex"`);
    else hashType ??= m[1];
    if (!Number.isInteger(r.bytes) || (r.bytes as number) < 0) problem(`${where}: bytes ${JSON.stringify(r.bytes)} is not a whole number`);
    if (listed.has(r.path)) problem(`${r.path} is listed twice in datapackage.json`);
    listed.set(r.path, r);
  }

  // check_file_paths + check_file_hashes (both ways)
  let hashed = 0;
  for (const [path, bytes] of files) {
    if (path === 'datapackage.json' || path === 'datapackage-digest.json') continue;
    const r = listed.get(path);
    if (!r) {
      problem(`${path} is in the WACZ but not listed in datapackage.json`);
      continue;
    }
    const m = typeof r.hash === 'string' ? HASH.exec(r.hash) : null;
    if (!m) continue;
    const actual = hashOf(m[1]!, bytes);
    if (!actual) problem(`${path}: unknown hash algorithm ${m[1]}`);
    else if (actual.toLowerCase() !== (r.hash as string).toLowerCase()) problem(`${path} has changed: its hash is ${actual}, datapackage.json lists ${r.hash as string}`);
    else hashed++;
    if (Number.isInteger(r.bytes) && r.bytes !== bytes.byteLength) problem(`${path} is ${bytes.byteLength} bytes, datapackage.json lists ${String(r.bytes)}`);
  }
  for (const path of listed.keys()) if (!files.has(path)) problem(`${path} is listed in datapackage.json but missing from the WACZ`);
  report.notes.push(`${hashed} of ${listed.size} resources match their hash and size`);

  // check_data_package_hash_and_sig
  if (files.has('datapackage-digest.json')) await checkDigest(text('datapackage-digest.json'), dpBytes, dp, hashType ?? 'sha256', report);
  else report.notes.push('no datapackage-digest.json (optional in WACZ 1.1.1)');

  // pages.jsonl (validate_pages_jsonl_file)
  if (files.has('pages/pages.jsonl')) checkPages(files.get('pages/pages.jsonl')!, report);

  // Beyond py-wacz: every WARC record's digests (as Python warcio's `check` does), and the index points at records.
  for (const w of warcs) checkWarc(w, files.get(w)!, report);
  for (const idx of indexes) checkIndex(idx, files, report);

  // WACZ 1.1.1 "Zip Compression": archive/ and *.cdx.gz stored (a remark, as py-wacz's check_compression is not run by validate).
  for (const e of entries) {
    if (e.method !== 0 && (e.name.startsWith('archive/') || e.name.endsWith('.cdx.gz') || e.name.endsWith('.cdxj.gz'))) report.notes.push(`remark: ${e.name} is deflated; WACZ 1.1.1 says to store it`);
  }
  report.ok = report.problems.length === 0;
  return report;
}

async function checkDigest(digestText: string, dpBytes: Uint8Array, dp: Record<string, unknown>, hashType: string, report: WaczReport): Promise<void> {
  const problem = (m: string): void => {
    report.problems.push(m);
  };
  let digest: unknown;
  try {
    digest = JSON.parse(digestText);
  } catch (err) {
    problem(`datapackage-digest.json is not JSON: ${(err as Error).message}`);
    return;
  }
  if (!isObject(digest)) {
    problem('datapackage-digest.json is not a JSON object');
    return;
  }
  if (digest.path !== undefined && digest.path !== 'datapackage.json') problem(`datapackage-digest.json's path is ${JSON.stringify(digest.path)}, not "datapackage.json"`);
  const m = typeof digest.hash === 'string' ? HASH.exec(digest.hash) : null;
  const actual = hashOf(m?.[1] ?? hashType, dpBytes);
  if (!m || actual?.toLowerCase() !== (digest.hash as string).toLowerCase()) {
    problem(`datapackage.json's hash (${actual}) does not match datapackage-digest.json (${JSON.stringify(digest.hash)})`);
    return;
  }
  report.notes.push('datapackage-digest.json matches datapackage.json');
  const sd = digest.signedData;
  if (sd === undefined) return;
  if (!isObject(sd)) {
    problem('signedData in datapackage-digest.json is not an object');
    return;
  }
  if (dp.created !== sd.created) problem(`signedData.created (${JSON.stringify(sd.created)}) is not datapackage.json's created (${JSON.stringify(dp.created)})`);
  if (sd.hash !== digest.hash) problem(`signedData.hash (${JSON.stringify(sd.hash)}) is not the digest's hash (${digest.hash as string})`);
  const keys = Object.keys(sd);
  if (typeof sd.publicKey !== 'string') {
    if (typeof sd.domainCert === 'string' && keys.every((k) => DOMAIN_KEYS.includes(k))) {
      report.signature = 'domain (not checked offline)';
      report.notes.push('domain-name signature: needs its certificate chain and a time-stamp check, not done here');
      return;
    }
    report.signature = 'invalid';
    problem('signedData is neither an anonymous signature (no publicKey) nor a domain signature');
    return;
  }
  const extra = keys.filter((k) => !ANON_KEYS.includes(k));
  if (extra.length) problem(`signedData has properties the anonymous signature format does not allow: ${extra.join(', ')}`);
  for (const k of ['hash', 'created', 'signature']) if (typeof sd[k] !== 'string') problem(`signedData.${k} is missing`);
  report.publicKey = sd.publicKey;
  let valid = false;
  try {
    const key = createPublicKey({ key: Buffer.from(sd.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec') throw new Error(`the key is ${key.asymmetricKeyType}, not ECDSA`);
    report.curve = key.asymmetricKeyDetails?.namedCurve;
    const sig = Buffer.from(String(sd.signature), 'base64');
    const raw = report.curve === 'prime256v1' ? 64 : report.curve === 'secp384r1' ? 96 : -1;
    valid = verifySignature('sha256', Buffer.from(String(sd.hash), 'utf8'), { key, dsaEncoding: sig.byteLength === raw ? 'ieee-p1363' : 'der' }, sig);
  } catch (err) {
    problem(`signedData.publicKey cannot be read: ${(err as Error).message}`);
    report.signature = 'invalid';
    return;
  }
  report.signature = valid ? 'valid' : 'invalid';
  if (!valid) problem("the signature in datapackage-digest.json does not verify with its publicKey: the WACZ's datapackage was not signed by that key");
  else report.notes.push(`anonymous signature verifies (${report.curve})`);
  if (valid && report.curve !== 'secp384r1') report.notes.push('remark: ReplayWeb.page (wabac.js) imports anonymous keys as P-384 only, so its archive info will not show this signature as verified');
}

function checkPages(bytes: Uint8Array, report: WaczReport): void {
  const problem = (m: string): void => {
    report.problems.push(`pages/pages.jsonl ${m}`);
  };
  let body: string;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problem('is not UTF-8');
    return;
  }
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (!lines.length) {
    problem('is empty');
    return;
  }
  for (const [i, line] of lines.entries()) {
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      problem(`line ${i + 1} is not JSON`);
      continue;
    }
    if (!isObject(obj)) {
      problem(`line ${i + 1} is not a JSON object`);
      continue;
    }
    if (i === 0) {
      if (typeof obj.format !== 'string' || obj.id === undefined) problem('line 1 is not a header with "format" and "id"');
      continue;
    }
    if (typeof obj.url !== 'string' || typeof obj.ts !== 'string') {
      problem(`line ${i + 1} has no "url" and "ts"`);
      continue;
    }
    if (!/^https?:\/\//.test(obj.url)) problem(`line ${i + 1}: url ${JSON.stringify(obj.url)} is not an http(s) URL`);
    if (!RFC3339.test(obj.ts)) problem(`line ${i + 1}: ts ${JSON.stringify(obj.ts)} is not an RFC 3339 date`);
    report.pages.push({ url: obj.url, ts: obj.ts, title: typeof obj.title === 'string' ? obj.title : undefined, id: typeof obj.id === 'string' ? obj.id : undefined });
  }
  report.notes.push(`${report.pages.length} pages listed`);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A WARC digest value (hex, or base32 as older tools write it) as lowercase hex, or undefined. */
function digestHex(value: string, bytes: number): string | undefined {
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) return value.toLowerCase();
  const v = value.toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]+$/.test(v)) return undefined;
  let bits = 0;
  let acc = 0;
  const out: number[] = [];
  for (const c of v) {
    acc = (acc << 5) | BASE32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out.length === bytes ? Buffer.from(out).toString('hex') : undefined;
}

const DIGEST_BYTES: Record<string, [string, number]> = { sha256: ['sha256', 32], 'sha-256': ['sha256', 32], sha1: ['sha1', 20], 'sha-1': ['sha1', 20] };

/** Checks one digest header against bytes; a problem string, or undefined when it matches (or is absent). */
function digestProblem(header: string | undefined, bytes: Uint8Array): string | undefined {
  if (header === undefined) return undefined;
  const m = /^([A-Za-z0-9-]+):(.+)$/.exec(header.trim());
  const algo = m ? DIGEST_BYTES[m[1]!.toLowerCase()] : undefined;
  if (!m || !algo) return `unreadable digest ${JSON.stringify(header)}`;
  const want = digestHex(m[2]!, algo[1]);
  const actual = createHash(algo[0]).update(bytes).digest('hex');
  return want === actual ? undefined : `digest ${header.trim()} but the bytes hash to ${m[1]}:${actual}`;
}

/**
 * Walks a WARC file record by record (a .warc.gz as its gzip members inflated together): each record's
 * Content-Length fits, WARC-Block-Digest matches the block and WARC-Payload-Digest the payload (an HTTP response's
 * body; the whole block for other records).
 */
function checkWarc(path: string, raw: Uint8Array, report: WaczReport): void {
  const problem = (m: string): void => {
    report.problems.push(`${path}: ${m}`);
  };
  let data = raw;
  if (path.endsWith('.gz')) {
    try {
      data = new Uint8Array(gunzipSync(raw));
    } catch {
      problem('is not gzip');
      return;
    }
  }
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let p = 0;
  let n = 0;
  let digests = 0;
  while (p < buf.byteLength) {
    n++;
    const headEnd = buf.indexOf('\r\n\r\n', p, 'latin1');
    const head = headEnd < 0 ? '' : buf.toString('utf8', p, headEnd);
    if (!/^WARC\/1\.[01]\r\n/.test(`${head}\r\n`)) {
      problem(`record ${n} at byte ${p} does not start with a WARC/1.x header`);
      return;
    }
    const field = (name: string) => new RegExp(`\r\n${name}:[ \t]*([^\r\n]*)`, 'i').exec(head)?.[1];
    const length = Number(field('Content-Length'));
    const blockStart = headEnd + 4;
    if (!Number.isInteger(length) || length < 0 || blockStart + length > buf.byteLength) {
      problem(`record ${n} (${field('WARC-Type') ?? '?'} ${field('WARC-Target-URI') ?? ''}): Content-Length ${field('Content-Length')} does not fit the file`);
      return;
    }
    const block = data.subarray(blockStart, blockStart + length);
    const where = `record ${n} (${field('WARC-Type') ?? '?'} ${field('WARC-Target-URI') ?? ''})`;
    const b = digestProblem(field('WARC-Block-Digest'), block);
    if (b) problem(`${where}: block ${b}`);
    let payload = block;
    if (/^application\/http/i.test(field('Content-Type') ?? '')) {
      const httpEnd = Buffer.from(block.buffer, block.byteOffset, block.byteLength).indexOf('\r\n\r\n', 0, 'latin1');
      payload = httpEnd < 0 ? new Uint8Array(0) : block.subarray(httpEnd + 4);
    }
    const pl = digestProblem(field('WARC-Payload-Digest'), payload);
    if (pl) problem(`${where}: payload ${pl}`);
    if (!b && !pl && (field('WARC-Block-Digest') || field('WARC-Payload-Digest'))) digests++;
    p = blockStart + length;
    if (buf.toString('latin1', p, p + 4) !== '\r\n\r\n') {
      problem(`${where}: not followed by the two CRLFs that end a record`);
      return;
    }
    p += 4;
  }
  report.notes.push(`${path}: ${n} records, ${digests} with digests that match`);
}

function checkIndex(path: string, files: Map<string, Uint8Array>, report: WaczReport): void {
  const problem = (m: string): void => {
    report.problems.push(`${path}: ${m}`);
  };
  if (path.endsWith('.idx')) {
    report.notes.push(`${path}: compressed (.idx) index not followed`);
    return;
  }
  let body = files.get(path)!;
  if (path.endsWith('.gz')) {
    try {
      body = new Uint8Array(gunzipSync(body));
    } catch {
    problem('is not gzip');
    return;
    }
  }
  const lines = new TextDecoder().decode(body).split('\n').filter((l) => l.trim());
  if (!lines.length) {
    problem('is empty');
    return;
  }
  let checked = 0;
  for (const [i, line] of lines.entries()) {
    const m = /^(\S+) (\d{4,14}) (\{.*\})$/.exec(line);
    let j: Record<string, unknown> | undefined;
    try {
      j = m ? (JSON.parse(m[3]!) as Record<string, unknown>) : undefined;
    } catch {
      j = undefined;
    }
    if (!m || !j) {
      problem(`line ${i + 1} is not CDXJ ("urlkey timestamp {json}")`);
      continue;
    }
    const warc = files.get(`archive/${String(j.filename)}`);
    if (!warc) {
      problem(`line ${i + 1} points to archive/${String(j.filename)}, which is not in the WACZ`);
      continue;
    }
    const offset = Number(j.offset);
    const length = Number(j.length);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length <= 0 || offset + length > warc.byteLength) {
      problem(`line ${i + 1}: offset ${String(j.offset)} / length ${String(j.length)} fall outside ${String(j.filename)}`);
      continue;
    }
    let record = warc.subarray(offset, offset + length);
    if (String(j.filename).endsWith('.gz')) {
      try {
        record = new Uint8Array(gunzipSync(record));
      } catch {
        problem(`line ${i + 1}: the bytes at offset ${offset} are not one gzip member`);
        continue;
      }
    }
    const head = new TextDecoder().decode(record.subarray(0, Math.min(record.byteLength, 8192)));
    if (!/^WARC\/1\.[01]\r\n/.test(head)) {
      problem(`line ${i + 1}: no WARC record at offset ${offset}`);
      continue;
    }
    const target = /\r\nWARC-Target-URI: ?<?([^\r\n>]*)>?\r\n/i.exec(head)?.[1];
    if (typeof j.url === 'string' && target !== j.url) problem(`line ${i + 1}: the record at offset ${offset} is for ${target}, the index says ${j.url}`);
    else checked++;
  }
  report.notes.push(`${path}: ${checked} of ${lines.length} entries land on their WARC record`);
}

export interface PyWaczResult {
  ran: 'py-wacz' | 'not available';
  /** How it was run (`wacz` or `python3 -m wacz`). */
  command?: string;
  status?: number | null;
  output: string;
}

/**
 * Runs py-wacz's own `wacz validate -f <file>` when it is installed (a `wacz` on PATH, or `python3 -m wacz`);
 * otherwise says "not available" (PyPI is not reachable from this project's machines, so it usually is not).
 */
export function tryPyWacz(path: string): PyWaczResult {
  const candidates: [string, string[]][] = [
    ['wacz', []],
    ['python3', ['-m', 'wacz']],
  ];
  for (const [cmd, pre] of candidates) {
    const probe = spawnSync(cmd, [...pre, '--version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.error || probe.status !== 0) continue;
    const run = spawnSync(cmd, [...pre, 'validate', '-f', path], { encoding: 'utf8', timeout: 120_000 });
    return { ran: 'py-wacz', command: [cmd, ...pre].join(' '), status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}` };
  }
  return { ran: 'not available', output: 'py-wacz is not installed (neither `wacz` on PATH nor `python3 -m wacz`)' };
}

/** One line for a test's log: which validators ran and what they said. */
export function describeValidation(report: WaczReport, py: PyWaczResult): string {
  const port = report.ok ? `port: valid (${report.notes.join('; ')})` : `port: INVALID — ${report.problems.join('; ')}`;
  const real = py.ran === 'py-wacz' ? `py-wacz (${py.command}): exit ${py.status}` : 'py-wacz: not available';
  return `${port} | ${real}`;
}
