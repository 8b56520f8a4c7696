/** Reading an item's box, HTML and the clock, right before a capture. Pure DOM; no extension API. */
import type { Rect } from '../../messaging/protocol';
import { OWN_ELEMENTS_SELECTOR } from './ui-elements';

const MAX_HTML = 20 * 1024 * 1024;

/** The element's HTML as it is in the page, with Holdfast's own controls removed. */
export function itemHtml(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const own of Array.from(clone.querySelectorAll(OWN_ELEMENTS_SELECTOR))) own.remove();
  const html = clone.outerHTML;
  return html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
}

/** The full page's HTML (doctype included), our controls removed. */
export function pageHtml(doc: Document): string {
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>\n` : '';
  return doctype + itemHtml(doc.documentElement);
}

export function localOffset(date = new Date()): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function viewportSize(): { width: number; height: number } {
  return { width: document.documentElement.clientWidth || innerWidth, height: document.documentElement.clientHeight || innerHeight };
}

/** Bring the item into view (centred when it fits) and return its box clipped to the viewport. */
export async function frameItem(el: Element): Promise<{ rect: Rect; clipped: boolean }> {
  const vp = viewportSize();
  let box = el.getBoundingClientRect();
  const fits = box.height <= vp.height && box.width <= vp.width;
  const visible = box.top >= 0 && box.left >= 0 && box.bottom <= vp.height && box.right <= vp.width;
  if (!visible) {
    el.scrollIntoView({ block: fits ? 'center' : 'start', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    await nextPaint();
    box = el.getBoundingClientRect();
  }
  const x = Math.max(0, box.left);
  const y = Math.max(0, box.top);
  const right = Math.min(vp.width, box.right);
  const bottom = Math.min(vp.height, box.bottom);
  const rect = { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
  const clipped = rect.width + 1 < box.width || rect.height + 1 < box.height;
  return { rect, clipped };
}

/** Resolves after the next frame has been painted. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.visibilityState !== 'visible') {
      setTimeout(resolve, 50);
      return;
    }
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  });
}
