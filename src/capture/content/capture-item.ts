/**
 * One click → one capture: extract (adapter, or generic with a warning), snapshot the HTML, frame the item,
 * hide our controls, ask the background to image + store it, tell the person what happened.
 * Never throws into the page; every click ends in a toast.
 */
import type { ExtractedContent, ItemKind } from '../../model/evidence';
import type { CaptureResult, ItemCapturePayload } from '../../messaging/protocol';
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { genericExtract } from '../generic';
import { frameItem, itemHtml, localOffset, nextPaint, pageHtml, viewportSize } from './snapshot';

export const RENDER_TOKEN_ATTR = 'data-holdfast-render';

export interface CaptureDeps {
  send(payload: ItemCapturePayload): Promise<CaptureResult>;
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
