/**
 * One click → one capture: extract (adapter, or generic with a warning), snapshot the HTML, frame the item,
 * hide our controls, ask the background to image + store it, tell the person what happened.
 * Never throws into the page; every click ends in a toast.
 */
import type { ExtractedContent, ItemKind } from '../../model/evidence';
import { sendToBackground } from '../../messaging/client';
import type { BackgroundMessages, CaptureResult, ItemCapturePayload, ItemScreenRequest, Rect, ResponseOf } from '../../messaging/protocol';
import { itemScrollPlan } from '../stitch-geometry';
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { genericExtract } from '../generic';
import { frameItem, itemHtml, localOffset, nextPaint, pageHtml, viewportSize } from './snapshot';

export const RENDER_TOKEN_ATTR = 'data-holdfast-render';

type ScreenResult = ResponseOf<BackgroundMessages, 'capture:screen'>;

export interface CaptureDeps {
  send(payload: ItemCapturePayload): Promise<CaptureResult>;
  /** One screen of a tall item (default: the background's 'capture:screen'). */
  sendScreen?(req: ItemScreenRequest): Promise<ScreenResult>;
  setControlsVisible(visible: boolean): void;
  genericWarning: string;
}

export function extractSafely(adapter: SiteAdapter | null, target: CaptureTarget, genericWarning: string): ExtractedContent {
  const url = new URL(location.href);
  if (adapter) {
    try {
      const content = adapter.extract(target, { url, document });
      if (content && typeof content === 'object') return content;
    } catch (err) {
      return genericExtract(target.element, target.kind, url, `${genericWarning} (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return genericExtract(target.element, target.kind, url, adapter ? genericWarning : undefined);
}

export async function captureTarget(
  adapter: SiteAdapter | null,
  target: CaptureTarget,
  via: ItemCapturePayload['via'],
  deps: CaptureDeps,
): Promise<CaptureResult> {
  const content = extractSafely(adapter, target, deps.genericWarning);
  let reportRoutes: ItemCapturePayload['reportRoutes'] = [];
  try {
    reportRoutes = adapter && content.method === 'adapter' ? adapter.reportRoutes(content) : [];
  } catch {
    reportRoutes = [];
  }
  const html = target.kind === 'page' ? pageHtml(document) : itemHtml(target.element);
  const token = crypto.randomUUID();
  target.element.setAttribute(RENDER_TOKEN_ATTR, token);
  deps.setControlsVisible(false);
  try {
    const { rect, clipped } = target.kind === 'page' ? { rect: { x: 0, y: 0, ...viewportSize() }, clipped: false } : await frameItem(target.element);
    await nextPaint();
    // Taller than the window: its screens are stitched into one picture first (issue #14); the background keeps it
    // under the render token for the capture below. Without exact screenshots nothing is stitched and the item is
    // redrawn whole from the page instead.
    if (clipped && target.kind !== 'page') await stitchTallItem(target.element, token, deps.sendScreen ?? ((req) => sendToBackground({ type: 'capture:screen', ...req })));
    const payload: ItemCapturePayload = {
      content,
      html,
      pageUrl: location.href,
      pageTitle: document.title,
      rect,
      viewport: viewportSize(),
      devicePixelRatio: devicePixelRatio || 1,
      clipped,
      renderToken: token,
      ...(adapter && content.method === 'adapter' ? { adapter: adapter.id, adapterVersion: adapter.version } : {}),
      reportRoutes,
      via,
      localOffset: localOffset(),
    };
    return await deps.send(payload);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The background went away (service worker stopped, extension reloaded): nothing was stored.
    return { ok: false, code: 'interrupted', message };
  } finally {
    deps.setControlsVisible(true);
    target.element.removeAttribute(RENDER_TOKEN_ATTR);
  }
}

/** The element that scrolls `el`: its nearest scrollable ancestor, else the document. */
export function scrollerOf(el: Element): Element {
  for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const oy = getComputedStyle(p).overflowY;
    if ((oy === 'auto' || oy === 'scroll' || oy === 'overlay') && p.scrollHeight > p.clientHeight + 1) return p;
  }
  return document.scrollingElement ?? document.documentElement;
}

/**
 * The top of the part of the view nothing of the site's own covers: below any fixed or sticky bar (not holding the item)
 * at the top of the view, at most half the view down.
 */
function topInset(el: Element, x: number, viewTop: number, viewBottom: number): number {
  if (typeof document.elementsFromPoint !== 'function') return viewTop;
  let top = viewTop;
  for (let bars = 0; bars < 3; bars++) {
    const hit = document.elementsFromPoint(x, top + 1)[0];
    if (!hit || el.contains(hit)) break;
    let bar: Element | null = null;
    for (let n: Element | null = hit; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      const position = getComputedStyle(n).position;
      if ((position === 'fixed' || position === 'sticky') && !n.contains(el)) {
        bar = n;
        break;
      }
    }
    const bottom = bar?.getBoundingClientRect().bottom ?? top;
    if (bottom <= top + 0.5) break;
    top = bottom;
  }
  return Math.min(top, viewTop + (viewBottom - viewTop) / 2);
}

/** The most screens one tall item is stitched from (its picture stops at ITEM_MAX_PX in the background anyway). */
export const MAX_ITEM_SCREENS = 40;

/**
 * Scrolls a tall item through the window and has each screen imaged into its picture (issue #14); the scroll position
 * is put back afterwards. Returns how many screens were taken: 0 when the first could not be (no permission for exact
 * screenshots), and then nothing was kept.
 */
export async function stitchTallItem(el: Element, token: string, send: (req: ItemScreenRequest) => Promise<ScreenResult>): Promise<number> {
  const scroller = scrollerOf(el);
  const isDocument = scroller === document.scrollingElement || scroller === document.documentElement || scroller === document.body;
  const vp = viewportSize();
  const start = scroller.scrollTop;
  const viewBox = isDocument ? { top: 0, bottom: vp.height } : scroller.getBoundingClientRect();
  const viewBottom = Math.min(vp.height, isDocument ? vp.height : Math.max(0, viewBox.top + scroller.clientTop) + scroller.clientHeight);
  let box = el.getBoundingClientRect();
  // A bar stuck to the top of the view (a site's sticky header) would cover the item in every screen: screens start below it.
  const viewTop = topInset(el, (Math.max(0, box.left) + Math.min(vp.width, box.right)) / 2, Math.max(0, viewBox.top + (isDocument ? 0 : scroller.clientTop)), viewBottom);
  box = el.getBoundingClientRect();
  const plan = itemScrollPlan(box.top - viewTop + start, box.height, viewBottom - viewTop, scroller.scrollHeight - scroller.clientHeight, MAX_ITEM_SCREENS);
  let taken = 0;
  try {
    for (const top of plan) {
      scroller.scrollTop = top;
      await nextPaint();
      const b = el.getBoundingClientRect();
      const y = Math.max(b.top, viewTop);
      const x = Math.max(0, b.left);
      const rect: Rect = { x, y, width: Math.max(0, Math.min(vp.width, b.right) - x), height: Math.max(0, Math.min(b.bottom, viewBottom) - y) };
      if (rect.height <= 0 || rect.width <= 0) continue;
      // The window's whole width, scroll bar included, as the browser's screenshot has it (its width over this is the scale).
      const res = await send({ token, rect, offset: y - b.top, viewport: { width: innerWidth || vp.width, height: innerHeight || vp.height }, devicePixelRatio: devicePixelRatio || 1 });
      // A screen that failed drops the stitch in the background: the capture goes on as if none was taken.
      if (!res.ok) return 0;
      taken++;
    }
  } finally {
    scroller.scrollTop = start;
    await nextPaint();
  }
  return taken;
}

/** Holdfast's own whole-page target (toolbar, shortcut, redesign fallback): always generic extraction. */
const PAGE_TARGETS = new WeakSet<CaptureTarget>();
export function pageTarget(): CaptureTarget {
  const target: CaptureTarget = { element: document.documentElement, kind: 'page' as ItemKind };
  PAGE_TARGETS.add(target);
  return target;
}
export function isPageTarget(target: CaptureTarget): boolean {
  return PAGE_TARGETS.has(target);
}
