/**
 * Every query the Facebook adapter makes, in one place, with the replica pages that prove each still matches
 * (fixtures live in test/replicas/www.facebook.com/; checked by selectors.test.ts and src/sites/conventions.test.ts).
 *
 * Facebook's class names (x1lliihq, x193iq5w, …) are generated per build: nothing here keys on them. Stable hooks
 * are roles (feed, article, main, navigation, banner), aria-posinset, data-ad-rendering-role / data-ad-preview,
 * data-pagelet, data-visualcompletion, href shapes (/posts/pfbid…, permalink.php?story_fbid=…&id=…, ?comment_id=…)
 * and inline JSON. aria-labels are translated with the viewer's language: the word lists below cover English,
 * Spanish and Portuguese, and every use of a label has a structural fallback (comment vs reply from the
 * comment_id/reply_comment_id in the item's own link, the author's name from the author link).
 *
 * | key              | css (abridged)                                               | finds                                               | stability | fixtures |
 * |------------------|--------------------------------------------------------------|-----------------------------------------------------|-----------|----------|
 * | article          | [role="article"]                                             | posts, comments, replies (all are articles)         | high      | feed, group-post, user-post, permalink, profile, profile-id, post-es, logged-out |
 * | feedPost         | [role="article"][aria-posinset]                              | a post in a feed / profile timeline (logged in)     | high      | feed, profile, profile-id, thread/profile-long |
 * | labelledArticle  | [role="article"][aria-label]                                 | comment/reply ("Comment by …", localised)           | medium    | feed, group-post, user-post, permalink, post-es, logged-out |
 * | profileName      | [data-ad-rendering-role="profile_name"]                      | a post's author block                               | medium    | feed, group-post, user-post, permalink, profile, post-es, logged-out |
 * | headingLink      | h2 a[href], h3 a[href], strong a[href]                       | author link when profileName is missing             | medium    | feed, group-post, user-post, permalink, post-es, logged-out |
 * | storyMessage     | [data-ad-rendering-role="story_message"], [data-ad-preview…] | a post's text                                       | medium    | feed, group-post, user-post, permalink, profile, post-es, logged-out |
 * | permalinkLink    | a[href*="/posts/"], a[href*="permalink.php"], …story_fbid=   | a post's time link = its permalink                  | medium    | feed, group-post, user-post, permalink, profile, profile-id, post-es, logged-out |
 * | commentLink      | a[href*="comment_id="]                                       | a comment's time link (and its author link)         | medium    | feed, group-post, user-post, permalink, post-es, logged-out |
 * | sponsoredLink    | a[aria-label="Sponsored"], … (words)                         | the "Sponsored" mark in place of a time link        | medium    | feed |
 * | time             | time[datetime]                                               | machine-readable time (rare on Facebook; the logged-out replica carries one to exercise this path) | low | logged-out |
 * | mediaImage       | img[data-visualcompletion="media-vc-image"], a[href*="/photo"] img | attached photos                               | medium    | feed, group-post, user-post, logged-out |
 * | svgImage         | svg image                                                    | profile pictures (drawn as SVG <image>)             | medium    | feed, profile, profile-id |
 * | labelledSvg      | svg[aria-label]                                              | an avatar whose label is the person's name          | medium    | feed, profile, profile-id |
 * | heading          | h1, h2, h3, h4                                               | tile titles left out of a bio; a reel's owner heading | high    | profile, profile-id, real: reel-logged-out-2025 |
 * | autoDirBlock     | div[dir="auto"]                                              | paragraphs of a comment's text                      | medium    | feed, group-post, user-post, permalink, post-es, logged-out |
 * | button           | [role="button"]                                              | buttons ("See more", "Like") left out of text       | high      | feed, group-post, user-post |
 * | anyLink          | a[href]                                                      | links in a text, author links                       | high      | all pages |
 * | pageJson         | script[type="application/json"]                              | inline JSON (viewer, actors, post_id, userID)       | medium    | all pages |
 * | navLink          | [role="navigation"] a[href]                                  | the viewer's own profile link (text = their name)   | medium    | feed, group-post, user-post, permalink, post-es, unavailable |
 * | yourProfileLink  | a[aria-label="Your profile"][href], … (words)                | the top bar's link to the viewer's own profile      | medium    | feed, group-post, user-post, permalink, post-es, unavailable, profile, profile-id |
 * | loginPrompt      | form[action*="/login/"], a[href^="/login/"], a[href^="/r.php"] | login wall of a logged-out page                  | high      | logged-out |
 * | main             | [role="main"]                                                | the page body                                       | high      | all pages |
 * | heading1         | h1                                                           | profile name / group name                           | medium    | profile, profile-id, group-post |
 * | groupLink        | a[href*="/groups/"]                                          | the group a post belongs to                         | high      | group-post |
 * | profileTimeline  | [data-pagelet="ProfileTimeline"]                             | marks a profile page; holds its timeline's posts    | medium    | profile, profile-id, thread/profile-long |
 * | profileTiles     | [data-pagelet^="ProfileTilesFeed_"]                          | intro tile (bio, "Lives in …")                      | medium    | profile, profile-id |
 * | profileTabs      | [data-pagelet="ProfileTabs"]                                 | end of the profile header                           | medium    | profile, profile-id |
 * | coverPhoto       | img[data-imgperflogname="profileCoverPhoto"]                 | profile cover photo                                 | medium    | profile, profile-id |
 * | friendsLink      | a[href*="/friends"]                                          | "1.2K friends"                                      | high      | profile |
 * | listItem         | li                                                           | intro lines                                         | high      | profile, profile-id |
 * | bioText          | span[dir="auto"]                                             | bio in the intro tile                               | medium    | profile |
 * | clickable        | button, [role="button"], [role="menuitem"], [role="menuitemradio"] | controls a whole-thread capture may consider   | high      | user-post, thread/post-comments, thread/post-comments-menu |
 * | menuButton       | [role="button"][aria-haspopup="menu"], … [aria-haspopup="true"] | the comment filter ("Most relevant" ▾) and ⋯ menus | high   | user-post, permalink, thread/post-comments |
 * | menu             | [role="menu"]                                                | an open menu (the comment filter's options)         | high      | thread/post-comments-menu |
 * | menuItem         | [role="menuitem"], [role="menuitemradio"]                    | "Most relevant" / "Newest" / "All comments"         | high      | thread/post-comments-menu |
 * | progressbar      | [role="progressbar"]                                         | spinner while comments, replies or older timeline posts load | high | thread/post-comments-loading, thread/profile-long-loading |
 * | editable         | [contenteditable="true"], [role="textbox"], input, textarea  | comment composer, search box (never clicked)        | high      | user-post, thread/post-comments |
 * | form             | form                                                         | forms (nothing inside one is ever clicked)          | high      | logged-out |
 * | dialog           | [role="dialog"]                                              | a post opened over the feed (its thread's bounds)   | high      | thread/post-comments-dialog |
 * | groupMemberLink  | a[href*="/user/"]                                            | group member link: author of a group search result  | high      | real: search-posts-2025 |
 * | positionedPost   | [aria-posinset]                                              | a post without role=article in a list (search result) | high    | feed, real: search-posts-2025 |
 * | postAction       | [data-ad-rendering-role="like_button"], …comment_button, …share_button | a post's action bar: where a post block without role=article ends | medium | real: post-dialog-comments-2025c, -2025a |
 * | tabList          | [role="tablist"]                                             | a profile's tabs: marks a 2025 profile/Page without pagelet names | high | real: page-profile-hi-logged-out-2025 |
 * | likeButton       | [data-ad-rendering-role="like_button"]                       | a post's Like button (two in a block: two posts)    | medium    | real: post-dialog-comments-2025c |
 * | image            | img[src]                                                     | stickers/GIFs/photos in a comment (host-filtered)   | high      | real: post-dialog-comments-2025a, feed |
 *
 * Whole-thread capture of a post page (thread.ts, issue #4): rows are the comment and reply articles under the post;
 * keys are the comment_id / reply_comment_id in their links; the engine may click only what thread.ts's allow-list
 * accepts: the comment filter button (`menuButton` whose whole label is a filter option other than "All comments"),
 * the "All comments" item of its open `menu`, and "View more comments" / "View N replies"-type `clickable`s whose
 * whole label is one of the `revealMore` phrases below, never a link, a composer, a form or a control holding others.
 *
 * Profile with posts (profile-posts.ts, issue #4): rows are the top-level `article`s inside `profileTimeline` (the
 * comments under a post and the original inside a share are articles nested in it); the pinned post is the one
 * without the feed's aria-posinset (`feedPost`) above numbered posts of the same timeline; a share holds the original
 * as a nested unlabelled `article`; keys come from `permalinkLink`; the feed's loading placeholder is a shown
 * `progressbar` outside any article. Nothing on a timeline is ever clicked.
 */
import type { SelectorRegistry } from '../types';

const ALL_POST_PAGES = ['feed.html', 'group-post.html', 'user-post.html', 'permalink.html', 'post-es.html', 'logged-out.html'];
const LOGGED_IN_PAGES = ['feed.html', 'group-post.html', 'user-post.html', 'permalink.html', 'post-es.html', 'unavailable.html'];
const ALL_PAGES = [...ALL_POST_PAGES, 'profile.html', 'profile-id.html', 'unavailable.html'];
/** A structure replica of a real saved page (test/real/www.facebook.com/, made by scripts/anonymise-page.ts). */
const REAL = (page: string): string => `../../real/www.facebook.com/${page}`;

/** Translated interface words the adapter has to read, per language (en, es, pt). */
export const words = {
  /** Start of a comment's aria-label: "Comment by Ryan Vance 3 days ago". */
  commentPrefixes: ['Comment by ', 'Comentario de ', 'Comentário de '],
  /** Start of a reply's aria-label: "Reply by Ryan Vance to Priya Shah's comment 5 days ago". */
  replyPrefixes: ['Reply by ', 'Respuesta de ', 'Resposta de '],
  /** Commenter's name inside a label (fallback when the author link is missing); group 1 = name. */
  commentLabelName: [
    /^Comment by (.+?)(?:\s+(?:(?:about\s+)?(?:\d+|an?|one)\s+\w+\s+ago|just now|yesterday|Yesterday.*))?$/,
    /^Reply by (.+?) to .+$/,
    /^Comentario de (.+?)(?:\s+hace\s+.+|\s+ayer.*)?$/,
    /^Respuesta de (.+?) al comentario de .+$/,
    /^Comentário de (.+?)(?:\s+há\s+.+|\s+ontem.*)?$/,
    /^Resposta de (.+?) ao comentário de .+$/,
  ],
  sponsored: ['Sponsored', 'Publicidad', 'Patrocinado'],
  /** The account button/link in the top bar that leads to the viewer's own profile. */
  yourProfile: ['Your profile', 'Tu perfil', 'Seu perfil'],
  seeMore: ['See more', 'Ver más', 'Ver mais'],
  /** The page Facebook shows for a deleted post or one hidden from this account. */
  unavailable: [
    "This content isn't available right now",
    'This content isn’t available right now',
    'Este contenido no está disponible en este momento',
    'Este conteúdo não está disponível no momento',
  ],
  /** The comment filter's options; its button shows the one in force. Only "All comments" shows every comment. */
  commentFilterAll: ['All comments', 'Todos los comentarios', 'Todos os comentários'],
  commentFilterOther: ['Most relevant', 'Newest', 'Top comments', 'Más relevantes', 'Más recientes', 'Comentarios destacados', 'Mais relevantes', 'Mais recentes', 'Principais comentários'],
  /**
   * Whole labels of the controls that only reveal more comments or replies ("View more comments", "View all 3
   * replies", "View 1 more reply", "Ryan replied · 2 replies"; Spanish and Portuguese alike). Never "Hide …", "Reply".
   */
  revealMore: [
    /^view (?:all )?\d[\d.,]*\s?[km]? (?:more |previous )?(?:repl(?:y|ies)|comments?)$/i,
    /^(?:view|see) (?:more|previous) (?:repl(?:y|ies)|comments)$/i,
    /^\d[\d.,]*\s?[km]? (?:more )?repl(?:y|ies)$/i,
    /^.{1,80}? replied · \d[\d.,]*\s?[km]? repl(?:y|ies)$/i,
    /^ver (?:todas las |todos los |las |los )?\d[\d.,]*\s?(?:k|mil)? (?:respuestas?|comentarios?)(?: más| anteriores)?$/i,
    /^ver más (?:respuestas|comentarios)$/i,
    /^ver (?:respuestas|comentarios) anteriores$/i,
    /^\d[\d.,]* respuestas?$/i,
    /^.{1,80}? respondió · \d[\d.,]* respuestas?$/i,
    /^ver (?:todas as |todos os |as |os )?(?:mais )?\d[\d.,]*\s?(?:mil)? (?:respostas?|comentários?)(?: anteriores)?$/i,
    /^ver mais (?:respostas|comentários)$/i,
    /^ver (?:respostas|comentários) anteriores$/i,
    /^\d[\d.,]* respostas?$/i,
    /^.{1,80}? respondeu · \d[\d.,]* respostas?$/i,
  ],
  /** Relative times ("21h", "Yesterday at 11:48 PM") cannot be turned into an exact time. */
  relativeTime: /^(?:\d+\s*[smhdwy]|\d+\s*(?:min|mins|hrs?|d|sem|a|m)\b|just now|now|yesterday|ayer|ontem|ahora|agora)/i,
} as const;

/** Month names and abbreviations (en, es, pt) → month number, for reading displayed dates. */
export const months: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  ene: 1, abr: 4, ago: 8, dic: 12,
  janeiro: 1, fevereiro: 2, 'março': 3, marco: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
  fev: 2, mai: 5, set: 9, out: 10, dez: 12,
};

/** First path segments that are Facebook's own pages, never a person's or Page's vanity name. */
export const reservedPaths: readonly string[] = [
  'ads', 'bookmarks', 'business', 'checkpoint', 'events', 'friends', 'gaming', 'groups', 'hashtag', 'help', 'home.php',
  'l.php', 'login', 'login.php', 'marketplace', 'me', 'memories', 'messages', 'notifications', 'pages', 'permalink.php',
  'photo', 'photo.php', 'photos', 'policies', 'privacy', 'profile.php', 'r.php', 'recover', 'reel', 'reels', 'saved',
  'search', 'settings', 'share', 'sharer', 'sharer.php', 'stories', 'story.php', 'watch', 'video.php', 'videos', 'people',
  'plugins', 'dialog', 'legal', 'terms', 'about', 'careers', 'fundraisers', 'feeds', 'latest', 'live', 'places', 'offers',
];

/** Query parameters that are tracking, not part of an item's identity (dropped from permalinks and links). */
export const trackingParams = /^(?:__[a-z]+__(?:\[\d+\])?|fbclid|mibextid|rdid|ref|refsrc|notif_id|notif_t|paipv|eav|hc_ref|hc_location|comment_tracking|_rdr|__xts__)/;

const sponsoredCss = words.sponsored.map((w) => `a[aria-label="${w}"]`).join(', ');

export const selectors: SelectorRegistry = {
  article: { css: '[role="article"]', purpose: 'posts, comments and replies', stability: 'high', fixtures: [...ALL_POST_PAGES, 'profile.html', 'profile-id.html'] },
  feedPost: { css: '[role="article"][aria-posinset]', purpose: 'a post in a feed or profile timeline', stability: 'high', fixtures: ['feed.html', 'profile.html', 'profile-id.html', 'thread/profile-long.html'] },
  labelledArticle: { css: '[role="article"][aria-label]', purpose: 'comments and replies (label localised)', stability: 'medium', fixtures: ALL_POST_PAGES },
  profileName: { css: '[data-ad-rendering-role="profile_name"]', purpose: "a post's author block", stability: 'medium', fixtures: [...ALL_POST_PAGES, 'profile.html'] },
  headingLink: { css: 'h2 a[href], h3 a[href], strong a[href]', purpose: 'author link when profile_name is missing', stability: 'medium', fixtures: ALL_POST_PAGES },
  storyMessage: {
    css: '[data-ad-rendering-role="story_message"], [data-ad-preview="message"], [data-ad-comet-preview="message"]',
    purpose: "a post's text",
    stability: 'medium',
    fixtures: [...ALL_POST_PAGES, 'profile.html'],
  },
  permalinkLink: {
    css: 'a[href*="/posts/"], a[href*="permalink.php"], a[href*="story_fbid="], a[href*="/videos/"], a[href*="/reel/"], a[href*="/photo/?fbid="]',
    purpose: "a post's time link (its permalink)",
    stability: 'medium',
    fixtures: [...ALL_POST_PAGES, 'profile.html', 'profile-id.html'],
  },
  commentLink: { css: 'a[href*="comment_id="]', purpose: "a comment's time link and author link", stability: 'medium', fixtures: ALL_POST_PAGES },
  sponsoredLink: { css: sponsoredCss, purpose: '"Sponsored" mark where the time link would be', stability: 'medium', fixtures: ['feed.html'] },
  time: { css: 'time[datetime]', purpose: 'machine-readable time where present', stability: 'low', fixtures: ['logged-out.html'] },
  mediaImage: {
    css: 'img[data-visualcompletion="media-vc-image"], a[href*="/photo"] img',
    purpose: 'attached photos',
    stability: 'medium',
    fixtures: ['feed.html', 'group-post.html', 'user-post.html', 'logged-out.html'],
  },
  svgImage: { css: 'svg image', purpose: 'profile pictures drawn as SVG <image>', stability: 'medium', fixtures: ['feed.html', 'profile.html', 'profile-id.html'] },
  labelledSvg: { css: 'svg[aria-label]', purpose: "an avatar whose label is the person's name", stability: 'medium', fixtures: ['feed.html', 'profile.html', 'profile-id.html'] },
  heading: { css: 'h1, h2, h3, h4', purpose: "tile titles left out of a bio; the reels viewer's owner heading", stability: 'high', fixtures: ['profile.html', 'profile-id.html', REAL('reel-logged-out-2025.html')] },
  autoDirBlock: { css: 'div[dir="auto"]', purpose: "paragraphs of a comment's text", stability: 'medium', fixtures: ALL_POST_PAGES },
  button: { css: '[role="button"]', purpose: 'buttons ("See more", "Like") left out of text', stability: 'high', fixtures: ['feed.html', 'group-post.html', 'user-post.html'] },
  anyLink: { css: 'a[href]', purpose: 'links in a text, author links', stability: 'high', fixtures: ALL_PAGES },
  pageJson: { css: 'script[type="application/json"]', purpose: 'inline JSON: viewer, actors, post_id, userID', stability: 'medium', fixtures: ALL_PAGES },
  navLink: { css: '[role="navigation"] a[href]', purpose: "the viewer's own profile link (its text is their name)", stability: 'medium', fixtures: LOGGED_IN_PAGES },
  yourProfileLink: {
    css: words.yourProfile.map((w) => `a[aria-label="${w}"][href]`).join(', '),
    purpose: "the top bar's link to the viewer's own profile",
    stability: 'medium',
    fixtures: [...LOGGED_IN_PAGES, 'profile.html', 'profile-id.html'],
  },
  loginPrompt: { css: 'form[action*="/login/"], a[href^="/login/"], a[href^="/r.php"]', purpose: 'login wall of a logged-out page', stability: 'high', fixtures: ['logged-out.html'] },
  main: { css: '[role="main"]', purpose: 'the page body', stability: 'high', fixtures: ALL_PAGES },
  heading1: { css: 'h1', purpose: 'profile name, group name', stability: 'medium', fixtures: ['profile.html', 'profile-id.html', 'group-post.html'] },
  groupLink: { css: 'a[href*="/groups/"]', purpose: 'the group a post belongs to', stability: 'high', fixtures: ['group-post.html'] },
  profileTimeline: { css: '[data-pagelet="ProfileTimeline"]', purpose: "marks a profile page; holds its timeline's posts", stability: 'medium', fixtures: ['profile.html', 'profile-id.html', 'thread/profile-long.html'] },
  profileTiles: { css: '[data-pagelet^="ProfileTilesFeed_"]', purpose: 'intro tile: bio, "Lives in …"', stability: 'medium', fixtures: ['profile.html', 'profile-id.html'] },
  profileTabs: { css: '[data-pagelet="ProfileTabs"]', purpose: 'end of the profile header', stability: 'medium', fixtures: ['profile.html', 'profile-id.html'] },
  coverPhoto: { css: 'img[data-imgperflogname="profileCoverPhoto"]', purpose: 'profile cover photo', stability: 'medium', fixtures: ['profile.html', 'profile-id.html'] },
  friendsLink: { css: 'a[href*="/friends"]', purpose: '"1.2K friends"', stability: 'high', fixtures: ['profile.html'] },
  listItem: { css: 'li', purpose: 'intro lines', stability: 'high', fixtures: ['profile.html', 'profile-id.html'] },
  bioText: { css: 'span[dir="auto"]', purpose: 'bio in the intro tile', stability: 'medium', fixtures: ['profile.html'] },
  clickable: {
    css: 'button, [role="button"], [role="menuitem"], [role="menuitemradio"]',
    purpose: 'controls a whole-thread capture may consider (filtered by the allow-list in thread.ts)',
    stability: 'high',
    fixtures: ['user-post.html', 'thread/post-comments.html', 'thread/post-comments-menu.html'],
  },
  menuButton: {
    css: '[role="button"][aria-haspopup="menu"], [role="button"][aria-haspopup="true"]',
    purpose: 'the comment filter ("Most relevant" ▾) and the ⋯ menus',
    stability: 'high',
    fixtures: ['user-post.html', 'permalink.html', 'thread/post-comments.html'],
  },
  menu: { css: '[role="menu"]', purpose: "an open menu (the comment filter's options)", stability: 'high', fixtures: ['thread/post-comments-menu.html'] },
  menuItem: { css: '[role="menuitem"], [role="menuitemradio"]', purpose: 'an option in an open menu', stability: 'high', fixtures: ['thread/post-comments-menu.html'] },
  progressbar: {
    css: '[role="progressbar"]',
    purpose: 'spinner while comments or replies load; the loading placeholder below a timeline',
    stability: 'high',
    fixtures: ['thread/post-comments-loading.html', 'thread/profile-long-loading.html'],
  },
  editable: {
    css: '[contenteditable="true"], [role="textbox"], input, textarea',
    purpose: 'the comment composer and other inputs (never clicked)',
    stability: 'high',
    fixtures: ['user-post.html', 'thread/post-comments.html'],
  },
  form: { css: 'form', purpose: 'forms (nothing inside one is clicked)', stability: 'high', fixtures: ['logged-out.html'] },
  dialog: { css: '[role="dialog"]', purpose: 'a post opened over the feed: the bounds of its whole-thread capture', stability: 'high', fixtures: ['thread/post-comments-dialog.html'] },
  groupMemberLink: {
    css: 'a[href*="/user/"]',
    purpose: 'a group member link (/groups/<g>/user/<id>/): the author of a group post whose author block names the group',
    stability: 'high',
    fixtures: [REAL('search-posts-2025.html')],
  },
  positionedPost: {
    css: '[aria-posinset]',
    purpose: 'a post without role=article that still carries its place in a list (a search result)',
    stability: 'high',
    fixtures: ['feed.html', REAL('search-posts-2025.html')],
  },
  postAction: {
    css: '[data-ad-rendering-role="like_button"], [data-ad-rendering-role="comment_button"], [data-ad-rendering-role="share_button"]',
    purpose: "a post's action bar: the end of a post block without role=article (a post page's focal post, a suggested post)",
    stability: 'medium',
    fixtures: [REAL('post-dialog-comments-2025c.html'), REAL('post-dialog-comments-2025a.html')],
  },
  tabList: {
    css: '[role="tablist"]',
    purpose: "a profile's tabs (Posts / About / …): with an h1 in the page body on a profile address, marks a profile without pagelet names",
    stability: 'high',
    fixtures: [REAL('page-profile-hi-logged-out-2025.html')],
  },
  likeButton: {
    css: '[data-ad-rendering-role="like_button"]',
    purpose: "a post's Like button: two in one block means two posts",
    stability: 'medium',
    fixtures: [REAL('post-dialog-comments-2025c.html')],
  },
  image: { css: 'img[src]', purpose: 'stickers, GIFs and photos in a comment (filtered by host in the adapter)', stability: 'high', fixtures: [REAL('post-dialog-comments-2025a.html'), 'feed.html'] },
};
