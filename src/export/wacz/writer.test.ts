/**
 * The WACZ export (issue #15): the files WACZ 1.1.1 lists, every hash right, CDXJ offsets that pick out the records
 * (read back with warcio's own parser), and the datapackage signature checked with WebCrypto the way the WACZ signing
 * spec and wabac.js check it (ECDSA SHA-256 over the UTF-8 of `hash`, base64 r‖s, publicKey = base64 SPKI).
 */

import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { validateWacz } from '../../../test/wacz/validate';
import type { EvidenceRecord } from '../../model/evidence';
import { fromBase64, keyFingerprint } from '../../model/signature';
import { freshDbName } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { ExportError } from '../bundle';
import { inertHtml } from '../inert-html';
import { sha256HexSync } from '../sha256';
import { captureArtifacts, decode, memorySink, newRecord, seedVault, unzipAll } from '../test-support';
import { gzipMember } from './gzip-member';
import { verifyWacz } from './verify-wacz';
import { artifactUrn, type DataPackage, type DataPackageDigest, exportWacz, recordUrn, WACZ_FILES, type WaczResult } from './writer';

let vault: VaultImpl;
let live: EvidenceRecord[];
let wacz: Uint8Array;
let files: Map<string, Uint8Array>;
let result: WaczResult;

beforeAll(async () => {
  vault = await openVault(freshDbName('wacz'));
  live = await seedVault(vault);
  const mem = memorySink();
  result = await exportWacz(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, mem.sink);
  wacz = mem.bytes();
  files = await unzipAll(wacz);
});
afterAll(() => vault?.close());

interface CdxLine {
  key: string;
  ts: string;
  json: { url: string; mime: string; status?: string; digest: string; length: string; offset: string; filename: string; recordId: string };
}
const cdxLines = (f: Map<string, Uint8Array>): CdxLine[] =>
  decode(f.get(WACZ_FILES.index))
    .trim()
    .split('\n')
    .map((line) => {
      const [key, ts, ...rest] = line.split(' ');
      return { key: key!, ts: ts!, json: JSON.parse(rest.join(' ')) };
    });

async function recordAt(f: Map<string, Uint8Array>, line: CdxLine) {
  const warc = f.get(`archive/${line.json.filename}`)!;
  const slice = warc.subarray(Number(line.json.offset), Number(line.json.offset) + Number(line.json.length));
  const record = await WARCParser.parse([slice]);
  expect(record).toBeTruthy();
  const payload = await record!.readFully(false);
  return { record: record!, payload };
}

describe('exportWacz', () => {
  it('writes the WACZ 1.1.1 files, with sizes and hashes that match datapackage.json', async () => {
    expect([...files.keys()]).toEqual(['archive/data.warc.gz', WACZ_FILES.index, WACZ_FILES.pages, WACZ_FILES.datapackage, WACZ_FILES.digest]);
    expect(result.filename).toMatch(/^holdfast-export-.*\.wacz$/);
    expect(result.bytes).toBe(wacz.byteLength);
    const pkg = JSON.parse(decode(files.get(WACZ_FILES.datapackage))) as DataPackage;
    expect(pkg.profile).toBe('data-package');
    expect(pkg.wacz_version).toBe('1.1.1');
    expect(pkg.software).toBe('Holdfast 0.1.0');
    expect(Number.isNaN(Date.parse(pkg.created))).toBe(false);
    expect(pkg.resources.map((r) => r.path)).toEqual(['archive/data.warc.gz', WACZ_FILES.index, WACZ_FILES.pages]);
    for (const r of pkg.resources) {
      const bytes = files.get(r.path)!;
      expect(r.bytes).toBe(bytes.byteLength);
      expect(r.hash).toBe(`sha256:${sha256HexSync(bytes)}`);
      expect(r.name).toBe(r.path.split('/').pop());
    }
    const digest = JSON.parse(decode(files.get(WACZ_FILES.digest))) as DataPackageDigest;
    expect(digest.path).toBe('datapackage.json');
    expect(digest.hash).toBe(`sha256:${sha256HexSync(files.get(WACZ_FILES.datapackage)!)}`);
    expect(Object.keys(digest.signedData).sort()).toEqual(['created', 'hash', 'publicKey', 'signature', 'software']);
    expect(digest.signedData.hash).toBe(digest.hash);
  });

  it('passes the port of py-wacz validate (test/wacz/validate.ts), signature included', async () => {
    const report = await validateWacz(wacz);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.version).toBe('1.1.1');
    expect(report.signature).toBe('valid');
    expect(report.curve).toBe('prime256v1'); // P-256, as Node names it
    expect(report.pages.length).toBe(result.pages);
  });

  it('stores the WARC in the ZIP without deflating it (a replay tool reads records by byte range)', () => {
    const name = new TextEncoder().encode('archive/data.warc.gz');
    // First local header: method at offset 8, name at 30.
    const view = new DataView(wacz.buffer, wacz.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0);
    expect(decode(wacz.subarray(30, 30 + name.byteLength))).toBe('archive/data.warc.gz');
  });

  it('signs datapackage.json with the vault key as the WACZ signing spec says (WebCrypto verifies it)', async () => {
    const digest = JSON.parse(decode(files.get(WACZ_FILES.digest))) as DataPackageDigest;
    const identity = (await vault.signingIdentity())!;
    expect(digest.signedData.publicKey).toBe(identity.publicKey);
    expect(keyFingerprint(fromBase64(digest.signedData.publicKey)!)).toBe(identity.fingerprint);
    expect(result.fingerprint).toBe(identity.fingerprint);
    const key = await crypto.subtle.importKey('spki', Buffer.from(digest.signedData.publicKey, 'base64'), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    const sig = Buffer.from(digest.signedData.signature, 'base64');
    expect(sig.byteLength).toBe(64);
    const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, new TextEncoder().encode(digest.signedData.hash));
    expect(ok).toBe(true);
    const other = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, new TextEncoder().encode(`sha256:${'0'.repeat(64)}`));
    expect(other).toBe(false);
  });

  it('indexes every record: sorted CDXJ whose offset and length pick out the record warcio parses', async () => {
    const lines = cdxLines(files);
    const keys = lines.map((l) => `${l.key} ${l.ts}`);
    expect(keys).toEqual([...keys].sort());
    const artifacts = live.flatMap((r) => r.artifacts);
    // Every artifact and every record JSON is in the index, once; an HTML snapshot also has its inert copy at the URL.
    const snapshots = live.filter((r) => r.artifacts.some((a) => a.role === 'html')).length;
    expect(lines.length).toBe(artifacts.length + live.length + snapshots);
    for (const line of lines) {
      const { record, payload } = await recordAt(files, line);
      expect(record.warcTargetURI).toBe(line.json.url);
      expect(line.json.digest).toBe(`sha256:${sha256HexSync(payload)}`);
      expect(record.warcPayloadDigest).toBe(line.json.digest);
      const source = live.find((r) => r.id === line.json.recordId)!;
      expect(record.warcDate).toBe(source.capturedAt);
      expect(line.ts).toBe(source.capturedAt.replace(/[^0-9]/g, '').slice(0, 14));
    }
  });

  it('puts an inert copy of each HTML snapshot in a response at the item URL, the captured bytes and other files and the record under urn:', async () => {
    const lines = cdxLines(files);
    for (const rec of live) {
      for (const artifact of rec.artifacts) {
        const stored = (await vault.getArtifact(artifact.id))!;
        // Every artifact, the HTML snapshot too, is kept byte for byte as a resource at its urn:.
        const kept = lines.find((l) => l.json.recordId === rec.id && l.json.url === artifactUrn(rec, artifact))!;
        expect(kept, `${rec.id} ${artifact.role}`).toBeTruthy();
        const { record, payload } = await recordAt(files, kept);
        expect(record.warcType).toBe('resource');
        expect(Buffer.from(payload).equals(Buffer.from(stored.bytes))).toBe(true);
        expect(record.warcContentType).toBe(artifact.mediaType);
        if (artifact.role !== 'html') continue;
        // What a replay tool shows at the item's URL: the inert copy, naming the captured bytes it was made from.
        const url = new URL(rec.permalink ?? rec.pageUrl).href;
        const line = lines.find((l) => l.json.recordId === rec.id && l.json.url === url)!;
        expect(line, `${rec.id} response`).toBeTruthy();
        const response = await recordAt(files, line);
        expect(response.record.warcType).toBe('response');
        expect(response.record.httpHeaders?.statusCode).toBe(200);
        expect(response.record.httpHeaders?.headers.get('Content-Type')).toMatch(/^text\/html/);
        expect(response.record.warcHeaders.headers.get('WARC-Refers-To-Target-URI')).toBe(artifactUrn(rec, artifact));
        expect(line.json.status).toBe('200');
        const html = decode(response.payload);
        expect(html).toBe(inertHtml(decode(stored.bytes)));
        expect(html.startsWith('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"')).toBe(true);
        expect(html).not.toMatch(/<script/i);
      }
      const json = lines.find((l) => l.json.url === recordUrn(rec))!;
      const { payload } = await recordAt(files, json);
      expect(JSON.parse(decode(payload))).toEqual(JSON.parse(JSON.stringify(rec)));
    }
    // The hostile snapshot is there at its URL, inert, and as captured under its urn:.
    const hostile = lines.find((l) => l.key.startsWith('com,x)/alice_harasser/status/1860000000000000001'));
    expect(hostile).toBeTruthy();
    expect(decode((await recordAt(files, hostile!)).payload)).not.toMatch(/<script|onerror=/i);
  });

  it('lists each capture with a snapshot in pages.jsonl with its title and time', () => {
    const [header, ...pages] = decode(files.get(WACZ_FILES.pages)).trim().split('\n').map((l) => JSON.parse(l));
    expect(header).toMatchObject({ format: 'json-pages-1.0', id: 'pages' });
    expect(typeof header.title).toBe('string');
    const withHtml = live.filter((r) => r.artifacts.some((a) => a.role === 'html'));
    expect(pages.map((p) => p.id)).toEqual(withHtml.map((r) => r.id));
    for (const p of pages) {
      const rec = live.find((r) => r.id === p.id)!;
      expect(p.url).toBe(new URL(rec.permalink ?? rec.pageUrl).href);
      expect(p.ts).toBe(rec.capturedAt);
      expect(p.title).toContain(`#${rec.seq}`);
    }
    expect(result.pages).toBe(pages.length);
  });

  it('logs the export in the custody log', async () => {
    const log = await vault.custodyLog();
    expect(log.at(-1)?.action).toBe('exported');
    expect(log.at(-1)?.detail).toMatch(/^WACZ export /);
  });

  it('refuses an empty choice plainly', async () => {
    const mem = memorySink();
    await expect(exportWacz(vault, { scope: { type: 'records', ids: ['nope'] }, toolVersion: '0.1.0' }, mem.sink)).rejects.toMatchObject({ code: 'empty' });
  });

  it('stops when asked, with no file', async () => {
    const controller = new AbortController();
    controller.abort();
    const mem = memorySink();
    const error = await exportWacz(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', signal: controller.signal }, mem.sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).code).toBe('aborted');
  });

  it('starts another WARC file past the size limit, and the index names the right file', async () => {
    const mem = memorySink();
    await exportWacz(vault, { scope: { type: 'all' }, toolVersion: '0.1.0', maxWarcBytes: 1 }, mem.sink);
    const f = await unzipAll(mem.bytes());
    const warcs = [...f.keys()].filter((k) => k.startsWith('archive/'));
    expect(warcs.length).toBe(live.length);
    expect(warcs[1]).toBe('archive/data-2.warc.gz');
    const pkg = JSON.parse(decode(f.get(WACZ_FILES.datapackage))) as DataPackage;
    expect(pkg.resources.filter((r) => r.path.startsWith('archive/')).length).toBe(live.length);
    for (const line of cdxLines(f)) {
      const { record } = await recordAt(f, line);
      expect(record.warcTargetURI).toBe(line.json.url);
    }
  });
});

describe('a large file in the WACZ', () => {
  it('is streamed from the vault into a resource record that reads back byte for byte', async () => {
    const v = await openVault(freshDbName('wacz-large'));
    try {
      const big = new Uint8Array(9 * 1024 * 1024 + 123);
      for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
      await v.addRecord(newRecord({ platform: 'x', kind: 'post', permalink: 'https://x.com/a/status/0' }), captureArtifacts(1, '<p>before</p>'));
      const rec = await v.addRecord(newRecord({ platform: 'x', kind: 'post', permalink: 'https://x.com/a/status/1' }), [
        { role: 'import', mediaType: 'video/mp4', filename: 'clip.mp4', bytes: big },
      ]);
      await v.addRecord(newRecord({ platform: 'x', kind: 'post', permalink: 'https://x.com/a/status/2' }), captureArtifacts(2, '<p>after</p>'));
      // Held while warcio counts it (the default up to 64 MB), and read from the vault twice (past the limit).
      for (const holdArtifactBytes of [undefined, 1024 * 1024]) {
        const mem = memorySink();
        await exportWacz(v, { scope: { type: 'all' }, toolVersion: '0.1.0', ...(holdArtifactBytes && { holdArtifactBytes }) }, mem.sink);
        const f = await unzipAll(mem.bytes());
        // Held in one WARC with the others, or (a capture past the limit) a WARC of its own, streamed, between two.
        expect([...f.keys()].filter((k) => k.startsWith('archive/'))).toEqual(holdArtifactBytes ? ['archive/data.warc.gz', 'archive/data-2.warc.gz', 'archive/data-3.warc.gz'] : ['archive/data.warc.gz']);
        const checked = await verifyWacz(mem.bytes());
        expect(checked.problems).toEqual([]);
        expect((await validateWacz(mem.bytes())).problems).toEqual([]);
        const line = cdxLines(f).find((l) => l.json.url === artifactUrn(rec, rec.artifacts[0]!))!;
        const { record, payload } = await recordAt(f, line);
        expect(record.warcType).toBe('resource');
        expect(Number(record.warcHeaders.headers.get('Content-Length'))).toBe(big.byteLength);
        expect(payload.byteLength).toBe(big.byteLength);
        expect(sha256HexSync(payload)).toBe(rec.artifacts[0]!.sha256);
      }
    } finally {
      v.close();
    }
  });
});

describe('gzipMember', () => {
  const collect = async (input: Uint8Array[], deflate: boolean) => {
    const parts: Uint8Array[] = [];
    async function* src() {
      yield* input;
    }
    for await (const c of gzipMember(src(), deflate)) parts.push(c);
    return Buffer.concat(parts);
  };
  it('writes stored blocks that gunzip to the input, across block and chunk boundaries', async () => {
    const a = new Uint8Array(70_000).map((_, i) => i % 251);
    const b = new Uint8Array(65_535).map((_, i) => (i * 7) % 253);
    const out = await collect([a, new Uint8Array(0), b, new Uint8Array([1, 2, 3])], false);
    expect(Buffer.from(gunzipSync(out)).equals(Buffer.concat([a, b, Buffer.from([1, 2, 3])]))).toBe(true);
  });
  it('writes an empty member that gunzips to nothing', async () => {
    expect(gunzipSync(await collect([], false)).byteLength).toBe(0);
    expect(gunzipSync(await collect([], true)).byteLength).toBe(0);
  });
  it('deflates text', async () => {
    const text = new TextEncoder().encode('harassment '.repeat(10_000));
    const out = await collect([text], true);
    expect(out.byteLength).toBeLessThan(text.byteLength / 10);
    expect(Buffer.from(gunzipSync(out)).equals(Buffer.from(text))).toBe(true);
  });
});
