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
import type { Author, ExtractedContent, MediaRef } from '../../model/evidence';
import type { BoundInfo, CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { instagramAdapter, routeOf } from './adapter';
import { gridTiles, type TileLink, tileLink, tileThumbnail } from './grid';
import { css, type SelectorKey, words } from './selectors';
import { MAX_CODE_LENGTH, timeFromShortcode } from './shortcode';

const ORIGIN = 'https://www.instagram.com';
const all = (root: ParentNode, key: SelectorKey): Element[] => Array.from(root.querySelectorAll(css(key)));

/** The owner of the profile page the URL shows: its posts grid only (/<handle>/), not Reels, Tagged or a post. */
function ownerOf(url: URL): string | undefined {
  if (url.hostname !== 'www.instagram.com' && url.hostname !== 'instagram.com') return undefined;
  const route = routeOf(url);
  if (route.type !== 'profile') return undefined;
  return /^\/[A-Za-z0-9._]{1,30}\/?$/.test(url.pathname) ? route.handle : undefined;
}

const tiles = gridTiles;

type MediaType = 'photo' | 'carousel' | 'reel' | 'video';

interface TileMarks {
  mediaType: MediaType;
  pinned: boolean;
  /** Icon labels as shown, in order. */
  icons: string[];
  /** Labels no word list knows (another language, a new icon). */
  unknown: string[];
}

const known = (list: readonly RegExp[], label: string): boolean => list.some((re) => re.test(label));

function marksOf(a: Element, link: TileLink): TileMarks {
  const icons = all(a, 'gridTileIcon')
    .map((svg) => (svg.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  let pinned = false;
  let carousel = false;
  let reel = link.section === 'reel';
  let video = false;
  const unknown: string[] = [];
  for (const label of icons) {
    if (known(words.gridPinned, label)) pinned = true;
    else if (known(words.gridCarousel, label)) carousel = true;
    else if (known(words.gridReel, label)) reel = true;
    else if (known(words.gridVideo, label)) video = true;
    else unknown.push(label);
  }
  const mediaType: MediaType = reel ? 'reel' : video ? 'video' : carousel ? 'carousel' : 'photo';
  return { mediaType, pinned, icons, unknown };
}

/** The tile drawn after `a` in the grid (next in its row, else first of the next row), by where they are drawn. */
function nextTile(a: Element, c: ThreadContainer): Element | undefined {
  const list = tiles(c.element, c.head)
    .map((el, i) => {
      const box = el.getBoundingClientRect();
      return { el, i, top: Math.round(box.top), left: box.left };
    })
    .sort((x, y) => x.top - y.top || x.left - y.left || x.i - y.i);
  const at = list.findIndex((x) => x.el === a);
  return at >= 0 ? list[at + 1]?.el : undefined;
}

/** The profile's owner as a record author, read once per capture from the profile header (their id, never the viewer's). */
const owners = new WeakMap<Element, Author>();
function ownerAuthor(c: ThreadContainer, ctx: ExtractContext, handle: string | undefined): Author {
  const key = c.head ?? c.element;
  let author = owners.get(key);
  if (!author) {
    try {
      author = instagramAdapter.extract({ element: key, kind: 'profile' }, ctx).author ?? {};
    } catch {
      author = {};
    }
    if (!author.handle && handle) author = { handle, profileUrl: `${ORIGIN}/${handle}/` };
    owners.set(key, author);
  }
  return { ...author };
}

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
    const link = tileLink(row);
    if (!link) throw new Error('not a post tile of the grid');
    const handle = ownerOf(ctx.url);
    const marks = marksOf(row, link);
    const warnings: string[] = [];
    const fields: Record<string, string> = { mediaType: marks.mediaType };
    const thumb = tileThumbnail(row);
    const alt = thumb?.alt ?? '';
    const media: MediaRef[] = thumb ? [alt ? { url: thumb.url, type: 'image', alt } : { url: thumb.url, type: 'image' }] : [];
    if (alt) fields.textSource = 'alt';
    const derived = timeFromShortcode(link.code);
    if (derived) {
      fields.timeFromId = derived.time;
      fields.timeSource = 'derived from the post id';
      fields.mediaId = derived.mediaId;
    } else {
      warnings.push(
        link.code.length > MAX_CODE_LENGTH
          ? `The post's code is longer than a media id (${link.code.length} characters; Instagram gives some posts, e.g. of private accounts, longer codes), so no time was derived from it.`
          : "The post's code does not decode to a dated media id, so no time was derived from it.",
      );
    }
    if (marks.pinned) fields.pinned = 'true';
    else if (marks.unknown.length && derived) {
      // An icon this reader does not know, on a post older than the one drawn after it: Instagram sorts the grid newest
      // first except for pinned posts at the top.
      const next = nextTile(row, c);
      const nextLink = next ? tileLink(next) : null;
      const nextTime = nextLink ? timeFromShortcode(nextLink.code)?.time : undefined;
      if (nextTime && nextTime > derived.time) {
        fields.pinned = 'true';
        fields.pinnedDerivation = 'its icon was not recognised, and it sits above a newer post (only pinned posts do)';
      }
    }
    if (marks.icons.length) fields.tileIcons = marks.icons.join(' | ');
    const author = ownerAuthor(c, ctx, handle);
    if (link.linkHandle && author.handle && link.linkHandle.toLowerCase() !== author.handle.toLowerCase()) {
      warnings.push(`The tile's link names @${link.linkHandle}, not the profile's owner @${author.handle} (a collaboration post?).`);
    }
    const content: ExtractedContent = {
      kind: 'post',
      platform: 'instagram',
      permalink: link.permalink,
      itemId: link.code,
      author,
      links: [],
      media,
      fields,
      method: 'adapter',
      warnings,
    };
    if (alt) content.text = alt;
    return { key: link.permalink, content };
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
