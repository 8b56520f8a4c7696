/**
 * The one interface every site adapter implements. Adapters are pure DOM readers: they never click, never
 * fetch, never touch extension APIs, and keep every selector in their own `selectors.ts` registry.
 */
import type { ExtractedContent, ItemKind, Platform, ReportRoute } from '../model/evidence';

/** One selector, with the fixtures that prove it still matches (checked by a convention test). */
export interface SelectorEntry {
  /** CSS selector (stable hooks only: data-testid, role, aria-*, href patterns, time[datetime]). */
  css: string;
  /** What it finds. */
  purpose: string;
  stability: 'high' | 'medium' | 'low';
  /** Fixture files in which this selector must match at least once: relative to the site's replica folder (test/replicas/<host>/), or `real/<host>/<page>.html` for a structure replica of a real page (test/real/). */
  fixtures: string[];
}

export type SelectorRegistry = Record<string, SelectorEntry>;

export interface CaptureTarget {
  /** The item's element (article, comment row, message row, profile header, thread container). */
  element: Element;
  kind: ItemKind;
  /** Where the capture control goes (defaults to element). The control must not shift the site's layout. */
  anchor?: Element;
}

export interface ExtractContext {
  url: URL;
  document: Document;
}

export interface SiteAdapter {
  /** Platform id, also the record's `platform`: its descriptor's `platform` (src/sites/<site>/descriptor.ts). */
  readonly id: Platform;
  /** Bumped when extraction logic changes; stored in records. */
  readonly version: string;
  /** Host names the adapter serves: its descriptor's hosts (where its content script runs) and otherHosts. */
  readonly hosts: readonly string[];
  /** Every selector the adapter uses, with proving fixtures. */
  readonly selectors: SelectorRegistry;
  /** Fixture folder name under test/replicas/ (e.g. "x.com"): its descriptor's fixtureDir. */
  readonly fixtureDir: string;
  /** Whether this adapter handles the URL at all. */
  matches(url: URL): boolean;
  /** The capturable items under `root` (items already handled are filtered by the caller). Never throws. */
  findTargets(root: ParentNode, ctx: ExtractContext): CaptureTarget[];
  /**
   * Optional, for speed: the capturable items in or around `roots`, subtrees the site just added to a page this
   * adapter already scanned (the controls keep the targets they found before). Must find every target the full
   * `findTargets` would find inside a root, plus a target that only became recognisable because of what was added
   * (e.g. a post whose time arrived late). Returns null when it cannot tell cheaply: the caller then scans the whole page.
   */
  findTargetsIn?(roots: readonly Element[], ctx: ExtractContext): CaptureTarget[] | null;
  /** Structured content of one item. May throw; the pipeline then falls back to a generic capture with a warning. */
  extract(target: CaptureTarget, ctx: ExtractContext): ExtractedContent;
  /** Where and how to report this item on the platform. */
  reportRoutes(content: ExtractedContent): ReportRoute[];
  /** Whole-thread capture (issue #4), where the site supports it: set in the site's site.ts (thread.ts reads through the adapter). */
  readonly thread?: ThreadSupport;
  /**
   * "Capture profile with posts" (issue #4), where the site supports it: the same interface as `thread`, for a
   * profile target; its container has recordKind 'profile' and `newestFirst` (the timeline is read downwards).
   */
  readonly profilePosts?: ThreadSupport;
}

/** One message or reply collected by a whole-thread capture. */
export interface ThreadEntry {
  /** Stable key: the site's message/reply id or permalink; else "sender|time|text" (the engine de-duplicates on it). */
  key: string;
  /** The message (kind 'dm-message') or reply (kind 'reply'), read like a single capture. */
  content: ExtractedContent;
}

/** What a whole-thread capture of one target collects into. */
export interface ThreadContainer {
  /** The element holding the rows (DM conversation, post page's conversation column). */
  element: Element;
  /** The record kind: 'dm-thread' for a conversation, 'post' for a post with its replies, 'profile' for a profile with its posts. */
  recordKind: 'dm-thread' | 'post' | 'profile';
  /** For 'post': the post itself (its row is not a reply). For 'profile': the profile header. */
  head?: Element;
  /**
   * The list shows the newest row first and loads older rows at the bottom (a profile timeline): the engine reads
   * from the top downwards and never scrolls up for more. Otherwise the oldest row is first (a conversation).
   */
  newestFirst?: boolean;
}

/** How one row counts against a chosen bound (issue #4). */
export interface BoundInfo {
  /** The time that places the row in the list (absent: the row's time says nothing about its place, e.g. a repost shows the original post's time). */
  time?: string;
  /** Whether the row counts towards "the latest N" and can end a "back to a date" capture (false: a pinned post). */
  counted: boolean;
}

/**
 * Optional whole-thread support (issue #4). Pure DOM reading like the rest of the adapter; the engine does the
 * scrolling, waiting and clicking. The engine clicks ONLY elements that `expanders` returns AND `isAllowedClick`
 * accepts, so `isAllowedClick` must accept nothing that sends, reacts, likes, follows, reports, blocks or deletes.
 */
export interface ThreadSupport {
  /** The thread a target belongs to, when it can be captured whole (a DM conversation, a post page's focal post). */
  container(target: CaptureTarget, ctx: ExtractContext): ThreadContainer | null;
  /** A hint for the scrolling element (the engine walks up to the nearest scrollable ancestor of a row). */
  scroller?(container: ThreadContainer): Element | null;
  /** The message/reply rows currently in the DOM, in page order. */
  rows(container: ThreadContainer): Element[];
  /** A cheap stable key for a row, read without full extraction (null: not a message/reply). */
  keyOf(row: Element, ctx: ExtractContext): string | null;
  /** The structured message/reply for a row. May throw; the engine then keeps a generic entry with a warning. */
  entryOf(row: Element, ctx: ExtractContext, container: ThreadContainer): ThreadEntry;
  /** Whether the site shows that it is loading more rows (a spinner/progress bar in or near the list). */
  loading(container: ThreadContainer): boolean;
  /** "Show more replies"-type controls currently in the DOM. */
  expanders(container: ThreadContainer): Element[];
  /** The allow-list: true only for controls that reveal more of the thread and change nothing. */
  isAllowedClick(el: Element): boolean;
  /** The thread's own content (conversation header with participants, or the focal post). */
  head(container: ThreadContainer, ctx: ExtractContext): ExtractedContent;
  /** How a collected row counts against a bound; default: its own itemTime, counted. */
  boundOf?(entry: ThreadEntry): BoundInfo;
  /**
   * Rows get their keys from their place among their neighbours (no id in the page), and a run of rows taller than a
   * screen is only placed once the list is read downwards too: the forward pass then always reads the whole list,
   * even without screenshots to take.
   */
  readonly placesOnTheWayDown?: boolean;
  /**
   * The site's own start-of-conversation marker (the other person's profile header, "This is the beginning of your
   * conversation"): true when it is on the page now; false when this site shows one and it is not here; null when
   * there is nothing to look for. The engine claims a thread complete only when the start was seen; without this
   * hook it looks for start-of-conversation wording, else takes a top that stays still after repeated loads.
   */
  startMarker?(container: ThreadContainer): boolean | null;
}
