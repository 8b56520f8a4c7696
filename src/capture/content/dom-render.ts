/**
 * The fallback picture: re-draws the marked element from its DOM (modern-screenshot, SVG foreignObject).
 * It never fetches: images are taken from the ones already loaded in the page when the browser lets us
 * read them, else replaced by a placeholder, and the record says so.
 */
import { domToPng, type Options } from 'modern-screenshot';
import { browser } from 'wxt/browser';
import type { AnyContentMessage } from '../../messaging/protocol';
import { RENDER_TOKEN_ATTR } from './capture-item';
import { OWN_ELEMENTS_SELECTOR } from './ui-elements';

const PLACEHOLDER = 'data:image/gif;base64,R0lGODlhAQABAIAAAMzMzAAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw==';

function inlineFromPage(url: string, missing: { count: number }): string {
  for (const img of Array.from(document.images)) {
    if (img.currentSrc !== url && img.src !== url) continue;
    if (!img.complete || img.naturalWidth === 0) break;
    try {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d')?.drawImage(img, 0, 0);
      return canvas.toDataURL('image/png');
    } catch {
      break; // cross-origin image: the canvas is tainted
    }
  }
  missing.count++;
  return PLACEHOLDER;
}

/**
 * An SVG `<use>` that points into another file (`sprite.svg#icon`): modern-screenshot would fetch that file itself
 * (a network request from Holdfast's script, to wherever the page says) and insert it as markup. Each is pointed at
 * its fragment in this document instead: drawn when the page has that symbol inline, else left empty. Works on the
 * clone, never on the page. Returns how many were changed.
 */
export function keepUseLocal(root: Node): number {
  if (!(root instanceof Element)) return 0;
  let changed = 0;
  const uses = [...(root.localName === 'use' ? [root] : []), ...Array.from(root.querySelectorAll('use'))];
  for (const use of uses) {
    for (const attr of ['href', 'xlink:href']) {
      const value = use.getAttribute(attr);
      if (value === null || value.startsWith('#')) continue;
      const hash = value.indexOf('#');
      if (hash >= 0) use.setAttribute(attr, value.slice(hash));
      else use.removeAttribute(attr);
      changed++;
    }
  }
  return changed;
}

const TRANSPARENT = /^(transparent|rgba\(\s*0\s*,\s*0\s*,\s*0\s*,\s*0\s*\))$/;

/** The colour the page shows behind its content: the body's, else the root's, else white. */
function pageBackground(): string {
  for (const el of [document.body, document.documentElement]) {
    const bg = el ? getComputedStyle(el).backgroundColor : '';
    if (bg && !TRANSPARENT.test(bg)) return bg;
  }
  return '#ffffff';
}

/**
 * One screen of a stitched picture (issue #14): the element (a thread's scroller, or the document) redrawn as it is
 * scrolled now, its whole box (the document: only the window's size; its content is shifted by the scroll offset, as
 * every scrolled element's is, modern-screenshot's restoreScrollPosition). The background cuts it to the screen's rect
 * from `origin`, the box's top-left corner in the window: copying the drawing to another canvas here would make
 * Firefox refuse to read it ("The operation is insecure").
 */
async function renderScreen(el: Element, options: Options & { scale: number }): Promise<{ dataUrl: string; origin: { x: number; y: number } }> {
  const isDocument = el === document.documentElement || el === document.body;
  const vw = document.documentElement.clientWidth || innerWidth;
  const vh = document.documentElement.clientHeight || innerHeight;
  const box = isDocument ? { left: 0, top: 0 } : el.getBoundingClientRect();
  const dataUrl = await domToPng(isDocument ? document.documentElement : el, {
    ...options,
    features: { restoreScrollPosition: true },
    // The copy must not draw scroll bars of its own (a blank band along its bottom edge in every screen), and is opaque
    // (the page's own background shows where the element has none) so the screens join into one opaque picture.
    style: { overflow: 'hidden' },
    backgroundColor: pageBackground(),
    ...(isDocument ? { width: vw, height: vh } : {}),
  });
  return { dataUrl, origin: { x: box.left, y: box.top } };
}

export function startDomRenderer(): void {
  const flag = '__holdfastDomRenderer';
  const g = globalThis as unknown as Record<string, boolean>;
  if (g[flag]) return;
  g[flag] = true;
  browser.runtime.onMessage.addListener((raw: unknown, _sender, sendResponse: (r: unknown) => void) => {
    const msg = raw as AnyContentMessage;
    if (msg?.type !== 'render:dom') return false;
    const el = document.querySelector(`[${RENDER_TOKEN_ATTR}="${CSS.escape(msg.token)}"]`) ?? (msg.token === '' ? document.documentElement : null);
    if (!el) {
      sendResponse({ ok: false, message: 'The item is no longer on the page.' });
      return false;
    }
    const missing = { count: 0 };
    const options = {
      scale: devicePixelRatio || 1,
      // No web fonts: embedding them is the library's only other way to fetch (style sheets' @import, @font-face).
      font: false as const,
      onCloneNode: (clone: Node) => {
        keepUseLocal(clone);
      },
      filter: (node: Node) => !(node instanceof Element && node.matches(OWN_ELEMENTS_SELECTOR)),
      fetchFn: async (url: string) => (url.startsWith('data:') ? url : inlineFromPage(url, missing)),
    };
    const note = () => `redrawn from the page DOM${missing.count ? `; ${missing.count} image(s) could not be read and were replaced by a grey placeholder` : ''}`;
    (msg.screen ? renderScreen(el, options) : domToPng(el, options).then((dataUrl) => ({ dataUrl })))
      .then((drawn: { dataUrl: string; origin?: { x: number; y: number } }) => sendResponse({ ok: true, ...drawn, note: note() }))
      .catch((err: unknown) => sendResponse({ ok: false, message: String(err) }));
    return true;
  });
}
