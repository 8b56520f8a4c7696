import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    console.log(`replay: ${result.ms} ms, frame ${result.frameUrl}, ${result.served.length} requests served locally, ${result.outside.length} outside, ${result.browserOwn.length} of Chromium's own refused`);
    expect(result.text).toContain('You will regret posting that, Marisol.');
    expect(result.text).not.toContain('A different page');
    expect(result.outside).toEqual([]);
    expect(result.served.some((r) => r.startsWith('GET /replay/sw.js'))).toBe(true);
    expect(result.served.some((r) => /^GET \/archive\.wacz \[bytes=/.test(r))).toBe(true);
    expect(result.ms).toBeLessThan(30_000);
  }, 40_000);

  it('shows the other page at its own URL, and not the text of a page at a URL the WACZ does not hold', async () => {
    expect((await replayText(wacz, URL_B, { waitForText: 'different' })).text).toContain('A different page');
    const missing = await replayText(wacz, 'https://x.com/nobody/status/9', { timeoutMs: 10_000 });
    expect(missing.text).not.toContain('regret');
    expect(missing.text).not.toContain('A different page');
  }, 60_000);

  it('fails when anything on the page asks for a remote resource', async () => {
    await expect(replayText(wacz, URL_A, { waitForText: 'regret', extraHead: '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/replaywebpage/ui.css">' })).rejects.toThrow(
      /requests tried to leave loopback: https:\/\/cdn\.jsdelivr\.net\/npm\/replaywebpage\/ui\.css/,
    );
  }, 40_000);
});
