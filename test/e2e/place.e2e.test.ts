/**
 * Issue #14, "controls that never get in the way": on every replica page and real-structure page that has capture
 * targets, at 360, 768 and 1280 CSS px wide and at 200 % zoom, no Holdfast control covers anything of the site.
 *
 * 200 % zoom: a 1280 × 800 window zoomed to 200 % lays the page out in a 640 × 400 CSS px viewport with two device
 * pixels per CSS pixel. That is what changes layout (media queries, line breaks, where things wrap), so the test sets
 * exactly that: a 640 × 400 viewport at device scale 2, the same in both browsers (puppeteer's setViewport; Chromium
 * through CDP device metrics, Firefox through BiDi's setViewport). Device scale alone would change nothing of the
 * layout.
 *
 * For each drawn control host (the page is scrolled so every control comes near the viewport and is drawn), in the
 * page: its box intersects no box of a site link, button, input, select, textarea, image, svg, video, canvas,
 * iframe, `[role=button|link|menuitem|checkbox]`, nor any line box of the site's text (Range client rects), where the
 * site shows it (`elementsFromPoint` at 3 × 3 points of where the boxes meet finds it: a part its scroller clips away,
 * like a carousel's next slide, is not there to be covered); and no
 * site control whose box meets a host is hidden by it at its centre (`document.elementFromPoint` there is not a
 * Holdfast host). Where a box of the site meets a host's, the host must be the one painted there for it to count: a
 * site's sticky bar painted over an item scrolled under it covers the item's control, not the reverse. One browser launch, one tab; the viewport changes in place (controls are placed again on resize).
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RealTruth, REAL, realPages } from '../real/score';
import { browsersUnderTest, type Harness, launch } from './browsers';
import { settleInView, TOAST } from './pages';
import { pinRealPage, type ReplicaServer, startReplicaServer } from './server';
import { truthFiles } from './truth';
import { readFileSync } from 'node:fs';

interface PageUnderTest {
  name: string;
  url: string;
  /** Real-structure pages are pinned to their file before they are opened. */
  file?: string;
  targets: number;
}

const pages: PageUnderTest[] = [
  ...truthFiles()
    .map((t) => ({ name: `${t.host}/${t.file.replace('.truth.json', '')}`, url: t.url, targets: Object.values(t.targets).reduce((a, b) => a + b, 0) }))
    .filter((p) => p.targets > 0),
  ...realPages()
    .map(({ host, truthFile }) => {
      const truth = JSON.parse(readFileSync(join(REAL, host, truthFile), 'utf8')) as RealTruth;
      const page = truthFile.replace('.truth.json', '');
      return { name: `real/${host}/${page}`, url: truth.url, file: join(REAL, host, `${page}.html`), targets: Object.values(truth.targets).reduce((a, b) => a + (b ?? 0), 0) };
    })
    .filter((p) => p.targets > 0),
];

/** While working on placement: `HOLDFAST_PLACE_ONLY=<part of a page name>` checks only those pages. */
const only = process.env.HOLDFAST_PLACE_ONLY;
if (only) pages.splice(0, pages.length, ...pages.filter((p) => p.name.includes(only)));

const SIZES = [
  { name: '360', width: 360, height: 800, deviceScaleFactor: 1 },
  { name: '768', width: 768, height: 900, deviceScaleFactor: 1 },
  { name: '1280', width: 1280, height: 800, deviceScaleFactor: 1 },
  { name: '1280@200%', width: 640, height: 400, deviceScaleFactor: 2 },
];

interface Sweep {
  checked: number;
  /** Controls that wait veiled (nowhere free): clipped away, shown while their item is hovered or focused. */
  veiled: number;
  violating: number;
  covered: number;
  /** Shown controls over another item's shown control (both painted there). */
  overOwn: number;
  samples: string[];
}

/**
 * Runs in the page: brings every control near the viewport in turn (window and inner scrollers: scrollIntoView), lets
 * it be drawn and placed, and checks every host fully inside the viewport once.
 */
async function sweep(page: Page): Promise<Sweep> {
  return page.evaluate(async () => {
    const HOST = '[data-holdfast-capture],[data-holdfast-report]';
    const SITE =
      'a[href],button,input,select,textarea,img,svg,video,canvas,iframe,picture,[role="button"],[role="link"],[role="menuitem"],[role="checkbox"]';
    const CONTROL = 'a[href],button,input,select,textarea,[role="button"],[role="link"],[role="menuitem"],[role="checkbox"]';
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const isOwn = (el: Element | null) => !!el?.closest(HOST);
    /** Whether the host paints over the site at the middle of where their boxes meet (a sticky bar of the site, drawn
     * over an item scrolled under it, covers the item's control: that is the site covering Holdfast, not the reverse). */
    const onTop = (a: DOMRect, b: DOMRect) =>
      isOwn(document.elementFromPoint((Math.max(a.left, b.left) + Math.min(a.right, b.right)) / 2, (Math.max(a.top, b.top) + Math.min(a.bottom, b.bottom)) / 2));
    /** Whether the site shows `el` somewhere in the part of `a` that meets `b` (3 × 3 points): a part clipped away by
     * its scroller (a carousel's next slide) or hidden is not there to be covered. */
    const shown = (el: Element, a: DOMRect, b: DOMRect) => {
      const l = Math.max(a.left, b.left);
      const t = Math.max(a.top, b.top);
      const w = Math.min(a.right, b.right) - l;
      const h = Math.min(a.bottom, b.bottom) - t;
      for (const fx of [0.2, 0.5, 0.8])
        for (const fy of [0.2, 0.5, 0.8]) if (document.elementsFromPoint(l + w * fx, t + h * fy).some((s) => s === el || el.contains(s))) return true;
      return false;
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}${el.getAttribute('aria-label') ? `"${el.getAttribute('aria-label')!.slice(0, 20)}"` : ''}`;
    const hosts = Array.from(document.querySelectorAll<HTMLElement>(HOST)).filter((h) => h.getAttribute('data-holdfast-capture') !== 'page');
    const done = new Set<Element>();
    const out = { checked: 0, veiled: 0, violating: 0, covered: 0, overOwn: 0, samples: [] as string[] };
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const visible = (r: DOMRect) => r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= vh && r.right <= vw;
    /** Checks every control wholly on screen not checked yet; with `grace`, a control found over the site is left
     * unchecked and returned, to be checked again a moment later (`only`): the look at a control that came into view is
     * an IntersectionObserver report, which a loaded browser may deliver a few frames late — still long before a
     * person could aim at the control. */
    const checkVisible = (grace: boolean, only?: HTMLElement[]): HTMLElement[] => {
      const deferred: HTMLElement[] = [];
      const boxes: [HTMLElement, DOMRect][] = [];
      for (const h of only ?? hosts) {
        if (done.has(h) || !h.isConnected) continue;
        const r = h.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) {
          done.add(h); // in a part of the page the site keeps hidden
          continue;
        }
        if (!visible(r) || getComputedStyle(h).display === 'none') continue;
        boxes.push([h, r]);
      }
      if (boxes.length === 0) return deferred;
      const hits = new Map<HTMLElement, string[]>();
      const add = (h: HTMLElement, what: string) => {
        const list = hits.get(h) ?? [];
        list.push(what);
        hits.set(h, list);
      };
      // One walk over the page, skipping every subtree whose box lies away from all the hosts checked now.
      const union = boxes.reduce(
        (u, [, r]) => ({ left: Math.min(u.left, r.left), top: Math.min(u.top, r.top), right: Math.max(u.right, r.right), bottom: Math.max(u.bottom, r.bottom) }),
        { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity },
      );
      const near = (r: DOMRect) => r.right > union.left && r.left < union.right && r.bottom > union.top && r.top < union.bottom;
      const range = document.createRange();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode(node) {
          if (node.nodeType === 3) return NodeFilter.FILTER_ACCEPT;
          const el = node as Element;
          if (isOwn(el) || /^(script|style|noscript|template)$/i.test(el.localName)) return NodeFilter.FILTER_REJECT;
          const r = el.getBoundingClientRect();
          // An element with a box wholly away from the hosts: nothing of it (bar what overflows its box) can meet them.
          if (r.width > 0 && r.height > 0 && !near(r)) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        },
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === 3) {
          if (!n.nodeValue?.trim()) continue;
          const parent = n.parentElement!;
          range.selectNodeContents(n);
          const rects = range.getClientRects();
          for (let i = 0; i < rects.length; i++) {
            const r = rects[i]!;
            if (r.width === 0 || !near(r)) continue;
            for (const [h, hr] of boxes) {
              if (overlap(r, hr) && onTop(r, hr) && getComputedStyle(parent).visibility === 'visible' && shown(parent, r, hr)) add(h, `text "${n.nodeValue.trim().slice(0, 16)}"`);
            }
          }
          continue;
        }
        const el = n as Element;
        if (!el.matches(SITE)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || !near(r)) continue;
        let style: CSSStyleDeclaration | null = null;
        for (const [h, hr] of boxes) {
          if (!overlap(r, hr) || !onTop(r, hr)) continue;
          style ??= getComputedStyle(el);
          if (style.visibility !== 'visible') break;
          if (!shown(el, r, hr)) continue;
          add(h, describe(el));
          if (el.matches(CONTROL)) {
            const cx = (r.left + r.right) / 2;
            const cy = (r.top + r.bottom) / 2;
            if (cx >= 0 && cy >= 0 && cx < vw && cy < vh && isOwn(document.elementFromPoint(cx, cy))) {
              out.covered++;
              add(h, `covers ${describe(el)}`);
            }
          }
        }
      }
      // Nor over another item's control: each shown control against every other one shown (a veiled one is not
      // painted).
      const ownOver = new Set<HTMLElement>();
      const shownHosts = hosts.filter((o) => o.isConnected && o.style.display !== 'none' && !o.hasAttribute('data-holdfast-veiled'));
      for (const [h, hr] of boxes) {
        if (h.hasAttribute('data-holdfast-veiled')) continue;
        for (const o of shownHosts) {
          if (o === h) continue;
          const or = o.getBoundingClientRect();
          if (or.width === 0 || !overlap(hr, or)) continue;
          // (Where both are painted: a control clipped away with its part of the page — a hidden copy of a list —
          // shows nothing.)
          const at = document.elementsFromPoint((Math.max(hr.left, or.left) + Math.min(hr.right, or.right)) / 2, (Math.max(hr.top, or.top) + Math.min(hr.bottom, or.bottom)) / 2);
          if (at.includes(h) && at.includes(o)) ownOver.add(h);
        }
      }
      for (const [h] of boxes) {
        if (grace && hits.has(h)) {
          deferred.push(h);
          continue;
        }
        done.add(h);
        out.checked++;
        if (ownOver.has(h)) out.overOwn++;
        if (h.hasAttribute('data-holdfast-veiled')) out.veiled++;
        const what = hits.get(h);
        if (!what) continue;
        out.violating++;
        const hr = h.getBoundingClientRect();
        const pr = h.parentElement?.getBoundingClientRect();
        const at = (r: DOMRect | undefined) => (r ? `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}` : '');
        if (out.samples.length < 6)
          out.samples.push(
            `${h.getAttribute('data-holdfast-capture') ?? `report:${h.getAttribute('data-holdfast-report')}`} at ${at(hr)} in ${at(pr)} over ${[...new Set(what)].slice(0, 3).join(', ')}`,
          );
      }
      return deferred;
    };
    const check = async () => {
      const again = checkVisible(true);
      if (again.length === 0) return;
      await new Promise((r) => setTimeout(r, 150));
      await frame();
      checkVisible(false, again);
    };
    // Each control not checked yet is brought to the middle of the viewport (the window or its inner scroller), and
    // every control then wholly on screen is checked.
    const settle = async () => {
      // Drawn as it nears the viewport (an IntersectionObserver report, a frame after the scroll), placed in the same
      // task; a resize is answered by a ResizeObserver in the next frame.
      await frame();
      await frame();
    };
    window.scrollTo(0, 0);
    await settle();
    await check();
    for (const h of hosts) {
      if (done.has(h)) continue;
      h.scrollIntoView({ block: 'center', inline: 'nearest' });
      await settle();
      await check();
      done.add(h);
    }
    return out;
  });
}

/** The open menu's entries as a screen reader gets them (Chromium's accessibility tree; the shadow root is closed). */
async function expectMenuItems(page: Page): Promise<void> {
  const snapshot = await page.accessibility.snapshot({ interestingOnly: true });
  const items: string[] = [];
  const walk = (n: { role?: string; name?: string; children?: unknown[] } | null | undefined) => {
    if (!n) return;
    if (n.role === 'menuitem' && n.name) items.push(n.name);
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
  };
  walk(snapshot as never);
  expect(items).toEqual(['Capture this', 'Capture the post with all replies', 'Capture and report this post']);
}

for (const browserName of browsersUnderTest()) {
  describe(`controls cover nothing of the site — ${browserName}`, () => {
    let server: ReplicaServer;
    let harness: Harness;
    let page: Page;

    beforeAll(async () => {
      server = await startReplicaServer();
      harness = await launch(browserName, server, 'test-grant');
      page = await harness.newPage();
    });
    afterAll(async () => {
      await harness?.close();
      await server?.close();
    });

    it('has pages with capture targets', () => {
      expect(pages.length).toBeGreaterThan(40);
    });

    it('the item control\'s menu by keyboard: ArrowDown opens it, arrows move, Escape closes and returns focus; Enter chooses', async () => {
      const status = pages.find((p) => p.name === 'x.com/status');
      expect(status).toBeDefined();
      await page.setViewport(SIZES[2]!);
      await page.goto(status!.url, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('[data-holdfast-capture="post"]').length > 0, { timeout: 10_000, polling: 50 });
      const host = (await page.$('[data-holdfast-capture="post"]'))!;
      await host.scrollIntoView();
      await host.focus();
      await page.keyboard.press('ArrowDown');
      await page.waitForSelector('[data-holdfast-menu]', { timeout: 5000 });
      // The menu's shadow root is closed: what the person gets is read from where focus is and from the accessibility tree.
      if (browserName === 'chromium') await expectMenuItems(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('[data-holdfast-menu]'), { timeout: 5000 });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-holdfast-capture'))).toBe('post');
      // Enter on the first entry captures the item, as the control itself does.
      const before = await page.evaluate(() => Number(document.querySelector('[data-holdfast-toast]')?.getAttribute('data-holdfast-toast-n') ?? 0));
      await page.keyboard.press('ArrowDown');
      await page.waitForSelector('[data-holdfast-menu]', { timeout: 5000 });
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (n) => {
          const t = document.querySelector('[data-holdfast-toast]');
          return Number(t?.getAttribute('data-holdfast-toast-n') ?? 0) > n && /^ok/.test(t?.getAttribute('data-holdfast-toast') ?? '');
        },
        { timeout: 30_000, polling: 50 },
        before,
      );
    });

    it('a collapsed group keeps its report control pressable: shown while the item\'s control is hovered, and its press reports (a capture follows)', async () => {
      // At 360 px some item's group does not fit and collapses (its report host waits, display none, under the item's
      // control): found on the first of these pages that has one.
      await page.setViewport(SIZES[0]!);
      let found = '';
      for (const name of ['x.com/status', 'x.com/home', 'www.instagram.com/post', 'x.com/profile', 'www.instagram.com/carousel', 'www.facebook.com/permalink']) {
        const p = pages.find((q) => q.name === name);
        if (!p) continue;
        await page.goto(p.url, { waitUntil: 'load' });
        await page.waitForFunction(() => document.querySelectorAll('[data-holdfast-report]').length > 0, { timeout: 5000, polling: 50 }).catch(() => undefined);
        // Every control drawn and placed (they are drawn as they near the viewport).
        const marked = await page.evaluate(async () => {
          const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
          for (const h of document.querySelectorAll('[data-holdfast-capture]')) {
            h.scrollIntoView({ block: 'center' });
            await frame();
            await frame();
            const report = h.nextElementSibling;
            if (report?.hasAttribute('data-holdfast-report') && (report as HTMLElement).style.display === 'none') {
              report.setAttribute('data-place-test', 'collapsed');
              return true;
            }
          }
          return false;
        });
        if (marked) {
          found = name;
          break;
        }
      }
      expect(found, 'a page whose group collapses at 360 px').not.toBe('');
      const report = (await page.$('[data-place-test="collapsed"]'))!;
      const item = (await report.evaluateHandle((r) => r.previousElementSibling!)) as unknown as import('puppeteer-core').ElementHandle<Element>;
      // Not pressable while nothing asks for it (it never sits over the site) …
      expect(await report.evaluate((r) => (r as HTMLElement).style.display)).toBe('none');
      // … shown while the item's control is hovered, and while focused.
      await item.hover();
      await page.waitForFunction(() => (document.querySelector('[data-place-test="collapsed"]') as HTMLElement).style.display === 'block', { timeout: 5000, polling: 50 });
      const before = await page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);
      await report.click();
      const option = await page.waitForSelector('[data-testid="holdfast-report-abuse"][data-abuse="harassment"]', { timeout: 5000 });
      await option!.click();
      const code = await page.waitForFunction(
        (sel, n) => {
          const t = document.querySelector(sel);
          const c = t?.getAttribute('data-holdfast-toast') ?? '';
          return Number(t?.getAttribute('data-holdfast-toast-n') ?? 0) > n && c.startsWith('report:') ? c : false;
        },
        { timeout: 30_000, polling: 50 },
        TOAST,
        before,
      );
      expect(await code.jsonValue()).toBe('report:ok');
      // Pointer and focus gone: hidden again. Chromium only for now: in Firefox (puppeteer over BiDi) the group stayed
      // shown after the pointer moved away and focus went elsewhere (a known gap, not yet understood).
      if (browserName !== 'chromium') return;
      await page.mouse.move(1, 1);
      // (Focus moved to a button of the test's own: blur() on a host whose focus is inside its shadow root is not
      // honoured the same way in both browsers.)
      await page.evaluate(() => {
        const b = document.createElement('button');
        document.body.append(b);
        b.focus();
        b.remove();
      });
      await page.waitForFunction(() => (document.querySelector('[data-place-test="collapsed"]') as HTMLElement).style.display === 'none', { timeout: 5000, polling: 50 });
      // Keyboard: focusing the item's control shows it too.
      await item.focus();
      await page.waitForFunction(() => (document.querySelector('[data-place-test="collapsed"]') as HTMLElement).style.display === 'block', { timeout: 5000, polling: 50 });
    });

    it('with nowhere free, an item control waits veiled: not painted, takes no press; shown while its item is hovered or focus is in it', async () => {
      // A real-structure X profile saved without its style sheets, at 360 px: rows laid at fixed offsets run several
      // deep over one another, and some posts have no spot free of the site in them, beside them or on a line made for
      // their controls.
      const p = pages.find((x) => x.name === 'real/x.com/x-profile-en-2024-logged-out')!;
      await page.bringToFront();
      if (p.file) pinRealPage(p.url, p.file);
      await page.setViewport(SIZES[0]!);
      await page.goto(p.url, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('[data-holdfast-capture="post"]').length > 0, { timeout: 10_000, polling: 50 });
      const found = await page.evaluate(async () => {
        const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        for (const h of document.querySelectorAll<HTMLElement>('[data-holdfast-capture="post"]')) {
          h.scrollIntoView({ block: 'center' });
          for (let i = 0; i < 6 && !h.hasAttribute('data-holdfast-veiled'); i++) await frame();
          if (h.hasAttribute('data-holdfast-veiled')) {
            h.setAttribute('data-place-test', 'veiled');
            return true;
          }
        }
        return false;
      });
      expect(found, 'a post whose control waits veiled at 360 px').toBe(true);
      const host = (await page.$('[data-place-test="veiled"]'))!;
      const state = () =>
        host.evaluate((h) => {
          const r = h.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { clip: (h as HTMLElement).style.clipPath, onTop: top === h || !!top?.closest('[data-holdfast-capture]') };
        });
      // At rest: clipped away, and a press at its spot reaches the site, not Holdfast.
      await page.mouse.move(1, 1);
      await page.waitForFunction(() => (document.querySelector('[data-place-test="veiled"]') as HTMLElement).style.clipPath !== '', { timeout: 5000, polling: 50 });
      expect(await state()).toEqual({ clip: 'inset(50%)', onTop: false });
      // The pointer on the item: shown, and what is painted at its middle (a press lands on it).
      const box = (await host.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForFunction(() => (document.querySelector('[data-place-test="veiled"]') as HTMLElement).style.clipPath === '', { timeout: 5000, polling: 50 });
      expect(await state()).toEqual({ clip: '', onTop: true });
      // Pointer gone: veiled again (Chromium only, as above: Firefox over BiDi kept hover after the pointer left).
      if (browserName === 'chromium') {
        await page.mouse.move(1, 1);
        await page.waitForFunction(() => (document.querySelector('[data-place-test="veiled"]') as HTMLElement).style.clipPath === 'inset(50%)', { timeout: 5000, polling: 50 });
        // Keyboard: it is still in the tab order; focus on it shows it.
        await host.focus();
        await page.waitForFunction(() => (document.querySelector('[data-place-test="veiled"]') as HTMLElement).style.clipPath === '', { timeout: 5000, polling: 50 });
        expect((await state()).onTop).toBe(true);
      }
    });

    it('a control the pointer is on stays where it is while the site changes under it, and moves once the pointer leaves', async () => {
      const status = pages.find((p) => p.name === 'x.com/status')!;
      // (The test before opened the platform's report page in a tab of its own: this one must be in front, painted.)
      await page.bringToFront();
      await page.setViewport(SIZES[2]!);
      await page.goto(status.url, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('[data-holdfast-capture="post"]').length > 0, { timeout: 10_000, polling: 50 });
      const host = (await page.$('[data-holdfast-capture="post"]'))!;
      const settled = await settleInView(host);
      const dbg = await host.evaluate((h) => JSON.stringify(h.getBoundingClientRect()));
      expect(settled, dbg).toBe(true);
      const boxOf = () => host.evaluate((h) => JSON.stringify(h.getBoundingClientRect()));
      const at = await boxOf();
      await host.hover();
      // The site puts a link of its own where the control is and its item narrows (its controls are placed again).
      await host.evaluate((h) => {
        const item = h.closest('article') ?? h.parentElement!;
        const r = h.getBoundingClientRect();
        const i = item.getBoundingClientRect();
        const a = document.createElement('a');
        a.href = '#new';
        a.textContent = 'new link';
        a.setAttribute('data-place-test', 'link');
        a.style.cssText = `position:absolute;left:${r.left - i.left}px;top:${r.top - i.top}px;width:${r.width}px;height:${r.height}px;display:block;background:#eee`;
        if (getComputedStyle(item).position === 'static') (item as HTMLElement).style.position = 'relative';
        item.append(a);
        // (A change of width: what makes the controls of an item be placed again.)
        (item as HTMLElement).style.width = `${i.width - 6}px`;
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(await boxOf(), 'moved from under the pointer').toBe(at);
      // The pointer leaves: the control goes to a spot the new link leaves free.
      await page.mouse.move(1, 1);
      await page.waitForFunction((before) => JSON.stringify(document.querySelector('[data-holdfast-capture="post"]')!.getBoundingClientRect()) !== before, { timeout: 5000, polling: 50 }, at);
    });

    it(`every page at ${SIZES.map((s) => s.name).join(', ')}: no control over a link, button, input, image or text of the site, nor over another item's control`, async () => {
      // The report test above opened the platform's route in a new tab: the page must be the one in front again (a
      // tab behind another gets no animation frames, and the sweep waits for them).
      for (const other of await harness.browser.pages()) if (other !== page) await other.close().catch(() => undefined);
      await page.bringToFront();
      const totals = { pages: 0, checks: 0, controls: 0, veiled: 0, violating: 0, covered: 0, overOwn: 0 };
      const overOwnAt: string[] = [];
      const report: string[] = [];
      const veiledAt: string[] = [];
      const timing: string[] = [];
      for (const p of pages) {
        const t0 = Date.now();
        if (p.file) pinRealPage(p.url, p.file);
        await page.setViewport(SIZES[2]!);
        await page.goto(p.url, { waitUntil: 'load' });
        await page
          .waitForFunction(() => document.querySelectorAll('[data-holdfast-capture]').length > 0, { timeout: 5000, polling: 50 })
          .catch(() => undefined);
        totals.pages++;
        for (const size of SIZES) {
          await page.setViewport(size);
          const s = await sweep(page);
          totals.checks++;
          totals.controls += s.checked;
          totals.veiled += s.veiled;
          totals.violating += s.violating;
          totals.covered += s.covered;
          if (s.veiled) veiledAt.push(`${p.name} @${size.name}: ${s.veiled}`);
          totals.overOwn += s.overOwn;
          if (s.overOwn) overOwnAt.push(`${p.name} @${size.name}: ${s.overOwn}`);
          if (s.violating) report.push(`${p.name} @${size.name}: ${s.violating}/${s.checked} — ${s.samples.join('; ')}`);
        }
        timing.push(`${p.name} ${Date.now() - t0}ms`);
        if (process.env.HOLDFAST_PLACE_TIMING) process.stderr.write(`${timing[timing.length - 1]}\n`);
      }
      console.log(
        `place (${browserName}): ${totals.pages} pages × ${SIZES.length} sizes = ${totals.checks} checks, ${totals.controls} controls checked (${totals.veiled} veiled: nowhere free), ${totals.violating} over site content, ${totals.covered} site controls covered at their centre`,
      );
      if (veiledAt.length) console.log(`veiled: ${veiledAt.join('; ')}`);
      // Nor over another item's control. At c2d232a (both browsers at once: Chromium 25 of 2,638, Firefox 23 of 2,651;
      // its CI: 43 and 16) the search for a free spot saw through Holdfast's own controls, so a tile's control put
      // beside it landed on the next tile's; and the Instagram DM replica, which builds older rows by cloning a row on
      // the page, copied the controls in it: empty hosts, left where the original had been placed.
      console.log(`place (${browserName}): ${totals.overOwn} controls over another item's control${overOwnAt.length ? ` — ${overOwnAt.join('; ')}` : ''}`);
      if (report.length) console.log(report.join('\n'));
      expect(totals.controls).toBeGreaterThan(totals.pages * SIZES.length);
      // Where nothing in or beside an item is free, its controls get a line of their own in the item's flow; a group
      // placed off screen is looked at again once in view; and where even then the page shows something at every spot
      // in view (real-structure X and Instagram pages saved without their style sheets, whose rows keep the fixed
      // offsets of a virtualised feed, so that one post is drawn over the next several; a replica column squeezed to
      // 32 px at 360 px), the item's control waits veiled: clipped away, shown while its item is hovered or focused
      // (the test above).
      // Measured (controls over the site / checked; site controls covered at their centre):
      // - at 2279695 (fixed offsets), Chromium: 2,180 / 3,018 (476 on the replicas), 198 covered;
      // - the first placement (ed43d7f): Chromium 587 / 2,435 (16 on the replicas), 10; Firefox 566 / 2,390 (21), 8;
      // - before veiling: Chromium 32 / 2,632 (0 on the replicas), 0; Firefox 64 / 2,635 (1), 0;
      // - with veiling (c1fbe26): Chromium 0 / 2,626; Firefox 3 / 2,647, all on an Italian X search page at 200 %: a
      //   look run after the page had scrolled on (it saw the control off screen, so nothing over it), and a line of
      //   text one pixel into the control that the look's points missed;
      // - now, both browsers at once on 2 cores: Chromium 0 / 2,634 (88 veiled), Firefox 0 / 2,634 (71 veiled), 0.
      expect(report, 'controls over a link, button, input, image or text of the site').toEqual([]);
      expect(totals.covered, 'site controls covered at their centre').toBe(0);
      expect(overOwnAt, "controls over another item's control").toEqual([]);
    }, 600_000);
  });
}
