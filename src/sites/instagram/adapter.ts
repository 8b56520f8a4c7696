/**
 * Instagram (www.instagram.com) site adapter: a pure DOM reader for post and reel pages (post, comments, replies),
 * profile pages and direct-message conversations. Every CSS string comes from ./selectors.ts.
 *
 * Design notes (why it reads the page the way it does):
 * - The page URL decides what the page is. link[rel=canonical]/og:url describe the page as first served and go stale
 *   after in-app navigation, so they only confirm (profile id) and never override the URL.
 * - Comment rows are found from their permalinks (`/p/<code>/c/<id>/` around a <time datetime>): the row is the
 *   largest ancestor holding no other item's time. Comments and their replies share one "thread" element in the
 *   comment list; the first comment of a thread is the top-level one, the rest are its replies.
 * - The logged-in viewer's own account appears in the navigation, outside <main>; it is read only to tell the viewer's
 *   side of a conversation and to keep the viewer's numeric id from being taken as a profile's id.
 * - Direct messages carry no sender attribute. The viewer's messages are right-aligned (justify-content: flex-end);
 *   the other side shows an avatar link on the last message of a run. Every DM record says how its sender was derived.
 */
import type { Author, ExtractedContent, LinkRef, MediaRef, ReportRoute } from '../../model/evidence';
import { shownText, showsToken } from '../start-marker';
import type { CaptureTarget, ExtractContext, SiteAdapter, ThreadContainer } from '../types';
import { instagramDescriptor } from './descriptor';
import { gridTiles, readTile, tileLink } from './grid';
import { css, reservedPaths, selectors, words } from './selectors';
import { mediaIdOfShortcode } from './shortcode';
import { routeItemOf, routesFor } from '../../reporting/routes';
import { instagramRoutes } from './routes';

const ORIGIN = 'https://www.instagram.com';
const HANDLE_RE = /^[A-Za-z0-9._]{1,30}$/;
const ITEM_PATH_RE = /^\/(?:[A-Za-z0-9._]{1,30}\/)?(p|reel|reels|tv)\/([A-Za-z0-9_-]{5,})\/(?:c\/(\d+)\/(?:r\/(\d+)\/)?)?$/;

// ------------------------------------------------------------------------------------------------ routes

type Route =
  | { type: 'post'; section: 'p' | 'reel'; code: string }
  | { type: 'profile'; handle: string }
  | { type: 'dm'; threadId: string }
  | { type: 'other' };

/** What kind of Instagram page a URL is. */
export function routeOf(url: URL): Route {
  const path = url.pathname;
  const post = /^\/(?:[A-Za-z0-9._]{1,30}\/)?(p|reel|reels|tv)\/([A-Za-z0-9_-]{5,})(?:\/|$)/.exec(path);
  if (post?.[2]) return { type: 'post', section: post[1] === 'reel' || post[1] === 'reels' ? 'reel' : 'p', code: post[2] };
  const dm = /^\/direct\/t\/([A-Za-z0-9_-]+)(?:\/|$)/.exec(path);
  if (dm?.[1]) return { type: 'dm', threadId: dm[1] };
  const profile = /^\/([A-Za-z0-9._]{1,30})\/(?:(?:reels|tagged|saved|guides|feed|followers|following)\/?)?$/.exec(path);
  if (profile?.[1] && !reservedPaths.includes(profile[1].toLowerCase())) return { type: 'profile', handle: profile[1] };
  return { type: 'other' };
}

// ------------------------------------------------------------------------------------------------ small helpers

const qsa = (root: ParentNode, selector: string): Element[] => Array.from(root.querySelectorAll(selector));

function absolute(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, ORIGIN).href;
  } catch {
    return undefined;
  }
}

/** Absolute link target; Instagram's outbound redirector (l.instagram.com/?u=…) is resolved to its real target. */
function linkTarget(href: string | null): string | undefined {
  const abs = absolute(href);
  if (!abs) return undefined;
  try {
    const u = new URL(abs);
    if (u.hostname === 'l.instagram.com') {
      const real = u.searchParams.get('u');
      if (real && /^https?:\/\//i.test(real)) return real;
    }
  } catch {
    /* keep abs */
  }
  return abs;
}

/** The handle a link points to when it is a plain profile link (/<handle>/), else undefined. */
function handleFromHref(href: string | null): string | undefined {
  if (!href) return undefined;
  let u: URL;
  try {
    u = new URL(href, ORIGIN);
  } catch {
    return undefined;
  }
  if (u.hostname !== 'www.instagram.com' && u.hostname !== 'instagram.com') return undefined;
  const m = /^\/([A-Za-z0-9._]{1,30})\/?$/.exec(u.pathname);
  if (!m?.[1] || reservedPaths.includes(m[1].toLowerCase())) return undefined;
  return m[1];
}

const profileUrl = (handle: string): string => `${ORIGIN}/${handle}/`;

function isButton(el: Element): boolean {
  return el.matches(css('button'));
}

/** Text as shown: text nodes, <br> as line breaks, emoji images as their alt; buttons, icons and scripts skipped. */
function textOf(el: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      out += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    const tag = e.tagName.toLowerCase();
    if (tag === 'br') {
      out += '\n';
      return;
    }
    if (tag === 'img') {
      out += e.getAttribute('alt') ?? '';
      return;
    }
    if (tag === 'svg' || tag === 'script' || tag === 'style' || tag === 'template' || isButton(e)) return;
    for (const child of Array.from(e.childNodes)) walk(child);
  };
  for (const child of Array.from(el.childNodes)) walk(child);
  return out.replace(/\u00a0/g, ' ').trim();
}

function linksIn(el: Element): LinkRef[] {
  const out: LinkRef[] = [];
  for (const a of qsa(el, css('anyLink'))) {
    const href = linkTarget(a.getAttribute('href'));
    if (!href || a.getAttribute('href') === '#') continue;
    out.push({ text: textOf(a), href });
  }
  return out;
}

function isProfilePictureAlt(alt: string | null): boolean {
  return !!alt && words.profilePictureAlt.some((re) => re.test(alt.trim()));
}

/** An avatar: a profile picture (by its alt text) or any picture inside a link to a profile. */
function isAvatar(img: Element): boolean {
  if (isProfilePictureAlt(img.getAttribute('alt'))) return true;
  const a = img.closest(css('anyLink'));
  return !!a && !!handleFromHref(a.getAttribute('href'));
}

function mediaRef(el: Element): MediaRef[] {
  const tag = el.tagName.toLowerCase();
  if (tag === 'img') {
    const url = absolute(el.getAttribute('src'));
    if (!url) return [];
    const alt = el.getAttribute('alt');
    return [alt ? { url, type: 'image', alt } : { url, type: 'image' }];
  }
  if (tag === 'video') {
    const out: MediaRef[] = [];
    const src = el.getAttribute('src');
    const url = src?.startsWith('blob:') ? src : absolute(src);
    if (url) out.push({ url, type: 'video' });
    const poster = absolute(el.getAttribute('poster'));
    if (poster) out.push({ url: poster, type: 'image', alt: 'video cover image (poster)' });
    return out;
  }
  return [];
}

/** How many levels `el` sits below `ancestor` (-1 when it is not inside it). */
function depthBelow(el: Element, ancestor: Element | null): number {
  let d = 0;
  for (let cur: Element | null = el; cur; cur = cur.parentElement, d++) if (cur === ancestor) return d;
  return -1;
}

function lowestCommonAncestor(els: Element[]): Element | null {
  let anc: Element | null = els[0] ?? null;
  for (const e of els.slice(1)) {
    while (anc && !anc.contains(e)) anc = anc.parentElement;
  }
  return anc;
}

/** The child of `ancestor` that contains `el` (or el itself when it is a direct child). */
function childOf(ancestor: Element, el: Element): Element {
  let cur = el;
  while (cur.parentElement && cur.parentElement !== ancestor) cur = cur.parentElement;
  return cur;
}

const unique = <T>(xs: T[]): T[] => Array.from(new Set(xs));

function dedupeMedia(list: MediaRef[]): MediaRef[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    if (seen.has(m.url)) return false;
    seen.add(m.url);
    return true;
  });
}

// ------------------------------------------------------------------------------------------------ page state

interface PageState {
  main: Element | null;
  /** The logged-in viewer's handle, from the navigation's profile link (outside <main>). */
  viewer?: string;
  loggedOut: boolean;
  /** The "Sorry, this page isn't available." text, when the page shows it. */
  unavailableText?: string;
}

function pageState(doc: Document): PageState {
  const main = doc.querySelector(css('main'));
  let viewer: string | undefined;
  for (const img of qsa(doc, css('navAvatarImage'))) {
    if (main?.contains(img) || img.closest(css('dialog'))) continue;
    const h = handleFromHref(img.closest(css('anyLink'))?.getAttribute('href') ?? null);
    if (h) {
      viewer = h;
      break;
    }
  }
  let unavailableText: string | undefined;
  for (const el of qsa(doc, css('unavailableText'))) {
    const t = (el.textContent ?? '').trim();
    if (t.length < 80 && words.unavailable.some((w) => t === w || t === `${w}.`)) {
      unavailableText = t;
      break;
    }
  }
  const loggedOut = !viewer && !!doc.querySelector(css('loginLink'));
  return { main, viewer, loggedOut, unavailableText };
}

const LOGGED_OUT_WARNING = 'Viewed while logged out: Instagram shows logged-out visitors only part of the comments and replies.';

// ------------------------------------------------------------------------------------------------ posts

interface CommentInfo {
  link: Element;
  time: Element;
  row: Element;
  thread: Element;
  id: string;
  parentId?: string;
  isReply: boolean;
  permalink: string;
}

interface PostInfo {
  scope: Element;
  postEl: Element;
  section: 'p' | 'reel';
  code: string;
  postTimes: Element[];
  captionRow?: Element;
  captionText?: Element;
  headerLink?: Element;
  author?: string;
  media: Element[];
  comments: CommentInfo[];
  /** The Reels viewer (a page of reels one above the other, no time, no comment): one unit per reel, in order. */
  feed?: Element[];
}

/**
 * What the last whole-page analysis of a post page learnt about its comment list, so comments the site adds later
 * can be placed (comment or reply, which thread) without analysing the whole page again. Derived data only: a
 * whole-page scan always recomputes it.
 */
interface CommentLayout {
  code: string;
  scope: Element;
  list: Element | null;
  useDepth: boolean;
  firstInThread: Map<Element, string>;
  /** The row that opened each thread (a thread's later rows are its replies). */
  firstRow: Map<Element, Element>;
  /** Rows already recognised (a new row beside one is a row too, without searching its neighbour again). */
  rows: WeakSet<Element>;
}
const layouts = new WeakMap<Document, CommentLayout>();

/**
 * The comments and replies in or around `roots` (subtrees added since the last scan), classified as the whole-page
 * analysis would; null whenever that cannot be done cheaply and safely (not a post page, a new caption, a comment
 * outside the known list, the no-caption depth layout).
 */
function findCommentsIn(roots: readonly Element[], ctx: ExtractContext): CaptureTarget[] | null {
  const route = routeOf(ctx.url);
  if (route.type !== 'post') return null;
  const layout = layouts.get(ctx.document);
  if (!layout || layout.code !== route.code || layout.useDepth || !layout.list?.isConnected || !layout.scope.isConnected) return null;
  const { scope, list } = layout;
  const timeSel = css('timeLink');
  const mediaSel = `${css('image')}, ${css('video')}`;
  const own = (time: Element) => parseItemHref(timeAnchor(time)?.getAttribute('href') ?? null)?.code === route.code;
  const ownIn = (el: Element) => {
    const firstTime = el.matches(timeSel) ? el : el.querySelector(timeSel);
    if (!firstTime) return false;
    return own(firstTime) || qsa(el, timeSel).some(own);
  };
  const isMedia = isPostMedia;
  const hasMedia = (el: Element) => !!el.querySelector(mediaSel) && qsa(el, mediaSel).some(isMedia);
  /**
   * Whether `el`'s parent holds a time of this post outside `el` (its neighbours first: rows sit side by side). A
   * neighbour already known as a row answers at once; only an unknown one is searched.
   */
  const neighbourHasOwn = (el: Element) => {
    const parent = el.parentElement;
    if (!parent || parent === scope) return true;
    const prev = el.previousElementSibling;
    const next = el.nextElementSibling;
    if ((prev && layout.rows.has(prev)) || (next && layout.rows.has(next))) return true;
    for (const sib of [prev, next]) if (sib && ownIn(sib)) return true;
    return null;
  };
  // rowOf, computed locally: climb while the parent holds no other time of this post and no post media.
  const rowOf = (link: Element): Element => {
    let cur = link;
    for (let parent = cur.parentElement; parent && parent !== scope; parent = cur.parentElement) {
      let other = false;
      for (const child of parent.children) {
        if (child !== cur && ownIn(child)) {
          other = true;
          break;
        }
      }
      if (other || hasMedia(parent)) break;
      cur = parent;
    }
    return cur;
  };
  const out: CaptureTarget[] = [];
  const rows = new Set<Element>();
  // One walk of each new subtree finds both its times and its media (two separate walks cost twice as much in a
  // stream of thousands of rows); a time is told from media by its tag, then confirmed against its selector.
  const timeOrMediaSel = `${timeSel}, ${mediaSel}`;
  for (const root of roots) {
    if (!scope.contains(root)) {
      if (root.contains(scope)) return null;
      continue;
    }
    let times: Element[];
    let rootHasMedia = false;
    if (root.matches(timeSel)) times = [root];
    else {
      times = [];
      for (const el of root.querySelectorAll(timeOrMediaSel)) {
        if (el.localName === 'time' && el.matches(timeSel)) times.push(el);
        else if (!rootHasMedia && isMedia(el)) rootHasMedia = true;
      }
    }
    if (!times.some(own)) {
      // A late piece of a row (its text, a reply button): the row is the nearest ancestor holding one time of this
      // post; an ancestor holding several is the list itself (nothing new in a row).
      for (let anc = root.parentElement; anc && anc !== scope; anc = anc.parentElement) {
        const found = qsa(anc, timeSel).filter(own);
        if (found.length === 0) continue;
        times = found.length === 1 ? found : [];
        break;
      }
    }
    for (const time of times) {
      if (!own(time)) continue;
      const link = timeAnchor(time);
      if (!link) continue;
      const parsed = parseItemHref(link.getAttribute('href'));
      if (!parsed) continue;
      if (!parsed.commentId) return null; // the caption or the post's own time: the post itself changed
      // The usual case, a whole row added: its only time, no post media in it, and a neighbour that is a row too.
      const row = times.length === 1 && times[0] === time && time !== root && !rootHasMedia && neighbourHasOwn(root) === true ? root : rowOf(link);
      if (rows.has(row)) continue;
      rows.add(row);
      layout.rows.add(row);
      if (!list || list === row || !list.contains(row)) return null;
      const id = parsed.replyId ?? parsed.commentId;
      const thread = childOf(list, row);
      let parentId = parsed.replyId ? parsed.commentId : undefined;
      const first = layout.firstInThread.get(thread);
      if (!parentId) {
        if (first === undefined) {
          layout.firstInThread.set(thread, id);
          layout.firstRow.set(thread, row);
        } else if (layout.firstRow.get(thread) !== row) parentId = first;
      } else if (first === undefined) layout.firstInThread.set(thread, parentId);
      out.push({ element: row, kind: parentId ? 'reply' : 'comment' });
    }
  }
  return out;
}

type ItemHref = { code: string; commentId?: string; replyId?: string };
/** Parsed hrefs, remembered (a streaming comment list asks about the same links again and again); bounded. */
const parsedHrefs = new Map<string, ItemHref | undefined>();

function parseItemHref(href: string | null): ItemHref | undefined {
  if (href === null) return undefined;
  if (parsedHrefs.has(href)) {
    const known = parsedHrefs.get(href);
    return known && { ...known };
  }
  const parsed = parseItemHrefUncached(href);
  if (parsedHrefs.size >= 4096) parsedHrefs.clear();
  parsedHrefs.set(href, parsed);
  return parsed && { ...parsed };
}

function parseItemHrefUncached(href: string | null): ItemHref | undefined {
  const abs = absolute(href);
  if (!abs) return undefined;
  const u = new URL(abs);
  if (u.hostname !== 'www.instagram.com' && u.hostname !== 'instagram.com') return undefined;
  const m = ITEM_PATH_RE.exec(u.pathname);
  if (!m?.[2]) return undefined;
  return { code: m[2], commentId: m[3], replyId: m[4] };
}

/** The link a time sits in (directly, or through a span: the post's own time on 2025-2026 pages). */
function timeAnchor(time: Element): Element | null {
  const parent = time.parentElement;
  if (parent?.localName === 'a') return parent;
  return time.closest(css('anyLink'));
}

/** A photo or video of the post itself: not an avatar, not a thumbnail in a link, not a picture in a link-like control. */
function isPostMedia(el: Element): boolean {
  if (el.localName === 'video') return true;
  return !isAvatar(el) && !el.closest(css('anyLink')) && !el.closest(css('linkRole'));
}

/**
 * The text element of a caption/comment row: a dir=auto text outside links and buttons that holds neither the time
 * nor the author's link (on 2025-2026 pages one dir=auto span wraps the author's name, another the time link).
 */
function rowTextElement(row: Element, authorLink?: Element): Element | undefined {
  // A caption heading first (the narrow layout's h1 sits in a dir=auto span that also holds "… more").
  const heading = qsa(row, css('captionHeading')).find((el) => !el.closest(css('anyLink')) && !el.closest(css('button')) && textOf(el) !== '');
  if (heading) return heading;
  return qsa(row, css('rowText')).find(
    (el) =>
      !el.closest(css('anyLink')) && !el.closest(css('button')) && !el.querySelector(css('time')) && !(authorLink && el.contains(authorLink)) && textOf(el) !== '',
  );
}

/**
 * The text of a row laid out as a header (author and time) followed by the text, with no dir=auto mark on the text
 * itself (the caption row of 2025-2026 post pages): what follows the lowest block holding the author and the time.
 */
function textAfterHeader(row: Element, authorLink: Element, time: Element): Element | undefined {
  const header = lowestCommonAncestor([authorLink, time]);
  if (!header || !row.contains(header)) return undefined;
  for (let el = header.nextElementSibling; el; el = el.nextElementSibling) {
    if (el.matches(css('button')) || el.querySelector(css('time'))) continue;
    if (textOf(el) !== '') return el;
  }
  return undefined;
}

/** The caption/comment text of a row: a marked text element, else what follows its header. */
function rowText(row: Element, time: Element | undefined): Element | undefined {
  const author = rowAuthorLink(row);
  return rowTextElement(row, author) ?? (author && time ? textAfterHeader(row, author, time) : undefined);
}

/** The first link in `row` to a profile that shows a name (not just a picture), else any profile link. */
function rowAuthorLink(row: Element): Element | undefined {
  const links = qsa(row, css('profileLink')).filter((a) => handleFromHref(a.getAttribute('href')));
  return links.find((a) => (a.textContent ?? '').trim() !== '') ?? links[0];
}

/** The account of a reel's author link (/<handle>/reels/ in the Reels viewer). */
function reelsLinkHandle(a: Element): string | undefined {
  const m = /^\/([A-Za-z0-9._]{1,30})\/reels\/?$/.exec(a.getAttribute('href') ?? '');
  return m?.[1] && !reservedPaths.includes(m[1].toLowerCase()) ? m[1] : undefined;
}

/**
 * The reels of the Reels viewer (2026: /<handle>/reel/<code>/ opened from the Reels tab shows reels one above the
 * other, each a video with its author's /<handle>/reels/ link and a clamped caption, no time and no comment): for each
 * video, the largest block holding no other video, when it holds exactly one author link of that kind.
 */
function reelUnits(scope: Element): Element[] {
  const videos = qsa(scope, css('video'));
  if (videos.length === 0) return [];
  const units: Element[] = [];
  for (const video of videos) {
    let unit = video;
    for (let parent = unit.parentElement; parent && parent !== scope && parent.querySelectorAll(css('video')).length === 1; parent = parent.parentElement) {
      unit = parent;
    }
    const authors = qsa(unit, css('reelsAuthorLink')).filter((a) => reelsLinkHandle(a));
    if (authors.length !== 1) return [];
    units.push(unit);
  }
  return units;
}

/** Text as shown, without what is hidden from assistive technology (the "… more" of a clamped caption). */
function visibleTextOf(el: Element): string {
  const clone = el.cloneNode(true) as Element;
  for (const hidden of qsa(clone, css('hiddenSubtree'))) hidden.remove();
  return textOf(clone);
}

function extractFeedReel(info: PostInfo, unit: Element, doc: Document, state: PageState): ExtractedContent {
  const units = info.feed ?? [];
  const warnings: string[] = [];
  const authorLink = qsa(unit, css('reelsAuthorLink')).find((a) => reelsLinkHandle(a));
  const handle = authorLink ? reelsLinkHandle(authorLink) : undefined;
  const captionEl = qsa(unit, css('reelsCaption')).find((el) => !el.closest(css('anyLink')) && visibleTextOf(el) !== '');
  const text = captionEl ? visibleTextOf(captionEl) : undefined;
  const media = dedupeMedia(qsa(unit, css('video')).flatMap(mediaRef));
  const content: ExtractedContent = { kind: 'post', platform: 'instagram', links: captionEl ? linksIn(captionEl) : [], media, method: 'adapter', warnings };
  // Which reel this is: the inline JSON (as first served) names the reels it loaded with their authors; a reel is
  // known only when its author has exactly one reel there and one in the viewer.
  const data = embedded(doc);
  const sameAuthor = (h: string) => units.filter((u) => qsa(u, css('reelsAuthorLink')).some((a) => reelsLinkHandle(a)?.toLowerCase() === h.toLowerCase())).length;
  const jsonPosts = handle ? data.posts.filter((p) => p.author.username.toLowerCase() === handle.toLowerCase()) : [];
  const known = handle && jsonPosts.length === 1 && sameAuthor(handle) === 1 ? jsonPosts[0] : undefined;
  if (known) {
    content.permalink = `${ORIGIN}/reel/${known.code}/`;
    content.itemId = known.code;
  } else {
    warnings.push("The reel's own address is not on the page (the Reels viewer shows no link to each reel): open the reel by itself to capture its link, time and comments.");
  }
  if (handle) {
    content.author = withJson({ handle, profileUrl: profileUrl(handle) }, known?.author, 'inline page JSON: the reel\'s "user" (pk)');
  } else warnings.push("Could not find the reel's author on the page.");
  if (text) {
    content.text = text;
    if (captionEl && qsa(captionEl, css('hiddenSubtree')).length) warnings.push('The caption is shortened on the page (“… more”): only the part shown is kept.');
  }
  warnings.push('The Reels viewer shows no time for a reel.');
  if (media.some((m) => m.url.startsWith('blob:'))) {
    warnings.push("The video streams from a temporary blob: address: the video file itself is not in the page (Instagram's “Download your information” or a screen recording can keep it).");
  }
  if (state.loggedOut) warnings.push(LOGGED_OUT_WARNING);
  return content;
}

function analysePost(doc: Document, route: { section: 'p' | 'reel'; code: string }): PostInfo {
  const state = pageState(doc);
  const ownTimes = (root: ParentNode) =>
    qsa(root, css('timeLink')).filter((t) => parseItemHref(timeAnchor(t)?.getAttribute('href') ?? null)?.code === route.code);
  const dialog = qsa(doc, css('dialog')).find((d) => ownTimes(d).length > 0);
  const scope = dialog ?? state.main ?? doc.body ?? doc.documentElement;

  const times = ownTimes(scope);
  const links = times.map((t) => timeAnchor(t) as Element);
  // 2025-2026 pages draw the caption as the first row of the comment list, its time in no link.
  const unlinked = qsa(scope, css('time')).filter((t) => !t.closest(css('anyLink')));
  const counts = new Map<Element, number>();
  for (const a of [...links, ...unlinked]) {
    for (let cur = a.parentElement; cur && cur !== scope; cur = cur.parentElement) counts.set(cur, (counts.get(cur) ?? 0) + 1);
  }

  if (times.length === 0 && unlinked.length === 0) {
    const feed = reelUnits(scope);
    if (feed.length > 0) {
      return { scope, postEl: scope, section: route.section, code: route.code, postTimes: [], media: [], comments: [], feed };
    }
  }

  // Media: photos and videos that are neither avatars nor inside a link (grid thumbnails of other posts are links).
  const media = qsa(scope, `${css('image')}, ${css('video')}`).filter(isPostMedia);
  const mediaAncestors = new Set<Element>();
  for (const m of media) for (let cur = m.parentElement; cur && cur !== scope; cur = cur.parentElement) mediaAncestors.add(cur);

  const rowOf = (link: Element): Element => {
    let cur = link;
    while (cur.parentElement && cur.parentElement !== scope && counts.get(cur.parentElement) === 1 && !mediaAncestors.has(cur.parentElement)) {
      cur = cur.parentElement;
    }
    return cur;
  };

  const postTimes: Element[] = [];
  let captionRow: Element | undefined;
  let captionText: Element | undefined;
  const raw: { link: Element; time: Element; row: Element; id: string; parentId?: string }[] = [];
  times.forEach((time, i) => {
    const link = links[i] as Element;
    const parsed = parseItemHref(link.getAttribute('href'));
    if (!parsed) return;
    const row = rowOf(link);
    if (!parsed.commentId) {
      postTimes.push(time);
      const text = rowTextElement(row, rowAuthorLink(row));
      if (!captionRow && text && rowAuthorLink(row)) {
        captionRow = row;
        captionText = text;
      }
      return;
    }
    raw.push(parsed.replyId ? { link, time, row, id: parsed.replyId, parentId: parsed.commentId } : { link, time, row, id: parsed.commentId });
  });
  if (!captionRow) {
    // The caption row with its unlinked time: the first such row, before the comments, with an author and a text.
    const firstComment = raw[0]?.row;
    for (const time of unlinked) {
      if (firstComment && !(firstComment.compareDocumentPosition(time) & 2)) break; // DOCUMENT_POSITION_PRECEDING
      const row = rowOf(time);
      const text = rowText(row, time);
      if (text && rowAuthorLink(row)) {
        captionRow = row;
        captionText = text;
        break;
      }
    }
  }

  // Threads: children of the comment list (the lowest element holding every comment and the caption).
  let list = lowestCommonAncestor([...(captionRow ? [captionRow] : []), ...raw.map((c) => c.row)]);
  if (list && raw.length > 1) {
    // 2025-2026 pages keep the caption in a block of its own above the comments' block: when every comment sits in
    // one child of that list and that child holds several threads, it is the comment list (one thread holding replies
    // nests them deeper than its first comment, and stays one thread).
    // Threads are told by where their first comment's time link sits: at the same depth in every thread (replies,
    // once expanded, sit deeper inside their thread, and the row of a comment with replies shrinks to its own part).
    const rowsList = lowestCommonAncestor(raw.map((c) => c.row));
    if (rowsList && rowsList !== list && !(captionRow && rowsList.contains(captionRow))) {
      const shallowest = new Map<Element, number>();
      for (const c of raw) {
        const child = childOf(rowsList, c.row);
        shallowest.set(child, Math.min(shallowest.get(child) ?? Number.POSITIVE_INFINITY, depthBelow(c.link, rowsList)));
      }
      if (shallowest.size >= 2 && new Set(shallowest.values()).size === 1) list = rowsList;
    }
  }
  const threadOf = (row: Element): Element => (list && list !== row && list.contains(row) ? childOf(list, row) : row);
  const firstInThread = new Map<Element, string>();
  const firstRow = new Map<Element, Element>();
  const threadCount = new Set(raw.map((c) => threadOf(c.row))).size;
  const useDepth = !captionRow && threadCount === 1 && raw.length > 1;
  const depth = (el: Element) => {
    let d = 0;
    for (let cur: Element | null = el; cur && cur !== scope; cur = cur.parentElement) d++;
    return d;
  };
  const minDepth = Math.min(...raw.map((c) => depth(c.link)));
  let lastTop: string | undefined;
  const comments: CommentInfo[] = raw.map((c) => {
    const thread = threadOf(c.row);
    let parentId = c.parentId;
    if (!parentId) {
      if (useDepth) {
        if (depth(c.link) > minDepth) parentId = lastTop;
        else lastTop = c.id;
      } else {
        const first = firstInThread.get(thread);
        if (first === undefined) {
          firstInThread.set(thread, c.id);
          firstRow.set(thread, c.row);
        }
        else parentId = first;
      }
    } else if (!firstInThread.has(thread)) {
      firstInThread.set(thread, c.parentId ?? c.id);
    }
    const path = c.parentId ? `/${route.section === 'reel' ? 'reel' : 'p'}/${route.code}/c/${c.parentId}/r/${c.id}/` : undefined;
    const permalink = linkPermalink(c.link) ?? absolute(path) ?? `${ORIGIN}/p/${route.code}/c/${c.id}/`;
    return { link: c.link, time: c.time, row: c.row, thread, id: c.id, parentId, isReply: !!parentId, permalink };
  });

  layouts.set(doc, { code: route.code, scope, list, useDepth, firstInThread, firstRow, rows: new WeakSet(comments.map((c) => c.row)) });

  // The post element: the lowest element holding media, caption, the post's time and its comments.
  const parts = [media[0], captionRow, postTimes[0], comments[0]?.row].filter((x): x is Element => !!x);
  const postEl = parts.length >= 2 ? (lowestCommonAncestor(parts) ?? scope) : scope;

  // Header author: first profile link showing a name, outside rows and outside the media column.
  const rows = [captionRow, ...comments.map((c) => c.row)].filter((x): x is Element => !!x);
  const mediaColumns = media.filter((m) => postEl.contains(m) && m !== postEl).map((m) => childOf(postEl, m));
  const headerLink = qsa(postEl, css('profileLink')).find(
    (a) =>
      handleFromHref(a.getAttribute('href')) &&
      (a.textContent ?? '').trim() !== '' &&
      !rows.some((r) => r.contains(a)) &&
      !mediaColumns.some((col) => col.contains(a)),
  );
  const captionAuthor = captionRow ? handleFromHref(rowAuthorLink(captionRow)?.getAttribute('href') ?? null) : undefined;
  const author = captionAuthor ?? handleFromHref(headerLink?.getAttribute('href') ?? null);

  return {
    scope,
    postEl,
    section: route.section,
    code: route.code,
    postTimes,
    captionRow,
    captionText,
    headerLink,
    author,
    media: media.filter((m) => postEl.contains(m) && !rows.some((r) => r.contains(m))),
    comments,
  };
}

function linkPermalink(link: Element): string | undefined {
  const abs = absolute(link.getAttribute('href'));
  if (!abs) return undefined;
  const u = new URL(abs);
  return `${ORIGIN}${u.pathname}`;
}

function postPermalink(info: { section: 'p' | 'reel'; code: string }): string {
  return `${ORIGIN}/${info.section}/${info.code}/`;
}

/** "View replies (n)" in the comment's thread: n replies exist that the page has not loaded. */
function hiddenRepliesNote(thread: Element): string | undefined {
  for (const b of qsa(thread, css('button'))) {
    const t = (b.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!t) continue;
    for (const re of words.viewReplies) {
      const m = re.exec(t);
      if (m?.[1]) return `${m[1]} more replies are not loaded (the page shows “${t}”); open them before capturing to keep them.`;
    }
    if ((words.hideReplies as readonly string[]).includes(t)) continue;
    const generic = /\((\d[\d,.]*)\)\s*$/.exec(t);
    if (generic?.[1] && !/\d/.test(t.replace(generic[0], ''))) {
      return `${generic[1]} more replies may not be loaded (the page shows “${t}”).`;
    }
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------ embedded data

/** Who wrote a post or a comment, as the page's embedded JSON says. */
interface JsonAuthor {
  username: string;
  id?: string;
  fullName?: string;
}

interface Embedded {
  scripts: number;
  /** Comments by their id (the /c/<id>/ of their permalink). */
  comments: Map<string, JsonAuthor>;
  /** Posts by media id and by shortcode. */
  media: Map<string, JsonAuthor>;
  /** Every post once, with its shortcode. */
  posts: { code: string; author: JsonAuthor }[];
}
const embeddedCache = new WeakMap<Document, Embedded>();

function jsonAuthor(user: unknown): JsonAuthor | undefined {
  if (!user || typeof user !== 'object') return undefined;
  const u = user as Record<string, unknown>;
  if (typeof u.username !== 'string') return undefined;
  const rawId = u.pk ?? u.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
  const out: JsonAuthor = { username: u.username };
  if (id && /^\d+$/.test(id)) out.id = id;
  if (typeof u.full_name === 'string' && u.full_name.trim()) out.fullName = u.full_name.trim();
  return out;
}

/**
 * The posts and comments the page's inline JSON describes (read once per document, and again only when scripts
 * were added). The JSON describes the page as first served: every use checks that it names the same item and the same
 * handle as the DOM before taking anything from it.
 */
function embedded(doc: Document): Embedded {
  const scripts = qsa(doc, css('pageJson'));
  const known = embeddedCache.get(doc);
  if (known && known.scripts === scripts.length) return known;
  const data: Embedded = { scripts: scripts.length, comments: new Map(), media: new Map(), posts: [] };
  for (const script of scripts) {
    const text = script.textContent ?? '';
    if (!text.includes('"username"')) continue;
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      continue;
    }
    const stack: unknown[] = [root];
    while (stack.length) {
      const o = stack.pop();
      if (!o || typeof o !== 'object') continue;
      if (Array.isArray(o)) {
        for (const x of o) if (x && typeof x === 'object') stack.push(x);
        continue;
      }
      const r = o as Record<string, unknown>;
      const pk = typeof r.pk === 'string' || typeof r.pk === 'number' ? String(r.pk) : undefined;
      const author = pk && 'user' in r ? jsonAuthor(r.user) : undefined;
      if (pk && author) {
        if ('text' in r && 'created_at' in r && !('code' in r)) data.comments.set(pk, author);
        else if (typeof r.code === 'string' && 'taken_at' in r) {
          if (!data.media.has(pk)) data.posts.push({ code: r.code, author });
          data.media.set(pk, author);
          data.media.set(r.code, author);
        }
      }
      for (const v of Object.values(r)) if (v && typeof v === 'object') stack.push(v);
    }
  }
  embeddedCache.set(doc, data);
  return data;
}

/** The JSON author of `key` when it names the same handle the DOM shows. */
function confirmedAuthor(found: JsonAuthor | undefined, handle: string | undefined): JsonAuthor | undefined {
  return found && handle && found.username.toLowerCase() === handle.toLowerCase() ? found : undefined;
}

/** The post's author from the embedded JSON (by media id or shortcode), when it is the handle the page shows. */
function postJsonAuthor(doc: Document, code: string, handle: string | undefined): JsonAuthor | undefined {
  const data = embedded(doc);
  const mediaId = mediaIdOfShortcode(code);
  return confirmedAuthor((mediaId !== null ? data.media.get(mediaId.toString()) : undefined) ?? data.media.get(code), handle);
}

function withJson(author: Author, found: JsonAuthor | undefined, source: string, name = true): Author {
  if (!found) return author;
  if (name && found.fullName && !author.displayName) author.displayName = found.fullName;
  if (found.id) {
    author.accountId = found.id;
    author.accountIdSource = source;
  }
  return author;
}

function extractPost(info: PostInfo, state: PageState, doc: Document): ExtractedContent {
  const warnings: string[] = [];
  const time = info.postTimes[0];
  const author = info.author;
  if (!author) warnings.push("Could not find the post's author on the page.");
  if (!time) warnings.push("Could not find the post's time on the page.");
  const media = dedupeMedia(info.media.flatMap(mediaRef));
  if (media.length === 0) warnings.push('No photo or video was found in the post.');
  const images = info.media.filter((m) => m.tagName.toLowerCase() === 'img');
  if (images.length > 1) {
    warnings.push(`Carousel: ${images.length} slides were loaded in the page; slides Instagram had not loaded yet are not included.`);
  }
  if (info.media.some((m) => m.tagName.toLowerCase() === 'video' && (m.getAttribute('src') ?? '').startsWith('blob:'))) {
    warnings.push("The video streams from a temporary blob: address: the video file itself is not in the page (Instagram's “Download your information” or a screen recording can keep it).");
  }
  if (qsa(info.postEl, css('loadMoreComments')).length > 0) {
    warnings.push('More comments exist than are shown (“Load more comments”): load them before capturing the whole discussion.');
  }
  if (state.loggedOut) warnings.push(LOGGED_OUT_WARNING);
  const text = info.captionText ? textOf(info.captionText) : undefined;
  const content: ExtractedContent = {
    kind: 'post',
    platform: 'instagram',
    permalink: postPermalink(info),
    itemId: info.code,
    links: info.captionText ? linksIn(info.captionText) : [],
    media,
    method: 'adapter',
    warnings,
  };
  if (time) {
    content.itemTime = time.getAttribute('datetime') ?? undefined;
    content.itemTimeText = (time.textContent ?? '').trim();
  }
  if (author) {
    content.author = withJson({ handle: author, profileUrl: profileUrl(author) }, postJsonAuthor(doc, info.code, author), 'inline page JSON: the post\'s "user" (pk)');
  }
  if (text) content.text = text;
  return content;
}

function extractComment(info: PostInfo, c: CommentInfo, state: PageState, doc: Document): ExtractedContent {
  const warnings: string[] = [];
  const authorLink = rowAuthorLink(c.row);
  const handle = handleFromHref(authorLink?.getAttribute('href') ?? null);
  const textEl = rowText(c.row, c.time);
  if (!handle) warnings.push("Could not find the comment's author on the page.");
  if (!textEl) warnings.push("Could not find the comment's text (it may be a sticker or GIF only).");
  if (!c.isReply) {
    const note = hiddenRepliesNote(c.thread);
    if (note) warnings.push(note);
  }
  if (state.loggedOut) warnings.push(LOGGED_OUT_WARNING);
  const media = dedupeMedia(qsa(c.row, css('image')).filter((img) => !isAvatar(img)).flatMap(mediaRef));
  const content: ExtractedContent = {
    kind: c.isReply ? 'reply' : 'comment',
    platform: 'instagram',
    permalink: c.permalink,
    itemId: c.id,
    itemTime: c.time.getAttribute('datetime') ?? undefined,
    itemTimeText: (c.time.textContent ?? '').trim(),
    links: textEl ? linksIn(textEl) : [],
    media,
    method: 'adapter',
    warnings,
  };
  if (handle) {
    const found = confirmedAuthor(embedded(doc).comments.get(c.id), handle);
    content.author = withJson({ handle, profileUrl: profileUrl(handle) }, found, 'inline page JSON: the comment\'s "user" (pk)', false);
  }
  if (textEl) content.text = textOf(textEl);
  if (c.parentId) content.inReplyTo = `${ORIGIN}/${info.section}/${info.code}/c/${c.parentId}/`;
  return content;
}

// ------------------------------------------------------------------------------------------------ profiles

interface ProfileInfo {
  header: Element | null;
  element: Element;
  anchor?: Element;
}

function findProfile(doc: Document, state: PageState): ProfileInfo {
  const header = doc.querySelector(css('profileHeader'));
  const element = header ?? state.main ?? doc.body ?? doc.documentElement;
  const anchor = header?.querySelector(css('profileHandle')) ?? undefined;
  return { header, element, anchor };
}

function metaContent(doc: Document, key: 'ogTitle' | 'ogUrl' | 'canonicalLink'): string | undefined {
  const el = doc.querySelector(css(key));
  const v = key === 'canonicalLink' ? el?.getAttribute('href') : el?.getAttribute('content');
  return v?.trim() || undefined;
}

/** The numeric account id of `handle` from the page's inline JSON, never the viewer's own id. */
function profileAccountId(doc: Document, handle: string, viewer: string | undefined): { id?: string; source?: string; warning?: string } {
  // The inline JSON describes the page as first served: check it is this profile's page.
  const served = handleFromHref(metaContent(doc, 'ogUrl') ?? metaContent(doc, 'canonicalLink') ?? null);
  if (served && served.toLowerCase() !== handle.toLowerCase()) {
    return {
      warning: `The page's embedded data belongs to @${served} (the page was reached by navigating inside Instagram), so no numeric account id was taken; reload the profile page to capture it.`,
    };
  }
  const json = qsa(doc, css('pageJson'))
    .map((s) => s.textContent ?? '')
    .join('\n');
  const all = (re: RegExp) => unique(Array.from(json.matchAll(re), (m) => m[1] ?? '').filter((x) => x && x !== '0'));
  const pageIds = all(/profilePage_(\d+)/g);
  const profileIds = all(/"profile_id"\s*:\s*"?(\d+)"?/g);
  // Not "user_id": real profile pages carry the PROFILE's id under it (in the query that loads the profile).
  const viewerIds = all(/"(?:viewerId|viewer_id|USER_ID)"\s*:\s*"?(\d+)"?/g);
  if (pageIds.length > 1 || profileIds.length > 1) {
    return { warning: 'The page names several profile ids; none was taken.' };
  }
  const [pageId] = pageIds;
  const [profileId] = profileIds;
  if (pageId && profileId && pageId !== profileId) {
    return { warning: 'The page names two different profile ids; none was taken.' };
  }
  const id = pageId ?? profileId;
  if (!id) return { warning: "The page does not carry this account's numeric id." };
  if (viewerIds.includes(id) && (!viewer || viewer.toLowerCase() !== handle.toLowerCase())) {
    return { warning: "The only id found is the logged-in account's own id; it was not used as this profile's id." };
  }
  const source =
    pageId && profileId
      ? 'inline page JSON: profilePage_<id> and "profile_id"'
      : pageId
        ? 'inline page JSON: profilePage_<id>'
        : 'inline page JSON: "profile_id"';
  return { id, source };
}

/** A number as Instagram draws a count ("8,276", "698M", "12.5K", "1.2만"). */
const COUNT_RE = /^\d[\d.,\s\u00a0]*\s*[KkMmBb\u4e07\ub9cc\ucc9c\uc5b5]?$/;

/** A leaf span showing only a number. */
function isCountNumber(el: Element): boolean {
  return !el.firstElementChild && COUNT_RE.test((el.textContent ?? '').trim());
}

/** A count's label wrapping its number ("8,276 posts", "게시물 58"): not a name or a bio. */
function isCountLabel(el: Element): boolean {
  const t = (el.textContent ?? '').trim();
  return t.length <= 40 && qsa(el, css('countSpan')).some(isCountNumber);
}

/** The count shown in `el`: the exact figure of a title ("1,204" behind "1.2K"), else the number drawn. */
function countIn(el: Element): string | undefined {
  const exact = el.querySelector(css('exactCount'))?.getAttribute('title')?.trim();
  if (exact && /\d/.test(exact)) return exact;
  const number = qsa(el, css('countSpan')).find(isCountNumber);
  return number ? (number.textContent ?? '').trim() : undefined;
}

/** The first three numbers of a profile header (posts, followers, following), outside the highlights tray. */
function headerCounts(header: Element): (string | undefined)[] {
  return qsa(header, css('countSpan'))
    .filter((el) => isCountNumber(el) && !el.closest(css('menu')))
    .slice(0, 3)
    .map((el) => {
      const exact = el.closest(css('exactCount'))?.getAttribute('title')?.trim();
      return exact && /\d/.test(exact) ? exact : (el.textContent ?? '').trim();
    });
}

function extractProfile(doc: Document, url: URL, route: { handle: string } | undefined, state: PageState): ExtractedContent {
  const warnings: string[] = [];
  const { header } = findProfile(doc, state);
  if (!header) warnings.push('The profile header was not recognised; only the page address and metadata were read.');

  const og = /^(.*?)\s*\(@([A-Za-z0-9._]{1,30})\)/.exec(metaContent(doc, 'ogTitle') ?? '');
  const shown = (header?.querySelector(css('profileHandle'))?.textContent ?? '').trim().replace(/^@/, '');
  let handle = HANDLE_RE.test(shown) ? shown : undefined;
  if (!handle && og?.[2] && (!route || og[2].toLowerCase() === route.handle.toLowerCase())) handle = og[2];
  if (!handle) handle = route?.handle;
  if (route && handle && handle.toLowerCase() !== route.handle.toLowerCase()) {
    warnings.push(`The profile header shows @${handle} while the address is /${route.handle}/.`);
  }

  // Display name and bio: dir=auto texts of the header outside the handle, counts, links, real <button>s (Follow)
  // and the highlights tray, innermost first, in order. The bio may sit inside a role=button (it expands on a click).
  const candidates = header
    ? qsa(header, css('rowText')).filter(
        (el) =>
          !el.closest(css('profileHandle')) &&
          !el.closest(css('profileCountItems')) &&
          !el.closest(css('anyLink')) &&
          !el.closest(css('buttonTag')) &&
          !el.closest(css('menu')) &&
          !isCountLabel(el),
      )
    : [];
  const texts = candidates
    .filter((el) => !candidates.some((other) => other !== el && el.contains(other)))
    .map((el) => ({ el, text: textOf(el) }))
    .filter((t) => t.text !== '');
  const ogName = og?.[2] && handle && og[2].toLowerCase() === handle.toLowerCase() ? og[1]?.trim() : undefined;
  let displayName: string | undefined;
  let bioEl: Element | undefined;
  if (ogName !== undefined) {
    displayName = ogName || undefined;
    bioEl = texts.find((t) => t.text !== ogName)?.el;
  } else {
    displayName = texts[0]?.text;
    bioEl = texts[1]?.el;
  }

  const fields: Record<string, string> = {};
  const links: LinkRef[] = [];
  if (bioEl) {
    fields.bio = textOf(bioEl);
    links.push(...linksIn(bioEl));
  }
  const website = header?.querySelector(css('externalLink'));
  if (website) {
    const target = linkTarget(website.getAttribute('href'));
    if (target) {
      fields.website = target;
      links.push({ text: textOf(website), href: target });
    }
  }
  const threads = header?.querySelector(css('threadsLink'));
  if (threads) {
    const href = absolute(threads.getAttribute('href'));
    if (href) links.push({ text: textOf(threads), href: href.split('?')[0] ?? href });
  }
  const countKeys = ['posts', 'followers', 'following'] as const;
  const items = header ? qsa(header, css('profileCountItems')).filter((li) => !li.closest(css('menu'))).slice(0, 3) : [];
  // 2025-2026 headers draw the counts as plain blocks: then the first three numbers of the header, in order.
  const counts = items.length === 3 ? items.map(countIn) : header ? headerCounts(header) : [];
  counts.forEach((value, i) => {
    const key = countKeys[i];
    if (key && value) fields[key] = value;
  });
  const mainText = state.main?.textContent ?? '';
  if (words.privateAccount.some((w) => mainText.includes(w))) {
    warnings.push('This account is private: its posts are hidden from this viewer.');
  }
  if (state.loggedOut) warnings.push('Viewed while logged out.');

  const author: Author = {};
  if (handle) {
    author.handle = handle;
    if (displayName) author.displayName = displayName;
    const idInfo = profileAccountId(doc, handle, state.viewer);
    if (idInfo.id) {
      author.accountId = idInfo.id;
      author.accountIdSource = idInfo.source;
    }
    if (idInfo.warning) warnings.push(idInfo.warning);
    author.profileUrl = profileUrl(handle);
  } else {
    warnings.push("Could not read the profile's handle.");
  }
  const picture = header ? qsa(header, css('image')).find((img) => isProfilePictureAlt(img.getAttribute('alt'))) ?? header.querySelector(css('image')) : null;
  const content: ExtractedContent = {
    kind: 'profile',
    platform: 'instagram',
    permalink: handle ? profileUrl(handle) : `${ORIGIN}${url.pathname}`,
    itemId: author.accountId ?? handle,
    author,
    links,
    media: picture ? mediaRef(picture) : [],
    fields,
    method: 'adapter',
    warnings,
  };
  if (displayName) content.text = [displayName, fields.bio].filter(Boolean).join('\n');
  return content;
}

/** The owner of the profile page the URL shows: its posts grid only (/<handle>/), not Reels, Tagged or a post. */
export function ownerOf(url: URL): string | undefined {
  if (url.hostname !== 'www.instagram.com' && url.hostname !== 'instagram.com') return undefined;
  const route = routeOf(url);
  if (route.type !== 'profile') return undefined;
  return /^\/[A-Za-z0-9._]{1,30}\/?$/.test(url.pathname) ? route.handle : undefined;
}

/** The profile's owner as a record author, read once per capture from the profile header (their id, never the viewer's). */
const owners = new WeakMap<Element, Author>();
export function ownerAuthor(c: ThreadContainer, ctx: ExtractContext, handle: string | undefined): Author {
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

/** A tile of a profile's grid, read as "capture profile with posts" reads it (link, thumbnail, owner; no date). */
function extractTile(tile: Element, ctx: ExtractContext, state: PageState): ExtractedContent {
  const { header } = findProfile(ctx.document, state);
  const main = state.main ?? ctx.document.body;
  const container: ThreadContainer = { element: main, recordKind: 'profile', ...(header ? { head: header } : {}) };
  const entry = readTile(tile, container, () => ownerAuthor(container, ctx, ownerOf(ctx.url)));
  const content = entry.content;
  // The grid is the owner's own only on the Posts and Reels tabs: a tile naming another account (a collaboration, or
  // any post on the Tagged tab) is that account's post, and a Tagged tile naming no one has no known author.
  const named = tileLink(tile)?.linkHandle;
  const owner = content.author?.handle;
  const tagged = /^\/[A-Za-z0-9._]{1,30}\/tagged\/?$/.test(ctx.url.pathname);
  if (named && owner && named.toLowerCase() !== owner.toLowerCase()) {
    content.author = { handle: named, profileUrl: profileUrl(named) };
    content.warnings = content.warnings.filter((w) => !w.startsWith("The tile's link names"));
    content.warnings.push(`The tile's link names @${named}, not the profile's owner @${owner}: the post is taken as @${named}'s (its numeric id is not on this page).`);
  } else if (tagged && !named) {
    delete content.author;
    content.warnings.push("A post on the Tagged tab is someone else's post in which this account is tagged; the tile does not say whose: open the post to capture its author.");
  }
  return content;
}

// ------------------------------------------------------------------------------------------------ direct messages

/** 'profile': the other person's profile header Instagram draws above the first message (not a message). */
type RowKind = 'message' | 'unsent' | 'system' | 'divider' | 'seen' | 'empty' | 'profile';

interface DmRow {
  el: Element;
  kind: RowKind;
  text: string;
}

interface DmInfo {
  container: Element;
  recognised: boolean;
  header?: Element;
  list?: Element;
  rows: DmRow[];
  participants: Author[];
  viewer?: string;
}

/** Whether a row is right-aligned: inline style first; computed style only when asked (and no avatar says otherwise). */
function rightAligned(row: Element, useComputed = true): 'inline' | 'computed' | undefined {
  const candidates = [row, ...qsa(row, css('dmRightAligned'))];
  if (candidates.some((el) => /justify-content\s*:\s*flex-end/i.test(el.getAttribute('style') ?? ''))) return 'inline';
  if (!useComputed) return undefined;
  const view = row.ownerDocument?.defaultView;
  if (!view || typeof view.getComputedStyle !== 'function') return undefined;
  try {
    const near = [row, ...Array.from(row.children), ...Array.from(row.children).flatMap((c) => Array.from(c.children))];
    if (near.some((el) => view.getComputedStyle(el).justifyContent === 'flex-end')) return 'computed';
  } catch {
    /* no layout information */
  }
  return undefined;
}

function rowHasContent(row: Element): boolean {
  if (row.querySelector(css('dmTextBubble')) || row.querySelector(css('video')) || row.querySelector(css('dmPlayButton'))) return true;
  return qsa(row, css('image')).some((img) => !isAvatar(img));
}

function classifyRow(el: Element): DmRow {
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  if (rowHasContent(el)) return { el, kind: 'message', text };
  if (text && text.length < 160 && words.unsent.some((w) => lower.includes(w.toLowerCase()))) return { el, kind: 'unsent', text };
  if (words.seen.test(text) && text.length < 60) return { el, kind: 'seen', text };
  if (el.querySelector(css('time')) || (text.length < 60 && words.timeOfDay.test(text))) return { el, kind: 'divider', text };
  if (text) return { el, kind: 'system', text };
  return { el, kind: 'empty', text };
}

/**
 * Elements in the order the reader sees them, top to bottom. A virtualised list (the conversation) positions recycled
 * row nodes anywhere in the DOM; without layout (no rects) the DOM order is kept. A row that is not drawn keeps the
 * place of the row before it.
 */
function inPageOrder(els: Element[]): Element[] {
  if (els.length < 2) return els;
  let prev = Number.NEGATIVE_INFINITY;
  let laidOut = false;
  const placed = els.map((el, i) => {
    const r = el.getBoundingClientRect();
    if (r.width || r.height) {
      laidOut = true;
      prev = r.top;
    }
    return { el, i, top: prev };
  });
  if (!laidOut) return els;
  return placed.sort((a, b) => a.top - b.top || a.i - b.i).map((x) => x.el);
}

/**
 * Instagram's start of a conversation: the other person's profile header (large avatar, name, "<handle> · Instagram",
 * "View profile") above the first message. Read without words: a link to one of `handles`' profiles, that handle
 * shown as text beside it, and a picture; never a bubble of text, never on the viewer's side.
 */
export function isProfileHeader(el: Element, handles: readonly string[]): boolean {
  if (!handles.length || el.querySelector(css('dmTextBubble')) || rightAligned(el, false)) return false;
  if (!qsa(el, css('image')).length) return false;
  const text = shownText(el);
  return qsa(el, css('profileLink')).some((a) => {
    const h = handleFromHref(a.getAttribute('href'));
    return !!h && handles.includes(h) && showsToken(text, h);
  });
}

function findDm(doc: Document, state: PageState): DmInfo {
  const candidates = qsa(doc, css('dmContainer'));
  const rowCount = (c: Element) => c.querySelectorAll(css('dmRowWrapper')).length;
  const labelled = candidates.sort((a, b) => rowCount(b) - rowCount(a))[0];
  const container = labelled ?? state.main ?? doc.body ?? doc.documentElement;

  // The row list: the element directly holding the most role=none/presentation wrappers.
  const groups = new Map<Element, number>();
  for (const w of qsa(container, css('dmRowWrapper'))) {
    const p = w.parentElement;
    if (p) groups.set(p, (groups.get(p) ?? 0) + 1);
  }
  let list: Element | undefined;
  let best = 0;
  for (const [p, n] of groups) {
    if (n > best) {
      list = p;
      best = n;
    }
  }
  const rows = list ? inPageOrder(Array.from(list.children)).map(classifyRow) : [];

  // Participants: profile links of the conversation header (outside the list), else avatars in the rows.
  const header = list ? Array.from(container.children).find((c) => !c.contains(list as Element) && c.querySelector(css('profileLink'))) : undefined;
  const people = new Map<string, Author>();
  const addFrom = (root: Element) => {
    for (const a of qsa(root, css('profileLink'))) {
      if (list && root !== list && list.contains(a)) continue;
      const h = handleFromHref(a.getAttribute('href'));
      if (!h || h === state.viewer) continue;
      const entry = people.get(h) ?? { handle: h, profileUrl: profileUrl(h) };
      const name = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (name && name !== h && !entry.displayName) entry.displayName = name;
      people.set(h, entry);
    }
  };
  if (labelled) addFrom(header ?? container);
  if (people.size === 0 && list) addFrom(list);
  if (labelled && people.size === 1) {
    const label = labelled.getAttribute('aria-label') ?? '';
    const only = Array.from(people.values())[0] as Author;
    for (const re of words.conversationLabelName) {
      const m = re.exec(label);
      if (m?.[1] && !only.displayName) only.displayName = m[1].trim();
    }
  }
  // The other person's profile header at the start of the conversation reads like a system row: it is not one.
  const others = Array.from(people.keys());
  for (const r of rows) if ((r.kind === 'system' || r.kind === 'divider') && isProfileHeader(r.el, others)) r.kind = 'profile';
  const participants: Author[] = Array.from(people.values()).map((p) => {
    const out: Author = { handle: p.handle };
    if (p.displayName) out.displayName = p.displayName;
    out.profileUrl = p.profileUrl;
    return out;
  });
  if (state.viewer) participants.push({ handle: state.viewer, profileUrl: profileUrl(state.viewer) });
  return { container, recognised: !!labelled, header, list, rows, participants, viewer: state.viewer };
}

const DM_TIME_WARNING = 'Instagram shows no exact time on each message: itemTimeText is the time divider shown above it.';

function extractDmMessage(info: DmInfo, index: number, threadUrl: string): ExtractedContent {
  const row = info.rows[index] as DmRow;
  const el = row.el;
  const warnings: string[] = [];
  const others = info.participants.filter((p) => p.handle !== info.viewer);

  // Time: the message's own <time>, else the latest divider above it.
  let itemTime: string | undefined;
  let itemTimeText: string | undefined;
  const ownTime = el.querySelector(css('time'));
  if (ownTime) {
    itemTime = ownTime.getAttribute('datetime') ?? undefined;
    itemTimeText = (ownTime.textContent ?? '').trim() || undefined;
  } else {
    for (let i = index - 1; i >= 0; i--) {
      const r = info.rows[i] as DmRow;
      if (r.kind !== 'divider') continue;
      const t = r.el.querySelector(css('time'));
      itemTime = t?.getAttribute('datetime') ?? undefined;
      itemTimeText = r.text;
      break;
    }
    if (!itemTime) warnings.push(DM_TIME_WARNING);
  }

  // Direction and sender.
  let direction: 'sent' | 'received' | 'unknown' = 'unknown';
  let senderDerivation: string;
  let sender: Author | undefined;
  const viewerAuthor = info.viewer ? { handle: info.viewer, profileUrl: profileUrl(info.viewer) } : undefined;
  const avatarHandle = qsa(el, css('profileLink'))
    .map((a) => handleFromHref(a.getAttribute('href')))
    .find((h): h is string => !!h);
  const findOther = (h: string) => others.find((p) => p.handle === h) ?? { handle: h, profileUrl: profileUrl(h) };
  const inlineRight = row.kind === 'message' && rightAligned(el, false) === 'inline';
  const align = inlineRight ? 'inline' : row.kind === 'message' && !avatarHandle ? rightAligned(el, true) : undefined;
  if (row.kind === 'unsent') {
    const byViewer = words.unsentByViewer.some((re) => re.test(row.text));
    const named = others.find((p) => row.text.startsWith(p.handle ?? '\u0000') || (p.displayName && row.text.startsWith(p.displayName)));
    if (byViewer) {
      direction = 'sent';
      sender = viewerAuthor;
      senderDerivation = 'The placeholder says the viewer unsent it.';
    } else if (named) {
      direction = 'received';
      sender = named;
      senderDerivation = `The placeholder names @${named.handle}.`;
    } else if (others.length === 1) {
      direction = 'received';
      sender = others[0];
      senderDerivation = `The placeholder does not name the viewer; the only other participant is @${others[0]?.handle}.`;
    } else {
      senderDerivation = 'The placeholder does not say who unsent it.';
    }
    warnings.push('This message was unsent: only Instagram’s placeholder is left, its content is gone from the conversation.');
  } else if (align) {
    direction = 'sent';
    sender = viewerAuthor;
    senderDerivation =
      align === 'inline'
        ? "Row is right-aligned (inline style justify-content: flex-end): Instagram shows the viewer's own messages on the right."
        : "Row is right-aligned (computed justify-content: flex-end): Instagram shows the viewer's own messages on the right.";
  } else if (avatarHandle) {
    direction = 'received';
    sender = findOther(avatarHandle);
    senderDerivation = `Avatar link to /${avatarHandle}/ beside the message (not right-aligned).`;
  } else if (row.kind === 'message' && others.length === 1) {
    direction = 'received';
    sender = others[0];
    senderDerivation = `Not right-aligned and no avatar (Instagram draws it only on the last message of a run); the only other participant is @${others[0]?.handle}.`;
  } else if (row.kind === 'message') {
    // Group conversation: the avatar sits on the last message of the same run.
    let found: string | undefined;
    for (let i = index + 1; i < info.rows.length; i++) {
      const r = info.rows[i] as DmRow;
      if (r.kind !== 'message' || rightAligned(r.el)) break;
      const h = qsa(r.el, css('profileLink'))
        .map((a) => handleFromHref(a.getAttribute('href')))
        .find((x): x is string => !!x);
      if (h) {
        found = h;
        break;
      }
    }
    if (found) {
      direction = 'received';
      sender = findOther(found);
      senderDerivation = `Not right-aligned; sender taken from the avatar (/${found}/) at the end of the same run of messages.`;
    } else {
      senderDerivation = 'Not right-aligned and no avatar in its run: the sender could not be told.';
    }
  } else {
    senderDerivation = 'A notice in the conversation, not a message bubble: no sender shown.';
    warnings.push(`Notice in the conversation (not a message): “${row.text}”.`);
  }
  if (direction === 'sent' && !sender) warnings.push("The viewer's own account was not found on the page (navigation missing).");

  // Content.
  const reactions = qsa(el, css('dmReaction'));
  const bubbles = qsa(el, css('dmTextBubble')).filter((b) => !reactions.some((r) => r.contains(b)) && !qsa(el, css('dmTextBubble')).some((o) => o !== b && o.contains(b)));
  const text = row.kind === 'message' ? bubbles.map(textOf).filter(Boolean).join('\n') : row.text;
  const links = bubbles.flatMap(linksIn);
  const media = dedupeMedia(qsa(el, `${css('image')}, ${css('video')}`).filter((m) => m.tagName.toLowerCase() === 'video' || !isAvatar(m)).flatMap(mediaRef));
  const fields: Record<string, string> = {};
  const play = el.querySelector(css('dmPlayButton'));
  if (play) {
    // The duration is drawn next to the play button, inside the same bubble (the avatar's alt text is not part of it).
    const duration = /(?<!\d)\d{1,2}:\d{2}(?!\d)/.exec(textOf(play.parentElement ?? el))?.[0];
    fields.voiceMessage = duration ?? 'shown';
    warnings.push(`Voice message${duration ? ` (${duration})` : ''}: the audio is not in the page and Instagram shows no transcript.`);
  }
  const reactionText = reactions.map(textOf).filter(Boolean).join(' ');
  if (reactionText) {
    fields.reactions = reactionText;
    warnings.push(`Reaction ${reactionText} shown under the message; who reacted is not shown on the page.`);
  }
  if (row.kind === 'message' && !text && media.length === 0 && !fields.voiceMessage) {
    warnings.push('Message content could not be read (sticker, shared post or a new message type).');
  }
  const content: ExtractedContent = {
    kind: 'dm-message',
    platform: 'instagram',
    permalink: threadUrl,
    links,
    media,
    participants: info.participants,
    direction,
    senderDerivation,
    method: 'adapter',
    warnings,
  };
  if (itemTime) content.itemTime = itemTime;
  if (itemTimeText) content.itemTimeText = itemTimeText;
  if (sender) content.author = sender;
  if (text) content.text = text;
  if (Object.keys(fields).length) content.fields = fields;
  return content;
}

function isDmTargetRow(r: DmRow): boolean {
  return r.kind === 'message' || r.kind === 'unsent' || r.kind === 'system';
}

function extractDmThread(info: DmInfo, threadId: string, threadUrl: string): ExtractedContent {
  const messages: ExtractedContent[] = [];
  const lines: string[] = [];
  info.rows.forEach((r, i) => {
    if (r.kind === 'divider') lines.push(`— ${r.text} —`);
    if (!isDmTargetRow(r)) return;
    const m = extractDmMessage(info, i, threadUrl);
    messages.push(m);
    const who = m.author?.handle ?? (m.direction === 'sent' ? 'me' : 'unknown');
    const body =
      r.kind === 'unsent'
        ? `[${r.text}]`
        : (m.text ?? (m.fields?.voiceMessage ? `[voice message ${m.fields.voiceMessage}]` : m.media.length ? '[photo]' : '[not readable]'));
    lines.push(`${who}: ${body}${m.fields?.reactions ? ` [reaction ${m.fields.reactions}]` : ''}`);
  });
  const warnings: string[] = [];
  if (!info.recognised) {
    warnings.push('The conversation container was not recognised (its label may be in another language); rows were read from the whole page area.');
  }
  warnings.push(`Only the ${messages.length} messages loaded in the page are included; scroll up to load older ones before capturing the whole conversation.`);
  warnings.push(...unique(messages.flatMap((m) => m.warnings)));
  const content: ExtractedContent = {
    kind: 'dm-thread',
    platform: 'instagram',
    permalink: threadUrl,
    itemId: threadId,
    participants: info.participants,
    links: messages.flatMap((m) => m.links),
    media: dedupeMedia(messages.flatMap((m) => m.media)),
    messages,
    method: 'adapter',
    warnings,
  };
  if (lines.length) content.text = lines.join('\n');
  return content;
}

// ------------------------------------------------------------------------------------------------ the adapter

function inRoot(root: ParentNode, el: Element): boolean {
  return (root as Node) === el.ownerDocument || (root as Node).contains(el);
}

function findTargetsUnsafe(root: ParentNode, ctx: ExtractContext): CaptureTarget[] {
  const doc = ctx.document;
  const state = pageState(doc);
  const route = routeOf(ctx.url);
  const out: CaptureTarget[] = [];
  if (state.unavailableText) {
    out.push({ element: state.main ?? doc.body, kind: 'page' });
  } else if (route.type === 'post') {
    const info = analysePost(doc, route);
    if (info.feed) {
      for (const unit of info.feed) out.push({ element: unit, kind: 'post' });
      return out.filter((t) => inRoot(root, t.element));
    }
    out.push({ element: info.postEl, kind: 'post', anchor: info.headerLink?.parentElement ?? undefined });
    for (const c of info.comments) out.push({ element: c.row, kind: c.isReply ? 'reply' : 'comment' });
  } else if (route.type === 'profile') {
    const p = findProfile(doc, state);
    out.push({ element: p.element, kind: 'profile', anchor: p.anchor });
    // Every tile of the grid is a post of its own (issue #11).
    for (const tile of gridTiles(state.main ?? doc.body, p.header)) out.push({ element: tile, kind: 'post' });
  } else if (route.type === 'dm') {
    const info = findDm(doc, state);
    out.push({ element: info.container, kind: 'dm-thread', anchor: info.header });
    for (const r of info.rows) if (isDmTargetRow(r)) out.push({ element: r.el, kind: 'dm-message' });
  }
  return out.filter((t) => inRoot(root, t.element));
}

function extractUnsafe(target: CaptureTarget, ctx: ExtractContext): ExtractedContent {
  const doc = ctx.document;
  const state = pageState(doc);
  const route = routeOf(ctx.url);
  switch (target.kind) {
    case 'post':
    case 'comment':
    case 'reply': {
      if (target.kind === 'post' && route.type === 'profile') return extractTile(target.element, ctx, state);
      if (route.type !== 'post') throw new Error('not an Instagram post page');
      const info = analysePost(doc, route);
      if (info.feed && target.kind === 'post') {
        const unit = info.feed.find((u) => u === target.element || u.contains(target.element));
        if (!unit) throw new Error('reel not found on the page');
        return extractFeedReel(info, unit, doc, state);
      }
      if (target.kind === 'post') return extractPost(info, state, doc);
      const c = info.comments.find((x) => x.row === target.element) ?? info.comments.find((x) => target.element.contains(x.link));
      if (!c) throw new Error('comment not found on the page');
      return extractComment(info, c, state, doc);
    }
    case 'profile':
      return extractProfile(doc, ctx.url, route.type === 'profile' ? route : undefined, state);
    case 'dm-thread':
    case 'dm-message': {
      if (route.type !== 'dm') throw new Error('not an Instagram conversation page');
      const info = findDm(doc, state);
      const threadUrl = `${ORIGIN}/direct/t/${route.threadId}/`;
      if (target.kind === 'dm-thread') return extractDmThread(info, route.threadId, threadUrl);
      const index = info.rows.findIndex((r) => r.el === target.element || r.el.contains(target.element));
      if (index < 0) throw new Error('message not found in the conversation');
      return extractDmMessage(info, index, threadUrl);
    }
    default: {
      const permalink =
        route.type === 'post'
          ? postPermalink(route)
          : route.type === 'profile'
            ? profileUrl(route.handle)
            : route.type === 'dm'
              ? `${ORIGIN}/direct/t/${route.threadId}/`
              : `${ORIGIN}${ctx.url.pathname}`;
      const warnings = state.unavailableText
        ? [`Instagram shows “${state.unavailableText}”: the item may have been deleted, or its owner may have blocked or restricted this account.`]
        : ['Not a post, profile or conversation page: only the page itself was recorded.'];
      const content: ExtractedContent = { kind: target.kind, platform: 'instagram', permalink, links: [], media: [], method: 'adapter', warnings };
      if (state.unavailableText) content.text = state.unavailableText;
      return content;
    }
  }
}

// ------------------------------------------------------------------------------------------------ whole-thread views

/** One row of the open conversation, in page order (for whole-thread capture, thread.ts). */
export interface DmViewRow {
  el: Element;
  kind: RowKind;
  /** The row's visible text, whitespace collapsed. */
  text: string;
  /** Drawn on the right: the viewer's own side. */
  right: boolean;
  /** Pictures in the row that are not avatars. */
  media: string[];
}

/** One reading of the open conversation: its rows in page order, and readers that share that work. */
export interface DmThreadView {
  container: Element;
  recognised: boolean;
  /** The element holding the rows (null when none was found). */
  list: Element | null;
  rows: DmViewRow[];
  /** Handles of the people in the conversation other than the viewer. */
  others: string[];
  /** The message in `el` (one of `rows`), read like a single capture. */
  read(el: Element): ExtractedContent;
  /** The conversation itself (header, participants), without its messages. */
  head(): ExtractedContent;
}

export function dmThreadView(doc: Document, url: URL): DmThreadView | null {
  const route = routeOf(url);
  if (route.type !== 'dm') return null;
  const state = pageState(doc);
  const info = findDm(doc, state);
  const threadUrl = `${ORIGIN}/direct/t/${route.threadId}/`;
  const rows: DmViewRow[] = info.rows.map((r) => ({
    el: r.el,
    kind: r.kind,
    text: r.text,
    right: r.kind === 'message' && !!rightAligned(r.el),
    media: qsa(r.el, css('image'))
      .filter((img) => !isAvatar(img))
      .map((img) => img.getAttribute('src') ?? ''),
  }));
  return {
    container: info.container,
    recognised: info.recognised,
    list: info.list ?? null,
    rows,
    others: info.participants.map((p) => p.handle).filter((h): h is string => !!h && h !== info.viewer),
    read(el: Element): ExtractedContent {
      const index = info.rows.findIndex((r) => r.el === el || r.el.contains(el));
      if (index < 0) throw new Error('message not found in the conversation');
      return extractDmMessage(info, index, threadUrl);
    },
    head(): ExtractedContent {
      const content: ExtractedContent = {
        kind: 'dm-thread',
        platform: 'instagram',
        permalink: threadUrl,
        itemId: route.threadId,
        participants: info.participants,
        links: [],
        media: [],
        method: 'adapter',
        warnings: info.recognised ? [] : ['The conversation container was not recognised (its label may be in another language); rows were read from the whole page area.'],
      };
      return content;
    },
  };
}

/** One comment or reply row of a post page (for whole-thread capture, thread.ts). */
export interface PostViewComment {
  row: Element;
  id: string;
  permalink: string;
  isReply: boolean;
}

/** One reading of a post page: the post, its comment rows in page order, and readers that share that work. */
export interface PostThreadView {
  post: Element;
  /** The element holding the comment threads (null when there is no comment yet). */
  list: Element | null;
  comments: PostViewComment[];
  /** The comment or reply whose row is `row`, read like a single capture. */
  read(row: Element): ExtractedContent;
  /** The post itself. */
  head(): ExtractedContent;
}

export function postThreadView(doc: Document, url: URL): PostThreadView | null {
  const route = routeOf(url);
  if (route.type !== 'post') return null;
  const state = pageState(doc);
  if (state.unavailableText) return null;
  const info = analysePost(doc, route);
  const byRow = new Map(info.comments.map((c) => [c.row, c]));
  const rows = info.comments.map((c) => c.row);
  const list = rows.length > 1 ? lowestCommonAncestor(rows) : (rows[0]?.parentElement ?? null);
  return {
    post: info.postEl,
    list,
    comments: info.comments.map((c) => ({ row: c.row, id: c.id, permalink: c.permalink, isReply: c.isReply })),
    read(row: Element): ExtractedContent {
      const c = byRow.get(row) ?? info.comments.find((x) => row.contains(x.link));
      if (!c) throw new Error('comment not found on the page');
      return extractComment(info, c, state, doc);
    },
    head(): ExtractedContent {
      return extractPost(info, state, doc);
    },
  };
}

export const instagramAdapter: SiteAdapter = {
  id: instagramDescriptor.platform,
  version: '1.0.0',
  hosts: [...instagramDescriptor.hosts, ...instagramDescriptor.otherHosts],
  selectors,
  fixtureDir: instagramDescriptor.fixtureDir,

  matches(url: URL): boolean {
    return this.hosts.includes(url.hostname);
  },

  findTargets(root: ParentNode, ctx: ExtractContext): CaptureTarget[] {
    try {
      return findTargetsUnsafe(root, ctx);
    } catch {
      return [];
    }
  },

  findTargetsIn(roots: readonly Element[], ctx: ExtractContext): CaptureTarget[] | null {
    try {
      return findCommentsIn(roots, ctx);
    } catch {
      return null;
    }
  },

  extract(target: CaptureTarget, ctx: ExtractContext): ExtractedContent {
    return extractUnsafe(target, ctx);
  },

  reportRoutes(content: ExtractedContent): ReportRoute[] {
    return routesFor(instagramRoutes, routeItemOf(content));
  },
};
