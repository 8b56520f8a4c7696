/**
 * Whole-thread support for Messenger (issue #4): one open conversation, on www.messenger.com/t/<id>/ and on
 * www.facebook.com/messages/t/<id>/ alike (the same DOM). A pure DOM reader like adapter.ts: every query comes from
 * ./selectors, each message is read by the adapter's own extract() (sender from the label wording or the layout,
 * time, text, photos, voice messages, reactions, unsent placeholders), and nothing here clicks.
 *
 * Messenger loads older messages only by scrolling up (the engine does that and waits on the `progressbar` spinner);
 * it has no "load more" control, so `expanders` is empty and `isAllowedClick` accepts nothing: a conversation is full
 * of controls that act (react, reply, forward, unsend, call, send, block) and none of them is ever needed.
 */
import type { ExtractedContent } from '../../model/evidence';
import { absUrl, isShown, profileFromUrl, textOf } from '../facebook/common';
import { profileBlockAbove, scrollAreaOf, shownText } from '../start-marker';
import type { CaptureTarget, ExtractContext, ThreadContainer, ThreadEntry, ThreadSupport } from '../types';
import { conversationHead, messengerAdapter } from './adapter';
import { selectors as S, words } from './selectors';

const css = (key: string): string => S[key]!.css;
const all = (root: ParentNode, key: string): Element[] => Array.from(root.querySelectorAll(css(key)));

function readsLikeMessage(label: string | null): boolean {
  const l = label?.trim() ?? '';
  return !!l && [...words.sentPrefixes, ...words.receivedPrefixes].some((p) => l.startsWith(p));
}

/** Message elements: data-message-id where Messenger draws it; else gridcells labelled like a message. */
function messageRows(c: ThreadContainer): Element[] {
  const ids = all(c.element, 'message');
  if (ids.length) return ids;
  return all(c.element, 'gridcell').filter((el) => readsLikeMessage(el.getAttribute('aria-label')));
}

/**
 * Messenger's start of a conversation: the other person's profile block above the first message, inside the
 * scrolling message list (picture, name, "You're friends on Facebook", "Lives in …", "View profile"). Read without
 * words: a link to the profile the conversation header links to, in a block that shows that person's name (names
 * are not translated) and a picture, outside every message. The header shows the same but is outside the list.
 * Null when there is no one person to look for (a group, or a header that could not be read) or no message list;
 * false when a one-to-one conversation's top shows no such block.
 */
function messengerStartMarker(c: ThreadContainer): boolean | null {
  if (c.recordKind !== 'dm-thread') return null;
  const doc = c.element.ownerDocument;
  let url: URL;
  try {
    url = new URL(doc.location?.href ?? '');
  } catch {
    return null;
  }
  const others = (conversationHead({ url, document: doc }).participants ?? []).slice(1).filter((p) => p.profileUrl && p.displayName);
  const rows = messageRows(c);
  const grid = c.element.querySelector(css('grid'));
  const from = rows[0] ?? grid;
  const area = from ? (scrollAreaOf(from, c.element) ?? grid) : null;
  if (!area) return null;
  const found = others.some((o) =>
    profileBlockAbove(
      area,
      rows,
      (a) => {
        const u = absUrl(a.getAttribute('href'), url.href);
        return !!u && profileFromUrl(u)?.profileUrl === o.profileUrl;
      },
      (block) => !!block.querySelector(css('image')) && shownText(block).includes(o.displayName as string),
    ),
  );
  if (found) return true;
  return others.length === 1 ? false : null;
}

export const messengerThread: ThreadSupport = {
  container(target: CaptureTarget): ThreadContainer | null {
    return target.kind === 'dm-thread' ? { element: target.element, recordKind: 'dm-thread' } : null;
  },

  scroller(c: ThreadContainer): Element | null {
    // The engine walks up from here to the nearest scrollable ancestor (the message list).
    return messageRows(c)[0] ?? c.element.querySelector(css('grid'));
  },

  rows: messageRows,

  keyOf(row: Element): string | null {
    const id = row.getAttribute('data-message-id');
    if (id) return `mid:${id}`;
    // No id drawn: the label already reads "sender + time + text" ("Message sent … by You: …").
    const label = row.getAttribute('aria-label')?.replace(/\s+/g, ' ').trim();
    if (label && readsLikeMessage(label)) return `label:${label}`;
    const side = row.matches(css('alignedEnd')) || row.querySelector(css('alignedEnd')) ? 'end' : 'start';
    const text = textOf(row);
    const media = all(row, 'image').map((i) => i.getAttribute('src') ?? '').join(' ');
    if (!text && !media) return null;
    return `layout:${side}|${text}|${media}`;
  },

  entryOf(row: Element, ctx: ExtractContext): ThreadEntry {
    const content = messengerAdapter.extract({ element: row, kind: 'dm-message' }, ctx);
    return { key: messengerThread.keyOf(row, ctx) ?? content.itemId ?? '', content };
  },

  loading(c: ThreadContainer): boolean {
    return all(c.element, 'progressbar').some(isShown);
  },

  expanders(): Element[] {
    return [];
  },

  isAllowedClick(): boolean {
    return false;
  },

  startMarker: messengerStartMarker,

  head(_c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    return conversationHead(ctx);
  },
};
