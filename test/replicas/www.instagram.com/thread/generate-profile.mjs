// Writes the long Instagram profile replica (issue #4, "capture profile with posts"): profile-long.html (English) and
// profile-long-es.html (Spanish interface), whose static markup is the profile header and the grid's first page (so
// unit tests can read them without running scripts; ig-profile.js takes over in a browser). Run:
//   node test/replicas/www.instagram.com/thread/generate-profile.mjs
// Stable hooks only, as on the real site: roles, aria-labels (translated), href shapes; the x…/_a… class names are
// decoration. Truth files (*.truth.json) are written by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const sandbox = {};
vm.runInNewContext(readFileSync(join(here, 'ig-profile-data.js'), 'utf8'), sandbox);
const P = sandbox.__holdfastIgProfileReplica;
const { esc, svg } = P;
const O = P.OWNER;
const V = P.VIEWER;

// The site's look, as the single-page replicas have it, plus the grid.
const styles = (readFileSync(join(here, '..', 'profile.html'), 'utf8').match(/<style>[\s\S]*?<\/style>/g) ?? []).join('\n');
const EXTRA = `<style>.xgrid-row{display:flex;gap:4px;height:300px;margin-bottom:4px}.xgrid-cell{flex:1 1 0;min-width:0;height:300px;overflow:hidden;position:relative;background:#efefef}
.xgrid-cell ._aagu,.xgrid-cell ._aagv{height:100%}.xgrid-cell img{width:100%;height:300px;object-fit:cover;display:block}
._aatp{position:absolute;top:8px;right:8px;color:#fff;filter:drop-shadow(0 0 2px rgba(0,0,0,.6))}.xgrid-spin{height:64px;align-items:center}
[role=tablist]{gap:60px;border-top:1px solid #dbdbdb;margin-bottom:4px;padding:12px 0}[role=tab][aria-selected=true]{font-weight:600}</style>`;

const avatar = (L, h, src, size) => `<img alt="${esc(L.pp(h))}" class="xpdipgo x972fbf xcfux6l x1qhh985 xk390pu x5yr21d" draggable="false" src="${esc(src)}" height="${size}" width="${size}" style="width:${size}px;height:${size}px">`;

function nav(L) {
  const item = (href, label, icon) =>
    `<div class="x1n2onr6"><a class="x1i10hfl xjqpnuy xa49m3k _a6hd" href="${href}" role="link" tabindex="0"><div class="x9f619 x3nfvp2 xr9ek0c xjpr12u">${icon}<div class="x9f619 xxk0z11 xvy4d1p"><span class="x1lliihq x193iq5w x6ikm8r">${esc(label)}</span></div></div></a></div>`;
  return `<div class="x1vjfegm x1i1uccp xnz67gz x9f619 xh8yej3"><div class="x1iyjqo2 xh8yej3">${item('/', L.home, svg(L.home, '', 24))}${item('/explore/', L.explore, svg(L.explore, '', 24))}${item('/direct/inbox/', L.messages, svg(L.messages, '', 24))}${item(`/${V.handle}/`, L.profile, `<span class="x1lliihq" role="link" tabindex="-1">${avatar(L, V.handle, V.pic, 24)}</span>`)}</div></div>`;
}

const BIO = 'backup acct. they can’t ban all of us 🖤\nmain: @r.vance_22';

function header(L) {
  const counts = `<ul class="x78zum5 x1q0g3np xieb3on"><li class="xl565be x1m39q7l"><div class="x6s0dn4"><span class="x5n08af x1s688f"><span class="html-span xdj266r">${P.N + 1}</span></span> ${esc(L.posts)}</div></li><li class="xl565be x1m39q7l"><div class="x6s0dn4"><a class="x1i10hfl xjbqb8w" href="/${O.handle}/followers/" role="link" tabindex="0"><span class="x5n08af x1s688f" title="88"><span class="html-span">88</span></span> ${esc(L.followers)}</a></div></li><li class="xl565be x1m39q7l"><div class="x6s0dn4"><a class="x1i10hfl xjbqb8w" href="/${O.handle}/following/" role="link" tabindex="0"><span class="x5n08af x1s688f"><span class="html-span">12</span></span> ${esc(L.following)}</a></div></li></ul>`;
  const bio = esc(BIO).replace('@r.vance_22', '<a class="x1i10hfl xjbqb8w x1ejq31n _a6hd" href="/r.vance_22/" role="link" tabindex="0">@r.vance_22</a>');
  const dots = '<circle cx="12" cy="24" r="3"></circle><circle cx="24" cy="24" r="3"></circle><circle cx="36" cy="24" r="3"></circle>';
  return `<header class="x1qjc9v5 x78zum5 x1q0g3np x2lah0s x1n2onr6"><section class="x6s0dn4 x78zum5 xl56j7k x1iyjqo2"><div class="x6s0dn4 x78zum5"><div class="x1i10hfl x972fbf" role="button" tabindex="0" aria-disabled="false"><span class="xnz67gz x14yjl9h" role="link" tabindex="-1" style="width:150px;height:150px">${avatar(L, O.handle, O.pic, 150)}</span></div></div></section><section class="x1xdureb x1agbcgv x1iyjqo2"><div class="x6s0dn4 x78zum5 x1q0g3np"><div class="x9f619 x1n2onr6"><h2 class="x1lliihq x1plvlek xryxfnj x1n2onr6" dir="auto" tabindex="-1"><span class="x1lliihq x193iq5w x6ikm8r x10wlt62">${O.handle}</span></h2></div><div class="x78zum5"><div class="x1i10hfl xjqpnuy" role="button" tabindex="0"><div class="_ap3a _aaco _aacw">${esc(L.follow)}</div></div><div class="x1i10hfl xjqpnuy" role="button" tabindex="0"><div class="_ap3a">${esc(L.message)}</div></div><div class="x1i10hfl x972fbf" role="button" tabindex="0" aria-haspopup="menu">${svg(L.options, dots, 32)}</div></div></div>${counts}<div class="x7a106z x9f619 x78zum5 xdt5ytf x2lah0s"><span class="x1lliihq x1plvlek xryxfnj x1n2onr6 x1s688f" dir="auto">${esc(O.name)}</span><span class="_ap3a _aaco _aacu _aacx _aad7 _aade" dir="auto">${bio}</span></div></section></header>`;
}

function tabs(L) {
  return `<div class="x78zum5 xl56j7k" role="tablist"><a aria-selected="true" class="x1i10hfl" href="/${O.handle}/" role="tab" tabindex="0"><span class="x1lliihq">${esc(L.tabsPosts)}</span></a><a aria-selected="false" class="x1i10hfl" href="/${O.handle}/reels/" role="tab" tabindex="0"><span class="x1lliihq">${esc(L.tabsReels)}</span></a><a aria-selected="false" class="x1i10hfl" href="/${O.handle}/tagged/" role="tab" tabindex="0"><span class="x1lliihq">${esc(L.tabsTagged)}</span></a></div>`;
}

/** The grid's first page, laid out as ig-profile.js lays it out (rows of 3 in flow, no padding yet). */
function firstRows(lang) {
  const first = P.tiles(lang).slice(0, P.PAGE);
  const rows = [];
  for (let r = 0; r * P.PER_ROW < first.length; r++) {
    const cells = [];
    for (let c = 0; c < P.PER_ROW; c++) {
      const t = first[r * P.PER_ROW + c];
      cells.push(`<div class="x1lliihq x1n2onr6 xh8yej3 x1gryazu xgrid-cell" data-replica-index="${t ? t.index : 'none'}">${t ? P.tileInner(t) : ''}</div>`);
    }
    rows.push(`<div class="x78zum5 x1q0g3np xgrid-row" data-replica-row="${r}">${cells.join('')}</div>`);
  }
  return rows.join('\n');
}

function page(lang) {
  const L = P.UI[lang];
  const title = L.title(O.name, O.handle);
  const head = `<link rel="canonical" href="https://www.instagram.com/${O.handle}/"><meta property="og:type" content="profile"><meta property="og:title" content="${esc(title)}"><meta property="og:image" content="${esc(O.pic)}"><meta property="og:url" content="https://www.instagram.com/${O.handle}/"><script type="application/json" data-sjs>{"require":[["PolarisQueryPreloaderCache","add",[],[{"page_logging":{"name":"profilePage","params":{"page_id":"profilePage_${O.id}","profile_id":"${O.id}","user_id":"${V.id}"}},"polaris_profile_page":{"username":"${O.handle}"}}]]]}</script><script type="application/json" data-sjs>{"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"define":[["CurrentUserInitialData",[],{"ACCOUNT_ID":"17841461234567890","USER_ID":"${V.id}","NAME":"${V.name}"},270],["PolarisViewer",[],{"data":{"id":"${V.id}","username":"${V.handle}","full_name":"${V.name}"},"id":"${V.id}"},1]]}}]]]}</script>`;
  const main = `<div class="x78zum5 xdt5ytf x1iyjqo2">${header(L)}${tabs(L)}<div class="x78zum5 xdt5ytf"><div class="x1qjc9v5 x9f619" data-replica-grid="" style="display:flex;flex-direction:column;padding-top:0px;padding-bottom:0px">
${firstRows(lang)}
</div></div></div>`;
  const footer = `<footer class="x1qjc9v5 x9f619 x78zum5 xl56j7k" role="contentinfo"><div class="x78zum5"><a class="x1i10hfl" href="https://about.meta.com/" rel="nofollow noopener noreferrer" role="link" target="_blank"><span class="x1lliihq">Meta</span></a></div><div><span class="x1lliihq">© 2026 Instagram from Meta</span></div></footer>`;
  return `<!DOCTYPE html>
<html class="_9dls js-focus-visible _aa4d" lang="${lang}" dir="ltr" data-replica="profile-grid"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${esc(title)}</title>${head}
${styles}
${EXTRA}
</head><body class="x1cy8zhl"><div class="x1n2onr6 xzkaem6" id="mount_0_0_Pf"><div class="x9f619 x1n2onr6 x1ja2u2z x78zum5 x1q0g3np">${nav(L)}<div class="x1iyjqo2 x9f619"><section class="x78zum5 xdt5ytf x1iyjqo2 x1n2onr6"><main class="xvbhtw8 x78zum5 xdt5ytf x1iyjqo2" role="main">${main}</main>${footer}</section></div></div></div>
<script src="/thread/ig-profile-data.js"></script><script src="/thread/ig-profile.js"></script>
</body></html>
`;
}

const files = { 'profile-long.html': page('en'), 'profile-long-es.html': page('es') };
for (const [name, html] of Object.entries(files)) {
  writeFileSync(join(here, name), html);
  console.log(`${name}\t${html.length} chars`);
}
