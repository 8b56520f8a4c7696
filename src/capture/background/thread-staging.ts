/**
 * Whole-thread capture (issue #4) through the vault's staging area. No extension API: unit-tested with the real
 * vault on fake-indexeddb.
 *
 * - Every batch of messages and every closed screenshot segment is staged as it arrives, with the session's state
 *   (ThreadStagingMeta) in the staging header: the background keeps no message and at most one raw segment.
 * - Finish: the transcript is read back a chunk of keys at a time in the page's order (TranscriptBuilder), and the
 *   record, its artifacts and the staged segments land in ONE vault transaction that also removes the staging.
 * - A session nobody finishes (the browser, the tab or Holdfast stopped) is kept as a clearly-marked PARTIAL record
 *   ("interrupted"), in time order since the page order lived in the tab: a survivor's evidence is never dropped
 *   silently. A session that staged nothing at all is removed.
 */
import type { ThreadBeginPayload, ThreadEntryPayload, ThreadFinishPayload } from '../../messaging/protocol';
import type { EvidenceRecord, ExtractedContent } from '../../model/evidence';
import type { StagingSession, Vault } from '../../vault/api';
import { platformForHost } from '../generic';
import type { ToolInfo } from './record';
import { buildThreadRecord, type ImagePart, type StitchedImage, TranscriptBuilder } from './thread-record';

/** What the background keeps about a running capture in the staging header (plain JSON): enough to resume or recover it. */
export interface ThreadStagingMeta {
  kind: 'holdfast-thread';
  version: 1;
  tabId: number;
  windowId?: number;
  begin: ThreadBeginPayload;
  /** Screens taken, how far down (scroller CSS px) the picture reaches, device px per CSS px, the window size. */
  screens: number;
  covered: number;
  scale: number;
  viewport?: { width: number; height: number };
  /** Why there is no (more) stitched screenshot. */
  shotsOff?: string;
  /** Issue #14: the screens were redrawn from the page (exact screenshots not enabled), and what the renderer noted. */
  picture?: 'dom-render';
  renderNote?: string;
}

export function isThreadMeta(meta: unknown): meta is ThreadStagingMeta {
  const m = meta as ThreadStagingMeta | undefined;
  return !!m && m.kind === 'holdfast-thread' && m.version === 1 && typeof m.tabId === 'number' && !!m.begin;
}

/** Keys read from the staging area per request while the transcript is built. */
export const ORDER_CHUNK = 500;

/** Stages a batch of entries and/or a closed segment, with the session's current state, in one transaction. */
export function stageThreadParts(vault: Vault, session: string, parts: { entries?: readonly ThreadEntryPayload[]; segment?: { n: number; image: StitchedImage }; meta: ThreadStagingMeta }): Promise<StagingSession> {
  const items = (parts.entries ?? []).map((e) => ({ key: e.key, sort: e.content.itemTime ?? '', value: e }));
  return vault.stage(session, {
    ...(items.length ? { items } : {}),
    ...(parts.segment ? { file: { n: parts.segment.n, bytes: parts.segment.image.bytes, info: { width: parts.segment.image.width, height: parts.segment.image.height } } } : {}),
    meta: parts.meta,
  });
}

/** The staged segments, top to bottom. */
export function stagedSegments(header: StagingSession): ImagePart[] {
  return [...header.files]
    .sort((a, b) => a.n - b.n)
    .map((f) => ({ staged: f.n, width: Number(f.info?.width ?? 0), height: Number(f.info?.height ?? 0) }));
}

/**
 * The transcript from the staged entries: in `order` (the page's, oldest first) read ORDER_CHUNK keys at a time;
 * then any staged entry the order does not know, by time (all of them, by time, when there is no order).
 */
export async function transcriptFromStaging(
  vault: Vault,
  session: string,
  head: ExtractedContent,
  order: readonly string[] | null,
  staged: number,
  /** A bounded capture (back to a date, latest N): rows collected past the bound were staged too; leave them out. */
  onlyOrder = false,
): Promise<TranscriptBuilder> {
  const transcript = new TranscriptBuilder(head);
  const used = new Set<string>();
  if (order) {
    for (let i = 0; i < order.length; i += ORDER_CHUNK) {
      const keys = order.slice(i, i + ORDER_CHUNK).filter((k) => typeof k === 'string' && !used.has(k));
      const unique = [...new Set(keys)];
      const values = await vault.stagedItems(session, unique);
      unique.forEach((key, j) => {
        const e = values[j] as ThreadEntryPayload | undefined;
        if (!e) return;
        used.add(key);
        transcript.add(e);
      });
    }
  }
  if (transcript.count < staged && !(onlyOrder && order)) {
    let after: string | undefined;
    for (;;) {
      const page = await vault.stagedItemsSorted(session, { ...(after !== undefined ? { after } : {}), limit: ORDER_CHUNK });
      if (!page.length) break;
      for (const item of page) if (!used.has(item.key)) transcript.add(item.value as ThreadEntryPayload);
      after = page[page.length - 1]!.sort;
    }
  }
  return transcript;
}

export interface ThreadFinishExtras {
  /** The composite when it was made from the rows of every segment (more than one segment). */
  composite?: StitchedImage;
  /** Why there is no composite although there are several segments (beyond the default "too tall"). */
  compositeNote?: string;
}

/** COMPOSITE_MAX_PX in thread-service: the composite is made only up to this height. */
export const COMPOSITE_MAX_PX = 16_384;

function pictures(header: StagingSession, meta: ThreadStagingMeta, extras: ThreadFinishExtras): { segments: ImagePart[]; composite?: ImagePart; note?: string } {
  const segments = stagedSegments(header);
  const total = segments.reduce((n, g) => n + g.height, 0);
  const composite: ImagePart | undefined = segments.length === 1 ? segments[0] : extras.composite;
  const note =
    meta.shotsOff ??
    (segments.length > 1 && !composite
      ? (extras.compositeNote ?? `The stitched screenshot is ${total} px tall, too tall for one image: it is kept as ${segments.length} segments, top to bottom.`)
      : undefined);
  return { segments, ...(composite ? { composite } : {}), ...(note ? { note } : {}) };
}

/** How the screens were made, for the record (issue #14). */
function redrawn(meta: ThreadStagingMeta): { pictureMethod?: 'dom-render'; renderNote?: string } {
  return meta.picture === 'dom-render' ? { pictureMethod: 'dom-render', ...(meta.renderNote ? { renderNote: meta.renderNote } : {}) } : {};
}

/** Builds the record from the staging area and writes it (with the staged segments) in one transaction. */
export async function commitThread(
  vault: Vault,
  session: string,
  finish: ThreadFinishPayload,
  extras: ThreadFinishExtras,
  tool: ToolInfo,
  capturedAt: string,
  beforeWrite?: () => Promise<void>,
): Promise<EvidenceRecord> {
  const header = await vault.stagingSession(session);
  if (!header || !isThreadMeta(header.meta)) throw new Error('This capture is no longer in progress: it was already saved or discarded.');
  const meta = header.meta;
  const transcript = await transcriptFromStaging(vault, session, finish.head, finish.order, header.items, !!finish.bound && finish.bound.kind !== 'all');
  const pics = pictures(header, meta, extras);
  const { record, artifacts } = buildThreadRecord(
    {
      begin: meta.begin,
      finish,
      segments: pics.segments,
      ...(pics.composite ? { composite: pics.composite } : {}),
      screens: meta.screens,
      ...(pics.note ? { screenshotNote: pics.note } : {}),
      devicePixelRatio: meta.scale,
      ...(meta.viewport ? { viewport: meta.viewport } : {}),
      ...redrawn(meta),
    },
    transcript,
    tool,
    capturedAt,
  );
  await beforeWrite?.();
  return vault.addRecord(record, artifacts, { staging: session });
}

/**
 * A capture that never finished: kept as a PARTIAL record marked 'interrupted' (captured at its last staged part,
 * recovered now), or removed when it staged nothing. Returns the record, if one was written.
 */
export async function recoverThread(vault: Vault, header: StagingSession, tool: ToolInfo, now: string): Promise<EvidenceRecord | undefined> {
  if (!isThreadMeta(header.meta)) return undefined;
  const meta = header.meta;
  if (header.items === 0 && header.files.length === 0) {
    await vault.discardStaging(header.id);
    return undefined;
  }
  const begin = meta.begin;
  const head: ExtractedContent = begin.head ?? {
    kind: begin.kind,
    platform: platformOf(begin.pageUrl),
    permalink: begin.pageUrl,
    links: [],
    media: [],
    method: 'generic',
    warnings: ['The thread itself was not read before the capture was interrupted.'],
  };
  const noun = begin.kind === 'post' ? 'replies' : 'messages';
  const finish = {
    session: header.id,
    head,
    partial: {
      reason: 'interrupted' as const,
      message: `Holdfast stopped before this capture finished (the browser, the tab or Holdfast itself was closed or restarted). The ${header.items} ${noun} collected until ${header.updatedAt} were kept; earlier or later ones may be missing, and they are in time order because the page's own order was lost.`,
    },
    html: '',
    ...(begin.adapter ? { adapter: begin.adapter, adapterVersion: begin.adapterVersion } : {}),
    reportRoutes: begin.reportRoutes ?? [],
    notes: [],
  };
  const transcript = await transcriptFromStaging(vault, header.id, head, null, header.items);
  const pics = pictures(header, meta, { compositeNote: `The stitched screenshot is kept as ${header.files.length} segments, top to bottom (the capture was interrupted before they were joined).` });
  const { record, artifacts } = buildThreadRecord(
    {
      begin,
      finish,
      segments: pics.segments,
      ...(pics.composite ? { composite: pics.composite } : {}),
      screens: meta.screens,
      ...(pics.note ? { screenshotNote: pics.note } : {}),
      devicePixelRatio: meta.scale,
      ...(meta.viewport ? { viewport: meta.viewport } : {}),
      ...redrawn(meta),
      fields: { recoveredAt: now, startedAt: header.startedAt },
    },
    transcript,
    tool,
    header.updatedAt,
  );
  return vault.addRecord(record, artifacts, { staging: header.id });
}

function platformOf(url: string): ExtractedContent['platform'] {
  try {
    return platformForHost(new URL(url).hostname);
  } catch {
    return 'web';
  }
}
