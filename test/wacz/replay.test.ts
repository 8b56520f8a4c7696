import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inertHtml } from '../../src/export/inert-html';
import { buildWacz } from './build';
import { replayText } from './replay';

const URL_A = 'https://x.com/grimshaw_k/status/2123706098119606292';
const URL_B = 'https://x.com/other/status/1';
const dir = mkdtempSync(join(tmpdir(), 'holdfast-wacz-replay-'));
const wacz = join(dir, 'two-pages.wacz');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  writeFileSync(
    wacz,
    await buildWacz({
      pages: [
        { url: URL_A, ts: '2026-12-01T10:00:00Z', title: 'Post by @grimshaw_k', html: '<!doctype html><html><head><title>Post</title></head><body><article><p>You will regret posting that, Marisol.</p></article></body></html>' },
        { url: URL_B, ts: '2026-12-01T10:01:00Z', title: 'Another', html: '<!doctype html><p>A different page</p>' },
      ],
    }),
  );
});

describe('ReplayWeb.page harness (local, headless Chromium)', () => {
  it('shows the text of a page held in a WACZ, with nothing fetched beyond loopback', async () => {
    const result = await replayText(wacz, URL_A, { waitForText: 'regret' });
    console.log(`replay: ${result.ms} ms, ${result.reloads} reloads, frame ${result.frameUrl}, ${result.served.length} requests served locally, ${result.outside.length} outside, ${result.browserOwn.length} of Chromium's own refused`);
    expect(result.text).toContain('You will regret posting that, Marisol.');
    expect(result.text).not.toContain('A different page');
    expect(result.outside).toEqual([]);
    expect(result.served.some((r) => r.startsWith('GET /replay/sw.js'))).toBe(true);
    expect(result.served.some((r) => /^GET \/archive\.wacz \[bytes=/.test(r))).toBe(true);
    // About 2 s on an idle machine (Chromium launch included); the bound leaves room for a loaded 2-core one.
    expect(result.ms).toBeLessThan(60_000);
  }, 150_000);

  it('shows the other page at its own URL, and not the text of a page at a URL the WACZ does not hold', async () => {
    expect((await replayText(wacz, URL_B, { waitForText: 'different' })).text).toContain('A different page');
    const missing = await replayText(wacz, 'https://x.com/nobody/status/9', {});
    expect(missing.text).toContain('Archived Page Not Found');
    expect(missing.text).not.toContain('regret');
    expect(missing.text).not.toContain('A different page');
  }, 240_000);

  it('sees scripts that run in the replay (positive control: ReplayWeb.page runs an archived page\'s scripts)', async () => {
    const url = 'https://x.com/scripted/status/2';
    const scripted = join(dir, 'scripted.wacz');
    const html = '<!doctype html><p>Scripted page</p><script>window.__hostileRan = 1; document.documentElement.setAttribute("data-hostile-ran", "1"); alert("ran"); fetch("https://x.com/__hostile/beacon");</script>';
    writeFileSync(scripted, await buildWacz({ pages: [{ url, ts: '2026-12-01T10:00:00Z', title: 'Scripted', html }] }));
    const result = await replayText(scripted, url, {
      waitForText: 'Scripted page',
      settleMs: 500,
      probe: () => ({ ran: (window as unknown as { __hostileRan?: number }).__hostileRan ?? 0, attr: document.documentElement.hasAttribute('data-hostile-ran') }),
    });
    expect(result.probe).toEqual({ ran: 1, attr: true });
    expect(result.dialogs).toEqual(['ran']);
    // The beacon goes to the service worker (answered from the archive), so it shows among the page's requests only.
    expect(result.pageRequests.some((u) => u.includes('__hostile/beacon'))).toBe(true);
    expect(result.outside).toEqual([]);
  }, 150_000);

  it('replays the inert copy of that page (src/export/inert-html.ts) with its text and no script run', async () => {
    const url = 'https://x.com/scripted/status/3';
    const inert = join(dir, 'inert.wacz');
    const hostile = '<!doctype html><p>Scripted page</p><img src="x" onerror="window.__hostileRan = 2"><script>window.__hostileRan = 1; document.documentElement.setAttribute("data-hostile-ran", "1"); alert("ran"); fetch("https://x.com/__hostile/beacon");</script>';
    writeFileSync(inert, await buildWacz({ pages: [{ url, ts: '2026-12-01T10:00:00Z', title: 'Inert', html: inertHtml(hostile) }] }));
    const result = await replayText(inert, url, {
      waitForText: 'Scripted page',
      settleMs: 500,
      probe: () => ({ ran: (window as unknown as { __hostileRan?: number }).__hostileRan ?? 0, attr: document.documentElement.hasAttribute('data-hostile-ran') }),
    });
    expect(result.text).toContain('Scripted page');
    expect(result.probe).toEqual({ ran: 0, attr: false });
    expect(result.dialogs).toEqual([]);
    expect(result.pageRequests.filter((u) => u.includes('__hostile'))).toEqual([]);
  }, 150_000);

  it('fails when anything on the page asks for a remote resource', async () => {
    await expect(replayText(wacz, URL_A, { waitForText: 'regret', extraHead: '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/replaywebpage/ui.css">' })).rejects.toThrow(
      /requests tried to leave loopback: https:\/\/cdn\.jsdelivr\.net\/npm\/replaywebpage\/ui\.css/,
    );
  }, 150_000);
});
