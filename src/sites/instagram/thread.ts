/**
 * Whole-thread support for Instagram (issue #4): a direct-message conversation (/direct/t/<id>/) and a post page's
 * comments with their replies. A pure DOM reader like adapter.ts: every query comes from ./selectors, messages and
 * comments are read by the adapter's own readers, and nothing here clicks. The engine clicks only what `expanders`
 * returns and `isAllowedClick` accepts: "View replies (n)" and "Load more comments"-type controls, nothing else.
 *
 * Keys. A comment or reply has a permalink (/p/<code>/c/<id>/, /p/<code>/c/<parent>/r/<id>/): that is its key.
 * A message has no id in the page and no time of its own: Instagram draws a time divider ("Mar 2, 2026, 10:41 PM")
 * above each run of messages sent close together, and the same words can be sent several times in one run. A
 * message's key is therefore its run's divider, its place in the run, and what it shows (side, text, pictures):
 * "dm|<divider>|<n>|<side>|<text>…". The conversation is virtualised (only the rows near the viewport exist, row
 * nodes are recycled), so a long run's divider is often out of the DOM: a row is then placed from a row node that
 * was placed in the previous window and is still showing the same message (same look, moved by the same amount as
 * its neighbours, so a recycled node that now shows a look-alike message elsewhere is not trusted). A row that
 * cannot be placed yet gets no key (the engine skips it) and is keyed when the capture passes it again.
 */
import type { ExtractedContent } from '../../model/evidence';
import { profileBlockAbove, scrollAreaOf } from '../start-marker';
import type { CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { type DmThreadView, type DmViewRow, dmThreadView, isProfileHeader, type PostThreadView, postThreadView, routeOf } from './adapter';
import { css, type SelectorKey, words } from './selectors';

const ORIGIN = 'https://www.instagram.com';
const all = (root: ParentNode, key: SelectorKey): Element[] => Array.from(root.querySelectorAll(css(key)));

// ------------------------------------------------------------------------------------------------ conversation keys

interface Anchor {
  /** The run's time divider, as shown. */
  section: string;
  /** Place in the run, from 0. */
  index: number;
}

interface Placed extends Anchor {
  sig: string;
  /** Where the row was drawn, relative to the top of the row list. */
  y: number;
}

interface DmWindow {
  view: DmThreadView;
  placed: Map<Element, { key: string; anchor: Anchor } | null>;
}

interface DmState {
  /** Row nodes placed in the previous window. */
  previous: Map<Element, Placed>;
  /** The row list's height then. */
  previousHeight: number;
  window: DmWindow | null;
}

/** How far a row may have moved for a lay-out correction and still be the row it was (a recycled node moves far). */
const MOVE_SLACK = 120;

const dmStates = new WeakMap<Element, DmState>();

const counts = (r: DmViewRow): boolean => r.kind === 'message' || r.kind === 'unsent' || r.kind === 'system';
const signature = (r: DmViewRow): string => `${r.kind}|${r.right ? 'R' : 'L'}|${r.text}|${r.media.join(' ')}`;

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function keyFor(anchor: Anchor, r: DmViewRow, sig: string): string {
  return `dm|${anchor.section}|${anchor.index}|${r.right ? 'me' : 'them'}|${r.text.slice(0, 40)}|${hash(sig)}`;
}

function heightOf(el: Element): number {
  try {
    return el.getBoundingClientRect().height;
  } catch {
    return 0;
  }
}

function topOf(el: Element): number {
  try {
    return el.getBoundingClientRect().top;
  } catch {
    return 0;
  }
}

/** Places every message row of the current window (see the notes at the top) and remembers them for the next. */
function readDmWindow(container: Element, ctx: ExtractContext): DmWindow | null {
  const view = dmThreadView(ctx.document, ctx.url);
  if (!view) return null;
  let state = dmStates.get(container);
  if (!state) {
    state = { previous: new Map(), previousHeight: 0, window: null };
    dmStates.set(container, state);
  }
  const listTop = view.list ? topOf(view.list) : 0;
  const rows = view.rows.map((r) => ({ r, sig: counts(r) ? signature(r) : '', y: counts(r) ? topOf(r.el) - listTop : 0 }));

  // Rows still showing what they showed in the previous window. Between two windows a row stays where it was in the
  // list, or moves down by what the site added above it (older messages); a recycled node re-filled with a
  // look-alike message elsewhere has moved by something else, and is not trusted.
  const height = view.list ? heightOf(view.list) : 0;
  const expectedMoves = [0, height - state.previousHeight];
  const known = new Map<Element, Placed>();
  for (const { r, sig, y } of rows) {
    const before = state.previous.get(r.el);
    if (!before || before.sig !== sig) continue;
    const move = y - before.y;
    if (expectedMoves.some((m) => Math.abs(move - m) <= MOVE_SLACK)) known.set(r.el, before);
  }

  const placed = new Map<Element, { key: string; anchor: Anchor } | null>();
  const next = new Map<Element, Placed>();
  const place = (r: DmViewRow, sig: string, y: number, anchor: Anchor): void => {
    placed.set(r.el, { key: keyFor(anchor, r, sig), anchor });
    next.set(r.el, { ...anchor, sig, y });
  };
  let current: Anchor | null = null;
  let pending: { r: DmViewRow; sig: string; y: number }[] = [];
  for (const { r, sig, y } of rows) {
    if (r.kind === 'divider') {
      current = { section: r.text, index: -1 };
      pending = [];
      continue;
    }
    if (!counts(r)) continue;
    const before = known.get(r.el);
    let anchor: Anchor | null = null;
    if (before) {
      // Keep the key it was given: rows above it in the same run, not placed yet, are counted back from it.
      anchor = { section: before.section, index: before.index };
      pending.forEach((p, j) => {
        const index = before.index - (pending.length - j);
        if (index >= 0) place(p.r, p.sig, p.y, { section: before.section, index });
      });
      pending = [];
    } else if (current) {
      anchor = { section: current.section, index: current.index + 1 };
    }
    if (anchor) {
      current = anchor;
      place(r, sig, y, anchor);
    } else {
      placed.set(r.el, null);
      pending.push({ r, sig, y });
    }
  }
  state.previous = next;
  state.previousHeight = height;
  state.window = { view, placed };
  return state.window;
}

function dmWindowFor(row: Element, ctx: ExtractContext, container?: Element): DmWindow | null {
  const c = container ?? dmThreadView(ctx.document, ctx.url)?.container;
  if (!c) return null;
  const w = dmStates.get(c)?.window;
  if (w?.placed.has(row)) return w;
  return readDmWindow(c, ctx);
}

// ------------------------------------------------------------------------------------------------ comments

const postViews = new WeakMap<Element, PostThreadView>();

function commentKey(row: Element): string | null {
  const link = row.querySelector(css('commentTimeLink'))?.parentElement;
  const href = link?.getAttribute('href');
  if (!href) return null;
  let u: URL;
  try {
    u = new URL(href, ORIGIN);
  } catch {
    return null;
  }
  if (!/^\/(?:[A-Za-z0-9._]{1,30}\/)?(?:p|reel|reels|tv)\/[A-Za-z0-9_-]{5,}\/c\/\d+\/(?:r\/\d+\/)?$/.test(u.pathname)) return null;
  return `${ORIGIN}${u.pathname}`;
}

function readPost(c: ThreadContainer, ctx: ExtractContext): PostThreadView | null {
  const view = postThreadView(ctx.document, ctx.url);
  if (view) postViews.set(c.element, view);
  return view;
}

const NOT_LOADED = /more replies (?:are|may) not (?:be )?loaded/;
const MORE_COMMENTS = /^More comments exist than are shown/;

// ------------------------------------------------------------------------------------------------ the allow-list

/** The label a person reads on a control: its aria-label, else its text without icon titles. */
function labelOf(el: Element): string {
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return aria.replace(/\s+/g, ' ').trim();
  let out = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (n.nodeType === 1 && (n as Element).tagName.toLowerCase() !== 'svg') for (const child of Array.from(n.childNodes)) walk(child);
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

function isExpanderLabel(el: Element): boolean {
  const label = labelOf(el);
  if (words.viewRepliesLabel.some((re) => re.test(label)) || words.loadMoreLabel.some((re) => re.test(label))) return true;
  // The icon-only "Load more comments" control: its one icon says so and it shows no other text.
  const icons = all(el, 'loadMoreComments');
  if (icons.length === 1 && all(el, 'labelledIcon').length === 1 && (label === '' || (words.loadMoreComments as readonly string[]).includes(label))) return true;
  return false;
}

function isAllowed(el: Element): boolean {
  // Structure first: a button of its own — not a link, not in a form or text field, not a menu or a toggle, no
  // control inside it, nowhere in a conversation (older messages load by scrolling, never by a click).
  if (!el.matches(css('button'))) return false;
  if (el.matches(css('anyLink')) || el.closest(css('anyLink')) || el.querySelector(css('anyLink'))) return false;
  if (el.matches(css('editable')) || el.closest(css('editable')) || el.querySelector(css('editable'))) return false;
  if (el.matches(css('menuTrigger')) || el.querySelector(css('menuTrigger'))) return false;
  // Toggles (like, save) carry a state; an open disclosure ("Hide replies") would close.
  if (el.hasAttribute('aria-pressed') || el.hasAttribute('aria-checked') || el.getAttribute('aria-expanded') === 'true') return false;
  if (el.querySelector(css('button')) || el.parentElement?.closest(css('button'))) return false;
  if (el.closest(css('dmContainer'))) return false;
  // Then wording: only the whole label of a "view replies" / "load more comments" control, in any known language.
  return isExpanderLabel(el);
}

// ------------------------------------------------------------------------------------------------ the start

/**
 * Instagram's start of a conversation: the other person's profile header (large avatar, name, "<handle> · Instagram",
 * "View profile") drawn above the first message inside the scrolling message area — a link to their profile with
 * their handle shown beside it and a picture, outside every message (adapter.isProfileHeader). The top bar shows the
 * same but sits outside the scrolling area. Null when the conversation was not recognised (its label in a language
 * the adapter does not know) or is a group (no one person's header to look for); false when a recognised one-to-one
 * conversation's top shows no header.
 */
function igStartMarker(c: ThreadContainer): boolean | null {
  if (c.recordKind !== 'dm-thread') return null;
  const doc = c.element.ownerDocument;
  let url: URL;
  try {
    url = new URL(doc.location?.href ?? ORIGIN);
  } catch {
    return null;
  }
  const view = dmThreadView(doc, url);
  if (!view?.recognised || !view.list) return null;
  const list = view.list;
  // Without layout (no scrolling seen), the part of the conversation that holds the list, which the top bar is not in.
  const area = scrollAreaOf(list, view.container) ?? Array.from(view.container.children).find((ch) => ch.contains(list)) ?? list;
  const rows = view.rows.filter(counts).map((r) => r.el);
  const found = profileBlockAbove(
    area,
    rows,
    () => true,
    (block) => isProfileHeader(block, view.others),
  );
  if (found) return true;
  return view.others.length === 1 ? false : null;
}

// ------------------------------------------------------------------------------------------------ the support

export const instagramThread: ThreadSupport = {
  // A conversation's messages carry no id: each is keyed by its place in its run, which the way down completes.
  placesOnTheWayDown: true,
  container(target: CaptureTarget, ctx: ExtractContext): ThreadContainer | null {
    const route = routeOf(ctx.url);
    if (target.kind === 'dm-thread' && route.type === 'dm') return { element: target.element, recordKind: 'dm-thread' };
    if (target.kind === 'post' && route.type === 'post') {
      const view = postThreadView(ctx.document, ctx.url);
      if (!view || view.post !== target.element) return null;
      return { element: target.element, recordKind: 'post', head: target.element };
    }
    return null;
  },

  scroller(c: ThreadContainer): Element | null {
    const doc = c.element.ownerDocument;
    const url = new URL(doc.location?.href ?? ORIGIN);
    if (c.recordKind === 'post') return postViews.get(c.element)?.list ?? postThreadView(doc, url)?.list ?? null;
    return dmStates.get(c.element)?.window?.view.list ?? dmThreadView(doc, url)?.list ?? null;
  },

  rows(c: ThreadContainer): Element[] {
    const doc = c.element.ownerDocument;
    const ctx = { url: new URL(doc.location?.href ?? ORIGIN), document: doc };
    if (c.recordKind === 'post') {
      const view = readPost(c, ctx);
      return view ? view.comments.map((x) => x.row).filter((r) => c.element.contains(r)) : [];
    }
    const w = readDmWindow(c.element, ctx);
    return w ? w.view.rows.filter(counts).map((r) => r.el) : [];
  },

  keyOf(row: Element, ctx: ExtractContext): string | null {
    if (routeOf(ctx.url).type === 'post') return commentKey(row);
    return dmWindowFor(row, ctx)?.placed.get(row)?.key ?? null;
  },

  entryOf(row: Element, ctx: ExtractContext, c: ThreadContainer): ThreadEntry {
    if (c.recordKind === 'post') {
      let view = postViews.get(c.element);
      if (!view?.comments.some((x) => x.row === row)) view = readPost(c, ctx) ?? undefined;
      if (!view) throw new Error('not an Instagram post page');
      const content = view.read(row);
      content.warnings = content.warnings.filter((w) => !NOT_LOADED.test(w));
      if (!content.inReplyTo) {
        const post = routeOf(ctx.url);
        if (post.type === 'post') content.inReplyTo = `${ORIGIN}/${post.section}/${post.code}/`;
      }
      return { key: commentKey(row) ?? content.permalink ?? '', content };
    }
    const w = dmWindowFor(row, ctx, c.element);
    const at = w?.placed.get(row);
    if (!w || !at) throw new Error('message not placed in the conversation');
    const content = w.view.read(row);
    // The run's divider is the only time Instagram shows for a message; it may be out of the DOM by now.
    if (content.itemTimeText !== at.anchor.section) content.itemTimeText = at.anchor.section;
    return { key: at.key, content };
  },

  loading(c: ThreadContainer): boolean {
    return all(c.element, 'progress').some((el) => !el.closest(css('hiddenSubtree')));
  },

  expanders(c: ThreadContainer): Element[] {
    if (c.recordKind !== 'post') return [];
    return all(c.element, 'button').filter(isAllowed);
  },

  isAllowedClick(el: Element): boolean {
    try {
      return isAllowed(el);
    } catch {
      return false;
    }
  },

  startMarker: igStartMarker,

  head(c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    if (c.recordKind === 'post') {
      const view = readPost(c, ctx);
      if (!view) throw new Error('The post itself is not on the page.');
      const head = view.head();
      head.warnings = head.warnings.filter((w) => !MORE_COMMENTS.test(w));
      return head;
    }
    const view = dmThreadView(ctx.document, ctx.url);
    if (!view) throw new Error('not an Instagram conversation page');
    return view.head();
  },
};
