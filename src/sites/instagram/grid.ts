/**
 * A profile grid's tiles (shared by the adapter, which gives every tile a capture control of its own, and by
 * profile-posts.ts, which reads them for "capture profile with posts"). Pure DOM reading; queries from ./selectors.
 *
 * A tile is a link to a post (/p/<code>/, /reel/<code>/, /tv/<code>/, newer layouts /<handle>/p/<code>/) holding its
 * thumbnail: an <img> on the Posts tab, a CSS background-image on the Reels tab (2025: no <img> at all).
 */
import { css, reservedPaths } from './selectors';

const ORIGIN = 'https://www.instagram.com';

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
