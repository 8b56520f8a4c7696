/**
 * Facebook (www.facebook.com) posts, comments, replies and profile headers. A pure DOM reader: every query comes
 * from ./selectors.ts; translated labels come from its word lists and always have a structural fallback.
 *
 * What is read, and from where:
 * - post: an article (role) that is not a comment; author from the profile_name block (or the first heading link),
 *   text from story_message, permalink from the time link (href /posts/pfbid…, permalink.php?story_fbid=…&id=…,
 *   /groups/<g>/posts/<n>/), its aria-label is the displayed date. Numeric ids found alongside (post_id in the page
 *   JSON, story_fbid, group ids) go to itemId/fields; the pfbid URL is kept as seen.
 * - comment / reply: an article labelled "Comment by …" / "Reply by …" (localised; fallback: the
 *   comment_id / reply_comment_id in the item's own time link).
 * - profile: the block holding `h1` above the profile tabs, on pages with a ProfileTimeline pagelet; numeric id
 *   from profile.php?id= or the page JSON "userID" (never one of the logged-in viewer's ids).
 * - 2025 layouts without role=article: a post page's focal post and the suggested posts below it, search results
 *   (div[aria-posinset]), a post block that shares another; each is found from its author block (profile_name) up to
 *   its action bar. The reels viewer (/reel/<id>) has one card: the owner's heading and the caption the page JSON
 *   gives for this reel. Exact times come from the page JSON (story creation_time, comment created_time).
 * - a deleted or hidden post ("This content isn't available right now") is offered as a post whose capture
 *   records that state.
 * Whole-thread capture of a post page lives in thread.ts, "capture profile with posts" in profile-posts.ts.
 */
import type { Author, ExtractedContent, ItemKind, LinkRef, MediaRef, ReportRoute } from '../../model/evidence';
import type { CaptureTarget, ExtractContext, SiteAdapter } from '../types';
import {
  absUrl,
  cleanUrl,
  decodeCommentId,
  FB_ORIGIN,
  isFacebookHost,
  isViewer,
  linksIn,
  type PageData,
  parseDisplayedDate,
  type Story,
  profileFromUrl,
  profileKey,
  readPageData,
  readViewer,
  textOf,
  type Viewer,
} from './common';
import { facebookDescriptor } from './descriptor';
import { selectors as S, words } from './selectors';
import { routeItemOf, routesFor } from '../../reporting/routes';
import { facebookRoutes } from './routes';

const VERSION = '1.0.0';

const css = (key: keyof typeof S & string): string => S[key]!.css;

function all(root: ParentNode, key: string): Element[] {
  return Array.from(root.querySelectorAll(S[key]!.css));
}

/**
 * Elements under an item that belong to it, not to an article nested in it (comments inside a post, replies…). The
 * item is an article, or a post block without role=article (a post page's focal post, a search result).
 */
function own(item: Element, key: string): Element[] {
  const art = css('article');
  return all(item, key).filter((e) => {
    const a = e.closest(art);
    return a === item || !a || !item.contains(a);
  });
}

/** Nodes a reader does not see: aria-hidden copies (a text-on-background post repeats its text), display:none letters. */
function unseen(el: Element): boolean {
  return el.getAttribute('aria-hidden') === 'true' || /display:\s*none/.test(el.getAttribute('style') ?? '');
}

/** What a link shows: its aria-label, else its visible text (Facebook pads some date links with hidden letters). */
function shownLabel(el: Element): string {
  return el.getAttribute('aria-label')?.trim() || textOf(el, unseen);
}

/**
 * Post blocks without role=article: a post page's focal post (2025: a plain block whose comments are articles),
 * a suggested post below it, a search result (div[aria-posinset]). Found from their author block; a block ends
 * where another post's author block or the page body begins, and holds the post's action bar.
 */
function postBlocks(root: ParentNode): Element[] {
  const art = css('article');
  const out: Element[] = [];
  for (const pn of all(root, 'profileName')) {
    if (pn.closest(art)) continue;
    const block = postBlockOf(pn);
    if (block && !out.includes(block)) out.push(block);
  }
  return out;
}

function postBlockOf(pn: Element): Element | null {
  const art = css('article');
  const positioned = pn.closest(css('positionedPost'));
  if (positioned && !positioned.closest(art)) return positioned;
  const free = (e: Element) => !e.closest(art);
  let el = pn.parentElement;
  for (let i = 0; el && i < 40; i++, el = el.parentElement) {
    if (el.matches(css('main')) || el.matches(css('dialog')) || el === el.ownerDocument.body) return null;
    // Another author block before this one: this one is the original inside a share, part of that post.
    if (all(el, 'profileName').some((n) => n !== pn && free(n) && n.compareDocumentPosition(pn) & FOLLOWING)) return null;
    // Two posts' action bars: the block of this post ended below.
    if (all(el, 'likeButton').filter(free).length > 1) return null;
    if (all(el, 'postAction').some(free)) return el;
  }
  return null;
}

const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING

/** In a post block that shares another post (no nested article), what comes after the original's author block is the original's. */
function beforeShared(item: Element, els: Element[]): Element[] {
  if (item.matches(css('article'))) return els;
  const names = own(item, 'profileName');
  const original = names[1];
  if (!original) return els;
  return els.filter((e) => !(original.compareDocumentPosition(e) & FOLLOWING));
}

/** A reel's own id when the page is the reels viewer (/reel/<id>). */
function reelIdOf(url: URL): string | undefined {
  return /^\/reel\/(\d+)\/?$/.exec(url.pathname)?.[1];
}

/**
 * The reels viewer's card (2025: no article, no data-ad-rendering-role): the owner's heading (a profile link in an h2
 * of the page body) and the caption, found as the text the page JSON gives for this reel. The card is the lowest
 * block holding both; the caption is its block that begins with the JSON text.
 */
function reelCard(doc: Document, c: { data: PageData }, reelId: string): { card: Element; caption: Element | null; story?: Story } | null {
  const main = doc.querySelector(css('main'));
  const heading = main && all(main, 'heading').find((h) => all(h, 'anyLink').some((a) => textOf(a) !== ''));
  if (!heading) return null;
  const story = c.data.stories.find((st) => st.videoId === reelId);
  const key = story?.text ? textKey(story.text).slice(0, 20) : '';
  let caption: Element | null = null;
  if (key.length >= 4) {
    for (const b of all(main, 'button')) {
      const block = b.parentElement;
      if (block && (block.textContent ?? '').replace(/\s+/g, '').startsWith(key)) {
        caption = block;
        break;
      }
    }
  }
  let card: Element = heading;
  if (caption) {
    while (card.parentElement && !card.contains(caption)) card = card.parentElement;
  }
  return { card, caption, ...(story ? { story } : {}) };
}

function byDocumentOrder(a: CaptureTarget, b: CaptureTarget): number {
  if (a.element === b.element) return 0;
  return a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1;
}

function startsWithAny(s: string, list: readonly string[]): boolean {
  return list.some((w) => s.startsWith(w));
}

// ---------------------------------------------------------------------------------------- classification

export type ArticleKind = 'post' | 'comment' | 'reply' | null;

/** The comment's own time link: a comment_id link that is not a link to a person. */
function commentTimeLink(article: Element, base: string): { el: Element; url: URL } | null {
  for (const a of own(article, 'commentLink')) {
    const u = absUrl(a.getAttribute('href'), base);
    if (u && !profileFromUrl(u)) return { el: a, url: u };
  }
  return null;
}

/** What an article is: a post, a comment, a reply, or nothing to capture (a shared attachment). */
export function classify(article: Element, base: string): ArticleKind {
  const label = article.getAttribute('aria-label') ?? '';
  if (label) {
    if (startsWithAny(label, words.replyPrefixes)) return 'reply';
    if (startsWithAny(label, words.commentPrefixes)) return 'comment';
  }
  // A feed item at the top level (the common case while a feed streams): a post, without reading its links.
  if (article.matches(css('feedPost')) && !article.parentElement?.closest(css('article'))) return 'post';
  // Unknown wording (another language, a changed label): fall back on the ids in the item's own time link.
  const t = commentTimeLink(article, base);
  if (t) return t.url.searchParams.has('reply_comment_id') ? 'reply' : 'comment';
  // A post (never nested inside another post: a nested unlabelled article is a shared/quoted attachment).
  const parent = article.parentElement?.closest(css('article'));
  if (parent) return null;
  if (article.matches(css('feedPost'))) return 'post';
  if (own(article, 'profileName').length || own(article, 'storyMessage').length || own(article, 'permalinkLink').length) return 'post';
  return null;
}

/** Whether a document is a profile, remembered per address (asking a long feed costs a walk of the whole page). */
const profilePages = new WeakMap<Document, { href: string; profile: boolean }>();
function profilePage(doc: Document, url: URL): boolean {
  const known = profilePages.get(doc);
  if (known?.href === url.href) return known.profile;
  const profile = isProfilePage(doc, url);
  profilePages.set(doc, { href: url.href, profile });
  return profile;
}

function isProfilePage(root: ParentNode, url: URL): boolean {
  if (root.querySelector(css('profileTimeline')) || root.querySelector(css('profileTiles'))) return true;
  // 2025 Pages (and profiles seen logged out) carry no pagelet names: a profile address, its name as the page's
  // heading and the profile's tabs (Posts / About / …) under it.
  if (!profileFromUrl(url)) return false;
  const main = root.querySelector(css('main'));
  return !!main?.querySelector(css('heading1')) && !!main.querySelector(css('tabList'));
}

/** The profile header: the h1's ancestor just below the one that also holds the tabs/timeline. */
function profileHeader(root: ParentNode): Element | null {
  const main = root.querySelector(css('main'));
  const h1 = (main ?? root).querySelector(css('heading1'));
  if (!h1) return null;
  const stop = [css('profileTabs'), css('profileTimeline'), css('profileTiles'), css('tabList')].join(', ');
  let el: Element = h1;
  while (el.parentElement && el.parentElement !== main && !el.parentElement.querySelector(stop)) el = el.parentElement;
  return el;
}

function unavailableNotice(root: ParentNode): Element | null {
  const main = root.querySelector(css('main'));
  if (!main) return null;
  const text = (main.textContent ?? '').slice(0, 5000).replace(/[\u2018\u2019]/g, "'");
  return words.unavailable.some((w) => text.includes(w.replace(/[\u2018\u2019]/g, "'"))) ? main : null;
}

// ---------------------------------------------------------------------------------------- reading helpers

interface Ctx {
  base: string;
  url: URL;
  doc: Document;
  data: PageData;
  viewer: Viewer;
}

function makeCtx(ctx: ExtractContext): Ctx {
  const data = readPageData(ctx.document, css('pageJson'));
  const viewer = readViewer(ctx.document, data, css('navLink'), css('yourProfileLink'));
  if (viewer.loggedOut && !ctx.document.querySelector(css('loginPrompt'))) viewer.loggedOut = false;
  return { base: ctx.url.href, url: ctx.url, doc: ctx.document, data, viewer };
}

function base(kind: ItemKind): ExtractedContent {
  return { kind, platform: 'facebook', links: [], media: [], method: 'adapter', warnings: [] };
}

/** Author from a link; adds the numeric id from the page JSON actors when the link itself has none. */
function authorFromLink(a: Element | undefined, c: Ctx, fields: Record<string, string>): Author | undefined {
  if (!a) return undefined;
  const u = absUrl(a.getAttribute('href'), c.base);
  const p = u && profileFromUrl(u);
  if (!p) return undefined;
  const name = textOf(a) || a.querySelector(css('labelledSvg'))?.getAttribute('aria-label') || undefined;
  const author: Author = { ...(p.handle ? { handle: p.handle } : {}), ...(name ? { displayName: name } : {}), profileUrl: p.profileUrl };
  if (p.accountId) {
    author.accountId = p.accountId;
    if (p.accountIdSource) author.accountIdSource = p.accountIdSource;
  }
  if (isViewer(author, c.viewer) || (c.viewer.name && !p.accountId && !p.handle && name === c.viewer.name)) {
    // The logged-in person's own item: say so, and never attach the viewer's account id to it.
    delete author.accountId;
    delete author.accountIdSource;
    fields.authorIsViewer = 'yes';
    return author;
  }
  const key = profileKey(p.profileUrl);
  const actor = c.data.actors.find((x) => (p.accountId && x.id === p.accountId) || (key && profileKey(x.url) === key));
  if (actor) {
    if (!author.accountId) {
      author.accountId = actor.id;
      author.accountIdSource = 'page data (actor whose URL matches the author link)';
    }
    fields.authorType = actor.type === 'Page' ? 'page' : 'person';
  } else if (!author.accountId && p.handle) {
    // On a profile page, the profile's own "userID" (next to its "userVanity") also identifies its posts' author.
    const u = c.data.userIds.find((x) => x.userVanity?.toLowerCase() === p.handle!.toLowerCase());
    if (u) {
      author.accountId = u.userID;
      author.accountIdSource = 'page data ("userID" next to the matching "userVanity")';
    }
  }
  return author;
}

function mediaOf(els: Element[], c: Ctx): MediaRef[] {
  const out: MediaRef[] = [];
  const seen = new Set<string>();
  for (const img of els) {
    const src = img.getAttribute('src');
    if (!src || src.startsWith('data:')) continue;
    const u = absUrl(src, c.base);
    if (!u || seen.has(u.href)) continue;
    seen.add(u.href);
    const alt = img.getAttribute('alt');
    out.push({ url: u.href, type: 'image', ...(alt ? { alt } : {}) });
  }
  return out;
}

function timeFrom(el: Element | undefined, article: Element, content: ExtractedContent, what: string, fromJson?: string): void {
  const machine = own(article, 'time')[0]?.getAttribute('datetime');
  const label = el ? shownLabel(el) : '';
  if (label) content.itemTimeText = label;
  if (machine && !Number.isNaN(Date.parse(machine))) {
    content.itemTime = machine;
    return;
  }
  if (fromJson) {
    // The page's own data gives the exact time (the same moment the date link's tooltip shows).
    content.itemTime = fromJson;
    return;
  }
  const parsed = parseDisplayedDate(label);
  if (parsed) {
    content.itemTime = parsed;
    content.warnings.push(`The ${what}'s time was read from the date Facebook displays ("${label}"), in this device's time zone; the page gives no machine-readable time.`);
  } else if (label) {
    content.warnings.push(`Facebook shows the ${what}'s time only as "${label}" (relative, or without a year); no exact time was recorded.`);
  } else {
    content.warnings.push(`No time was found for this ${what}.`);
  }
}

function notes(c: Ctx, content: ExtractedContent): void {
  if (c.viewer.loggedOut) {
    content.warnings.push('Seen while logged out of Facebook: the page shows less to visitors (some names, comments and ids may be missing).');
  }
}

// ---------------------------------------------------------------------------------------- posts

interface PostIds {
  itemId?: string;
  fields: Record<string, string>;
  ownerId?: string;
}

function postIdsFrom(u: URL, c: Ctx): PostIds {
  const fields: Record<string, string> = {};
  const segs = u.pathname.split('/').filter(Boolean);
  let itemId: string | undefined;
  let ownerId: string | undefined;
  let pfbid: string | undefined;
  if (segs[0] === 'groups' && segs[2] === 'posts' && segs[3]) {
    fields.groupId = segs[1]!;
    if (/^\d+$/.test(segs[3])) itemId = segs[3];
    else if (segs[3].startsWith('pfbid')) pfbid = segs[3];
  } else if (segs[1] === 'posts' && segs[2]) {
    if (/^\d+$/.test(segs[2])) itemId = segs[2];
    else if (segs[2].startsWith('pfbid')) pfbid = segs[2];
  } else if (segs[0] === 'permalink.php' || segs[0] === 'story.php') {
    const story = u.searchParams.get('story_fbid') ?? '';
    if (/^\d+$/.test(story)) itemId = story;
    else if (story.startsWith('pfbid')) pfbid = story;
    const id = u.searchParams.get('id');
    if (id && /^\d+$/.test(id)) ownerId = id;
  } else if (segs[0] === 'photo' || segs[0] === 'photo.php') {
    const fbid = u.searchParams.get('fbid');
    if (fbid && /^\d+$/.test(fbid)) itemId = fbid;
  } else if ((segs[1] === 'videos' || segs[0] === 'reel') && segs[segs.length - 1] && /^\d+$/.test(segs[segs.length - 1]!)) {
    itemId = segs[segs.length - 1];
  }
  if (pfbid) {
    fields.pfbid = pfbid;
    const match = c.data.posts.find((p) => p.url?.includes(pfbid!));
    if (match) {
      itemId = match.postId;
      fields.postIdSource = 'page data (post_id next to this permalink)';
    } else itemId = pfbid;
  }
  return { ...(itemId ? { itemId } : {}), fields, ...(ownerId ? { ownerId } : {}) };
}

/** A post's own time link, which is its permalink: the labelled one first (shared posts and comments inside it are not its own). */
export function postPermalinkLink(article: Element, base: string): { el: Element; url: URL } | null {
  const message = own(article, 'storyMessage');
  const candidates = own(article, 'permalinkLink').filter((a) => !message.some((m) => m.contains(a)));
  let fallback: { el: Element; url: URL } | null = null;
  for (const a of candidates) {
    const u = absUrl(a.getAttribute('href'), base);
    if (!u || !isPostUrl(u) || u.searchParams.has('comment_id')) continue;
    // An attachment (a shared reel or photo: its picture, its caption) links to itself, not to the post.
    if (a.querySelector(css('image')) || a.querySelector(css('svgImage')) || (a.textContent ?? '').length > 60) continue;
    if (a.getAttribute('aria-label')) return { el: a, url: u };
    fallback ??= { el: a, url: u };
  }
  return fallback;
}

/** A post's own address: /<owner>/posts/<id|pfbid>, /groups/<g>/posts|permalink/<id>, permalink.php, story.php, a photo, video or reel. */
function isPostUrl(u: URL): boolean {
  if (!isFacebookHost(u.hostname)) return false;
  const segs = u.pathname.split('/').filter(Boolean);
  if (segs[0] === 'permalink.php' || segs[0] === 'story.php') return u.searchParams.has('story_fbid');
  if (segs[0] === 'photo' || segs[0] === 'photo.php') return u.searchParams.has('fbid');
  if (segs[0] === 'reel') return !!segs[1] && /^\d+$/.test(segs[1]);
  if (segs[0] === 'groups') return (segs[2] === 'posts' || segs[2] === 'permalink') && !!segs[3];
  if (segs[0] === 'search' || segs[0] === 'hashtag') return false;
  return (segs[1] === 'posts' || segs[1] === 'videos' || segs[1] === 'photos') && !!segs[2] && /^(\d+|pfbid\w+)$/.test(segs[segs.length - 1]!);
}

/** Whether a JSON story is the post at this address (its post_id, its pfbid, or the same path). */
function sameStory(st: Story, ids: PostIds, u: URL): boolean {
  if (ids.itemId && st.postId === ids.itemId) return true;
  if (ids.fields.pfbid && st.url?.includes(ids.fields.pfbid)) return true;
  const su = st.url ? absUrl(st.url, FB_ORIGIN) : null;
  return !!su && su.pathname.replace(/\/$/, '') === u.pathname.replace(/\/$/, '') && su.search === u.search;
}

const textKey = (t: string): string => t.replace(/…$/, '').replace(/\s+/g, '').slice(0, 40);

/**
 * The JSON story of a post found by its author's id: the one whose text begins like the post's text, or, for a post
 * shown without text, the author's only story on the page.
 */
function storyByAuthor(c: Ctx, authorId: string | undefined, text: string | undefined): { story: Story; byText: boolean } | undefined {
  if (!authorId) return undefined;
  const mine = c.data.stories.filter((st) => st.actorIds.includes(authorId));
  if (text) {
    const k = textKey(text);
    const same = k.length >= 4 ? mine.filter((st) => st.text?.replace(/\s+/g, '').startsWith(k)) : [];
    if (same.length === 1) return { story: same[0]!, byText: true };
    if (same.length > 1) return undefined;
    return mine.length === 1 && !mine[0]!.text ? { story: mine[0]!, byText: false } : undefined;
  }
  return mine.length === 1 ? { story: mine[0]!, byText: false } : undefined;
}

function extractPost(article: Element, c: Ctx): ExtractedContent {
  const content = base('post');
  const fields: Record<string, string> = {};

  // Author
  const nameBox = own(article, 'profileName')[0];
  const nameLinks = nameBox ? all(nameBox, 'anyLink') : own(article, 'headingLink');
  const authorLink = nameLinks.find((a) => {
    const u = absUrl(a.getAttribute('href'), c.base);
    return !!u && !!profileFromUrl(u) && textOf(a) !== '';
  });
  let author = authorFromLink(authorLink, c, fields);
  if (!author) {
    // A group post in search results: the author block names the group; the author is the group-member link.
    const member = own(article, 'groupMemberLink').find((a) => textOf(a) !== '');
    author = authorFromLink(member, c, fields);
  }
  if (author) content.author = author;
  else content.warnings.push('The author could not be read from this post.');

  // Sponsored?
  const sponsored = own(article, 'sponsoredLink')[0];
  if (sponsored) content.promoted = true;

  // Text, links (read first: the text also ties the post to its entry in the page JSON)
  const message = beforeShared(article, own(article, 'storyMessage'))[0];
  if (own(article, 'profileName').length > 1 && !article.matches(css('article'))) {
    content.warnings.push("This post shares another post: the shared post's author, text and media are not this post's and were left out.");
  }
  if (message) {
    const button = css('button');
    let truncated = false;
    content.text = textOf(message, (el) => {
      if (unseen(el)) return true;
      if (!el.matches(button)) return false;
      if (words.seeMore.includes(textOf(el) as (typeof words.seeMore)[number])) truncated = true;
      return true;
    });
    content.links = linksIn(all(message, 'anyLink'), c.base);
    if (truncated) content.warnings.push('The post text is cut short on the page ("See more" was not opened); only the visible part was captured.');
  }

  // Permalink and time: the date link, checked against the post's entry in the page JSON
  const link = postPermalinkLink(article, c.base);
  let permalinkUrl = link?.url;
  let ids = permalinkUrl ? postIdsFrom(permalinkUrl, c) : undefined;
  const authorId = content.author?.accountId;
  let story = !sponsored && permalinkUrl && ids ? c.data.stories.find((st) => sameStory(st, ids!, permalinkUrl!)) : undefined;
  if (story && authorId && story.actorIds.length && !story.actorIds.includes(authorId)) {
    // The date link leads to a post by someone else: a suggested post whose links still point at the page's post.
    story = undefined;
    if (!storyByAuthor(c, authorId, content.text)?.byText) {
      content.warnings.push("The post's date link leads to another person's post (Facebook fills it in later); it was not used.");
      permalinkUrl = undefined;
      ids = undefined;
    }
  }
  if (!sponsored && !story) {
    const found = storyByAuthor(c, content.author?.accountId, content.text);
    if (found && (!permalinkUrl || found.byText)) {
      const u = found.story.url ? absUrl(found.story.url, FB_ORIGIN) : null;
      if (permalinkUrl && u) {
        content.warnings.push("The post's date link leads to another person's post (Facebook fills it in later); its address and time were read from the page's data for this author and text.");
      } else if (!permalinkUrl) {
        content.warnings.push("The post's date link carries no address on this page; its id and time were read from the page's data for this author.");
      }
      story = found.story;
      if (u) {
        permalinkUrl = u;
        ids = postIdsFrom(u, c);
      }
    }
  }
  if (!permalinkUrl && !story && !sponsored && isPostUrl(c.url) && !c.doc.querySelector(css('feedPost'))) {
    permalinkUrl = c.url;
    ids = postIdsFrom(c.url, c);
  }
  if (permalinkUrl && ids) {
    content.permalink = cleanUrl(permalinkUrl);
    if (ids.itemId) content.itemId = ids.itemId;
    Object.assign(fields, ids.fields);
    if (ids.ownerId && content.author && !content.author.accountId && fields.authorIsViewer !== 'yes' && !c.data.viewerIds.has(ids.ownerId)) {
      content.author.accountId = ids.ownerId;
      content.author.accountIdSource = 'permalink.php id= (the story owner)';
    }
  } else if (sponsored) {
    content.warnings.push('Sponsored post: Facebook shows no permalink for ads.');
  } else {
    content.warnings.push('No permalink was found for this post.');
  }
  // A pfbid the page does not resolve: the numeric post_id of the same story.
  if (story?.postId && (!content.itemId || !/^\d+$/.test(content.itemId))) content.itemId = story.postId;
  if (!sponsored) timeFrom(link?.el, article, content, 'post', story?.time);

  // Group
  if (fields.groupId) {
    const g = all(c.doc, 'groupLink').find((a) => {
      const u = absUrl(a.getAttribute('href'), c.base);
      return !!u && u.pathname.replace(/\/$/, '') === `/groups/${fields.groupId}` && textOf(a) !== '';
    });
    if (g) fields.group = textOf(g);
  }

  // Media
  content.media = mediaOf(beforeShared(article, own(article, 'mediaImage')).filter((img) => !message?.contains(img)), c);
  if (!message && content.media.length === 0) content.warnings.push('No text or media was found in this post.');

  if (fields.authorType === 'page') {
    content.warnings.push('The author is a Facebook Page, not a personal profile: a Page can be run by several people, and its admins are not shown.');
  }
  if (Object.keys(fields).length) content.fields = fields;
  notes(c, content);
  return content;
}

/** The reel shown in the reels viewer: its owner, caption, address and time (from the page JSON for this reel). */
function extractReel(reel: { card: Element; caption: Element | null; story?: Story }, reelId: string, c: Ctx): ExtractedContent {
  const content = base('post');
  const fields: Record<string, string> = { format: 'reel' };
  const ownerLink = all(reel.card, 'heading')
    .flatMap((h) => all(h, 'anyLink'))
    .find((a) => textOf(a) !== '');
  const author = authorFromLink(ownerLink, c, fields);
  if (author) content.author = author;
  else content.warnings.push("The reel's owner could not be read.");
  if (reel.caption) {
    const button = css('button');
    let truncated = false;
    content.text = textOf(reel.caption, (el) => {
      if (unseen(el)) return true;
      if (!el.matches(button)) return false;
      if (words.seeMore.includes(textOf(el) as (typeof words.seeMore)[number])) truncated = true;
      return true;
    });
    if (truncated) content.warnings.push('The caption is cut short on the page ("See more" was not opened); only the visible part was captured.');
  } else content.warnings.push("The reel's caption could not be told apart from the viewer's controls; no text was recorded.");
  content.permalink = cleanUrl(c.url);
  content.itemId = reelId;
  if (reel.story?.postId) fields.postId = reel.story.postId;
  if (reel.story?.time) content.itemTime = reel.story.time;
  else content.warnings.push('No time was found for this reel (the reels viewer shows none).');
  content.fields = fields;
  notes(c, content);
  return content;
}

// ---------------------------------------------------------------------------------------- comments

function nameFromLabel(label: string): string | undefined {
  for (const re of words.commentLabelName) {
    const m = label.match(re);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

/**
 * A sticker, GIF or photo in a comment: an image served from Facebook's content hosts (scontent…fbcdn.net), not an
 * icon or emoji (static…), not a link preview's thumbnail (external…) and not inside a link (previews, the author).
 */
function isCommentMedia(img: Element): boolean {
  const src = img.getAttribute('src') ?? '';
  const host = /^https?:\/\/([^/]+)/.exec(src)?.[1]?.toLowerCase() ?? '';
  return /^scontent[.-]/.test(host) && host.endsWith('.fbcdn.net') && !img.closest(css('anyLink'));
}

function extractComment(article: Element, kind: 'comment' | 'reply', c: Ctx): ExtractedContent {
  const content = base(kind);
  const fields: Record<string, string> = {};
  const t = commentTimeLink(article, c.base);

  // Author: the first own link to a person that shows a name; else the label.
  const authorLink = own(article, 'anyLink').find((a) => {
    if (t && a === t.el) return false;
    const u = absUrl(a.getAttribute('href'), c.base);
    return !!u && !!profileFromUrl(u) && textOf(a) !== '';
  });
  const author = authorFromLink(authorLink, c, fields);
  const label = article.getAttribute('aria-label') ?? '';
  if (author) content.author = author;
  else {
    const name = nameFromLabel(label);
    if (name) {
      content.author = { displayName: name };
      content.warnings.push('The author link was not found; the name was read from the comment\'s label.');
    } else content.warnings.push(`The author of this ${kind} could not be read.`);
  }

  if (t) {
    const permalink = new URL(cleanUrl(t.url));
    content.permalink = permalink.href;
    const commentId = t.url.searchParams.get('comment_id');
    const replyId = t.url.searchParams.get('reply_comment_id');
    const ownId = kind === 'reply' ? replyId : commentId;
    if (ownId) content.itemId = decodeCommentId(ownId);
    if (kind === 'reply' && commentId) {
      const parent = new URL(permalink.href);
      parent.searchParams.delete('reply_comment_id');
      content.inReplyTo = parent.href;
      fields.parentCommentId = decodeCommentId(commentId);
    } else {
      const post = new URL(permalink.href);
      post.searchParams.delete('comment_id');
      post.searchParams.delete('reply_comment_id');
      content.inReplyTo = post.href;
    }
  } else content.warnings.push(`No permalink was found for this ${kind}.`);
  timeFrom(t?.el, article, content, kind, content.itemId ? c.data.commentTimes.get(content.itemId) : undefined);

  // Text: the comment's own dir=auto blocks outside links (the author name is inside a link).
  const blocks = own(article, 'autoDirBlock').filter((b) => !b.closest(css('anyLink')));
  const top = blocks.filter((b) => !blocks.some((o) => o !== b && o.contains(b)));
  const text = top.map((b) => textOf(b)).filter(Boolean).join('\n');
  if (text) content.text = text;
  content.links = linksIn(top.flatMap((b) => all(b, 'anyLink')), c.base);
  content.media = mediaOf([...own(article, 'mediaImage'), ...own(article, 'image').filter((img) => isCommentMedia(img))], c);
  if (!text && content.media.length === 0) content.warnings.push(`No text was found in this ${kind} (it may be a sticker or GIF).`);
  if (Object.keys(fields).length) content.fields = fields;
  notes(c, content);
  return content;
}

// ---------------------------------------------------------------------------------------- profile

function extractProfile(header: Element, c: Ctx): ExtractedContent {
  const content = base('profile');
  const fields: Record<string, string> = {};
  const h1 = header.querySelector(css('heading1'));
  const name = h1 ? textOf(h1) : '';
  if (name) fields.name = name;

  const page = new URL(c.url.href);
  const p = profileFromUrl(page);
  const author: Author = { ...(name ? { displayName: name } : {}) };
  if (p) {
    if (p.handle) author.handle = p.handle;
    author.profileUrl = p.profileUrl;
    content.permalink = p.profileUrl;
    if (p.accountId) {
      author.accountId = p.accountId;
      author.accountIdSource = p.accountIdSource === 'profile link (profile.php?id=)' ? 'profile URL (profile.php?id=)' : (p.accountIdSource ?? 'profile URL');
    }
  } else content.permalink = cleanUrl(page);

  const isOwn = (p?.handle && c.viewer.handle && p.handle.toLowerCase() === c.viewer.handle.toLowerCase()) || (p?.accountId && p.accountId === c.viewer.id);
  if (isOwn) {
    fields.profileIsViewer = 'yes';
    content.warnings.push("This is the logged-in account's own profile.");
  } else if (!author.accountId) {
    const byVanity = p?.handle ? c.data.userIds.find((u) => u.userVanity?.toLowerCase() === p.handle!.toLowerCase()) : undefined;
    const distinct = [...new Set(c.data.userIds.map((u) => u.userID))];
    const pages = [...c.data.pageIds];
    if (byVanity) {
      author.accountId = byVanity.userID;
      author.accountIdSource = 'page data ("userID" next to the matching "userVanity")';
    } else if (distinct.length === 0 && pages.length === 1) {
      author.accountId = pages[0]!;
      author.accountIdSource = 'page data ("pageID" of the Page shown)';
    } else if (distinct.length === 1) {
      author.accountId = distinct[0]!;
      author.accountIdSource = 'page data ("userID", not the logged-in viewer\'s)';
    } else if (distinct.length > 1) content.warnings.push('The page carries several account ids; none could be tied to this profile with certainty.');
    else content.warnings.push('No numeric account id was found on the page.');
  } else {
    const json = c.data.userIds.find((u) => u.userID === author.accountId);
    if (json) fields.accountIdConfirmedBy = 'page data ("userID")';
  }
  content.author = author;

  const friends = all(header, 'friendsLink')[0];
  if (friends) fields.friends = textOf(friends);

  // Intro tile: bio and lines ("Lives in …").
  const tile = c.doc.querySelector(css('profileTiles'));
  const links: LinkRef[] = [];
  if (tile) {
    const items = all(tile, 'listItem');
    // The bio is a text of its own: not a tile's title ("Intro", "Photos") or a block holding one, not a link's text.
    const bio = all(tile, 'bioText').find(
      (s) => !items.some((li) => li.contains(s)) && !s.closest(css('heading')) && !s.querySelector(css('heading')) && !s.closest(css('anyLink')) && !s.querySelector(css('anyLink')),
    );
    if (bio) {
      const b = textOf(bio);
      if (b) {
        fields.bio = b;
        content.text = b;
      }
    }
    const lines = items.map((li) => textOf(li)).filter(Boolean);
    if (lines.length) fields.intro = lines.join('\n');
    links.push(...linksIn(items.flatMap((li) => all(li, 'anyLink')), c.base));
  }
  content.links = links;

  const media: MediaRef[] = [];
  const cover = header.querySelector(css('coverPhoto'));
  const coverSrc = absUrl(cover?.getAttribute('src'), c.base);
  if (coverSrc) media.push({ url: coverSrc.href, type: 'image', alt: 'cover photo' });
  for (const img of all(header, 'svgImage')) {
    const href = absUrl(img.getAttribute('xlink:href') ?? img.getAttribute('href'), c.base);
    if (!href) continue;
    const label = img.closest(css('labelledSvg'))?.getAttribute('aria-label');
    media.push({ url: href.href, type: 'image', alt: label ? `profile picture (${label})` : 'profile picture' });
    break;
  }
  content.media = media;
  content.fields = fields;
  notes(c, content);
  return content;
}

// ---------------------------------------------------------------------------------------- unavailable

function extractUnavailable(main: Element, c: Ctx): ExtractedContent {
  const content = base('post');
  content.permalink = cleanUrl(c.url);
  const ids = postIdsFrom(c.url, c);
  if (ids.itemId) content.itemId = ids.itemId;
  const segs = c.url.pathname.split('/').filter(Boolean);
  const owner = segs.length >= 3 && segs[1] === 'posts' ? profileFromUrl(new URL(`/${segs[0]}`, FB_ORIGIN)) : null;
  if (owner) {
    content.author = { ...(owner.handle ? { handle: owner.handle } : {}), profileUrl: owner.profileUrl };
    ids.fields.authorSource = 'the post URL (the page shows no author)';
  }
  const shown = textOf(main, (el) => el.matches(css('anyLink')));
  const heading = shown.split('\n').find((l) => words.unavailable.some((w) => l.replace(/\u2019/g, "'").includes(w.replace(/\u2019/g, "'"))));
  content.text = shown;
  ids.fields.state = 'unavailable';
  content.fields = ids.fields;
  content.warnings.push(
    `Facebook shows "${heading ?? words.unavailable[0]}": the post was deleted, or its owner hid it from this account. This capture records that state, not the post.`,
  );
  notes(c, content);
  return content;
}

// ---------------------------------------------------------------------------------------- adapter

export const facebookAdapter: SiteAdapter = {
  id: facebookDescriptor.platform,
  version: VERSION,
  hosts: [...facebookDescriptor.hosts, ...facebookDescriptor.otherHosts],
  selectors: S,
  fixtureDir: facebookDescriptor.fixtureDir,

  matches(url: URL): boolean {
    if (!this.hosts.includes(url.hostname.toLowerCase())) return false;
    return !/^\/messages(\/|$)/.test(url.pathname);
  },

  findTargets(root: ParentNode, ctx: ExtractContext): CaptureTarget[] {
    try {
      const targets: CaptureTarget[] = [];
      const baseHref = ctx.url.href;
      if (isProfilePage(root, ctx.url)) {
        const header = profileHeader(root);
        if (header) targets.push({ element: header, kind: 'profile' });
      }
      for (const a of all(root, 'article')) {
        const kind = classify(a, baseHref);
        if (kind) targets.push({ element: a, kind });
      }
      const reelId = reelIdOf(ctx.url);
      if (reelId && !targets.length && 'querySelector' in root) {
        const doc = ctx.document;
        const reel = reelCard(doc, { data: readPageData(doc, css('pageJson')) }, reelId);
        if (reel) targets.push({ element: reel.card, kind: 'post' });
      }
      const blocks = postBlocks(root);
      if (blocks.length) {
        for (const b of blocks) targets.push({ element: b, kind: 'post' });
        targets.sort(byDocumentOrder);
      }
      if (!targets.length) {
        const notice = unavailableNotice(root);
        if (notice) targets.push({ element: notice, kind: 'post' });
      }
      return targets;
    } catch {
      return [];
    }
  },

  findTargetsIn(roots: readonly Element[], ctx: ExtractContext): CaptureTarget[] | null {
    try {
      const doc = ctx.document;
      // Page-level targets (a profile header, the "content isn't available" notice) are found by whole-page scans.
      if (!doc.querySelector(css('article'))) return null;
      const art = css('article');
      const pnCss = css('profileName');
      const profileParts = `${css('profileTimeline')}, ${css('profileTiles')}`;
      // On a profile, new subtrees in or around its header go to a whole-page scan (the header is a page-level target).
      const header = profilePage(doc, ctx.url) ? profileHeader(doc) : null;
      const seen = new Set<Element>();
      const out: CaptureTarget[] = [];
      const consider = (a: Element) => {
        if (seen.has(a)) return;
        seen.add(a);
        const kind = classify(a, ctx.url.href);
        if (kind) out.push({ element: a, kind });
      };
      for (const root of roots) {
        // The item the new subtree belongs to (its time link or name may have arrived late), and every item inside it.
        const around = root.closest(art);
        // A profile's timeline or intro tiles arriving is a page-level change. They are never inside a post, so a
        // subtree in or at a post skips that walk (it was most of the cost of each streamed post).
        if (!around && (root.matches(profileParts) || root.querySelector(profileParts))) return null;
        if (header && (header.contains(root) || root.contains(header))) return null;
        // A post block without role=article (search result, a post page's focal post) is found by a whole-page scan.
        if (!around && (root.closest(css('positionedPost')) || (root.matches(pnCss) ? [root] : all(root, 'profileName')).some((n) => !n.closest(art)))) return null;
        if (around) consider(around);
        for (const a of all(root, 'article')) consider(a);
      }
      return out;
    } catch {
      return null;
    }
  },

  extract(target: CaptureTarget, ctx: ExtractContext): ExtractedContent {
    const c = makeCtx(ctx);
    const el = target.element;
    if (target.kind === 'profile') return extractProfile(el, c);
    if (target.kind === 'comment' || target.kind === 'reply') return extractComment(el, target.kind, c);
    const reelId = reelIdOf(c.url);
    if (reelId && !el.matches(css('article')) && !own(el, 'profileName').length) {
      const reel = reelCard(c.doc, c, reelId);
      if (reel && reel.card === el) return extractReel(reel, reelId, c);
    }
    if (el.matches(css('article')) || own(el, 'profileName').length) return extractPost(el, c);
    return extractUnavailable(el, c);
  },

  reportRoutes(content: ExtractedContent): ReportRoute[] {
    return routesFor(facebookRoutes, routeItemOf(content));
  },
};
