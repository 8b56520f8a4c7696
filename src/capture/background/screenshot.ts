/**
 * Pixel screenshots: `tabs.captureVisibleTab`, rate-limited (Chromium allows about two calls a second),
 * cropped to the item at the device pixel ratio with OffscreenCanvas (works in an MV3 service worker and in
 * Firefox's background page). No network: data URLs are decoded by hand, never fetched.
 */
import { browser } from 'wxt/browser';
import type { Rect } from '../../messaging/protocol';

const MIN_INTERVAL_MS = 550;
let lastCall = 0;
let queue: Promise<unknown> = Promise.resolve();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function dataUrlToBytes(dataUrl: string): { bytes: Uint8Array; mediaType: string } {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(5, comma);
  const mediaType = header.split(';')[0] || 'application/octet-stream';
  const body = dataUrl.slice(comma + 1);
  if (!header.includes(';base64')) return { bytes: new TextEncoder().encode(decodeURIComponent(body)), mediaType };
  const bin = atob(body);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return { bytes, mediaType };
}

export class PermissionMissing extends Error {}

/** Captures the visible area of the window's active tab. Serialised and spaced to respect the browser's rate limit. */
export function captureVisible(windowId: number | undefined): Promise<Uint8Array> {
  const job = queue.then(async () => {
    for (let attempt = 0; ; attempt++) {
      const wait = lastCall + MIN_INTERVAL_MS - Date.now();
      if (wait > 0) await sleep(wait);
      lastCall = Date.now();
      try {
        const dataUrl =
          windowId === undefined
            ? await browser.tabs.captureVisibleTab({ format: 'png' })
            : await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
        return dataUrlToBytes(dataUrl).bytes;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (/permission|activeTab|<all_urls>|Missing host/i.test(message)) throw new PermissionMissing(message);
        // MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND and transient failures: back off and retry.
        if (attempt >= 4) throw err;
        await sleep(MIN_INTERVAL_MS * (attempt + 1));
      }
    }
  });
  queue = job.catch(() => undefined);
  return job;
}

/** Crops a PNG to a CSS-pixel rect scaled by the device pixel ratio (measured from the image itself when possible). */
export async function cropPng(png: Uint8Array, rect: Rect, viewport: { width: number; height: number }, dpr: number): Promise<{ bytes: Uint8Array; scale: number }> {
  const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
  try {
    // The image's width over the viewport's CSS width is the real scale (dpr × zoom); fall back to dpr.
    const scale = viewport.width > 0 ? bitmap.width / viewport.width : dpr;
    const sx = Math.max(0, Math.floor(rect.x * scale));
    const sy = Math.max(0, Math.floor(rect.y * scale));
    const sw = Math.max(1, Math.min(bitmap.width - sx, Math.ceil(rect.width * scale)));
    const sh = Math.max(1, Math.min(bitmap.height - sy, Math.ceil(rect.height * scale)));
    const canvas = new OffscreenCanvas(sw, sh);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas available to crop the screenshot');
    ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, sw, sh);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), scale };
  } finally {
    bitmap.close();
  }
}

export async function hasAllUrls(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: ['<all_urls>'] });
  } catch {
    return false;
  }
}
