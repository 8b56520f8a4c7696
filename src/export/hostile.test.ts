/**
 * Issue #12, found by review: every HTML file in a bundle is inert (captured bytes kept byte-exact
 * beside it), a scoped export shows nothing outside its scope, an encrypted export shows no names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../vault/hashing';
import { freshDbName } from '../vault/test-support';
import { openVault, type VaultImpl } from '../vault/vault';
import { type ExportOptions, exportBundle } from './bundle';
import { FILES, type Manifest } from './format';
import { inertHtml } from './inert-html';
import { captureArtifacts, decode, memorySink, newRecord, resign, seedVault, tamper, unzipAll } from './test-support';
import { type BundleReport, verifyBundle } from './verify';

const enc = new TextEncoder();
const opened: VaultImpl[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

const HOSTILE_PAGE = [
  '<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url=https://evil.example/r"><base href="https://evil.example/">',
  '<link rel=stylesheet href="https://evil.example/s.css"><style>body{background:url(https://evil.example/bg.png)}</style></head>',
  '<body onload="window.__hostile=1"><script>window.__hostile=2;fetch("https://evil.example/x")</script>',
  '<a href="javascript:window.__hostile=3">js</a><a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<img src="https://evil.example/i.png" onerror="window.__hostile=4"><svg><script>window.__hostile=5</script></svg>',
  '<form action="https://evil.example/f"><input name=q></form><p>Threat text</p></body></html>',
].join('');

async function exportFiles(vault: VaultImpl, options: Partial<ExportOptions> = {}) {
  const mem = memorySink();
  const result = await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '1.0.0', ...options }, mem.sink);
  const zip = mem.bytes();
  const files = await unzipAll(zip, options.password);
  return { result, zip, files, manifest: JSON.parse(decode(files.get(FILES.manifest))) as Manifest };
}

async function hostileVault() {
  const vault = await openVault(freshDbName('hostile'));
  opened.push(vault);
  const live = await seedVault(vault);
  const page = await vault.addRecord(
    newRecord({ platform: 'web', kind: 'page', pageUrl: 'https://evil.example/', capturedAt: '2026-11-25T10:00:00.000Z', text: 'Threat text' }),
    captureArtifacts(9, HOSTILE_PAGE),
  );
  return { vault, live, page };
}

const codes = (r: BundleReport) => [...new Set(r.problems.map((p) => p.code))].sort();

async function resum(files: Map<string, Uint8Array>): Promise<void> {
  const lines: string[] = [];
  for (const [path, bytes] of files) if (path !== FILES.sums) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
  files.set(FILES.sums, enc.encode(lines.join('')));
}

describe('every HTML file in a bundle is inert', () => {
  it('writes the captured page byte-exact as page-captured.txt and an inert page.html beside it', async () => {
    const { vault, page } = await hostileVault();
    const { files, manifest, zip } = await exportFiles(vault);
    const entry = manifest.records.find((r) => r.record.id === page.id)!;
    const captured = entry.artifacts.find((a) => a.role === 'html')!;
    expect(captured.path).toMatch(/\/page-captured\.txt$/);
    expect(decode(files.get(captured.path))).toBe(HOSTILE_PAGE);
    expect(await sha256Hex(files.get(captured.path)!)).toBe(page.artifacts.find((a) => a.role === 'html')!.sha256);
    const copy = captured.path.replace('-captured.txt', '.html');
    expect(manifest.files).toContain(copy);
    expect(decode(files.get(copy))).toBe(inertHtml(HOSTILE_PAGE));
    // No file in the bundle is a web page that could run code or call out.
    const htmlFiles = [...files.keys()].filter((p) => /\.html?$/i.test(p));
    expect(htmlFiles.length).toBe(manifest.records.filter((r) => !r.record.deleted).length + 1);
    for (const path of htmlFiles) {
      const html = decode(files.get(path));
      expect(html.slice(0, 200), path).toMatch(/^<!DOCTYPE html>\s*<html[^>]*>\s*<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
      expect(html, path).not.toMatch(/<(script|base|link|iframe|object|embed)\b|http-equiv="refresh"/i);
      // Inside tags (escaped text like "&lt;img onerror=…&gt;" is only text).
      expect(html, path).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      expect(html, path).not.toMatch(/<[a-z][^>]*\s(href|src|srcset|action|formaction)="(javascript|data:text|https?:|\/\/)/i);
      expect(html, path).not.toMatch(/url\(https?:/i);
    }
    expect((await verifyBundle(zip)).ok).toBe(true);
  });

  it('the verifier recomputes each inert copy and refuses a page.html swapped for the captured page', async () => {
    const { vault } = await hostileVault();
    const { zip, manifest } = await exportFiles(vault);
    const copy = manifest.files.find((f) => f.endsWith('/page.html'))!;
    const bad = await tamper(zip, async (f) => {
      f.set(copy, enc.encode(HOSTILE_PAGE));
      await resum(f);
    });
    const report = await verifyBundle(bad);
    expect(codes(report)).toEqual(['html-not-inert']);
    expect(report.changed).toEqual([copy]);
  });

  it('the verifier refuses a report.html without its CSP first, and a web page the bundle does not know', async () => {
    const { vault } = await hostileVault();
    const { zip } = await exportFiles(vault);
    const badReport = await tamper(zip, async (f) => {
      f.set(FILES.reportHtml, enc.encode(`<!DOCTYPE html><html><head><script>alert(1)</script></head><body>report</body></html>`));
      await resign(f, vault); // the vault's own key: only the check under test fails
    });
    expect(codes(await verifyBundle(badReport))).toEqual(['html-not-inert']);
    const extra = await tamper(zip, async (f) => {
      const m = JSON.parse(decode(f.get(FILES.manifest))) as Manifest;
      m.files.push('artifacts/extra.html');
      f.set(FILES.manifest, enc.encode(JSON.stringify(m)));
      f.set('artifacts/extra.html', enc.encode(HOSTILE_PAGE));
      await resign(f, vault); // the vault's own key: only the check under test fails
    });
    expect(codes(await verifyBundle(extra))).toEqual(['html-not-inert']);
  });
});

describe('a scoped export reveals nothing outside its scope', () => {
  async function personExport(extra: Partial<ExportOptions> = {}) {
    const { vault, live } = await hostileVault();
    // Earlier exports typed names; a record was deleted with a reason (seedVault).
    await exportFiles(vault, { exporterName: 'Dana Advocate', scope: { type: 'person', label: 'Bob the neighbour', accounts: [{ handle: 'bob.b' }] } });
    const out = await exportFiles(vault, { scope: { type: 'person', label: 'Alice', accounts: [{ handle: 'alice_harasser' }] }, ...extra });
    return { vault, live, ...out };
  }

  it('carries only the exported records’ custody entries; the others as seq and hashes; it still verifies', async () => {
    const { files, manifest, zip, live, vault } = await personExport();
    const log = decode(files.get(FILES.custody));
    expect(log).not.toContain('Bob the neighbour');
    expect(log).not.toContain('bob.b');
    expect(log).not.toContain('posted by mistake');
    const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const full = await vault.custodyLog();
    expect(lines.length).toBe(full.length);
    const inScope = new Set(manifest.records.map((r) => r.record.id));
    for (const [i, line] of lines.entries()) {
      expect(line.hash).toBe(full[i]!.hash);
      const own = i === lines.length - 1 || (full[i]!.recordId !== undefined && inScope.has(full[i]!.recordId!));
      if (own) expect(line).toEqual(full[i]);
      else expect(Object.keys(line).sort()).toEqual(['hash', 'prevHash', 'seq', 'withheld']);
    }
    expect(inScope.size).toBe(2);
    expect(manifest.records.map((r) => r.record.id)).toEqual([live[0]!.id, live[1]!.id]);
    // Other records: ids and hashes only, not even whether they were deleted.
    expect(manifest.chain.records.some((c) => c.deleted)).toBe(false);
    expect(JSON.stringify(manifest)).not.toContain('posted by mistake');
    const report = await verifyBundle(zip);
    expect(report.problems).toEqual([]);
  });

  it('the verifier still catches an edited, removed or padded withheld entry', async () => {
    const { zip } = await personExport();
    const edit = (fn: (lines: Record<string, unknown>[]) => void) =>
      tamper(zip, async (f) => {
        const lines = decode(f.get(FILES.custody)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        fn(lines);
        f.set(FILES.custody, enc.encode(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`));
        await resum(f);
      });
    const firstWithheld = (lines: Record<string, unknown>[]) => lines.findIndex((l) => l.withheld);
    const changedHash = await edit((lines) => {
      lines[firstWithheld(lines)]!.hash = '0'.repeat(64);
    });
    expect(codes(await verifyBundle(changedHash))).toContain('custody-break');
    const removed = await edit((lines) => {
      lines.splice(firstWithheld(lines), 1);
    });
    expect(codes(await verifyBundle(removed))).toContain('custody-break');
    const padded = await edit((lines) => {
      lines[firstWithheld(lines)]!.detail = 'smuggled';
    });
    expect(codes(await verifyBundle(padded))).toContain('custody-break');
  });

  it('a whole-vault export keeps every entry in full (a withheld line there is an edit)', async () => {
    const { vault } = await hostileVault();
    const { files, zip } = await exportFiles(vault);
    expect(decode(files.get(FILES.custody))).not.toContain('"withheld"');
    const bad = await tamper(zip, async (f) => {
      const lines = decode(f.get(FILES.custody)).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; prevHash: string; hash: string });
      const l = lines[0]!;
      lines[0] = { seq: l.seq, withheld: true, prevHash: l.prevHash, hash: l.hash } as typeof l;
      f.set(FILES.custody, enc.encode(`${lines.map((x) => JSON.stringify(x)).join('\n')}\n`));
      await resign(f, vault); // the vault's own key: only the check under test fails
    });
    expect(codes(await verifyBundle(bad))).toEqual(['custody-break']);
  });

  it('an encrypted export names no one in its file names or download name', async () => {
    const { zip, result, manifest } = await personExport({ password: 'correct horse battery staple' });
    const { ZipReader, Uint8ArrayReader } = await import('@zip.js/zip.js');
    const names = (await new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false }).getEntries()).map((e) => e.filename);
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) {
      expect(name).toMatch(/^(artifacts\/record-\d{4}\/[a-z0-9-]+\.(png|html|json|txt)|[A-Za-z0-9_.-]+)$/);
      expect(name.toLowerCase()).not.toMatch(/alice|harasser|_x_|2026-11/);
    }
    // The raw ZIP bytes (what anyone sees without the password) hold no handle or label at all.
    const raw = new TextDecoder('latin1').decode(zip);
    for (const word of ['alice', 'Alice', 'harasser', 'Bob']) expect(raw).not.toContain(word);
    expect(result.filename).toMatch(/^holdfast-export-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.zip$/);
    expect(manifest.records).toHaveLength(2);
    expect((await verifyBundle(zip, { password: 'correct horse battery staple' })).ok).toBe(true);
  });
});

describe('an honest bundle of very repetitive content verifies (not taken for a zip bomb)', () => {
  it('a captured page of one 2 MB word exports into a bundle the verifier passes', async () => {
    const vault = await openVault(freshDbName('bigword'));
    opened.push(vault);
    const word = 'W'.repeat(2 * 1024 * 1024);
    await vault.addRecord(
      newRecord({ platform: 'x', kind: 'post', text: word, author: { handle: 'long_word' } }),
      captureArtifacts(1, `<article><p>${word}</p></article>`, { text: word }),
    );
    const { zip, files } = await exportFiles(vault);
    const report = await verifyBundle(zip);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(decode(files.get([...files.keys()].find((p) => p.endsWith('page-captured.txt'))!))).toContain(word);
  });
});
