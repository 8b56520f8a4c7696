/**
 * Test-only WACZ maker: small, known-good WACZ 1.1.1 files for the validator's and the replay harness's own tests.
 * WARC records through `warcio` (the package the issue names for WARC writing), the CDXJ index through warcio's
 * CDXIndexer, the ZIP through the project's StreamingZipWriter (stored entries, as WACZ asks for WARCs and indexes).
 * It is NOT the product's exporter (src/export/wacz/ on the `wacz` branch): the validator must judge that one on its
 * own, so nothing here is shared with it.
 *
 * `buildWaczFiles` returns the files (path → bytes) so a test can tamper with one before `zipWacz` packs them.
 */
import { webcrypto } from 'node:crypto';
import { CDXIndexer, WARCRecord, WARCSerializer } from 'warcio';
import { StreamingZipWriter } from '../../src/export/zip-writer';

export interface TestPage {
  url: string;
  /** The page's HTML, served at `url` in the WARC. */
  html: string;
  /** ISO 8601 UTC, e.g. 2026-12-01T10:00:00Z. */
  ts: string;
  title: string;
}

export interface BuildOptions {
  pages: TestPage[];
  /** Sign datapackage-digest.json anonymously (WACZ auth 0.1.0) with this ECDSA key pair. */
  signWith?: CryptoKeyPair;
  created?: string;
  /** gzip the WARC records (archive/data.warc.gz) instead of plain archive/data.warc. */
  gzip?: boolean;
}

const enc = new TextEncoder();

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await webcrypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

export async function newSigningKey(curve: 'P-256' | 'P-384' = 'P-256'): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** Anonymous signedData (WACZ auth 0.1.0): ECDSA/SHA-256 over the UTF-8 `hash` string, IEEE P1363 signature, SPKI key. */
export async function anonymousSignedData(keys: CryptoKeyPair, hash: string, created: string): Promise<Record<string, string>> {
  const sig = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, enc.encode(hash)));
  const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
  return {
    hash,
    created,
    software: 'holdfast test/wacz/build.ts',
    version: '1',
    signature: Buffer.from(sig).toString('base64'),
    publicKey: Buffer.from(spki).toString('base64'),
  };
}

/** datapackage.json for `files` (every file but the two datapackage ones), as py-wacz writes it. */
export async function datapackageFor(files: Map<string, Uint8Array>, created: string, title = 'Holdfast test archive'): Promise<Uint8Array> {
  const resources = [];
  for (const [path, bytes] of files) {
    if (path === 'datapackage.json' || path === 'datapackage-digest.json') continue;
    resources.push({ name: path.split('/').pop()!.toLowerCase(), path, hash: `sha256:${await sha256Hex(bytes)}`, bytes: bytes.byteLength });
  }
  const pkg = { profile: 'data-package', resources, title, created, wacz_version: '1.1.1', software: 'holdfast test/wacz/build.ts' };
  return enc.encode(JSON.stringify(pkg, null, 2));
}

/** datapackage-digest.json over `datapackage`, signed when `signWith` is given. */
export async function digestFor(datapackage: Uint8Array, created: string, signWith?: CryptoKeyPair): Promise<Uint8Array> {
  const hash = `sha256:${await sha256Hex(datapackage)}`;
  const digest: Record<string, unknown> = { path: 'datapackage.json', hash };
  if (signWith) digest.signedData = await anonymousSignedData(signWith, hash, created);
  return enc.encode(JSON.stringify(digest, null, 2));
}

export async function buildWaczFiles(opts: BuildOptions): Promise<Map<string, Uint8Array>> {
  const created = opts.created ?? '2026-12-07T12:00:00Z';
  const warcName = opts.gzip ? 'data.warc.gz' : 'data.warc';
  const records: Uint8Array[] = [
    await WARCSerializer.serialize(WARCRecord.createWARCInfo({ filename: warcName, warcVersion: 'WARC/1.1' }, { software: 'holdfast test' }), { gzip: !!opts.gzip }),
  ];
  for (const page of opts.pages) {
    const rec = WARCRecord.create(
      { url: page.url, date: page.ts, type: 'response', warcVersion: 'WARC/1.1', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      [enc.encode(page.html)],
    );
    records.push(await WARCSerializer.serialize(rec, { gzip: !!opts.gzip }));
  }
  const warc = concat(records);
  const indexer = new CDXIndexer({ format: 'cdxj' } as ConstructorParameters<typeof CDXIndexer>[0]);
  const lines: string[] = [];
  for await (const cdx of indexer.iterIndex([{ filename: warcName, reader: [warc] as unknown as AsyncIterable<Uint8Array> }])) lines.push(indexer.serializeCDXJ(cdx));
  lines.sort();
  const pages = [
    JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }),
    ...opts.pages.map((p, i) => JSON.stringify({ id: `page-${i}`, url: p.url, ts: p.ts, title: p.title })),
  ];
  const files = new Map<string, Uint8Array>([
    [`archive/${warcName}`, warc],
    ['indexes/index.cdxj', enc.encode(lines.join(''))],
    ['pages/pages.jsonl', enc.encode(`${pages.join('\n')}\n`)],
  ]);
  const datapackage = await datapackageFor(files, created);
  files.set('datapackage.json', datapackage);
  files.set('datapackage-digest.json', await digestFor(datapackage, created, opts.signWith));
  return files;
}

/** Packs files into a ZIP (all stored) with the project's writer. */
export async function zipWacz(files: Map<string, Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) });
  const zip = new StreamingZipWriter(sink, { lastModDate: new Date('2026-12-07T12:00:00Z') });
  for (const [path, bytes] of files) await zip.addBytes(path, bytes, 0);
  await zip.close();
  return concat(chunks);
}

export async function buildWacz(opts: BuildOptions): Promise<Uint8Array> {
  return zipWacz(await buildWaczFiles(opts));
}
