/**
 * Every query the Messenger adapter makes, in one place, with the replica pages that prove each still matches.
 * Fixtures: thread.html and thread-es.html live in test/replicas/www.messenger.com/ (the adapter's fixtureDir);
 * messages-thread.html (www.facebook.com/messages/t/…) lives in test/replicas/www.facebook.com/ and is found there
 * by file name (checked by selectors.test.ts and src/sites/conventions.test.ts).
 *
 * Messenger's class names are generated: nothing here keys on them. No attribute marks who sent a message: the
 * adapter reads the message's aria-label ("Message sent {time} by {name}: {text}" / "Message received {time} from
 * {name}: {text}", localised: word lists below for English, Spanish and Portuguese) and falls back on layout
 * (own messages are right-aligned, the other side's carry their avatar), and records which way it decided.
 *
 * | key                 | css (abridged)                                     | finds                                             | stability | fixtures |
 * |---------------------|----------------------------------------------------|---------------------------------------------------|-----------|----------|
 * | main                | [role="main"]                                      | the open conversation                             | high      | messages-thread, thread, thread-es |
 * | grid                | [role="grid"]                                      | the message list inside it                        | medium    | messages-thread, thread, thread-es |
 * | row                 | [role="row"]                                       | message rows and timestamp dividers               | medium    | messages-thread, thread, thread-es |
 * | message             | [data-message-id]                                  | one message (id = data-message-id)                | medium    | messages-thread, thread, thread-es |
 * | currentConversation | [role="navigation"] a[aria-current="page"]         | the selected conversation in the chat list        | high      | messages-thread, thread, thread-es |
 * | profileLink         | a[href][role="link"]                               | the other person's profile link in the header     | medium    | messages-thread, thread, thread-es |
 * | bubbleText          | div[dir="auto"]                                    | a message's text                                  | medium    | messages-thread, thread, thread-es |
 * | image               | img[src]                                           | photos, stickers (avatars left out by their alt)  | high      | messages-thread, thread, thread-es |
 * | anyLink             | a[href]                                            | links in a message (l.facebook.com/l.php?u=…)     | high      | messages-thread, thread-es |
 * | reaction            | [aria-label*="see who reacted to this"], … (words) | reaction under a message                          | medium    | messages-thread, thread, thread-es |
 * | voicePlay           | [role="button"][aria-label="Play"], … (words)      | voice message player                              | medium    | messages-thread, thread-es |
 * | voiceSlider         | [role="slider"]                                    | voice message scrubber                            | medium    | messages-thread, thread-es |
 * | timestampDivider    | [role="row"] h4                                    | "Nov 17, 2026, 9:40 PM" divider rows              | medium    | messages-thread, thread, thread-es |
 * | alignedEnd          | [style*="flex-end"]                                | right-aligned (own) message, fallback only        | low       | messages-thread, thread, thread-es |
 * | pageJson            | script[type="application/json"]                    | CurrentUserInitialData (the logged-in viewer)     | medium    | messages-thread, thread, thread-es |
 * | navLink             | [role="navigation"] a[href]                        | the viewer's own profile link (facebook.com only) | medium    | messages-thread |
 * | yourProfileLink     | a[aria-label="Your profile"][href], … (words)      | the top bar's link to the viewer's own profile    | medium    | messages-thread |
 * | gridcell            | [role="gridcell"]                                  | message cells when no data-message-id is drawn    | medium    | messages-thread, thread, thread-es, thread/dm-long |
 * | progressbar         | [role="progressbar"]                               | spinner while older messages load                 | high      | thread/dm-long, thread/messages-long |
 *
 * Whole-thread capture (thread.ts, issue #4) reads the same hooks: rows are `message` elements (`gridcell`s whose
 * label reads like a message when Messenger draws no data-message-id), keys are data-message-id, the scroller is
 * the nearest scrollable ancestor of a row inside `grid`, and `progressbar` is the spinner Messenger shows while it
 * loads older messages. A conversation has nothing the engine may click: older messages load by scrolling.
 */
import type { SelectorRegistry } from '../types';

const THREADS = ['messages-thread.html', 'thread.html', 'thread-es.html'];

/** A message label: "<prefix> [<time>] <by-word> <name>: <text>"; the time part ends with a clock time. */
function label(prefix: string, by: string): RegExp {
  return new RegExp(`^${prefix}\\s+(?:(.*?\\d{1,2}[:.h]\\d{2}(?:\\s*[ap]\\.?\\s?m\\.?)?)\\s+)?${by}\\s+(.+?):\\s([\\s\\S]*)$`, 'i');
}

/** Translated interface words the adapter has to read, per language (en, es, pt). */
export const words = {
  /** group 1 = time as shown (optional), 2 = name, 3 = text. */
  sentLabel: [label('Message sent', 'by'), label('Mensaje enviado', 'por'), label('Mensagem enviada', 'por')],
  receivedLabel: [label('Message received', 'from'), label('Mensaje recibido', 'de'), label('Mensagem recebida', 'de')],
  sentPrefixes: ['Message sent', 'Mensaje enviado', 'Mensagem enviada'],
  receivedPrefixes: ['Message received', 'Mensaje recibido', 'Mensagem recebida'],
  /** How a label names the viewer instead of their name. */
  selfNames: ['You', 'Tú', 'Tu', 'Você', 'Vos'],
  /** Placeholder left where a message was unsent. */
  unsent: ['unsent a message', 'anuló el envío de un mensaje', 'anulaste el envío de un mensaje', 'cancelou o envio de uma mensagem', 'removeu uma mensagem'],
  unsentByViewer: [/^you unsent/i, /^anulaste/i, /^(?:você )?cancelou o envio/i, /^você removeu/i],
  play: ['Play', 'Reproducir', 'Reproduzir'],
  reaction: ['see who reacted to this', 'ver quién reaccionó a esto', 'ver quem reagiu a isso'],
  /** The top bar's link to the viewer's own profile (www.facebook.com only). */
  yourProfile: ['Your profile', 'Tu perfil', 'Seu perfil'],
  /** A voice message's duration ("0:14"). */
  duration: /\b\d{1,2}:\d{2}\b/,
} as const;

export const selectors: SelectorRegistry = {
  main: { css: '[role="main"]', purpose: 'the open conversation', stability: 'high', fixtures: THREADS },
  grid: { css: '[role="grid"]', purpose: 'the message list', stability: 'medium', fixtures: THREADS },
  row: { css: '[role="row"]', purpose: 'message rows and timestamp dividers', stability: 'medium', fixtures: THREADS },
  message: { css: '[data-message-id]', purpose: 'one message', stability: 'medium', fixtures: THREADS },
  currentConversation: { css: '[role="navigation"] a[aria-current="page"]', purpose: 'the selected conversation in the chat list', stability: 'high', fixtures: THREADS },
  profileLink: { css: 'a[href][role="link"]', purpose: "the other person's profile link in the header", stability: 'medium', fixtures: THREADS },
  bubbleText: { css: 'div[dir="auto"]', purpose: "a message's text", stability: 'medium', fixtures: THREADS },
  image: { css: 'img[src]', purpose: 'photos and stickers (avatars are left out by their alt)', stability: 'high', fixtures: THREADS },
  anyLink: { css: 'a[href]', purpose: 'links in a message', stability: 'high', fixtures: ['messages-thread.html', 'thread-es.html'] },
  reaction: {
    css: words.reaction.map((w) => `[aria-label*="${w}"]`).join(', '),
    purpose: 'reaction under a message',
    stability: 'medium',
    fixtures: THREADS,
  },
  voicePlay: {
    css: words.play.map((w) => `[role="button"][aria-label="${w}"]`).join(', '),
    purpose: 'voice message player',
    stability: 'medium',
    fixtures: ['messages-thread.html', 'thread-es.html'],
  },
  voiceSlider: { css: '[role="slider"]', purpose: 'voice message scrubber', stability: 'medium', fixtures: ['messages-thread.html', 'thread-es.html'] },
  timestampDivider: { css: '[role="row"] h4', purpose: 'timestamp divider rows', stability: 'medium', fixtures: THREADS },
  alignedEnd: { css: '[style*="flex-end"]', purpose: 'right-aligned (own) message; fallback only', stability: 'low', fixtures: THREADS },
  pageJson: { css: 'script[type="application/json"]', purpose: 'CurrentUserInitialData: the logged-in viewer', stability: 'medium', fixtures: THREADS },
  navLink: { css: '[role="navigation"] a[href]', purpose: "the viewer's own profile link (facebook.com only)", stability: 'medium', fixtures: ['messages-thread.html'] },
  yourProfileLink: {
    css: words.yourProfile.map((w) => `a[aria-label="${w}"][href]`).join(', '),
    purpose: "the top bar's link to the viewer's own profile (facebook.com only)",
    stability: 'medium',
    fixtures: ['messages-thread.html'],
  },
  gridcell: { css: '[role="gridcell"]', purpose: 'message cells (rows of the thread when no data-message-id is drawn)', stability: 'medium', fixtures: [...THREADS, 'thread/dm-long.html'] },
  progressbar: {
    css: '[role="progressbar"]',
    purpose: 'the spinner shown while older messages load (whole-thread capture waits on it)',
    stability: 'high',
    fixtures: ['thread/dm-long.html', 'thread/messages-long.html'],
  },
};
