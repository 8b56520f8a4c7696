/**
 * Whole-thread support for X (issue #4): a DM conversation in either layout (older /messages, newer /i/chat), and
 * the replies under a post on its own page. A pure DOM reader like adapter.ts: every query comes from ./selectors,
 * messages and replies are read by the adapter's own extract(), and nothing here clicks. The engine clicks only
 * what `expanders` returns and `isAllowedClick` accepts: X's "Show more replies"-type cells, nothing else.
 */
import type { ExtractedContent } from '../../model/evidence';
import { profileBlockAbove, shownText } from '../start-marker';
import type { CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { xAdapter } from './adapter';
import { isPromoted } from './promoted';
import { selectors, type XSelectorName } from './selectors';

const css = (name: XSelectorName): string => selectors[name].css;
const all = (root: ParentNode, name: XSelectorName): Element[] => Array.from(root.querySelectorAll(css(name)));
const first = (root: ParentNode, name: XSelectorName): Element | null => root.querySelector(css(name));

/**
 * What the controls X uses to reveal more of a conversation say (they carry no data-testid). Matched on the whole
 * label, so "Show" inside a longer label ("Show this thread", "Show 3 new posts") never matches by accident.
 */
const EXPANDER_LABELS: readonly RegExp[] = [
  /^show (more )?replies$/i,
  /^show additional replies(, including those that may contain offensive content)?$/i,
  /^show probable spam$/i,
  /^mostrar (más )?respuestas$/i,
  /^mostrar respuestas adicionales.*$/i,
  /^weitere antworten anzeigen$/i,
  /^afficher (plus de|les) réponses$/i,
];

const isChatMessage = (el: Element): boolean => /^message-(?!text-)[\w:-]+$/.test(el.getAttribute('data-testid') ?? '');
const isLegacy = (c: ThreadContainer): boolean => c.element.matches(css('dmLegacyThread')) || !!first(c.element, 'dmLegacyMessage');

function statusPage(url: URL): string | undefined {
  return /^\/[A-Za-z0-9_]{1,15}\/status\/(\d+)/.exec(url.pathname)?.[1];
}

/** `/<handle>/status/<id>` of the link around an article's own time (its permalink). */
function permalinkOf(article: Element): string | undefined {
  for (const time of all(article, 'time')) {
    const a = time.closest(css('link'));
    const m = /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/status\/(\d+)\/?$/.exec(a?.getAttribute('href') ?? '');
    if (m) return `https://x.com/${m[1]}/status/${m[2]}`;
  }
  return undefined;
}

function posts(root: Element): Element[] {
  return all(root, 'post').filter((a) => !isPromoted(a) && !a.parentElement?.closest(css('post')));
}

function labelOf(el: Element): string {
  return (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
}

/** A one-to-one conversation: its id is the two account ids, `<a>-<b>`, in both layouts (a group's is one id). */
function oneToOne(url: URL | null): boolean {
  return !!url && /^\/(?:messages|i\/chat)\/\d+-\d+\/?$/.test(url.pathname);
}

function pageUrl(el: Element): URL | null {
  try {
    return new URL(el.ownerDocument.location?.href ?? '');
  } catch {
    return null;
  }
}

/** `/<handle>` of a link to a profile (x.com, twitter.com or relative), else undefined. */
function profileHandle(a: Element): string | undefined {
  return /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/?$/.exec(a.getAttribute('href') ?? '')?.[1];
}

/**
 * X's start of a conversation: the other person's profile card drawn above the first message inside the message
 * list (avatar, name, @handle, "Joined …", followers; older /messages and newer /i/chat alike): a link to /<handle>
 * whose block shows "@<handle>", outside every message. Avatars beside messages link to the profile too, but show
 * no @handle; the top bar shows one but is outside the list.
 */
function xStartMarker(c: ThreadContainer): boolean | null {
  if (c.recordKind !== 'dm-thread') return null;
  const list = first(c.element, 'dmChatList') ?? first(c.element, 'dmLegacyScroller');
  if (!list) return null;
  const found = profileBlockAbove(
    list,
    xThread.rows(c),
    (a) => !!profileHandle(a),
    (block, a) => shownText(block).toLowerCase().includes(`@${profileHandle(a)?.toLowerCase()}`),
  );
  if (found) return true;
  // A group conversation starts with no one's card: nothing to look for there.
  return oneToOne(pageUrl(c.element)) ? false : null;
}

function headOfPostPage(root: ParentNode, url: URL): Element | undefined {
  const id = statusPage(url);
  if (!id) return undefined;
  return all(root as Element, 'post').find((a) => permalinkOf(a)?.endsWith(`/status/${id}`));
}

export const xThread: ThreadSupport = {
  container(target: CaptureTarget, ctx: ExtractContext): ThreadContainer | null {
    if (target.kind === 'dm-thread') return { element: target.element, recordKind: 'dm-thread' };
    if (target.kind === 'post') {
      const id = statusPage(ctx.url);
      if (!id || !permalinkOf(target.element)?.endsWith(`/status/${id}`)) return null;
      const column = target.element.closest(css('primaryColumn')) ?? ctx.document.body;
      return { element: column, recordKind: 'post', head: target.element };
    }
    return null;
  },

  scroller(c: ThreadContainer): Element | null {
    if (c.recordKind === 'post') return null;
    return first(c.element, 'dmChatList') ?? first(c.element, 'dmLegacyScroller');
  },

  rows(c: ThreadContainer): Element[] {
    if (c.recordKind === 'post') return posts(c.element).filter((a) => a !== c.head && !(c.head && permalinkOf(a) === permalinkOf(c.head)));
    if (isLegacy(c)) return all(c.element, 'dmLegacyMessage');
    return all(c.element, 'dmChatMessage').filter(isChatMessage);
  },

  keyOf(row: Element): string | null {
    if (row.matches(css('post'))) return permalinkOf(row) ?? null;
    if (isChatMessage(row)) return `message:${/^message-(.+)$/.exec(row.getAttribute('data-testid') ?? '')?.[1]}`;
    // Older layout: no id in the DOM. Fallback: side (the page's own alignment) + time + text.
    const time = first(row, 'time')?.getAttribute('datetime') ?? '';
    const text = all(row, 'postText').map((t) => t.textContent ?? '').join('\n');
    const media = all(row, 'image').map((i) => i.getAttribute('src') ?? '').join(' ');
    const view = row.ownerDocument.defaultView;
    const side = view ? view.getComputedStyle(row).alignItems || '' : '';
    if (!time && !text && !media) return null;
    return `legacy:${side}|${time}|${text}|${media}`;
  },

  entryOf(row: Element, ctx: ExtractContext, c: ThreadContainer): ThreadEntry {
    const kind = c.recordKind === 'post' ? 'reply' : 'dm-message';
    const content = xAdapter.extract({ element: row, kind }, ctx);
    if (kind === 'reply' && !content.inReplyTo && c.head) {
      const head = permalinkOf(c.head);
      if (head && head !== content.permalink) content.inReplyTo = head;
    }
    return { key: xThread.keyOf(row, ctx) ?? content.permalink ?? '', content };
  },

  loading(c: ThreadContainer): boolean {
    return all(c.element, 'progressbar').some((el) => !el.hasAttribute('hidden') && el.getAttribute('aria-hidden') !== 'true');
  },

  expanders(c: ThreadContainer): Element[] {
    return all(c.element, 'cellButton').filter((el) => !el.closest(css('post')));
  },

  isAllowedClick(el: Element): boolean {
    // Structure: a button-like element in a list cell of its own, outside any post, not a link, no menu, no test id
    // (X's action buttons — reply, repost, like, bookmark, share, follow, caret menus — all carry one).
    if (!el.matches(css('cellButton'))) return false;
    if (!el.closest(css('cell')) || el.closest(css('post'))) return false;
    if (el.closest(css('link')) || el.hasAttribute('data-testid') || el.hasAttribute('aria-haspopup')) return false;
    if (Array.from(el.getElementsByTagName('*')).some((d) => d.hasAttribute('data-testid') || d.matches(css('link')))) return false;
    if (el.tagName === 'BUTTON' && (el as HTMLButtonElement).form) return false;
    // Wording: only the "show more replies" family, as a whole label.
    const label = labelOf(el);
    return EXPANDER_LABELS.some((re) => re.test(label));
  },

  startMarker: xStartMarker,

  head(c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    if (c.recordKind === 'post') {
      const head = c.head ?? headOfPostPage(ctx.document, ctx.url);
      if (!head) throw new Error('The post itself is not on the page.');
      return xAdapter.extract({ element: head, kind: 'post' }, ctx);
    }
    const thread = xAdapter.extract({ element: c.element, kind: 'dm-thread' }, ctx);
    const { messages: _m, text: _t, ...rest } = thread;
    return rest;
  },
};
