// Writes the long-thread replica pages (static markup = the rows shown on first load, so unit tests can read them
// without running scripts; thread.js takes over in a browser). Run: node test/replicas/x.com/thread/generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const sandbox = {};
vm.runInNewContext(readFileSync(join(here, 'thread-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastThreadReplica;
const parent = join(here, '..');
const stylesOf = (f) => (readFileSync(join(parent, f), 'utf8').match(/<style>[\s\S]*?<\/style>/g) ?? []).join('\n');
const EXTRA = `<style>.r-spinner{display:flex;justify-content:center;padding:8px 0}.r-more{padding:14px 16px;border-bottom:1px solid #eff3f4}.r-more-btn{color:#1d9bf0}
[data-replica-list]>[data-testid="cellInnerDiv"]{overflow:hidden}[data-replica-list] .r-article{height:104px;box-sizing:border-box;overflow:hidden}</style>`;
const V = R.VIEWER;
const O = R.OTHER;
const STATE = `<script nonce="rPl1ca">window.__INITIAL_STATE__={"entities":{"users":{"entities":{"${V.id}":{"id_str":"${V.id}","screen_name":"${V.handle}","name":"${V.name}"}}}},"session":{"country":"GB","language":"en","user_id":"${V.id}"}};</script>`;
const NAV = `<header role="banner" class="css-175oi2r" style="width:200px"><nav aria-label="Primary" role="navigation"><a href="/home" role="link" data-testid="AppTabBar_Home_Link"><span>Home</span></a><a href="/i/chat" role="link" data-testid="AppTabBar_DirectMessage_Link"><span>Chat</span></a><a href="/${V.handle}" aria-label="Profile" role="link" data-testid="AppTabBar_Profile_Link"><span>Profile</span></a></nav><button aria-label="Account menu" role="button" data-testid="SideNav_AccountSwitcher_Button" type="button"><div data-testid="UserAvatar-Container-${V.handle}"><img alt="" src="${R.AV_VIEWER}" class="r-avatar"></div><div><span>${V.name}</span> <span>@${V.handle}</span></div></button></header>`;
const SCRIPTS = '<script src="/thread/thread-data.js"></script><script src="/thread/thread.js"></script>';
const page = (lang, title, replica, styles, body, extraAttr = '') =>
  `<!DOCTYPE html>\n<html dir="ltr" lang="${lang}" data-replica="${replica}"${extraAttr}>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n${styles}\n${EXTRA}\n</head>\n<body style="margin:0">\n<div id="react-root" style="display:flex">${NAV}\n${body}\n</div>\n${STATE}\n${SCRIPTS}\n</body>\n</html>\n`;

/** The last `count` messages of an n-message thread, laid out like thread.js lays them out. */
function lastRows(n, count, row) {
  const msgs = [];
  for (let i = Math.max(0, n - count); i < n; i++) msgs.push(R.dmMessage(i, n));
  let y = 0;
  return msgs.map((m) => {
    const html = row(m, y);
    y += m.height;
    return html;
  }).join('\n');
}

function chatPage(convId, extraAttr = '') {
  const rows = lastRows(2000, 30, (m, y) => `<div data-dm-item-key="${m.id}" data-replica-index="${m.index}" class="py-0.5" style="position:absolute;left:0;right:0;top:${y}px;height:${m.height}px">${R.chatRowInner(m)}</div>`);
  const body = `<main role="main" class="css-175oi2r"><div data-testid="dm-container" class="flex w-full" style="width:900px;height:100vh"><section class="flex min-w-0 flex-1 flex-col" aria-label="Conversation" style="height:100vh"><div data-testid="dm-conversation-header" class="flex items-center justify-between border-b px-4 py-2"><a href="/${O.handle}" class="flex items-center gap-2"><img alt="" class="size-8 rounded-full" src="https://pbs.twimg.com/profile_images/1720000000000000777/v_x_normal.jpg"><div class="flex flex-col"><span class="font-bold"><span class="css-1jxf684 r-bcqeeo">${O.name}</span></span><span class="text-subtext2 text-sm">@${O.handle}</span></div></a><button aria-label="Conversation settings" type="button">ⓘ</button></div><div data-testid="dm-message-list" class="flex flex-col px-4" style="flex:1 1 0;min-height:0;overflow-y:auto;position:relative;display:block"><div data-replica-inner="" style="position:relative">
${rows}
</div></div><div class="flex items-center gap-2 border-t p-3"><textarea data-testid="dm-composer-textarea" class="flex-1" rows="1" placeholder="Message"></textarea><button data-testid="dm-composer-send-button" aria-label="Send" type="button">➤</button></div></section></div></main>`;
  return page('en', 'Chat / X', 'dm-chat', stylesOf('dm-chat.html'), body, `${extraAttr} data-conversation="${convId}"`);
}

function legacyPage(convId) {
  const rows = lastRows(2000, 30, (m, y) => `<div data-testid="cellInnerDiv" data-replica-index="${m.index}" style="position:absolute;left:0;right:0;top:${y}px;height:${m.height}px">${R.legacyRowInner(m)}</div>`);
  const body = `<main role="main" class="css-175oi2r"><div class="css-175oi2r" data-testid="primaryColumn" style="width:640px"><section aria-label="Section details" role="region" class="css-175oi2r"><div class="css-175oi2r" data-testid="DmActivityContainer" style="height:100vh;display:flex;flex-direction:column"><div class="css-175oi2r r-topbar r-18u37iz r-1awozwy"><a href="/${O.handle}" role="link" class="css-175oi2r r-18u37iz r-1awozwy r-1loqt21"><div class="css-175oi2r" data-testid="UserAvatar-Container-${O.handle}"><img alt="" src="https://pbs.twimg.com/profile_images/1720000000000000777/v_x_normal.jpg" class="r-dm-avatar"></div><div class="css-175oi2r"><h2 dir="ltr" aria-level="2" role="heading" class="css-146c3p1"><span><span class="css-1jxf684 r-bcqeeo">${O.name}</span></span></h2><div dir="ltr" class="css-146c3p1 r-16dba41" style="font-size:13px"><span>@${O.handle}</span></div></div></a></div><div class="css-175oi2r" data-testid="DmActivityViewport" style="flex:1 1 0;min-height:0;display:flex"><div data-testid="DmScrollerContainer" style="flex:1 1 0;overflow-y:auto;position:relative"><div data-replica-inner="" style="position:relative">
${rows}
</div></div></div><div class="css-175oi2r r-18u37iz" style="padding:8px"><div data-testid="dmComposerTextInput" contenteditable="true" role="textbox" style="flex:1;border:1px solid #cfd9de;border-radius:16px;padding:8px"></div><button data-testid="dmComposerSendButton" aria-label="Send" type="button">➤</button></div></div></section></div></main>`;
  return page('en', 'Messages / X', 'dm-legacy', stylesOf('dm-legacy.html'), body, ` data-conversation="${convId}"`);
}

function repliesPage() {
  const tree = R.replyTree();
  const cells = [];
  let y = 0;
  for (const it of tree.slice(0, 100)) {
    if (y > 1500) break;
    cells.push(`<div data-testid="cellInnerDiv" style="position:absolute;left:0;right:0;top:${y}px">${R.articleHtml(it, false)}</div>`);
    y += R.REPLY_HEIGHT;
    if (it.hidden) {
      cells.push(`<div data-testid="cellInnerDiv" style="position:absolute;left:0;right:0;top:${y}px">${R.moreCellInner('Show more replies')}</div>`);
      y += R.MORE_HEIGHT;
    }
  }
  const F = R.FOCAL;
  const body = `<main role="main" class="css-175oi2r"><div class="css-175oi2r" data-testid="primaryColumn" style="width:600px"><div class="r-topbar"><button aria-label="Back" role="button" data-testid="app-bar-back" type="button">←</button> Post</div><section aria-labelledby="accessible-list-1" role="region" class="css-175oi2r"><div data-testid="cellInnerDiv" style="position:relative">${R.articleHtml({ ...F, name: F.name }, true)}</div><div data-replica-list="" style="position:relative;height:${y}px">
${cells.join('\n')}
<div role="progressbar" aria-label="Loading" class="r-spinner" style="position:absolute;left:0;right:0;top:${y}px;height:0" hidden></div>
</div></section></div></main>`;
  return page('en', `${F.name} on X: "${F.text.slice(0, 40)}…" / X`, 'replies', stylesOf('status.html'), body);
}

writeFileSync(join(here, 'dm-chat-long.html'), chatPage('1523456789012345678-1888000000000000001'));
writeFileSync(join(here, 'dm-chat-stall.html'), chatPage('1523456789012345678-1888000000000000003', ' data-stall-at="1000"'));
writeFileSync(join(here, 'dm-legacy-long.html'), legacyPage('1523456789012345678-1888000000000000001'));
writeFileSync(join(here, 'post-replies.html'), repliesPage());
console.log('wrote dm-chat-long.html, dm-chat-stall.html, dm-legacy-long.html, post-replies.html');
