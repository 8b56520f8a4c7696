/**
 * "Capture profile with posts" for X (issue #4): the profile header plus the posts of its timeline, read downwards
 * (newest first; X loads older posts at the bottom) by the whole-thread engine. A pure DOM reader like adapter.ts:
 * every query comes from ./selectors, posts are read by the adapter's own extract(), and nothing here clicks (no
 * expanders: a profile timeline has no "show more" control the capture needs).
 *
 * Reposts and the pinned post are marked in the entry's `fields`: a repost (`repost: "true"`, `repostedBy`) keeps the
 * original post's author, time and permalink as X shows them; its time is the original's, not when it was reposted,
 * so it never ends a "back to a date" capture. The pinned post (`pinned: "true"`) sits above newer posts and does not
 * count against a bound. `socialContext` keeps the line X showed above the post, as shown.
 */
import type { ExtractedContent } from '../../model/evidence';
import type { BoundInfo, CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { xAdapter } from './adapter';
import { isPromoted } from './promoted';
import { selectors, type XSelectorName } from './selectors';

const css = (name: XSelectorName): string => selectors[name].css;
const all = (root: ParentNode, name: XSelectorName): Element[] => Array.from(root.querySelectorAll(css(name)));
const first = (root: ParentNode, name: XSelectorName): Element | null => root.querySelector(css(name));

const X_HOST = /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/;
/** The profile's own timelines: Posts (/<handle>) and Replies (/<handle>/with_replies). */
const PROFILE_PATH = /^\/([A-Za-z0-9_]{1,15})(?:\/with_replies)?\/?$/;
const RESERVED = new Set(['home', 'explore', 'notifications', 'messages', 'i', 'settings', 'search', 'compose', 'hashtag', 'login', 'logout', 'signup', 'tos', 'privacy', 'jobs', 'lists', 'communities', 'premium', 'bookmarks', 'intent', 'share', 'account', 'help']);

function ownerOf(url: URL): string | undefined {
  if (!X_HOST.test(url.hostname)) return undefined;
  const h = PROFILE_PATH.exec(url.pathname)?.[1];
  return h && !RESERVED.has(h.toLowerCase()) ? h : undefined;
}

function handleOfHref(href: string | null): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, 'https://x.com');
    if (!X_HOST.test(u.hostname)) return undefined;
    const h = /^\/([A-Za-z0-9_]{1,15})\/?$/.exec(u.pathname)?.[1];
    return h && !RESERVED.has(h.toLowerCase()) ? h : undefined;
  } catch {
    return undefined;
  }
}

const same = (a?: string, b?: string): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** `https://x.com/<handle>/status/<id>` of the link around the post's own (first) time. */
function permalinkOf(article: Element): string | undefined {
  for (const time of all(article, 'time')) {
    const a = time.closest(css('link'));
    const m = /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/status\/(\d+)\/?$/.exec(a?.getAttribute('href') ?? '');
    if (m) return `https://x.com/${m[1]}/status/${m[2]}`;
  }
  return undefined;
}

/** The post's author handle: the first profile link in its own author block. */
function authorOf(article: Element): string | undefined {
  const block = first(article, 'userName');
  if (!block) return undefined;
  for (const a of all(block, 'link')) {
    const h = handleOfHref(a.getAttribute('href'));
    if (h) return h;
  }
  return undefined;
}

interface Mark {
  kind: 'post' | 'repost' | 'pinned';
  social?: string;
}

/**
 * Whether a timeline post is the owner's own, a repost, or the pinned post (by structure, not by wording). A line
 * that links somewhere other than an account (a real 2025 profile: the Community the post was posted in,
 * `/i/communities/<id>`) marks neither: the post is the owner's own and the line is kept as shown.
 */
function markOf(article: Element, owner: string | undefined): Mark {
  const social = first(article, 'socialContext');
  const author = authorOf(article);
  if (!social) return { kind: 'post' };
  const text = (social.textContent ?? '').replace(/\s+/g, ' ').trim();
  const link = social.closest(css('link')) ?? first(social, 'link');
  const linkedHandle = link ? handleOfHref(link.getAttribute('href')) : undefined;
  if (same(linkedHandle, owner) || (author && owner && !same(author, owner))) return { kind: 'repost', social: text };
  if (link && !linkedHandle) return { kind: 'post', social: text };
  return { kind: 'pinned', social: text };
}

function timelinePosts(column: Element, head: Element | undefined): Element[] {
  return all(column, 'post').filter((a) => !isPromoted(a) && !a.parentElement?.closest(css('post')) && !head?.contains(a));
}

function keyOf(row: Element, owner: string | undefined): string | null {
  const permalink = permalinkOf(row);
  if (!permalink) return null;
  const mark = markOf(row, owner);
  return mark.kind === 'post' ? permalink : `${mark.kind}:${permalink}`;
}

export const xProfilePosts: ThreadSupport = {
  container(target: CaptureTarget, ctx: ExtractContext): ThreadContainer | null {
    if (target.kind !== 'profile' || !ownerOf(ctx.url)) return null;
    const column = target.element.closest(css('primaryColumn')) ?? ctx.document.body;
    return { element: column, recordKind: 'profile', head: target.element, newestFirst: true };
  },

  scroller(): Element | null {
    // X's timelines scroll the document.
    return null;
  },

  rows(c: ThreadContainer): Element[] {
    return timelinePosts(c.element, c.head);
  },

  keyOf(row: Element, ctx: ExtractContext): string | null {
    return keyOf(row, ownerOf(ctx.url));
  },

  entryOf(row: Element, ctx: ExtractContext): ThreadEntry {
    const owner = ownerOf(ctx.url);
    // Post or reply ("Replying to …"), as the adapter tells them apart on a timeline.
    const kind = xAdapter.findTargets(row.parentElement ?? row, ctx).find((t) => t.element === row)?.kind === 'reply' ? 'reply' : 'post';
    const content: ExtractedContent = xAdapter.extract({ element: row, kind }, ctx);
    const mark = markOf(row, owner);
    if (mark.kind === 'repost') {
      content.fields = { ...content.fields, repost: 'true', ...(owner ? { repostedBy: owner } : {}), ...(mark.social ? { socialContext: mark.social } : {}) };
    } else if (mark.kind === 'pinned') {
      content.fields = { ...content.fields, pinned: 'true', ...(mark.social ? { socialContext: mark.social } : {}) };
    } else if (mark.social) {
      content.fields = { ...content.fields, socialContext: mark.social };
    }
    return { key: keyOf(row, owner) ?? content.permalink ?? '', content };
  },

  loading(c: ThreadContainer): boolean {
    return all(c.element, 'progressbar').some((el) => !el.hasAttribute('hidden') && el.getAttribute('aria-hidden') !== 'true');
  },

  expanders(): Element[] {
    return [];
  },

  isAllowedClick(): boolean {
    return false;
  },

  head(c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    if (!c.head) throw new Error('The profile header is not on the page.');
    return xAdapter.extract({ element: c.head, kind: 'profile' }, ctx);
  },

  boundOf(entry: ThreadEntry): BoundInfo {
    const f = entry.content.fields;
    if (f?.pinned === 'true') return { counted: false };
    // A repost shows the original post's time, which says nothing about where it sits in the timeline.
    if (f?.repost === 'true') return { counted: true };
    return { ...(entry.content.itemTime ? { time: entry.content.itemTime } : {}), counted: true };
  },
};
