/**
 * "Capture profile with posts" for Facebook (issue #4): the profile header plus the posts of its timeline, read
 * downwards (newest first; Facebook loads older posts at the bottom behind a loading placeholder) by the whole-thread
 * engine. A pure DOM reader like adapter.ts: every query comes from ./selectors, posts are read by the adapter's own
 * extract() (author, time as shown, text — cut short where Facebook shows "See more", as the adapter notes —, photos,
 * permalink, ids), and nothing here clicks (no expanders: the timeline needs no "see more" to be read).
 *
 * What a timeline holds and how each entry is marked in its `fields` (by structure, never by wording, so a page in
 * any language reads the same):
 * - rows are the top-level posts (role=article) of the timeline pagelet: comments and replies shown under a post, and
 *   the original inside a share, are articles nested in the post and never rows;
 * - the pinned post sits above the feed and is not one of its numbered items (no aria-posinset while the feed's posts
 *   below it have one): `pinned: "true"`, keyed `pinned:<permalink>`, and it does not count against a bound (its time
 *   is older than the posts below it);
 * - a share of another post (the original is a nested, unlabelled article with its own author, time link and text):
 *   `share: "true"`, `sharedBy` (the profile), and the original's `sharedFrom` (profile URL), `sharedFromName`,
 *   `sharedPermalink`, `sharedTime`, `sharedText` as shown. The entry's own author, time and permalink are the
 *   share's (when it was shared), so it counts in the timeline like any post;
 * - a post someone else wrote on the profile's timeline (author ≠ the profile, compared by account id, vanity name or
 *   profile URL): `wallPost: "true"`, `wallOf` (the profile).
 * Keys are the post's permalink without tracking parameters (its own time link: /<name>/posts/<id>,
 * permalink.php?story_fbid=…&id=…), else the author link, the time as shown and the text.
 */
import type { Author, ExtractedContent } from '../../model/evidence';
import type { BoundInfo, CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { classify, facebookAdapter, postPermalinkLink } from './adapter';
import { absUrl, cleanUrl, isFacebookHost, isShown, type ProfileRef, profileFromUrl, profileKey, readPageData, textOf } from './common';
import { selectors as S } from './selectors';

const css = (key: string): string => S[key]!.css;
const all = (root: ParentNode, key: string): Element[] => Array.from(root.querySelectorAll(css(key)));

/** The elements under `article` that belong to it, not to an article nested in it. */
function own(article: Element, key: string): Element[] {
  const a = css('article');
  return all(article, key).filter((e) => e.closest(a) === article);
}

function baseOf(el: Element): string {
  return el.ownerDocument.defaultView?.location?.href ?? 'https://www.facebook.com/';
}

/**
 * The profile whose timeline a URL shows: /<vanity>, /<numeric id>, /profile.php?id=<digits>, /people/<name>/<digits>.
 * Not its other tabs (/<vanity>/about, ?sk=photos), a group member's page, a post, a group, the feed or messages.
 */
export function timelineOwner(url: URL): ProfileRef | null {
  if (!isFacebookHost(url.hostname)) return null;
  const sk = url.searchParams.get('sk');
  if (sk && sk !== 'timeline') return null;
  const segs = url.pathname.split('/').filter(Boolean);
  if (segs.length !== (segs[0]?.toLowerCase() === 'people' ? 3 : 1)) return null;
  return profileFromUrl(url);
}

interface Owner {
  handle?: string;
  id?: string;
  profileUrl: string;
}

/** The profile, with its numeric id from the page data when the URL has only the vanity name. */
function ownerOf(ctx: ExtractContext): Owner | null {
  const p = timelineOwner(ctx.url);
  if (!p) return null;
  let id = p.accountId;
  if (!id && p.handle) {
    const vanity = p.handle.toLowerCase();
    id = readPageData(ctx.document, css('pageJson')).userIds.find((u) => u.userVanity?.toLowerCase() === vanity)?.userID;
  }
  return { ...(p.handle ? { handle: p.handle } : {}), ...(id ? { id } : {}), profileUrl: p.profileUrl };
}

const ownerName = (o: Owner): string => o.handle ?? o.id ?? o.profileUrl;

/** Whether a post's author is the profile (undefined: nothing to compare). */
function isOwner(author: Author | undefined, owner: Owner): boolean | undefined {
  if (!author) return undefined;
  const checks: boolean[] = [];
  if (owner.id && author.accountId) checks.push(owner.id === author.accountId);
  if (owner.handle && author.handle) checks.push(owner.handle.toLowerCase() === author.handle.toLowerCase());
  if (!checks.length && author.profileUrl) checks.push(profileKey(author.profileUrl) === profileKey(owner.profileUrl));
  return checks.length ? checks.some(Boolean) : undefined;
}

/** The timeline(s) a container's rows come from: the timeline pagelet, else the whole container. */
function scopes(c: ThreadContainer): Element[] {
  const timelines = all(c.element, 'profileTimeline');
  return timelines.length ? timelines : [c.element];
}

/**
 * The pinned post: a top-level post above a timeline whose feed numbers its posts (aria-posinset), without a number
 * of its own. An unnumbered post further down (between numbered ones) is not taken for pinned.
 */
function isPinned(row: Element): boolean {
  if (row.matches(css('feedPost'))) return false;
  const scope = row.closest(css('profileTimeline')) ?? row.closest(css('main'));
  const firstNumbered = scope?.querySelector(css('feedPost'));
  // 4: Node.DOCUMENT_POSITION_FOLLOWING (the first numbered post comes after this one).
  return !!firstNumbered && !!(row.compareDocumentPosition(firstNumbered) & 4);
}

/** The original post inside a share: an unlabelled article nested directly in the post (comments are labelled). */
function sharedPostOf(row: Element, base: string): Element | undefined {
  const art = css('article');
  return all(row, 'article').find((a) => a.parentElement?.closest(art) === row && classify(a, base) === null);
}

function keyOf(row: Element, base: string): string | null {
  const pinned = isPinned(row) ? 'pinned:' : '';
  const link = postPermalinkLink(row, base);
  if (link) return pinned + cleanUrl(link.url);
  // No permalink on the page: the author's link, the time as shown and the text.
  const author = own(row, 'profileName')
    .flatMap((b) => all(b, 'anyLink'))
    .map((a) => absUrl(a.getAttribute('href'), base))
    .map((u) => (u ? profileFromUrl(u) : null))
    .find((p) => !!p);
  const message = own(row, 'storyMessage')[0];
  const text = message ? textOf(message) : '';
  if (!author && !text) return null;
  return `${pinned}text:${author?.profileUrl ?? '?'}|${text}`;
}

export const facebookProfilePosts: ThreadSupport = {
  container(target: CaptureTarget, ctx: ExtractContext): ThreadContainer | null {
    if (target.kind !== 'profile' || !timelineOwner(ctx.url)) return null;
    const element = target.element.closest(css('main')) ?? ctx.document.body;
    return { element, recordKind: 'profile', head: target.element, newestFirst: true };
  },

  scroller(): Element | null {
    // Facebook's timelines scroll the document.
    return null;
  },

  rows(c: ThreadContainer): Element[] {
    const base = baseOf(c.element);
    const art = css('article');
    const out: Element[] = [];
    for (const scope of scopes(c)) {
      for (const a of all(scope, 'article')) {
        // Comments, replies and shared originals are articles inside a post: never rows of their own.
        if (a.parentElement?.closest(art) || c.head?.contains(a)) continue;
        if (classify(a, base) === 'post') out.push(a);
      }
    }
    return out;
  },

  keyOf(row: Element, ctx: ExtractContext): string | null {
    return keyOf(row, ctx.url.href);
  },

  entryOf(row: Element, ctx: ExtractContext): ThreadEntry {
    const content: ExtractedContent = facebookAdapter.extract({ element: row, kind: 'post' }, ctx);
    const owner = ownerOf(ctx);
    const fields: Record<string, string> = { ...content.fields };
    if (isPinned(row)) fields.pinned = 'true';
    const shared = sharedPostOf(row, ctx.url.href);
    if (shared) {
      const s = facebookAdapter.extract({ element: shared, kind: 'post' }, ctx);
      fields.share = 'true';
      if (owner) fields.sharedBy = ownerName(owner);
      if (s.author?.profileUrl) fields.sharedFrom = s.author.profileUrl;
      if (s.author?.displayName) fields.sharedFromName = s.author.displayName;
      if (s.permalink) fields.sharedPermalink = s.permalink;
      if (s.itemTime) fields.sharedTime = s.itemTime;
      if (s.text) fields.sharedText = s.text;
    }
    if (owner && isOwner(content.author, owner) === false) {
      fields.wallPost = 'true';
      fields.wallOf = ownerName(owner);
    }
    if (Object.keys(fields).length) content.fields = fields;
    return { key: keyOf(row, ctx.url.href) ?? content.permalink ?? '', content };
  },

  loading(c: ThreadContainer): boolean {
    // The feed's loading placeholder, not a spinner inside a post (a video, a comment area) or in the header.
    const art = css('article');
    return all(c.element, 'progressbar').some((el) => !el.closest(art) && !c.head?.contains(el) && isShown(el));
  },

  expanders(): Element[] {
    return [];
  },

  isAllowedClick(): boolean {
    return false;
  },

  head(c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    if (!c.head) throw new Error('The profile header is not on the page.');
    return facebookAdapter.extract({ element: c.head, kind: 'profile' }, ctx);
  },

  boundOf(entry: ThreadEntry): BoundInfo {
    // The pinned post sits above newer posts: it neither counts towards "the latest N" nor ends a "back to a date".
    if (entry.content.fields?.pinned === 'true') return { counted: false };
    return { ...(entry.content.itemTime ? { time: entry.content.itemTime } : {}), counted: true };
  },
};
