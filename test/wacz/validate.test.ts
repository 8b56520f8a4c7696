import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymousSignedData, buildWaczFiles, datapackageFor, digestFor, newSigningKey, type TestPage, zipWacz } from './build';
import { describeValidation, readZipEntries, tryPyWacz, validateWacz } from './validate';

const PAGES: TestPage[] = [
  { url: 'https://x.com/grimshaw_k/status/2123706098119606292', html: '<!doctype html><title>Post</title><p>You will regret posting that.</p>', ts: '2026-12-01T10:00:00Z', title: 'Post by @grimshaw_k' },
  { url: 'https://www.instagram.com/p/DRk3mQ2jXaB/', html: '<!doctype html><title>Comment</title><p>everyone knows where you live</p>', ts: '2026-12-01T10:05:00Z', title: 'Comment on Instagram' },
];
const enc = new TextEncoder();
const CREATED = '2026-12-07T12:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'holdfast-wacz-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Re-writes datapackage.json and its digest after a change, as a forger would (so only the deeper check catches it). */
async function repackage(files: Map<string, Uint8Array>, signWith?: CryptoKeyPair): Promise<void> {
  const rest = new Map([...files].filter(([p]) => !p.startsWith('datapackage')));
  const dp = await datapackageFor(rest, CREATED);
  files.set('datapackage.json', dp);
  files.set('datapackage-digest.json', await digestFor(dp, CREATED, signWith));
}

describe('WACZ validator (port of py-wacz validate)', () => {
  it('passes a good signed WACZ and reads its pages, and tryPyWacz says which validator ran', async () => {
    const keys = await newSigningKey();
    const wacz = await zipWacz(await buildWaczFiles({ pages: PAGES, signWith: keys }));
    const report = await validateWacz(wacz);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.version).toBe('1.1.1');
    expect(report.signature).toBe('valid');
    expect(report.curve).toBe('prime256v1');
    expect(report.pages.map((p) => p.url)).toEqual(PAGES.map((p) => p.url));
    expect(report.notes).toContain('3 of 3 resources match their hash and size');
    expect(report.notes.some((n) => /index\.cdxj: 2 of 2 entries land on their WARC record/.test(n))).toBe(true);
    const path = join(dir, 'good.wacz');
    writeFileSync(path, wacz);
    const py = tryPyWacz(path);
    console.log(describeValidation(report, py));
    if (py.ran === 'py-wacz') expect(py.status, py.output).toBe(0);
    else expect(py.output).toMatch(/not installed/);
  });

  it('passes an unsigned WACZ with gzipped WARC records (each record its own gzip member)', async () => {
    const report = await validateWacz(await zipWacz(await buildWaczFiles({ pages: PAGES, gzip: true })));
    expect(report.problems).toEqual([]);
    expect(report.signature).toBe('none');
  });

  it('fails a WACZ whose WARC is missing, naming it', async () => {
    const files = await buildWaczFiles({ pages: PAGES });
    files.delete('archive/data.warc');
    const report = await validateWacz(await zipWacz(files));
    expect(report.ok).toBe(false);
    expect(report.problems).toContain('no WARC file in archive/ (a WACZ needs at least one .warc or .warc.gz)');
    expect(report.problems).toContain('archive/data.warc is listed in datapackage.json but missing from the WACZ');
  });

  it('fails a WACZ with a changed resource (WARC bytes edited, datapackage left alone)', async () => {
    const files = await buildWaczFiles({ pages: PAGES });
    const warc = files.get('archive/data.warc')!.slice();
    const at = Buffer.from(warc).indexOf('regret');
    warc.set(enc.encode('REGRET'), at);
    files.set('archive/data.warc', warc);
    const report = await validateWacz(await zipWacz(files));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(/^archive\/data\.warc has changed: its hash is sha256:[0-9a-f]{64}, datapackage.json lists sha256:[0-9a-f]{64}$/),
      expect.stringMatching(/^archive\/data\.warc: record 2 \(response https:\/\/x\.com\/grimshaw_k\/status\/2123706098119606292\): block digest sha256:[0-9a-f]{64} but the bytes hash to sha256:[0-9a-f]{64}$/),
      expect.stringMatching(/^archive\/data\.warc: record 2 \(response https:\/\/x\.com\/grimshaw_k\/status\/2123706098119606292\): payload digest sha256:[0-9a-f]{64} but the bytes hash to sha256:[0-9a-f]{64}$/),
    ]);
  });

  it('fails a WARC record whose bytes no longer match its digests, even with datapackage.json rewritten to match (gzip too)', async () => {
    for (const gzip of [false, true]) {
      const files = await buildWaczFiles({ pages: PAGES, gzip });
      const name = gzip ? 'archive/data.warc.gz' : 'archive/data.warc';
      let warc = files.get(name)!;
      const plain = gzip ? new Uint8Array(gunzipSync(warc)) : warc.slice();
      const at = Buffer.from(plain).indexOf('everyone knows');
      plain.set(enc.encode('EVERYONE'), at);
      warc = gzip ? new Uint8Array(gzipSync(plain)) : plain;
      files.set(name, warc);
      await repackage(files);
      const report = await validateWacz(await zipWacz(files));
      const digestProblems = [
        `${name}: record 3 (response https://www.instagram.com/p/DRk3mQ2jXaB/): block digest sha256:H but the bytes hash to sha256:H`,
        `${name}: record 3 (response https://www.instagram.com/p/DRk3mQ2jXaB/): payload digest sha256:H but the bytes hash to sha256:H`,
      ];
      const found = report.problems.map((p) => p.replace(/[0-9a-f]{64}/g, 'H'));
      // Re-gzipped here as one member, the index's offsets no longer land on records either (named too).
      if (gzip) expect(found.slice(0, 2), name).toEqual(digestProblems);
      else expect(found, name).toEqual(digestProblems);
    }
  });

  it('reads WARC digests in base32 too (sha1, as older crawlers write them)', async () => {
    const files = await buildWaczFiles({ pages: PAGES });
    const text = Buffer.from(files.get('archive/data.warc')!).toString('latin1');
    const [block] = /WARC-Block-Digest: sha256:[0-9a-f]{64}/.exec(text)!;
    const headEnd = text.indexOf('\r\n\r\n', text.indexOf(block));
    const length = Number(/Content-Length: (\d+)/.exec(text.slice(text.lastIndexOf('WARC/1.1', text.indexOf(block)), headEnd))![1]);
    const body = Buffer.from(files.get('archive/data.warc')!).subarray(headEnd + 4, headEnd + 4 + length);
    const sha1 = createHash('sha1').update(body).digest();
    let bits = '';
    for (const b of sha1) bits += b.toString(2).padStart(8, '0');
    const b32 = bits.match(/.{5}/g)!.map((c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(c, 2)]).join('');
    files.set('archive/data.warc', Buffer.from(text.replace(block, `WARC-Block-Digest: sha1:${b32}`.padEnd(block.length, ' ')), 'latin1'));
    await repackage(files);
    const report = await validateWacz(await zipWacz(files));
    expect(report.problems).toEqual([]);
    expect(report.notes).toContain('archive/data.warc: 3 records, 2 with digests that match');
  });

  it('fails a resource whose listed size is wrong, and a file in the ZIP that is not listed', async () => {
    const files = await buildWaczFiles({ pages: PAGES });
    const dp = JSON.parse(new TextDecoder().decode(files.get('datapackage.json'))) as { resources: { path: string; bytes: number }[] };
    dp.resources.find((r) => r.path === 'pages/pages.jsonl')!.bytes += 1;
    files.set('datapackage.json', enc.encode(JSON.stringify(dp)));
    files.set('datapackage-digest.json', await digestFor(files.get('datapackage.json')!, CREATED));
    files.set('extra/notes.txt', enc.encode('not listed'));
    const report = await validateWacz(await zipWacz(files));
    expect(report.problems).toEqual([
      expect.stringMatching(/^pages\/pages\.jsonl is \d+ bytes, datapackage.json lists \d+$/),
      'extra/notes.txt is in the WACZ but not listed in datapackage.json',
    ]);
  });

  it('fails a wrong datapackage-digest.json', async () => {
    const files = await buildWaczFiles({ pages: PAGES });
    files.set('datapackage-digest.json', enc.encode(JSON.stringify({ path: 'datapackage.json', hash: `sha256:${'0'.repeat(64)}` })));
    const report = await validateWacz(await zipWacz(files));
    expect(report.problems).toEqual([expect.stringMatching(/^datapackage.json's hash \(sha256:[0-9a-f]{64}\) does not match datapackage-digest.json \("sha256:0{64}"\)$/)]);
  });

  it('fails a bad pages.jsonl: not JSON, no header, a page without ts, a ts that is not a date', async () => {
    const cases: [string, RegExp][] = [
      ['{"format":"json-pages-1.0","id":"pages"}\n{"url":"https://x.com/a",\n', /^pages\/pages\.jsonl line 2 is not JSON$/],
      ['{"url":"https://x.com/a","ts":"2026-12-01T10:00:00Z"}\n', /^pages\/pages\.jsonl line 1 is not a header with "format" and "id"$/],
      ['{"format":"json-pages-1.0","id":"pages"}\n{"url":"https://x.com/a"}\n', /^pages\/pages\.jsonl line 2 has no "url" and "ts"$/],
      ['{"format":"json-pages-1.0","id":"pages"}\n{"url":"https://x.com/a","ts":"yesterday"}\n', /^pages\/pages\.jsonl line 2: ts "yesterday" is not an RFC 3339 date$/],
    ];
    for (const [body, expected] of cases) {
      const files = await buildWaczFiles({ pages: PAGES });
      files.set('pages/pages.jsonl', enc.encode(body));
      await repackage(files);
      const report = await validateWacz(await zipWacz(files));
      expect(report.problems, body).toEqual([expect.stringMatching(expected)]);
    }
  });

  it('fails a bad signature: another key’s signature, a signature over another hash, a created that differs', async () => {
    const keys = await newSigningKey();
    const other = await newSigningKey();
    const files = await buildWaczFiles({ pages: PAGES, signWith: keys });
    const digest = JSON.parse(new TextDecoder().decode(files.get('datapackage-digest.json'))) as { hash: string; signedData: Record<string, string> };

    const swapped = { ...digest, signedData: { ...(await anonymousSignedData(other, digest.hash, CREATED)), publicKey: digest.signedData.publicKey } };
    files.set('datapackage-digest.json', enc.encode(JSON.stringify(swapped)));
    let report = await validateWacz(await zipWacz(files));
    expect(report.signature).toBe('invalid');
    expect(report.problems).toEqual(["the signature in datapackage-digest.json does not verify with its publicKey: the WACZ's datapackage was not signed by that key"]);

    const otherHash = `sha256:${'1'.repeat(64)}`;
    const overOther = { ...digest, signedData: { ...(await anonymousSignedData(keys, otherHash, CREATED)), hash: digest.hash } };
    files.set('datapackage-digest.json', enc.encode(JSON.stringify(overOther)));
    report = await validateWacz(await zipWacz(files));
    expect(report.signature).toBe('invalid');

    const lateCreated = { ...digest, signedData: await anonymousSignedData(keys, digest.hash, '2027-01-01T00:00:00Z') };
    files.set('datapackage-digest.json', enc.encode(JSON.stringify(lateCreated)));
    report = await validateWacz(await zipWacz(files));
    expect(report.problems).toEqual(['signedData.created ("2027-01-01T00:00:00Z") is not datapackage.json\'s created ("2026-12-07T12:00:00Z")']);

    const extra = { ...digest, signedData: { ...digest.signedData, note: 'x' } };
    files.set('datapackage-digest.json', enc.encode(JSON.stringify(extra)));
    report = await validateWacz(await zipWacz(files));
    expect(report.problems).toEqual(['signedData has properties the anonymous signature format does not allow: note']);
  });

  it('fails a wrong wacz_version, a missing index, an index pointing nowhere, and a file that is not a ZIP', async () => {
    let files = await buildWaczFiles({ pages: PAGES });
    const dp = JSON.parse(new TextDecoder().decode(files.get('datapackage.json'))) as Record<string, unknown>;
    files.set('datapackage.json', enc.encode(JSON.stringify({ ...dp, wacz_version: '1.0.0' })));
    files.delete('datapackage-digest.json');
    expect((await validateWacz(await zipWacz(files))).problems).toEqual(['wacz_version is 1.0.0, not 1.1.1']);

    files = await buildWaczFiles({ pages: PAGES });
    files.delete('indexes/index.cdxj');
    await repackage(files);
    expect((await validateWacz(await zipWacz(files))).problems).toEqual(['no index in indexes/ (index.cdx.gz, index.cdx, index.cdxj or index.idx)']);

    files = await buildWaczFiles({ pages: PAGES });
    const cdxj = new TextDecoder().decode(files.get('indexes/index.cdxj')).replace(/"offset":"(\d+)"/, '"offset":"7"');
    files.set('indexes/index.cdxj', enc.encode(cdxj));
    await repackage(files);
    expect((await validateWacz(await zipWacz(files))).problems).toEqual([expect.stringMatching(/^indexes\/index\.cdxj: line \d: (no WARC record at offset 7|offset 7 \/ length \d+ fall outside data\.warc)$/)]);

    const notZip = await validateWacz(enc.encode('just text, not a zip'));
    expect(notZip.problems).toEqual(['the ZIP cannot be read: not a ZIP file (no end of central directory record)']);
  });

  it('reads the ZIP directory itself (stored entries, names and sizes as written)', async () => {
    const files = await buildWaczFiles({ pages: PAGES });
    const entries = readZipEntries(await zipWacz(files));
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([...files].map(([p, b]) => [p, 0, b.byteLength]));
  });
});
