/**
 * Messenger conversations on www.facebook.com/messages/t/<id>/ and www.messenger.com/t/<id>/: each loaded message
 * ('dm-message') and the visible thread as a whole ('dm-thread'). A pure DOM reader; every query comes from
 * ./selectors.ts.
 *
 * Who sent a message is not marked by any attribute. In order of preference the adapter uses:
 * 1. the message's aria-label wording ("Message sent … by …" = the logged-in viewer; "Message received … from …"),
 *    in English, Spanish or Portuguese;
 * 2. layout: a right-aligned bubble is the viewer's own; a bubble with the other person's avatar is theirs;
 * and writes which one it used into `senderDerivation`. The viewer IS the sender of sent messages, so those carry
 * the viewer's own identity (CurrentUserInitialData), saying so in accountIdSource.
 */
import type { Author, ExtractedContent, MediaRef, ReportRoute } from '../../model/evidence';
import { absUrl, cleanUrl, linksIn, parseDisplayedDate, profileFromUrl, readPageData, readViewer, textOf, type Viewer } from '../facebook/common';
import type { CaptureTarget, ExtractContext, SiteAdapter } from '../types';
import { messengerDescriptor } from './descriptor';
import { selectors as S, words } from './selectors';
import { routeItemOf, routesFor } from '../../reporting/routes';
import { messengerRoutes } from './routes';

const VERSION = '1.0.0';
const css = (key: string): string => S[key]!.css;
const all = (root: ParentNode, key: string): Element[] => Array.from(root.querySelectorAll(css(key)));

const THREAD_PATH = {
  facebook: /^\/messages\/(?:e2ee\/)?t\/([^/]+)\/?/,
  messenger: /^\/(?:e2ee\/)?t\/([^/]+)\/?/,
};

function isMessengerHost(host: string): boolean {
  return host === 'www.messenger.com' || host === 'messenger.com';
}

function threadIdFrom(url: URL): string | undefined {
  const m = (isMessengerHost(url.hostname) ? THREAD_PATH.messenger : THREAD_PATH.facebook).exec(url.pathname);
  return m?.[1];
}

interface ThreadCtx {
  url: URL;
  doc: Document;
  main: Element | null;
  viewer: Viewer;
  viewerAuthor: Author;
  others: Author[];
  threadId?: string;
  permalink: string;
}

function threadCtx(ctx: ExtractContext): ThreadCtx {
  const doc = ctx.document;
  const data = readPageData(doc, css('pageJson'));
  const viewer = readViewer(doc, data, css('navLink'), css('yourProfileLink'));
  const viewerAuthor: Author = {
    ...(viewer.handle ? { handle: viewer.handle } : {}),
    ...(viewer.name ? { displayName: viewer.name } : {}),
    ...(viewer.id ? { accountId: viewer.id, accountIdSource: 'the logged-in account (CurrentUserInitialData USER_ID)' } : {}),
    ...(viewer.profileUrl ? { profileUrl: viewer.profileUrl } : {}),
  };
  const main = doc.querySelector(css('main'));
  const grid = main?.querySelector(css('grid'));

  // The other participant: profile links in the conversation header (outside the message list).
  const others: Author[] = [];
  if (main) {
    for (const a of all(main, 'profileLink')) {
      if (grid?.contains(a)) continue;
      const u = absUrl(a.getAttribute('href'), ctx.url.href);
      const p = u && profileFromUrl(u);
      if (!p) continue;
      const name = textOf(a) || a.getAttribute('aria-label') || undefined;
      const existing = others.find((o) => o.profileUrl === p.profileUrl);
      if (existing) {
        if (!existing.displayName && name) existing.displayName = name;
        continue;
      }
      const author: Author = { ...(p.handle ? { handle: p.handle } : {}), ...(name ? { displayName: name } : {}), profileUrl: p.profileUrl };
      if (p.accountId && p.accountId !== viewer.id) {
        author.accountId = p.accountId;
        author.accountIdSource = `conversation header ${p.accountIdSource ?? 'profile link'}`;
      }
      others.push(author);
    }
  }

  let threadId = threadIdFrom(ctx.url);
  if (!threadId) {
    const current = doc.querySelector(css('currentConversation'));
    const u = absUrl(current?.getAttribute('href'), ctx.url.href);
    if (u) threadId = threadIdFrom(u);
  }
  const path = isMessengerHost(ctx.url.hostname) ? `/t/${threadId ?? ''}/` : `/messages/t/${threadId ?? ''}/`;
  const permalink = threadId ? new URL(path, ctx.url.origin).href : cleanUrl(ctx.url);
  return { url: ctx.url, doc, main, viewer, viewerAuthor, others, ...(threadId ? { threadId } : {}), permalink };
}

interface LabelParts {
  direction: 'sent' | 'received';
  time?: string;
  name?: string;
  text?: string;
}

function parseLabel(label: string): LabelParts | null {
  for (const re of words.sentLabel) {
    const m = re.exec(label);
    if (m) return { direction: 'sent', ...(m[1] ? { time: m[1] } : {}), name: m[2]!, text: m[3]! };
  }
  for (const re of words.receivedLabel) {
    const m = re.exec(label);
    if (m) return { direction: 'received', ...(m[1] ? { time: m[1] } : {}), name: m[2]!, text: m[3]! };
  }
  if (words.sentPrefixes.some((p) => label.startsWith(p))) return { direction: 'sent' };
  if (words.receivedPrefixes.some((p) => label.startsWith(p))) return { direction: 'received' };
  return null;
}

/** The timestamp divider shown above a message, if any. */
function dividerBefore(el: Element, t: ThreadCtx): string | undefined {
  if (!t.main) return undefined;
  let last: string | undefined;
  for (const h of all(t.main, 'timestampDivider')) {
    // DOCUMENT_POSITION_FOLLOWING (4): el comes after the divider.
    if (h.compareDocumentPosition(el) & 4) last = textOf(h);
    else break;
  }
  return last;
}

function extractMessage(el: Element, t: ThreadCtx): ExtractedContent {
  const content: ExtractedContent = { kind: 'dm-message', platform: 'messenger', links: [], media: [], method: 'adapter', warnings: [] };
  const fields: Record<string, string> = {};
  const id = el.getAttribute('data-message-id');
  if (id) content.itemId = id;
  content.permalink = t.permalink;
  content.participants = [t.viewerAuthor, ...t.others];

  const label = el.getAttribute('aria-label')?.trim() ?? '';
  const parts = label ? parseLabel(label) : null;
  const participantNames = new Set([t.viewer.name, ...t.others.map((o) => o.displayName)].filter((n): n is string => !!n));

  // Direction and sender.
  if (parts) {
    content.direction = parts.direction;
    content.senderDerivation =
      parts.direction === 'sent' ? 'aria-label wording ("Message sent … by …"): sent by the logged-in viewer' : 'aria-label wording ("Message received … from …")';
  } else if (el.matches(css('alignedEnd')) || el.querySelector(css('alignedEnd'))) {
    content.direction = 'sent';
    content.senderDerivation = 'layout: right-aligned bubble (no readable aria-label)';
  } else if (all(el, 'image').some((img) => t.others.some((o) => o.displayName && img.getAttribute('alt') === o.displayName))) {
    content.direction = 'received';
    content.senderDerivation = "layout: the other person's avatar beside the bubble (no readable aria-label)";
  } else {
    content.direction = 'unknown';
    content.senderDerivation = 'not determined: no readable aria-label and no layout cue';
    content.warnings.push('Who sent this message could not be determined.');
  }
  if (content.direction === 'sent') {
    content.author = { ...t.viewerAuthor };
    if (!content.author.displayName && parts?.name && !(words.selfNames as readonly string[]).includes(parts.name)) content.author.displayName = parts.name;
  } else if (content.direction === 'received') {
    const name = parts?.name;
    const match = t.others.find((o) => !name || o.displayName === name) ?? (t.others.length === 1 && !name ? t.others[0] : undefined);
    content.author = match ? { ...match } : name ? { displayName: name } : {};
    if (!match && name) content.warnings.push(`The sender "${name}" is not the person named in the conversation header; only their name was read.`);
  }

  // Time: from the label when it names a full date; else the divider above is context only.
  if (parts?.time) {
    content.itemTimeText = parts.time;
    const iso = parseDisplayedDate(parts.time);
    if (iso) {
      content.itemTime = iso;
      content.warnings.push(`The message's time was read from its label ("${parts.time}"), in this device's time zone; the page gives no machine-readable time.`);
    } else content.warnings.push(`Messenger shows this message's time only as "${parts.time}"; no exact time was recorded.`);
  } else {
    const divider = dividerBefore(el, t);
    if (divider) fields.shownUnder = divider;
    content.warnings.push(divider ? `No time is shown for this message itself; it appears under the divider "${divider}".` : 'No time is shown for this message.');
  }

  // Voice message.
  const voice = el.querySelector(css('voicePlay')) ?? el.querySelector(css('voiceSlider'));
  if (voice) {
    const dur = textOf(el).match(words.duration)?.[0];
    if (dur) fields.voiceDuration = dur;
    content.warnings.push(`Voice message: the audio itself is not in this capture and the page shows no transcript${dur ? ` (length ${dur})` : ''}.`);
  }

  // Text: bubble text outside the reaction pill; label text only when the bubble shows nothing else.
  const reaction = el.querySelector(css('reaction'));
  const blocks = all(el, 'bubbleText').filter((b) => !reaction?.contains(b));
  const top = blocks.filter((b) => !blocks.some((o) => o !== b && o.contains(b)));
  const text = top.map((b) => textOf(b)).filter(Boolean).join('\n');
  content.links = linksIn(top.flatMap((b) => all(b, 'anyLink')), t.url.href);
  const media: MediaRef[] = [];
  for (const img of all(el, 'image')) {
    const alt = img.getAttribute('alt') ?? '';
    if (participantNames.has(alt)) continue; // an avatar
    const src = img.getAttribute('src') ?? '';
    if (src.startsWith('data:') || top.some((b) => b.contains(img))) continue; // emoji drawn as images
    const u = absUrl(src, t.url.href);
    if (u) media.push({ url: u.href, type: 'image', ...(alt ? { alt } : {}) });
  }
  content.media = media;
  if (text) content.text = text;
  else if (!voice && !media.length && parts?.text) content.text = parts.text;

  if (content.text && words.unsent.some((w) => content.text!.includes(w))) {
    fields.unsent = 'yes';
    if (words.unsentByViewer.some((re) => re.test(content.text!)) && content.direction !== 'sent') {
      content.direction = 'sent';
      content.author = { ...t.viewerAuthor };
      content.senderDerivation = 'placeholder wording ("You unsent a message")';
    }
    content.warnings.push('The sender unsent this message: Messenger shows only a placeholder, and the original content is no longer on the page.');
  }
  if (reaction) {
    const r = textOf(reaction);
    if (r) fields.reactions = r;
  }
  if (!content.text && !media.length && !voice) content.warnings.push('No text or media was found in this message.');
  if (!t.viewer.id) content.warnings.push('The logged-in account could not be identified on the page.');
  if (Object.keys(fields).length) content.fields = fields;
  return content;
}

/** The conversation without its messages: permalink, thread id, participants (the other person as author). */
function conversation(t: ThreadCtx): ExtractedContent {
  const other = t.others[0];
  const content: ExtractedContent = {
    kind: 'dm-thread',
    platform: 'messenger',
    permalink: t.permalink,
    ...(t.threadId ? { itemId: t.threadId } : {}),
    ...(other ? { author: { ...other } } : {}),
    participants: [t.viewerAuthor, ...t.others],
    links: [],
    media: [],
    method: 'adapter',
    warnings: [],
  };
  if (!other) content.warnings.push('The other person in this conversation could not be read from its header.');
  if (!t.viewer.id) content.warnings.push('The logged-in account could not be identified on the page.');
  return content;
}

/** The head of a whole-thread capture (issue #4): the open conversation, its messages left to the thread engine. */
export function conversationHead(ctx: ExtractContext): ExtractedContent {
  return conversation(threadCtx(ctx));
}

function extractThread(el: Element, t: ThreadCtx): ExtractedContent {
  const messages = all(el, 'message').map((m) => extractMessage(m, t));
  const lines = messages.map((m) => {
    const who = m.author?.displayName ?? (m.direction === 'sent' ? 'You' : '?');
    const when = m.itemTimeText ? `[${m.itemTimeText}] ` : '';
    const body = m.text ?? (m.media.length ? `[${m.media.map((x) => x.alt ?? x.type).join(', ')}]` : m.fields?.voiceDuration ? `[voice message ${m.fields.voiceDuration}]` : '[no text]');
    return `${when}${who}: ${body}`;
  });
  const other = t.others[0];
  const content: ExtractedContent = {
    kind: 'dm-thread',
    platform: 'messenger',
    permalink: t.permalink,
    ...(t.threadId ? { itemId: t.threadId } : {}),
    ...(other ? { author: { ...other } } : {}),
    participants: [t.viewerAuthor, ...t.others],
    text: lines.join('\n'),
    links: messages.flatMap((m) => m.links),
    media: messages.flatMap((m) => m.media),
    messages,
    method: 'adapter',
    warnings: [
      `Only the ${messages.length} message(s) loaded on screen were captured; scroll up to load older messages before capturing the whole conversation.`,
    ],
  };
  if (!other) content.warnings.push('The other person in this conversation could not be read from its header.');
  if (messages.some((m) => m.direction === 'unknown')) content.warnings.push('For some messages the sender could not be determined.');
  return content;
}

export const messengerAdapter: SiteAdapter = {
  id: messengerDescriptor.platform,
  version: VERSION,
  hosts: [...messengerDescriptor.hosts, ...messengerDescriptor.otherHosts],
  selectors: S,
  fixtureDir: messengerDescriptor.fixtureDir,

  matches(url: URL): boolean {
    const host = url.hostname.toLowerCase();
    if (isMessengerHost(host)) return THREAD_PATH.messenger.test(url.pathname);
    if (host === 'www.facebook.com' || host === 'facebook.com' || host === 'web.facebook.com') return THREAD_PATH.facebook.test(url.pathname);
    return false;
  },

  findTargets(root: ParentNode, _ctx: ExtractContext): CaptureTarget[] {
    try {
      const main = root.querySelector(css('main'));
      if (!main) return [];
      const messages = all(main, 'message');
      const targets: CaptureTarget[] = messages.map((element) => ({ element, kind: 'dm-message' }));
      if (messages.length || main.querySelector(css('grid'))) targets.push({ element: main, kind: 'dm-thread' });
      return targets;
    } catch {
      return [];
    }
  },

  findTargetsIn(roots: readonly Element[], ctx: ExtractContext): CaptureTarget[] | null {
    try {
      const main = ctx.document.querySelector(css('main'));
      if (!main) return [];
      const message = css('message');
      const seen = new Set<Element>();
      const out: CaptureTarget[] = [];
      let thread = false;
      for (const root of roots) {
        // A new conversation pane (in-page navigation without a URL change): read the whole page.
        if (!main.contains(root)) {
          if (root.contains(main)) return null;
          continue;
        }
        const around = root.closest(message);
        const found = around && main.contains(around) ? [around, ...all(root, 'message')] : all(root, 'message');
        for (const element of found) {
          if (seen.has(element)) continue;
          seen.add(element);
          out.push({ element, kind: 'dm-message' });
        }
        if (found.length) thread = true;
      }
      // The conversation itself, as the whole-page scan has it (already known unless it just became one).
      if (thread || main.querySelector(message) || main.querySelector(css('grid'))) out.push({ element: main, kind: 'dm-thread' });
      return out;
    } catch {
      return null;
    }
  },

  extract(target: CaptureTarget, ctx: ExtractContext): ExtractedContent {
    const t = threadCtx(ctx);
    return target.kind === 'dm-thread' ? extractThread(target.element, t) : extractMessage(target.element, t);
  },

  reportRoutes(content: ExtractedContent): ReportRoute[] {
    return routesFor(messengerRoutes, routeItemOf(content));
  },
};
