/**
 * The fallback picture: re-draws the marked element from its DOM (modern-screenshot, SVG foreignObject).
 * It never fetches: images are taken from the ones already loaded in the page when the browser lets us
 * read them, else replaced by a placeholder, and the record says so.
 */
import { domToPng } from 'modern-screenshot';
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
    domToPng(el, {
      scale: devicePixelRatio || 1,
      font: false,
      filter: (node) => !(node instanceof Element && node.matches(OWN_ELEMENTS_SELECTOR)),
      fetchFn: async (url: string) => (url.startsWith('data:') ? url : inlineFromPage(url, missing)),
    })
      .then((dataUrl) =>
        sendResponse({
          ok: true,
          dataUrl,
          note: `redrawn from the page DOM${missing.count ? `; ${missing.count} image(s) could not be read and were replaced by a grey placeholder` : ''}`,
        }),
      )
      .catch((err: unknown) => sendResponse({ ok: false, message: String(err) }));
    return true;
  });
}
