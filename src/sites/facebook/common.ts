/**
 * Reading helpers shared by the Facebook and Messenger adapters: text as shown, Facebook URL shapes, displayed
 * dates, the inline JSON Facebook ships with every page (who is logged in, actors, post ids, profile ids).
 * No CSS lives here: callers pass the selectors from their own registry.
 */
import type { Author, LinkRef } from '../../model/evidence';
import { months, reservedPaths, trackingParams } from './selectors';

export const FB_ORIGIN = 'https://www.facebook.com';

export function isFacebookHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'facebook.com' || h.endsWith('.facebook.com');
}

export function absUrl(href: string | null | undefined, base: string): URL | null {
  if (!href) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/** The URL without tracking parameters (__cft__, __tn__, fbclid, …) or fragment. */
export function cleanUrl(u: URL): string {
  const out = new URL(u.href);
  // forEach, not the iterator: URLSearchParams iterators are not iterable from Firefox content scripts.
  const drop: string[] = [];
  out.searchParams.forEach((_value, key) => {
    if (trackingParams.test(key)) drop.push(key);
  });
  for (const key of drop) out.searchParams.delete(key);
  out.hash = '';
  return out.href;
}

/** Facebook/Messenger wrap outbound links in l.facebook.com/l.php?u=<target>: return the real target. */
export function linkTarget(u: URL): string {
  const h = u.hostname.toLowerCase();
  if ((h === 'l.facebook.com' || h === 'lm.facebook.com' || h === 'l.messenger.com') && u.pathname === '/l.php') {
    const target = absUrl(u.searchParams.get('u'), 'https://invalid.invalid/');
    if (target && target.hostname !== 'invalid.invalid') return cleanUrl(target);
  }
  return cleanUrl(u);
}

export interface ProfileRef {
  handle?: string;
  accountId?: string;
  accountIdSource?: string;
  profileUrl: string;
}

/** What a link to a person or Page says about them, or null when the link is not a profile link. */
export function profileFromUrl(u: URL): ProfileRef | null {
  if (!isFacebookHost(u.hostname)) return null;
  const segs = u.pathname.split('/').filter(Boolean);
  const first = segs[0]?.toLowerCase();
  if (!first) return null;
  if (first === 'profile.php') {
    const id = u.searchParams.get('id');
    return id && /^\d+$/.test(id) ? { accountId: id, accountIdSource: 'profile link (profile.php?id=)', profileUrl: `${FB_ORIGIN}/profile.php?id=${id}` } : null;
  }
  if (first === 'people' && segs.length >= 3 && /^\d+$/.test(segs[2]!)) {
    return { accountId: segs[2]!, accountIdSource: 'profile link (/people/<name>/<id>)', profileUrl: `${FB_ORIGIN}/people/${segs[1]}/${segs[2]}/` };
  }
  if (first === 'groups' && segs[2] === 'user' && segs[3] && /^\d+$/.test(segs[3])) {
    return { accountId: segs[3], accountIdSource: 'group member link (/groups/<group>/user/<id>/)', profileUrl: `${FB_ORIGIN}/groups/${segs[1]}/user/${segs[3]}/` };
  }
  if (segs.length === 1 && !reservedPaths.includes(first) && /^[A-Za-z0-9.-]+$/.test(segs[0]!)) {
    if (/^\d+$/.test(segs[0]!)) return { accountId: segs[0]!, accountIdSource: 'profile link (numeric path)', profileUrl: `${FB_ORIGIN}/${segs[0]}` };
    return { handle: segs[0]!, profileUrl: `${FB_ORIGIN}/${segs[0]}` };
  }
  return null;
}

const BLOCK = new Set(['div', 'p', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'table', 'tr']);

/** Text as shown: emoji images become their alt text, blocks and <br> become line breaks. */
export function textOf(root: Node, skip?: (el: Element) => boolean): string {
  let out = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 3) {
      out += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'svg') return;
    if (skip?.(el)) return;
    if (tag === 'img') {
      out += el.getAttribute('alt') ?? '';
      return;
    }
    if (tag === 'br') {
      out += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block && out && !out.endsWith('\n')) out += '\n';
    for (const c of Array.from(el.childNodes)) walk(c);
    if (block && out && !out.endsWith('\n')) out += '\n';
  };
  walk(root);
  return out
    .replace(/[ \t\r\f]{2,}/g, ' ')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Links under `root` (outbound links unwrapped, tracking stripped). */
export function linksIn(els: Iterable<Element>, base: string): LinkRef[] {
  const out: LinkRef[] = [];
  for (const a of els) {
    const u = absUrl(a.getAttribute('href'), base);
    if (!u || !/^https?:$/.test(u.protocol)) continue;
    out.push({ text: textOf(a), href: linkTarget(u) });
  }
  return out;
}

/**
 * A displayed date ("Tuesday, November 17, 2026 at 9:12 PM", "19 de noviembre de 2026 a las 21:12",
 * "Nov 17, 2026, 9:40 PM") → ISO-8601 UTC, only when it names day, month, year and time of day. Facebook formats
 * these in the viewing device's time zone, so that is the zone used. Relative or partial dates → undefined.
 */
export function parseDisplayedDate(label: string | null | undefined): string | undefined {
  if (!label) return undefined;
  const s = label.normalize('NFC').replace(/[\u00a0\u202f]/g, ' ').toLowerCase();
  const year = s.match(/\b(19\d{2}|20\d{2})\b/);
  const time = s.match(/\b(\d{1,2})[:h](\d{2})\b(?:\s*([ap])\.?\s?m\.?)?/);
  if (!year || !time) return undefined;
  const tokens = s.split(/[^\p{L}\d]+/u).filter(Boolean);
  let month = 0;
  let day = 0;
  for (let i = 0; i < tokens.length && !month; i++) {
    const m = months[tokens[i]!];
    if (!m) continue;
    const candidates = [tokens[i + 1], tokens[i - 1], tokens[i - 1] === 'de' ? tokens[i - 2] : undefined];
    for (const c of candidates) {
      if (c && /^\d{1,2}$/.test(c) && Number(c) >= 1 && Number(c) <= 31) {
        month = m;
        day = Number(c);
        break;
      }
    }
  }
  if (!month) return undefined;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const ampm = time[3];
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  const y = Number(year[1]);
  const d = new Date(y, month - 1, day, hour, minute, 0, 0);
  if (d.getFullYear() !== y || d.getMonth() !== month - 1 || d.getDate() !== day) return undefined;
  return d.toISOString();
}

/** A comment id from a URL: numeric, or base64 "comment:<postId>_<commentId>" (newer links) → the numeric part. */
export function decodeCommentId(raw: string): string {
  if (/^\d+$/.test(raw)) return raw;
  try {
    const m = atob(raw).match(/^comment:(\d+)_(\d+)$/);
    if (m) return m[2]!;
  } catch {
    /* not base64 */
  }
  return raw;
}

// ------------------------------------------------------------------------------------------ inline page JSON

export interface Actor {
  type: 'User' | 'Page';
  id: string;
  name?: string;
  url?: string;
}

export interface PageData {
  /** Logged-in account from CurrentUserInitialData (USER_ID "0" or absent → logged out). */
  viewerId?: string;
  viewerName?: string;
  /** Every id the page gives for the viewer (USER_ID, ACCOUNT_ID, actorID, viewerID, ids under a "viewer" object). */
  viewerIds: Set<string>;
  /** True when CurrentUserInitialData was found (so the logged-in state is known). */
  sawCurrentUser: boolean;
  actors: Actor[];
  /** post_id values with the permalink they sit next to. */
  posts: { postId: string; url?: string }[];
  /** userID values (profile pages) with the userVanity next to them, viewer ids excluded. */
  userIds: { userID: string; userVanity?: string }[];
  /**
   * Stories (posts) as the page JSON describes them, their pieces merged by the story's own id: post_id, the
   * permalink, the authors' ids, the text and the creation time (a unix time in the story's timestamp section).
   */
  stories: Story[];
  /** A comment's or reply's own creation time (ISO-8601) by its numeric id, from the JSON next to its permalink. */
  commentTimes: Map<string, string>;
  /** "pageID" values (a Page's profile), viewer ids excluded. */
  pageIds: Set<string>;
}

export interface Story {
  id: string;
  postId?: string;
  url?: string;
  actorIds: string[];
  text?: string;
  /** ISO-8601 UTC. */
  time?: string;
  /** A reel's (short-form video's) id, as in /reel/<id>. */
  videoId?: string;
}

const MAX_JSON = 4_000_000;
const cache = new WeakMap<Document, { count: number; data: PageData }>();
const isDigits = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v);

export function readPageData(doc: Document, jsonCss: string): PageData {
  const scripts = Array.from(doc.querySelectorAll(jsonCss));
  const hit = cache.get(doc);
  if (hit && hit.count === scripts.length) return hit.data;
  const data: PageData = { viewerIds: new Set(), sawCurrentUser: false, actors: [], posts: [], userIds: [], stories: [], commentTimes: new Map(), pageIds: new Set() };
  const userIds: { userID: string; userVanity?: string }[] = [];
  const stories = new Map<string, Story>();
  const story = (id: string): Story => {
    const known = stories.get(id);
    if (known) return known;
    const st: Story = { id, actorIds: [] };
    stories.set(id, st);
    return st;
  };
  for (const s of scripts) {
    const text = s.textContent ?? '';
    if (!text || text.length > MAX_JSON) continue;
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      continue;
    }
    const stack: { v: unknown; viewer: number }[] = [{ v: root, viewer: 0 }];
    let steps = 0;
    while (stack.length && steps++ < 500_000) {
      const { v, viewer } = stack.pop()!;
      if (Array.isArray(v)) {
        if (v[0] === 'CurrentUserInitialData' && v[2] && typeof v[2] === 'object') {
          const cu = v[2] as Record<string, unknown>;
          data.sawCurrentUser = true;
          if (isDigits(cu.USER_ID) && cu.USER_ID !== '0') {
            data.viewerId = cu.USER_ID;
            data.viewerIds.add(cu.USER_ID);
            if (typeof cu.NAME === 'string' && cu.NAME) data.viewerName = cu.NAME;
          }
          if (isDigits(cu.ACCOUNT_ID) && cu.ACCOUNT_ID !== '0') data.viewerIds.add(cu.ACCOUNT_ID);
        }
        for (const x of v) if (x && typeof x === 'object') stack.push({ v: x, viewer: viewer > 0 ? viewer - 1 : 0 });
        continue;
      }
      if (!v || typeof v !== 'object') continue;
      const o = v as Record<string, unknown>;
      for (const k of ['actorID', 'viewerID', 'USER_ID', 'ACCOUNT_ID'] as const) if (isDigits(o[k]) && o[k] !== '0') data.viewerIds.add(o[k] as string);
      if (viewer > 0) {
        for (const k of ['id', 'userID'] as const) if (isDigits(o[k])) data.viewerIds.add(o[k] as string);
      }
      if ((o.__typename === 'User' || o.__typename === 'Page') && isDigits(o.id) && viewer === 0) {
        data.actors.push({ type: o.__typename, id: o.id, ...(typeof o.name === 'string' ? { name: o.name } : {}), ...(typeof o.url === 'string' ? { url: o.url } : {}) });
      }
      if (isDigits(o.post_id)) {
        const url = typeof o.permalink_url === 'string' ? o.permalink_url : typeof o.url === 'string' ? o.url : undefined;
        data.posts.push({ postId: o.post_id, ...(url ? { url } : {}) });
      }
      if (o.__typename === 'Story' && typeof o.id === 'string' && o.id) {
        const st = story(o.id);
        if (isDigits(o.post_id)) st.postId ??= o.post_id;
        if (typeof o.url === 'string' && o.url) st.url ??= o.url;
        if (Array.isArray(o.actors)) {
          for (const a of o.actors) {
            const id = a && typeof a === 'object' ? (a as Record<string, unknown>).id : undefined;
            if (isDigits(id) && !st.actorIds.includes(id)) st.actorIds.push(id);
          }
        }
        const m = o.message && typeof o.message === 'object' ? (o.message as Record<string, unknown>).text : undefined;
        if (typeof m === 'string' && m) st.text ??= m;
      }
      if (isDigits(o.post_id) && typeof o.creation_time === 'number' && typeof o.id === 'string' && o.id && o.__typename !== 'Story') {
        // A reel's creation story: { id, post_id, creation_time, message, short_form_video_context: { video: { id } } }.
        const sfv = o.short_form_video_context && typeof o.short_form_video_context === 'object' ? (o.short_form_video_context as Record<string, unknown>).video : undefined;
        const vid = sfv && typeof sfv === 'object' ? (sfv as Record<string, unknown>).id : undefined;
        if (isDigits(vid)) {
          const st = story(o.id);
          st.postId ??= o.post_id;
          st.videoId ??= vid;
          st.time ??= new Date(o.creation_time * 1000).toISOString();
          const m = o.message && typeof o.message === 'object' ? (o.message as Record<string, unknown>).text : undefined;
          if (typeof m === 'string' && m) st.text ??= m;
        }
      }
      if (typeof o.creation_time === 'number' && typeof o.id === 'string' && o.id && typeof o.url === 'string') {
        // The story's timestamp section: { creation_time, url, id } (the id is the story's own).
        const st = story(o.id);
        st.time ??= new Date(o.creation_time * 1000).toISOString();
        st.url ??= o.url;
      }
      if (typeof o.created_time === 'number' && typeof o.url === 'string' && o.url.includes('comment_id=')) {
        const u = absUrl(o.url, FB_ORIGIN);
        const raw = u?.searchParams.get('reply_comment_id') ?? u?.searchParams.get('comment_id');
        if (raw) {
          const id = decodeCommentId(raw);
          if (!data.commentTimes.has(id)) data.commentTimes.set(id, new Date(o.created_time * 1000).toISOString());
        }
      }
      if (isDigits(o.pageID) && o.pageID !== '0' && viewer === 0) data.pageIds.add(o.pageID);
      if (isDigits(o.userID) && viewer === 0) userIds.push({ userID: o.userID, ...(typeof o.userVanity === 'string' && o.userVanity ? { userVanity: o.userVanity } : {}) });
      for (const [k, x] of Object.entries(o)) {
        if (x && typeof x === 'object') stack.push({ v: x, viewer: k === 'viewer' ? 3 : viewer > 0 ? viewer - 1 : 0 });
      }
    }
  }
  // Viewer ids are known only after every script is read: drop them from the other lists now.
  data.userIds = userIds.filter((u) => !data.viewerIds.has(u.userID));
  data.actors = data.actors.filter((a) => !data.viewerIds.has(a.id));
  data.stories = Array.from(stories.values()).filter((st) => st.postId || st.time);
  for (const id of data.viewerIds) data.pageIds.delete(id);
  cache.set(doc, { count: scripts.length, data });
  return data;
}

/** The logged-in viewer as an author (for Messenger's sent messages), as far as the page tells. */
export interface Viewer {
  id?: string;
  name?: string;
  handle?: string;
  profileUrl?: string;
  loggedOut: boolean;
}

/**
 * Reads the viewer: id and name from the page JSON; vanity from the "Your profile" link, or else from the
 * navigation link that carries their name.
 */
export function readViewer(doc: Document, data: PageData, navLinkCss: string, yourProfileCss?: string): Viewer {
  const v: Viewer = { loggedOut: data.sawCurrentUser && !data.viewerId };
  if (data.viewerId) v.id = data.viewerId;
  if (data.viewerName) v.name = data.viewerName;
  if (!data.viewerId) return v;
  const candidates = [
    ...(yourProfileCss ? Array.from(doc.querySelectorAll(yourProfileCss)) : []),
    ...Array.from(doc.querySelectorAll(navLinkCss)).filter((a) => !!data.viewerName && textOf(a) === data.viewerName),
  ];
  for (const a of candidates) {
    const u = absUrl(a.getAttribute('href'), FB_ORIGIN);
    const p = u && profileFromUrl(u);
    if (p) {
      if (p.handle) v.handle = p.handle;
      v.profileUrl = p.profileUrl;
      break;
    }
  }
  return v;
}

/** True when `author` (read from a link) is the logged-in viewer. */
export function isViewer(author: Author | undefined, viewer: Viewer): boolean {
  if (!author) return false;
  if (author.accountId && viewer.id && author.accountId === viewer.id) return true;
  if (author.handle && viewer.handle && author.handle.toLowerCase() === viewer.handle.toLowerCase()) return true;
  return false;
}

/** Normalised profile URL key for matching actors to links (host-insensitive, no trailing slash, lower case). */
export function profileKey(url: string | undefined): string | undefined {
  const u = absUrl(url, FB_ORIGIN);
  if (!u) return undefined;
  const p = profileFromUrl(u);
  if (!p) return undefined;
  return p.profileUrl.replace(/\/$/, '').toLowerCase();
}

/** Whether an element is drawn (not [hidden], not aria-hidden, not display:none / visibility:hidden). */
export function isShown(el: Element): boolean {
  if (el.closest('[hidden]') || el.closest('[aria-hidden="true"]')) return false;
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle ? view.getComputedStyle(el) : null;
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}

/** An element's label as a person reads it: aria-label, else its text (whitespace collapsed). */
export function labelOf(el: Element): string {
  return (el.getAttribute('aria-label') || textOf(el)).replace(/\s+/g, ' ').trim();
}
