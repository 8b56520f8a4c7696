// Writes the long Facebook post replica pages (static markup = the page as first drawn, so unit tests can read it
// without running scripts; post.js takes over in a browser):
//   post-comments.html          the post page: "Most relevant", first 10 comments, replies folded (English)
//   post-comments-es.html       the same in Spanish, at another post URL
//   post-comments-menu.html     fixture: the comment-filter menu open (Most relevant / Newest / All comments)
//   post-comments-loading.html  fixture: just after choosing "All comments" (the list reloading)
//   post-comments-dialog.html   fixture: the post opened in a [role=dialog] over a feed whose posts have comments too
// Run: node test/replicas/www.facebook.com/thread/generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const sandbox = {};
vm.runInNewContext(readFileSync(join(here, 'post-data.js'), 'utf8'), sandbox);
const R = sandbox.__holdfastMetaPost;
const { esc, VIEWER: V, RYAN, POST } = R;

const STYLE = `<style>
body{margin:0;font:15px/1.35 system-ui,sans-serif;background:#f0f2f5;color:#050505}a{color:#385898;text-decoration:none}
[role=banner]{display:flex;gap:12px;align-items:center;background:#fff;padding:8px 16px;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:5}
.hf-cols{display:flex;gap:16px;padding:16px}[role=navigation].hf-left{width:220px;flex:none}[role=main]{flex:1;max-width:680px}
.hf-post{background:#fff;border-radius:8px;padding:12px}.hf-head{display:flex;gap:8px;align-items:center}.hf-head h3{margin:0;font-size:15px}.hf-dots{margin-left:auto;cursor:pointer}
.hf-counts,.hf-actions{display:flex;gap:16px;padding:6px 0;border-bottom:1px solid #eee}
.hf-filter{display:inline-block;margin:8px 0;font-weight:600;cursor:pointer}
.hf-thread{margin:6px 0}.hf-c{display:flex;gap:6px;align-items:flex-start}.hf-c .hf-dots{margin-left:0}.hf-bubble{background:#f0f2f5;border-radius:16px;padding:6px 12px}
.hf-replies{margin-left:40px}.hf-replies ul{list-style:none;margin:0;padding:0}
ul.hf-meta{list-style:none;padding:0;margin:2px 0 0 8px;display:flex;gap:12px;font-size:12px}
.hf-more{font-weight:600;color:#65676b;cursor:pointer;margin:4px 0 4px 8px}.hf-spin{padding:6px 0 6px 8px}
.hf-menu{background:#fff;border-radius:8px;box-shadow:0 4px 12px rgba(0,0,0,.2);padding:6px;width:300px}.hf-item{padding:8px;cursor:pointer}.hf-desc{font-size:12px;color:#65676b}
.hf-compose{display:flex;gap:8px;align-items:center;margin-top:8px}.hf-compose [role=textbox]{flex:1;background:#f0f2f5;border-radius:18px;padding:6px 12px}
</style>`;

function jsonScripts(postUrl) {
  const cu = { ACCOUNT_ID: V.id, USER_ID: V.id, NAME: V.name, SHORT_NAME: 'Dana', IS_BUSINESS_PERSON_ACCOUNT: false, APP_ID: '2220391788200892' };
  const story = {
    require: [['RelayPrefetchedStreamCache', 'next', [], ['adp_CometSinglePostContentQueryRelayPreloader_hf', { __bbox: { result: { data: { node: { __typename: 'Story', post_id: POST.postId, permalink_url: postUrl, actors: [{ __typename: 'User', id: RYAN.id, name: RYAN.name, url: `${R.FB}/${RYAN.handle}` }] } } } } }]]],
  };
  const user = { require: [['ScheduledServerJS', 'handle', null, [{ __bbox: { define: [['CurrentUserInitialData', [], cu, 270]] } }]]] };
  const s = (o) => `<script type="application/json" data-sjs>${JSON.stringify(o).replace(/\//g, '\\/')}</script>`;
  return `${s(story)}\n${s(user)}`;
}

/** A feed post behind the dialog, with its own comments, filter and reply controls (none of them Holdfast's business). */
function feedPost(L, k) {
  const url = `${R.FB}/${R.PEOPLE[k].handle ?? 'profile.php'}/posts/pfbid0FeedPost${k}Xq7Lm2Nb4Vc6Zx8Kj1Hg3Fd5Sa7Pw9Oe`;
  const comments = R.tree(12).slice(k * 4, k * 4 + 2).map((c) => R.replyBlock(c, L, url, { shown: {} })).join('');
  const person = R.PEOPLE[k];
  return `<div aria-posinset="${k + 1}" aria-setsize="-1" role="article" class="hf-post"><div class="hf-head"><div data-ad-rendering-role="profile_name"><h3><span><a href="${R.profileHref(person)}" role="link"><strong><span>${esc(person.name)}</span></strong></a></span></h3></div>
<span><a aria-label="Thursday, November 19, 2026 at 9:0${k} AM" href="${url}" role="link">November 19</a></span><div aria-expanded="false" aria-haspopup="menu" aria-label="${esc(L.actions)}" role="button" tabindex="0">⋯</div></div>
<div data-ad-rendering-role="story_message"><div dir="auto">Feed post ${k + 1}: nothing to do with the open post.</div></div>
<div class="hf-comments">${R.filterButton(L, 'relevant', false)}<div>${comments}</div>${R.expander(L.viewMoreComments, 'feed')}</div></div>`;
}

/** The page as first drawn: filter `mode`, the first 10 visible comments, replies folded. */
function page({ lang, postUrl, mode = 'relevant', menuOpen = false, reloading = false, dialog = false }) {
  const L = R.LANG[lang];
  const tree = R.tree(200);
  const visible = mode === 'all' ? tree : tree.filter((c) => c.relevant);
  const state = { shown: {} };
  const list = reloading ? R.spinner(L) : visible.slice(0, R.FIRST_PAGE).map((c) => R.replyBlock(c, L, postUrl, state)).join('\n');
  const more = reloading ? '' : R.expander(L.viewMoreComments, 'comments');
  const comments = `<div class="hf-comments" data-replica-comments="">${R.filterButton(L, mode, menuOpen)}<div data-replica-list="">
${list}
</div>${more}</div>`;
  const banner = `<div role="banner"><a aria-label="Facebook" href="/" role="link">f</a><div role="navigation" aria-label="Facebook"><a aria-label="Home" href="/" role="link">Home</a></div>
<div aria-label="Messenger" role="button" tabindex="0">✉</div><div aria-label="Notifications" role="button" tabindex="0">🔔</div><a aria-label="${esc(L.yourProfile)}" href="/${V.handle}" role="link" tabindex="0">${R.svgAvatar(V, 28)}</a></div>`;
  const left = `<div role="navigation" aria-label="Shortcuts" class="hf-left"><a href="${R.FB}/${V.handle}" role="link"><span dir="auto">${esc(V.name)}</span></a></div>`;
  const menu = menuOpen ? `<div style="position:absolute;left:260px;top:420px;z-index:10">${R.menu(L)}</div>` : '';
  return `<!DOCTYPE html>
<html id="facebook" class="__fb-light-mode" lang="${lang}" dir="ltr" data-post-url="${esc(postUrl)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${esc(RYAN.name)} - ${esc(POST.text.slice(0, 40))}... | Facebook</title>
${STYLE}
${jsonScripts(postUrl)}
</head><body><div id="mount_0_0_Hf">${banner}<div class="hf-cols">${left}<div role="main">
${dialog ? `<div role="feed">${feedPost(L, 1)}\n${feedPost(L, 2)}</div>` : R.postArticle(L, postUrl, comments, 500)}
</div></div></div>${menu}${dialog ? `\n<div role="dialog" aria-label="${esc(RYAN.name)}'s post" class="hf-dialog">${R.postArticle(L, postUrl, comments, 500)}</div>` : ''}
<script src="/thread/post-data.js"></script><script src="/thread/post.js"></script>
</body></html>
`;
}

writeFileSync(join(here, 'post-comments.html'), page({ lang: 'en', postUrl: POST.url }));
writeFileSync(join(here, 'post-comments-es.html'), page({ lang: 'es', postUrl: POST.urlEs }));
writeFileSync(join(here, 'post-comments-menu.html'), page({ lang: 'en', postUrl: POST.url, menuOpen: true }));
writeFileSync(join(here, 'post-comments-loading.html'), page({ lang: 'en', postUrl: POST.url, mode: 'all', reloading: true }));
writeFileSync(join(here, 'post-comments-dialog.html'), page({ lang: 'en', postUrl: POST.url, dialog: true }));
console.log('wrote post-comments.html, post-comments-es.html, post-comments-menu.html, post-comments-loading.html, post-comments-dialog.html');
