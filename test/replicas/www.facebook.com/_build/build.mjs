// Generates the Facebook and Messenger replica pages (test/replicas/www.facebook.com/*.html,
// test/replicas/www.messenger.com/*.html), their routes.json, and the CDN images they show
// (test/replicas/scontent.xx.fbcdn.net/v/...). Run: node test/replicas/www.facebook.com/_build/build.mjs
//
// The markup follows what Facebook's "comet" web DOM is known to look like (see /work/shared/notes/sites.md):
// stable hooks are roles (feed, article, main, navigation, grid/row), aria-posinset, aria-labels (translated
// per locale), data-ad-rendering-role / data-ad-preview, data-pagelet, data-message-id, href shapes
// (/posts/pfbid…, permalink.php?story_fbid=…&id=…, ?comment_id=…&reply_comment_id=…) and inline JSON.
// The x1…-style class names are decoration only. Truth files (*.truth.json) are written by hand.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FB_DIR = join(HERE, '..');
const MS_DIR = join(FB_DIR, '..', 'www.messenger.com');
const CDN_DIR = join(FB_DIR, '..', 'scontent.xx.fbcdn.net');
const CDN = 'https://scontent.xx.fbcdn.net';
const FB = 'https://www.facebook.com';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---------------------------------------------------------------- decoration class names (meaningless, like FB's)
let seed = 1234567;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const POOL = Array.from({ length: 90 }, () => `x${Array.from({ length: 6 + Math.floor(rnd() * 3) }, () => ALNUM[Math.floor(rnd() * ALNUM.length)]).join('')}`);
const C = (n = 4) => Array.from({ length: n }, () => POOL[Math.floor(rnd() * POOL.length)]).join(' ');
const cft = () => `__cft__[0]=AZ${Array.from({ length: 22 }, () => ALNUM[Math.floor(rnd() * ALNUM.length)]).join('')}&amp;__tn__=%2CO%2CP-R`;
const cftC = () => `__cft__[0]=AZ${Array.from({ length: 22 }, () => ALNUM[Math.floor(rnd() * ALNUM.length)]).join('')}&amp;__tn__=R]-R`;

// ---------------------------------------------------------------- CDN images
const images = new Map();
function cdn(pathname, w, h, paint) {
  images.set(pathname, { w, h, paint });
  const oh = Array.from({ length: 10 }, () => ALNUM[Math.floor(rnd() * ALNUM.length)]).join('');
  return `${CDN}${pathname}?stp=dst-png_p${w}x${h}&amp;_nc_cat=10${Math.floor(rnd() * 9)}&amp;ccb=1-7&amp;_nc_sid=5f2048&amp;_nc_ht=scontent.xx.fbcdn.net&amp;oh=00_AY${oh}&amp;oe=6A1F2B3C`;
}
const avatar = (bg, fg) => (x, y, w, h) => {
  const dx = x - (w - 1) / 2;
  const dy = y - (h - 1) / 2;
  if (Math.sqrt(dx * dx + dy * dy) < w * 0.22 && dy < 0) return fg;
  if (dy > h * 0.12 && Math.abs(dx) < w * 0.36) return fg;
  return bg;
};
const carPhoto = (x, y, w, h) => {
  if (y < h * 0.45) return [170, 200, 230];
  if (y > h * 0.78) return [60, 60, 66];
  if (y > h * 0.5 && y < h * 0.75 && x > w * 0.2 && x < w * 0.8) return [150, 20, 30];
  return [110, 140, 100];
};
const liarPhoto = (x, y, w, h) => ((Math.floor(x / 6) + Math.floor(y / 6)) % 2 && y > h * 0.3 && y < h * 0.7 ? [230, 30, 30] : [20, 20, 20]);
const streetPhoto = (x, y, w, h) => {
  if (y < h * 0.4) return [140 + (y % 30), 180, 225];
  if (y > h * 0.82) return [75, 75, 80];
  return [[181, 101, 74], [214, 184, 120], [120, 140, 160]][Math.floor(x / (w / 3)) % 3];
};
const adPhoto = (x, y, w, h) => (Math.hypot(x - w / 2, y - h / 2) < h * 0.3 ? [250, 250, 250] : [40, 150, 220]);
const coverPhoto = (x, y, w, h) => [30 + Math.floor((x / w) * 60), 60 + Math.floor((y / h) * 80), 90];
const stickerPic = (x, y, w, h) => (Math.hypot(x - w / 2, y - h / 2) < w * 0.45 ? [255, 200, 40] : [255, 255, 255]);

const PICS = {
  viewer: cdn('/v/t39.30808-1/441234567_1209345678901234_8765_n.png', 40, 40, avatar([95, 160, 140], [240, 230, 210])),
  ryan: cdn('/v/t39.30808-1/431188204_1093347721880214_4411_n.png', 40, 40, avatar([40, 40, 40], [200, 80, 60])),
  kyle: cdn('/v/t39.30808-1/438899001_2200113344556677_2211_n.png', 40, 40, avatar([70, 120, 200], [250, 220, 190])),
  priya: cdn('/v/t39.30808-1/436655443_3322110099887766_5566_n.png', 40, 40, avatar([200, 90, 150], [60, 30, 40])),
  tom: cdn('/v/t39.30808-1/433322110_4455667788990011_7788_n.png', 40, 40, avatar([220, 180, 60], [80, 50, 30])),
  page: cdn('/v/t39.30808-1/429988776_5566778899001122_9900_n.png', 40, 40, avatar([15, 15, 40], [240, 200, 60])),
  sponsor: cdn('/v/t39.30808-1/427766554_6677889900112233_1122_n.png', 40, 40, avatar([40, 150, 220], [255, 255, 255])),
  javi: cdn('/v/t39.30808-1/435544332_7788990011223344_3344_n.png', 40, 40, avatar([90, 150, 90], [230, 200, 170])),
  lucia: cdn('/v/t39.30808-1/434433221_8899001122334455_4455_n.png', 40, 40, avatar([160, 120, 220], [250, 240, 230])),
};
const PHOTOS = {
  hoa: cdn('/v/t39.30808-6/468812345_1029384756102938_1234567890123456789_n.png', 96, 64, streetPhoto),
  ad: cdn('/v/t39.30808-6/467700112_1122334455667788_2233445566778899001_n.png', 96, 64, adPhoto),
  liar: cdn('/v/t39.30808-6/469900223_1098765432109876_3344556677889900112_n.png', 96, 64, liarPhoto),
  car: cdn('/v/t39.30808-6/470011334_1360005555555555_4455667788990011223_n.png', 96, 64, carPhoto),
  ryanCover: cdn('/v/t39.30808-6/401122334_1011121314151617_5566778899001122334_n.png', 128, 48, coverPhoto),
  ryanBig: cdn('/v/t39.30808-1/431188204_1093347721880214_4412_n.png', 96, 96, avatar([40, 40, 40], [200, 80, 60])),
  kyleBig: cdn('/v/t39.30808-1/438899001_2200113344556677_2212_n.png', 96, 96, avatar([70, 120, 200], [250, 220, 190])),
  dmCar: cdn('/v/t1.15752-9/471122445_1234512345123451_6677889900112233445_n.png', 96, 64, carPhoto),
  sticker: cdn('/v/t39.1997-6/39178562_1505197616293642_5411344281094848512_n.png', 48, 48, stickerPic),
};

// Emoji are images with the character as alt text (Facebook draws them from static.xx.fbcdn.net; here data: URIs).
const EMOJI_SRC = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2216%22 height=%2216%22%3E%3Ccircle cx=%228%22 cy=%228%22 r=%227%22 fill=%22%23fc3%22/%3E%3C/svg%3E';
const emo = (ch) => `<span class="${C(3)}"><img height="16" width="16" class="${C(2)}" referrerpolicy="origin-when-cross-origin" alt="${ch}" src="${EMOJI_SRC}"></span>`;

// ---------------------------------------------------------------- people
const P = {
  viewer: { name: 'Dana Reyes', vanity: 'holdfast.viewer', id: '100090000000001', pic: PICS.viewer },
  ryan: { name: 'Ryan Vance', vanity: 'ryan.vance.9', id: '100004567890123', pic: PICS.ryan },
  kyle: { name: 'Kyle Ortiz', id: '100081234567890', pic: PICS.kyle },
  priya: { name: 'Priya Shah', vanity: 'priya.shah.77', id: '100003216549870', pic: PICS.priya },
  tom: { name: 'Tom Becker', vanity: 'tbecker', id: '100001112223334', pic: PICS.tom },
  page: { name: 'Northside Gossip', vanity: 'northsidegossip', id: '108765432101234', pic: PICS.page, type: 'Page' },
  sponsor: { name: 'BrightSmile Dental', vanity: 'brightsmiledental', id: '101122334455667', pic: PICS.sponsor, type: 'Page' },
  javi: { name: 'Javier Molina', vanity: 'javi.molina.5', id: '100005551234567', pic: PICS.javi },
  lucia: { name: 'Lucía Ferrer', vanity: 'lucia.ferrer.12', id: '100006662345678', pic: PICS.lucia },
};
const GROUP = { name: 'Maple Street Neighbours', id: '1234567890123456' };
const profileHref = (p) => (p.vanity ? `${FB}/${p.vanity}` : `${FB}/profile.php?id=${p.id}`);
const withQuery = (href, q) => `${href}${href.includes('?') ? '&amp;' : '?'}${q}`;

export const IDS = {
  feedRyan: 'pfbid0bJYzfXsv5zDCz4P25gvoj4cVCt4o92ijspqk3L9fPJnKsZCTaRJqbMl',
  feedPage: 'pfbid0ibQaE6bXTJT5mC7rccwFUPdgECc1HnmSNWFHqHb4sgTBpHDTmN1R7zl',
  feedRyanLong: 'pfbid0HabuiyFEVPnWwnWvPatTLkusBFL38fpEZHBbevuFg7pLKh7qMGcUZwl',
  feedKyle: 'pfbid0Ty5aeAcma3tUSpkAuK6D4mma1QpSBDAbaKf8r7z9F6hSg2417V4zK9l',
  userPost: 'pfbid0DKUWyibAHokV6jk47KDGdZrYrW8eWXmzcgtKvVsxwsY3h5c3x1rq3Sl',
  esPost: 'pfbid07W3LDRnnvNpYW8aX6G1AKJXzXauwwZk69Uwe2CknjnQ3DfhScEH1swl',
  loggedOut: 'pfbid06PLmt7D7gKWyFgzxegaqeYnW7Hzszf9fGzdCxXBk33Mgo8acYAVN9fl',
  unavailable: 'pfbid0J97qWrswCxCTJb66SAxfg4bTC8e4crfZ8E6712Z7T3u9L7zk1SqBCvl',
  groupPost: '1357924680135792',
  storyFbid: '122112233445566',
  fbThread: '6543210987654321',
  msThread: '7766554433221100',
  msThreadEs: '24681357924680',
};

// ---------------------------------------------------------------- UI words per locale
const UI = {
  en: {
    lang: 'en', yourProfile: 'Your profile', home: 'Home', friends: 'Friends', groups: 'Groups', marketplace: 'Marketplace',
    like: 'Like', reply: 'Reply', comment: 'Comment', share: 'Share', seeMore: 'See more', writeComment: 'Write a comment…',
    actions: 'Actions for this post', mostRelevant: 'Most relevant', public: 'Shared with Public', reacted: 'See who reacted to this',
    commentBy: (n, t) => `Comment by ${n} ${t}`, replyBy: (n, to, t) => `Reply by ${n} to ${to}'s comment ${t}`,
    comments: (n) => `${n} comment${n === 1 ? '' : 's'}`, shares: (n) => `${n} share${n === 1 ? '' : 's'}`, search: 'Search Facebook', menu: 'Menu',
    notifications: 'Notifications', messenger: 'Messenger', shortcuts: 'Shortcuts', contacts: 'Contacts',
  },
  es: {
    lang: 'es', yourProfile: 'Tu perfil', home: 'Inicio', friends: 'Amigos', groups: 'Grupos', marketplace: 'Marketplace',
    like: 'Me gusta', reply: 'Responder', comment: 'Comentar', share: 'Compartir', seeMore: 'Ver más', writeComment: 'Escribe un comentario…',
    actions: 'Acciones para esta publicación', mostRelevant: 'Más relevantes', public: 'Compartido con: Público', reacted: 'Ver quién reaccionó a esto',
    commentBy: (n, t) => `Comentario de ${n} ${t}`, replyBy: (n, to, t) => `Respuesta de ${n} al comentario de ${to} ${t}`,
    comments: (n) => `${n} comentarios`, shares: (n) => `${n} veces compartido`, search: 'Buscar en Facebook', menu: 'Menú',
    notifications: 'Notificaciones', messenger: 'Messenger', shortcuts: 'Accesos directos', contacts: 'Contactos',
  },
};

// ---------------------------------------------------------------- page shell
function currentUserJson(viewer) {
  const data = viewer
    ? { ACCOUNT_ID: viewer.id, USER_ID: viewer.id, NAME: viewer.name, SHORT_NAME: viewer.name.split(' ')[0], IS_BUSINESS_PERSON_ACCOUNT: false, HAS_SECONDARY_BUSINESS_PERSON: false, IS_FACEBOOK_WORK_ACCOUNT: false, IS_MESSENGER_ONLY_USER: false, APP_ID: '2220391788200892' }
    : { ACCOUNT_ID: '0', USER_ID: '0', NAME: '', SHORT_NAME: null, IS_BUSINESS_PERSON_ACCOUNT: false, APP_ID: '2220391788200892' };
  return { require: [['ScheduledServerJS', 'handle', null, [{ __bbox: { define: [['CurrentUserInitialData', [], data, 270], ['LSD', [], { token: 'AVq3x9Zk4Pw' }, 323]] } }]]] };
}
const jsonScript = (obj) => {
  const text = JSON.stringify(obj).replace(/\//g, '\\/').replace(/</g, '\\u003C');
  return `<script type="application/json" data-content-len="${text.length}" data-sjs>${text}</script>`;
};

function shell({ ui, title, viewer, json = [], body, htmlClass = '' }) {
  return `<!DOCTYPE html>
<html id="facebook" class="__fb-light-mode ${htmlClass}${C(2)}" lang="${ui.lang}" dir="ltr"><head><meta charset="utf-8"><meta name="referrer" content="origin-when-crossorigin" id="meta_referrer"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${esc(title)}</title>
<style>body{margin:0;font:15px/1.35 system-ui,sans-serif;background:#f0f2f5;color:#050505}a{color:#385898;text-decoration:none}[role=banner]{display:flex;gap:12px;align-items:center;background:#fff;padding:8px 16px;border-bottom:1px solid #ddd}.hf-cols{display:flex;gap:16px;padding:16px}[role=navigation]{width:220px;flex:none}[role=main]{flex:1;max-width:680px}[role=complementary]{width:220px;flex:none}[role=article]{background:#fff;border-radius:8px;padding:12px;margin:0 0 12px;position:relative}[role=article] [role=article]{background:#f0f2f5;margin:6px 0 6px 36px;padding:8px}svg[role=img]{vertical-align:middle}img{max-width:100%}ul{list-style:none;padding:0;margin:4px 0;display:flex;gap:10px;font-size:12px}</style>
${json.map(jsonScript).join('\n')}
${jsonScript(currentUserJson(viewer))}
</head><body class="${C(3)}"><div id="mount_0_0_Qx" class="${C(2)}"><div class="${C(3)}">${body}</div></div></body></html>
`;
}

const svgAvatar = (p, size = 40) =>
  `<svg aria-label="${esc(p.name)}" class="${C(2)}" role="img" style="height:${size}px;width:${size}px"><mask id="m${Math.floor(rnd() * 1e6)}"><circle cx="${size / 2}" cy="${size / 2}" fill="white" r="${size / 2}"></circle></mask><g><image x="0" y="0" height="100%" preserveAspectRatio="xMidYMid slice" width="100%" xlink:href="${p.pic}" style="height:${size}px;width:${size}px"></image></g></svg>`;

function banner(ui, viewer) {
  return `<div role="banner" class="${C(4)}"><a aria-label="Facebook" class="${C(3)}" href="/" role="link"><svg viewBox="0 0 36 36" class="${C(2)}" height="40" width="40"><circle cx="18" cy="18" r="17" fill="#0866ff"></circle></svg></a>
<label class="${C(3)}"><input aria-label="${ui.search}" class="${C(4)}" dir="ltr" placeholder="${ui.search}" type="search" role="combobox" aria-expanded="false" value=""></label>
<div role="navigation" aria-label="Facebook" class="${C(2)}"><ul><li><a aria-label="${ui.home}" href="/" role="link" aria-current="page">${ui.home}</a></li><li><a aria-label="${ui.friends}" href="/friends/" role="link">${ui.friends}</a></li><li><a aria-label="${ui.groups}" href="/groups/feed/" role="link">${ui.groups}</a></li><li><a aria-label="${ui.marketplace}" href="/marketplace/?ref=app_tab" role="link">${ui.marketplace}</a></li></ul></div>
<div aria-label="${ui.menu}" role="button" tabindex="0" class="${C(3)}">☰</div><div aria-label="${ui.messenger}" role="button" tabindex="0" class="${C(3)}">✉</div><div aria-label="${ui.notifications}" role="button" tabindex="0" class="${C(3)}">🔔</div>
<a aria-label="${ui.yourProfile}" class="${C(3)}" href="/${viewer.vanity}" role="link" tabindex="0">${svgAvatar(viewer, 28)}</a></div>`;
}

function leftNav(ui, viewer) {
  return `<div role="navigation" aria-label="${ui.shortcuts}" class="${C(3)}"><ul style="display:block"><li><a class="${C(4)}" href="${FB}/${viewer.vanity}" role="link" tabindex="0">${svgAvatar(viewer, 28)}<span class="${C(2)}"><span dir="auto">${esc(viewer.name)}</span></span></a></li>
<li><a class="${C(4)}" href="${FB}/friends/" role="link"><span dir="auto">${ui.friends}</span></a></li><li><a class="${C(4)}" href="${FB}/groups/feed/" role="link"><span dir="auto">${ui.groups}</span></a></li></ul></div>`;
}

function contacts(ui) {
  return `<div role="complementary" class="${C(3)}"><h2 class="${C(2)}"><span dir="auto">${ui.contacts}</span></h2><ul style="display:block"><li><a href="/messages/t/5550001112223334/" role="link" class="${C(3)}">${svgAvatar(P.priya, 28)}<span dir="auto">${esc(P.priya.name)}</span></a></li><li><a href="/messages/t/5550002223334445/" role="link" class="${C(3)}">${svgAvatar(P.tom, 28)}<span dir="auto">${esc(P.tom.name)}</span></a></li></ul></div>`;
}

// ---------------------------------------------------------------- posts and comments
/**
 * A post card. opts: author (person/page), authorHref (override), timeLabel (aria-label), timeText (visible),
 * permalink (href without tracking), paragraphs (HTML strings), photo {src, alt, href}, sponsored, posinset,
 * seeMore, comments (HTML), counts, headingTag.
 */
function post(ui, o) {
  const authorHref = o.authorHref ?? profileHref(o.author);
  const hId = `:r${Math.floor(rnd() * 900 + 100)}:`;
  const tId = `:r${Math.floor(rnd() * 900 + 100)}:`;
  const posAttr = o.posinset ? ` aria-posinset="${o.posinset}" aria-setsize="-1"` : '';
  const h = o.headingTag ?? 'h3';
  const timeOrAd = o.sponsored
    ? `<span class="${C(2)}"><a aria-label="${o.sponsored}" class="${C(3)}" href="/ads/about/?entry_product=ad_preferences&amp;${cft()}" role="link" tabindex="0"><span class="${C(2)}">${o.sponsored}</span></a></span>`
    : `<span class="${C(2)}"><a aria-label="${esc(o.timeLabel)}" class="${C(3)}" href="${withQuery(o.permalink, cft())}" role="link" tabindex="0"><span class="${C(2)}">${o.time ?? ''}${esc(o.timeText)}</span></a></span>`;
  const paragraphs = o.paragraphs.map((p) => `<div dir="auto" style="text-align: start;">${p}</div>`).join('');
  const seeMore = o.seeMore ? `<div class="${C(2)}" role="button" tabindex="0">${o.seeMore}</div>` : '';
  const photo = o.photo
    ? `<div class="${C(3)}"><a class="${C(3)}" href="${o.photo.href}" role="link" tabindex="0"><div class="${C(2)}"><img alt="${esc(o.photo.alt)}" class="${C(3)}" data-visualcompletion="media-vc-image" referrerpolicy="origin-when-cross-origin" src="${o.photo.src}"></div></a></div>`
    : '';
  const counts = o.counts ?? { reactions: 3, comments: 0, shares: 0 };
  return `<div class="${C(2)}"><div${posAttr} aria-labelledby="${hId}" aria-describedby="${tId}" class="${C(4)}" role="article">
<div class="${C(3)}"><div class="${C(2)}"><a aria-hidden="true" class="${C(3)}" href="${withQuery(authorHref, cft())}" role="link" tabindex="-1">${svgAvatar(o.author)}</a></div>
<div class="${C(3)}"><div data-ad-rendering-role="profile_name" class="${C(2)}"><${h} id="${hId}" class="${C(3)}"><span class="${C(2)}"><a class="${C(4)}" href="${withQuery(authorHref, cft())}" role="link" tabindex="0"><strong><span>${esc(o.author.name)}</span></strong></a>${o.headerExtra ?? ''}</span></${h}></div>
<div id="${tId}" class="${C(3)}">${timeOrAd}<span aria-hidden="true"> · </span><svg aria-label="${ui.public}" role="img" height="12" width="12" class="${C(2)}"><circle cx="6" cy="6" r="5"></circle></svg></div></div>
<div aria-expanded="false" aria-haspopup="menu" aria-label="${ui.actions}" class="${C(3)}" role="button" tabindex="0">⋯</div></div>
<div data-ad-rendering-role="story_message" class="${C(2)}"><div data-ad-preview="message" data-ad-comet-preview="message" class="${C(3)}" style="font-size:15px"><div class="${C(2)}"><span class="${C(3)}" dir="auto">${paragraphs}${seeMore}</span></div></div></div>
${photo}
<div class="${C(3)}"><span aria-label="${ui.reacted}" role="toolbar" class="${C(2)}"><span>😠 😆</span><span class="${C(2)}">${counts.reactions}</span></span>${counts.comments ? `<div role="button" tabindex="0"><span>${ui.comments(counts.comments)}</span></div>` : ''}${counts.shares ? `<span>${ui.shares(counts.shares)}</span>` : ''}</div>
<div class="${C(3)}"><div aria-label="${ui.like}" role="button" tabindex="0">${ui.like}</div><div aria-label="${ui.comment}" role="button" tabindex="0">${ui.comment}</div><div aria-label="${ui.share}" role="button" tabindex="0">${ui.share}</div></div>
${o.comments ?? ''}
${o.composer ? `<div class="${C(3)}">${svgAvatar(o.composer, 32)}<div aria-label="${ui.writeComment}" class="${C(3)}" contenteditable="true" role="textbox" spellcheck="true" tabindex="0"><p><br></p></div></div>` : ''}
</div></div>`;
}

/** One comment or reply article. c: {author, authorHref, label, text (HTML), timeText, href (permalink w/o tracking), photo, replies (HTML)} */
function commentArticle(ui, c) {
  // Facebook's comment author links carry the comment's own ids too (…/<user>?comment_id=…&reply_comment_id=…).
  const ids = c.href.slice(c.href.indexOf('comment_id='));
  const authorHref = withQuery(c.authorHref ?? profileHref(c.author), `${ids}&amp;${cftC()}`);
  const photo = c.photo
    ? `<div class="${C(2)}"><a href="${c.photo.href}" role="link" tabindex="0"><img alt="${esc(c.photo.alt)}" class="${C(2)}" data-visualcompletion="media-vc-image" src="${c.photo.src}"></a></div>`
    : '';
  return `<div aria-label="${esc(c.label)}" class="${C(3)}" role="article" tabindex="-1"><div class="${C(2)}"><a aria-hidden="true" class="${C(2)}" href="${authorHref}" role="link" tabindex="-1">${svgAvatar(c.author, 32)}</a></div>
<div class="${C(3)}"><div class="${C(2)}"><div class="${C(3)}"><span class="${C(2)}"><a class="${C(3)}" href="${authorHref}" role="link" tabindex="0"><span class="${C(2)}"><span class="${C(2)}" dir="auto">${esc(c.author.name)}</span></span></a></span>
<div class="${C(2)}"><span class="${C(3)}" dir="auto" lang="${c.lang ?? 'en-US'}"><div class="${C(2)}" dir="auto" style="text-align: start;">${c.text}</div></span></div></div>${photo}</div>
<ul class="${C(2)}"><li><span class="${C(2)}"><a class="${C(3)}" href="${withQuery(c.href, cftC())}" role="link" tabindex="0">${esc(c.timeText)}</a></span></li><li><div role="button" tabindex="0">${ui.like}</div></li><li><div role="button" tabindex="0">${ui.reply}</div></li></ul></div></div>`;
}

function commentThread(ui, c, replies = [], more = '') {
  const rep = replies.length || more
    ? `<div class="${C(2)}"><ul style="display:block">${replies.map((r) => `<li class="${C(2)}">${commentArticle(ui, r)}</li>`).join('')}</ul>${more ? `<div class="${C(2)}" role="button" tabindex="0"><span dir="auto">${more}</span></div>` : ''}</div>`
    : '';
  return `<div class="${C(3)}">${commentArticle(ui, c)}${rep}</div>`;
}

function commentsBlock(ui, threads, filter = true) {
  return `<div class="${C(3)}">${filter ? `<div aria-expanded="false" aria-haspopup="menu" class="${C(3)}" role="button" tabindex="0"><span dir="auto">${ui.mostRelevant}</span></div>` : ''}<div class="${C(2)}">${threads.join('')}</div></div>`;
}

const mention = (p, text = p.name) => `<span class="${C(2)}"><a class="${C(3)}" href="${withQuery(profileHref(p), `__cft__[0]=AZm${Math.floor(rnd() * 1e9)}&amp;__tn__=-]K-R`)}" role="link" tabindex="0">${esc(text)}</a></span>`;
const outLink = (url, text = url) => `<a class="${C(3)}" href="https://l.facebook.com/l.php?u=${encodeURIComponent(url)}%3Ffbclid%3DIwZXh0bgNhZW0CMTAAAR${Math.floor(rnd() * 1e6)}&amp;h=AT${Math.floor(rnd() * 1e9)}" rel="nofollow noreferrer" role="link" tabindex="0" target="_blank">${esc(text)}</a>`;
const hashtag = (tag) => `<span class="${C(2)}"><a class="${C(3)}" href="${FB}/hashtag/${tag}?__eep__=6&amp;${cft()}" role="link" tabindex="0">#${tag}</a></span>`;

// ---------------------------------------------------------------- relay-style JSON (actors, post ids, profile ids)
const actor = (p) => ({ __typename: p.type ?? 'User', __isActor: p.type ?? 'User', id: p.id, name: p.name, url: profileHref(p), profile_picture: { uri: p.pic.replace(/&amp;/g, '&') } });
const storyJson = (stories) => ({ require: [['RelayPrefetchedStreamCache', 'next', [], ['adp_CometNewsFeedQueryRelayPreloader_1', { __bbox: { complete: true, result: { data: { viewer: { actor: { __typename: 'User', id: P.viewer.id, name: P.viewer.name } }, stories } } } }]]] });

// ================================================================ pages
const pages = [];
const add = (dir, file, html) => pages.push({ dir, file, html });
const en = UI.en;
const es = UI.es;

// ---- feed "/"
{
  const tomComment = commentArticle(en, {
    author: P.tom, label: en.commentBy(P.tom.name, '3 hours ago'), timeText: '3h',
    href: `${FB}/${P.ryan.vanity}/posts/${IDS.feedRyan}?comment_id=1122334455667788`, text: `${emo('🔥')}${emo('🔥')} say it louder`,
  });
  const posts = [
    post(en, {
      author: P.ryan, posinset: 1, timeLabel: 'Tuesday, November 17, 2026 at 9:12 PM', timeText: 'November 17 at 9:12 PM',
      permalink: `${FB}/${P.ryan.vanity}/posts/${IDS.feedRyan}`, composer: P.viewer,
      paragraphs: [`Funny how some people think blocking me changes anything ${emo('😂')}`, `I know where you park, ${mention(P.viewer)}.`],
      counts: { reactions: 14, comments: 1, shares: 2 }, comments: commentsBlock(en, [`<div class="${C(2)}">${tomComment}</div>`], false),
    }),
    post(en, {
      author: P.page, posinset: 2, timeLabel: '21h', timeText: '21h', permalink: `${FB}/${P.page.vanity}/posts/${IDS.feedPage}`, composer: P.viewer,
      paragraphs: [`Guess who got kicked out of the Maple Street HOA meeting last night? ${emo('👀')}`, `Full story ${emo('⬇️')} ${outLink('https://example.org/maple-street-drama')}`],
      photo: { src: PHOTOS.hoa, alt: 'May be an image of street and house', href: `${FB}/photo/?fbid=1029384756102938&amp;set=a.108765432109999` },
      counts: { reactions: 87, comments: 41, shares: 12 },
    }),
    post(en, {
      author: P.sponsor, posinset: 3, sponsored: 'Sponsored', composer: P.viewer,
      paragraphs: [`Book your winter whitening today! ${emo('🦷')}${emo('✨')} 20% off for new patients.`],
      photo: { src: PHOTOS.ad, alt: 'No photo description available.', href: 'https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fbrightsmile&amp;h=AT1' },
      counts: { reactions: 5, comments: 0, shares: 0 },
    }),
    post(en, {
      author: P.kyle, posinset: 4, timeLabel: 'Yesterday at 11:48 PM', timeText: 'Yesterday at 11:48 PM',
      permalink: `${FB}/permalink.php?story_fbid=${IDS.feedKyle}&amp;id=${P.kyle.id}`, composer: P.viewer,
      paragraphs: [`Some of us remember what really happened. ${hashtag('justiceforryan')} ${outLink('https://example.org/the-truth', 'example.org/the-truth')}`],
      counts: { reactions: 9, comments: 0, shares: 1 },
    }),
    post(en, {
      author: P.ryan, posinset: 5, timeLabel: 'November 14 at 8:30 AM', timeText: 'November 14 at 8:30 AM',
      permalink: `${FB}/${P.ryan.vanity}/posts/${IDS.feedRyanLong}`, composer: P.viewer, seeMore: en.seeMore,
      paragraphs: ['Let me tell you all what really happened with Dana. She has been lying to everyone since March and I have the screenshots to prove it. First, the party at…'],
      counts: { reactions: 31, comments: 0, shares: 4 },
    }),
  ];
  const body = `${banner(en, P.viewer)}<div class="hf-cols">${leftNav(en, P.viewer)}<div role="main" class="${C(3)}"><div class="${C(2)}"><h2 class="${C(2)}"><span>News Feed posts</span></h2><div role="feed" class="${C(3)}">${posts.join('\n')}</div></div></div>${contacts(en)}</div>`;
  add(FB_DIR, 'feed.html', shell({ ui: en, title: 'Facebook', viewer: P.viewer, body, json: [storyJson([{ actors: [actor(P.ryan)] }, { actors: [actor(P.page)] }, { actors: [actor(P.sponsor)], sponsored_data: { ad_id: '6123456789012' } }, { actors: [actor(P.kyle)] }, { actors: [actor(P.viewer)] }])] }));
}

// ---- group post
{
  const G = GROUP;
  const base = `${FB}/groups/${G.id}/posts/${IDS.groupPost}/`;
  const member = (p) => `${FB}/groups/${G.id}/user/${p.id}/`;
  const threads = [
    commentThread(en, {
      author: P.priya, authorHref: member(P.priya), label: en.commentBy(P.priya.name, '5 days ago'), timeText: '5d', href: `${base}?comment_id=1360001111111111`,
      text: 'This is harassment. Leave her alone.',
    }, [
      { author: P.ryan, authorHref: member(P.ryan), label: en.replyBy(P.ryan.name, P.priya.name, '5 days ago'), timeText: '5d', href: `${base}?comment_id=1360001111111111&amp;reply_comment_id=1360002222222222`, text: `Mind your business ${mention(P.priya, 'Priya')}` },
      { author: P.viewer, authorHref: member(P.viewer), label: en.replyBy(P.viewer.name, P.priya.name, '4 days ago'), timeText: '4d', href: `${base}?comment_id=1360001111111111&amp;reply_comment_id=1360003333333333`, text: "Priya, thank you. I've reported this." },
    ], 'View 2 more replies'),
    commentThread(en, {
      author: P.tom, authorHref: member(P.tom), label: en.commentBy(P.tom.name, '4 days ago'), timeText: '4d', href: `${base}?comment_id=1360004444444444`,
      text: `She deserves everything coming to her lol ${emo('😂')}`,
    }),
    commentThread(en, {
      author: P.ryan, authorHref: member(P.ryan), label: en.commentBy(P.ryan.name, '3 days ago'), timeText: '3d', href: `${base}?comment_id=1360005555555555`,
      text: "Here's her car btw", photo: { src: PHOTOS.car, alt: 'May be an image of car', href: `${FB}/photo/?fbid=1360005555555555&amp;set=p.1360005555555555` },
    }),
  ];
  const groupHeader = `<div class="${C(3)}"><h1 class="${C(2)}"><span dir="auto"><a class="${C(2)}" href="${FB}/groups/${G.id}/" role="link" tabindex="0">${esc(G.name)}</a></span></h1><span>Private group · 2.1K members</span></div>`;
  const p = post(en, {
    author: P.ryan, authorHref: member(P.ryan), timeLabel: 'Monday, November 16, 2026 at 7:45 PM', timeText: 'November 16 at 7:45 PM', permalink: base, headingTag: 'h2',
    paragraphs: ['PSA for the street: the woman in #14 (you know who) has been calling the cops on people for NOTHING.', `Keep an eye on her. ${emo('🚨')}`],
    counts: { reactions: 23, comments: 7, shares: 0 }, comments: commentsBlock(en, threads), composer: P.viewer,
  });
  const body = `${banner(en, P.viewer)}<div class="hf-cols">${leftNav(en, P.viewer)}<div role="main" class="${C(3)}">${groupHeader}<div class="${C(2)}">${p}</div></div></div>`;
  add(FB_DIR, 'group-post.html', shell({ ui: en, title: `${G.name} | Facebook`, viewer: P.viewer, body, json: [{ require: [['RelayPrefetchedStreamCache', 'next', [], ['adp_CometGroupPermalinkRootContentQueryRelayPreloader_1', { __bbox: { result: { data: { node: { __typename: 'Story', post_id: IDS.groupPost, actors: [actor(P.ryan)], to: { __typename: 'Group', id: G.id, name: G.name } } } } } }]]] }] }));
}

// ---- a person's post on its own page (/<user>/posts/pfbid…)
{
  const base = `${FB}/${P.ryan.vanity}/posts/${IDS.userPost}`;
  const threads = [
    commentThread(en, { author: P.tom, label: en.commentBy(P.tom.name, '6 days ago'), timeText: '6d', href: `${base}?comment_id=1098765432200001`, text: `lmao ${emo('💀')}` }),
    commentThread(en, {
      author: P.viewer, label: en.commentBy(P.viewer.name, '6 days ago'), timeText: '6d', href: `${base}?comment_id=1098765432200002`, text: 'Take this down. I have asked you three times.',
    }, [{ author: P.ryan, label: en.replyBy(P.ryan.name, P.viewer.name, '5 days ago'), timeText: '5d', href: `${base}?comment_id=1098765432200002&amp;reply_comment_id=1098765432200003`, text: 'Make me.' }]),
  ];
  const p = post(en, {
    author: P.ryan, timeLabel: 'Thursday, November 12, 2026 at 10:05 AM', timeText: 'November 12 at 10:05 AM', permalink: base,
    paragraphs: [`New week, same liar. Everyone in Springfield should know what ${mention(P.viewer)} did ${emo('🤡')}`],
    photo: { src: PHOTOS.liar, alt: "May be an image of text that says 'LIAR'", href: `${FB}/photo/?fbid=1098765432109877&amp;set=a.1011121314151617` },
    counts: { reactions: 19, comments: 3, shares: 1 }, comments: commentsBlock(en, threads), composer: P.viewer,
  });
  const body = `${banner(en, P.viewer)}<div class="hf-cols">${leftNav(en, P.viewer)}<div role="main" class="${C(3)}"><div class="${C(2)}">${p}</div></div></div>`;
  add(FB_DIR, 'user-post.html', shell({
    ui: en, title: `${P.ryan.name} - New week, same liar. Everyone in Springfield should... | Facebook`, viewer: P.viewer, body,
    json: [{ require: [['RelayPrefetchedStreamCache', 'next', [], ['adp_CometSinglePostContentQueryRelayPreloader_1', { __bbox: { result: { data: { node: { __typename: 'Story', id: 'UzpfSTEwMDAwNDU2Nzg5MDEyMzoxMDk4NzY1NDMyMTA5ODc2', post_id: '1098765432109876', permalink_url: base, actors: [actor(P.ryan)], comet_sections: { feedback: { story: { feedback_context: { interesting_top_level_comments: [] } } } } } } } } }]]] }],
  }));
}

// ---- permalink.php?story_fbid=…&id=…
{
  const base = `${FB}/permalink.php?story_fbid=${IDS.storyFbid}&amp;id=${P.kyle.id}`;
  const threads = [
    commentThread(en, { author: P.ryan, label: en.commentBy(P.ryan.name, '1 week ago'), timeText: '1w', href: `${base}&amp;comment_id=122112233500001`, text: "I do. I'll send you her address." }, [
      { author: P.kyle, label: en.replyBy(P.kyle.name, P.ryan.name, '1 week ago'), timeText: '1w', href: `${base}&amp;comment_id=122112233500001&amp;reply_comment_id=122112233500002`, text: `sent you a message ${emo('👍')}` },
    ]),
  ];
  const p = post(en, {
    author: P.kyle, timeLabel: 'Tuesday, November 10, 2026 at 6:30 PM', timeText: 'November 10 at 6:30 PM', permalink: base,
    paragraphs: [`Anyone know ${mention(P.viewer)}? Asking for a friend ${emo('😏')} DM me.`],
    counts: { reactions: 4, comments: 2, shares: 0 }, comments: commentsBlock(en, threads), composer: P.viewer,
  });
  const body = `${banner(en, P.viewer)}<div class="hf-cols">${leftNav(en, P.viewer)}<div role="main" class="${C(3)}"><div class="${C(2)}">${p}</div></div></div>`;
  add(FB_DIR, 'permalink.html', shell({ ui: en, title: `${P.kyle.name} - Anyone know Dana Reyes? | Facebook`, viewer: P.viewer, body }));
}

// ---- profiles
function profilePage({ person, friends, bio, intro, posts, json }) {
  const intros = intro.map((line) => `<li class="${C(2)}"><div class="${C(2)}"><span dir="auto">${line}</span></div></li>`).join('');
  const header = `<div class="${C(3)}"><div class="${C(2)}"><img alt="" class="${C(2)}" data-imgperflogname="profileCoverPhoto" referrerpolicy="origin-when-cross-origin" src="${person.cover}"></div>
<div class="${C(3)}"><div class="${C(2)}"><a aria-label="${esc(person.name)}" class="${C(2)}" href="${FB}/photo/?fbid=${person.id}1&amp;set=a.${person.id}2" role="link">${`<svg aria-label="${esc(person.name)}" class="${C(2)}" role="img" style="height:96px;width:96px"><g><image x="0" y="0" height="100%" preserveAspectRatio="xMidYMid slice" width="100%" xlink:href="${person.big}"></image></g></svg>`}</a></div>
<div class="${C(3)}"><span class="${C(2)}"><h1 class="${C(3)}">${esc(person.name)}</h1></span>${friends ? `<span class="${C(2)}"><a class="${C(2)}" href="${profileHref(person)}/friends/" role="link" tabindex="0">${friends}</a></span>` : ''}</div>
<div data-pagelet="ProfileActions" class="${C(2)}"><div aria-label="Add friend" role="button" tabindex="0">Add friend</div><div aria-label="Message" role="button" tabindex="0">Message</div><div aria-expanded="false" aria-haspopup="menu" aria-label="See options" role="button" tabindex="0">⋯</div></div></div></div>`;
  const tabs = `<div data-pagelet="ProfileTabs" class="${C(2)}"><div role="tablist"><a aria-selected="true" href="${profileHref(person)}" role="tab">Posts</a><a aria-selected="false" href="${profileHref(person)}/about" role="tab">About</a><a aria-selected="false" href="${profileHref(person)}/friends" role="tab">Friends</a><a aria-selected="false" href="${profileHref(person)}/photos" role="tab">Photos</a></div></div>`;
  const tiles = `<div data-pagelet="ProfileTilesFeed_0" class="${C(2)}"><div class="${C(2)}"><h2 class="${C(2)}"><span dir="auto">Intro</span></h2>${bio ? `<div class="${C(2)}"><span class="${C(2)}" dir="auto">${bio}</span></div>` : ''}<ul class="${C(2)}" style="display:block">${intros}</ul></div></div>
<div data-pagelet="ProfileTilesFeed_1" class="${C(2)}"><h2 class="${C(2)}"><span dir="auto">Photos</span></h2><a href="${profileHref(person)}/photos" role="link">See all photos</a></div>`;
  const timeline = `<div data-pagelet="ProfileTimeline" class="${C(3)}">${posts.join('\n')}</div>`;
  const body = `${banner(en, P.viewer)}<div class="hf-cols"><div role="main" class="${C(3)}">${header}${tabs}<div class="${C(3)}">${tiles}${timeline}</div></div></div>`;
  return shell({ ui: en, title: `${person.name} | Facebook`, viewer: P.viewer, body, json });
}
{
  const ryan = { ...P.ryan, cover: PHOTOS.ryanCover, big: PHOTOS.ryanBig };
  const posts = [
    post(en, { author: P.ryan, posinset: 1, timeLabel: 'Wednesday, November 18, 2026 at 11:20 PM', timeText: 'November 18 at 11:20 PM', permalink: `${FB}/${P.ryan.vanity}/posts/pfbid02hQ8mZrT4vKx7NpB3cLd9WsYe6FgJ2aHu5oRiV1nMtC8qXy4bEkDz7Pl`, paragraphs: ['Some people need to learn to keep their mouth shut.'], counts: { reactions: 8, comments: 0, shares: 0 }, composer: P.viewer }),
    post(en, { author: P.ryan, posinset: 2, timeLabel: 'November 5 at 7:02 AM', timeText: 'November 5 at 7:02 AM', permalink: `${FB}/${P.ryan.vanity}/posts/pfbid0sK3nB7vQx2LmT9cRp5YhW8dZf4GjE6aUo1NiV3tMyC7qXb2rDkEz9Hwl`, paragraphs: [`Good morning Springfield ${emo('☀️')}`], counts: { reactions: 2, comments: 0, shares: 0 }, composer: P.viewer }),
  ];
  // The viewer's id appears first (actorID, a viewer object with its own userID); the profile's userID comes after.
  const json = [
    { require: [['CometRelayEnvironmentFactory', 'init', [], [{ actorID: P.viewer.id, viewer: { userID: P.viewer.id, isVerified: false } }]]] },
    { require: [['RelayPrefetchedStreamCache', 'next', [], ['adp_ProfileCometHeaderQueryRelayPreloader_1', { __bbox: { result: { data: { user: { id: P.ryan.id, name: P.ryan.name, profile_header_renderer: { user: { id: P.ryan.id } } } } } } }]]] },
    { require: [['CometRouteStore', 'set', [], [{ rootView: { resource: 'ProfileCometTimelineFeedRoot', props: { userID: P.ryan.id, userVanity: P.ryan.vanity, viewerID: P.viewer.id } } }]]] },
  ];
  add(FB_DIR, 'profile.html', profilePage({
    person: ryan, friends: '1.2K friends', bio: `Not going anywhere ${emo('🙂')}`,
    intro: ['Works at <a href="/vanceautobody" role="link">Vance Auto Body</a>', 'Lives in <a href="/pages/Springfield-Illinois/108000000000001" role="link">Springfield, Illinois</a>', 'From Decatur, Illinois', 'Joined March 2011'],
    posts, json,
  }));
}
{
  const kyle = { ...P.kyle, cover: PHOTOS.ryanCover, big: PHOTOS.kyleBig };
  const posts = [
    post(en, { author: P.kyle, posinset: 1, timeLabel: 'Monday, November 16, 2026 at 1:15 AM', timeText: 'November 16 at 1:15 AM', permalink: `${FB}/permalink.php?story_fbid=pfbid0vR2kLm8QxT5nB3cYp7Wd4ZhF9gJ6aEu1oNiS2tKyC8qXw3bDrEz5Mml&amp;id=${P.kyle.id}`, paragraphs: ['New account, same me. Old one got "reported" 🙄'.replace('🙄', emo('🙄'))], counts: { reactions: 1, comments: 0, shares: 0 }, composer: P.viewer }),
  ];
  const json = [
    { require: [['CometRelayEnvironmentFactory', 'init', [], [{ actorID: P.viewer.id }]]] },
    { require: [['CometRouteStore', 'set', [], [{ rootView: { resource: 'ProfileCometTimelineFeedRoot', props: { userID: P.kyle.id, userVanity: '', viewerID: P.viewer.id } } }]]] },
  ];
  add(FB_DIR, 'profile-id.html', profilePage({ person: kyle, friends: '', bio: '', intro: ['Lives in Chicago, Illinois'], posts, json }));
}

// ---- Spanish post page
{
  const base = `${FB}/${P.javi.vanity}/posts/${IDS.esPost}`;
  const b64 = (postId, commentId) => encodeURIComponent(Buffer.from(`comment:${postId}_${commentId}`).toString('base64'));
  const threads = [
    commentThread(es, {
      author: P.lucia, label: es.commentBy(P.lucia.name, 'hace 2 días'), timeText: '2 d', lang: 'es-LA', href: `${base}?comment_id=${b64('1122334455667788', '2233445566778899')}`,
      text: 'Esto es acoso. Para ya.',
    }, [{ author: P.javi, label: es.replyBy(P.javi.name, P.lucia.name, 'hace 1 día'), timeText: '1 d', lang: 'es-LA', href: `${base}?comment_id=${b64('1122334455667788', '2233445566778899')}&amp;reply_comment_id=${b64('1122334455667788', '2233445566778900')}`, text: 'Tú no te metas' }]),
    commentThread(es, { author: P.ryan, label: es.commentBy(P.ryan.name, 'hace 1 día'), timeText: '1 d', lang: 'es-LA', href: `${base}?comment_id=2233445566778901`, text: `Jajaja ${emo('😂')} bien dicho` }),
  ];
  const p = post(es, {
    author: P.javi, timeLabel: 'jueves, 19 de noviembre de 2026 a las 21:12', timeText: '19 de noviembre a las 21:12', permalink: base,
    paragraphs: [`Dana, ya sabes lo que hiciste. Todos lo van a saber ${emo('😡')}`, `Mirad esto: ${outLink('https://example.org/dana')}`],
    counts: { reactions: 11, comments: 3, shares: 0 }, comments: commentsBlock(es, threads), composer: P.viewer,
  });
  const body = `${banner(es, P.viewer)}<div class="hf-cols">${leftNav(es, P.viewer)}<div role="main" class="${C(3)}"><div class="${C(2)}">${p}</div></div></div>`;
  add(FB_DIR, 'post-es.html', shell({ ui: es, title: `${P.javi.name} - Dana, ya sabes lo que hiciste... | Facebook`, viewer: P.viewer, body, json: [storyJson([{ actors: [actor(P.javi)] }])] }));
}

// ---- logged-out post page (a Page's post, seen without an account)
{
  const base = `${FB}/${P.page.vanity}/posts/${IDS.loggedOut}`;
  const threads = [commentThread(en, { author: P.priya, label: en.commentBy(P.priya.name, '2 days ago'), timeText: '2d', href: `${base}?comment_id=1087654321000001`, text: 'Reported. This page is a disgrace.' })];
  const p = post(en, {
    author: P.page, timeLabel: 'Sunday, November 15, 2026 at 4:00 PM', timeText: 'November 15 at 4:00 PM', permalink: base,
    time: '<time datetime="2026-11-15T16:00:00.000Z"></time>',
    paragraphs: [`UPDATE on the Maple Street story: we've been sent more photos ${emo('👀')}${emo('📸')} Stay tuned.`],
    photo: { src: PHOTOS.hoa, alt: 'May be an image of street and house', href: `${FB}/photo/?fbid=1029384756102939&amp;set=a.108765432109999` },
    counts: { reactions: 120, comments: 56, shares: 18 }, comments: commentsBlock(en, threads, false),
  }).replace(/ aria-labelledby="[^"]*" aria-describedby="[^"]*"/, '');
  const loginBar = `<div role="banner" class="${C(4)}"><a aria-label="Facebook" href="/" role="link">facebook</a><form action="/login/device-based/regular/login/?login_attempt=1&amp;next=${encodeURIComponent(base)}" class="${C(2)}" method="post" novalidate><input aria-label="Email or phone" name="email" type="text" autocomplete="username"><input aria-label="Password" name="pass" type="password" autocomplete="current-password"><button name="login" type="submit">Log In</button><a href="/recover/initiate/">Forgot account?</a></form></div>`;
  const bottom = `<div class="${C(3)}" style="position:sticky;bottom:0;background:#fff;padding:12px"><span dir="auto">Log in or sign up for Facebook to connect with friends, family and people you know.</span> <a href="/login/?next=${encodeURIComponent(base)}" role="link">Log In</a> or <a href="/r.php?next=${encodeURIComponent(base)}" role="link">Create new account</a></div>`;
  const body = `${loginBar}<div class="hf-cols"><div role="main" class="${C(3)}"><div class="${C(2)}">${p}</div></div></div>${bottom}`;
  add(FB_DIR, 'logged-out.html', shell({ ui: en, title: `Northside Gossip - UPDATE on the Maple Street story | Facebook`, viewer: null, body, json: [storyJson([{ actors: [actor(P.page)] }])] }));
}

// ---- unavailable post
{
  const main = `<div role="main" class="${C(3)}"><div class="${C(3)}" style="text-align:center;padding:40px"><svg class="${C(2)}" height="112" width="112" viewBox="0 0 112 112"><rect width="112" height="112" rx="16" fill="#ddd"></rect></svg>
<h2 class="${C(2)}"><span dir="auto">This content isn't available right now</span></h2><span class="${C(2)}" dir="auto">When this happens, it's usually because the owner only shared it with a small group of people, changed who can see it or it's been deleted.</span>
<div class="${C(2)}"><a aria-label="Go to News Feed" class="${C(2)}" href="/" role="link" tabindex="0"><span>Go to News Feed</span></a> <a class="${C(2)}" href="/help/?ref=404" role="link" tabindex="0">Go back</a> <a class="${C(2)}" href="/help/" role="link" tabindex="0">Visit Help Center</a></div></div></div>`;
  const body = `${banner(en, P.viewer)}<div class="hf-cols">${leftNav(en, P.viewer)}${main}</div>`;
  add(FB_DIR, 'unavailable.html', shell({ ui: en, title: 'Facebook', viewer: P.viewer, body }));
}

// ================================================================ Messenger
const MUI = {
  en: {
    lang: 'en', chats: 'Chats', convWith: (n) => `Conversation with ${n}`, messagesIn: (n) => `Messages in conversation with ${n}`,
    sent: (t, n, x) => `Message sent ${t} by ${n}: ${x}`, received: (t, n, x) => `Message received ${t} from ${n}: ${x}`,
    you: 'You', play: 'Play', scrubber: 'Audio scrubber', reacted: (n) => `${n} reaction${n > 1 ? 's' : ''}; see who reacted to this`,
    unsent: (n) => `${n} unsent a message`, typeMessage: 'Message', info: 'Conversation information', call: 'Start a voice call', active: 'Active 5m ago', seen: 'Seen by',
  },
  es: {
    lang: 'es', chats: 'Chats', convWith: (n) => `Conversación con ${n}`, messagesIn: (n) => `Mensajes de la conversación con ${n}`,
    sent: (t, n, x) => `Mensaje enviado ${t} por ${n}: ${x}`, received: (t, n, x) => `Mensaje recibido ${t} de ${n}: ${x}`,
    you: 'Tú', play: 'Reproducir', scrubber: 'Barra de desplazamiento de audio', reacted: (n) => `${n} reacción; ver quién reaccionó a esto`,
    unsent: (n) => `${n} anuló el envío de un mensaje`, typeMessage: 'Mensaje', info: 'Información de la conversación', call: 'Iniciar una llamada de voz', active: 'Activo hace 5 min', seen: 'Visto por',
  },
};

/** One message row. m: {dir: 'in'|'out', id, label (or null), html (bubble content), reaction, avatarOf} */
function messageRow(ui, m, other) {
  const labelAttr = m.label ? ` aria-label="${esc(m.label)}"` : '';
  const reaction = m.reaction ? `<div aria-label="${esc(ui.reacted(1))}" class="${C(2)}" role="button" tabindex="0"><span class="${C(2)}">${m.reaction}</span></div>` : '';
  const avatar = m.dir === 'in' ? `<div class="${C(2)}"><img alt="${esc(other.name)}" class="${C(2)}" height="28" width="28" referrerpolicy="origin-when-cross-origin" src="${other.pic}"></div>` : '';
  const align = m.dir === 'out' ? 'display:flex;justify-content:flex-end' : 'display:flex;justify-content:flex-start';
  return `<div class="${C(3)}" role="row"><div class="${C(2)}" data-message-id="${m.id}"${labelAttr} role="gridcell" tabindex="0"><div class="${C(3)}" style="${align}">${avatar}<div class="${C(3)}">${m.html}${reaction}</div></div></div></div>`;
}
const bubble = (html) => `<div class="${C(3)}" dir="auto">${html}</div>`;
const tsRow = (text) => `<div class="${C(2)}" role="row"><div class="${C(2)}" role="gridcell"><h4 class="${C(2)}"><span class="${C(2)}">${text}</span></h4></div></div>`;
const dmImage = (src, alt = 'Open photo') => `<div class="${C(2)}"><a aria-label="${alt}" href="#" role="link"><img alt="${alt}" class="${C(2)}" src="${src}" height="64" width="96"></a></div>`;
const voice = (ui, dur) => `<div class="${C(3)}"><div aria-label="${ui.play}" class="${C(2)}" role="button" tabindex="0">▶</div><div aria-label="${ui.scrubber}" aria-valuemax="${dur}" aria-valuemin="0" aria-valuenow="0" class="${C(2)}" role="slider" tabindex="0"></div><span class="${C(2)}">0:${String(dur).padStart(2, '0')}</span></div>`;
const dmLink = (url, host) => `<a class="${C(2)}" href="https://${host}/l.php?u=${encodeURIComponent(url)}&amp;h=AT${Math.floor(rnd() * 1e9)}" rel="nofollow noreferrer" role="link" target="_blank">${esc(url)}</a>`;

function threadMain(ui, other, otherHref, rows) {
  return `<div role="main" aria-label="${esc(ui.convWith(other.name))}" class="${C(3)}"><div class="${C(3)}"><div class="${C(2)}"><a aria-label="${esc(other.name)}" class="${C(2)}" href="${otherHref}" role="link" tabindex="0"><img alt="${esc(other.name)}" height="36" width="36" src="${other.pic}"></a>
<a class="${C(2)}" href="${otherHref}" role="link" tabindex="0"><h2 class="${C(2)}"><span class="${C(2)}" dir="auto">${esc(other.name)}</span></h2></a><span class="${C(2)}">${ui.active}</span></div>
<div aria-label="${ui.call}" role="button" tabindex="0">📞</div><div aria-label="${ui.info}" role="button" tabindex="0">ⓘ</div></div>
<div aria-label="${esc(ui.messagesIn(other.name))}" class="${C(3)}" role="grid"><div class="${C(2)}">${rows.join('\n')}</div></div>
<div class="${C(2)}"><div aria-label="${ui.typeMessage}" contenteditable="true" role="textbox" tabindex="0"><p><br></p></div></div></div>`;
}

function chatList(ui, items, prefix) {
  return `<div aria-label="${ui.chats}" role="navigation" class="${C(3)}"><h1 class="${C(2)}"><span>${ui.chats}</span></h1><div class="${C(2)}" role="grid" aria-label="${ui.chats}">${items
    .map((it) => `<div class="${C(2)}" role="row"><a${it.current ? ' aria-current="page"' : ''} class="${C(3)}" href="${prefix}${it.thread}/" role="link" tabindex="0"><img alt="${esc(it.p.name)}" height="40" width="40" src="${it.p.pic}"><span dir="auto">${esc(it.p.name)}</span><span class="${C(2)}">${esc(it.preview)}</span></a></div>`)
    .join('')}</div></div>`;
}

// ---- www.facebook.com/messages/t/<id>/ (English)
{
  const ui = MUI.en;
  const o = P.ryan;
  const T1 = 'November 17, 2026 at 9:40 PM';
  const rows = [
    tsRow('Nov 17, 2026, 9:40 PM'),
    messageRow(ui, { dir: 'in', id: 'mid.$cAAAAB9xk2Q6Yz1aBcGT2mN4pQrS', label: ui.received(T1, o.name, 'Saw you at the gym today 👀'), html: bubble(`Saw you at the gym today ${emo('👀')}`) }, o),
    messageRow(ui, { dir: 'in', id: 'mid.$cAAAAB9xk2Q6Yz1bCdHU3nO5qRsT', label: ui.received('November 17, 2026 at 9:41 PM', o.name, 'Photo'), html: dmImage(PHOTOS.dmCar) }, o),
    messageRow(ui, { dir: 'out', id: 'mid.$cAAAAB9xk2Q6Yz1cDeIV4oP6rStU', label: ui.sent('November 17, 2026 at 9:45 PM', ui.you, 'Please stop messaging me.'), html: bubble('Please stop messaging me.'), reaction: '😆' }, o),
    messageRow(ui, { dir: 'in', id: 'mid.$cAAAAB9xk2Q6Yz1dEfJW5pQ7sTuV', label: ui.received('November 17, 2026 at 9:47 PM', o.name, 'You should read this https://example.org/dana-reyes-exposed'), html: bubble(`You should read this ${dmLink('https://example.org/dana-reyes-exposed', 'l.facebook.com')}`) }, o),
    tsRow('Nov 18, 2026, 1:12 AM'),
    messageRow(ui, { dir: 'in', id: 'mid.$cAAAAB9xk2Q6Yz1eFgKX6qR8tUvW', label: ui.received('November 18, 2026 at 1:12 AM', o.name, 'Voice message'), html: voice(ui, 14) }, o),
    messageRow(ui, { dir: 'in', id: 'mid.$cAAAAB9xk2Q6Yz1fGhLY7rS9uVwX', label: ui.received('November 18, 2026 at 1:13 AM', o.name, ui.unsent(o.name)), html: `<div class="${C(2)}" dir="auto" style="color:#65676b;font-style:italic">${ui.unsent(o.name)}</div>` }, o),
    messageRow(ui, { dir: 'out', id: 'mid.$cAAAAB9xk2Q6Yz1gHiMZ8sT0vWxY', label: ui.sent('November 18, 2026 at 8:02 AM', ui.you, "I've saved all of this."), html: bubble("I've saved all of this.") }, o),
    `<div class="${C(2)}" role="row"><span aria-label="${ui.seen} ${esc(o.name)}" role="img">👁</span></div>`,
  ];
  const list = chatList(ui, [{ p: o, thread: IDS.fbThread, current: true, preview: "You: I've saved all of this." }, { p: P.priya, thread: '5550001112223334', preview: 'Are you ok? Call me' }], '/messages/t/');
  const body = `${banner(en, P.viewer)}<div class="hf-cols">${list}${threadMain(ui, o, `${FB}/${o.vanity}`, rows)}</div>`;
  add(FB_DIR, 'messages-thread.html', shell({ ui: en, title: 'Messenger | Facebook', viewer: P.viewer, body }));
}

function messengerShell(ui, title, body) {
  return shell({ ui, title, viewer: P.viewer, body: `<div class="hf-cols">${body}</div>`, htmlClass: 'messenger ' });
}

// ---- www.messenger.com/t/<id>/ (English, Kyle Ortiz: no vanity, profile.php link)
{
  const ui = MUI.en;
  const o = P.kyle;
  const rows = [
    tsRow('Nov 16, 2026, 8:02 PM'),
    messageRow(ui, { dir: 'in', id: 'mid.$gABCDEF1a2b3c4d5e6f7g8h9i0jk', label: ui.received('November 16, 2026 at 8:02 PM', o.name, 'hey Dana 🙂 long time'), html: bubble(`hey Dana ${emo('🙂')} long time`) }, o),
    messageRow(ui, { dir: 'out', id: 'mid.$gABCDEF1a2b3c4d5e6f7g8h9i0jl', label: ui.sent('November 16, 2026 at 8:10 PM', ui.you, 'Who is this?'), html: bubble('Who is this?') }, o),
    messageRow(ui, { dir: 'in', id: 'mid.$gABCDEF1a2b3c4d5e6f7g8h9i0jm', label: ui.received('November 16, 2026 at 8:11 PM', o.name, 'Photo'), html: dmImage(PHOTOS.dmCar) }, o),
    messageRow(ui, { dir: 'out', id: 'mid.$gABCDEF1a2b3c4d5e6f7g8h9i0jn', label: null, html: `<div class="${C(2)}"><img alt="Thumbs up sticker" class="${C(2)}" height="48" width="48" src="${PHOTOS.sticker}"></div>` }, o),
    tsRow('Nov 16, 2026, 8:30 PM'),
    messageRow(ui, { dir: 'in', id: 'mid.$gABCDEF1a2b3c4d5e6f7g8h9i0jo', label: ui.received('November 16, 2026 at 8:30 PM', o.name, 'Ryan says hi. He knows you blocked him.'), html: bubble('Ryan says hi. He knows you blocked him.'), reaction: '😮' }, o),
  ];
  const list = chatList(ui, [{ p: o, thread: IDS.msThread, current: true, preview: 'Ryan says hi. He knows you blocked him.' }, { p: P.priya, thread: '5550001112223334', preview: 'Are you ok? Call me' }], '/t/');
  add(MS_DIR, 'thread.html', messengerShell(ui, 'Messenger', `${list}${threadMain(ui, o, `${FB}/profile.php?id=${o.id}`, rows)}`));
}

// ---- www.messenger.com/t/<id>/ (Spanish, Ryan Vance)
{
  const ui = MUI.es;
  const o = P.ryan;
  const rows = [
    tsRow('18 de noviembre de 2026, 22:05'),
    messageRow(ui, { dir: 'in', id: 'mid.$hXYZ0001aBcDeFgHiJkLmNoPqRs', label: ui.received('18 de noviembre de 2026, 22:05', o.name, '¿Por qué no contestas? 😠'), html: bubble(`¿Por qué no contestas? ${emo('😠')}`) }, o),
    messageRow(ui, { dir: 'out', id: 'mid.$hXYZ0002aBcDeFgHiJkLmNoPqRs', label: ui.sent('18 de noviembre de 2026, 22:07', P.viewer.name, 'Deja de escribirme.'), html: bubble('Deja de escribirme.') }, o),
    messageRow(ui, { dir: 'in', id: 'mid.$hXYZ0003aBcDeFgHiJkLmNoPqRs', label: ui.received('18 de noviembre de 2026, 22:09', o.name, 'Mensaje de voz'), html: voice(ui, 32) }, o),
    messageRow(ui, { dir: 'in', id: 'mid.$hXYZ0004aBcDeFgHiJkLmNoPqRs', label: ui.received('18 de noviembre de 2026, 22:10', o.name, ui.unsent(o.name)), html: `<div class="${C(2)}" dir="auto" style="color:#65676b;font-style:italic">${ui.unsent(o.name)}</div>` }, o),
    tsRow('19 de noviembre de 2026, 0:41'),
    messageRow(ui, { dir: 'in', id: 'mid.$hXYZ0005aBcDeFgHiJkLmNoPqRs', label: ui.received('19 de noviembre de 2026, 0:41', o.name, 'mira esto https://example.org/fotos'), html: bubble(`mira esto ${dmLink('https://example.org/fotos', 'l.messenger.com')}`), reaction: '😡' }, o),
    messageRow(ui, { dir: 'out', id: 'mid.$hXYZ0006aBcDeFgHiJkLmNoPqRs', label: ui.sent('19 de noviembre de 2026, 0:45', P.viewer.name, 'Voy a denunciarte.'), html: bubble('Voy a denunciarte.') }, o),
  ];
  const list = chatList(ui, [{ p: o, thread: IDS.msThreadEs, current: true, preview: 'Tú: Voy a denunciarte.' }], '/t/');
  add(MS_DIR, 'thread-es.html', messengerShell(ui, 'Messenger', `${list}${threadMain(ui, o, `${FB}/${o.vanity}`, rows)}`));
}

// ================================================================ write
for (const { dir, file, html } of pages) {
  writeFileSync(join(dir, file), html);
}
/** Routes of the long-thread replicas (thread/*, written by thread/generate*.mjs) are theirs: kept as they are. */
function withThreadRoutes(dir, routes) {
  const file = join(dir, 'routes.json');
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).filter((r) => /(^|\/)thread\//.test(r.file)) : [];
  return [...routes, ...kept];
}
const fbRoutes = [
  { pattern: '^/$', file: 'feed.html' },
  { pattern: '^/\\?', file: 'feed.html' },
  { pattern: `^/groups/${GROUP.id}/posts/${IDS.groupPost}/?`, file: 'group-post.html' },
  { pattern: `^/${P.ryan.vanity.replace(/\./g, '\\.')}/posts/${IDS.userPost}`, file: 'user-post.html' },
  { pattern: `^/${P.ryan.vanity.replace(/\./g, '\\.')}/posts/${IDS.unavailable}`, file: 'unavailable.html' },
  { pattern: `^/permalink\\.php\\?story_fbid=${IDS.storyFbid}&id=${P.kyle.id}`, file: 'permalink.html' },
  { pattern: `^/${P.ryan.vanity.replace(/\./g, '\\.')}/?$`, file: 'profile.html' },
  { pattern: `^/profile\\.php\\?id=${P.kyle.id}`, file: 'profile-id.html' },
  { pattern: `^/${P.javi.vanity.replace(/\./g, '\\.')}/posts/${IDS.esPost}`, file: 'post-es.html' },
  { pattern: `^/${P.page.vanity}/posts/${IDS.loggedOut}`, file: 'logged-out.html' },
  { pattern: `^/messages/t/${IDS.fbThread}/?`, file: 'messages-thread.html' },
];
writeFileSync(join(FB_DIR, 'routes.json'), `${JSON.stringify(withThreadRoutes(FB_DIR, fbRoutes), null, 2)}\n`);
const msRoutes = [
  { pattern: `^/t/${IDS.msThread}/?`, file: 'thread.html' },
  { pattern: `^/t/${IDS.msThreadEs}/?`, file: 'thread-es.html' },
];
writeFileSync(join(MS_DIR, 'routes.json'), `${JSON.stringify(withThreadRoutes(MS_DIR, msRoutes), null, 2)}\n`);
for (const [pathname, { w, h, paint }] of images) {
  const file = join(CDN_DIR, pathname);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, encodePng(w, h, paint));
}
console.log(`wrote ${pages.length} pages, ${images.size} images`);
