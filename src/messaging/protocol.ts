/**
 * Typed messages between content scripts, the background and extension pages.
 * Every message is `{ type, ...payload }`; each type names its response. The background refuses any
 * vault-changing message that does not come from an extension page (see `VAULT_CHANGING`).
 */
import type { ExtractedContent, ExtractionMethod, ItemKind, Platform, ReportRoute } from '../model/evidence';
import type { AbuseKind } from '../model/report';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a content script sends when the person clicks a capture control (or the context menu names an item). */
export interface ItemCapturePayload {
  content: ExtractedContent;
  /** The item's HTML as it was in the page (our own controls removed). Stored as bytes; never rendered live. */
  html: string;
  pageUrl: string;
  pageTitle: string;
  /** The item's box, CSS pixels, relative to the viewport, clipped to it. */
  rect: Rect;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** True when the item did not fit in the viewport and only its visible part can be imaged. */
  clipped: boolean;
  /** Marks the element in the page so an on-demand DOM renderer can find it. */
  renderToken: string;
  adapter?: string;
  adapterVersion?: string;
  /** Where and how to report this item (from the site adapter). */
  reportRoutes: ReportRoute[];
  /** The gesture that started the capture. */
  via: 'control' | 'context-menu' | 'toolbar' | 'shortcut';
  /** The local UTC offset of the page's clock, "+HH:MM". */
  localOffset: string;
}

export type CaptureErrorCode = 'quota' | 'screenshot' | 'busy' | 'invalid' | 'interrupted' | 'unknown';

export type CaptureResult =
  | {
      ok: true;
      recordId: string;
      seq: number;
      screenshot: 'pixel' | 'dom-render' | 'none';
      extraction: ExtractionMethod;
      warnings: string[];
      /** Issue #12: the vault was locked, so the capture was sealed for the next unlock ("Saved (vault locked)"). */
      locked?: true;
    }
  | { ok: false; code: CaptureErrorCode; message: string };

export interface VerifySummary {
  ok: boolean;
  records: number;
  problems: { code: string; message: string; seq?: number }[];
}

/** One message/reply of a whole-thread capture, as streamed to the background. */
export interface ThreadEntryPayload {
  key: string;
  content: ExtractedContent;
}

/** Ask the background to image the visible part of the thread's scroller (CSS px, viewport-relative). */
export interface ThreadShotRequest {
  rect: Rect;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** The scroller's scroll offset when the shot was taken, so overlapping screens are stitched without repeats. */
  scrollTop: number;
  /** The scroller's render mark (capture-item RENDER_TOKEN_ATTR; '' for the document), to redraw it when exact screenshots are off. */
  renderToken?: string;
}

/** Issue #14: one screen of an item taller than the window; `offset` is how far down the item the visible part `rect` starts (CSS px). */
export interface ItemScreenRequest {
  token: string;
  rect: Rect;
  offset: number;
  /** The window's whole size (innerWidth/innerHeight: scroll bars included, as in the browser's screenshot). */
  viewport: { width: number; height: number };
  devicePixelRatio: number;
}

/**
 * How far a whole-thread or profile-posts capture goes (issue #4): everything (default), back to a date (`since`: the
 * start of the chosen day in the person's local time, as a UTC instant; `date`: the day as picked, YYYY-MM-DD), or
 * the latest `count` rows (profile posts).
 */
export type CaptureBound = { kind: 'all' } | { kind: 'since'; since: string; date: string } | { kind: 'latest'; count: number };

/** What a capture's bound did, stored in the record (fields `bound…` and `coverage`). */
export type ThreadBoundReport = CaptureBound & {
  /** True when the bound ended the capture (a row older than the date was reached, or `count` rows were); false when the thread's own end came first, so the capture holds everything there is. */
  reached: boolean;
  /** Rows collected past the bound and left out of the record. */
  excluded: number;
  /** Rows kept that do not count against the bound (a pinned post at the top of a profile). */
  extra: number;
};

export interface ThreadBeginPayload {
  kind: 'dm-thread' | 'post' | 'profile';
  pageUrl: string;
  pageTitle: string;
  localOffset: string;
  /** The thread's own content as read at the start, so a capture cut short can still be kept as a record. */
  head?: ExtractedContent;
  adapter?: string;
  adapterVersion?: string;
  reportRoutes?: ReportRoute[];
}

export interface ThreadFinishPayload {
  session: string;
  /** The thread's own content (conversation header, or the post itself). */
  head: ExtractedContent;
  /** Every collected key in page order (oldest first). */
  order: string[];
  /**
   * Set when the capture did not reach both ends of the thread (or of the chosen range). 'interrupted' is set by the
   * background itself for a capture that never finished (kept from what had been staged).
   */
  partial?: { reason: 'stopped' | 'stalled' | 'error' | 'interrupted'; message: string };
  /** The range the person chose and what it did; `order` then holds only the rows inside it. */
  bound?: ThreadBoundReport;
  /** HTML of the thread container as it was at the end (our own elements removed). */
  html: string;
  adapter?: string;
  adapterVersion?: string;
  reportRoutes: ReportRoute[];
  /** Notes from the content side (e.g. screenshots capped), kept as record warnings. */
  notes: string[];
  stats: { elapsedMs: number; loadWaitMs: number; scrolls: number; clicks: number };
}

export type ThreadSegmentResult = { ok: true; shot: 'pixel' | 'dom-render' | 'none'; message?: string } | { ok: false; code: CaptureErrorCode; message: string };

/**
 * Issue #14: open the report route for records captured first. The background resolves the route from its own tables
 * and what it remembered of the capture (never a URL from a page), opens it in a new tab, and logs a report entry.
 */
export interface ReportOpenRequest {
  /** The records the report is about (the first is the item whose route opens); captured in this session. */
  recordIds: string[];
  /** The kind of abuse the person chose (absent: the item's route is the same for every kind). */
  abuse?: AbuseKind;
  /** Intimate images taken before the person was 18 (Take It Down). */
  minor?: boolean;
  origin: 'item' | 'popup' | 'context-menu';
}

export type ReportOpenResult =
  | {
      ok: true;
      routeId: string;
      routeLabel: string;
      url: string;
      /** 'form': paste the copied link into the form that opened; 'in-app': the item opened, use its ⋯ → Report. */
      paste: 'form' | 'in-app';
      steps?: string;
      permalink?: string;
      /** The report entry was written (false: the route opened but the report was not logged). */
      logged: boolean;
    }
  | { ok: false; code: 'not-captured' | 'no-route' | 'invalid' | 'tab'; message: string };

/** Messages handled by the background. */
export interface BackgroundMessages {
  'capture:item': { req: ItemCapturePayload; res: CaptureResult };
  /** From the popup: capture the visible page of a tab (activeTab granted by opening the popup). */
  'capture:page': { req: { tabId: number }; res: CaptureResult };
  'vault:delete': { req: { id: string; reason?: string }; res: { ok: boolean; message?: string } };
  'vault:verify': { req: object; res: VerifySummary };
  'permissions:status': { req: object; res: { allUrls: boolean } };
  /** Whole-thread capture (issue #4): put the capture module (engine, dialog, panel) into the asking frame. */
  'thread:load': { req: object; res: { ok: true } | { ok: false; message: string } };
  /** Whole-thread capture (issue #4): open a session in the background for this tab. */
  'thread:begin': { req: ThreadBeginPayload; res: { ok: true; session: string } | { ok: false; code: CaptureErrorCode; message: string } };
  /** Newly collected entries, and optionally "image the visible screen now" for the stitched screenshot. */
  'thread:segment': { req: { session: string; entries: ThreadEntryPayload[]; shot?: ThreadShotRequest }; res: ThreadSegmentResult };
  /** Write the record and all its artifacts in one vault call. */
  'thread:finish': { req: ThreadFinishPayload; res: CaptureResult };
  /** Drop a session without writing anything. */
  'thread:abort': { req: { session: string }; res: { ok: true } };
  /** Issue #14: image one screen of a tall item into its stitched picture ('capture:item' with the same render token then stores it). */
  'capture:screen': { req: ItemScreenRequest; res: { ok: true } | { ok: false; permission: boolean; message: string } };
  /**
   * Issue #14 (rep-ui): report reminders. The vault page sends every report's {id, remindAt} after a change; the
   * background makes its alarms match (alarm names carry the report id only). Only from Holdfast's own pages.
   */
  'reports:reminders': { req: { reminders: { id: string; remindAt: string }[] }; res: { ok: true; scheduled: number } | { ok: false; message: string } };
  /** Issue #12: lock, close every Holdfast tab, leave the person on the neutral page (any Holdfast page or panel). */
  'quick-exit': { req: object; res: { ok: true; closed: number } };
  /** Issue #12: is the vault encrypted / locked (no content, no counts beyond captures waiting for the unlock). */
  'lock:state': { req: object; res: LockSummary };
  /** Issue #12: lock now in every context. */
  'lock:now': { req: object; res: { ok: true } };
  /** Issue #14: open the report route for records this tab captured in this session (or any, from a Holdfast page). */
  'report:open': { req: ReportOpenRequest; res: ReportOpenResult };
  /** Issue #14, from the popup: run "capture and report" in the tab (the page asks the kind of abuse). */
  'report:page': { req: { tabId: number }; res: { ok: boolean; message?: string } };
  /**
   * Issue #14, from the whole-thread panel: open the vault page's pile-on walk-through for a post-with-replies record
   * this tab just saved, with the ticked accounts (author keys, plain ids). The background builds the address.
   */
  'pileon:open': { req: { recordId: string; accounts: string[] }; res: PileOnOpenResult };
}

export type PileOnOpenResult = { ok: true } | { ok: false; message: string };

/** The vault's lock state as the background reports it. */
export interface LockSummary {
  encrypted: boolean;
  locked: boolean;
}

/** Messages handled by content scripts (background → tab). */
export interface ContentMessages {
  /** Capture the item the person last right-clicked, or the page (kind 'page') when there is none. */
  'content:capture-context': { req: { via: ItemCapturePayload['via']; pageOnly: boolean }; res: CaptureResult };
  /** Collect what a page-level capture needs (used by toolbar/shortcut on supported sites). */
  'content:page-info': { req: object; res: ItemCapturePayload };
  /**
   * Render the marked element to a PNG via the DOM (the on-demand renderer answers this). `screen`: as it is scrolled
   * now, for one screen of a stitched picture (issue #14); `origin` is where its drawing starts in the window (CSS px),
   * so the background cuts out `rect`.
   */
  'render:dom': { req: { token: string; rect: Rect; screen?: boolean }; res: { ok: true; dataUrl: string; note: string; origin?: { x: number; y: number } } | { ok: false; message: string } };
  /** Hide or restore Holdfast's own on-page controls around a screenshot. */
  'content:controls-visible': { req: { visible: boolean }; res: { ok: true } };
  /** Issue #14: capture the item last right-clicked (or the page: popup, pageOnly), then ask the abuse and open the route. */
  'content:capture-report': { req: { via: 'context-menu' | 'toolbar'; pageOnly: boolean }; res: { ok: boolean } };
}

export type MessageOf<M, K extends keyof M> = M[K] extends { req: infer R } ? { type: K } & R : never;
export type ResponseOf<M, K extends keyof M> = M[K] extends { res: infer R } ? R : never;

export type AnyBackgroundMessage = { [K in keyof BackgroundMessages]: MessageOf<BackgroundMessages, K> }[keyof BackgroundMessages];
export type AnyContentMessage = { [K in keyof ContentMessages]: MessageOf<ContentMessages, K> }[keyof ContentMessages];

/** Messages that change the vault: accepted only from extension pages, never from content scripts. */
export const VAULT_CHANGING: ReadonlySet<keyof BackgroundMessages> = new Set(['vault:delete']);

export function isBackgroundMessage(value: unknown): value is AnyBackgroundMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export type { ExtractedContent, ItemKind, Platform };
