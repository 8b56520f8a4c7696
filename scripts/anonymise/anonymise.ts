/**
 * Turns a real saved page of X, Instagram, Facebook or Messenger into a *structure replica* (issue #11): the same
 * element tree, tag names, classes, data-testids, roles, aria attributes, href shapes, <time> elements and embedded
 * JSON shapes, with every name, handle, id, text and image replaced by invented values that stay consistent across the
 * page (the same real handle becomes the same fake handle everywhere: links, text, aria labels, JSON).
 *
 * It is mechanical: nothing here knows what a particular page says. What it keeps verbatim:
 * - structure (tags, classes, ids of elements, data-testid, role, dir, lang, tabindex, style without URLs, SVG geometry);
 * - times (`<time datetime>`, time-like JSON keys, unix timestamps) — when something happened is not who did it;
 * - interface words: a text is kept when it is on the site's allowlist (scripts/anonymise/ui-<site>.txt,
 *   ui-common.txt), when every word in it is an interface word, or when the same short text (identities and numbers
 *   taken out) repeats on the page (the "Reply" under every comment, a profile picture's "Foto do perfil de {I}").
 * Everything else that a person wrote or that names someone is replaced:
 * - handles, display names and account ids found in profile links and in the page's JSON → invented ones;
 * - numeric ids → ids of the same length (snowflake ids keep their time bits, so a time derived from an id stays true;
 *   Instagram shortcodes are re-encoded from their mapped media id);
 * - free text → invented words of the same lengths and scripts, with emoji, punctuation and spacing kept;
 * - URL query signatures, opaque tokens, other sites' host names, data: images → invented equivalents.
 * Script code (non-JSON scripts), style sheets, comments and event-handler attributes are dropped: the replica is inert.
 *
 * The review list names every text that was kept, with its count, so a person can check that nothing personal stayed.
 */
import { Window } from 'happy-dom';

export type Site = 'x' | 'instagram' | 'facebook' | 'messenger';

export interface AnonymiseOptions {
  site: Site;
  /** The page's real URL (its anonymised form is returned). */
  url: string;
  /** Secret that makes the invented values stable across runs (kept outside the repository). */
  secret: string;
  /** Interface phrases to keep verbatim (allowlist). */
  allow: Iterable<string>;
  /** Interface words (months, units) to keep verbatim wherever all words of a text are such words. */
  words: Iterable<string>;
  /** Real strings the review found kept and that must be replaced (outside the repository). */
  deny?: Iterable<string>;
}

export interface AnonymiseResult {
  html: string;
  url: string;
  /** Kept texts with how often they occur, most frequent first. */
  review: { text: string; count: number; why: string }[];
  /** Real → fake, for the person running it (never committed). */
  mapping: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic pseudo-randomness: a value's replacement depends only on the secret and the value.

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

class Rng {
  private s: number;
  constructor(seed: string) {
    this.s = fnv(seed) || 1;
  }
  next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x || 1;
    return this.s / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

const FIRST = ['Avery', 'Jordan', 'Riley', 'Casey', 'Morgan', 'Quinn', 'Rowan', 'Skyler', 'Emery', 'Harper', 'Lena', 'Tomas', 'Iris', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Ravi', 'Sofia', 'Theo', 'Uma', 'Vera', 'Wes', 'Yara', 'Zane', 'Ines', 'Joel', 'Kira', 'Liam', 'Mara'];
const LAST = ['Alder', 'Brook', 'Castell', 'Dunmore', 'Ellery', 'Fairweather', 'Garrow', 'Holloway', 'Ingram', 'Juniper', 'Kestrel', 'Lowell', 'Marsh', 'Norwood', 'Oakes', 'Pell', 'Quarry', 'Ravel', 'Sorrel', 'Thorne', 'Underhill', 'Vance', 'Whitlow', 'Yarrow', 'Zeller'];
const NOUNS = ['river', 'stone', 'maple', 'harbor', 'lantern', 'meadow', 'falcon', 'cinder', 'willow', 'ember', 'pixel', 'comet', 'tundra', 'quartz', 'orchid', 'saddle', 'breeze', 'canyon', 'delta', 'fable'];
const SYLL = ['ka', 'lo', 'mi', 'ren', 'ta', 'vo', 'si', 'pe', 'du', 'na', 'ri', 'mo', 'le', 'ga', 'tu', 'be', 'so', 'fi', 'ra', 'ne'];

// ---------------------------------------------------------------------------------------------------------------
// Site knowledge: which first path segments are routes, not handles.

const RESERVED: Record<Site, Set<string>> = {
  x: new Set(['home', 'explore', 'notifications', 'messages', 'i', 'settings', 'search', 'compose', 'hashtag', 'tos', 'privacy', 'login', 'logout', 'signup', 'intent', 'share', 'jobs', 'download', 'account', 'bookmarks', 'lists', 'communities', 'premium', 'verified-choose', 'sw.js', 'manifest.json', 'en', 'rules', 'about', 'help', 'status', 'topics', 'who_to_follow', 'connect_people', 'user_spam_reports', 'notifications_settings', 'follower_requests', 'display', 'keyboard_shortcuts', 'jobs', 'grok', 'chat', 'creators', 'business', 'ads', 'ar', 'ko', 'ja', 'pt', 'es', 'zh']),
  instagram: new Set(['p', 'reel', 'reels', 'tv', 'explore', 'stories', 'direct', 'accounts', 'about', 'legal', 'web', 'developer', 'static', 'emails', 'challenge', 'privacy', 'terms', 'session', 'api', 'graphql', 'ajax', 'oauth', 'data', 'download', 'lite', 'help', 'locations', 'tags', 'blog', 'press', 'jobs', 'directory', 'topics', 'popular', 'create', 'your_activity', 'notifications', 'sw.js', 'manifest.json', 'favicon.ico', 'qr', 'threads', 'meta-verified', 'reset', 'ar', 'ko', 'ja', 'pt', 'es', 'fr']),
  facebook: new Set(['groups', 'watch', 'marketplace', 'gaming', 'events', 'pages', 'photo', 'photo.php', 'photos', 'story.php', 'profile.php', 'permalink.php', 'reel', 'reels', 'videos', 'video', 'hashtag', 'help', 'policies', 'privacy', 'login', 'login.php', 'recover', 'r.php', 'reg', 'settings', 'notifications', 'messages', 'friends', 'bookmarks', 'saved', 'memories', 'fundraisers', 'ads', 'business', 'legal', 'terms', 'policy.php', 'search', 'stories', 'people', 'public', 'dialog', 'sharer', 'sharer.php', 'share', 'l.php', 'ajax', 'api', 'plugins', 'checkpoint', 'home.php', 'me', 'feeds', 'latest', 'lite', 'mobile', 'careers', 'pg', 'places', 'games', 'live', 'media', 'comment', 'commerce', 'shops', 'jobs', 'donate', 'campaign', 'cookie', 'allactivity', 'friends_mutual', 't', 'e2ee', 'u', 'new', 'posts', 'about', 'a', 'sw', 'rsrc.php', 'images', 'common', 'x', 'composer', 'privacy_center', 'instantgames', 'gaming', 'profile', 'coronavirus_info', 'climatescienceinfo', 'professional_dashboard', 'ad_center', 'pages_manager', 'creatorstudio']),
  messenger: new Set(['t', 'e2ee', 'groups', 'login', 'help', 'privacy', 'terms', 'messages', 'requests', 'archived', 'marketplace', 'new', 'settings', 'desktop', 'download', 'features', 'policies', 'rooms', 'videocall', 'legal', 'communities']),
};

const SITE_HOSTS = /(^|\.)(x\.com|twitter\.com|instagram\.com|facebook\.com|messenger\.com|fbcdn\.net|cdninstagram\.com|twimg\.com|fb\.com|fb\.me|t\.co|instagr\.am|threads\.net|meta\.com|whatsapp\.com|w3\.org|google\.com|apple\.com|gstatic\.com|googleapis\.com)$/i;
/** A media id on the sites' own media hosts (`GsC8xILWoAAX9Qg`, `_Q7u2Tno_normal.jpg`): token, then size suffix and extension. */
const MEDIA_TOKEN = /^([A-Za-z0-9_-]{6,}?)((?:_(?:normal|bigger|mini|\d+x\d+))?(?:\.[A-Za-z0-9]{2,5})?)$/;
function isMediaToken(seg: string): boolean {
  const token = MEDIA_TOKEN.exec(seg)?.[1];
  return !!token && /[A-Z]/.test(token) && /[a-z]/.test(token);
}
const HANDLE_RE: Record<Site, RegExp> = {
  x: /^[A-Za-z0-9_]{1,15}$/,
  instagram: /^[A-Za-z0-9._]{1,30}$/,
  facebook: /^[A-Za-z0-9.]{3,50}$/,
  messenger: /^[A-Za-z0-9.]{3,50}$/,
};
const SITE_ROOT: Record<Site, RegExp> = {
  x: /^(x\.com|twitter\.com|mobile\.twitter\.com)$/i,
  instagram: /^(www\.)?instagram\.com$/i,
  facebook: /^((www|web|m|mbasic)\.)?facebook\.com$/i,
  messenger: /^((www\.)?messenger\.com|(www\.)?facebook\.com)$/i,
};

/** JSON keys whose string values name a person or account (registered as identities). */
const HANDLE_KEYS = new Set(['username', 'screen_name', 'screenName', 'userName', 'vanity', 'alias', 'handle', 'owner_username']);
const NAME_KEYS = new Set(['full_name', 'fullName', 'display_name', 'displayName', 'short_name', 'first_name', 'last_name', 'author_name', 'owner_name', 'name_with_entities', 'profile_name', 'NAME', 'SHORT_NAME']);
const ID_KEYS = /^([a-z_]*_ids|id|pk|pk_id|fbid|user_id|userId|userID|profile_id|profileID|owner_id|actor_id|actorID|author_id|page_id|pageID|group_id|target_id|rest_id|id_str|media_id|post_id|story_fbid|comment_id|strong_id__|thread_id|thread_key|conversation_id|viewer_id|entity_id|uid|legacy_fbid|subscribee_id)$/;
/** JSON keys whose numbers are times and stay as they are. */
const TIME_KEY = /(time|date|_at$|At$|timestamp|created|expires|expiry|ttl|deadline|epoch|^ts$|duration|start|end)/i;
/** JSON keys whose string values are enum-like code names to keep when they look like identifiers. */
const CODE_VALUE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PERSONAL_TEXT_KEYS = new Set(['text', 'caption', 'biography', 'bio', 'description', 'title', 'alt', 'accessibility_caption', 'message', 'snippet', 'body', 'headline', 'name', 'full_text', 'label', 'external_url', 'category', 'location', 'city', 'address', 'email', 'phone', 'public_email', 'contact_phone_number']);

const TIMESTAMP = (digits: string): boolean => {
  const n = Number(digits);
  return (digits.length === 10 && n >= 1.1e9 && n <= 1.95e9) || (digits.length === 13 && n >= 1.1e12 && n <= 1.95e12);
};

// ---------------------------------------------------------------------------------------------------------------

class Anonymiser {
  readonly site: Site;
  readonly secret: string;
  private readonly allow: Set<string>;
  private readonly words: Set<string>;
  /** real → fake for identities (handles, names, free strings from the deny list); longest first when applied. */
  private readonly identities = new Map<string, string>();
  private identityRe: RegExp | null = null;
  private fakeRe: RegExp | null = null;
  private readonly ids = new Map<string, string>();
  private readonly wordMap = new Map<string, string>();
  private readonly tokens = new Map<string, string>();
  private readonly hostMap = new Map<string, string>();
  private readonly usedHandles = new Set<string>();
  /** Fake handle by the real handle in lower case (handles are case-insensitive). */
  private readonly handlesByLower = new Map<string, string>();
  /** Template (identities → {I}, numbers → {N}) → how often it occurs on the page. */
  readonly templateCounts = new Map<string, number>();
  readonly kept = new Map<string, { count: number; why: string }>();

  constructor(opts: AnonymiseOptions) {
    this.site = opts.site;
    this.secret = opts.secret;
    this.allow = new Set([...opts.allow].map((s) => norm(s)).filter(Boolean));
    this.words = new Set([...opts.words].map((s) => s.toLowerCase().trim()).filter(Boolean));
    for (const d of opts.deny ?? []) if (d.trim()) this.addName(d.trim());
  }

  private rng(kind: string, value: string): Rng {
    return new Rng(`${this.secret}\u0000${kind}\u0000${value}`);
  }

  // ---- identities ---------------------------------------------------------------------------------------------

  addHandle(real: string): string {
    const r = real.replace(/^@/, '');
    if (!r || /^\d+$/.test(r)) return r;
    const existing = this.identities.get(r);
    if (existing) return existing;
    // Handles are case-insensitive (Instagram's /Name_x/ and /name_x/ are one account): one fake for both spellings.
    const sameHandle = this.handlesByLower.get(r.toLowerCase());
    if (sameHandle) {
      this.identities.set(r, sameHandle);
      this.identityRe = null;
      this.fakeRe = null;
      return sameHandle;
    }
    const rng = this.rng('handle', r.toLowerCase());
    let fake = '';
    for (let attempt = 0; attempt < 20 && (!fake || this.usedHandles.has(fake)); attempt++) {
      const a = rng.pick(NOUNS);
      const b = rng.pick(NOUNS);
      const sep = this.site === 'x' ? '_' : this.site === 'instagram' ? rng.pick(['.', '_', '']) : '.';
      fake = `${a}${sep}${b}${rng.int(90) + 10}`;
      if (this.site === 'x') fake = fake.slice(0, 15);
    }
    this.usedHandles.add(fake);
    this.handlesByLower.set(r.toLowerCase(), fake);
    this.identities.set(r, fake);
    this.identityRe = null;
    this.fakeRe = null;
    return fake;
  }

  addName(real: string): string {
    const r = real.trim();
    if (r.length < 2 || this.allow.has(norm(r))) return r;
    const existing = this.identities.get(r);
    if (existing) return existing;
    const rng = this.rng('name', r);
    const parts = r.split(/\s+/).length;
    const fake = parts <= 1 ? rng.pick(FIRST) : [rng.pick(FIRST), ...Array.from({ length: Math.min(parts - 1, 2) }, () => rng.pick(LAST))].join(' ');
    this.identities.set(r, fake);
    this.identityRe = null;
    this.fakeRe = null;
    return fake;
  }

  /** Replaces every known identity in `s` (whole-word, longest first). */
  substituteIdentities(s: string): string {
    if (this.identities.size === 0) return s;
    if (!this.identityRe) {
      const keys = [...this.identities.keys()].filter((k) => k.length >= 2).sort((a, b) => b.length - a.length);
      if (keys.length === 0) return s;
      this.identityRe = new RegExp(`(?<![\\p{L}\\p{N}_.])(?:${keys.map(escapeRe).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
    }
    return s.replace(this.identityRe, (m) => this.identities.get(m) ?? m);
  }

  // ---- ids and tokens ------------------------------------------------------------------------------------------

  /** A numeric id of the same length; snowflake-sized ids keep their time bits (>> 22). */
  mapId(digits: string): string {
    if (digits.length < 5) return digits;
    const hit = this.ids.get(digits);
    if (hit) return hit;
    const rng = this.rng('id', digits);
    let out: string;
    if (digits.length >= 16) {
      const n = BigInt(digits);
      const keep = (n >> 22n) << 22n;
      let low = 0n;
      for (let i = 0; i < 22; i++) low = (low << 1n) | BigInt(rng.int(2));
      let candidate = (keep | low).toString();
      if (candidate.length !== digits.length) candidate = digits.slice(0, 4) + randomDigits(rng, digits.length - 4);
      out = candidate;
    } else {
      const keep = digits.length >= 12 ? 3 : 1;
      out = digits.slice(0, keep) + randomDigits(rng, digits.length - keep);
    }
    if (out === digits) out = digits.slice(0, -1) + String((Number(digits.at(-1)) + 1) % 10);
    this.ids.set(digits, out);
    return out;
  }

  /** Every run of 5+ digits in `s` replaced by its mapped id (timestamps kept). */
  mapDigitRuns(s: string): string {
    return s.replace(/\d{5,}/g, (d) => (TIMESTAMP(d) && !this.ids.has(d) ? d : this.mapId(d)));
  }

  /** An opaque token (signature, pfbid, hash) → same length, same alphabet classes. */
  mapToken(t: string): string {
    if (t.length < 4) return t;
    const hit = this.tokens.get(t);
    if (hit) return hit;
    const rng = this.rng('token', t);
    let out = '';
    for (const ch of t) {
      if (/[a-z]/.test(ch)) out += String.fromCharCode(97 + rng.int(26));
      else if (/[A-Z]/.test(ch)) out += String.fromCharCode(65 + rng.int(26));
      else if (/[0-9]/.test(ch)) out += String(rng.int(10));
      else out += ch;
    }
    this.tokens.set(t, out);
    return out;
  }

  mapShortcode(code: string): string {
    const id = mediaIdOfShortcode(code);
    if (id === null || code.length > 11) return this.mapToken(code);
    const mapped = BigInt(this.mapId(id.toString()));
    const out = shortcodeOfMediaId(mapped);
    return out.length === code.length ? out : this.mapToken(code);
  }

  mapHost(host: string): string {
    if (SITE_HOSTS.test(host)) return host;
    const hit = this.hostMap.get(host);
    if (hit) return hit;
    const rng = this.rng('host', host);
    const out = `${rng.pick(NOUNS)}-${rng.pick(NOUNS)}.example`;
    this.hostMap.set(host, out);
    return out;
  }

  // ---- URLs ----------------------------------------------------------------------------------------------------

  /** First pass: learn handles from profile links. */
  learnFromUrl(raw: string, base: string): void {
    const u = safeUrl(raw, base);
    if (!u || !SITE_ROOT[this.site].test(u.hostname)) return;
    const segs = u.pathname.split('/').filter(Boolean).map(safeDecode);
    const first = segs[0];
    if (this.site === 'facebook' || this.site === 'messenger') {
      if (segs[0] === 'people' && segs[1]) this.addName(segs[1].replace(/-/g, ' '));
      if (segs[0] === 'groups' && segs[1] && !/^\d+$/.test(segs[1])) this.addHandle(segs[1]);
    }
    if (!first || RESERVED[this.site].has(first.toLowerCase()) || !HANDLE_RE[this.site].test(first)) return;
    if (this.site === 'facebook' && /^\d+$/.test(first)) return;
    this.addHandle(first);
  }

  mapUrl(raw: string, base: string): string {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return raw;
    if (/^data:/i.test(trimmed)) return placeholderData(trimmed);
    if (/^(javascript|blob|about|mailto|tel|sms):/i.test(trimmed)) return `${trimmed.split(':')[0]}:`;
    const u = safeUrl(trimmed, base);
    if (!u) return this.text(raw);
    const onSite = SITE_ROOT[this.site].test(u.hostname);
    u.hostname = this.mapHost(u.hostname);
    const segs = u.pathname.split('/');
    const routeBefore = (i: number): string => (segs[i - 1] ?? '').toLowerCase();
    for (let i = 0; i < segs.length; i++) {
      const seg = safeDecode(segs[i]!);
      if (!seg) continue;
      let out: string;
      if (this.identities.has(seg)) out = this.identities.get(seg)!;
      else if (/^\d{5,}$/.test(seg)) out = this.mapDigitRuns(seg);
      else if (this.site === 'instagram' && ['p', 'reel', 'reels', 'tv'].includes(routeBefore(i))) out = this.mapShortcode(seg);
      else if (/^pfbid[0-9A-Za-z]+$/.test(seg)) out = `pfbid${this.mapToken(seg.slice(5))}`;
      else if (onSite && i === 1 && HANDLE_RE[this.site].test(seg) && !RESERVED[this.site].has(seg.toLowerCase())) out = this.addHandle(seg);
      else if (onSite && ['tags', 'hashtag'].includes(routeBefore(i))) out = this.word(seg);
      else if (/[\d]{5,}/.test(seg) && /^[\p{L}\p{M}\d]+(?:-[\p{L}\p{M}\d]+)+$/u.test(seg)) out = this.slug(seg);
      else if (/[\d]{5,}/.test(seg)) out = this.mapDigitRuns(seg);
      // A slug made of a post's words (facebook.com/<page>/posts/<words-of-the-post>/…) or of a Page's name.
      else if (onSite && i >= 2 && /^[\p{L}\p{M}\d]+(?:-[\p{L}\p{M}\d]+){2,}$/u.test(seg)) out = this.slug(seg);
      // Invite and share codes on the other platforms the page links to (chat.whatsapp.com/<code>, t.me/…).
      else if (!onSite && i > 0 && /(^|\.)(whatsapp\.com|wa\.me|t\.me|threads\.net|fb\.me|instagr\.am)$/i.test(u.hostname)) out = this.mapToken(seg);
      else if (!onSite && i > 0 && !/^(v|t\d+|rsrc\.php|[a-z]{1,3}\d?|static|images?|media|profile_images|profile_banners|ext_tw_video_thumb|amplify_video_thumb|tweet_video_thumb|tweet_video|emoji|hashflags|semantic_core_img)$/i.test(seg) && !SITE_HOSTS.test(u.hostname)) out = this.mapToken(seg);
      else if (onSite && i >= 1 && /[A-Z].*[a-z]|[a-z].*[A-Z]/.test(seg) && /^[A-Za-z0-9_-]{8,}$/.test(seg) && !/^[A-Z]?[a-z]+([A-Z][a-z]+)*$/.test(seg)) out = this.mapToken(seg);
      // The site's own media hosts (pbs.twimg.com/media/<id>, profile_images/<n>/<id>_normal.jpg): a media id finds the
      // real photo, so it is replaced like any other token (its size suffix and extension kept).
      else if (!onSite && i > 0 && SITE_HOSTS.test(u.hostname) && isMediaToken(seg)) {
        const m = MEDIA_TOKEN.exec(seg)!;
        out = this.mapToken(m[1]!) + m[2]!;
      }
      else out = seg;
      segs[i] = encodeURI(out).replace(/\?/g, '%3F').replace(/#/g, '%23');
    }
    u.pathname = segs.join('/');
    const params = [...u.searchParams.entries()];
    if (params.length) {
      const q = new URLSearchParams();
      for (const [k, v] of params) q.append(k, this.mapParam(k, v, base));
      u.search = q.toString();
    }
    if (u.hash.length > 1) u.hash = `#${this.mapDigitRuns(safeDecode(u.hash.slice(1)))}`;
    const rel = !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(trimmed);
    if (rel) return u.pathname + u.search + u.hash;
    if (trimmed.startsWith('//')) return `//${u.host}${u.pathname}${u.search}${u.hash}`;
    return u.toString();
  }

  /** A hyphenated slug: each word invented, each id mapped, the hyphens kept. */
  slug(seg: string): string {
    return seg
      .split('-')
      .map((part) => (/^\d+$/.test(part) ? (part.length >= 5 ? this.mapDigitRuns(part) : part) : this.word(part)))
      .join('-');
  }

  private mapParam(key: string, v: string, base: string): string {
    if (/^(hl|lang|locale|l|ref|ref_src|src|s|t|type|tab|sk|igsh|utm_\w+|__tn__|__cft__\[\d+\]|comment_tracking|notif_t|view|format|name|stp|_nc_cat|_nc_ht|_nc_ohc|ccb|efg|_nc_zt|_nc_gid|dl|theme|f|ext|sort|filter|c|page|cursor|lat|lng|mibextid|rdid|sfnsn|paipv|eav|sigs)$/i.test(key)) {
      if (/^(_nc_ohc|_nc_gid|efg|ccb|__cft__\[\d+\]|__tn__|igsh|mibextid|rdid|sfnsn|paipv|eav|sigs|cursor|comment_tracking)$/i.test(key)) return this.mapToken(v);
      return this.mapDigitRuns(v);
    }
    if (/^(u|url|next|continue|redirect|target|href|original_url)$/i.test(key) && /^(https?:)?\/\//i.test(v)) return this.mapUrl(v, base);
    if (/^\d+$/.test(v)) return this.mapDigitRuns(v);
    const b64 = base64Ids(v);
    if (b64 !== null) return encodeBase64Like(this.mapDigitRuns(b64), v);
    if (/^(id|fbid|story_fbid|set|multi_permalinks|comment_id|reply_comment_id|profile_id|user_id|v|media_id|thread_id)$/i.test(key)) return this.mapDigitRuns(v.replace(/pfbid[0-9A-Za-z]+/g, (m) => `pfbid${this.mapToken(m.slice(5))}`));
    if (/^(q|query|text|body|title|caption|search|keyword)$/i.test(key)) return this.text(v);
    return this.mapToken(v);
  }

  // ---- text ----------------------------------------------------------------------------------------------------

  /** The text's template: identities → {I}, numbers → {N} (what is counted for "repeats on the page"). */
  template(s: string): string {
    let t = norm(s);
    if (this.identities.size) {
      this.substituteIdentities(t); // builds the regex
      if (this.identityRe) t = t.replace(this.identityRe, '{I}');
    }
    return t.replace(/\d+([.,:]\d+)*/g, '{N}');
  }

  countTemplate(s: string): void {
    if (!s.trim()) return;
    const t = this.template(s);
    this.templateCounts.set(t, (this.templateCounts.get(t) ?? 0) + 1);
  }

  private keep(s: string, why: string): void {
    const k = norm(this.substituteIdentities(s));
    if (!/\p{L}/u.test(k)) return;
    const e = this.kept.get(k);
    if (e) e.count++;
    else this.kept.set(k, { count: 1, why });
  }

  /** Free text from the page: keep interface text, replace everything a person wrote. */
  text(s: string): string {
    if (!s || !/[\p{L}\p{N}]/u.test(s)) return s;
    const n = norm(s);
    // Texts whose letters are all interface words (months, units) or that are plain numbers/times.
    const wordsOf = n.match(/\p{L}[\p{L}\p{M}'’.]*/gu) ?? [];
    const identitySubst = this.substituteIdentities(s);
    const t = this.template(s);
    const withoutIdentities = t.replace(/\{I\}|\{N\}/g, '').trim();
    if (this.allow.has(n) || this.allow.has(t)) {
      this.keep(s, 'allowlist');
      return this.mapDigitRuns(identitySubst);
    }
    if (wordsOf.length === 0) return this.mapDigitRuns(identitySubst).replace(/\+?\d[\d\s().-]{8,}\d/g, (m) => m.replace(/\d/g, (d) => String((Number(d) + 3) % 10)));
    if (!/\p{L}/u.test(withoutIdentities)) return this.mapDigitRuns(identitySubst); // nothing but identities and numbers
    if (wordsOf.every((w) => this.words.has(w.toLowerCase().replace(/[.’']+$/, '')))) {
      this.keep(s, 'interface words');
      return this.mapDigitRuns(identitySubst);
    }
    // Repeated short texts are interface ("Reply" under every comment; "Foto do perfil de {I}"); longer repeated
    // texts are kept only through the allowlist, since a pile-on repeats the same words too.
    const count = this.templateCounts.get(t) ?? 0;
    const ownWords = (withoutIdentities.match(/\p{L}[\p{L}\p{M}'’.]*/gu) ?? []).length;
    const templated = t !== norm(s);
    if (count >= 3 && ((ownWords <= 3 && n.length <= 32) || (templated && ownWords <= 5 && n.length <= 60))) {
      this.keep(s, `repeats ${count}x`);
      return this.mapDigitRuns(identitySubst);
    }
    // Person-written text: identities to their fakes, hashtags and other words invented.
    return this.scramble(identitySubst);
  }

  private scramble(s: string): string {
    // Invented identities already in the text stay whole; everything between them is invented.
    if (!this.fakeRe) {
      const fakes = [...new Set(this.identities.values())].sort((a, b) => b.length - a.length);
      this.fakeRe = fakes.length ? new RegExp(`(${fakes.map(escapeRe).join('|')})`, 'u') : null;
    }
    if (this.fakeRe) {
      const parts = s.split(this.fakeRe);
      if (parts.length > 1) return parts.map((p, i) => (i % 2 === 1 ? p : this.scrambleWords(p))).join('');
    }
    return this.scrambleWords(s);
  }

  private scrambleWords(s: string): string {
    const fakes = new Set(this.identities.values());
    return s
      .replace(/(https?:\/\/[^\s]+)/g, (m) => this.mapUrl(m, 'https://example.invalid/'))
      .replace(/[\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_'’.]*/gu, (w) => {
        const bare = w.replace(/[.]+$/, '');
        const trail = w.slice(bare.length);
        if (fakes.has(bare)) return w;
        if (/^\d+$/.test(bare)) return (bare.length >= 5 ? this.mapDigitRuns(bare) : bare) + trail;
        return this.word(bare) + trail;
      });
  }

  /** A word of the same length, script and capitalisation (consistent per real word). */
  word(w: string): string {
    const hit = this.wordMap.get(w);
    if (hit) return hit;
    const rng = this.rng('word', w.toLowerCase());
    let out = '';
    let syl = '';
    for (const ch of w) {
      const cp = ch.codePointAt(0)!;
      if (/[a-z]/.test(ch) || /[A-Z]/.test(ch) || /[À-ɏ]/.test(ch)) {
        if (!syl) syl = rng.pick(SYLL);
        const c = syl[0]!;
        syl = syl.slice(1);
        out += ch === ch.toUpperCase() && ch !== ch.toLowerCase() ? c.toUpperCase() : c;
      } else if (/\d/.test(ch)) out += String(rng.int(10));
      else if (cp >= 0xac00 && cp <= 0xd7a3) out += String.fromCodePoint(0xac00 + rng.int(0xd7a3 - 0xac00));
      else if (cp >= 0x0621 && cp <= 0x064a) out += String.fromCodePoint(0x0628 + rng.int(0x064a - 0x0628));
      else if (cp >= 0x4e00 && cp <= 0x9fff) out += String.fromCodePoint(0x4e00 + rng.int(0x5000));
      else if (cp >= 0x3040 && cp <= 0x30ff) out += String.fromCodePoint(0x3041 + rng.int(0x50));
      else if (cp >= 0x0400 && cp <= 0x04ff) out += String.fromCodePoint(0x0430 + rng.int(32));
      else if (cp >= 0x0590 && cp <= 0x05ff) out += String.fromCodePoint(0x05d0 + rng.int(27));
      else if (cp >= 0x0e00 && cp <= 0x0e7f) out += String.fromCodePoint(0x0e01 + rng.int(46));
      else if (cp >= 0x0900 && cp <= 0x097f) out += String.fromCodePoint(0x0915 + rng.int(36));
      else if (/\p{M}/u.test(ch) || ch === "'" || ch === '’' || ch === '.' || ch === '_') out += ch;
      else if (/\p{L}/u.test(ch)) out += String.fromCharCode(97 + rng.int(26));
      else out += ch;
    }
    this.wordMap.set(w, out);
    return out;
  }

  mapping(): Record<string, string> {
    return Object.fromEntries([...this.identities, ...this.ids, ...this.hostMap]);
  }

  // ---- JSON ----------------------------------------------------------------------------------------------------

  /** Walks JSON text token by token (big integers and formatting survive), learning identities (pass 1) or rewriting (pass 2). */
  json(src: string, mode: 'learn' | 'rewrite'): string {
    const re = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null|\s+|[\s\S]/gy;
    const out: string[] = [];
    const keyStack: (string | null)[] = [];
    let lastKey: string | null = null;
    let pendingKey: string | null = null;
    const objKeys: Set<string>[] = [];
    for (let m = re.exec(src); m; m = re.exec(src)) {
      const tok = m[0];
      if (tok === '{' || tok === '[') {
        keyStack.push(lastKey);
        objKeys.push(new Set());
        lastKey = tok === '[' ? lastKey : null;
        out.push(tok);
        continue;
      }
      if (tok === '}' || tok === ']') {
        lastKey = keyStack.pop() ?? null;
        objKeys.pop();
        out.push(tok);
        continue;
      }
      if (tok[0] === '"') {
        // Key or value? A key is followed by ':'.
        const rest = src.slice(re.lastIndex).match(/^\s*:/);
        let value: string;
        try {
          value = JSON.parse(tok) as string;
        } catch {
          out.push(tok);
          continue;
        }
        if (rest) {
          pendingKey = value;
          lastKey = value;
          objKeys.at(-1)?.add(value);
          out.push(mode === 'rewrite' && /^\d{5,}$/.test(value) ? `"${this.mapId(value)}"` : tok);
          continue;
        }
        const key = pendingKey ?? lastKey;
        pendingKey = null;
        if (mode === 'learn') {
          this.learnJsonValue(key, value);
          out.push(tok);
        } else {
          const mapped = this.jsonString(key, value);
          out.push(mapped === value ? tok : JSON.stringify(mapped).replace(/\//g, tok.includes('\\/') ? '\\/' : '/'));
        }
        continue;
      }
      if (/^-?\d/.test(tok)) {
        const key = pendingKey ?? lastKey;
        pendingKey = null;
        if (mode === 'learn' && key && ID_KEYS.test(key) && /^\d{5,}$/.test(tok)) this.ids.has(tok) || this.mapId(tok);
        const isId = /^\d{5,}$/.test(tok) && (key ? ID_KEYS.test(key) || (!TIME_KEY.test(key) && (!TIMESTAMP(tok) || this.ids.has(tok))) : !TIMESTAMP(tok) || this.ids.has(tok));
        out.push(mode === 'rewrite' && isId ? this.mapId(tok) : tok);
        continue;
      }
      if (tok === 'true' || tok === 'false' || tok === 'null') pendingKey = null;
      out.push(tok);
    }
    return out.join('');
  }

  private learnJsonValue(key: string | null, value: string): void {
    if (!key) return;
    if (HANDLE_KEYS.has(key) && HANDLE_RE[this.site === 'messenger' ? 'facebook' : this.site].test(value.replace(/^@/, ''))) this.addHandle(value);
    else if (NAME_KEYS.has(key) && value.trim().length >= 2) this.addName(value);
    else if (key === 'name' && value.trim().length >= 2 && /\s/.test(value.trim()) && value.length <= 60 && /^[\p{Lu}\p{Lo}]/u.test(value.trim())) this.addName(value);
    else if (ID_KEYS.test(key) && /^\d{5,}$/.test(value)) this.mapId(value);
  }

  private jsonString(key: string | null, value: string): string {
    if (!value) return value;
    if (/^\d+$/.test(value)) {
      if (value.length < 5 || (key && TIME_KEY.test(key) && !ID_KEYS.test(key))) return value;
      return key && ID_KEYS.test(key) ? this.mapId(value) : this.mapDigitRuns(value);
    }
    if (/^(https?:)?\/\//i.test(value) || (value.startsWith('/') && !value.includes(' ') && value.length > 1)) return this.mapUrl(value, 'https://www.example.invalid/');
    if (/^data:/i.test(value)) return placeholderData(value);
    if (this.identities.has(value)) return this.identities.get(value)!;
    // An Instagram post's shortcode ("code":"DRQcDGdF956") leads to the real post: mapped like the same code in a URL.
    if (this.site === 'instagram' && key && /^(code|shortcode|container_id)$/.test(key) && /^[A-Za-z0-9_-]{10,}$/.test(value) && !/^\d+$/.test(value)) return this.mapShortcode(value);
    if (key && (HANDLE_KEYS.has(key) || NAME_KEYS.has(key))) return this.substituteIdentities(value) === value ? this.scramble(value) : this.substituteIdentities(value);
    if (key && TIME_KEY.test(key) && /^\d{4}-\d\d-\d\d/.test(value)) return value;
    if (key && PERSONAL_TEXT_KEYS.has(key)) return this.text(value);
    if (CODE_VALUE.test(value) && !/\d{5,}/.test(value)) {
      // Enum-like code names stay; base64-looking tokens do not.
      if (value.length >= 16 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value)) return this.mapToken(value);
      return value;
    }
    if (/^[A-Za-z0-9+/=_-]{16,}$/.test(value)) return this.mapToken(value);
    if (/\s/.test(value)) return this.text(value);
    return this.mapDigitRuns(value.replace(/pfbid[0-9A-Za-z]+/g, (m) => `pfbid${this.mapToken(m.slice(5))}`));
  }
}

// ---------------------------------------------------------------------------------------------------------------

const URL_ATTRS = new Set(['href', 'src', 'poster', 'action', 'data-src', 'data-href', 'xlink:href', 'cite', 'formaction', 'background', 'data-video-url', 'data-url', 'longdesc']);
const TEXT_ATTRS = new Set(['alt', 'aria-label', 'title', 'placeholder', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'label', 'value', 'aria-placeholder', 'data-tooltip-content', 'data-text']);
const KEEP_ATTRS = /^(class|id|data-testid|role|dir|lang|tabindex|type|width|height|viewbox|d|fill|stroke|stroke-width|stroke-linecap|stroke-linejoin|fill-rule|clip-rule|points|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|transform|preserveaspectratio|xmlns|xmlns:xlink|version|focusable|datetime|aria-hidden|aria-expanded|aria-haspopup|aria-pressed|aria-checked|aria-selected|aria-disabled|aria-current|aria-live|aria-busy|aria-level|aria-posinset|aria-setsize|aria-modal|aria-multiline|aria-orientation|aria-atomic|aria-relevant|aria-invalid|aria-required|aria-readonly|aria-autocomplete|aria-sort|aria-colcount|aria-rowcount|aria-colindex|aria-rowindex|draggable|hidden|disabled|checked|selected|multiple|autocomplete|autocapitalize|autocorrect|spellcheck|contenteditable|crossorigin|decoding|loading|referrerpolicy|rel|target|media|sizes|charset|name|http-equiv|property|itemprop|itemscope|itemtype|colspan|rowspan|scope|for|method|enctype|accept|maxlength|minlength|min|max|step|pattern|readonly|required|playsinline|muted|autoplay|loop|controls|preload|nonce|integrity|as|hreflang|data-visualcompletion|data-pagelet|data-nosnippet|data-focus-visible-added|data-js-focus-visible|data-processed|data-sjs|data-content-len|data-bloks-name|data-btmanifest|data-default-icon|data-manifest-rev|data-manifest-type|data-ad-preview|data-ad-comet-preview|data-ad-rendering-role|data-imgperflogname|data-virtualized|data-thumb|data-instancekey|data-scope|aria-errormessage|stop-color|offset|gradientunits|gradienttransform|mask|clip-path|filter|opacity|fill-opacity|stroke-opacity|font-size|text-anchor|dominant-baseline)$/i;

export function anonymisePage(html: string, opts: AnonymiseOptions): AnonymiseResult {
  const a = new Anonymiser(opts);
  const win = new Window({
    url: 'https://anonymise.invalid/',
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, disableComputedStyleRendering: true },
  });
  const doc = win.document;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? '<!DOCTYPE html>';
  // Empty <template> elements inside <svg> make happy-dom's parser throw; they hold nothing, so they go first.
  doc.write(html.replace(/<template(\s[^>]*)?>\s*<\/template>/gi, ''));
  const base = opts.url;
  const root = doc.documentElement;

  // Inert: drop script code, styles' text, comments, event handlers.
  for (const s of [...root.querySelectorAll('script')]) {
    const type = (s.getAttribute('type') ?? '').toLowerCase();
    if (!/json/.test(type)) s.remove();
  }
  for (const s of [...root.querySelectorAll('style')]) s.textContent = '';
  for (const el of [...root.querySelectorAll('link[rel~="stylesheet"], link[rel="preload"], link[rel="modulepreload"], link[rel="prefetch"], link[rel="dns-prefetch"], link[rel="preconnect"]')]) el.remove();
  const walker = doc.createTreeWalker(root, 0x80 /* SHOW_COMMENT */);
  const comments: Node[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) comments.push(n as unknown as Node);
  for (const c of comments) (c as unknown as ChildNode).remove();

  const all = [...root.querySelectorAll('*')];
  const jsonScripts = all.filter((el) => el.tagName === 'SCRIPT');

  // Pass 1: learn identities from links and JSON, and the link texts of profile links (display names).
  for (const el of all) {
    for (const attr of ['href', 'src']) {
      const v = el.getAttribute(attr);
      if (v && attr === 'href') a.learnFromUrl(v, base);
    }
  }
  for (const s of jsonScripts) a.json(s.textContent ?? '', 'learn');
  learnFromInlineJson(a, html);
  // Display names: the text of a link to a profile (handle learned above) that is not the handle itself.
  for (const el of all) {
    if (el.tagName !== 'A') continue;
    const href = el.getAttribute('href');
    if (!href) continue;
    const u = safeUrl(href, base);
    if (!u || !SITE_ROOT[a.site].test(u.hostname)) continue;
    const segs = u.pathname.split('/').filter(Boolean);
    const isProfile = (segs.length === 1 && !RESERVED[a.site].has(segs[0]!.toLowerCase())) || (segs[0] === 'profile.php') || (segs[0] === 'people');
    if (!isProfile) continue;
    const txt = norm(el.textContent ?? '');
    if (txt && txt.length <= 60 && !txt.startsWith('@') && !/^\d/.test(txt) && txt.split(' ').length <= 5 && txt !== segs[0]) a.addName(txt);
  }

  // Pass 2: count templates of every text and text attribute (what repeats is interface).
  const textNodes: Text[] = [];
  const tw = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  for (let n = tw.nextNode(); n; n = tw.nextNode()) {
    const p = (n as unknown as Text).parentElement;
    if (p && (p.tagName === 'SCRIPT' || p.tagName === 'STYLE')) continue;
    textNodes.push(n as unknown as Text);
  }
  for (const t of textNodes) a.countTemplate(t.data);
  for (const el of all) for (const name of TEXT_ATTRS) {
    const v = el.getAttribute(name);
    if (v) a.countTemplate(v);
  }

  // Pass 3: rewrite.
  for (const t of textNodes) t.data = a.text(t.data);
  for (const el of all) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const v = attr.value ?? '';
      if (name.startsWith('on')) {
        el.removeAttribute(attr.name);
        continue;
      }
      let out = v;
      if (URL_ATTRS.has(name)) out = a.mapUrl(v, base);
      else if (name === 'srcset') out = v.split(',').map((part) => {
        const [u, ...rest] = part.trim().split(/\s+/);
        return [u ? a.mapUrl(u, base) : '', ...rest].join(' ');
      }).join(', ');
      else if (name === 'style') out = v.replace(/url\((['"]?)(.*?)\1\)/g, (_m, q: string, u: string) => `url(${q}${a.mapUrl(u, base)}${q})`);
      // (A short word-like value is kept as an interface value unless it names someone: <meta property="og:title" content="First Last">.)
      else if (name === 'content') out = /^(https?:)?\/\//i.test(v) || v.startsWith('/') ? a.mapUrl(v, base) : /^[\w\s.,;=:-]*$/.test(v) && !/\s\S+\s/.test(v) ? a.mapDigitRuns(a.substituteIdentities(v)) : a.text(v);
      else if (TEXT_ATTRS.has(name)) out = a.text(v);
      // A data-testid can end in a handle (X: "UserAvatar-Container-<handle>"): the handle is mapped like everywhere else.
      else if (name === 'data-testid') out = a.mapDigitRuns(v.replace(/-([^-]+)$/, (_m, tail: string) => `-${a.substituteIdentities(tail)}`));
      else if (KEEP_ATTRS.test(name)) out = name === 'id' || name.startsWith('data-') ? a.mapDigitRuns(v) : v;
      else out = a.mapDigitRuns(/^(https?:)?\/\//.test(v) ? a.mapUrl(v, base) : v);
      if (out !== v) el.setAttribute(attr.name, out);
    }
  }
  for (const s of jsonScripts) s.textContent = a.json(s.textContent ?? '', 'rewrite');
  const title = doc.querySelector('title');
  if (title) title.textContent = a.text(title.textContent ?? '');

  const out = `${doctype}\n${root.outerHTML}\n`;
  const url = a.mapUrl(opts.url, opts.url);
  const review = [...a.kept.entries()].map(([text, v]) => ({ text, count: v.count, why: v.why })).sort((x, y) => y.count - x.count || x.text.localeCompare(y.text));
  void win.happyDOM.close();
  return { html: out, url, review, mapping: a.mapping() };
}

/** Raw pages sometimes carry user objects in JSON embedded in attributes or non-JSON scripts: learn names from them too. */
function learnFromInlineJson(a: Anonymiser, html: string): void {
  const re = /\\?"(username|screen_name|full_name|owner_username|name)\\?"\s*:\s*\\?"((?:[^"\\]|\\.){1,80}?)\\?"/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const key = m[1]!;
    let v = m[2]!;
    try {
      v = JSON.parse(`"${v.replace(/\\"/g, '"').replace(/"/g, '\\"')}"`) as string;
    } catch {
      continue;
    }
    if (key === 'username' || key === 'screen_name' || key === 'owner_username') {
      if (HANDLE_RE[a.site === 'messenger' ? 'facebook' : a.site].test(v)) a.addHandle(v);
    } else if (key === 'full_name' && v.trim().length >= 2) a.addName(v);
  }
}

// ---------------------------------------------------------------------------------------------------------------

const SHORT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function mediaIdOfShortcode(code: string): bigint | null {
  if (!code || code.length > 11) return null;
  let id = 0n;
  for (const ch of code) {
    const d = SHORT_ALPHABET.indexOf(ch);
    if (d < 0) return null;
    id = id * 64n + BigInt(d);
  }
  return id > 0n ? id : null;
}
function shortcodeOfMediaId(id: bigint): string {
  let out = '';
  for (let n = id; n > 0n; n /= 64n) out = SHORT_ALPHABET[Number(n % 64n)] + out;
  return out;
}

/**
 * A URL value in base64 whose text carries ids (Facebook's comment_id=Y29tbWVudDo…, "comment:<post>_<comment>"): the
 * decoded text when it is printable and holds a run of 5+ digits, else null.
 */
function base64Ids(v: string): string | null {
  if (v.length < 12 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return null;
  let text: string;
  try {
    text = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  } catch {
    return null;
  }
  return /^[\x20-\x7e]+$/.test(text) && /\d{5,}/.test(text) ? text : null;
}

function encodeBase64Like(text: string, like: string): string {
  let out = Buffer.from(text, 'latin1').toString('base64');
  if (/[-_]/.test(like)) out = out.replace(/\+/g, '-').replace(/\//g, '_');
  if (!like.endsWith('=')) out = out.replace(/=+$/, '');
  return out;
}

function randomDigits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeUrl(raw: string, base: string): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const GIF_1PX = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
/** A data: URL's replacement: a 1-pixel image of the same kind (SVG icons are interface, kept). */
function placeholderData(v: string): string {
  if (/^data:image\/svg\+xml/i.test(v)) return v;
  if (/^data:image\/gif/i.test(v)) return GIF_1PX;
  if (/^data:image\//i.test(v)) return PNG_1PX;
  return 'data:,';
}
