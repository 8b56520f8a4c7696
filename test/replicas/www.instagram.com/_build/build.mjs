// Generates the Instagram replica pages (test/replicas/www.instagram.com/*.html) and the CDN images they use
// (test/replicas/scontent.cdninstagram.com/v/...). Run: node test/replicas/www.instagram.com/_build/build.mjs
// The markup follows what Instagram's web DOM is known to look like (see /work/shared/notes/sites.md): stable hooks
// are roles, aria-labels (translated), href shapes, <time datetime>; the x…/_a… class names are decoration only.
// Truth files (*.truth.json) are written by hand, not generated, so they stay an independent check.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UI } from './i18n.mjs';
import { encodeJpeg } from './jpeg.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SITE = join(HERE, '..');
const CDN_DIR = join(SITE, '..', 'scontent.cdninstagram.com');
const CDN = 'https://scontent.cdninstagram.com';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---------------------------------------------------------------- images on the replica CDN
const images = new Map(); // pathname -> {w,h,paint}
function cdn(pathname, query, w, h, paint) {
  images.set(pathname, { w, h, paint });
  return `${CDN}${pathname}${query}`;
}
const flat = (rgb) => () => rgb;
const avatar = (bg, fg) => (x, y, w, h) => {
  const dx = x - (w - 1) / 2;
  const dy = y - (h - 1) / 2;
  const r = Math.sqrt(dx * dx + dy * dy);
  if (r < w * 0.22 && dy < 0) return fg; // head
  if (dy > h * 0.12 && Math.abs(dx) < w * 0.36) return fg; // shoulders
  return bg;
};
const street = (x, y, w, h) => {
  if (y < h * 0.35) return [150 + (y * 3) % 40, 190, 230]; // sky
  if (y > h * 0.8) return [70, 70, 78]; // road
  const house = Math.floor(x / (w / 4));
  const base = [[181, 101, 74], [214, 184, 120], [120, 140, 160], [190, 120, 140]][house % 4];
  if ((x % 5 === 1 || x % 5 === 2) && y % 6 >= 2 && y % 6 <= 3) return [250, 235, 160]; // windows
  return base;
};
const mountains = (shift) => (x, y, w, h) => {
  const peak = h * 0.35 + Math.abs(((x + shift) % 24) - 12) * (h / 40);
  if (y < peak) return [120 + shift * 3, 170, 225];
  if (y < peak + 3) return [240, 240, 245];
  return [60 + ((x + y) % 7) * 4, 110 - shift, 70];
};
const night = (x, y, w, h) => (y < h * 0.6 ? [20, 24, 48 + (x % 9)] : [40 + (x % 3) * 10, 40, 60]);

const q150 = (oh) => `?stp=dst-jpg_s150x150_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=1&_nc_ohc=Q7kNvgF${oh}&oh=00_AY${oh}&oe=69F0B1C2`;
const USERS = {
  holdfast_viewer: { name: 'Sam Rivera', pic: cdn('/v/t51.2885-19/454020110_1209345_viewer_n.jpg', q150('v1'), 32, 32, avatar([95, 160, 140], [240, 230, 210])) },
  'r.vance_22': { name: 'Ryan Vance', pic: cdn('/v/t51.2885-19/431188204_1093347721880214_n.jpg', q150('rv'), 32, 32, avatar([40, 40, 40], [200, 80, 60])) },
  mk_dalton: { name: 'Mike Dalton', pic: cdn('/v/t51.2885-19/440012345_771122334455_n.jpg', q150('mk'), 32, 32, avatar([220, 180, 60], [80, 50, 30])) },
  'jun.ok': { name: 'Jun Ok', pic: cdn('/v/t51.2885-19/437766554_660099887766_n.jpg', q150('jo'), 32, 32, avatar([70, 120, 200], [250, 220, 190])) },
  camila_rz: { name: 'Camila R.', pic: cdn('/v/t51.2885-19/445566778_554433221100_n.jpg', q150('cr'), 32, 32, avatar([200, 90, 150], [60, 30, 40])) },
  'tomasz.b': { name: 'Tomasz B.', pic: cdn('/v/t51.2885-19/429988776_443322110099_n.jpg', q150('tb'), 32, 32, avatar([90, 150, 90], [230, 200, 170])) },
  'lena.photos': { name: 'Lena', pic: cdn('/v/t51.2885-19/448877665_332211009988_n.jpg', q150('lp'), 32, 32, avatar([160, 120, 220], [250, 240, 230])) },
  'night.owl_alt': { name: 'n.o.', pic: cdn('/v/t51.2885-19/452211330_221100998877_n.jpg', q150('no'), 32, 32, avatar([15, 15, 40], [120, 120, 160])) },
};
const q1080 = (oh, size = 'p1080x1080') => `?stp=dst-jpg_e35_${size}_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=105&_nc_ohc=Xq3bH0aZk2QQ7kNvgE&oh=00_AYB${oh}&oe=69F1A2B3`;

// ---------------------------------------------------------------- dates
const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
};
function longDate(lang, iso) {
  const d = new Date(iso);
  const m = MONTHS[lang][d.getUTCMonth()];
  return lang === 'en' ? `${m} ${d.getUTCDate()}, ${d.getUTCFullYear()}` : `${d.getUTCDate()} de ${m} de ${d.getUTCFullYear()}`;
}
function shortDate(lang, iso) {
  const d = new Date(iso);
  const m = MONTHS[lang][d.getUTCMonth()];
  return lang === 'en' ? `${m} ${d.getUTCDate()}` : `${d.getUTCDate()} de ${m}`;
}
function rel(lang, iso, now) {
  const min = Math.floor((Date.parse(now) - Date.parse(iso)) / 60000);
  const sep = lang === 'en' ? '' : ' ';
  if (min < 60) return `${min}${sep}min`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h}${sep}h`;
  const d = Math.floor(h / 24);
  if (d < 7) return `${d}${sep}d`;
  return `${Math.floor(d / 7)}${lang === 'en' ? 'w' : ' sem'}`;
}

// ---------------------------------------------------------------- small parts
const svg = (label, body = '<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"></circle>', size = 24) =>
  `<svg aria-label="${esc(label)}" class="x1lliihq x1n2onr6 x5n08af" fill="currentColor" height="${size}" role="img" viewBox="0 0 24 24" width="${size}"><title>${esc(label)}</title>${body}</svg>`;
const dots = '<circle cx="12" cy="12" r="1.5"></circle><circle cx="6" cy="12" r="1.5"></circle><circle cx="18" cy="12" r="1.5"></circle>';
const heart = '<path d="M16.8 3.5a4.9 4.9 0 0 0-4.8 2.9 4.9 4.9 0 0 0-4.8-2.9C4.6 3.5 2.5 5.7 2.5 8.6c0 5.4 9.5 11.9 9.5 11.9s9.5-6.5 9.5-11.9c0-2.9-2.1-5.1-4.7-5.1Z" fill="none" stroke="currentColor" stroke-width="2"></path>';

const userLink = (h, inner, cls = 'x1i10hfl xjbqb8w x1ejq31n xd10rxx x1sy0etr x17r0tee x972fbf xcfux6l') =>
  `<a class="${cls}" href="/${h}/" role="link" tabindex="0">${inner}</a>`;
const avatarImg = (L, h, size = 32) =>
  `<img alt="${esc(L.pp(h))}" class="xpdipgo x972fbf xcfux6l x1qhh985 xk390pu x5yr21d" draggable="false" src="${esc(USERS[h].pic)}" height="${size}" width="${size}">`;
const mention = (h) => `<a class="x1i10hfl xjbqb8w x1ejq31n _a6hd" href="/${h}/" role="link" tabindex="0">@${h}</a>`;
const tag = (t) => `<a class="x1i10hfl xjbqb8w x1ejq31n _a6hd" href="/explore/tags/${t}/" role="link" tabindex="0">#${t}</a>`;

function nav(L, viewer) {
  const item = (href, label, icon) =>
    `<div class="x1n2onr6"><span class="x4k7w5x x1h91t0o x1h9r5lt"><div class="x1n2onr6"><a class="x1i10hfl xjqpnuy xa49m3k xqeqjp1 x2hbi6w x1ypdohk x1f6kntn _a6hd" href="${href}" role="link" tabindex="0"><div class="x9f619 x3nfvp2 xr9ek0c xjpr12u">${icon}<div class="x9f619 xxk0z11 xvy4d1p"><span class="x1lliihq x193iq5w x6ikm8r">${esc(label)}</span></div></div></a></div></span></div>`;
  const items = [
    item('/', L.home, svg(L.home)),
    item('#', L.search, svg(L.search)),
    item('/explore/', L.explore, svg(L.explore)),
    item('/reels/', L.reels, svg(L.reels)),
    item('/direct/inbox/', L.messages, svg(L.messages)),
    item('#', L.notifications, svg(L.notifications)),
    item('#', L.create, svg(L.create)),
  ];
  if (viewer) items.push(item(`/${viewer}/`, L.profile, `<span class="x1lliihq x193iq5w x6ikm8r x10wlt62" role="link" tabindex="-1">${avatarImg(L, viewer, 24)}</span>`));
  items.push(item('#', L.more, svg(L.more)));
  return `<div class="x1vjfegm x1i1uccp xnz67gz x1c9tyrk xeusxvb x1pahc9y x1ertn4p x9f619 x1e0frkt xh8yej3"><div class="x1iyjqo2 xh8yej3"><div class="x1n2onr6 x1ja2u2z"><a class="x1i10hfl" href="/" role="link" tabindex="0">${svg('Instagram', '<path d="M4 4h16v16H4z" fill="none" stroke="currentColor"></path>', 24)}</a></div><div class="x1iyjqo2 xh8yej3">${items.join('')}</div></div></div>`;
}

const STYLE = `<style>
html,body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:14px;color:#000;background:#fff}
a{color:inherit;text-decoration:none}a._a6hd{color:#00376b}h1,h2{font-size:14px;margin:0;font-weight:600}h1._ap3a,span._ap3a{font-weight:400;white-space:pre-line}
header h2{font-size:20px;font-weight:400}.x1q0g3np.x6s0dn4{gap:12px}button{background:none;border:0;padding:0;font:inherit;color:#737373}
.x9f619{box-sizing:border-box}.x78zum5{display:flex}.xdt5ytf{flex-direction:column}.x1iyjqo2{flex-grow:1}
.x1vjfegm{width:244px;border-right:1px solid #dbdbdb;padding:8px 12px;position:sticky;top:0;height:100vh}
.x1n2onr6{position:relative}.xl56j7k{justify-content:center}.x6s0dn4{align-items:center}
.xvbhtw8{padding:24px;max-width:935px;margin:0 auto}
._aagv img{width:100%;display:block}._aatk{flex:0 0 55%;max-width:55%;background:#000}
.xw2csxc{max-height:420px;overflow-y:auto;padding:12px 16px}
.xpdipgo{border-radius:50%;object-fit:cover}
.x1yvgwvq{border:1px solid #dbdbdb;display:flex}.x1a02dak{min-height:480px}
.xbrow{display:flex;gap:10px;padding:6px 0}.x540dpk{margin-left:42px}
._a9yi{display:inline-block;width:24px;border-bottom:1px solid #737373;margin-right:12px;vertical-align:middle}
.x1q0g3np{flex-direction:row}.xb57i2i{overflow-y:auto;height:calc(100vh - 140px)}
.xbubble{max-width:60%;border-radius:18px;padding:8px 12px;background:#efefef;margin:2px 8px;white-space:pre-wrap}
.xsent .xbubble{background:#3797f0;color:#fff}
.xcenter{text-align:center;color:#737373;font-size:12px;padding:10px 0}
._acay{list-style:none;margin:0;padding:0;display:flex;overflow:hidden}._acaz{flex:0 0 100%}
header.x1qjc9v5{display:flex;gap:30px;padding:20px 0}
ul.x78zum5{list-style:none;padding:0;gap:30px}
[role=dialog]{position:fixed;inset:40px;background:rgba(0,0,0,.65);display:flex;align-items:center;justify-content:center}
[role=dialog]>div{background:#fff;max-width:1000px;width:100%}
</style>`;

function viewerJson() {
  return `<script type="application/json" data-content-len="598" data-sjs>{"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"define":[["CurrentUserInitialData",[],{"ACCOUNT_ID":"17841461234567890","USER_ID":"61234567890","NAME":"Sam Rivera","SHORT_NAME":"Sam","IS_BUSINESS_PERSON_ACCOUNT":false,"HAS_SECONDARY_BUSINESS_PERSON":false,"IS_FACEBOOK_WORK_ACCOUNT":false,"IS_MESSENGER_ONLY_USER":false,"APP_ID":"936619743392459","IS_BUSINESS_DOMAIN":false},270],["PolarisViewer",[],{"data":{"id":"61234567890","username":"holdfast_viewer","full_name":"Sam Rivera"},"id":"61234567890"},1]]}}]]]}</script>`;
}
function loggedOutJson() {
  return `<script type="application/json" data-content-len="260" data-sjs>{"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"define":[["CurrentUserInitialData",[],{"ACCOUNT_ID":"0","USER_ID":"0","NAME":"","SHORT_NAME":null,"IS_BUSINESS_PERSON_ACCOUNT":false,"APP_ID":"936619743392459"},270]]}}]]]}</script>`;
}

function footer(L) {
  return `<footer class="x1qjc9v5 x9f619 x78zum5 xl56j7k" role="contentinfo"><div class="x78zum5 x1a02dak">${L.footer.map((f) => `<div class="x1i64zmx"><a class="x1i10hfl" href="https://about.meta.com/" rel="nofollow noopener noreferrer" role="link" target="_blank"><span class="x1lliihq">${esc(f)}</span></a></div>`).join('')}</div><div><span class="x1lliihq">© 2026 Instagram from Meta</span></div></footer>`;
}

function page({ lang, title, head = '', viewer, loggedOutBar = '', main, after = '', templates = '', script = true }) {
  const L = UI[lang];
  return `<!DOCTYPE html>
<html class="_9dls js-focus-visible _aa4d" lang="${lang}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, minimum-scale=1, maximum-scale=1, viewport-fit=cover"><meta name="referrer" content="origin-when-crossorigin" id="meta_referrer"><link rel="icon" href="data:,"><title>${esc(title)}</title>${head}${STYLE}${viewer ? viewerJson() : loggedOutJson()}</head><body class="x1cy8zhl"><div class="x1n2onr6 xzkaem6" id="mount_0_0_Yq"><div><div class="x9f619 x1n2onr6 x1ja2u2z"><div class="x78zum5 xdt5ytf x1t2pt76 x1n2onr6 x1ja2u2z x10cihs4"><div class="x9f619 x1n2onr6 x1ja2u2z x78zum5 x1q0g3np">${viewer ? nav(L, viewer) : ''}<div class="x1iyjqo2 x9f619">${loggedOutBar}<section class="x78zum5 xdt5ytf x1iyjqo2 x1n2onr6"><main class="xvbhtw8 x78zum5 xdt5ytf x1iyjqo2 xl56j7k" role="main">${main}</main>${footer(L)}</section></div></div></div></div></div>${after}</div>${templates}${script ? '<script src="/static/replica.js" defer></script>' : ''}</body></html>
`;
}

// ---------------------------------------------------------------- posts and comments
function timeEl(lang, iso, now, text) {
  return `<time class="x1p4m5qa" datetime="${iso}" title="${esc(longDate(lang, iso))}">${esc(text ?? rel(lang, iso, now))}</time>`;
}
function commentHref(section, code, c, parentId, replyStyle) {
  return parentId && replyStyle === 'r' ? `/${section}/${code}/c/${parentId}/r/${c.id}/` : `/${section}/${code}/c/${c.id}/`;
}

function row(L, { author, textHtml, textTag = 'span', timeHtml, actions = '', like = true }) {
  const name = `<span class="xt0psk2"><div class="x1rg5ohu">${userLink(author, `<span class="_ap3a _aaco _aacw _aacx _aad7 _aade" dir="auto">${author}</span>`, 'x1i10hfl xjbqb8w x1ejq31n xd10rxx x1sy0etr x17r0tee notranslate _a6hd')}</div></span>`;
  const text = textHtml == null ? '' : `<div class="x1lliihq"><${textTag} class="_ap3a _aaco _aacu _aacx _aad7 _aade" dir="auto">${textHtml}</${textTag}></div>`;
  const likeBtn = like ? `<div class="x1i64zmx"><span class="x1rg5ohu"><div class="x1i10hfl x972fbf" role="button" tabindex="0">${svg(L.like, heart, 12)}</div></span></div>` : '';
  return `<div class="xbrow x9f619 xjbqb8w x78zum5"><div class="x1i64zmx">${userLink(author, avatarImg(L, author), 'x1i10hfl xjbqb8w x1ejq31n _a6hd')}</div><div class="x1iyjqo2 x78zum5 xdt5ytf"><div class="x78zum5">${name}</div>${text}<div class="x78zum5 x1q0g3np x6s0dn4"><span class="x1lliihq x1plvlek xryxfnj">${timeHtml}</span>${actions}</div></div>${likeBtn}</div>`;
}

function commentActions(L, c, extra = '') {
  const likes = c.likes ? `<button class="x1i10hfl xjqpnuy" type="button"><span class="x1lliihq">${esc(L.likes(c.likes))}</span></button>` : '';
  return `${likes}<div class="x1i10hfl xjqpnuy" role="button" tabindex="0"><span class="x1lliihq">${esc(L.reply)}</span></div>${extra}<div class="x1i10hfl x972fbf" role="button" tabindex="0">${svg(L.commentOptions, dots, 24)}</div>`;
}

function commentThread(L, lang, ctx, c) {
  const { section, code, now, replyStyle } = ctx;
  const own = (x, parentId) =>
    row(L, {
      author: x.author,
      textHtml: x.html,
      timeHtml: `<a class="x1i10hfl xjbqb8w x1ejq31n xd10rxx x1sy0etr x17r0tee x972fbf" href="${commentHref(section, code, x, parentId, replyStyle)}" role="link" tabindex="0">${timeEl(lang, x.time, now)}</a>`,
      actions: commentActions(L, x, x.translate ? `<div class="x1i10hfl" role="button" tabindex="0"><span class="x1lliihq">${esc(L.seeTranslation)}</span></div>` : ''),
    });
  let replies = '';
  if (c.replies?.length && c.expanded) {
    replies = `<div class="x540dpk"><div class="x1i10hfl xjqpnuy" role="button" tabindex="0" data-replica-toggle="hide" data-view-label="${esc(L.viewReplies(c.replies.length))}"><div class="_a9yi"></div><span class="x1lliihq">${esc(L.hideReplies)}</span></div><div class="xr1yuqi">${c.replies.map((r) => `<div class="x1n2onr6">${own(r, c.id)}</div>`).join('')}</div></div>`;
  } else if (c.hiddenReplies) {
    replies = `<div class="x540dpk"><div class="x1i10hfl xjqpnuy" role="button" tabindex="0" data-replica-template="replies-${c.id}"><div class="_a9yi"></div><span class="x1lliihq">${esc(L.viewReplies(c.hiddenReplies.length))}</span></div></div>`;
    ctx.templates.push(`<template id="replies-${c.id}" data-hide-label="${esc(L.hideReplies)}">${c.hiddenReplies.map((r) => `<div class="x1n2onr6">${own(r, c.id)}</div>`).join('')}</template>`);
  }
  return `<div class="x78zum5 xdt5ytf x1n2onr6">${own(c)}${replies}</div>`;
}

function postHeader(L, author) {
  return `<div class="x78zum5 x6s0dn4 xbrow"><div class="x1i64zmx"><div aria-disabled="false" class="x1i10hfl x972fbf" role="button" tabindex="0"><canvas class="x1upo8f9 xpdipgo" height="42" width="42" style="position:absolute;top:-5px;left:-5px;height:42px;width:42px"></canvas><span class="xnz67gz x14yjl9h" role="link" tabindex="-1" style="height:32px;width:32px">${avatarImg(L, author)}</span></div></div><div class="x1iyjqo2"><div class="x78zum5 x6s0dn4"><span class="xt0psk2"><div class="x1rg5ohu">${userLink(author, `<span class="_ap3a _aaco _aacw _aacx _aad7 _aade" dir="auto">${author}</span>`)}</div></span><span class="x1lliihq">&nbsp;•&nbsp;</span><div class="x1i10hfl" role="button" tabindex="0"><div class="_ap3a _aaco _aacw">${esc(L.follow)}</div></div></div></div><div class="x1i10hfl x972fbf" role="button" tabindex="0">${svg(L.moreOptions, dots)}</div></div>`;
}

function mediaSingle(m) {
  const tags = (m.tags || []).map((h) => `<div class="x1n2onr6 _aa1y" style="left:${40}%;top:${62}%">${userLink(h, `<span class="x1lliihq">${h}</span>`, 'x1i10hfl _a6hd')}</div>`).join('');
  return `<div class="_aagu"><div class="_aagv" style="padding-bottom:125%"><img alt="${esc(m.alt)}" class="x5yr21d xu96u03 x10l6tqk x13vifvy x87ps6o xh8yej3" decoding="auto" sizes="600px" src="${esc(m.url)}" srcset="${esc(m.url.replace('p1080x1080', 'p640x640'))} 640w,${esc(m.url)} 1080w" style="object-fit:cover"></div><div class="_aagw"></div>${tags ? `<div class="x1lliihq _aa1x" aria-hidden="true">${tags}</div>` : ''}</div>`;
}
function media(L, p) {
  if (p.video) {
    return `<div class="_aatk _aatl"><div class="x5yr21d x1n2onr6 xh8yej3"><div class="x1lliihq x5yr21d"><video class="x1lliihq x5yr21d xh8yej3" playsinline="" preload="none" src="${esc(p.video.src)}" poster="${esc(p.video.poster)}" style="display:block;width:100%"></video><div class="x10l6tqk x13vifvy"><div aria-label="${esc(L.mute)}" class="x1i10hfl" role="button" tabindex="0">${svg(L.audio)}</div></div></div></div></div>`;
  }
  if (p.media.length === 1) return `<div class="_aatk _aatl"><div class="x1lliihq">${mediaSingle(p.media[0])}</div></div>`;
  const lis = p.media.map((m, i) => `<li class="_acaz" style="transform:translateX(${i * 100}%)"><div class="x1i10hfl"><div class="_aagu">${mediaSingle(m)}</div></div></li>`).join('');
  const dotsHtml = p.media.map((_, i) => `<div class="_acnb${i === 0 ? ' _acnf' : ''}"></div>`).join('');
  return `<div class="_aatk _aatl"><div class="x1n2onr6"><div class="x1lliihq _aamn"><ul class="_acay">${lis}</ul></div><button aria-label="${esc(L.carouselNext)}" class=" _afxw _al46 _al47" tabindex="-1" type="button"><div class=" _9zm2"></div></button><div class="_acng x78zum5 xl56j7k">${dotsHtml}</div></div></div>`;
}

function postBody(L, lang, p, opts) {
  const ctx = { section: p.section, code: p.code, now: opts.now, replyStyle: opts.replyStyle || 'c', templates: opts.templates };
  const caption = p.captionHtml
    ? `<div class="x1n2onr6 _a9zm">${row(L, { author: p.author, textHtml: p.captionHtml, textTag: 'h1', like: false, timeHtml: `<a class="x1i10hfl xjbqb8w x1ejq31n xd10rxx x1sy0etr x17r0tee x972fbf" href="/${p.section}/${p.code}/" role="link" tabindex="0">${timeEl(lang, p.time, opts.now)}</a>` })}</div>`
    : '';
  const comments = p.comments.map((c) => commentThread(L, lang, ctx, c)).join('');
  const more = p.moreComments
    ? `<div class="x78zum5 xl56j7k x1n2onr6"><button class="_abl-" type="button" data-replica-template="more-${p.code}"><div class="x6s0dn4 x78zum5 xl56j7k">${svg(L.loadMore, '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor"></circle><path d="M7 12h10M12 7v10" stroke="currentColor"></path>')}</div></button></div>`
    : '';
  if (p.moreComments) opts.templates.push(`<template id="more-${p.code}">${p.moreComments.map((c) => commentThread(L, lang, ctx, c)).join('')}</template>`);
  const actions = `<section class="x78zum5 x6s0dn4"><span><div class="x1i10hfl" role="button" tabindex="0">${svg(L.like, heart)}</div></span><span><div class="x1i10hfl" role="button" tabindex="0">${svg(L.comment)}</div></span><div class="x1i10hfl" role="button" tabindex="0">${svg(L.share)}</div><div class="x1iyjqo2"></div><div class="x1i10hfl" role="button" tabindex="0">${svg(L.save)}</div></section>`;
  const likes = p.likedBy
    ? `<section class="x12nagc"><span class="x1lliihq">${esc(L.likedBy)} ${userLink(p.likedBy, `<span class="_ap3a _aaco _aacw" dir="auto">${p.likedBy}</span>`)} ${esc(L.and)} <a class="x1i10hfl" href="/${p.section}/${p.code}/liked_by/" role="link" tabindex="0"><span class="_aacl _aaco _aacw">${esc(L.others)}</span></a></span></section>`
    : '';
  const date = `<div class="x1yztbdb"><a class="x1i10hfl xjbqb8w x1ejq31n" href="/${p.section}/${p.code}/" role="link" tabindex="0">${timeEl(lang, p.time, opts.now, shortDate(lang, p.time))}</a></div>`;
  const composer = opts.loggedOut
    ? `<section class="x78zum5 xl56j7k"><span class="x1lliihq"><a class="x1i10hfl _a6hd" href="/accounts/login/?next=%2F${p.section}%2F${p.code}%2F&amp;source=post_comment_input" role="link" tabindex="0">${esc(L.login)}</a> ${esc(L.loginPrompt)}</span></section>`
    : `<section class="x78zum5"><form class="x78zum5 x1iyjqo2" method="POST"><textarea aria-label="${esc(L.addComment)}" placeholder="${esc(L.addComment)}" autocomplete="off" autocorrect="off" class="x1i0vuye xvbhtw8"></textarea><div class="x1i10hfl" role="button" tabindex="0">${esc(L.post)}</div></form></section>`;
  return `<div class="x1yvgwvq xjd31um x1ixjvfu xwt6s21 x13fuv20 x178xt8z x78zum5 x1a02dak">${media(L, p)}<div class="x78zum5 xdt5ytf x1iyjqo2 x5yr21d"><div class="x1n2onr6 x1plvlek">${postHeader(L, p.author)}</div><div class="x5yr21d xw2csxc x1odjw0f x1n2onr6"><div class="x78zum5 xdt5ytf x1iyjqo2">${caption}${comments}${more}</div></div>${actions}${likes}${date}${composer}</div></div>`;
}

function morePosts(L, author, items) {
  return `<div class="x1qjc9v5 x78zum5 xdt5ytf"><div class="x1n2onr6"><span class="x1lliihq">${esc(L.morePostsFrom)} ${userLink(author, `<span dir="auto">${author}</span>`)}</span></div><div class="x78zum5">${items.map((it) => `<div class="x1lliihq x1n2onr6"><a class="x1i10hfl" href="/${author}/p/${it.code}/" role="link" tabindex="0"><div class="_aagu"><div class="_aagv"><img alt="${esc(it.alt)}" class="x5yr21d xu96u03 x10l6tqk" src="${esc(it.url)}" style="object-fit:cover"></div></div></a></div>`).join('')}</div></div>`;
}

function postHead(p, title, desc, { canonical } = {}) {
  const url = `https://www.instagram.com/${p.section}/${p.code}/`;
  const img = p.video ? p.video.poster : p.media[0].url;
  return `<link rel="canonical" href="${esc(canonical || url)}"><meta property="og:site_name" content="Instagram"><meta property="og:title" content="${esc(title)}"><meta property="og:image" content="${esc(img)}"><meta property="og:type" content="${p.video ? 'video' : 'article'}"><meta property="og:url" content="${esc(canonical || url)}"><meta property="og:description" content="${esc(desc)}"><meta name="description" content="${esc(desc)}"><meta property="al:ios:url" content="instagram://media?id=3581234567890123456"><meta property="al:android:package" content="com.instagram.android">`;
}

// ---------------------------------------------------------------- data: the harassment post
const NOW = '2026-03-04T09:00:00.000Z';
const POST = {
  section: 'p',
  code: 'DRk3mQ2jXaB',
  author: 'r.vance_22',
  time: '2026-03-03T01:14:09.000Z',
  captionHtml: `Guess who I saw downtown today 👀<br>${mention('holdfast_viewer')} you can't hide forever.<br>More soon… ${tag('watching')} ${tag('found')}`,
  media: [
    {
      url: cdn('/v/t51.2885-15/482913377_18047711234017783_5520831998765432101_n.jpg', q1080('7x2QeLm0'), 160, 200, street),
      alt: 'Photo by Ryan Vance on March 03, 2026. May be an image of street and building.',
      tags: ['holdfast_viewer'],
    },
  ],
  likedBy: 'mk_dalton',
  comments: [
    {
      id: '18054321987654321', author: 'mk_dalton', time: '2026-03-03T01:20:44.000Z', likes: 4, translate: true,
      html: "lol she's going to freak out 😂😂",
      expanded: true,
      replies: [
        { id: '18061122334455667', author: 'holdfast_viewer', time: '2026-03-03T07:02:10.000Z', likes: 0,
          html: `${mention('mk_dalton')} ${mention('r.vance_22')} This is harassment. I've reported this account and I'm keeping copies of everything.` },
        { id: '18072233445566778', author: 'r.vance_22', time: '2026-03-03T07:15:51.000Z', likes: 2,
          html: `${mention('holdfast_viewer')} reported 🙄 go ahead, I have 3 other accounts` },
      ],
    },
    { id: '18033445566778899', author: 'jun.ok', time: '2026-03-03T02:03:00.000Z', likes: 7, html: 'Not cool man. Take this down.' },
    {
      id: '18029988776655443', author: 'camila_rz', time: '2026-03-03T02:40:12.000Z', likes: 1, html: '🔥🔥🔥',
      hiddenReplies: [
        { id: '18081234000000001', author: 'jun.ok', time: '2026-03-03T02:45:00.000Z', html: `${mention('camila_rz')} seriously?` },
        { id: '18081234000000002', author: 'camila_rz', time: '2026-03-03T02:47:30.000Z', html: `${mention('jun.ok')} it's a joke relax` },
        { id: '18081234000000003', author: 'lena.photos', time: '2026-03-03T03:01:00.000Z', html: 'not funny' },
      ],
    },
    { id: '18044556677889900', author: 'tomasz.b', time: '2026-03-03T03:11:05.000Z', html: 'Who is this even about?<br>Feels like a lot of people already know.' },
    { id: '18090011223344556', author: 'r.vance_22', time: '2026-03-03T04:30:00.000Z', likes: 3, html: `more pics tomorrow ${tag('found')} 📸` },
    { id: '18011223344556677', author: 'lena.photos', time: '2026-03-03T05:52:19.000Z', html: `${mention('jun.ok')} agreed. Reported.` },
  ],
  moreComments: [
    { id: '18099887766554433', author: 'mk_dalton', time: '2026-03-03T06:10:00.000Z', html: 'who cares 🤷' },
    { id: '18099887766554434', author: 'jun.ok', time: '2026-03-03T06:12:00.000Z', html: `${mention('mk_dalton')} she does, obviously` },
  ],
};
const OTHER_POSTS = [
  { code: 'DPa1kL9mXyZ', alt: 'Photo by Ryan Vance on February 20, 2026.', url: cdn('/v/t51.2885-15/471100220_18041100220_n.jpg', q1080('g1', 'p640x640'), 64, 64, night) },
  { code: 'DPb2mN8nYzA', alt: 'Photo by Ryan Vance on February 14, 2026.', url: cdn('/v/t51.2885-15/470099110_18040099110_n.jpg', q1080('g2', 'p640x640'), 64, 64, street) },
  { code: 'DPc3nO7oZaB', alt: 'Photo by Ryan Vance on February 02, 2026.', url: cdn('/v/t51.2885-15/468877990_18038877990_n.jpg', q1080('g3', 'p640x640'), 64, 64, mountains(3)) },
];

function postPage(lang, { replyStyle, file }) {
  const L = UI[lang];
  const templates = [];
  const desc = {
    en: '12 likes, 6 comments - r.vance_22 on March 3, 2026: "Guess who I saw downtown today 👀 @holdfast_viewer you can\'t hide forever. More soon… #watching #found".',
    es: '12 Me gusta, 6 comentarios - r.vance_22 el 3 de marzo de 2026: "Guess who I saw downtown today 👀 @holdfast_viewer you can\'t hide forever. More soon… #watching #found".',
  }[lang];
  const title = `${lang === 'en' ? 'Ryan Vance on Instagram' : 'Ryan Vance en Instagram'}: "Guess who I saw downtown today 👀 @holdfast_viewer you can't hide forever. More soon… #watching #found"`;
  const main = `<div class="xvbhtw8 x78zum5 xdt5ytf x5yr21d x1n2onr6">${postBody(L, lang, POST, { now: NOW, replyStyle, templates })}${morePosts(L, POST.author, OTHER_POSTS)}</div>`;
  return [file, page({ lang, title, head: postHead(POST, title, desc), viewer: 'holdfast_viewer', main, templates: templates.join('') })];
}

// ---------------------------------------------------------------- logged-out post by the back-up account
const LO_POST = {
  section: 'p',
  code: 'DQx7Lk1oPzR',
  author: 'night.owl_alt',
  time: '2026-03-10T22:05:31.000Z',
  captionHtml: 'new account, same me 😈<br>you can block all you want',
  media: [{ url: cdn('/v/t51.2885-15/489911223_18050011223_n.jpg', q1080('lo1'), 160, 160, night), alt: 'Photo by n.o. on March 10, 2026. May be an image of night sky.' }],
  comments: [
    { id: '18100200300400501', author: 'r.vance_22', time: '2026-03-10T22:09:02.000Z', html: '😂 classic' },
    { id: '18100200300400502', author: 'mk_dalton', time: '2026-03-10T23:40:45.000Z', html: `${mention('night.owl_alt')} lmao` },
  ],
};
function loggedOutPage() {
  const L = UI.en;
  const templates = [];
  const bar = `<nav class="x78zum5 x6s0dn4 x1qjc9v5"><div class="x1iyjqo2"><a class="x1i10hfl" href="/" role="link" tabindex="0">${svg('Instagram')}</a></div><div class="x78zum5"><a class="x1i10hfl _acan _acap" href="/accounts/login/?next=%2Fp%2FDQx7Lk1oPzR%2F&amp;source=desktop_nav" role="link" tabindex="0"><div class="x9f619">${esc(L.login)}</div></a><a class="x1i10hfl _a6hd" href="/accounts/emailsignup/" role="link" tabindex="0"><span class="x1lliihq">${esc(L.signup)}</span></a></div></nav>`;
  const title = 'n.o. on Instagram: "new account, same me 😈 you can block all you want"';
  const main = `<div class="xvbhtw8 x78zum5 xdt5ytf">${postBody(L, 'en', LO_POST, { now: '2026-03-11T08:00:00.000Z', loggedOut: true, templates })}</div>`;
  return ['post-logged-out.html', page({ lang: 'en', title, head: postHead(LO_POST, title, '3 likes, 2 comments - night.owl_alt on March 10, 2026: "new account, same me 😈 you can block all you want".'), loggedOutBar: bar, main, templates: templates.join('') })];
}

// ---------------------------------------------------------------- reel
const REEL = {
  section: 'reel',
  code: 'DSb2QwErTyU',
  author: 'r.vance_22',
  time: '2026-03-05T19:45:00.000Z',
  captionHtml: `👀 ${tag('found')} ${mention('holdfast_viewer')}`,
  video: {
    src: 'blob:https://www.instagram.com/5f8e2a1c-3b7d-4e9a-9c0f-2d6b8a1e4f70',
    poster: cdn('/v/t51.29350-15/490011223_1122334455667788_n.jpg', '?stp=dst-jpg_e15_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=109&oh=00_AYBreel01&oe=69F2B3C4', 96, 160, street),
  },
  comments: [
    { id: '18120000000000001', author: 'mk_dalton', time: '2026-03-05T19:50:10.000Z', html: 'bro 💀' },
    { id: '18120000000000002', author: 'jun.ok', time: '2026-03-05T20:31:44.000Z', likes: 5, html: `This is stalking. ${mention('r.vance_22')} reported.` },
  ],
};
function reelPage() {
  const L = UI.en;
  const templates = [];
  // Reel comments link to /p/<code>/c/<id>/: Instagram files reels under the same media shortcode.
  const p = { ...REEL };
  const body = postBody(L, 'en', { ...p, section: 'reel' }, { now: '2026-03-06T09:00:00.000Z', templates }).replace(/href="\/reel\/DSb2QwErTyU\/c\//g, 'href="/p/DSb2QwErTyU/c/');
  const title = 'Ryan Vance on Instagram: "👀 #found @holdfast_viewer"';
  return ['reel.html', page({ lang: 'en', title, head: postHead(REEL, title, '31 likes, 2 comments - r.vance_22 on March 5, 2026: "👀 #found @holdfast_viewer".'), viewer: 'holdfast_viewer', main: `<div class="xvbhtw8 x78zum5 xdt5ytf">${body}</div>`, templates: templates.join('') })];
}

// ---------------------------------------------------------------- profile
function profileHeader(L, u) {
  const counts = `<ul class="x78zum5 x1q0g3np xieb3on"><li class="xl565be x1m39q7l x1uw6ca5 x2pgyrj"><div class="x6s0dn4"><span class="x5n08af x1s688f"><span class="html-span xdj266r x11i5rnm">${u.posts}</span></span> ${esc(L.posts)}</div></li><li class="xl565be x1m39q7l"><div class="x6s0dn4">${u.followersLink ? `<a class="x1i10hfl xjbqb8w" href="/${u.handle}/followers/" role="link" tabindex="0"><span class="x5n08af x1s688f" title="${esc(u.followers)}"><span class="html-span">${esc(u.followers)}</span></span> ${esc(L.followers)}</a>` : `<span class="x5n08af" title="${esc(u.followers)}"><span class="html-span">${esc(u.followers)}</span></span> ${esc(L.followers)}`}</div></li><li class="xl565be x1m39q7l"><div class="x6s0dn4">${u.followersLink ? `<a class="x1i10hfl xjbqb8w" href="/${u.handle}/following/" role="link" tabindex="0"><span class="x5n08af x1s688f"><span class="html-span">${esc(u.following)}</span></span> ${esc(L.following)}</a>` : `<span class="x5n08af"><span class="html-span">${esc(u.following)}</span></span> ${esc(L.following)}`}</div></li></ul>`;
  const website = u.website
    ? `<div class="x3nfvp2 x193iq5w"><a class="x1i10hfl xjbqb8w x1ejq31n _a6hd" href="https://l.instagram.com/?u=${encodeURIComponent(u.website.href)}&amp;e=AT0Hx7bP2mQ" rel="me nofollow noopener noreferrer" role="link" tabindex="0" target="_blank"><span class="x1lliihq">${svg(L.linkIcon, '<path d="M8 12h8" stroke="currentColor"></path>', 12)}<span class="x1lliihq x193iq5w" dir="auto">${esc(u.website.text)}</span></span></a></div>`
    : '';
  const threads = u.threads
    ? `<div class="x78zum5"><a class="x1i10hfl xjbqb8w" href="https://www.threads.net/@${u.handle}?xmt=AQGzKe1b" role="link" tabindex="0" target="_blank">${svg('Threads', '<circle cx="12" cy="12" r="6" fill="none" stroke="currentColor"></circle>', 12)}<span class="x1lliihq" dir="auto">${u.handle}</span></a></div>`
    : '';
  return `<header class="x1qjc9v5 x78zum5 x1q0g3np x2lah0s x1n2onr6 x1plvlek xryxfnj x1c4vz4f x2lah0s xdt5ytf xqjyukv x1qjc9v5 x1oa3qoh x1nhvcw1"><section class="x6s0dn4 x78zum5 xl56j7k x1iyjqo2"><div class="x6s0dn4 x78zum5"><div class="x1i10hfl x972fbf" role="button" tabindex="0" aria-disabled="false"><span class="xnz67gz x14yjl9h" role="link" tabindex="-1" style="width:150px;height:150px">${avatarImg(L, u.handle, 150).replace('height="150" width="150"', 'height="150" width="150" style="width:150px;height:150px"')}</span></div></div></section><section class="x1xdureb x1agbcgv x1iyjqo2"><div class="x6s0dn4 x78zum5 x1q0g3np"><div class="x9f619 x1n2onr6"><h2 class="x1lliihq x1plvlek xryxfnj x1n2onr6 x193iq5w xeuugli x1fj9vlw x13faqbe x1vvkbs x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x x1i0vuye x1ms8i2q xo1l8bm x5n08af x10wh9bi x1wdrske x8viiok x18hxmgj" dir="auto" tabindex="-1"><span class="x1lliihq x193iq5w x6ikm8r x10wlt62 xlyipyv xuxw1ft">${u.handle}</span></h2></div><div class="x78zum5"><div class="x1i10hfl xjqpnuy" role="button" tabindex="0"><div class="_ap3a _aaco _aacw">${esc(L.follow)}</div></div><div class="x1i10hfl xjqpnuy" role="button" tabindex="0"><div class="_ap3a">${esc(L.message)}</div></div><div class="x1i10hfl x972fbf" role="button" tabindex="0">${svg(L.options, dots, 32)}</div></div></div>${counts}<div class="x7a106z x972fbf xcfux6l x1qhh985 xm0m39n x9f619 x78zum5 xdt5ytf x2lah0s xdj266r"><span class="x1lliihq x1plvlek xryxfnj x1n2onr6 x1ji0vk5 x18bv5gf x193iq5w xeuugli x1fj9vlw x13faqbe x1vvkbs x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x x1i0vuye xvs91rp x1s688f x5n08af x10wh9bi x1wdrske x8viiok x18hxmgj" dir="auto">${esc(u.name)}</span>${u.category ? `<div class="x9f619 x1n2onr6"><div class="_ap3a _aaco _aacu _aacy _aad6 _aade">${esc(u.category)}</div></div>` : ''}<span class="_ap3a _aaco _aacu _aacx _aad7 _aade" dir="auto">${u.bioHtml}</span>${website}${threads}</div></section></header>`;
}
function profileGrid(L, u, items) {
  const tabs = `<div class="x78zum5 xl56j7k" role="tablist"><a aria-selected="true" class="x1i10hfl" href="/${u.handle}/" role="tab" tabindex="0"><span class="x1lliihq">${esc(L.tabsPosts)}</span></a><a aria-selected="false" class="x1i10hfl" href="/${u.handle}/reels/" role="tab" tabindex="0"><span class="x1lliihq">${esc(L.tabsReels)}</span></a><a aria-selected="false" class="x1i10hfl" href="/${u.handle}/tagged/" role="tab" tabindex="0"><span class="x1lliihq">${esc(L.tabsTagged)}</span></a></div>`;
  const grid = `<div class="x78zum5 xdt5ytf"><div class="x78zum5 x1q0g3np">${items.map((it) => `<div class="x1lliihq x1n2onr6 xh8yej3"><a class="x1i10hfl xjbqb8w _a6hd" href="/${u.handle}/${it.section || 'p'}/${it.code}/" role="link" tabindex="0"><div class="_aagu"><div class="_aagv"><img alt="${esc(it.alt)}" class="x5yr21d xu96u03 x10l6tqk x13vifvy x87ps6o xh8yej3" src="${esc(it.url)}" style="object-fit:cover"></div><div class="_aagw"></div></div></a></div>`).join('')}</div></div>`;
  return tabs + grid;
}
const VANCE = {
  handle: 'r.vance_22', name: 'Ryan Vance', posts: '57', followers: '1,204', following: '388', followersLink: true, category: 'Artist',
  bioHtml: `📷 shooting what I want\nbackup: ${mention('night.owl_alt')}\nDMs open 😉`,
  website: { href: 'https://ryanvance.example/gallery', text: 'ryanvance.example/gallery' },
  threads: true,
};
function profilePage() {
  const L = UI.en;
  const items = [
    { code: POST.code, alt: POST.media[0].alt, url: POST.media[0].url },
    { section: 'reel', code: REEL.code, alt: '', url: REEL.video.poster },
    ...OTHER_POSTS,
  ];
  const head = `<link rel="canonical" href="https://www.instagram.com/r.vance_22/"><meta property="og:type" content="profile"><meta property="og:title" content="Ryan Vance (@r.vance_22) • Instagram photos and videos"><meta property="og:image" content="${esc(USERS['r.vance_22'].pic)}"><meta property="og:description" content="1,204 Followers, 388 Following, 57 Posts - See Instagram photos and videos from Ryan Vance (@r.vance_22)"><meta property="og:url" content="https://www.instagram.com/r.vance_22/"><meta name="description" content="1,204 Followers, 388 Following, 57 Posts - See Instagram photos and videos from Ryan Vance (@r.vance_22)"><script type="application/json" data-content-len="301" data-sjs>{"require":[["PolarisQueryPreloaderCache","add",[],[{"page_logging":{"name":"profilePage","params":{"page_id":"profilePage_48213377045","profile_id":"48213377045","user_id":"61234567890"}},"polaris_profile_page":{"username":"r.vance_22"}}]]]}</script>`;
  const main = `<div class="x78zum5 xdt5ytf x1iyjqo2">${profileHeader(L, VANCE)}${profileGrid(L, VANCE, items)}</div>`;
  return ['profile.html', page({ lang: 'en', title: 'Ryan Vance (@r.vance_22) • Instagram photos and videos', head, viewer: 'holdfast_viewer', main })];
}

// ---------------------------------------------------------------- carousel: post opened over tomasz.b's profile
const CAROUSEL = {
  section: 'p',
  code: 'DSa9vT4kLmN',
  author: 'tomasz.b',
  time: '2026-03-01T16:20:00.000Z',
  captionHtml: `Weekend in the Tatras 🏔️<br>Day 1 → 3 with ${mention('lena.photos')}`,
  media: [
    { url: cdn('/v/t51.2885-15/485500111_18049000111_n.jpg', q1080('c1'), 160, 200, mountains(0)), alt: 'Photo by Tomasz B. on March 01, 2026. May be an image of mountain and snow.' },
    { url: cdn('/v/t51.2885-15/485500222_18049000222_n.jpg', q1080('c2'), 160, 200, mountains(5)), alt: 'Photo by Tomasz B. on March 01, 2026. May be an image of mountain, lake and nature.' },
    { url: cdn('/v/t51.2885-15/485500333_18049000333_n.jpg', q1080('c3'), 160, 200, mountains(11)), alt: 'Photo by Tomasz B. on March 01, 2026. May be an image of 2 people, mountain and hiking.' },
  ],
  comments: [{ id: '18130000000000001', author: 'lena.photos', time: '2026-03-01T18:02:33.000Z', likes: 1, html: 'stunning!! 😍 take me back' }],
};
function carouselPage() {
  const L = UI.en;
  const templates = [];
  const tomasz = { handle: 'tomasz.b', name: 'Tomasz B.', posts: '214', followers: '12.5K', following: '640', followersLink: true, bioHtml: 'mountains, film, coffee ☕', threads: false };
  const items = CAROUSEL.media.map((m, i) => ({ code: i === 0 ? CAROUSEL.code : `DSa9vT4kLm${i}`, alt: m.alt, url: m.url }));
  // After in-app navigation from the profile the page head still describes the profile: only the URL and the dialog
  // tell which post is open.
  const head = `<link rel="canonical" href="https://www.instagram.com/tomasz.b/"><meta property="og:title" content="Tomasz B. (@tomasz.b) • Instagram photos and videos"><meta property="og:url" content="https://www.instagram.com/tomasz.b/"><script type="application/json" data-sjs>{"require":[["PolarisQueryPreloaderCache","add",[],[{"page_logging":{"name":"profilePage","params":{"page_id":"profilePage_39001122334","profile_id":"39001122334","user_id":"61234567890"}}}]]]}</script>`;
  const main = `<div class="x78zum5 xdt5ytf x1iyjqo2">${profileHeader(L, tomasz)}${profileGrid(L, tomasz, items)}</div>`;
  const dialog = `<div class="x1n2onr6 xzkaem6"><div class="x9f619 x1n2onr6 x1ja2u2z"><div aria-modal="true" class="x1n2onr6" role="dialog" tabindex="-1"><div class="x1cy8zhl x9f619 x78zum5">${postBody(L, 'en', CAROUSEL, { now: '2026-03-04T09:00:00.000Z', templates })}</div><div class="x10l6tqk"><div class="x1i10hfl" role="button" tabindex="0">${svg(L.close)}</div></div></div></div></div>`;
  return ['carousel.html', page({ lang: 'en', title: 'Tomasz B. (@tomasz.b) • Instagram photos and videos', head, viewer: 'holdfast_viewer', main, after: dialog, templates: templates.join('') })];
}

// ---------------------------------------------------------------- unavailable
function unavailablePage() {
  const L = UI.en;
  const main = `<div class="x78zum5 xdt5ytf xl56j7k x6s0dn4"><span class="x1lliihq x1plvlek xryxfnj" dir="auto"><h2 class="x1lliihq">${esc(L.unavailTitle)}</h2></span><div class="x1n2onr6"><span class="x1lliihq" dir="auto">${esc(L.unavailBody)} <a class="x1i10hfl _a6hd" href="/" role="link" tabindex="0">${esc(L.goBack)}</a></span></div></div>`;
  return ['unavailable.html', page({ lang: 'en', title: 'Instagram', viewer: 'holdfast_viewer', main })];
}

// ---------------------------------------------------------------- direct messages
const DM_IMAGE = cdn('/v/t1.15752-9/481234567_1122334455667788_9988776655443322110_n.jpg', '?stp=dst-jpg_s480x480_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=110&oh=03_Q7cD1ExAmPlE&oe=69F9C1D2', 120, 160, street);
function dmThread(lang) {
  const L = UI[lang];
  const other = 'r.vance_22';
  const div = {
    en: ['Mar 2, 2026, 10:41 PM', 'Mar 3, 2026, 1:07 AM', 'Today 9:02 AM'],
    pt: ['2 de mar. de 2026, 22:41', '3 de mar. de 2026, 01:07', 'Hoje 09:02'],
  }[lang];
  const divider = (t) => `<div class="x1n2onr6" role="none"><div class="xcenter x78zum5 xl56j7k"><span class="x1lliihq x193iq5w">${esc(t)}</span></div></div>`;
  const bubbleText = (html) => `<div class="xbubble x1cy8zhl x9f619" role="none"><div class="x6prxxf xvq8zen xo1l8bm html-div" dir="auto">${html}</div></div>`;
  const reaction = (e) => `<div aria-label="${esc(L.reacted)}" class="x1i10hfl x1n2onr6 x6s0dn4" role="button" tabindex="0"><span class="x1lliihq">${e}</span></div>`;
  const recv = (content, withAvatar, extra = '') =>
    `<div class="x1n2onr6" role="none"><div class="x78zum5 x1q0g3np x6s0dn4"><div class="x1i64zmx" style="width:28px">${withAvatar ? userLink(other, avatarImg(L, other, 28)) : ''}</div><div class="x1cy8zhl x9f619" role="presentation">${content}${extra}</div></div></div>`;
  const sent = (content, extra = '') =>
    `<div class="x1n2onr6 xsent" role="none"><div class="x78zum5 x1q0g3np" style="justify-content: flex-end;"><div class="x1cy8zhl x9f619" role="presentation">${content}${extra}</div></div></div>`;
  const msg = {
    en: ['hey. saw your post', "why'd you block me on the other account?", 'Please stop contacting me.', 'recognise this street? 🏠', "I'm saving all of this.\nIf you need help: ", "you'll see me soon 👋"],
    pt: ['hey. saw your post', "why'd you block me on the other account?", 'Please stop contacting me.', 'recognise this street? 🏠', "I'm saving all of this.\nIf you need help: ", "you'll see me soon 👋"],
  }[lang];
  const image = `<div aria-label="${esc(L.openPhoto)}" class="x1i10hfl x1n2onr6" role="button" tabindex="0"><img alt="" class="x1lliihq x5yr21d xh8yej3 x1lq5wgf" src="${esc(DM_IMAGE)}" height="240" width="180" style="border-radius:18px;max-width:180px"></div>`;
  const voice = `<div class="xbubble x78zum5 x6s0dn4" role="none"><div aria-label="${esc(L.play)}" class="x1i10hfl" role="button" tabindex="0">${svg(L.play, '<path d="M8 5v14l11-7z"></path>', 16)}</div><svg class="x1lliihq" height="24" viewBox="0 0 100 24" width="100">${Array.from({ length: 20 }, (_, i) => `<rect x="${i * 5}" y="${12 - ((i * 7) % 10)}" width="3" height="${2 * ((i * 7) % 10) + 2}" rx="1.5"></rect>`).join('')}</svg><div class="x1i64zmx"><span class="x1lliihq">0:14</span></div></div>`;
  const link = `<a class="x1i10hfl xjbqb8w _a6hd" href="https://l.instagram.com/?u=https%3A%2F%2Fstopncii.org%2F&amp;e=AT1x9kQ2" rel="nofollow noopener noreferrer" role="link" tabindex="0" target="_blank">https://stopncii.org/</a>`;
  const rows = [
    divider(div[0]),
    recv(bubbleText(esc(msg[0])), false),
    recv(bubbleText(esc(msg[1])), true),
    sent(bubbleText(esc(msg[2])), reaction('😂')),
    divider(div[1]),
    recv(image, false),
    recv(bubbleText(esc(msg[3])), false),
    recv(voice, true),
    `<div class="x1n2onr6" role="none"><div class="xcenter x78zum5 xl56j7k"><span class="x1lliihq" dir="auto">${esc(L.unsent(other))}</span></div></div>`,
    sent(bubbleText(esc(msg[4]) + link)),
    `<div class="x1n2onr6" role="none"><div class="x78zum5 xcenter" style="justify-content: flex-end;"><span class="x1lliihq">${esc(L.seen)}</span></div></div>`,
    divider(div[2]),
    recv(bubbleText(esc(msg[5])), true),
  ];
  const header = `<div class="x78zum5 x6s0dn4 x1qjc9v5 xbrow"><div class="x1i64zmx">${userLink(other, avatarImg(L, other, 44))}</div><div class="x1iyjqo2">${userLink(other, `<span class="x1lliihq x193iq5w" dir="auto">Ryan Vance</span>`)}<div><span class="x1lliihq xcenter">${esc(L.active)}</span></div></div><div class="x78zum5"><div class="x1i10hfl" role="button" tabindex="0">${svg(L.audioCall)}</div><div class="x1i10hfl" role="button" tabindex="0">${svg(L.videoCall)}</div><div class="x1i10hfl" role="button" tabindex="0">${svg(L.convInfo)}</div></div></div>`;
  const composer = `<div class="x78zum5 x1qjc9v5"><div aria-describedby="Mensagem" aria-label="${esc(L.msgPlaceholder.replace(/\.+$/, ''))}" aria-placeholder="${esc(L.msgPlaceholder)}" class="xzsf02u x1a2a7pz x1n2onr6 x14wi4xw" contenteditable="true" role="textbox" spellcheck="true" tabindex="0"><p class="xat24cr xdj266r"><br></p></div></div>`.replace('aria-describedby="Mensagem" ', '');
  const conversation = `<div aria-label="${esc(L.conversation('Ryan Vance'))}" class="x1n2onr6 x1ja2u2z x78zum5 xdt5ytf x1iyjqo2">${header}<div class="x78zum5 xdt5ytf x1iyjqo2 xs83m0k x1xzczws x6ikm8r x1odjw0f x1n2onr6 xh8yej3 x16o0dkt xb57i2i" data-replica-scroller="1"><div class="x78zum5 xdt5ytf x1iyjqo2">${rows.join('')}</div></div>${composer}</div>`;
  const inboxItem = (h, name, preview) =>
    `<div class="x1i10hfl x1qjc9v5 x78zum5 x6s0dn4" role="button" tabindex="0"><div class="x1i64zmx">${avatarImg(L, h, 56)}</div><div class="x1iyjqo2"><span class="x1lliihq" dir="auto">${esc(name)}</span><div><span class="x1lliihq xcenter">${esc(preview)}</span></div></div></div>`;
  const inbox = `<div class="x78zum5 xdt5ytf" style="width:360px;border-right:1px solid #dbdbdb"><div class="x78zum5"><h1 class="x1lliihq"><span class="x1lliihq" dir="auto">holdfast_viewer</span></h1></div><div class="x78zum5 xdt5ytf">${inboxItem(other, 'Ryan Vance', `${L.you}: I'm saving all of this. · 1h`)}${inboxItem('jun.ok', 'Jun Ok', 'ok, talk later · 2d')}</div></div>`;
  return `<div class="x78zum5 x1q0g3np x1iyjqo2">${inbox}<div class="x78zum5 xdt5ytf x1iyjqo2">${conversation}</div></div>`;
}
function dmPage(lang, file) {
  const title = lang === 'en' ? 'Instagram • Direct' : 'Instagram • Direct';
  return [file, page({ lang, title, viewer: 'holdfast_viewer', main: dmThread(lang) })];
}

// ---------------------------------------------------------------- write everything
const pages = [
  postPage('en', { replyStyle: 'c', file: 'post.html' }),
  postPage('es', { replyStyle: 'r', file: 'post-es.html' }),
  loggedOutPage(),
  reelPage(),
  carouselPage(),
  profilePage(),
  unavailablePage(),
  dmPage('en', 'dm.html'),
  dmPage('pt', 'dm-pt.html'),
];
for (const [file, html] of pages) {
  writeFileSync(join(SITE, file), html);
  console.log(`${file}\t${html.length} chars`);
}
for (const [pathname, { w, h, paint }] of images) {
  const out = join(CDN_DIR, pathname);
  mkdirSync(dirname(out), { recursive: true });
  const bw = Math.ceil(w / 8);
  const bh = Math.ceil(h / 8);
  writeFileSync(out, encodeJpeg(bw * 8, bh * 8, (x, y) => paint(x, y, bw, bh)));
}
console.log(`${images.size} images`);
