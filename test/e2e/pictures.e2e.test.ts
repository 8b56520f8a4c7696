/**
 * Issue #14, "never no picture", with the permissions as shipped (the test-nogrant build: `<all_urls>` optional and not
 * granted, so a button inside a page cannot take a pixel screenshot):
 * - a whole-conversation capture stores a picture redrawn from the page, stitched from the screens the engine scrolled
 *   through, labelled like a single item's redrawn picture (method dom-render, note, warning; the panel's and toast's
 *   words are checked in src/capture/thread/run.test.ts, they sit in closed shadow roots); its height covers the whole
 *   conversation;
 * - an item taller than the window is redrawn whole (the renderer draws the parts outside the window too).
 * The pixel stitching of a tall item (test-grant) is checked in capture.e2e.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { SitePage, VaultPage } from './pages';
import { coveredHeight, inkByTenth, picturesOf } from './picture-support';
import { type ReplicaServer, startReplicaServer } from './server';
import { settled, startThread } from './thread-support';

const CHAT = 'https://x.com/i/chat/1523456789012345678-1888000000000000001';
const TALL = 'https://x.com/grimshaw_k/status/2123706098119606299';

for (const browserName of browsersUnderTest()) {
  describe(`pictures without the permission for exact screenshots — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let vault: VaultPage;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-nogrant');
      vault = await VaultPage.open(harness);
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('a whole conversation gets a redrawn picture, labelled, covering the whole conversation', async () => {
      const site = await SitePage.open(harness, `${CHAT}?n=60&delay=20`);
      try {
        const before = await startThread(site);
        expect(await settled(site, before, 60_000)).toBe('ok');
        const rec = await vault.newest();
        expect(rec.kind).toBe('dm-thread');
        expect(rec.content.fields?.messages).toBe('60');
        expect(rec.screenshot.method).toBe('dom-render');
        expect(rec.screenshot.note).toMatch(/^redrawn from the page DOM.*; stitched from \d+ screens taken while scrolling/);
        expect(rec.extraction.warnings.join(' ')).toMatch(/Exact screenshots are not enabled, so the picture was redrawn/);
        const pictures = await picturesOf(vault, rec.id);
        expect(pictures.length).toBeGreaterThan(0);
        for (const p of pictures) expect(p.note).toMatch(/redrawn from the page DOM \(not a pixel screenshot\)/);
        const list = await site.page.$eval('[data-testid="dm-message-list"]', (el) => ({ height: el.scrollHeight, width: el.clientWidth, dpr: devicePixelRatio }));
        const height = coveredHeight(pictures);
        console.log(`[pictures e2e ${browserName}] redrawn conversation ${pictures[0]?.width}×${height} px for a ${list.width}×${list.height} CSS px list at dpr ${list.dpr}`);
        expect(Math.abs(height - list.height * list.dpr)).toBeLessThanOrEqual(8 * list.dpr);
        // Drawn all the way down: every tenth of the picture has rows with something on them (no blank screens).
        const ink = await inkByTenth(vault, rec.id, !!process.env.HOLDFAST_PICS_DUMP);
        if (ink.png) writeFileSync(`${process.env.HOLDFAST_PICS_DUMP}/conversation-${browserName}.png`, Buffer.from(ink.png, 'base64'));
        for (const share of ink.tenths) expect(share).toBeGreaterThan(0.05);
      } finally {
        await site.close();
      }
    });

    it('an item taller than the window is redrawn whole, not only its visible part', async () => {
      const site = await SitePage.open(harness, TALL);
      try {
        await site.waitForControls('post', 1);
        const css = await site.page.$eval('article[data-testid="tweet"]', (el) => ({ height: el.getBoundingClientRect().height, window: innerHeight, dpr: devicePixelRatio }));
        expect(css.height).toBeGreaterThan(css.window * 1.5);
        expect((await site.capture('post', 0)).code).toMatch(/^ok/);
        const rec = await vault.newest();
        expect(rec.kind).toBe('post');
        expect(rec.screenshot.method).toBe('dom-render');
        expect(rec.screenshot.clipped).toBe(false);
        expect(rec.screenshot.note).toMatch(/the whole item, including the parts outside the window/);
        expect(rec.extraction.warnings.join(' ')).not.toMatch(/only the part that was visible/);
        const shot = (await picturesOf(vault, rec.id)).find((p) => p.role === 'screenshot')!;
        expect(Math.abs(shot.height - css.height * css.dpr)).toBeLessThanOrEqual(4);
        const ink = await inkByTenth(vault, rec.id, !!process.env.HOLDFAST_PICS_DUMP);
        if (ink.png) writeFileSync(`${process.env.HOLDFAST_PICS_DUMP}/tall-redrawn-${browserName}.png`, Buffer.from(ink.png, 'base64'));
        for (const share of ink.tenths) expect(share).toBeGreaterThan(0.05);
      } finally {
        await site.close();
      }
    });
  });
}
