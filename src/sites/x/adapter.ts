/**
 * X (x.com, formerly twitter.com): posts, replies, profiles and direct messages (older /messages layout and the
 * newer /i/chat "Chat" layout). A pure DOM reader: every query comes from ./selectors, nothing is clicked or fetched,
 * and layout is never measured. The signed-in viewer is read from the page (navigation link, initial state) only to
 * tell the viewer apart: it is never taken as the author of someone else's post or profile.
 */
import type { Author, ExtractedContent, ItemKind, LinkRef, MediaRef, ReportRoute } from '../../model/evidence';
import type { CaptureTarget, ExtractContext, SiteAdapter } from '../types';
import { xDescriptor } from './descriptor';
import { isPromoted } from './promoted';
import { selectors, type XSelectorName } from './selectors';
import { routeItemOf, routesFor } from '../../reporting/routes';
import { xRoutes } from './routes';

const css = (name: XSelectorName): string => selectors[name].css;
const ORIGIN = 'https://x.com';
const X_HOSTS = new Set(['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.x.com', 'mobile.twitter.com']);
const AT_HANDLE = /^@([A-Za-z0-9_]{1,15})$/;
/** First path segments that are X's own pages, not accounts. */
const RESERVED = new Set([
  'home', 'explore', 'notifications', 'messages', 'i', 'settings', 'search', 'compose', 'hashtag', 'login', 'logout',
  'signup', 'tos', 'privacy', 'jobs', 'lists', 'communities', 'premium', 'bookmarks', 'intent', 'share', 'account', 'help',
]);
const SRC_SESSION = 'page state session.user_id (the signed-in viewer)';
const SRC_JSONLD = 'json-ld mainEntity.identifier';
const SRC_USERCELL = 'follow button data-testid in a user cell on the page';
const SRC_FOLLOW = 'follow button data-testid in the profile header';
const SRC_BANNER = 'profile banner URL';
const SRC_CONVERSATION = 'conversation id minus the viewer’s own id';

// ---------------------------------------------------------------- small DOM helpers

/** Text as shown: text nodes, emoji images as their alt text, <br> as a line break; skips `skip` and our controls. */
function readText(root: Node, skip?: Element | null): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += (c as Text).data;
      else if (c.nodeType === 1) {
        const el = c as Element;
        if (el === skip) continue;
        const tag = el.tagName.toUpperCase();
        if (tag === 'IMG') out += el.getAttribute('alt') ?? '';
        else if (tag === 'BR') out += '\n';
        else if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'SVG' || tag === 'TEMPLATE' || tag === 'NOSCRIPT') continue;
        else if (el.hasAttribute('data-holdfast-capture')) continue;
        else walk(el);
      }
    }
  };
  walk(root);
  return out;
}

const inside = (el: Element, container: Element | null | undefined): boolean => !!container && container.contains(el);

function all(root: ParentNode, name: XSelectorName, skip?: Element | null): Element[] {
  const found = Array.from(root.querySelectorAll(css(name)));
  return skip ? found.filter((el) => !inside(el, skip)) : found;
}

function first(root: ParentNode, name: XSelectorName, skip?: Element | null): Element | null {
  if (!skip) return root.querySelector(css(name));
  for (const el of root.querySelectorAll(css(name))) if (!inside(el, skip)) return el;
  return null;
}

function closest(el: Element, name: XSelectorName): Element | null {
  return el.closest(css(name));
}

/** `b` comes after `a` in document order. */
const follows = (a: Node, b: Node): boolean => (a.compareDocumentPosition(b) & 4) !== 0;

function parseHref(href: string | null): URL | null {
  if (!href) return null;
  try {
    return new URL(href, ORIGIN);
  } catch {
    return null;
  }
}

function absolute(href: string | null, base: URL): string {
  if (!href) return '';
  try {
    const u = new URL(href, base);
    if (X_HOSTS.has(u.hostname)) return `${ORIGIN}${u.pathname}${u.search}${u.hash}`;
    return u.href;
  } catch {
    return href;
  }
}

/** The account handle a link points to (`/<handle>`), if it is a profile link on X. */
function handleOfHref(href: string | null): string | undefined {
  const u = parseHref(href);
  if (!u || !X_HOSTS.has(u.hostname)) return undefined;
  const m = /^\/([A-Za-z0-9_]{1,15})\/?$/.exec(u.pathname);
  if (!m || RESERVED.has(m[1]!.toLowerCase())) return undefined;
  return m[1];
}

/** `{handle, id}` of a post permalink `/<handle>/status/<id>` (exactly; not /photo/1, /analytics…). */
function statusOfHref(href: string | null): { handle: string; id: string } | undefined {
  const u = parseHref(href);
  if (!u || !X_HOSTS.has(u.hostname)) return undefined;
  const m = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d+)\/?$/.exec(u.pathname);
  return m ? { handle: m[1]!, id: m[2]! } : undefined;
}

const permalinkOf = (s: { handle: string; id: string }): string => `${ORIGIN}/${s.handle}/status/${s.id}`;
const profileUrlOf = (handle: string): string => `${ORIGIN}/${handle}`;
const sameHandle = (a?: string, b?: string): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Display name and handle from a block that shows "Name @handle …" (User-Name, account switcher, DM header). */
function nameAndHandle(block: Element, skip?: Element | null): { handle?: string; displayName?: string } {
  let handle: string | undefined;
  for (const a of all(block, 'link', skip)) {
    const m = AT_HANDLE.exec(readText(a).trim());
    if (m) {
      handle = m[1];
      break;
    }
  }
  if (!handle) {
    // Unlinked blocks (quoted posts): the innermost element whose whole text is "@handle".
    const search = (el: Element): string | undefined => {
      for (const child of Array.from(el.children)) {
        if (child === skip) continue;
        const m = AT_HANDLE.exec(readText(child).trim());
        if (m) return search(child) ?? m[1];
        const deeper = search(child);
        if (deeper) return deeper;
      }
      return undefined;
    };
    handle = search(block);
  }
  if (!handle) {
    for (const a of all(block, 'link', skip)) {
      const h = handleOfHref(a.getAttribute('href'));
      if (h) {
        handle = h;
        break;
      }
    }
  }
  let displayName: string | undefined;
  const full = readText(block, skip);
  const at = handle ? full.lastIndexOf(`@${handle}`) : -1;
  if (at > 0) displayName = full.slice(0, at).replace(/\s+/g, ' ').trim() || undefined;
  return { handle, displayName };
}

// ---------------------------------------------------------------- page-level facts

interface Viewer {
  handle?: string;
  displayName?: string;
  accountId?: string;
}

function readViewer(doc: Document): Viewer {
  const viewer: Viewer = {};
  const link = doc.querySelector(css('viewerProfileLink'));
  viewer.handle = handleOfHref(link?.getAttribute('href') ?? null);
  const switcher = doc.querySelector(css('viewerAccountSwitcher'));
  if (switcher) {
    const nh = nameAndHandle(switcher);
    if (!viewer.handle) viewer.handle = nh.handle;
    if (sameHandle(nh.handle, viewer.handle)) viewer.displayName = nh.displayName;
  }
  for (const script of all(doc, 'inlineScript')) {
    const text = script.textContent ?? '';
    const at = text.indexOf('"session":');
    if (at < 0) continue;
    const m = /"user_id":"(\d+)"/.exec(text.slice(at, at + 4000));
    if (m) {
      viewer.accountId = m[1];
      break;
    }
  }
  return viewer;
}

function viewerAuthor(v: Viewer): Author | undefined {
  if (!v.handle) return undefined;
  return {
    handle: v.handle,
    ...(v.displayName ? { displayName: v.displayName } : {}),
    ...(v.accountId ? { accountId: v.accountId, accountIdSource: SRC_SESSION } : {}),
    profileUrl: profileUrlOf(v.handle),
  };
}

interface ProfileSchema {
  identifier?: string;
  handle?: string;
  name?: string;
  created?: string;
}

function readSchema(doc: ParentNode): ProfileSchema | undefined {
  const script = doc.querySelector(css('profileSchema'));
  if (!script) return undefined;
  try {
    const data = JSON.parse(script.textContent ?? '') as { dateCreated?: unknown; mainEntity?: Record<string, unknown> };
    const main = data.mainEntity ?? {};
    const id = main.identifier;
    return {
      identifier: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined,
      handle: typeof main.additionalName === 'string' ? main.additionalName : undefined,
      name: typeof main.givenName === 'string' ? main.givenName : undefined,
      created: typeof data.dateCreated === 'string' ? data.dateCreated : undefined,
    };
  } catch {
    return undefined;
  }
}

const followId = (el: Element): string | undefined => /^(\d+)-(?:follow|unfollow)$/.exec(el.getAttribute('data-testid') ?? '')?.[1];

/** handle (lower case) → numeric id, from what the page itself pairs: profile JSON-LD, user cells, the viewer. */
function pageAccountIds(doc: Document, viewer: Viewer): Map<string, { id: string; source: string }> {
  const ids = new Map<string, { id: string; source: string }>();
  for (const cell of all(doc, 'userCell')) {
    const button = first(cell, 'followButton');
    const id = button ? followId(button) : undefined;
    let handle: string | undefined;
    for (const a of all(cell, 'link')) {
      handle = handleOfHref(a.getAttribute('href'));
      if (handle) break;
    }
    if (id && handle && id !== viewer.accountId) ids.set(handle.toLowerCase(), { id, source: SRC_USERCELL });
  }
  const schema = readSchema(doc);
  if (schema?.identifier && schema.handle && (schema.identifier !== viewer.accountId || sameHandle(schema.handle, viewer.handle))) {
    ids.set(schema.handle.toLowerCase(), { id: schema.identifier, source: SRC_JSONLD });
  }
  if (viewer.handle && viewer.accountId) ids.set(viewer.handle.toLowerCase(), { id: viewer.accountId, source: SRC_SESSION });
  return ids;
}

function statusPageOf(url: URL): { handle: string; id: string } | undefined {
  const m = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/.exec(url.pathname);
  return m ? { handle: m[1]!, id: m[2]! } : undefined;
}

// ---------------------------------------------------------------- posts

/** The quoted-post block nested in a quote post, or null. */
export function quotedBlockOf(article: Element): Element | null {
  const names = article.querySelectorAll(css('userName'));
  return names.length < 2 ? null : quotedBlockFrom(article, names[0]!, names[1]!);
}

/** The quoted block, given the post's own author block and the second one (the quoted post's). */
function quotedBlockFrom(article: Element, own: Element, second: Element): Element | null {
  const block = closest(second, 'quotedBlock');
  if (block && block !== article && article.contains(block) && !block.contains(own)) return block;
  let el: Element = second;
  while (el.parentElement && el.parentElement !== article && !el.parentElement.contains(own)) el = el.parentElement;
  return el;
}

function permalinkStatus(article: Element, time: Element | null, handle: string | undefined, skip: Element | null) {
  const viaTime = time ? closest(time, 'link') : null;
  const fromTime = viaTime && !inside(viaTime, skip) ? statusOfHref(viaTime.getAttribute('href')) : undefined;
  if (fromTime) return fromTime;
  for (const a of all(article, 'link', skip)) {
    const s = statusOfHref(a.getAttribute('href'));
    if (s && (!handle || sameHandle(s.handle, handle))) return s;
  }
  return undefined;
}

/** "Replying to @a @b" links: @handle links outside the author block, text and quoted post, before the text. */
export function replyingToLinks(article: Element, userName: Element | null, text: Element | null, quoted: Element | null): Element[] {
  const out: Element[] = [];
  for (const a of all(article, 'link', quoted)) {
    if (inside(a, userName) || inside(a, text)) continue;
    // Links come in document order: once one is past the text, so are all the rest.
    if (text && !follows(a, text)) break;
    if (!AT_HANDLE.test(readText(a).trim()) || !handleOfHref(a.getAttribute('href'))) continue;
    out.push(a);
  }
  return out;
}

function linkRef(a: Element, base: URL): LinkRef {
  return { text: readText(a).trim(), href: absolute(a.getAttribute('href'), base) };
}

function dedupeLinks(links: LinkRef[]): LinkRef[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.text}\n${l.href}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function postMedia(scope: Element, skip: Element | null, base: URL): MediaRef[] {
  const media: MediaRef[] = [];
  for (const img of all(scope, 'photo', skip)) {
    // A video's or GIF's still frame sits inside tweetPhoto too: the video below stands for it.
    if (closest(img, 'videoPlayer')) continue;
    const src = img.getAttribute('src');
    if (src) media.push({ url: absolute(src, base), type: 'image', ...(img.hasAttribute('alt') ? { alt: img.getAttribute('alt') ?? '' } : {}) });
  }
  for (const video of all(scope, 'video', skip)) {
    const src = video.getAttribute('poster') || video.getAttribute('src');
    const label = video.getAttribute('aria-label');
    // X serves animated GIFs as looping videos; their files and stills live under /tweet_video(_thumb)/.
    const gif = /\/tweet_video(?:_thumb)?\//.test(src ?? '');
    if (src) media.push({ url: absolute(src, base), type: gif ? 'gif' : 'video', ...(label ? { alt: label } : {}) });
  }
  return media;
}

/**
 * An X Article (long-form post) has no tweetText: its text is the title and the body's blocks (Draft.js), one
 * paragraph each, as the reader sees them. Undefined when the post holds no article.
 */
function readArticle(scope: Element, skip: Element | null): { title?: string; text: string; links: Element[] } | undefined {
  const titleEl = first(scope, 'articleTitle', skip);
  const body = first(scope, 'articleBody', skip);
  if (!titleEl && !body) return undefined;
  const title = titleEl ? readText(titleEl).replace(/\s+/g, ' ').trim() : undefined;
  const paragraphs: string[] = [];
  if (body) {
    const blocks = all(body, 'articleBlock').filter((b) => !b.parentElement?.closest(css('articleBlock')));
    for (const b of blocks.length ? blocks : [body]) {
      // A photo block's only text is the image's alt ("Image"); the photo itself is in the media.
      if (blocks.length && first(b, 'photo')) continue;
      // A code block shows its language ("markdown") and a copy button above the code: X's labels, not the text.
      const code = first(b, 'articleCode');
      const t = readText(code ?? b).trim();
      if (t) paragraphs.push(t);
    }
  }
  const text = [title, ...paragraphs].filter(Boolean).join('\n\n');
  return { ...(title ? { title } : {}), text, links: body ? all(body, 'link') : [] };
}

interface PostFacts {
  viewer: Viewer;
  ids: Map<string, { id: string; source: string }>;
}

function readPost(scope: Element, kind: ItemKind, ctx: ExtractContext, facts: PostFacts, nested: boolean): ExtractedContent {
  const warnings: string[] = [];
  const quoted = nested ? null : quotedBlockOf(scope);
  const userName = first(scope, 'userName', quoted);
  const nh = userName ? nameAndHandle(userName) : {};
  const time = first(scope, 'time', quoted);
  const status = permalinkStatus(scope, time, nh.handle, quoted);
  const handle = nh.handle ?? status?.handle;
  const textEl = first(scope, 'postText', quoted);
  const article = textEl ? undefined : readArticle(scope, quoted);

  const author: Author | undefined = handle
    ? {
        handle,
        ...(nh.displayName ? { displayName: nh.displayName } : {}),
        ...(() => {
          const known = facts.ids.get(handle.toLowerCase());
          return known ? { accountId: known.id, accountIdSource: known.source } : {};
        })(),
        profileUrl: profileUrlOf(handle),
      }
    : undefined;
  if (!userName) warnings.push('No author block (User-Name) found in this post.');
  if (!handle) warnings.push('No author handle found in this post.');
  if (!time) warnings.push('No time found in this post.');
  if (!status && !nested) warnings.push('No permalink (/<handle>/status/<id>) found in this post.');
  if (!status && nested) warnings.push('The quoted post’s own link is not on the page; search its author’s profile for it.');

  const links = dedupeLinks([
    ...(nested ? [] : replyingToLinks(scope, userName, textEl, quoted).map((a) => linkRef(a, ctx.url))),
    ...(textEl ? all(textEl, 'link').map((a) => linkRef(a, ctx.url)) : []),
  ]);
  const content: ExtractedContent = {
    kind,
    platform: 'x',
    ...(status ? { permalink: permalinkOf(status), itemId: status.id } : {}),
    ...(time ? { itemTime: time.getAttribute('datetime') ?? undefined, itemTimeText: readText(time).trim() } : {}),
    ...(author ? { author } : {}),
    ...(textEl ? { text: readText(textEl).replace(/\r\n?/g, '\n').trim() } : article ? { text: article.text } : {}),
    links: article ? dedupeLinks([...links, ...article.links.map((a) => linkRef(a, ctx.url))]) : links,
    media: postMedia(scope, quoted, ctx.url),
    ...(article?.title ? { fields: { articleTitle: article.title } } : {}),
    method: 'adapter',
    warnings,
  };
  if (quoted) content.quoted = readPost(quoted, 'post', ctx, facts, true);
  return content;
}


function postKinds(root: ParentNode, url: URL): CaptureTarget[] {
  const articles = all(root, 'post').filter((a) => !isPromoted(a) && !a.parentElement?.closest(css('post')));
  const page = statusPageOf(url);
  let focal = -1;
  if (page) {
    focal = articles.findIndex((a) => {
      const q = quotedBlockOf(a);
      const s = permalinkStatus(a, first(a, 'time', q), undefined, q);
      return s?.id === page.id;
    });
  }
  return articles.map((element, i): CaptureTarget => {
    if (focal >= 0) return { element, kind: i > focal ? 'reply' : 'post' };
    // A post page whose focal post has been recycled out of the list (scrolled far down): what remains are replies.
    if (page) return { element, kind: 'reply' };
    return { element, kind: timelineKind(element) };
  });
}

/**
 * Off a post page: a post that shows "Replying to @…" is a reply. Runs on every post a timeline streams in, so it
 * touches as few elements as it can: one read of the author blocks (the first is the post's own, a second one
 * means a quoted post), the text, then the links up to the text, stopping at the first "Replying to" link. Gives
 * the same answer as `replyingToLinks(…).length > 0` (a unit test holds them together).
 */
export function timelineKind(element: Element): 'post' | 'reply' {
  const names = element.querySelectorAll(css('userName'));
  const userName = names[0] ?? null;
  const q = names.length < 2 ? null : quotedBlockFrom(element, names[0]!, names[1]!);
  const text = first(element, 'postText', q);
  for (const a of element.querySelectorAll(css('link'))) {
    if (inside(a, q) || inside(a, userName) || inside(a, text)) continue;
    if (text && !follows(a, text)) break;
    // A cheap native read first (no walk through the link's children); the exact reading only for a likely match.
    if (!(a.textContent ?? '').includes('@')) continue;
    if (AT_HANDLE.test(readText(a).trim()) && handleOfHref(a.getAttribute('href'))) return 'reply';
  }
  return 'post';
}

/** On a post page: the post a given article answers, as the conversation view shows it. */
function inReplyToOnStatusPage(article: Element, ctx: ExtractContext): string | undefined {
  const page = statusPageOf(ctx.url);
  if (!page) return undefined;
  const articles = all(ctx.document, 'post').filter((a) => !isPromoted(a));
  const statuses = articles.map((a) => {
    const q = quotedBlockOf(a);
    return permalinkStatus(a, first(a, 'time', q), undefined, q);
  });
  const focal = statuses.findIndex((s) => s?.id === page.id);
  const me = articles.indexOf(article);
  if (focal < 0 || me < 0) return undefined;
  // Replies below the focal post answer it; the focal post and the thread above it answer the post just above.
  const parent = me > focal ? statuses[focal] : me > 0 ? statuses[me - 1] : undefined;
  return parent ? permalinkOf(parent) : undefined;
}

// ---------------------------------------------------------------- profiles

/** Whether `root` is or holds a profile header's name (not a post's or a user cell's). */
function hasProfileHeader(root: Element): boolean {
  const outside = (el: Element) => !closest(el, 'post') && !closest(el, 'userCell');
  if (root.matches(css('profileName')) && outside(root)) return true;
  for (const el of root.querySelectorAll(css('profileName'))) if (outside(el)) return true;
  return false;
}

function profileHeaderOf(root: ParentNode): Element | null {
  const name = all(root, 'profileName').find((el) => !closest(el, 'post') && !closest(el, 'userCell'));
  if (!name) return null;
  const column = closest(name, 'primaryColumn');
  let el: Element = name;
  while (el.parentElement && el.parentElement !== column && !first(el.parentElement, 'post') && el.parentElement !== el.ownerDocument.body) {
    el = el.parentElement;
  }
  return el;
}

function fieldText(header: Element, name: XSelectorName): string | undefined {
  const el = first(header, name);
  const text = el ? readText(el).replace(/\s+/g, ' ').trim() : '';
  return text || undefined;
}

function readProfile(header: Element, ctx: ExtractContext): ExtractedContent {
  const warnings: string[] = [];
  const viewer = readViewer(ctx.document);
  const nameEl = first(header, 'profileName');
  const nh = nameEl ? nameAndHandle(nameEl) : {};
  const schema = readSchema(ctx.document);
  const fromUrl = handleOfHref(ctx.url.pathname);
  const handle = nh.handle ?? schema?.handle ?? fromUrl;
  if (!nameEl) warnings.push('No profile name block (UserName) found.');
  if (!handle) warnings.push('No @handle found on this profile.');

  let accountId: string | undefined;
  let accountIdSource: string | undefined;
  if (schema?.identifier) {
    if (schema.handle && handle && !sameHandle(schema.handle, handle)) {
      warnings.push(`The page’s profile data names @${schema.handle}, not @${handle}; its id was not used.`);
    } else {
      accountId = schema.identifier;
      accountIdSource = SRC_JSONLD;
    }
  }
  const button = first(header, 'followButton');
  const buttonId = button ? followId(button) : undefined;
  if (buttonId) {
    if (!accountId) {
      accountId = buttonId;
      accountIdSource = SRC_FOLLOW;
    } else if (buttonId !== accountId) warnings.push(`The follow button carries id ${buttonId}, the profile data ${accountId}.`);
  }
  const banner = first(header, 'profileBanner');
  const bannerId = /\/profile_banners\/(\d+)\//.exec(banner?.getAttribute('src') ?? '')?.[1];
  if (!accountId && bannerId) {
    accountId = bannerId;
    accountIdSource = SRC_BANNER;
  }
  if (accountId && accountId === viewer.accountId && !sameHandle(handle, viewer.handle)) {
    warnings.push('The id found is the signed-in viewer’s own; it was not used for this profile.');
    accountId = undefined;
    accountIdSource = undefined;
  }
  if (!accountId) warnings.push('No numeric account id found on this profile page.');

  const displayName = nh.displayName ?? schema?.name;
  const author: Author | undefined = handle
    ? {
        handle,
        ...(displayName ? { displayName } : {}),
        ...(accountId ? { accountId, accountIdSource } : {}),
        profileUrl: profileUrlOf(handle),
      }
    : undefined;

  const bioEl = first(header, 'profileBio');
  const bio = bioEl ? readText(bioEl).trim() : undefined;
  const fields: Record<string, string> = {};
  const put = (k: string, v: string | undefined) => {
    if (v) fields[k] = v;
  };
  put('bio', bio);
  put('location', fieldText(header, 'profileLocation'));
  put('url', fieldText(header, 'profileUrl'));
  put('joined', fieldText(header, 'profileJoinDate'));
  put('following', fieldText(header, 'followingLink'));
  put('followers', fieldText(header, 'followersLink'));
  put('accountCreated', schema && (!schema.handle || sameHandle(schema.handle, handle)) ? schema.created : undefined);

  const urlEl = first(header, 'profileUrl');
  const links = dedupeLinks([
    ...(bioEl ? all(bioEl, 'link').map((a) => linkRef(a, ctx.url)) : []),
    ...(urlEl ? [linkRef(urlEl, ctx.url)] : []),
  ]);
  const media: MediaRef[] = [];
  const avatar = all(header, 'avatarContainer').map((c) => first(c, 'image')).find((img) => !!img?.getAttribute('src'));
  if (avatar) media.push({ url: absolute(avatar.getAttribute('src'), ctx.url), type: 'image' });
  if (banner?.getAttribute('src')) media.push({ url: absolute(banner.getAttribute('src'), ctx.url), type: 'image' });

  return {
    kind: 'profile',
    platform: 'x',
    ...(handle ? { permalink: profileUrlOf(handle) } : {}),
    ...(accountId ? { itemId: accountId } : {}),
    ...(author ? { author } : {}),
    ...(bio !== undefined ? { text: bio } : {}),
    links,
    media,
    fields,
    method: 'adapter',
    warnings,
  };
}

// ---------------------------------------------------------------- direct messages

type Layout = 'legacy' | 'chat';

interface Conversation {
  layout: Layout;
  thread: Element;
  messages: Element[];
  id?: string;
  url?: string;
  viewer: Viewer;
  other?: Author;
  warnings: string[];
}

function isChatMessage(el: Element): boolean {
  return /^message-(?!text-)[\w:-]+$/.test(el.getAttribute('data-testid') ?? '');
}

function chatThreadOf(list: Element): Element {
  const bound = closest(list, 'dmChatContainer');
  let el: Element = list;
  while (el.parentElement && el.parentElement !== bound && !first(el, 'dmChatHeader')) el = el.parentElement;
  return first(el, 'dmChatHeader') ? el : list;
}

function findThreads(root: ParentNode): { layout: Layout; thread: Element; messages: Element[] }[] {
  const out: { layout: Layout; thread: Element; messages: Element[] }[] = [];
  for (const thread of all(root, 'dmLegacyThread')) out.push({ layout: 'legacy', thread, messages: all(thread, 'dmLegacyMessage') });
  const legacyLoose = all(root, 'dmLegacyMessage').filter((m) => !closest(m, 'dmLegacyThread'));
  if (legacyLoose.length > 0) out.push({ layout: 'legacy', thread: legacyLoose[0]!.parentElement ?? legacyLoose[0]!, messages: legacyLoose });
  for (const list of all(root, 'dmChatList')) {
    out.push({ layout: 'chat', thread: chatThreadOf(list), messages: all(list, 'dmChatMessage').filter(isChatMessage) });
  }
  return out;
}

function conversationIdOf(url: URL, doc: Document, layout: Layout): { id?: string; url?: string } {
  const legacy = /^\/messages\/(\d+(?:-\d+)?)\/?/.exec(url.pathname);
  if (legacy) return { id: legacy[1], url: `${ORIGIN}/messages/${legacy[1]}` };
  const chat = /^\/i\/chat\/([A-Za-z0-9_:-]+)\/?/.exec(url.pathname);
  if (chat) return { id: chat[1], url: `${ORIGIN}/i/chat/${chat[1]}` };
  if (layout === 'chat') {
    const row = all(doc, 'dmChatInboxRow').find((r) => r.getAttribute('aria-current') === 'page' || r.getAttribute('aria-selected') === 'true');
    const id = /^dm-conversation-item-(.+)$/.exec(row?.getAttribute('data-testid') ?? '')?.[1];
    if (id) return { id, url: `${ORIGIN}/i/chat/${id.replace(':', '-')}` };
  }
  return {};
}

function otherParticipant(conv: Omit<Conversation, 'other'>, doc: Document): Author | undefined {
  const candidates: Element[] = [];
  const header = conv.layout === 'chat' ? first(doc, 'dmChatHeader') : null;
  if (header) candidates.push(...all(header, 'link'));
  const isMessagePart = (a: Element) => conv.messages.some((m) => m.contains(a) || a.contains(m));
  candidates.push(...all(conv.thread, 'link').filter((a) => !isMessagePart(a)));
  if (conv.layout === 'legacy') {
    for (const row of all(doc, 'dmLegacyInboxRow')) {
      const current = row.getAttribute('aria-selected') === 'true' || all(row, 'link').some((a) => conv.id && (a.getAttribute('href') ?? '').includes(conv.id));
      if (current) candidates.push(...all(row, 'link'));
    }
  }
  candidates.push(...conv.messages.flatMap((m) => all(m.parentElement ?? m, 'link')));

  let handle: string | undefined;
  for (const a of candidates) {
    const h = handleOfHref(a.getAttribute('href'));
    if (h && !sameHandle(h, conv.viewer.handle)) {
      handle = h;
      break;
    }
  }
  if (!handle) return undefined;
  let displayName: string | undefined;
  for (const a of candidates) {
    if (!sameHandle(handleOfHref(a.getAttribute('href')), handle)) continue;
    const nh = nameAndHandle(a);
    if (nh.displayName && sameHandle(nh.handle, handle)) {
      displayName = nh.displayName;
      break;
    }
  }
  const author: Author = { handle, ...(displayName ? { displayName } : {}) };
  const parts = conv.id?.split(/[-:]/) ?? [];
  if (parts.length === 2 && conv.viewer.accountId && parts.includes(conv.viewer.accountId)) {
    const otherId = parts.find((p) => p !== conv.viewer.accountId);
    if (otherId) {
      author.accountId = otherId;
      author.accountIdSource = SRC_CONVERSATION;
    }
  }
  author.profileUrl = profileUrlOf(handle);
  return author;
}

function readConversation(found: { layout: Layout; thread: Element; messages: Element[] }, ctx: ExtractContext): Conversation {
  const viewer = readViewer(ctx.document);
  const { id, url } = conversationIdOf(ctx.url, ctx.document, found.layout);
  const base: Omit<Conversation, 'other'> = { ...found, id, url, viewer, warnings: [] };
  const other = otherParticipant(base, ctx.document);
  const conv: Conversation = { ...base, ...(other ? { other } : {}) };
  if (!viewer.handle) conv.warnings.push('Could not tell which account is signed in (no profile link in the navigation).');
  if (!other) conv.warnings.push('No other participant found in this conversation.');
  if (id && /^\d+[-:]\d+$/.test(id) && other && !other.accountId) {
    conv.warnings.push(`Conversation id ${id}: could not tell which part is the viewer’s, so the other participant’s id was not set.`);
  }
  return conv;
}

/**
 * An ExtractContext object stands for one synchronous look at the page: the whole-thread engine makes one per scan
 * and extracts every new message of that scan with it, and every other caller makes one per extraction. Within one,
 * the DOM cannot change, so the threads on the page and a conversation's facts (viewer, other participant, id) are
 * read once and reused for its other messages: the same result, without re-reading the page for every message.
 */
const threadsByMoment = new WeakMap<ExtractContext, ReturnType<typeof findThreads>>();
const conversationsByMoment = new WeakMap<ExtractContext, Map<Element, Conversation>>();

function threadsAt(ctx: ExtractContext): ReturnType<typeof findThreads> {
  let threads = threadsByMoment.get(ctx);
  if (!threads) {
    threads = findThreads(ctx.document);
    threadsByMoment.set(ctx, threads);
  }
  return threads;
}

function conversationAt(found: { layout: Layout; thread: Element; messages: Element[] }, ctx: ExtractContext, known: boolean): Conversation {
  // A thread not found on the page is read from the message alone: not shared.
  if (!known) return readConversation(found, ctx);
  let byThread = conversationsByMoment.get(ctx);
  if (!byThread) {
    byThread = new Map();
    conversationsByMoment.set(ctx, byThread);
  }
  let conv = byThread.get(found.thread);
  if (!conv) {
    conv = readConversation(found, ctx);
    byThread.set(found.thread, conv);
  }
  return { ...conv, warnings: [...conv.warnings] };
}

type Side = 'end' | 'start';

function sideOf(value: string | undefined): Side | undefined {
  switch ((value ?? '').trim()) {
    case 'flex-end':
    case 'end':
    case 'self-end':
    case 'right':
      return 'end';
    case 'flex-start':
    case 'start':
    case 'self-start':
    case 'left':
      return 'start';
    default:
      return undefined;
  }
}

/** Which side the page's own style puts a message row on (computed style only; no layout measured). */
function styleSide(row: Element, stop: Element): Side | undefined {
  const view = row.ownerDocument.defaultView ?? (typeof window !== 'undefined' ? window : undefined);
  if (!view || typeof view.getComputedStyle !== 'function') return undefined;
  let el: Element | null = row;
  for (let depth = 0; el && el !== stop && depth < 8; depth++, el = el.parentElement) {
    const style = view.getComputedStyle(el);
    if (!style) continue;
    if ((style.display ?? '').includes('flex')) {
      const column = (style.flexDirection ?? '').startsWith('column');
      const side = sideOf(column ? style.alignItems : style.justifyContent);
      if (side) return side;
    }
    const self = sideOf(style.alignSelf);
    if (self) return self;
  }
  return undefined;
}

const D_START = 'row aligned to the other participant’s side (start) by the page’s style';
const D_END = 'row aligned to the viewer’s side (end) by the page’s style';

function readMessage(message: Element, conv: Conversation, ctx: ExtractContext): ExtractedContent {
  const warnings: string[] = [];
  const textEls = conv.layout === 'chat' ? all(message, 'dmChatMessageText') : all(message, 'postText');
  const text = textEls.length ? textEls.map((t) => readText(t).trim()).join('\n') : undefined;
  const time = first(message, 'time');
  const row = conv.layout === 'legacy' ? (closest(message, 'cell') ?? message) : message;

  // 1. An avatar link (not a mention in the text) to one of the two participants, in the message's row.
  let avatarSide: 'received' | 'sent' | undefined;
  let avatarHandle: string | undefined;
  for (const a of all(row, 'link')) {
    if (textEls.some((t) => t.contains(a)) || readText(a).trim()) continue;
    const h = handleOfHref(a.getAttribute('href'));
    if (h && sameHandle(h, conv.other?.handle)) avatarSide = 'received';
    else if (h && sameHandle(h, conv.viewer.handle)) avatarSide = 'sent';
    if (avatarSide) {
      avatarHandle = h;
      break;
    }
  }
  // 2. The alignment the page's own style gives the row (own messages sit at the end).
  const side = styleSide(conv.layout === 'legacy' ? message : row, conv.thread);
  const styleDir = side === 'end' ? 'sent' : side === 'start' ? 'received' : undefined;

  let direction: 'sent' | 'received' | 'unknown' = 'unknown';
  let senderDerivation: string;
  if (avatarSide && styleDir && avatarSide !== styleDir) {
    senderDerivation = `signals disagree: avatar link of @${avatarHandle} but ${side === 'end' ? D_END : D_START}`;
    warnings.push('Could not tell who sent this message: the avatar and the alignment disagree.');
  } else if (avatarSide) {
    direction = avatarSide;
    senderDerivation = `avatar link of ${avatarSide === 'received' ? 'the other participant' : 'the viewer'} (@${avatarHandle}) in the message row`;
  } else if (styleDir) {
    direction = styleDir;
    senderDerivation = side === 'end' ? D_END : D_START;
  } else {
    senderDerivation = 'no avatar link and no alignment found for this message';
    warnings.push('Could not tell who sent this message.');
  }
  const author = direction === 'sent' ? viewerAuthor(conv.viewer) : direction === 'received' ? conv.other : undefined;
  if (direction !== 'unknown' && !author) warnings.push('The sender’s account could not be read from the page.');

  const media: MediaRef[] = [];
  for (const img of all(message, 'image')) {
    if (textEls.some((t) => t.contains(img)) || closest(img, 'avatarContainer') || closest(img, 'link')) continue;
    const src = img.getAttribute('src');
    if (src) media.push({ url: absolute(src, ctx.url), type: 'image', ...(img.hasAttribute('alt') ? { alt: img.getAttribute('alt') ?? '' } : {}) });
  }
  if (!time) warnings.push('No time found for this message.');
  if (!text && media.length === 0) warnings.push('No text or image found in this message.');

  const testid = message.getAttribute('data-testid') ?? '';
  const id = conv.layout === 'chat' ? /^message-(.+)$/.exec(testid)?.[1] : undefined;
  const participants = [viewerAuthor(conv.viewer), conv.other].filter((a): a is Author => !!a);
  return {
    kind: 'dm-message',
    platform: 'x',
    ...(conv.url ? { permalink: conv.url } : {}),
    ...(id ? { itemId: id } : {}),
    ...(time ? { itemTime: time.getAttribute('datetime') ?? undefined, itemTimeText: readText(time).trim() } : {}),
    ...(author ? { author } : {}),
    ...(text !== undefined ? { text } : {}),
    links: dedupeLinks(textEls.flatMap((t) => all(t, 'link').map((a) => linkRef(a, ctx.url)))),
    media,
    participants,
    direction,
    senderDerivation,
    method: 'adapter',
    warnings,
  };
}

function readThread(conv: Conversation, ctx: ExtractContext): ExtractedContent {
  const messages = conv.messages.map((m) => readMessage(m, conv, ctx));
  const who = (m: ExtractedContent) => (m.author?.handle ? `@${m.author.handle}${m.direction === 'sent' ? ' (you)' : ''}` : 'unknown sender');
  const transcript = messages
    .map((m) => `[${m.itemTime ?? m.itemTimeText ?? 'no time'}] ${who(m)}: ${m.text ?? ''}${m.media.length ? `${m.text ? ' ' : ''}[${m.media.length} image${m.media.length > 1 ? 's' : ''}]` : ''}`)
    .join('\n');
  return {
    kind: 'dm-thread',
    platform: 'x',
    ...(conv.url ? { permalink: conv.url } : {}),
    ...(conv.id ? { itemId: conv.id } : {}),
    ...(conv.other ? { author: conv.other } : {}),
    text: transcript,
    links: [],
    media: [],
    participants: [viewerAuthor(conv.viewer), conv.other].filter((a): a is Author => !!a),
    messages,
    method: 'adapter',
    warnings: [...conv.warnings],
  };
}

// ---------------------------------------------------------------- report routes (data: routes.ts)

function reportRoutes(content: ExtractedContent): ReportRoute[] {
  return routesFor(xRoutes, routeItemOf(content));
}

// ---------------------------------------------------------------- the adapter

export const xAdapter: SiteAdapter = {
  id: xDescriptor.platform,
  version: '1.0.0',
  hosts: [...xDescriptor.hosts, ...xDescriptor.otherHosts],
  selectors,
  fixtureDir: xDescriptor.fixtureDir,

  matches(url: URL): boolean {
    return X_HOSTS.has(url.hostname);
  },

  findTargets(root: ParentNode, ctx: ExtractContext): CaptureTarget[] {
    const out: CaptureTarget[] = [];
    try {
      out.push(...postKinds(root, ctx.url));
    } catch {
      // a broken timeline must not hide the profile or DMs
    }
    try {
      const header = profileHeaderOf(root);
      if (header) out.push({ element: header, kind: 'profile' });
    } catch {
      // ignore
    }
    try {
      for (const t of findThreads(root)) {
        out.push({ element: t.thread, kind: 'dm-thread' });
        for (const m of t.messages) out.push({ element: m, kind: 'dm-message' });
      }
    } catch {
      // ignore
    }
    return out;
  },

  findTargetsIn(roots: readonly Element[], ctx: ExtractContext): CaptureTarget[] | null {
    try {
      // Post pages (which post is focal depends on the whole column) and conversations: whole-page scans.
      const path = ctx.url.pathname;
      if (statusPageOf(ctx.url) || path.startsWith('/messages') || path.startsWith('/i/chat')) return null;
      const post = css('post');
      const seen = new Set<Element>();
      const articles: Element[] = [];
      for (const root of roots) {
        const around = root.closest(post);
        // A profile header arriving: whole-page scan. (Inside a post there is none: names there are the post's.)
        // Timeline cells (the bulk of what streams in) never hold one: no search there.
        if (!around && !root.closest(css('cell')) && hasProfileHeader(root)) return null;
        const consider = (a: Element) => {
          if (seen.has(a)) return;
          seen.add(a);
          // The outermost post (a quoted post is part of its quoting post), never an ad.
          if (!isPromoted(a) && !a.parentElement?.closest(post)) articles.push(a);
        };
        if (around) consider(around);
        for (const a of root.querySelectorAll(post)) consider(a);
      }
      return articles.map((element): CaptureTarget => ({ element, kind: timelineKind(element) }));
    } catch {
      return null;
    }
  },

  extract(target: CaptureTarget, ctx: ExtractContext): ExtractedContent {
    const el = target.element;
    if (target.kind === 'profile') return readProfile(el, ctx);
    if (target.kind === 'dm-thread' || target.kind === 'dm-message') {
      const found = threadsAt(ctx).find((t) => (target.kind === 'dm-thread' ? t.thread === el : t.messages.includes(el)));
      const layout: Layout = el.matches(css('dmLegacyMessage')) || el.matches(css('dmLegacyThread')) ? 'legacy' : 'chat';
      const conv = conversationAt(found ?? { layout, thread: el.parentElement ?? el, messages: target.kind === 'dm-message' ? [el] : [] }, ctx, !!found);
      return target.kind === 'dm-thread' ? readThread(conv, ctx) : readMessage(el, conv, ctx);
    }
    const viewer = readViewer(ctx.document);
    const facts: PostFacts = { viewer, ids: pageAccountIds(ctx.document, viewer) };
    const content = readPost(el, target.kind, ctx, facts, false);
    const parent = inReplyToOnStatusPage(el, ctx);
    if (parent && parent !== content.permalink) content.inReplyTo = parent;
    return content;
  },

  reportRoutes,
};
