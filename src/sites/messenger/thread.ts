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
import { isShown, textOf } from '../facebook/common';
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

  head(_c: ThreadContainer, ctx: ExtractContext): ExtractedContent {
    return conversationHead(ctx);
  },
};
