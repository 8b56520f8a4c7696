// Writes the long profile-timeline replica (issue #4, "capture profile with posts"): profile-long.html, whose static
// markup is the profile header and the cells shown on first load (so unit tests can read it without running scripts;
// profile.js takes over in a browser). Run: node test/replicas/x.com/thread/generate-profile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const sandbox = {};
vm.runInNewContext(readFileSync(join(here, 'profile-data.js'), 'utf8'), sandbox);
const P = sandbox.__holdfastProfileReplica;
const parent = join(here, '..');
const styles = (readFileSync(join(parent, 'profile.html'), 'utf8').match(/<style>[\s\S]*?<\/style>/g) ?? []).join('\n');
const EXTRA = `<style>.r-spinner{display:flex;justify-content:center;align-items:center;height:56px}
[data-replica-list]>[data-testid="cellInnerDiv"]{overflow:hidden}[data-replica-list] .r-article{height:100%;box-sizing:border-box;overflow:hidden}
.r-banner-empty{width:100%;aspect-ratio:3/1;background:#cfd9de}</style>`;
const O = P.OWNER;
const V = P.VIEWER;
const esc = P.esc;

const NAV = `<header role="banner" class="css-175oi2r r-16y2uox r-lrvibr"><div class="css-175oi2r r-1pi2tsx r-1wtj0ep"><h1 role="heading" class="css-146c3p1"><a href="/home" aria-label="X" role="link" class="css-175oi2r r-1loqt21">𝕏</a></h1><nav aria-label="Primary" role="navigation" class="css-175oi2r r-eqz5dr"><a href="/home" aria-label="Home" role="link" class="css-175oi2r r-1loqt21" data-testid="AppTabBar_Home_Link"><span>Home</span></a><a href="/i/chat" aria-label="Chat" role="link" class="css-175oi2r r-1loqt21" data-testid="AppTabBar_DirectMessage_Link"><span>Chat</span></a><a href="/${V.handle}" aria-label="Profile" role="link" class="css-175oi2r r-1loqt21" data-testid="AppTabBar_Profile_Link"><span>Profile</span></a></nav><div class="css-175oi2r"><button aria-label="Account menu" role="button" class="css-175oi2r r-1loqt21" data-testid="SideNav_AccountSwitcher_Button" type="button"><div class="css-175oi2r" data-testid="UserAvatar-Container-${V.handle}"><img alt="" src="${P.AV_VIEWER}" class="r-avatar"></div><div class="css-175oi2r"><div dir="ltr" class="css-146c3p1 r-b88u0q"><span><span class="css-1jxf684 r-bcqeeo">${V.name}</span></span></div><div dir="ltr" class="css-146c3p1 r-16dba41"><span>@${V.handle}</span></div></div></button></div></div></header>`;

const BIO = 'Saying what others will not. DMs open.';
const SCHEMA = JSON.stringify({
  '@context': 'http://schema.org',
  '@type': 'ProfilePage',
  dateCreated: '2024-02-11T09:30:00.000Z',
  mainEntity: { '@type': 'Person', additionalName: O.handle, description: BIO, givenName: O.name, identifier: O.id, url: `https://x.com/${O.handle}` },
});

const HEADER = `<div class="css-175oi2r r-topbar r-18u37iz r-1awozwy"><button aria-label="Back" role="button" class="css-175oi2r" data-testid="app-bar-back" type="button">←</button><div class="css-175oi2r"><h2 dir="ltr" aria-level="2" role="heading" class="css-146c3p1"><span><span class="css-1jxf684 r-bcqeeo">${O.name}</span></span></h2><div dir="ltr" class="css-146c3p1 r-16dba41">${P.N + 1} posts</div></div></div><div class="css-175oi2r"><div class="css-175oi2r"><div class="r-banner-empty"></div><div class="css-175oi2r r-profile"><div class="css-175oi2r r-18u37iz r-1wtj0ep"><div class="css-175oi2r"><a href="/${O.handle}/photo" role="link" class="css-175oi2r r-1loqt21"><div class="css-175oi2r" data-testid="UserAvatar-Container-${O.handle}"><img alt="" draggable="true" src="${P.AV_OWNER_L}" class="r-avatar-l"></div></a></div><div class="css-175oi2r r-18u37iz r-1awozwy"><button aria-label="More" aria-haspopup="menu" role="button" class="css-175oi2r" data-testid="userActions" type="button">⋯</button><button aria-label="Follow @${O.handle}" role="button" class="css-175oi2r r-follow" data-testid="${O.id}-follow" type="button"><span>Follow</span></button></div></div><div class="css-175oi2r r-3pj75a"><div class="css-175oi2r r-6gpygo"><div class="css-175oi2r r-1wbh5a2" data-testid="UserName"><div class="css-175oi2r r-1awozwy r-18u37iz r-dnmrzs"><div class="css-175oi2r r-1wbh5a2"><div dir="ltr" class="css-146c3p1 r-b88u0q" style="font-size:20px"><span class="css-1jxf684"><span class="css-1jxf684 r-bcqeeo">${O.name}</span></span></div></div></div><div class="css-175oi2r r-18u37iz r-1wbh5a2"><div dir="ltr" class="css-146c3p1 r-16dba41"><span class="css-1jxf684">@${O.handle}</span></div></div></div></div><div class="css-175oi2r r-1adg3ll"><div dir="auto" class="css-146c3p1" data-testid="UserDescription"><span class="css-1jxf684 r-bcqeeo">${esc(BIO)}</span></div></div><div class="css-175oi2r r-1adg3ll"><div dir="auto" class="css-146c3p1 r-16dba41" data-testid="UserProfileHeader_Items"><span class="css-1jxf684 r-1udh08x" data-testid="UserLocation"><span class="css-1jxf684">Somewhere</span></span> <span class="css-1jxf684" data-testid="UserJoinDate"><span class="css-1jxf684">Joined February 2024</span></span></div></div><div class="css-175oi2r r-13awgt0 r-18u37iz"><div class="css-175oi2r r-1rtiivn"><a href="/${O.handle}/following" dir="ltr" role="link" class="css-146c3p1 r-1loqt21"><span class="css-1jxf684 r-b88u0q">41</span> <span class="css-1jxf684 r-16dba41">Following</span></a></div><div class="css-175oi2r"><a href="/${O.handle}/verified_followers" dir="ltr" role="link" class="css-146c3p1 r-1loqt21"><span class="css-1jxf684 r-b88u0q">212</span> <span class="css-1jxf684 r-16dba41">Followers</span></a></div></div></div></div></div><script type="application/ld+json" data-testid="UserProfileSchema-test">${SCHEMA}</script><nav aria-label="Profile timelines" role="navigation" class="css-175oi2r r-tabs"><div role="tablist" class="r-tabs" style="width:100%"><a href="/${O.handle}" aria-selected="true" role="tab" class="r-b88u0q">Posts</a><a href="/${O.handle}/with_replies" aria-selected="false" role="tab">Replies</a><a href="/${O.handle}/media" aria-selected="false" role="tab">Media</a></div></nav>`;

// The cells of the first screens: the pinned post and the newest entries, laid out like profile.js lays them out.
const FIRST = 12;
const cells = [];
let y = 0;
for (const p of P.timeline(FIRST)) {
  cells.push(`<div data-testid="cellInnerDiv" data-replica-index="${p.index}" style="position:absolute;left:0;right:0;height:${p.height}px;transform:translateY(${y}px)">${P.articleHtml(p)}</div>`);
  y += p.height;
}

const STATE = `<script nonce="rPl1ca">window.__INITIAL_STATE__={"entities":{"users":{"entities":{"${V.id}":{"id_str":"${V.id}","screen_name":"${V.handle}","name":"${V.name}"}}}},"session":{"country":"GB","language":"en","user_id":"${V.id}"}};</script>`;

const html = `<!DOCTYPE html>
<html dir="ltr" lang="en" data-replica="profile-timeline">
<head>
<meta charset="utf-8">
<title>${O.name} (@${O.handle}) / X</title>
<link rel="canonical" href="https://x.com/${O.handle}">
${styles}
${EXTRA}
</head>
<body style="background-color: #FFFFFF;">
<div id="react-root" style="display:flex;"><div class="css-175oi2r" style="width:100%"><div class="css-175oi2r r-app">${NAV}<main role="main" class="css-175oi2r"><div class="css-175oi2r" data-testid="primaryColumn">${HEADER}<section aria-labelledby="accessible-list-2" role="region" class="css-175oi2r"><h1 dir="ltr" aria-level="1" role="heading" class="css-146c3p1" id="accessible-list-2" style="position:absolute;clip:rect(1px,1px,1px,1px)">${O.name}’s posts</h1><div aria-label="Timeline: ${O.name}’s posts" class="css-175oi2r"><div data-replica-list="" class="css-175oi2r" style="position:relative;height:${y}px">
${cells.join('\n')}
</div></div></section></div></main></div></div></div>
${STATE}
<script src="/thread/profile-data.js"></script><script src="/thread/profile.js"></script>
</body>
</html>
`;
writeFileSync(join(here, 'profile-long.html'), html);
console.log(`wrote profile-long.html (${FIRST + 1} static cells of ${P.N + 1})`);
