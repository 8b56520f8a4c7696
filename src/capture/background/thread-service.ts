/**
 * The background side of whole-thread capture (issue #4): one session per running capture, fed by the content
 * script's 'thread:segment' messages. Entries are de-duplicated by key as they arrive; each requested screen is
 * captured (rate-limited, screenshot.ts), cropped to the thread's scroller, trimmed of what the picture already
 * holds and drawn into the current segment canvas; a full segment is encoded to PNG at once and the canvas freed,
 * so at most one raw segment is in memory. 'thread:finish' writes the record and every artifact in ONE vault call.
 */
import type { Browser } from 'wxt/browser';
import type { CaptureResult, ThreadBeginPayload, ThreadEntryPayload, ThreadFinishPayload, ThreadSegmentResult, ThreadShotRequest } from '../../messaging/protocol';
import { VaultError } from '../../vault/api';
import { captureVisible, PermissionMissing } from './screenshot';
import type { CaptureServiceDeps } from './service';
import { buildThreadCapture, newPart, type StitchedImage } from './thread-record';

type Sender = Browser.runtime.MessageSender;

/** Tallest segment (device px): one raw canvas of this height is the most image memory held at a time. */
export const SEGMENT_MAX_PX = 4096;
/** The composite is made only when the whole picture is at most this tall (device px). */
export const COMPOSITE_MAX_PX = 16_384;
/** A session nobody finishes (tab closed, content script gone) is dropped after this long without a message. */
const IDLE_MS = 5 * 60_000;

interface Session {
  id: string;
  tabId: number;
  windowId?: number;
  begin: ThreadBeginPayload;
  entries: Map<string, ThreadEntryPayload>;
  segments: StitchedImage[];
  canvas: OffscreenCanvas | null;
  ctx: OffscreenCanvasRenderingContext2D | null;
  fill: number;
  width: number;
  covered: number;
  screens: number;
  scale: number;
  viewport?: { width: number; height: number };
  shotsOff?: string;
  touched: number;
}

const sessions = new Map<string, Session>();

function sweep(): void {
  const now = Date.now();
  for (const [id, s] of sessions) if (now - s.touched > IDLE_MS) sessions.delete(id);
}

export function threadBegin(payload: ThreadBeginPayload, sender: Sender): { ok: true; session: string } | { ok: false; code: 'invalid'; message: string } {
  sweep();
  const tab = sender.tab;
  if (tab?.id === undefined) return { ok: false, code: 'invalid', message: 'Whole-thread capture needs a tab.' };
  if (payload?.kind !== 'dm-thread' && payload?.kind !== 'post' && payload?.kind !== 'profile') return { ok: false, code: 'invalid', message: 'Unknown thread kind.' };
  const id = crypto.randomUUID();
  sessions.set(id, {
    id,
    tabId: tab.id,
    ...(tab.windowId !== undefined ? { windowId: tab.windowId } : {}),
    begin: payload,
    entries: new Map(),
    segments: [],
    canvas: null,
    ctx: null,
    fill: 0,
    width: 0,
    covered: 0,
    screens: 0,
    scale: 1,
    touched: Date.now(),
  });
  return { ok: true, session: id };
}

function sessionFor(id: string, sender: Sender): Session | undefined {
  const s = sessions.get(id);
  if (!s || s.tabId !== sender.tab?.id) return undefined;
  s.touched = Date.now();
  return s;
}

async function encode(canvas: OffscreenCanvas, width: number, height: number): Promise<StitchedImage> {
  let source = canvas;
  if (canvas.height !== height) {
    source = new OffscreenCanvas(width, height);
    source.getContext('2d')?.drawImage(canvas, 0, 0, width, height, 0, 0, width, height);
  }
  const blob = await source.convertToBlob({ type: 'image/png' });
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
}

async function closeSegment(s: Session): Promise<void> {
  if (s.canvas && s.fill > 0) s.segments.push(await encode(s.canvas, s.width, s.fill));
  s.canvas = null;
  s.ctx = null;
  s.fill = 0;
}

async function addScreen(s: Session, shot: ThreadShotRequest, sender: Sender): Promise<void> {
  if (!sender.tab?.active) throw new Error('The tab was not in front, so its screen could not be captured.');
  const png = await captureVisible(s.windowId);
  const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
  try {
    const scale = shot.viewport.width > 0 ? bitmap.width / shot.viewport.width : shot.devicePixelRatio;
    s.scale = scale;
    s.viewport = shot.viewport;
    s.screens++;
    const { skip, take } = newPart(s.covered, shot.scrollTop, shot.rect.height);
    s.covered = Math.max(s.covered, shot.scrollTop + shot.rect.height);
    if (take <= 0) return;
    const sx = Math.max(0, Math.floor(shot.rect.x * scale));
    const sy = Math.max(0, Math.floor((shot.rect.y + skip) * scale));
    const sw = Math.max(1, Math.min(bitmap.width - sx, Math.round(shot.rect.width * scale)));
    const sh = Math.max(1, Math.min(bitmap.height - sy, Math.round(take * scale), SEGMENT_MAX_PX));
    if (s.canvas && (s.fill + sh > SEGMENT_MAX_PX || sw !== s.width)) await closeSegment(s);
    if (!s.canvas) {
      s.width = sw;
      s.canvas = new OffscreenCanvas(sw, SEGMENT_MAX_PX);
      s.ctx = s.canvas.getContext('2d');
      if (!s.ctx) throw new Error('No 2D canvas available to stitch the screenshot');
    }
    s.ctx?.drawImage(bitmap, sx, sy, sw, sh, 0, s.fill, sw, sh);
    s.fill += sh;
  } finally {
    bitmap.close();
  }
}

export async function threadSegment(msg: { session: string; entries: ThreadEntryPayload[]; shot?: ThreadShotRequest }, sender: Sender): Promise<ThreadSegmentResult> {
  const s = sessionFor(msg.session, sender);
  if (!s) return { ok: false, code: 'interrupted', message: 'This capture is no longer running (Holdfast restarted?).' };
  for (const e of msg.entries ?? []) if (e && typeof e.key === 'string' && e.content && !s.entries.has(e.key)) s.entries.set(e.key, e);
  if (!msg.shot) return { ok: true, shot: 'none' };
  if (s.shotsOff) return { ok: true, shot: 'none', message: s.shotsOff };
  try {
    await addScreen(s, msg.shot, sender);
    return { ok: true, shot: 'pixel' };
  } catch (err) {
    s.shotsOff =
      err instanceof PermissionMissing
        ? 'No stitched screenshot: exact screenshots are not enabled (see Options); the transcript was kept.'
        : `The stitched screenshot stopped: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: true, shot: 'none', message: s.shotsOff };
  }
}

async function composite(segments: StitchedImage[]): Promise<StitchedImage | undefined> {
  if (segments.length === 0) return undefined;
  if (segments.length === 1) return segments[0];
  const width = Math.max(...segments.map((g) => g.width));
  const height = segments.reduce((n, g) => n + g.height, 0);
  if (height > COMPOSITE_MAX_PX) return undefined;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  let y = 0;
  for (const g of segments) {
    const bmp = await createImageBitmap(new Blob([g.bytes as BlobPart], { type: 'image/png' }));
    ctx.drawImage(bmp, 0, y);
    y += g.height;
    bmp.close();
  }
  return encode(canvas, width, height);
}

export async function threadFinish(deps: CaptureServiceDeps, msg: ThreadFinishPayload, sender: Sender): Promise<CaptureResult> {
  const s = sessionFor(msg.session, sender);
  if (!s) return { ok: false, code: 'interrupted', message: 'This capture is no longer running (Holdfast restarted?); nothing was stored.' };
  const capturedAt = new Date().toISOString();
  try {
    if (!msg.head || !Array.isArray(msg.order)) return { ok: false, code: 'invalid', message: 'The capture request was incomplete.' };
    await closeSegment(s);
    const whole = await composite(s.segments);
    const totalHeight = s.segments.reduce((n, g) => n + g.height, 0);
    const note = s.shotsOff ?? (s.segments.length > 1 && !whole ? `The stitched screenshot is ${totalHeight} px tall, too tall for one image: it is kept as ${s.segments.length} segments, top to bottom.` : undefined);
    const { record, artifacts } = buildThreadCapture(
      {
        begin: s.begin,
        finish: msg,
        entries: s.entries,
        segments: s.segments,
        ...(whole ? { composite: whole } : {}),
        screens: s.screens,
        ...(note ? { screenshotNote: note } : {}),
        devicePixelRatio: s.scale,
        ...(s.viewport ? { viewport: s.viewport } : {}),
      },
      await deps.tool(),
      capturedAt,
    );
    await deps.beforeWrite?.();
    const stored = await (await deps.vault()).addRecord(record, artifacts);
    sessions.delete(s.id);
    return { ok: true, recordId: stored.id, seq: stored.seq, screenshot: stored.screenshot.method, extraction: stored.extraction.method, warnings: stored.extraction.warnings };
  } catch (err) {
    sessions.delete(s.id);
    if (err instanceof VaultError && err.code === 'quota') return { ok: false, code: 'quota', message: err.message };
    return { ok: false, code: 'unknown', message: err instanceof Error ? err.message : String(err) };
  }
}

export function threadAbort(msg: { session: string }, sender: Sender): { ok: true } {
  if (sessionFor(msg.session, sender)) sessions.delete(msg.session);
  return { ok: true };
}

/** For the benchmark and tests: how many sessions are open and how much they hold. */
export function threadSessionStats(): { sessions: number; entries: number; segmentBytes: number } {
  let entries = 0;
  let segmentBytes = 0;
  for (const s of sessions.values()) {
    entries += s.entries.size;
    segmentBytes += s.segments.reduce((n, g) => n + g.bytes.byteLength, 0);
  }
  return { sessions: sessions.size, entries, segmentBytes };
}
