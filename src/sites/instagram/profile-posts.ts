/**
 * "Capture profile with posts" for Instagram (issue #4): the profile header plus the posts of its grid, read
 * downwards (newest first; Instagram loads older tiles at the bottom, 12 at a time, behind a spinner) by the
 * whole-thread engine. A pure DOM reader like adapter.ts: every query comes from ./selectors, and nothing here clicks
 * (no expanders: the grid has no "show more" control the capture needs).
 *
 * What a tile says, and what it does not:
 * - a link to the post (/p/<code>/, /reel/<code>/, newer layouts /<handle>/p/<code>/): the canonical permalink and the
 *   shortcode (the entry's itemId and key; Instagram shows a pinned post once, at the top, so the permalink alone is
 *   the key);
 * - a thumbnail whose alt text is Instagram's automatic description or the caption: kept as the entry's text, marked
 *   `textSource: "alt"` — it is not necessarily the caption;
 * - icons for carousel / reel / video / pinned (`mediaType`, `pinned`), read from their labels in English, Spanish
 *   and Portuguese; a reel is known from its /reel/ link first. A tile whose icon is not recognised but which sits
 *   above a newer post is taken as pinned too (`pinnedDerivation`), so that it cannot end a "back to a date" capture;
 * - NO date. The post's creation time is derived from its shortcode (./shortcode.ts) and kept only as
 *   `fields.timeFromId` (with `timeSource`), never as itemTime, which is only what a page shows. The bound uses it.
 * The author of every entry is the profile's owner (the grid is theirs); the owner's numeric id comes from the profile
 * page's own data, never the viewer's.
 */
import type { ExtractedContent } from '../../model/evidence';
import type { BoundInfo, CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { instagramAdapter, ownerAuthor, ownerOf } from './adapter';
import { gridTiles, readTile, tileLink } from './grid';
import { css, type SelectorKey } from './selectors';

const all = (root: ParentNode, key: SelectorKey): Element[] => Array.from(root.querySelectorAll(css(key)));
const tiles = gridTiles;

const GRID_NOTE =
  'Posts were read from the profile grid: each holds its link, its thumbnail and the thumbnail’s alt text (Instagram’s description of the picture or the caption, not necessarily the caption). The grid shows no dates: each post’s time (fields.timeFromId) is derived from its post id, not shown by Instagram. Open a post to capture its caption, date and comments.';

export const instagramProfilePosts: ThreadSupport = {
  container(target: CaptureTarget, ctx: ExtractContext): ThreadContainer | null {
    if (target.kind !== 'profile' || !ownerOf(ctx.url)) return null;
    // The real profile header only (the adapter falls back to <main> when it finds none).
    if (!target.element.matches(css('profileHeader'))) return null;
    const main = target.element.closest(css('main')) ?? ctx.document.body;
    return { element: main, recordKind: 'profile', head: target.element, newestFirst: true };
  },

  scroller(): Element | null {
    // Instagram's profile page scrolls the document.
    return null;
  },

  rows(c: ThreadContainer): Element[] {
    return tiles(c.element, c.head);
  },

  keyOf(row: Element): string | null {
    return tileLink(row)?.permalink ?? null;
  },

  entryOf(row: Element, ctx: ExtractContext, c: ThreadContainer): ThreadEntry {
    const handle = ownerOf(ctx.url);
    return readTile(row, c, () => ownerAuthor(c, ctx, handle));
  },

  loading(c: ThreadContainer): boolean {
    return all(c.element, 'progress').some((el) => !el.closest(css('hiddenSubtree')));
  },

  expanders(): Element[] {
    return [];
  },

  isAllowedClick(): boolean {
    return false;
  },

  head(c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    if (!c.head) throw new Error('The profile header is not on the page.');
    const head = instagramAdapter.extract({ element: c.head, kind: 'profile' }, ctx);
    head.warnings = [...head.warnings, GRID_NOTE];
    return head;
  },

  boundOf(entry: ThreadEntry): BoundInfo {
    const f = entry.content.fields;
    // A pinned post sits above newer posts: it neither counts nor ends a date-bounded capture.
    if (f?.pinned === 'true') return { counted: false };
    return { ...(f?.timeFromId ? { time: f.timeFromId } : {}), counted: true };
  },
};
