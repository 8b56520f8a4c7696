// Writes the long Messenger conversation replica pages for both hosts (static markup = the rows shown on first load,
// so unit tests can read them without running scripts; dm.js takes over in a browser):
//   www.messenger.com/thread/dm-long.html   https://www.messenger.com/t/<id>/             2,000 messages
//   www.messenger.com/thread/dm-stall.html  https://www.messenger.com/t/<id>/             stops loading at 1,000
//   www.facebook.com/thread/messages-long.html  https://www.facebook.com/messages/t/<id>/ the same conversation
// Run: node test/replicas/www.messenger.com/thread/generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const sandbox = {};
vm.runInNewContext(readFileSync(join(here, 'dm-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastMetaDm;
const { esc, VIEWER: V, OTHER: O } = R;
const FB_DIR = join(here, '..', '..', 'www.facebook.com', 'thread');

const STYLE = `<style>
html,body{margin:0;height:100%;font:15px/1.35 system-ui,sans-serif;background:#fff;color:#050505}a{color:#385898;text-decoration:none}
[role=banner]{display:flex;gap:12px;align-items:center;background:#fff;padding:6px 16px;border-bottom:1px solid #ddd;height:44px;box-sizing:border-box}
.hf-app{display:flex;height:100vh}.hf-app.hf-fb{height:calc(100vh - 44px)}
.hf-chats{width:300px;flex:none;border-right:1px solid #ddd;overflow:auto;padding:8px}.hf-chats [role=row] a{display:flex;gap:8px;align-items:center;padding:6px;border-radius:8px}.hf-chats a[aria-current=page]{background:#e7f3ff}
[role=main]{flex:1;display:flex;flex-direction:column;min-width:0}
.hf-head{display:flex;align-items:center;gap:10px;padding:8px 12px;border-bottom:1px solid #ddd}.hf-head h2{font-size:16px;margin:0}.hf-head [role=button]{margin-left:auto;cursor:pointer}
[data-replica-scroller]{flex:1 1 0;min-height:0;overflow-y:auto;position:relative;padding:0 12px}
[role=progressbar]{display:flex;justify-content:center;padding:8px 0}[role=progressbar][hidden]{display:none}
.hf-row{box-sizing:border-box;overflow:hidden}.hf-cell{padding:2px 0}.hf-line{align-items:flex-end;gap:6px}
.hf-av img{border-radius:50%;display:block}.hf-bubble{max-width:65%;background:#f0f0f0;border-radius:18px;padding:7px 12px}.hf-bubble.hf-own{background:#0084ff;color:#fff}
.hf-unsent{color:#65676b;font-style:italic}.hf-own .hf-unsent{color:#e4e6eb}.hf-photo img{border-radius:12px;display:block}.hf-voice{display:flex;gap:8px;align-items:center}.hf-scrub{width:120px;height:4px;background:#ccc}
.hf-reaction{font-size:12px;background:#fff;border-radius:10px;display:inline-block;padding:0 4px;margin-top:2px}.hf-actions{display:flex;gap:4px;opacity:.35;font-size:12px}
.hf-divider h4{margin:8px 0;text-align:center;font-size:12px;font-weight:400;color:#65676b}
.hf-compose{display:flex;gap:8px;padding:8px 12px;border-top:1px solid #ddd}.hf-compose [role=textbox]{flex:1;background:#f0f2f5;border-radius:18px;padding:6px 12px}
</style>`;

function pageJson() {
  const cu = { ACCOUNT_ID: V.id, USER_ID: V.id, NAME: V.name, SHORT_NAME: 'Dana', IS_BUSINESS_PERSON_ACCOUNT: false, IS_MESSENGER_ONLY_USER: false, APP_ID: '2220391788200892' };
  return `<script type="application/json" data-sjs>${JSON.stringify({ require: [['ScheduledServerJS', 'handle', null, [{ __bbox: { define: [['CurrentUserInitialData', [], cu, 270]] } }]]] })}</script>`;
}

/** The rows drawn on first load: the newest items of the first page, laid out as dm.js lays them out. */
function staticRows(n) {
  const items = R.items(Math.max(0, n - 50), n);
  const tops = [];
  let y = 0;
  for (const it of items) {
    tops.push(y);
    y += it.height;
  }
  const shown = items.map((it, k) => ({ it, top: tops[k] })).slice(-30);
  return {
    height: y,
    html: shown.map(({ it, top }) => `<div role="row" class="hf-row" data-replica-key="${it.key}" style="position:absolute;left:0;right:0;top:${top}px;height:${it.height}px">${it.html}</div>`).join('\n'),
  };
}

function conversation(threadPath) {
  const rows = staticRows(2000);
  const chats = `<div aria-label="Chats" role="navigation" class="hf-chats"><h1><span>Chats</span></h1><div role="grid" aria-label="Chats">
<div role="row"><a aria-current="page" href="${threadPath}" role="link" tabindex="0"><img alt="${esc(O.name)}" height="40" width="40" src="${esc(R.AV_OTHER)}"><span dir="auto">${esc(O.name)}</span></a></div>
<div role="row"><a href="${threadPath.replace(R.THREAD, '5550001112223334').replace(R.STALL_THREAD, '5550001112223334')}" role="link" tabindex="0"><span dir="auto">Priya Shah</span></a></div></div></div>`;
  return `${chats}
<div role="main" aria-label="Conversation with ${esc(O.name)}"><div class="hf-head"><a aria-label="${esc(O.name)}" href="https://www.facebook.com/${O.handle}" role="link" tabindex="0"><img alt="${esc(O.name)}" height="36" width="36" src="${esc(R.AV_OTHER)}"></a><a href="https://www.facebook.com/${O.handle}" role="link" tabindex="0"><h2><span dir="auto">${esc(O.name)}</span></h2></a><span>Active 5m ago</span>
<div aria-label="Start a voice call" role="button" tabindex="0">📞</div><div aria-label="Start a video call" role="button" tabindex="0">🎥</div><div aria-label="Conversation information" role="button" tabindex="0">ⓘ</div></div>
<div role="grid" aria-label="Messages in conversation with ${esc(O.name)}" data-replica-scroller=""><div role="progressbar" aria-label="Loading..." aria-valuemin="0" aria-valuemax="100" hidden><svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true"><circle cx="16" cy="16" r="12" fill="none" stroke="#0084ff" stroke-width="4" stroke-dasharray="50 30"></circle></svg></div><div data-replica-inner="" style="position:relative;height:${rows.height}px">
${rows.html}
</div></div>
<div class="hf-compose"><div aria-label="Open more actions" role="button" tabindex="0">＋</div><div aria-label="Message" contenteditable="true" role="textbox" tabindex="0"><p><br></p></div><div aria-label="Send a like" role="button" tabindex="0">👍</div></div></div>`;
}

const SCRIPTS = '<script src="/thread/dm-data.js"></script><script src="/thread/dm.js"></script>';

function messengerPage(thread, extra = '') {
  return `<!DOCTYPE html>
<html id="facebook" class="__fb-light-mode messenger" lang="en" dir="ltr"${extra}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Messenger</title>
${STYLE}
${pageJson()}
</head><body><div id="mount_0_0_Hf"><div class="hf-app">${conversation(`/t/${thread}/`)}</div></div>
${SCRIPTS}
</body></html>
`;
}

function facebookPage(thread) {
  const banner = `<div role="banner"><a aria-label="Facebook" href="/" role="link">f</a><div role="navigation" aria-label="Facebook"><a aria-label="Home" href="/" role="link">Home</a></div>
<div aria-label="Messenger" role="button" tabindex="0">✉</div><div aria-label="Notifications" role="button" tabindex="0">🔔</div><a aria-label="Your profile" href="/${V.handle}" role="link" tabindex="0"><img alt="${esc(V.name)}" height="28" width="28" src="${esc(R.AV_VIEWER)}"></a></div>`;
  return `<!DOCTYPE html>
<html id="facebook" class="__fb-light-mode" lang="en" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Messenger | Facebook</title>
${STYLE}
${pageJson()}
</head><body><div id="mount_0_0_Hf">${banner}<div class="hf-app hf-fb">${conversation(`/messages/t/${thread}/`)}</div></div>
${SCRIPTS}
</body></html>
`;
}

writeFileSync(join(here, 'dm-long.html'), messengerPage(R.THREAD));
writeFileSync(join(here, 'dm-stall.html'), messengerPage(R.STALL_THREAD, ' data-stall-at="1000"'));
writeFileSync(join(FB_DIR, 'messages-long.html'), facebookPage(R.THREAD));
console.log('wrote www.messenger.com/thread/dm-long.html, dm-stall.html, www.facebook.com/thread/messages-long.html');
