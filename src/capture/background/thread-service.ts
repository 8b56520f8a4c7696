/**
 * The background side of whole-thread capture (issue #4): one session per running capture, fed by the content
 * script's 'thread:segment' messages, kept in the vault's staging area as it goes (thread-staging.ts).
 *
 * Memory is bounded by a batch, not by the thread: each batch of entries is staged as it arrives and dropped; each
 * requested screen is captured (rate-limited, screenshot.ts), cropped to the thread's scroller, trimmed of what the
 * picture already holds and drawn into the current segment canvas; a full segment is encoded to PNG, staged, and its
 * rows fed to the streamed composite PNG (png-stream.ts) while they are still decoded, then the canvas is freed. So at
 * most one raw segment is ever decoded, and the composite (when the whole picture fits in COMPOSITE_MAX_PX) is ready
 * when the capture ends, without decoding the segments again.
 *
 * 'thread:finish' builds the record from the staging area and writes it, its artifacts and the staged segments in
 * ONE vault transaction that also clears the staging. Stop is a finish with `partial`. 'thread:abort' discards the
 * staging. A finish whose save fails (a full disk) keeps the session and its staging for a retry (the same finish
 * again), and the person is told so. A session whose messages stop coming is kept as
 * a PARTIAL record marked 'interrupted' (recoverInterruptedThreads: at startup, and when a session goes idle). If the
 * background restarts while the tab is still capturing, the next message picks the session up from the staging area
 * (without the screenshot from then on).
 */
import { browser, type Browser } from 'wxt/browser';
import { sendToTab } from '../../messaging/client';
import type { CaptureResult, ThreadBeginPayload, ThreadEntryPayload, ThreadFinishPayload, ThreadSegmentResult, ThreadShotRequest } from '../../messaging/protocol';
import type { EvidenceRecord } from '../../model/evidence';
import { VaultError } from '../../vault/api';
import { PngStreamWriter } from './png-stream';
import { screenCrop } from '../stitch-geometry';
import { captureVisible, dataUrlToBytes, PermissionMissing } from './screenshot';
import type { CaptureServiceDeps } from './service';
import type { StitchedImage } from './thread-record';
import { COMPOSITE_MAX_PX, commitThread, isThreadMeta, recoverThread, stageThreadParts, type ThreadStagingMeta } from './thread-staging';

type Sender = Browser.runtime.MessageSender;

export { COMPOSITE_MAX_PX };
/** Tallest segment (device px): one raw canvas of this height is the most image memory held at a time. */
export const SEGMENT_MAX_PX = 4096;
/** A session without a message for this long was cut short (tab closed, content script gone, browser stopped). */
export const IDLE_MS = 5 * 60_000;

interface Session {
  id: string;
  tabId: number;
  meta: ThreadStagingMeta;
  nextFile: number;
  segments: number;
  canvas: OffscreenCanvas | null;
  ctx: OffscreenCanvasRenderingContext2D | null;
  fill: number;
  width: number;
  /** The composite, written as segments close; null once it cannot be made (too tall, widths differ, restarted). */
  composite: PngStreamWriter | null;
  compositeNote?: string;
  touched: number;
  /** Made by a finish whose save then failed, kept for the retry: the last segment (if its staging failed too) and the composite. */
  pendingSegment?: { n: number; image: StitchedImage };
  finishedComposite?: StitchedImage;
  /** Messages of one session are handled one at a time, in order. */
  queue: Promise<unknown>;
}

const sessions = new Map<string, Session>();
/** Sessions whose frame already has the DOM renderer. */
const rendererReady = new Set<string>();
let sweepTimer: ReturnType<typeof setInterval> | undefined;

function serial<T>(s: Session, job: () => Promise<T>): Promise<T> {
  const run = s.queue.then(job);
  s.queue = run.catch(() => undefined);
  return run;
}

const vaultCode = (err: unknown): string | undefined => (err instanceof VaultError || (err instanceof Error && err.name === 'VaultError') ? (err as VaultError).code : undefined);

function failure(err: unknown): { ok: false; code: 'quota' | 'unknown'; message: string } {
  if (vaultCode(err) === 'quota') return { ok: false, code: 'quota', message: (err as Error).message };
  return { ok: false, code: 'unknown', message: err instanceof Error ? err.message : String(err) };
}

function newSession(id: string, tabId: number, meta: ThreadStagingMeta): Session {
  return { id, tabId, meta, nextFile: 1, segments: 0, canvas: null, ctx: null, fill: 0, width: 0, composite: null, touched: Date.now(), queue: Promise.resolve() };
}

function watchIdle(deps: CaptureServiceDeps): void {
  if (sweepTimer !== undefined) return;
  sweepTimer = setInterval(() => {
    if (sessions.size === 0) {
      clearInterval(sweepTimer);
      sweepTimer = undefined;
      return;
    }
    void recoverInterruptedThreads(deps).catch(() => undefined);
  }, 60_000);
}

export async function threadBegin(deps: CaptureServiceDeps, payload: ThreadBeginPayload, sender: Sender): Promise<{ ok: true; session: string } | { ok: false; code: 'invalid' | 'quota' | 'unknown'; message: string }> {
  const tab = sender.tab;
  if (tab?.id === undefined) return { ok: false, code: 'invalid', message: 'Whole-thread capture needs a tab.' };
  if (payload?.kind !== 'dm-thread' && payload?.kind !== 'post' && payload?.kind !== 'profile') return { ok: false, code: 'invalid', message: 'Unknown thread kind.' };
  void recoverInterruptedThreads(deps).catch(() => undefined);
  const id = crypto.randomUUID();
  const { type: _t, ...begin } = payload as ThreadBeginPayload & { type?: string };
  const meta: ThreadStagingMeta = { kind: 'holdfast-thread', version: 1, tabId: tab.id, ...(tab.windowId !== undefined ? { windowId: tab.windowId } : {}), begin, screens: 0, covered: 0, scale: 1 };
  try {
    await (await deps.vault()).stageBegin(id, meta);
  } catch (err) {
    return failure(err);
  }
  sessions.set(id, newSession(id, tab.id, meta));
  watchIdle(deps);
  return { ok: true, session: id };
}

/** The running session of this tab, picked up from the staging area if the background restarted meanwhile. */
async function sessionFor(deps: CaptureServiceDeps, id: string, sender: Sender): Promise<Session | undefined> {
  let s = sessions.get(id);
  if (!s && typeof id === 'string') {
    const header = await (await deps.vault()).stagingSession(id).catch(() => undefined);
    if (header && isThreadMeta(header.meta) && header.meta.tabId === sender.tab?.id) {
      const meta: ThreadStagingMeta = { ...header.meta };
      meta.shotsOff ??= header.files.length || meta.screens ? "The stitched screenshot stops where Holdfast's background restarted during the capture; the transcript was kept." : undefined;
      if (meta.shotsOff === undefined) delete meta.shotsOff;
      s = newSession(id, meta.tabId, meta);
      s.nextFile = header.files.reduce((n, f) => Math.max(n, f.n), 0) + 1;
      s.segments = header.files.length;
      sessions.set(id, s);
      watchIdle(deps);
    }
  }
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

/** Feeds the closing segment's rows to the composite while they are decoded; gives the composite up when it cannot be made. */
async function feedComposite(s: Session): Promise<void> {
  if (!s.ctx) return;
  if (s.segments === 0 && !s.composite && !s.compositeNote) s.composite = new PngStreamWriter(s.width);
  const png = s.composite;
  if (!png) return;
  let why: string | undefined;
  if (png.width !== s.width) why = 'its parts differ in width';
  else if (png.height + s.fill > COMPOSITE_MAX_PX) why = undefined;
  else {
    const rows = s.ctx.getImageData(0, 0, s.width, s.fill).data;
    if (await png.addRows(rows, s.fill)) return;
    why = 'it is not opaque';
  }
  png.abort();
  s.composite = null;
  if (why) s.compositeNote = `The stitched screenshot is kept as segments, top to bottom: it could not be joined into one image (${why}).`;
}

/** Ends the current segment: its rows go to the composite, its PNG is returned for staging, the canvas is freed. */
async function closeSegment(s: Session): Promise<{ n: number; image: StitchedImage } | undefined> {
  let out: { n: number; image: StitchedImage } | undefined;
  if (s.canvas && s.fill > 0) {
    await feedComposite(s);
    out = { n: s.nextFile++, image: await encode(s.canvas, s.width, s.fill) };
    s.segments++;
  }
  s.canvas = null;
  s.ctx = null;
  s.fill = 0;
  return out;
}

/** The screen as an image: the window's pixels, or (exact screenshots off) the scroller's visible part redrawn from the page. */
async function screenImage(s: Session, shot: ThreadShotRequest, sender: Sender): Promise<{ bitmap: ImageBitmap; origin: { x: number; y: number }; scale: number }> {
  if (s.meta.picture !== 'dom-render') {
    try {
      const png = await captureVisible(s.meta.windowId);
      const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
      return { bitmap, origin: { x: 0, y: 0 }, scale: shot.viewport.width > 0 ? bitmap.width / shot.viewport.width : shot.devicePixelRatio };
    } catch (err) {
      // Without the permission for exact screenshots (the shipping model: a button inside a page grants no activeTab;
      // Chromium says so, Firefox throws "SecurityError: The operation is insecure"), the whole capture gets a redrawn
      // picture instead, labelled so: never no picture (issue #14). As for a single item, any failure of the first
      // screen falls back the same way; a later one ends the picture with a note (a picture mixing both would mislead).
      if (shot.renderToken === undefined || s.meta.screens > 0) throw err;
      s.meta.picture = 'dom-render';
    }
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('Whole-thread capture needs a tab.');
  const frameId = sender.frameId ?? 0;
  if (!rendererReady.has(s.id)) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/dom-render.js'] });
    rendererReady.add(s.id);
  }
  const res = await sendToTab(tabId, { type: 'render:dom', token: shot.renderToken ?? '', rect: shot.rect, screen: true }, frameId);
  if (!res.ok) throw new Error(res.message);
  // The renderer counts unreadable images per screen; the record says it once for the whole picture.
  if (/could not be read/.test(res.note)) s.meta.renderNote = 'redrawn from the page DOM; images that could not be read (another site\'s, which the page does not let Holdfast read) were replaced by a grey placeholder';
  const bitmap = await createImageBitmap(new Blob([dataUrlToBytes(res.dataUrl).bytes as BlobPart], { type: 'image/png' }));
  return { bitmap, origin: res.origin ?? { x: shot.rect.x, y: shot.rect.y }, scale: shot.devicePixelRatio || 1 };
}

/** Images the screen into the current segment; returns a segment that filled up on the way. */
async function addScreen(s: Session, shot: ThreadShotRequest, sender: Sender): Promise<{ n: number; image: StitchedImage } | undefined> {
  if (!sender.tab?.active) throw new Error('The tab was not in front, so its screen could not be captured.');
  const { bitmap, origin, scale } = await screenImage(s, shot, sender);
  let closed: { n: number; image: StitchedImage } | undefined;
  try {
    const m = s.meta;
    m.scale = scale;
    m.viewport = shot.viewport;
    m.screens++;
    const crop = screenCrop(m.covered, { rect: shot.rect, offset: shot.scrollTop }, origin, scale, bitmap, SEGMENT_MAX_PX);
    if (!crop) {
      m.covered = Math.max(m.covered, shot.scrollTop + shot.rect.height);
      return undefined;
    }
    m.covered = crop.covered;
    const { sx, sy, sw, sh } = crop;
    if (s.canvas && (s.fill + sh > SEGMENT_MAX_PX || sw !== s.width)) closed = await closeSegment(s);
    if (!s.canvas) {
      s.width = sw;
      s.canvas = new OffscreenCanvas(sw, SEGMENT_MAX_PX);
      s.ctx = s.canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D | null;
      if (!s.ctx) throw new Error('No 2D canvas available to stitch the screenshot');
    }
    s.ctx?.drawImage(bitmap, sx, sy, sw, sh, 0, s.fill, sw, sh);
    s.fill += sh;
  } finally {
    bitmap.close();
  }
  return closed;
}

function validEntries(list: unknown): ThreadEntryPayload[] {
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is ThreadEntryPayload => !!e && typeof e.key === 'string' && !!e.content && typeof e.content === 'object');
}

export async function threadSegment(deps: CaptureServiceDeps, msg: { session: string; entries: ThreadEntryPayload[]; shot?: ThreadShotRequest }, sender: Sender): Promise<ThreadSegmentResult> {
  const s = await sessionFor(deps, msg.session, sender);
  if (!s) return { ok: false, code: 'interrupted', message: 'This capture is no longer running (Holdfast restarted?).' };
  return serial(s, async (): Promise<ThreadSegmentResult> => {
    const entries = validEntries(msg.entries);
    let result: ThreadSegmentResult = { ok: true, shot: 'none' };
    let segment: { n: number; image: StitchedImage } | undefined;
    if (msg.shot && s.meta.shotsOff) result = { ok: true, shot: 'none', message: s.meta.shotsOff };
    else if (msg.shot) {
      try {
        segment = await addScreen(s, msg.shot, sender);
        result = { ok: true, shot: s.meta.picture === 'dom-render' ? 'dom-render' : 'pixel' };
      } catch (err) {
        s.meta.shotsOff =
          err instanceof PermissionMissing
            ? 'No stitched screenshot: exact screenshots are not enabled (see Options); the transcript was kept.'
            : `The stitched screenshot stopped: ${err instanceof Error ? err.message : String(err)}`;
        result = { ok: true, shot: 'none', message: s.meta.shotsOff };
      }
    }
    if (entries.length || segment || msg.shot) {
      try {
        await stageThreadParts(await deps.vault(), s.id, { entries, ...(segment ? { segment } : {}), meta: s.meta });
      } catch (err) {
        return failure(err);
      }
    }
    return result;
  });
}

async function dropSession(deps: CaptureServiceDeps, s: Session, discard: boolean): Promise<void> {
  sessions.delete(s.id);
  rendererReady.delete(s.id);
  s.composite?.abort();
  s.composite = null;
  s.canvas = null;
  s.ctx = null;
  if (discard) await (await deps.vault()).discardStaging(s.id).catch(() => undefined);
}

export async function threadFinish(deps: CaptureServiceDeps, msg: ThreadFinishPayload, sender: Sender): Promise<CaptureResult> {
  const s = await sessionFor(deps, msg.session, sender);
  if (!s) return { ok: false, code: 'interrupted', message: 'This capture is no longer running (Holdfast restarted?); nothing was stored.' };
  return serial(s, async (): Promise<CaptureResult> => {
    const capturedAt = new Date().toISOString();
    if (!msg.head || !Array.isArray(msg.order)) {
      await dropSession(deps, s, true);
      return { ok: false, code: 'invalid', message: 'The capture request was incomplete.' };
    }
    let stored: EvidenceRecord;
    try {
      const vault = await deps.vault();
      s.pendingSegment ??= await closeSegment(s);
      if (s.pendingSegment) {
        await stageThreadParts(vault, s.id, { segment: s.pendingSegment, meta: s.meta });
        s.pendingSegment = undefined;
      }
      if (!s.finishedComposite && s.segments > 1 && s.composite) s.finishedComposite = { bytes: await s.composite.finish(), width: s.composite.width, height: s.composite.height };
      s.composite = null;
      const composite = s.finishedComposite;
      stored = await commitThread(vault, s.id, msg, { ...(composite ? { composite } : {}), ...(s.compositeNote ? { compositeNote: s.compositeNote } : {}) }, await deps.tool(), capturedAt, deps.beforeWrite);
    } catch (err) {
      // Not saved (a full disk, a vault write that lost a race): nothing is thrown away. The session and everything
      // staged stay for the person's Retry (the same finish again); left alone, it becomes a partial record marked
      // 'interrupted' once idle (recoverInterruptedThreads). The content script tells the person so (run.ts).
      return failure(err);
    }
    await dropSession(deps, s, false);
    return { ok: true, recordId: stored.id, seq: stored.seq, screenshot: stored.screenshot.method, extraction: stored.extraction.method, warnings: stored.extraction.warnings };
  });
}

export async function threadAbort(deps: CaptureServiceDeps, msg: { session: string }, sender: Sender): Promise<{ ok: true }> {
  const s = await sessionFor(deps, msg.session, sender);
  if (s) await serial(s, () => dropSession(deps, s, true));
  return { ok: true };
}

let recovering: Promise<unknown> = Promise.resolve();

/**
 * Sessions in the staging area that nobody is feeding any more (none in this background, no part for IDLE_MS) are
 * kept as PARTIAL records marked 'interrupted'; sessions that staged nothing are removed. Runs at startup, before a new
 * capture starts, and every minute while captures run. One run at a time.
 */
export function recoverInterruptedThreads(deps: CaptureServiceDeps, now = Date.now()): Promise<EvidenceRecord[]> {
  const run = recovering.then(async () => {
    const out: EvidenceRecord[] = [];
    for (const s of [...sessions.values()]) if (now - s.touched > IDLE_MS) await dropSession(deps, s, false);
    const vault = await deps.vault();
    const tool = await deps.tool();
    for (const header of await vault.stagingSessions()) {
      if (sessions.has(header.id) || !isThreadMeta(header.meta)) continue;
      if (now - Date.parse(header.updatedAt) < IDLE_MS) continue;
      try {
        const record = await recoverThread(vault, header, tool, new Date(now).toISOString());
        if (record) out.push(record);
      } catch {
        // Left for the next run (a full disk, a vault closed by an upgrade): never dropped here.
      }
    }
    return out;
  });
  recovering = run.catch(() => undefined);
  return run;
}

/** For the benchmark and tests: what the background holds. Entries are never held; segments only while drawn. */
export function threadSessionStats(): { sessions: number; entriesHeld: number; rawSegments: number; compositeBytes: number } {
  let rawSegments = 0;
  let compositeBytes = 0;
  for (const s of sessions.values()) {
    if (s.canvas) rawSegments++;
    compositeBytes += s.composite?.size ?? 0;
  }
  return { sessions: sessions.size, entriesHeld: 0, rawSegments, compositeBytes };
}
