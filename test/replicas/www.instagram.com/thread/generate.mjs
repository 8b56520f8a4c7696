// Writes the Instagram long-thread replica pages (static markup = what the page shows on first load, so unit tests can
// read them without running scripts; ig-thread.js takes over in a browser). Run:
//   node test/replicas/www.instagram.com/thread/generate.mjs
// Stable hooks only, as on the real site: roles, aria-labels (translated), href shapes, <time datetime>; the x…/_a…
// class names are decoration. Truth files (*.truth.json) are written by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const sandbox = {};
vm.runInNewContext(readFileSync(join(here, 'ig-thread-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastIgThreadReplica;
const { esc, svg, userLink, avatar } = R;

const STYLE = `<style>
html,body{margin:0;height:100%;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:14px;color:#000;background:#fff}
a{color:inherit;text-decoration:none}a._a6hd{color:#00376b}h1{font-size:14px;margin:0;font-weight:400;white-space:pre-line}
button{background:none;border:0;padding:0;font:inherit;color:#737373}
.x78zum5{display:flex}.xdt5ytf{flex-direction:column}.x1iyjqo2{flex-grow:1}.x1q0g3np{flex-direction:row}.x6s0dn4{align-items:center}.xl56j7k{justify-content:center}
.xnav{width:72px;flex:none;border-right:1px solid #dbdbdb;padding:8px;display:flex;flex-direction:column;gap:18px;height:100vh;box-sizing:border-box}
main{flex:1 1 0;min-width:0;height:100vh;display:flex}
.xpdipgo{border-radius:50%;object-fit:cover}
.xinbox{width:300px;flex:none;border-right:1px solid #dbdbdb;overflow:hidden}
.xconv{display:flex;flex-direction:column;height:100vh;flex:1 1 0;min-width:0}
.xhead{display:flex;align-items:center;gap:10px;padding:10px 16px;border-bottom:1px solid #dbdbdb;height:56px;box-sizing:border-box;flex:none}
.xb57i2i{flex:1 1 0;min-height:0;overflow-y:auto;display:flex;flex-direction:column-reverse}
.xcompose{flex:none;display:flex;gap:8px;align-items:center;border-top:1px solid #dbdbdb;padding:10px 16px;height:60px;box-sizing:border-box}
.xcompose [role=textbox]{flex:1;border:1px solid #dbdbdb;border-radius:22px;padding:10px 14px;min-height:20px}
.xbubble{max-width:60%;border-radius:18px;padding:8px 12px;background:#efefef;margin:2px 8px;white-space:pre-wrap}
.xsent .xbubble{background:#3797f0;color:#fff}
.xreact{display:inline-block;margin:-6px 12px 0;font-size:12px}
.xcenter{text-align:center;color:#737373;font-size:12px;padding:10px 0}
.xpost{display:flex;border:1px solid #dbdbdb;margin:20px auto;height:calc(100vh - 40px);max-width:1000px;width:100%;box-sizing:border-box}
._aatk{flex:0 0 50%;background:#000;display:flex;align-items:center}._aatk img{width:100%;display:block}
.xcol{display:flex;flex-direction:column;flex:1 1 0;min-width:0}
.xw2csxc{flex:1 1 0;min-height:0;overflow-y:auto;padding:12px 16px}
.xbrow{display:flex;gap:10px;padding:6px 0}.x540dpk{margin-left:42px}.x1q0g3np.x6s0dn4{gap:12px}
._a9yi{display:inline-block;width:24px;border-bottom:1px solid #737373;margin-right:12px;vertical-align:middle}
.xsection{display:flex;gap:12px;padding:6px 16px;border-top:1px solid #efefef}
</style>`;

function viewerJson() {
  return `<script type="application/json" data-sjs>{"require":[["ScheduledServerJS","handle",null,[{"__bbox":{"define":[["PolarisViewer",[],{"data":{"id":"61234567890","username":"${R.VIEWER.handle}","full_name":"${R.VIEWER.name}"},"id":"61234567890"},1]]}}]]]}</script>`;
}

function nav(L) {
  const item = (href, label) => `<a class="x1i10hfl _a6hd" href="${href}" role="link" tabindex="0">${svg(label)}</a>`;
  return `<div class="xnav">${item('/', L.home)}${item('/direct/inbox/', L.messages)}<a class="x1i10hfl _a6hd" href="/${R.VIEWER.handle}/" role="link" tabindex="0"><span class="x1lliihq" role="link" tabindex="-1">${avatar(L, R.VIEWER.handle, R.VIEWER.pic, 24)}</span></a></div>`;
}

function page(lang, title, replica, main, attrs = '') {
  const L = R.UI[lang];
  return `<!DOCTYPE html>
<html class="_9dls js-focus-visible" lang="${lang}" dir="ltr" data-replica="${replica}"${attrs}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${esc(title)}</title>${STYLE}${viewerJson()}</head><body><div id="mount_0_0_Lt" style="display:flex">${nav(L)}<main class="x78zum5" role="main">${main}</main></div>
<script src="/thread/ig-thread-data.js"></script><script src="/thread/ig-thread.js"></script>
</body></html>
`;
}

// ------------------------------------------------------------------ the conversation

const PAGE = 50;
const VIEW = 900 - 56 - 60; // the viewport the tests use, less the header and the composer

/** The newest rows of the first page, laid out as ig-thread.js lays them out (absolute, measured from the top). */
function dmStaticRows(lang) {
  const all = R.dm(R.DM_N, lang);
  const items = R.dmItems(all, all.length - PAGE);
  let y = 0;
  const laid = items.map((it) => {
    const top = y;
    y += it.height;
    return { it, top };
  });
  const shown = laid.filter((x) => x.top + x.it.height >= y - VIEW - 250).slice(-30);
  const rows = shown.map(({ it, top }) => {
    const style = `position:absolute;left:0;right:0;top:${top}px;height:${it.height}px`;
    return it.type === 'divider'
      ? `<div class="x1n2onr6" role="none" style="${style}">${R.dividerInner(it.text)}</div>`
      : `<div class="${R.messageRowClass(it.m)}" role="none" style="${style}">${R.messageInner(it.m, lang)}</div>`;
  });
  return { rows: rows.join('\n'), height: y };
}

function dmPage(lang, threadId, attrs = '') {
  const L = R.UI[lang];
  const O = R.OTHER;
  const { rows, height } = dmStaticRows(lang);
  const header = `<div class="xhead"><div class="x1i64zmx">${userLink(O.handle, avatar(L, O.handle, O.pic, 40))}</div><div class="x1iyjqo2">${userLink(O.handle, `<span class="x1lliihq x193iq5w" dir="auto">${esc(O.name)}</span>`)}<div><span class="x1lliihq xcenter">${esc(O.handle)}</span></div></div><div class="x78zum5" style="gap:14px"><div class="x1i10hfl" role="button" tabindex="0">${svg(L.audioCall)}</div><div class="x1i10hfl" role="button" tabindex="0">${svg(L.videoCall)}</div><div class="x1i10hfl" role="button" tabindex="0">${svg(L.convInfo)}</div></div></div>`;
  const scroller = `<div class="x78zum5 xdt5ytf x1iyjqo2 xs83m0k x1xzczws x6ikm8r x1odjw0f x1n2onr6 xh8yej3 xb57i2i"><div class="x78zum5 xdt5ytf" data-replica-inner="" style="position:relative;flex:none;height:${height}px">
${rows}
</div>${R.spinnerHtml(L, true)}</div>`;
  const composer = `<div class="xcompose"><div aria-label="${esc(L.message.replace(/\.+$/, ''))}" aria-placeholder="${esc(L.message)}" class="xzsf02u x1a2a7pz" contenteditable="true" role="textbox" spellcheck="true" tabindex="0"><p><br></p></div><div class="x1i10hfl" role="button" tabindex="0">${esc(L.send)}</div></div>`;
  const conversation = `<div aria-label="${esc(L.conversation(O.name))}" class="x1n2onr6 x1ja2u2z xconv">${header}${scroller}${composer}</div>`;
  const inboxItem = (h, name, src, preview) =>
    `<div class="x1i10hfl x78zum5 x6s0dn4" role="button" tabindex="0" style="gap:10px;padding:8px 16px"><div class="x1i64zmx">${avatar(L, h, src, 48)}</div><div class="x1iyjqo2"><span class="x1lliihq" dir="auto">${esc(name)}</span><div><span class="x1lliihq xcenter">${esc(preview)}</span></div></div></div>`;
  const inbox = `<div class="xinbox"><div class="xhead"><h1 class="x1lliihq"><span class="x1lliihq" dir="auto">${R.VIEWER.handle}</span></h1></div>${inboxItem(O.handle, O.name, O.pic, 'Do not message me again. · 1h')}${inboxItem('jun.ok', 'Jun Ok', R.VIEWER.pic, 'ok, talk later · 2d')}</div>`;
  return page(lang, 'Instagram • Direct', 'dm', `${inbox}${conversation}`, ` data-thread="${threadId}"${attrs}`);
}

// ------------------------------------------------------------------ the post

function commentThread(c, lang) {
  const replies = c.replies.length ? `<div class="x540dpk">${R.viewRepliesHtml(c.replies.length, lang)}</div>` : '';
  return `<div class="x78zum5 xdt5ytf x1n2onr6">${R.commentRow(c, lang)}${replies}</div>`;
}

function postPage(lang) {
  const L = R.UI[lang];
  const P = R.POST;
  const O = R.OTHER;
  const first = R.comments().slice(0, R.COMMENTS_PER_PAGE);
  const caption = `<div class="x1n2onr6 _a9zm"><div class="xbrow x9f619 xjbqb8w x78zum5"><div class="x1i64zmx">${userLink(O.handle, avatar(L, O.handle, O.pic, 32), 'x1i10hfl xjbqb8w x1ejq31n _a6hd')}</div><div class="x1iyjqo2 x78zum5 xdt5ytf"><div class="x78zum5"><span class="xt0psk2"><div class="x1rg5ohu">${userLink(O.handle, `<span class="_ap3a _aaco _aacw _aacx _aad7 _aade" dir="auto">${O.handle}</span>`, 'x1i10hfl xjbqb8w x1ejq31n notranslate _a6hd')}</div></span></div><div class="x1lliihq"><h1 class="_ap3a _aaco _aacu _aacx _aad7 _aade" dir="auto">${esc(P.caption)}</h1></div><div class="x78zum5 x1q0g3np x6s0dn4"><span class="x1lliihq x1plvlek xryxfnj"><a class="x1i10hfl xjbqb8w x1ejq31n xd10rxx x972fbf" href="/p/${P.code}/" role="link" tabindex="0"><time class="x1p4m5qa" datetime="${P.time}" title="Mar 10, 2026">8d</time></a></span></div></div></div></div>`;
  const list = `<div class="x78zum5 xdt5ytf x1iyjqo2" data-replica-comments="">${caption}${first.map((c) => commentThread(c, lang)).join('')}${R.loadMoreHtml(lang)}${R.spinnerHtml(L, true)}</div>`;
  const header = `<div class="x78zum5 x6s0dn4 xbrow" style="padding:10px 16px;border-bottom:1px solid #efefef"><div class="x1i64zmx">${userLink(O.handle, avatar(L, O.handle, O.pic, 32))}</div><div class="x1iyjqo2"><div class="x78zum5 x6s0dn4"><span class="xt0psk2"><div class="x1rg5ohu">${userLink(O.handle, `<span class="_ap3a _aaco _aacw _aacx _aad7 _aade" dir="auto">${O.handle}</span>`)}</div></span><span class="x1lliihq">&nbsp;•&nbsp;</span><div class="x1i10hfl" role="button" tabindex="0"><div class="_ap3a _aaco _aacw">${esc(L.follow)}</div></div></div></div><div class="x1i10hfl x972fbf" role="button" tabindex="0" aria-haspopup="menu">${svg(L.moreOptions, R.DOTS)}</div></div>`;
  const actions = `<section class="xsection x78zum5 x6s0dn4"><span><div class="x1i10hfl" role="button" tabindex="0">${svg(L.like, R.HEART)}</div></span><span><div class="x1i10hfl" role="button" tabindex="0">${svg(L.comment)}</div></span><div class="x1i10hfl" role="button" tabindex="0">${svg(L.share)}</div><div class="x1iyjqo2"></div><div class="x1i10hfl" role="button" tabindex="0">${svg(L.save)}</div></section>`;
  const likes = `<section class="xsection"><span class="x1lliihq">${esc(L.likedBy)} ${userLink('pile.on_07', '<span class="_ap3a _aaco _aacw" dir="auto">pile.on_07</span>')} · <a class="x1i10hfl" href="/p/${P.code}/liked_by/" role="link" tabindex="0"><span class="_aacl _aaco _aacw">${esc(L.others)}</span></a></span></section>`;
  const date = `<div class="xsection"><a class="x1i10hfl xjbqb8w x1ejq31n" href="/p/${P.code}/" role="link" tabindex="0"><time class="x1p4m5qa" datetime="${P.time}" title="Mar 10, 2026">Mar 10</time></a></div>`;
  const composer = `<section class="xsection"><form class="x78zum5 x1iyjqo2" method="POST"><textarea aria-label="${esc(L.addComment)}" placeholder="${esc(L.addComment)}" autocomplete="off" class="x1i0vuye" style="flex:1;border:0;resize:none"></textarea><div class="x1i10hfl" role="button" tabindex="0">${esc(L.post)}</div></form></section>`;
  const media = `<div class="_aatk _aatl"><div class="x1lliihq" style="width:100%"><div class="_aagu"><div class="_aagv"><img alt="Photo by Ryan Vance on March 10, 2026. May be an image of street." class="x5yr21d xu96u03" decoding="auto" src="${esc(P.photo)}" style="object-fit:cover"></div></div></div></div>`;
  const main = `<div class="x1yvgwvq xpost x1a02dak">${media}<div class="xcol x5yr21d"><div class="x1n2onr6 x1plvlek">${header}</div><div class="x5yr21d xw2csxc x1odjw0f x1n2onr6">${list}</div>${actions}${likes}${date}${composer}</div></div>`;
  const title = lang === 'en' ? `Ryan Vance on Instagram: "${P.caption}"` : `Ryan Vance en Instagram: "${P.caption}"`;
  return page(lang, title, 'comments', `<div style="flex:1;overflow-y:auto;padding:0 20px">${main}</div>`);
}

const files = {
  'dm-long.html': dmPage('en', '17849012345600001'),
  'dm-long-stall.html': dmPage('en', '17849012345600003', ' data-stall-at="1000"'),
  'post-long.html': postPage('en'),
  'post-long-es.html': postPage('es'),
};
for (const [name, html] of Object.entries(files)) {
  writeFileSync(join(here, name), html);
  console.log(`${name}\t${html.length} chars`);
}
