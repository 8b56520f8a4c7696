import { afterEach, describe, expect, it } from 'vitest';
import schema from '../../docs/export-format.schema.json';
import type { EvidenceRecord } from '../model/evidence';
import { freshDbName, rawEdit } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { ExportError, type ExportOptions, exportBundle } from './bundle';
import { FILES, type Manifest } from './format';
import { type JsonSchema, validateSchema } from './json-schema';
import { sha256HexSync } from './sha256';
import { decode, FORMULA_TEXT, HOSTILE_TEXT, memorySink, seedVault, unzipAll } from './test-support';

const opened: VaultImpl[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

async function seeded(): Promise<{ vault: VaultImpl; live: EvidenceRecord[]; name: string }> {
  const name = freshDbName('export');
  const vault = await openVault(name);
  opened.push(vault);
  return { vault, live: await seedVault(vault), name };
}

async function exportFiles(vault: VaultImpl, options: Partial<ExportOptions> = {}) {
  const mem = memorySink();
  const result = await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '9.9.9', ...options }, mem.sink);
  const zip = mem.bytes();
  const files = await unzipAll(zip, options.password);
  const manifest = JSON.parse(decode(files.get(FILES.manifest))) as Manifest;
  return { result, zip, files, manifest };
}

describe('exportBundle', () => {
  it('writes every artifact under a readable name, plus manifest, reports, CSV, instructions and SHA256SUMS', async () => {
    const { vault, live } = await seeded();
    const { files, manifest, result, zip } = await exportFiles(vault, { exporterName: '  Dana Advocate  ' });
    expect(result.bytes).toBe(zip.byteLength);
    for (const name of Object.values(FILES)) expect(files.has(name), name).toBe(true);
    const artifactPaths = [...files.keys()].filter((p) => p.startsWith('artifacts/'));
    // Three captured files per record, and the inert copy of each captured page.
    expect(artifactPaths).toHaveLength(live.length * 4);
    expect(artifactPaths).toContain('artifacts/2026-11-20_x_alice_harasser_post_0001/screenshot.png');
    expect(artifactPaths).toContain('artifacts/2026-11-22_instagram_bob-b_comment_0003/page-captured.txt');
    expect(artifactPaths).toContain('artifacts/2026-11-22_instagram_bob-b_comment_0003/page.html');
    expect(artifactPaths).toContain('artifacts/2026-11-23_messenger_Carol-C_dm-thread_0005/content.json');
    for (const p of artifactPaths) expect(p).toMatch(/^artifacts\/[A-Za-z0-9_-]+\/[a-z]+(\.(png|html|json)|-captured\.txt)$/);
    // The bytes are the vault's bytes.
    const first = live[0]!;
    const shot = first.artifacts.find((a) => a.role === 'screenshot')!;
    expect(sha256HexSync(files.get('artifacts/2026-11-20_x_alice_harasser_post_0001/screenshot.png')!)).toBe(shot.sha256);
    expect(manifest.exportedBy).toBe('Dana Advocate');
    expect(manifest.tool).toEqual({ name: 'Holdfast', version: '9.9.9' });
  });

  it('writes a manifest that validates against docs/export-format.schema.json and holds full records in chain order', async () => {
    const { vault, live } = await seeded();
    const { manifest } = await exportFiles(vault);
    expect(validateSchema(schema as unknown as JsonSchema, manifest)).toEqual([]);
    expect(manifest.format).toBe('holdfast-evidence-bundle');
    expect(manifest.formatVersion).toBe(4);
    expect(manifest.language).toBe('en');
    expect(manifest.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(manifest.records.map((r) => r.record.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    // Full records, exactly as stored.
    for (const rec of live) expect(manifest.records.find((r) => r.record.id === rec.id)?.record).toEqual(await vault.get(rec.id));
    expect(manifest.counts).toEqual({
      records: 6,
      deleted: 1,
      artifacts: 15,
      artifactBytes: expect.any(Number),
      journalEntries: 0,
      journalVersions: 0,
      addedFiles: 0,
      people: 0,
      notes: 0,
      reports: 0,
    });
    // The deleted record is listed as deleted, without artifacts.
    const tomb = manifest.records.find((r) => r.record.seq === 4)!;
    expect(tomb.record.deleted).toMatchObject({ reason: 'posted by mistake' });
    expect(tomb.artifacts).toEqual([]);
    expect(tomb.folder).toBeUndefined();
    // The chain and head.
    expect(manifest.chain.records.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(manifest.chain.records[3]?.deleted).toBe(true);
    expect(manifest.chain.head).toEqual({ seq: 6, hash: live.at(-1)!.chain.recordHash });
    // Artifact paths, hashes and sizes are the record's own.
    const entry = manifest.records[0]!;
    expect(entry.artifacts.map((a) => [a.id, a.sha256, a.size])).toEqual(entry.record.artifacts.map((a) => [a.id, a.sha256, a.size]));
  });

  it('writes the custody log with an exported entry naming this export, and logs it in the vault', async () => {
    const { vault } = await seeded();
    const before = (await vault.custodyLog()).length;
    const { files, manifest } = await exportFiles(vault);
    const lines = decode(files.get(FILES.custody)).trimEnd().split('\n');
    expect(lines).toHaveLength(before + 1);
    const last = JSON.parse(lines.at(-1)!);
    expect(last.action).toBe('exported');
    expect(last.detail).toContain(manifest.exportId);
    expect(manifest.custody).toEqual({ file: FILES.custody, events: before + 1, head: { seq: last.seq, hash: last.hash } });
    expect((await vault.custodyLog()).at(-1)).toEqual(last);
    expect((await vault.verify()).ok).toBe(true);
  });

  it('lists every file but itself in SHA256SUMS with the right hash', async () => {
    const { vault } = await seeded();
    const { files } = await exportFiles(vault);
    const sums = decode(files.get(FILES.sums));
    const lines = sums.trimEnd().split('\n');
    expect(lines.length).toBe(files.size - 1);
    for (const line of lines) {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(sha256HexSync(files.get(m![2]!)!), m![2]).toBe(m![1]);
    }
    expect(sums).not.toContain(FILES.sums);
  });

  it('scopes to one person across platforms and accounts (handle or id), skipping tombstones', async () => {
    const { vault } = await seeded();
    const { manifest } = await exportFiles(vault, {
      scope: { type: 'person', label: 'Alice', accounts: [{ handle: '@ALICE_HARASSER' }, { platform: 'x', accountId: '9902' }] },
    });
    expect(manifest.records.map((r) => r.record.seq)).toEqual([1, 2, 6]);
    // The whole chain is still listed so it can be checked.
    expect(manifest.chain.records).toHaveLength(6);
    const dm = await exportFiles(vault, { scope: { type: 'person', accounts: [{ accountId: '100000000000001' }] } });
    expect(dm.manifest.records.map((r) => r.record.seq)).toEqual([5]);
    const wrongPlatform = exportFiles(vault, { scope: { type: 'person', accounts: [{ platform: 'instagram', accountId: '9902' }] } });
    await expect(wrongPlatform).rejects.toMatchObject({ code: 'empty' });
  });

  it('scopes to a capture date range (from inclusive, to exclusive), including tombstones in range', async () => {
    const { vault } = await seeded();
    const { manifest } = await exportFiles(vault, {
      scope: { type: 'dateRange', from: '2026-11-21T00:00:00.000Z', to: '2026-11-23T09:00:00.000Z' },
    });
    expect(manifest.records.map((r) => r.record.seq)).toEqual([2, 3, 4]);
    expect(manifest.records[2]?.record.deleted).toBeDefined();
  });

  it('scopes to selected records and notes ids that are not in the vault', async () => {
    const { vault, live } = await seeded();
    const { manifest, files } = await exportFiles(vault, { scope: { type: 'records', ids: [live[2]!.id, 'no-such-id'] } });
    expect(manifest.records.map((r) => r.record.id)).toEqual([live[2]!.id]);
    expect(manifest.warnings.join(' ')).toContain('no-such-id');
    expect([...files.keys()].filter((p) => p.startsWith('artifacts/'))).toHaveLength(4);
  });

  it('refuses an empty scope without writing a bundle', async () => {
    const { vault } = await seeded();
    const before = (await vault.custodyLog()).length;
    const written: Uint8Array[] = [];
    let aborted = false;
    const sink = new WritableStream<Uint8Array>({
      write: (c) => {
        written.push(c);
      },
      abort: () => {
        aborted = true;
      },
    });
    const error = await exportBundle(vault, { scope: { type: 'records', ids: [] }, toolVersion: '1' }, sink).catch((e) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect(error.code).toBe('empty');
    expect(written).toHaveLength(0);
    expect(aborted).toBe(true);
    expect((await vault.custodyLog()).length).toBe(before);
  });

  it('reports progress per record through to the end', async () => {
    const { vault } = await seeded();
    const calls: [number, number][] = [];
    await exportFiles(vault, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBe(6 * 3 + 1);
    expect(calls.map((c) => c[0])).toEqual(calls.map((_, i) => i + 1));
    expect(new Set(calls.map((c) => c[1]))).toEqual(new Set([19]));
  });

  it('stops when aborted and aborts the sink', async () => {
    const { vault } = await seeded();
    const controller = new AbortController();
    let sinkAborted = false;
    const sink = new WritableStream<Uint8Array>({
      abort: () => {
        sinkAborted = true;
      },
    });
    const run = exportBundle(
      vault,
      { scope: { type: 'all' }, toolVersion: '1', signal: controller.signal, onProgress: (d) => d === 2 && controller.abort() },
      sink,
    );
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    expect(sinkAborted).toBe(true);
  });

  it('notes in the custody log when an export stops after it was logged', async () => {
    const { vault } = await seeded();
    const controller = new AbortController();
    const run = exportBundle(
      vault,
      // Progress 7 is the first record of the HTML report: after the 'exported' entry.
      { scope: { type: 'all' }, toolVersion: '1', signal: controller.signal, onProgress: (d) => d === 7 && controller.abort() },
      new WritableStream<Uint8Array>(),
    );
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    const [started, stopped] = (await vault.custodyLog()).slice(-2);
    expect(started?.action).toBe('exported');
    expect(stopped?.action).toBe('exported');
    expect(stopped?.detail).toMatch(/did not finish \(it was stopped\)/);
    expect(stopped?.detail).toContain(started!.detail!.split(':')[0]!.replace('export ', ''));
    expect((await vault.verify()).ok).toBe(true);
  });

  it('notes an artifact missing from the vault at export time instead of failing', async () => {
    const { vault, live, name } = await seeded();
    const target = live[0]!.artifacts[1]!;
    await rawEdit(name, 'artifacts', (s) => s.delete(target.id));
    const { manifest, files } = await exportFiles(vault);
    expect(manifest.warnings.join(' ')).toMatch(/missing from the vault/);
    expect([...files.keys()].some((p) => p.endsWith('/page-captured.txt') && p.includes('_0001'))).toBe(false);
  });
});

describe('report.html', () => {
  it('is self-contained: CSP meta, no scripts, no remote resources, screenshots as data: URIs', async () => {
    const { vault } = await seeded();
    const html = decode((await exportFiles(vault)).files.get(FILES.reportHtml));
    // The CSP is the first thing in the head, before anything else is parsed.
    expect(html.startsWith(`<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">`)).toBe(true);
    expect(html.toLowerCase()).not.toContain('<script');
    // Real tags (captured text has its "<" escaped, so it never forms one): no event handlers, and no
    // resource or link attribute pointing anywhere but inside the page or to a data: image.
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(50);
    for (const tag of tags) {
      expect(tag, tag.slice(0, 80)).not.toMatch(/\son[a-z]+\s*=/i);
      for (const m of tag.matchAll(/\s(src|href|srcset|action|poster|data|background)\s*=\s*"([^"]*)"/gi)) {
        // Or a file of the bundle itself, by a relative path (opening a link is the reader's choice; nothing loads).
        expect(m[2]!, tag.slice(0, 80)).toMatch(/^(data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$|#exhibit-\d+$|artifacts\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$)/);
        if (m[2]!.startsWith('artifacts/')) expect(tag, 'only links lead to files').toMatch(/^<a /);
      }
    }
    expect(tags.filter((t) => /^<(link|iframe|object|embed|base|form|meta http-equiv="refresh")/i.test(t))).toEqual([]);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect((html.match(/<img class="shot"[^>]+src="data:image\/png;base64,/g) ?? []).length).toBe(5);
  });

  it('escapes every captured string, shows both times in UTC, permalinks, ids and hashes', async () => {
    const { vault, live } = await seeded();
    const html = decode((await exportFiles(vault, { exporterName: '<b>Eve</b>' })).files.get(FILES.reportHtml));
    expect(html).not.toContain(HOSTILE_TEXT);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(html).toContain('Alice 😈 Ünïcødé');
    expect(html).toContain('Я знаю, где ты живёшь.');
    expect(html).toContain('2026-11-20 09:58:00 UTC'); // item time
    expect(html).toContain('2026-11-20 10:00:00.123 UTC'); // capture time
    expect(html).toContain('2026-11-21 06:00:00 UTC (page said 2026-11-21T08:00:00+02:00)');
    expect(html).toContain('https://x.com/alice_harasser/status/1860000000000000001');
    expect(html).toContain('account id 4401');
    for (const rec of live) {
      expect(html).toContain(rec.chain.recordHash);
      for (const a of rec.artifacts) expect(html).toContain(a.sha256);
    }
    for (let n = 1; n <= 5; n++) expect(html).toContain(`id="exhibit-${n}"`);
    expect(html).toContain('Summary by account');
    expect(html).toContain('Timeline');
    expect(html).toMatch(/@media print\{[\s\S]*\.exhibit\{break-before:page/);
    expect(html).toContain('Deleted records');
    expect(html).toContain('posted by mistake');
  });

  it('leaves pictures over the budget out, linking the file instead', async () => {
    const { vault } = await seeded();
    const html = decode((await exportFiles(vault, { html: { maxTotalImageBytes: 1 } })).files.get(FILES.reportHtml));
    expect(html).not.toContain('data:image/png');
    expect(html).toContain('<a class="file-link" href="artifacts/2026-11-20_x_alice_harasser_post_0001/screenshot.png">Open the full picture');
  });
});

describe('incidents.csv and instructions', () => {
  it('has a BOM, the columns, one row per record, and formulas neutralised', async () => {
    const { vault, live } = await seeded();
    const raw = (await exportFiles(vault)).files.get(FILES.csv)!;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = decode(raw);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'seq,captured_at_utc,item_time_utc,platform,kind,author_handle,author_name,author_id,permalink,page_url,text,record_hash,deleted_at_utc',
    );
    expect(lines.filter((l) => /^\d+,/.test(l))).toHaveLength(6);
    expect(csv).toContain(`"'${FORMULA_TEXT.replace(/"/g, '""')}"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).toContain(`2,2026-11-21T11:30:00.000Z,2026-11-21T06:00:00.000Z,x,reply,Alice_Harasser,Alice,4401,`);
    expect(csv).toContain(live[0]!.chain.recordHash);
  });

  it('VERIFY.txt explains the check on Windows, macOS, Linux and with npx; the certification is marked as a template', async () => {
    const { vault } = await seeded();
    const { files, result, manifest } = await exportFiles(vault, { password: 'pw' });
    const verify = decode(files.get(FILES.verify));
    expect(verify).toContain('sha256sum -c SHA256SUMS');
    expect(verify).toContain('shasum -a 256 -c SHA256SUMS');
    expect(verify).toContain('Get-FileHash -Algorithm SHA256');
    expect(verify).toContain('certutil -hashfile');
    expect(verify).toContain(`npx holdfast-verify ${result.filename} --password <password>`);
    expect(verify).toContain('ENCRYPTED');
    expect(verify).toContain('\r\n');
    const cert = decode(files.get(FILES.certification));
    expect(cert).toContain('TEMPLATE, NOT LEGAL ADVICE');
    expect(cert).toMatch(/902\(11\) and 902\(14\)/);
    expect(cert).toContain(manifest.exportId);
    expect(cert).toContain(manifest.chain.head.hash);
  });
});
