/**
 * Whole-thread support for Facebook post pages (issue #4): the post with every comment and reply under it, read
 * by the adapter's own extract() (author, time as shown, text, photos, comment/reply permalinks). A pure DOM reader
 * like adapter.ts: every query comes from ./selectors; nothing here clicks.
 *
 * Facebook hides comments three ways, and the engine may click exactly these controls, nothing else:
 * 1. the comment filter: the page opens on "Most relevant", which leaves comments out. `expanders` offers its button
 *    once (while it shows another option than "All comments") and, when its menu is open, the menu's "All comments"
 *    item: a two-step switch. Facebook's "All comments" keeps the most relevant first, so what was read before the
 *    switch keeps its place;
 * 2. "View more comments" at the end of the list;
 * 3. "View all 3 replies" / "View 1 more reply" under comments and replies.
 * The allow-list (`isAllowedClick`) checks structure first (a button or menu item; never a link, a composer, a form,
 * a control holding other controls, a toggle) and then the whole label against short phrase lists in English,
 * Spanish and Portuguese (./selectors `words`). Like, React, Reply, Share, Follow, the ⋯ menus (edit, delete, hide,
 * report, block) and every other menu item are refused. Keys come from the comment_id / reply_comment_id in each
 * comment's own links (never from its text), so a localised page reads the same.
 */
import type { ExtractedContent } from '../../model/evidence';
import type { CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { classify, facebookAdapter } from './adapter';
import { absUrl, decodeCommentId, isShown, labelOf, profileFromUrl, textOf } from './common';
import { selectors as S, words } from './selectors';

const css = (key: string): string => S[key]!.css;
const all = (root: ParentNode, key: string): Element[] => Array.from(root.querySelectorAll(css(key)));

const fold = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const ALL_NAMES = new Set(words.commentFilterAll.map(fold));
const OTHER_NAMES = new Set(words.commentFilterOther.map(fold));

/** The articles that belong to `article` itself (not to a nested article). */
function own(article: Element, key: string): Element[] {
  const a = css('article');
  return all(article, key).filter((e) => e.closest(a) === article);
}

function isPostPage(url: URL): boolean {
  return /\/posts\/[^/]+/.test(url.pathname) || /^\/(?:permalink|story)\.php$/.test(url.pathname) || url.searchParams.has('story_fbid');
}

/** Whether a permalink names the post the page is about. */
function samePost(permalink: string, page: URL): boolean {
  const a = absUrl(permalink, page.href);
  if (!a) return false;
  const path = (u: URL) => u.pathname.replace(/\/+$/, '');
  if (path(a) !== path(page)) return false;
  if (/^\/(?:permalink|story)\.php$/.test(a.pathname)) return a.searchParams.get('story_fbid') === page.searchParams.get('story_fbid');
  return true;
}

function topLevelPosts(root: ParentNode, base: string): Element[] {
  const a = css('article');
  return all(root, 'article').filter((el) => !el.parentElement?.closest(a) && classify(el, base) === 'post');
}

/** A comment, reply or control belongs to the head post unless another post sits between them. */
function belongsTo(row: Element, head: Element | undefined, base: string): boolean {
  const a = css('article');
  for (let p = row.parentElement?.closest(a); p; p = p.parentElement?.closest(a)) {
    if (p === head) return true;
    if (classify(p, base) === 'post') return false;
  }
  return true;
}

/** Normalised texts of an element and its descendants (a menu item's title sits in a child). */
function namesOf(el: Element): string[] {
  const out = [fold(labelOf(el))];
  const kids = el.getElementsByTagName('*');
  for (let i = 0; i < kids.length && i < 60; i++) out.push(fold(kids[i]!.textContent ?? ''));
  return out;
}

function insideCommentArticle(el: Element, base: string): boolean {
  const art = el.closest(css('article'));
  if (!art) return false;
  const kind = classify(art, base);
  return kind === 'comment' || kind === 'reply';
}

/** Structure every allowed control shares: a plain button or menu item that is nothing else. */
function plainControl(el: Element): boolean {
  if (!el.matches(css('clickable'))) return false;
  if (el.closest(css('anyLink')) || el.closest(css('form')) || el.closest(css('editable'))) return false;
  if (el.querySelector(`${css('anyLink')}, ${css('editable')}, ${css('clickable')}`)) return false;
  if (el.hasAttribute('aria-pressed') || el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('disabled')) return false;
  return true;
}

function isFilterMenuItem(el: Element): boolean {
  if (!el.matches(css('menuItem'))) return false;
  const menu = el.closest(css('menu'));
  if (!menu || !isShown(menu)) return false;
  // The comment filter's menu: at least two of its items are filter options.
  const options = all(menu, 'menuItem').filter((i) => namesOf(i).some((n) => ALL_NAMES.has(n) || OTHER_NAMES.has(n)));
  if (options.length < 2) return false;
  return namesOf(el).some((n) => ALL_NAMES.has(n));
}

function isFilterButton(el: Element, base: string): boolean {
  if (!el.matches(css('menuButton')) || el.matches(css('menuItem'))) return false;
  if (insideCommentArticle(el, base)) return false;
  // The whole label is the option in force; nothing to do when it already is "All comments".
  return OTHER_NAMES.has(fold(labelOf(el).replace(/[▾▼⌄]/g, '')));
}

function isRevealControl(el: Element): boolean {
  if (el.hasAttribute('aria-haspopup') || el.matches(css('menuItem')) || el.closest(css('menu'))) return false;
  const label = labelOf(el);
  return label.length <= 120 && words.revealMore.some((re) => re.test(label));
}

/** The filter buttons offered once, and how often a container's filter was tried (a switch that fails is not retried forever). */
const offered = new WeakSet<Element>();
const filterTries = new WeakMap<Element, number>();

function baseOf(el: Element): string {
  return el.ownerDocument.defaultView?.location?.href ?? 'https://www.facebook.com/';
}

export const facebookThread: ThreadSupport = {
  container(target: CaptureTarget, ctx: ExtractContext): ThreadContainer | null {
    if (target.kind !== 'post' || !target.element.matches(css('article')) || !isPostPage(ctx.url)) return null;
    const permalink = facebookAdapter.extract(target, ctx).permalink;
    const only = topLevelPosts(ctx.document, ctx.url.href);
    if (!(permalink && samePost(permalink, ctx.url)) && !(only.length === 1 && only[0] === target.element)) return null;
    // The page body, or the dialog a post opened over the feed sits in.
    const element = target.element.closest(css('dialog')) ?? target.element.closest(css('main')) ?? ctx.document.body;
    return { element, recordKind: 'post', head: target.element };
  },

  rows(c: ThreadContainer): Element[] {
    const base = baseOf(c.element);
    return all(c.element, 'article').filter((el) => {
      if (el === c.head) return false;
      const kind = classify(el, base);
      return (kind === 'comment' || kind === 'reply') && belongsTo(el, c.head, base);
    });
  },

  keyOf(row: Element, ctx: ExtractContext): string | null {
    // Facebook's comment ids: the comment's own links carry comment_id (and reply_comment_id for a reply).
    for (const a of own(row, 'commentLink')) {
      const u = absUrl(a.getAttribute('href'), ctx.url.href);
      if (!u) continue;
      const reply = u.searchParams.get('reply_comment_id');
      const comment = u.searchParams.get('comment_id');
      if (reply) return `comment:${decodeCommentId(reply)}`;
      if (comment) return `comment:${decodeCommentId(comment)}`;
    }
    // No id on the page: the author's link, the time as shown and the text.
    const author = own(row, 'anyLink')
      .map((a) => absUrl(a.getAttribute('href'), ctx.url.href))
      .find((u) => !!u && !!profileFromUrl(u));
    const text = own(row, 'autoDirBlock').map((b) => textOf(b)).join('\n');
    if (!author && !text) return null;
    return `text:${author ? profileFromUrl(author)!.profileUrl : '?'}|${text}`;
  },

  entryOf(row: Element, ctx: ExtractContext): ThreadEntry {
    const kind = classify(row, ctx.url.href) === 'reply' ? 'reply' : 'comment';
    const content = facebookAdapter.extract({ element: row, kind }, ctx);
    return { key: facebookThread.keyOf(row, ctx) ?? content.permalink ?? '', content };
  },

  loading(c: ThreadContainer): boolean {
    return all(c.element, 'progressbar').some(isShown);
  },

  expanders(c: ThreadContainer): Element[] {
    const doc = c.element.ownerDocument;
    const base = baseOf(c.element);
    // Step 2 of the filter switch: the open menu's "All comments".
    const item = all(doc, 'menuItem').find((el) => !offered.has(el) && facebookThread.isAllowedClick(el));
    if (item) {
      offered.add(item);
      return [item];
    }
    // Step 1: the filter button, alone (other clicks would close its menu), once per button, twice per thread at most.
    // Only controls of this post: a post opened over the feed leaves the feed's own posts in the page.
    const mine = (el: Element) => belongsTo(el, c.head, base);
    const filter = all(c.element, 'menuButton').find((el) => isFilterButton(el, base) && plainControl(el) && mine(el));
    const tries = filterTries.get(c.element) ?? 0;
    if (filter && !offered.has(filter) && tries < 2) {
      offered.add(filter);
      filterTries.set(c.element, tries + 1);
      return [filter];
    }
    return all(c.element, 'clickable').filter((el) => isRevealControl(el) && plainControl(el) && mine(el));
  },

  isAllowedClick(el: Element): boolean {
    if (!plainControl(el)) return false;
    if (el.matches(css('menuItem'))) return isFilterMenuItem(el);
    if (el.hasAttribute('aria-haspopup')) return isFilterButton(el, baseOf(el));
    if (el.closest(css('menu'))) return false;
    return isRevealControl(el);
  },

  head(c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    const head = c.head ?? topLevelPosts(ctx.document, ctx.url.href).find((p) => samePost(facebookAdapter.extract({ element: p, kind: 'post' }, ctx).permalink ?? '', ctx.url));
    if (!head) throw new Error('The post itself is not on the page.');
    return facebookAdapter.extract({ element: head, kind: 'post' }, ctx);
  },
};

