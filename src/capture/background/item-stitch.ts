/**
 * The picture of an item taller than the window (issue #14): the content script scrolls the item through the window
 * and asks for each screen ('capture:screen'); each is captured (rate-limited, screenshot.ts), cut to the item's part
 * not yet in the picture (stitch-geometry.ts) and its rows streamed into one PNG (png-stream.ts), so only one screen
 * is ever decoded. The 'capture:item' that follows with the same render token takes the finished picture
 * (service.ts takeScreenshot). Without the permission for exact screenshots the first screen says so, and the item
 * is redrawn whole from the page instead (the DOM renderer draws parts outside the window too).
 */
import type { Browser } from 'wxt/browser';
import type { ItemScreenRequest } from '../../messaging/protocol';
import { screenCrop } from '../stitch-geometry';
import { PngStreamWriter } from './png-stream';
import { captureVisible, PermissionMissing } from './screenshot';

type Sender = Browser.runtime.MessageSender;

/** The tallest stitched item picture, device px (COMPOSITE_MAX_PX of the whole-thread picture). */
export const ITEM_MAX_PX = 16_384;
/** A stitch nobody collects within this time (the tab went away mid-capture) is dropped. */
const STALE_MS = 120_000;

interface ItemStitch {
  writer: PngStreamWriter | null;
  covered: number;
  screens: number;
  scale: number;
  capped: boolean;
  touched: number;
}

const stitches = new Map<string, ItemStitch>();
const keyOf = (tabId: number, token: string) => `${tabId}\u0000${token}`;

function sweep(now: number): void {
  for (const [key, st] of stitches) {
    if (now - st.touched > STALE_MS) {
      st.writer?.abort();
      stitches.delete(key);
    }
  }
}

/** One screen of a tall item into its picture. `permission: true` when exact screenshots are not enabled. */
export async function itemScreen(req: ItemScreenRequest, sender: Sender): Promise<{ ok: true } | { ok: false; permission: boolean; message: string }> {
  const tab = sender.tab;
  sweep(Date.now());
  if (tab?.id === undefined || typeof req?.token !== 'string' || !req.token || !req.rect || !req.viewport || !Number.isFinite(req.offset)) return { ok: false, permission: false, message: 'The screen request was incomplete.' };
  if (!tab.active) return { ok: false, permission: false, message: 'The tab was not in front, so its screen could not be captured.' };
  const key = keyOf(tab.id, req.token);
  let png: Uint8Array;
  try {
    png = await captureVisible(tab.windowId);
  } catch (err) {
    drop(key);
    return { ok: false, permission: err instanceof PermissionMissing, message: err instanceof Error ? err.message : String(err) };
  }
  let st = stitches.get(key);
  if (!st) {
    st = { writer: null, covered: 0, screens: 0, scale: 1, capped: false, touched: Date.now() };
    stitches.set(key, st);
  }
  st.touched = Date.now();
  const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
  try {
    const scale = req.viewport.width > 0 ? bitmap.width / req.viewport.width : req.devicePixelRatio || 1;
    st.scale = scale;
    st.screens++;
    const room = ITEM_MAX_PX - (st.writer?.height ?? 0);
    if (room <= 0) {
      st.capped = true;
      return { ok: true };
    }
    const crop = screenCrop(st.covered, { rect: req.rect, offset: req.offset }, { x: 0, y: 0 }, scale, bitmap, room);
    if (!crop) return { ok: true };
    // The picture reached its most rows: the rest of the item is not in it.
    if (crop.sh >= room) st.capped = true;
    st.covered = crop.covered;
    st.writer ??= new PngStreamWriter(crop.sw);
    const width = st.writer.width;
    // The width is the first screen's; a screen a pixel narrower or wider (a scrollbar came or went) is fitted to it.
    const canvas = new OffscreenCanvas(width, crop.sh);
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw new Error('No 2D canvas available to stitch the picture');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, crop.sh);
    ctx.drawImage(bitmap, crop.sx, crop.sy, Math.min(crop.sw, width), crop.sh, 0, 0, Math.min(crop.sw, width), crop.sh);
    if (!(await st.writer.addRows(ctx.getImageData(0, 0, width, crop.sh).data, crop.sh))) throw new Error('The screen was not opaque.');
    return { ok: true };
  } catch (err) {
    drop(key);
    return { ok: false, permission: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    bitmap.close();
  }
}

function drop(key: string): void {
  stitches.get(key)?.writer?.abort();
  stitches.delete(key);
}

/** The finished picture of a tall item, if its screens were stitched; the stitch is gone afterwards. */
export async function takeItemStitch(tabId: number, token: string): Promise<{ png: Uint8Array; width: number; height: number; screens: number; scale: number; capped: boolean } | undefined> {
  if (!token) return undefined;
  const key = keyOf(tabId, token);
  const st = stitches.get(key);
  stitches.delete(key);
  if (!st?.writer || st.writer.height === 0) {
    st?.writer?.abort();
    return undefined;
  }
  const { width, height } = st.writer;
  return { png: await st.writer.finish(), width, height, screens: st.screens, scale: st.scale, capped: st.capped };
}

/** For tests: stitches in progress. */
export function itemStitchCount(): number {
  return stitches.size;
}
