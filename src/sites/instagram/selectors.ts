/**
 * Every query the Instagram adapter makes, in one place, with the replica pages that prove each still matches
 * (fixtures live in test/replicas/www.instagram.com/; "real <name>" is a structure replica of a real saved page in
 * test/real/www.instagram.com/, see test/real/PROVENANCE.md; checked by selectors.test.ts and conventions.test.ts).
 *
 * Instagram's class names (x1lliihq, _aacl, …) are generated and change every build: nothing here keys on them.
 * Stable hooks are roles, href shapes (/<user>/, /p/<code>/c/<id>/), <time datetime>, page metadata and inline JSON.
 * aria-labels and visible texts are translated with the viewer's language: the word lists below cover English,
 * Spanish and Portuguese, and every use has a structural fallback when a label is not recognised.
 *
 * | key                | css (abridged)                                          | finds                                         | stability | fixtures |
 * |--------------------|---------------------------------------------------------|-----------------------------------------------|-----------|----------|
 * | canonicalLink      | link[rel="canonical"]                                   | server-rendered permalink of the first page   | high      | post, post-es, post-logged-out, reel, profile, real profile-ko-2026 |
 * | ogUrl              | meta[property="og:url"]                                 | same, Open Graph                              | high      | post, post-es, post-logged-out, reel, profile, real profile-ko-2026 |
 * | ogTitle            | meta[property="og:title"]                               | "Name (@handle) • Instagram photos and videos"| medium    | profile, post, real profile-ko-2026 |
 * | main               | main[role="main"]                                       | the page body (the nav sits outside it)       | high      | all pages, real unavailable-en-2026-logged-out |
 * | dialog             | [role="dialog"]                                         | a post opened over another page               | high      | carousel, real reel-en-2026-logged-out |
 * | timeLink           | a[href] time[datetime]                                  | post time (/p/<code>/) and comment times      | high      | post, post-es, post-logged-out, reel, carousel, real reel-en-2026-narrow |
 * | linkRole           | [role="link"]                                           | link-like span around a profile picture       | high      | real reel-en-2026-narrow |
 * | commentTimeLink    | a[href*="/c/"] > time[datetime]                         | comment/reply permalink + time                | high      | post, post-es, post-logged-out, reel, carousel, real reel-en-2026-logged-out |
 * | time               | time[datetime]                                          | any machine-readable time                     | high      | post, post-es, post-logged-out, reel, carousel, real reel-en-2026-narrow |
 * | profileLink        | a[href^="/"][role="link"]                               | links to /<user>/ (authors, mentions, nav)    | high      | post, post-es, post-logged-out, reel, carousel, profile, dm, dm-pt, real reel-en-2026-logged-out |
 * | navAvatarImage     | a[role="link"][href^="/"] img                           | nav "Profile" link with the viewer's picture  | medium    | post, post-es, reel, carousel, profile, unavailable, dm, dm-pt, real profile-ko-2026 |
 * | rowText            | h1[dir="auto"], span[dir="auto"]                        | caption (h1) / comment / bio text             | medium    | post, post-es, post-logged-out, reel, carousel, profile, real reel-en-2026-logged-out |
 * | captionHeading     | h1[dir="auto"]                                          | a caption drawn as a heading                  | medium    | post, real reel-en-2026-narrow |
 * | reelsAuthorLink    | a[href$="/reels/"]                                      | a reel's author in the Reels viewer           | high      | real reels-feed-en-2026 |
 * | reelsCaption       | [role="button"] div[dir="auto"]                         | a reel's clamped caption in the Reels viewer  | medium    | real reels-feed-en-2026 |
 * | anyLink            | a[href]                                                 | links inside a text                           | high      | all pages, real unavailable-en-2026-logged-out |
 * | button             | [role="button"], button                                 | buttons (excluded from text; "View replies")  | high      | post, post-es, post-logged-out, reel, carousel, profile, dm, dm-pt, real reel-en-2026-logged-out |
 * | image              | img[src]                                                | media and avatars                             | high      | post, post-es, post-logged-out, reel, carousel, profile, dm, dm-pt, real profile-ko-2026 |
 * | video              | video                                                   | reel / video post                             | high      | reel, real reel-en-2026-narrow |
 * | loadMoreComments   | svg[aria-label="Load more comments"], … (words)         | "load more comments" control                  | medium    | post, post-es, real reel-en-2026-logged-out |
 * | loginLink          | a[href^="/accounts/login/"]                             | login wall of a logged-out page               | high      | post-logged-out, real reel-en-2026-logged-out |
 * | profileHeader      | main header                                             | profile header                                | medium    | profile, carousel, real profile-ko-2026 |
 * | profileHandle      | header h2                                               | handle in the profile header                  | medium    | profile, carousel, real profile-ko-2026 |
 * | profileCountItems  | header ul > li                                          | posts / followers / following                 | medium    | profile, carousel, real profile-en-2025 |
 * | profileCountNumber | li span                                                 | the number inside a count item                | medium    | profile, carousel, real profile-en-2025 |
 * | followersLink      | a[href$="/followers/"]                                  | followers count link                          | high      | profile, carousel, real profile-en-2025 |
 * | followingLink      | a[href$="/following/"]                                  | following count link                          | high      | profile, carousel, real profile-en-2025 |
 * | buttonTag          | button                                                  | a real <button> (Follow), never name or bio   | high      | real profile-ko-2026 |
 * | menu               | [role="menu"]                                           | the highlights tray of a profile header       | high      | real profile-ko-2026 |
 * | countSpan          | span                                                    | a span holding only a count's number          | medium    | real profile-ko-2026 |
 * | exactCount         | span[title]                                             | exact count behind "12.5K"                    | medium    | profile, carousel, real profile-ko-2026 |
 * | externalLink       | a[href^="https://l.instagram.com/"]                     | outbound links (real target in ?u=)           | high      | profile, dm, dm-pt, real profile-ko-2026 |
 * | threadsLink        | a[href^="https://www.threads.net/"], …threads.com       | linked Threads account                        | medium    | profile, real profile-en-2025b |
 * | pageJson           | script[type="application/json"]                         | inline JSON (profile id, viewer id)           | medium    | all pages, real unavailable-en-2026-logged-out |
 * | dmContainer        | div[aria-label^="Conversation"], … (words)              | the open conversation                         | medium    | dm, dm-pt |
 * | dmRowWrapper       | [role="none"], [role="presentation"]                    | message row wrappers (no role=grid any more)  | low       | dm, dm-pt |
 * | dmRightAligned     | [style*="flex-end"]                                     | viewer's own messages (right-aligned)         | low       | dm, dm-pt |
 * | dmTextBubble       | div[dir="auto"]                                         | text of a message                             | low       | dm, dm-pt |
 * | dmPlayButton       | [role="button"][aria-label="Play"], … (words)           | voice message player                          | low       | dm, dm-pt |
 * | dmReaction         | [aria-label="See who reacted to this"], … (words)       | reaction under a message                      | low       | dm, dm-pt |
 * | unavailableText    | main h1, main h2, main span                             | "Sorry, this page isn't available." heading   | medium    | unavailable, real unavailable-en-2026-logged-out |
 * | progress           | [role="progressbar"], svg[aria-label="Loading..."], …   | a spinner: the site is loading more rows      | medium    | thread/dm-long, thread/post-long, thread/post-long-es, real post-pt-2025-11 |
 * | menuTrigger        | [aria-haspopup]                                         | a control that opens a menu (never clicked)   | high      | thread/post-long, thread/post-long-es, real profile-ko-2026 |
 * | hiddenSubtree      | [hidden], [aria-hidden="true"]                          | a spinner kept in the page but not shown      | high      | thread/dm-long, thread/post-long, real unavailable-en-2026-logged-out |
 * | labelledIcon       | svg[aria-label]                                         | an icon that names what its control does      | high      | post, thread/post-long, real reel-en-2026-logged-out |
 * | editable           | form, textarea, input, [contenteditable="true"], …      | composers and text fields (never clicked)     | high      | post, dm, thread/dm-long, thread/post-long, real profile-ko-2026 |
 * | gridPostLink       | a[href*="/p/"], a[href*="/reel/"], …                    | a post tile of a profile grid (with its img)  | high      | profile, thread/profile-long, thread/profile-long-es, real profile-ko-2026 |
 * | gridThumbnail      | img[src], [style*="background-image"]                   | a tile's thumbnail (img, or CSS on Reels tab) | medium    | profile, real profile-ko-2026 |
 * | backgroundImage    | [style*="background-image"]                             | a thumbnail drawn as a CSS background-image   | medium    | real profile-reels-en-2025 |
 * | gridTileIcon       | svg[aria-label]                                         | a tile's carousel / reel / video / pinned icon| medium    | thread/profile-long, thread/profile-long-es, real profile-ko-2026 |
 *
 * Whole-thread capture (thread.ts) clicks only controls whose whole label is a "View replies (n)" / "Load more
 * comments"-type phrase (words.viewRepliesLabel, words.loadMoreLabel, words.loadMoreComments) and that sit outside
 * links, menus, forms and conversations.
 *
 * Profile with posts (profile-posts.ts) reads the grid's tiles from their links (/p/<code>/, /reel/<code>/, newer
 * layouts /<handle>/p/<code>/) and the icons drawn on them (labels: words.gridCarousel, gridReel, gridVideo,
 * gridPinned; a reel is known from its link first). It clicks nothing.
 */
import type { SelectorRegistry } from '../types';

/** Translated interface words the adapter has to read, per language (en, es, pt). */
export const words = {
  /** Start of the open conversation's aria-label ("Conversation with Ryan Vance"). */
  conversationLabelPrefixes: ['Conversation', 'Messages in conversation', 'Conversación', 'Mensajes de la conversación', 'Conversa', 'Mensagens da conversa'],
  /** Same labels, with the other person's name captured. */
  conversationLabelName: [
    /^(?:Messages in conversation with|Conversation with)\s+(.+)$/i,
    /^(?:Mensajes de la conversación con|Conversación con)\s+(.+)$/i,
    /^(?:Mensagens da conversa com|Conversa com)\s+(.+)$/i,
  ],
  /** "View replies (3)": replies exist but are not loaded. */
  viewReplies: [
    /view (?:all )?replies \((\d[\d,.]*)\)/i,
    /view all (\d[\d,.]*) replies/i,
    /ver respuestas \((\d[\d,.]*)\)/i,
    /ver (?:todas las |las )?(\d[\d,.]*) respuestas/i,
    /ver (?:as )?respostas \((\d[\d,.]*)\)/i,
    /ver (?:todas as |as )?(\d[\d,.]*) respostas/i,
  ],
  /** The whole label of a control that opens more replies (whole-thread capture clicks only these and loadMoreLabel). */
  viewRepliesLabel: [
    /^view (?:all |more )?replies \(\d[\d,.]*\)$/i,
    /^view all \d[\d,.]* replies$/i,
    /^view \d[\d,.]* more repl(?:y|ies)$/i,
    /^ver (?:todas las |más )?respuestas \(\d[\d,.]*\)$/i,
    /^ver (?:las )?\d[\d,.]* respuestas(?: más)?$/i,
    /^ver (?:todas as |mais )?respostas \(\d[\d,.]*\)$/i,
    /^ver (?:as |todas as |mais )?\d[\d,.]* respostas$/i,
  ],
  /** The whole text of a "load more comments" control written out instead of drawn as an icon. */
  loadMoreLabel: [/^(?:load|view) more comments$/i, /^(?:cargar|ver) más comentarios$/i, /^(?:carregar|ver) mais comentários$/i],
  hideReplies: ['Hide replies', 'Ocultar respuestas', 'Ocultar respostas'],
  loadMoreComments: ['Load more comments', 'Cargar más comentarios', 'Carregar mais comentários'],
  /** alt text of profile pictures; group 1 = handle. */
  profilePictureAlt: [/^(.+)'s profile picture$/i, /^Foto del perfil de (.+)$/i, /^Foto do perfil de (.+)$/i, /^(.+)님의 프로필 사진$/],
  unavailable: ["Sorry, this page isn't available", 'Sorry, this page isn’t available', "Post isn't available", 'Post isn’t available', 'Esta página no está disponible', 'Esta página não está disponível'],
  privateAccount: ['This account is private', 'Esta cuenta es privada', 'Esta conta é privada'],
  /** Placeholder left where a message was unsent. */
  unsent: ['unsent a message', 'anuló el envío de un mensaje', 'anulaste el envío de un mensaje', 'cancelou o envio de uma mensagem', 'cancelaste o envio de uma mensagem'],
  /** Own side of an unsent placeholder ("You unsent a message"). */
  unsentByViewer: [/^you unsent/i, /^anulaste/i, /^(?:você )?cancelou o envio/i, /^tú anulaste/i],
  /** "Seen" receipt under the last message. */
  seen: /^(?:seen|visto|visualizad[oa])\b/i,
  play: ['Play', 'Reproducir', 'Reproduzir'],
  /** Label of Instagram's spinner. */
  loading: ['Loading...', 'Loading…', 'Cargando...', 'Cargando…', 'Carregando...', 'Carregando…'],
  reaction: ['See who reacted to this', 'Ver quién reaccionó a esto', 'Ver quem reagiu a isso'],
  /** A time of day inside a divider row ("10:41 PM", "22:41", "9h05"). */
  timeOfDay: /\b\d{1,2}[:h.]\d{2}\b/,
  /** Whole labels of the icons on a profile grid's tiles (en, es, pt); a reel is known from its /reel/ link first. */
  gridCarousel: [/^carousel$/i, /^(?:secuencia|carrusel)$/i, /^(?:carrossel|sequência)$/i],
  gridReel: [/^(?:clip|clips|reel|reels)$/i, /^(?:clipe|clipes)$/i],
  gridVideo: [/^video$/i, /^vídeo$/i],
  gridPinned: [/^pinned(?: post)?(?: icon)?$/i, /^(?:icono de )?publicación fijada$/i, /^fijad[ao]$/i, /^(?:ícone de )?publicação fixada$/i, /^fixad[ao]$/i],
} as const;

/** First path segments that are Instagram's own pages, never a user's handle. */
export const reservedPaths: readonly string[] = [
  'about', 'accounts', 'api', 'archive', 'challenge', 'create', 'data', 'developer', 'direct', 'emails', 'explore',
  'graphql', 'legal', 'lite', 'locations', 'notifications', 'oauth', 'p', 'press', 'privacy', 'reel', 'reels',
  'session', 'static', 'stories', 'terms', 'threads', 'topics', 'tv', 'web', 'your_activity',
];

const list = (values: readonly string[], make: (v: string) => string): string => values.map(make).join(', ');
const ALL = ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'carousel.html', 'profile.html', 'unavailable.html', 'dm.html', 'dm-pt.html'];
const POSTS = ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'carousel.html'];
const LOGGED_IN = ['post.html', 'post-es.html', 'reel.html', 'carousel.html', 'profile.html', 'unavailable.html', 'dm.html', 'dm-pt.html'];
const DMS = ['dm.html', 'dm-pt.html'];
/** Structure replicas of real saved pages (test/real/www.instagram.com/, issue #11). */
const REAL = (names: string[]): string[] => names.map((n) => `../../real/www.instagram.com/${n}.html`);

const registry = {
  canonicalLink: { css: 'link[rel="canonical"]', purpose: 'server-rendered permalink of the page as first loaded', stability: 'high', fixtures: ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'profile.html', ...REAL(['profile-ko-2026'])] },
  ogUrl: { css: 'meta[property="og:url"]', purpose: 'Open Graph URL of the page as first loaded', stability: 'high', fixtures: ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'profile.html', ...REAL(['profile-ko-2026'])] },
  ogTitle: { css: 'meta[property="og:title"]', purpose: 'profile title "Name (@handle) • …"', stability: 'medium', fixtures: ['profile.html', 'post.html', ...REAL(['profile-ko-2026'])] },
  main: { css: 'main[role="main"]', purpose: 'page body; the navigation (with the viewer\'s own account) is outside it', stability: 'high', fixtures: [...ALL, ...REAL(['unavailable-en-2026-logged-out'])] },
  dialog: { css: '[role="dialog"]', purpose: 'post opened as a dialog over another page', stability: 'high', fixtures: ['carousel.html', ...REAL(['reel-en-2026-logged-out'])] },
  timeLink: { css: 'a[href] time[datetime]', purpose: 'times that link to the post or to a comment (the post\'s own time sits in a span inside its link on 2025-2026 pages)', stability: 'high', fixtures: [...POSTS, ...REAL(['reel-en-2026-narrow'])] },
  linkRole: { css: '[role="link"]', purpose: 'link-like controls (a profile picture in a span role=link): their pictures are not post media', stability: 'high', fixtures: REAL(['reel-en-2026-narrow']) },
  commentTimeLink: { css: 'a[href*="/c/"] > time[datetime]', purpose: 'comment/reply time inside its permalink /p/<code>/c/<id>/', stability: 'high', fixtures: [...POSTS, ...REAL(['reel-en-2026-logged-out'])] },
  time: { css: 'time[datetime]', purpose: 'machine-readable time', stability: 'high', fixtures: [...POSTS, ...REAL(['reel-en-2026-narrow'])] },
  profileLink: { css: 'a[href^="/"][role="link"]', purpose: 'links to /<user>/ (authors, mentions, avatars)', stability: 'high', fixtures: ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'carousel.html', 'profile.html', 'dm.html', 'dm-pt.html', ...REAL(['reel-en-2026-logged-out'])] },
  navAvatarImage: { css: 'a[role="link"][href^="/"] img', purpose: 'picture inside a profile link; outside <main> it is the viewer\'s own nav link', stability: 'medium', fixtures: [...LOGGED_IN, ...REAL(['profile-ko-2026'])] },
  rowText: { css: 'h1[dir="auto"], span[dir="auto"]', purpose: 'caption (h1), comment and bio text', stability: 'medium', fixtures: ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'carousel.html', 'profile.html', ...REAL(['reel-en-2026-logged-out'])] },
  captionHeading: { css: 'h1[dir="auto"]', purpose: 'a caption drawn as a heading (narrow layout; older desktop pages)', stability: 'medium', fixtures: ['post.html', ...REAL(['reel-en-2026-narrow'])] },
  reelsAuthorLink: { css: 'a[href$="/reels/"]', purpose: 'a reel\'s author in the Reels viewer (/<handle>/reels/)', stability: 'high', fixtures: REAL(['reels-feed-en-2026']) },
  reelsCaption: { css: '[role="button"] div[dir="auto"]', purpose: 'a reel\'s clamped caption in the Reels viewer (a click expands it)', stability: 'medium', fixtures: REAL(['reels-feed-en-2026']) },
  anyLink: { css: 'a[href]', purpose: 'links inside a text', stability: 'high', fixtures: [...ALL, ...REAL(['unavailable-en-2026-logged-out'])] },
  button: { css: '[role="button"], button', purpose: 'buttons: never part of a text; "View replies (n)"', stability: 'high', fixtures: ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'carousel.html', 'profile.html', 'dm.html', 'dm-pt.html', ...REAL(['reel-en-2026-logged-out'])] },
  image: { css: 'img[src]', purpose: 'post media, message photos, avatars', stability: 'high', fixtures: ['post.html', 'post-es.html', 'post-logged-out.html', 'reel.html', 'carousel.html', 'profile.html', 'dm.html', 'dm-pt.html', ...REAL(['profile-ko-2026'])] },
  video: { css: 'video', purpose: 'reel / video post', stability: 'high', fixtures: ['reel.html', ...REAL(['reel-en-2026-narrow'])] },
  loadMoreComments: { css: list(words.loadMoreComments, (w) => `svg[aria-label="${w}"]`), purpose: '"load more comments" control at the end of the list', stability: 'medium', fixtures: ['post.html', 'post-es.html', ...REAL(['reel-en-2026-logged-out'])] },
  loginLink: { css: 'a[href^="/accounts/login/"]', purpose: 'login wall on a logged-out page', stability: 'high', fixtures: ['post-logged-out.html', ...REAL(['reel-en-2026-logged-out'])] },
  profileHeader: { css: 'main header', purpose: 'profile header', stability: 'medium', fixtures: ['profile.html', 'carousel.html', ...REAL(['profile-ko-2026'])] },
  profileHandle: { css: 'header h2', purpose: 'handle in the profile header', stability: 'medium', fixtures: ['profile.html', 'carousel.html', ...REAL(['profile-ko-2026'])] },
  profileCountItems: { css: 'header ul > li', purpose: 'posts / followers / following, in that order', stability: 'medium', fixtures: ['profile.html', 'carousel.html', ...REAL(['profile-en-2025'])] },
  profileCountNumber: { css: 'li span', purpose: 'the number inside a count item ("57" of "57 posts")', stability: 'medium', fixtures: ['profile.html', 'carousel.html', ...REAL(['profile-en-2025'])] },
  followersLink: { css: 'a[href$="/followers/"]', purpose: 'followers count', stability: 'high', fixtures: ['profile.html', 'carousel.html', ...REAL(['profile-en-2025'])] },
  followingLink: { css: 'a[href$="/following/"]', purpose: 'following count', stability: 'high', fixtures: ['profile.html', 'carousel.html', ...REAL(['profile-en-2025'])] },
  buttonTag: { css: 'button', purpose: 'a real <button> (Follow): its text is never a profile\'s name or bio (a bio can sit in a role=button that expands it)', stability: 'high', fixtures: REAL(['profile-ko-2026']) },
  menu: { css: '[role="menu"]', purpose: 'the highlights tray of a profile header (its titles are not the bio)', stability: 'high', fixtures: REAL(['profile-ko-2026']) },
  countSpan: { css: 'span', purpose: 'a span that may hold only a count\'s number (2025-2026 headers draw counts without ul/li)', stability: 'medium', fixtures: REAL(['profile-ko-2026']) },
  exactCount: { css: 'span[title]', purpose: 'exact count behind an abbreviated one ("12.5K")', stability: 'medium', fixtures: ['profile.html', 'carousel.html', ...REAL(['profile-ko-2026'])] },
  externalLink: { css: 'a[href^="https://l.instagram.com/"]', purpose: 'outbound link through Instagram\'s redirector (target in ?u=)', stability: 'high', fixtures: ['profile.html', ...DMS, ...REAL(['profile-ko-2026'])] },
  threadsLink: { css: 'a[href^="https://www.threads.net/"], a[href^="https://www.threads.com/"]', purpose: 'linked Threads account', stability: 'medium', fixtures: ['profile.html', ...REAL(['profile-en-2025b'])] },
  unavailableText: { css: 'main h1, main h2, main span', purpose: 'elements whose whole text may be the "page isn\'t available" notice', stability: 'medium', fixtures: ['unavailable.html', ...REAL(['unavailable-en-2026-logged-out'])] },
  pageJson: { css: 'script[type="application/json"]', purpose: 'inline JSON: profilePage_<id>, "profile_id", viewer ids', stability: 'medium', fixtures: [...ALL, ...REAL(['unavailable-en-2026-logged-out'])] },
  dmContainer: {
    css: list(words.conversationLabelPrefixes, (w) => `div[aria-label^="${w}"]:not([role="button"])`),
    purpose: 'the open conversation (label translated)',
    stability: 'medium',
    fixtures: DMS,
  },
  dmRowWrapper: { css: '[role="none"], [role="presentation"]', purpose: 'message row wrappers; the row list is the parent holding most of them', stability: 'low', fixtures: DMS },
  dmRightAligned: { css: '[style*="flex-end"]', purpose: 'right-aligned row wrapper: the viewer\'s own message', stability: 'low', fixtures: DMS },
  dmTextBubble: { css: 'div[dir="auto"]', purpose: 'text of a message', stability: 'low', fixtures: DMS },
  dmPlayButton: { css: list(words.play, (w) => `[role="button"][aria-label="${w}"]`), purpose: 'voice message player', stability: 'low', fixtures: DMS },
  dmReaction: { css: list(words.reaction, (w) => `[aria-label="${w}"]`), purpose: 'reaction shown under a message', stability: 'low', fixtures: DMS },
  progress: {
    css: `[role="progressbar"], ${list(words.loading, (w) => `svg[aria-label="${w}"]`)}`,
    purpose: 'a spinner: the site is loading older messages, more comments or replies',
    stability: 'medium',
    fixtures: ['thread/dm-long.html', 'thread/post-long.html', 'thread/post-long-es.html', ...REAL(['post-pt-2025-11'])],
  },
  menuTrigger: { css: '[aria-haspopup]', purpose: 'a control that opens a menu (comment options): never clicked by a whole-thread capture', stability: 'high', fixtures: ['thread/post-long.html', 'thread/post-long-es.html', ...REAL(['profile-ko-2026'])] },
  hiddenSubtree: { css: '[hidden], [aria-hidden="true"]', purpose: 'a spinner kept in the page but not shown (not loading)', stability: 'high', fixtures: ['thread/dm-long.html', 'thread/post-long.html', ...REAL(['unavailable-en-2026-logged-out'])] },
  labelledIcon: { css: 'svg[aria-label]', purpose: 'an icon naming what its control does (an icon-only control must carry exactly one)', stability: 'high', fixtures: ['post.html', 'thread/post-long.html', ...REAL(['reel-en-2026-logged-out'])] },
  editable: {
    css: 'form, textarea, input, [contenteditable="true"], [role="textbox"]',
    purpose: 'composers and text fields (comment box, message box): never clicked by a whole-thread capture',
    stability: 'high',
    fixtures: ['post.html', 'dm.html', 'thread/dm-long.html', 'thread/post-long.html', ...REAL(['profile-ko-2026'])],
  },
  gridPostLink: {
    css: 'a[href*="/p/"], a[href*="/reel/"], a[href*="/tv/"]',
    purpose: 'a post tile of a profile grid: a link to /p/<code>/ or /reel/<code>/ (also /<handle>/p/<code>/) holding the thumbnail',
    stability: 'high',
    fixtures: ['profile.html', 'thread/profile-long.html', 'thread/profile-long-es.html', ...REAL(['profile-ko-2026'])],
  },
  gridThumbnail: {
    css: 'img[src], [style*="background-image"]',
    purpose: 'a tile\'s thumbnail: an <img> (Posts tab) or a CSS background-image (Reels tab, 2025)',
    stability: 'medium',
    fixtures: ['profile.html', ...REAL(['profile-ko-2026'])],
  },
  backgroundImage: {
    css: '[style*="background-image"]',
    purpose: 'a thumbnail drawn as a CSS background-image (Reels tab tiles)',
    stability: 'medium',
    fixtures: REAL(['profile-reels-en-2025']),
  },
  gridTileIcon: {
    css: 'svg[aria-label]',
    purpose: 'an icon drawn on a grid tile: carousel, reel, video or pinned (labels translated: words.grid…)',
    stability: 'medium',
    fixtures: ['thread/profile-long.html', 'thread/profile-long-es.html', ...REAL(['profile-ko-2026'])],
  },
} satisfies SelectorRegistry;

export type SelectorKey = keyof typeof registry;
export const selectors: SelectorRegistry = registry;

/** The CSS of one registry entry (typed: only keys of the table above). */
export function css(key: SelectorKey): string {
  return registry[key].css;
}
