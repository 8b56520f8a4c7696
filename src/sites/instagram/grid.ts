/**
 * A profile grid's tiles (shared by the adapter, which gives every tile a capture control of its own, and by
 * profile-posts.ts, which reads them for "capture profile with posts"). Pure DOM reading; queries from ./selectors.
 *
 * A tile is a link to a post (/p/<code>/, /reel/<code>/, /tv/<code>/, newer layouts /<handle>/p/<code>/) holding its
 * thumbnail: an <img> on the Posts tab, a CSS background-image on the Reels tab (2025: no <img> at all).
 */
import type { Author, ExtractedContent, MediaRef } from '../../model/evidence';
import type { ThreadContainer, ThreadEntry } from '../types';
import { css, reservedPaths, type SelectorKey, words } from './selectors';
import { MAX_CODE_LENGTH, timeFromShortcode } from './shortcode';

const ORIGIN = 'https://www.instagram.com';
const all = (root: ParentNode, key: SelectorKey): Element[] => Array.from(root.querySelectorAll(css(key)));

/** A grid tile's link: /p/<code>/, /reel/<code>/, /tv/<code>/, optionally after /<handle>/; nothing after the code. */
const TILE_PATH = /^\/(?:([A-Za-z0-9._]{1,30})\/)?(p|reel|reels|tv)\/([A-Za-z0-9_-]{5,})\/?$/;

export interface TileLink {
  section: 'p' | 'reel';
  code: string;
  permalink: string;
  /** The account named in the link (/<handle>/p/<code>/), when there is one. */
  linkHandle?: string;
}

export function tileLink(a: Element): TileLink | null {
  const href = a.getAttribute('href');
  if (!href) return null;
  let u: URL;
  try {
    u = new URL(href, ORIGIN);
  } catch {
    return null;
  }
  if (u.hostname !== 'www.instagram.com' && u.hostname !== 'instagram.com') return null;
  const m = TILE_PATH.exec(u.pathname);
  if (!m?.[2] || !m[3]) return null;
  if (m[1] && reservedPaths.includes(m[1].toLowerCase())) return null;
  const section = m[2] === 'reel' || m[2] === 'reels' ? 'reel' : 'p';
  return { section, code: m[3], permalink: `${ORIGIN}/${section}/${m[3]}/`, ...(m[1] ? { linkHandle: m[1] } : {}) };
}

/** The grid's tiles in `root`: links to a post holding a thumbnail, outside the header and any dialog. */
export function gridTiles(root: Element, head: Element | null | undefined): Element[] {
  return Array.from(root.querySelectorAll(css('gridPostLink'))).filter(
    (a) => !!tileLink(a) && !!a.querySelector(css('gridThumbnail')) && !head?.contains(a) && !a.closest(css('dialog')),
  );
}

/** The thumbnail of a tile: its picture's address and alt text (a background-image has no alt). */
export function tileThumbnail(a: Element): { url: string; alt?: string } | null {
  const img = a.querySelector(css('image'));
  const src = img?.getAttribute('src');
  if (img && src) {
    try {
      const alt = (img.getAttribute('alt') ?? '').trim();
      return { url: new URL(src, ORIGIN).href, ...(alt ? { alt } : {}) };
    } catch {
      return null;
    }
  }
  const style = a.querySelector(css('backgroundImage'))?.getAttribute('style') ?? '';
  const m = /background-image:\s*url\((["']?)(.*?)\1\)/i.exec(style.replace(/&quot;/g, '"'));
  if (!m?.[2]) return null;
  try {
    return { url: new URL(m[2], ORIGIN).href };
  } catch {
    return null;
  }
}

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
  const list = gridTiles(c.element, c.head)
    .map((el, i) => {
      const box = el.getBoundingClientRect();
      return { el, i, top: Math.round(box.top), left: box.left };
    })
    .sort((x, y) => x.top - y.top || x.left - y.left || x.i - y.i);
  const at = list.findIndex((x) => x.el === a);
  return at >= 0 ? list[at + 1]?.el : undefined;
}

/**
 * One tile read as "capture profile with posts" reads it (link, thumbnail, icons, the time derived from its code; no
 * date shown), with `owner()` the profile's owner as its author (read through the adapter, which the callers have).
 */
export function readTile(row: Element, c: ThreadContainer, owner: () => Author): ThreadEntry {
  const link = tileLink(row);
  if (!link) throw new Error('not a post tile of the grid');
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
  const author = owner();
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
}
