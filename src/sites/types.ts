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
  /** Fixture files (relative to the site's fixture folder) in which this selector must match at least once. */
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
  /** Platform id, also the record's `platform`. */
  readonly id: Platform;
  /** Bumped when extraction logic changes; stored in records. */
  readonly version: string;
  /** Host names the adapter serves (content script matches are built from these). */
  readonly hosts: readonly string[];
  /** Every selector the adapter uses, with proving fixtures. */
  readonly selectors: SelectorRegistry;
  /** Fixture folder name under test/replicas/ (e.g. "x.com"). */
  readonly fixtureDir: string;
  /** Whether this adapter handles the URL at all. */
  matches(url: URL): boolean;
  /** The capturable items under `root` (items already handled are filtered by the caller). Never throws. */
  findTargets(root: ParentNode, ctx: ExtractContext): CaptureTarget[];
  /** Structured content of one item. May throw; the pipeline then falls back to a generic capture with a warning. */
  extract(target: CaptureTarget, ctx: ExtractContext): ExtractedContent;
  /** Where and how to report this item on the platform. */
  reportRoutes(content: ExtractedContent): ReportRoute[];
}
