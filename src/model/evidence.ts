/**
 * The evidence record: the one shape every capture takes, in the vault and in exports.
 * Pure types and constants; no DOM, no extension API. Documented for outsiders in docs/record-format.md.
 */

import type { OTHER_PLATFORM, SitePlatform } from '../sites/registry';
import type { AddedFileInfo, JournalInfo } from './journal';

export const RECORD_FORMAT_VERSION = 1 as const;

/** 'journal-entry' and 'added-file' are what the person adds themselves (src/model/case.ts), not captures. */
export type ItemKind = 'post' | 'reply' | 'comment' | 'profile' | 'dm-message' | 'dm-thread' | 'page' | 'journal-entry' | 'added-file';
export const ITEM_KINDS: readonly ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page', 'journal-entry', 'added-file'];
/** The kinds a site capture produces. */
export const CAPTURE_KINDS: readonly ItemKind[] = ['post', 'reply', 'comment', 'profile', 'dm-message', 'dm-thread', 'page'];

/**
 * A supported site's platform (its descriptor in src/sites/registry.ts), 'web' for a page of any other site, or
 * 'added' for what the person adds themselves (journal entries, files: src/model/case.ts).
 */
export type Platform = SitePlatform | typeof OTHER_PLATFORM | 'added';

/** Who wrote an item, as far as the page tells. Every field is what the page showed; nothing is guessed. */
export interface Author {
  /** Handle without "@" (X, Instagram) or vanity name (Facebook). */
  handle?: string;
  displayName?: string;
  /** Numeric account id, where the page carries it. */
  accountId?: string;
  /** Where accountId came from, e.g. "json-ld mainEntity.identifier", "conversation id". */
  accountIdSource?: string;
  profileUrl?: string;
}

export interface MediaRef {
  url: string;
  type: 'image' | 'video' | 'gif' | 'audio' | 'other';
  /** Alt text or description shown by the page. */
  alt?: string;
}

export interface LinkRef {
  text: string;
  href: string;
}

/** How a record's content came to be: read by a site adapter, by the generic fallback, or given by the person. */
export type ExtractionMethod = 'adapter' | 'generic' | 'person';

/** What a site adapter (or the generic fallback) read from the page for one item. */
export interface ExtractedContent {
  kind: ItemKind;
  platform: Platform;
  /** The item's own URL on the platform (post permalink, profile URL, conversation URL). */
  permalink?: string;
  /** The platform's id for the item (status id, comment id, message id, conversation id). */
  itemId?: string;
  /** The item's own time as the page states it (`<time datetime>`), ISO-8601. */
  itemTime?: string;
  /** The item's time as the page displays it to the person ("2h", "Mar 3"). */
  itemTimeText?: string;
  author?: Author;
  /** Text as shown: emoji images replaced by their alt text, line breaks kept. */
  text?: string;
  links: LinkRef[];
  media: MediaRef[];
  /** A quoted/embedded item (quote post), extracted the same way. */
  quoted?: ExtractedContent;
  /** Permalink of the item this one replies to, where known. */
  inReplyTo?: string;
  /** For DMs: the conversation's participants; for profiles: unused. */
  participants?: Author[];
  /** For DM messages: whether the person capturing sent it or received it. */
  direction?: 'sent' | 'received' | 'unknown';
  /** How the sender/direction was derived (no stable attribute marks it on any site). */
  senderDerivation?: string;
  /** For profiles: bio, location, website, joined date and the like, as label → value. */
  fields?: Record<string, string>;
  /** Whether the page marks the item as promoted/sponsored. */
  promoted?: boolean;
  /** Messages within a dm-thread capture (visible part of the thread). */
  messages?: ExtractedContent[];
  /**
   * 'adapter' when a site adapter read it; 'generic' when the page did not match and only the visible area was kept;
   * 'person' when nothing was read from a page: the person wrote it or added it (journal entries, added files).
   */
  method: ExtractionMethod;
  /** Plain-language notes on what could not be read. */
  warnings: string[];
}

export interface ReportRoute {
  /** Stable id, e.g. "x-in-app-post", "x-form-harassment". */
  id: string;
  /** Plain label key or text for the person. */
  label: string;
  /** URL to open; absent for in-app-only routes (then `steps` says what to do). */
  url?: string;
  /** Short instructions: which menu to open, what to paste. */
  steps?: string;
  /** Scope of the route, e.g. "EU only", "US law", "no account needed". */
  note?: string;
}

export type ArtifactRole = 'screenshot' | 'html' | 'structured' | 'transcript' | 'segment' | 'import' | 'added';

export interface ArtifactRef {
  id: string;
  role: ArtifactRole;
  mediaType: string;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
  size: number;
  /** A name a person can recognise in an export (date, platform, author, kind). */
  filename: string;
  note?: string;
}

export interface ScreenshotInfo {
  /** 'pixel': the browser's own capture of what the person saw; 'dom-render': re-drawn from the page's DOM; 'none': failed. */
  method: 'pixel' | 'dom-render' | 'none';
  devicePixelRatio: number;
  /** The item's box in CSS pixels relative to the viewport when captured. */
  crop?: { x: number; y: number; width: number; height: number };
  viewport?: { width: number; height: number };
  /** True when the item was taller/wider than the viewport and only its visible part is in the image. */
  clipped?: boolean;
  note?: string;
}

export interface ChainLink {
  /** recordHash of the previous record, or 64 zeros for the first. */
  prevHash: string;
  /** SHA-256 over the canonical JSON of this record with `chain.recordHash` left out. */
  recordHash: string;
}

export interface EvidenceRecord {
  formatVersion: typeof RECORD_FORMAT_VERSION;
  id: string;
  /** Position in the vault's hash chain, 1-based, gapless. */
  seq: number;
  kind: ItemKind;
  platform: Platform;
  pageUrl: string;
  pageTitle?: string;
  permalink?: string;
  /** Capture time, UTC ISO-8601 with milliseconds and "Z". */
  capturedAt: string;
  /** The capturing device's UTC offset at capture time, "+HH:MM"/"-HH:MM". */
  capturedAtOffset: string;
  /** The item's own time from the page, ISO-8601 (copied from content.itemTime). */
  itemTime?: string;
  author?: Author;
  text?: string;
  media: MediaRef[];
  content: ExtractedContent;
  extraction: { method: ExtractionMethod; adapter?: string; warnings: string[] };
  screenshot: ScreenshotInfo;
  tool: { name: 'Holdfast'; version: string; browser: string; userAgent: string };
  reportRoutes: ReportRoute[];
  artifacts: ArtifactRef[];
  chain: ChainLink;
  /** Set when the record came from an imported bundle and had to be re-linked into this vault's chain. */
  imported?: { at: string; bundle?: string; originalSeq: number; originalPrevHash: string; originalRecordHash: string };
  /** A journal entry's fields (kind 'journal-entry'); `text` is what happened. */
  journal?: JournalInfo;
  /** A file the person added (kind 'added-file'); its bytes are the artifact with role 'added'. */
  addedFile?: AddedFileInfo;
  /** Set when the person deleted the record: content and artifacts are gone, the chain link stays. */
  deleted?: { at: string; reason?: string };
}

export const GENESIS_HASH = '0'.repeat(64);
