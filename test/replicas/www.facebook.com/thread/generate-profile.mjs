// Writes the long Facebook profile replica (issue #4, "capture profile with posts"): profile-long.html, whose static
// markup is the profile header, the pinned post and the first entries of the timeline (so unit tests can read it
// without running scripts; profile.js takes over in a browser), and the fixture profile-long-loading.html (the same
// while Facebook's loading placeholder sits below the feed). Content and markup come from profile-data.js.
// Run: node test/replicas/www.facebook.com/thread/generate-profile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const sandbox = {};
vm.runInNewContext(readFileSync(join(here, 'profile-data.js'), 'utf8'), sandbox);
const P = sandbox.__holdfastFbProfile;
const { esc, OWNER: O, VIEWER: V } = P;

const STYLE = `<style>
body{margin:0;font:15px/1.35 system-ui,sans-serif;background:#f0f2f5;color:#050505}a{color:#385898;text-decoration:none}
[role=banner]{display:flex;gap:12px;align-items:center;background:#fff;padding:8px 16px;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:5}
[role=banner] ul{list-style:none;display:flex;gap:10px;margin:0;padding:0}
.hf-cols{display:flex;gap:16px;padding:16px;justify-content:center}[role=main]{flex:1;max-width:720px}
.hf-cover img{width:100%;height:160px;object-fit:cover;border-radius:8px}.hf-id{display:flex;gap:16px;align-items:flex-end;background:#fff;padding:12px;border-radius:8px;margin-top:-40px;position:relative}
.hf-id h1{margin:0;font-size:28px}[data-pagelet=ProfileActions]{display:flex;gap:8px;margin-left:auto}[data-pagelet=ProfileActions] [role=button]{background:#e4e6eb;border-radius:6px;padding:6px 10px;cursor:pointer}
[data-pagelet=ProfileTabs] [role=tablist]{display:flex;gap:16px;background:#fff;padding:10px 12px;margin:8px 0;border-radius:8px}
[data-pagelet^=ProfileTilesFeed_]{background:#fff;border-radius:8px;padding:12px;margin:0 0 12px}[data-pagelet^=ProfileTilesFeed_] ul{list-style:none;padding:0;margin:6px 0}
.hf-pinned h2{font-size:17px;margin:4px 0 8px}[data-replica-slot]{display:flow-root}
.hf-post{background:#fff;border-radius:8px;padding:12px;margin:0 0 12px}.hf-head{display:flex;gap:8px;align-items:center}.hf-head h3,.hf-head h4{margin:0;font-size:15px}.hf-dots{margin-left:auto;cursor:pointer}.hf-dim{color:#65676b;font-weight:400}
.hf-obf{display:inline-flex}.hf-decoy{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.hf-see{font-weight:600;cursor:pointer}.hf-att img{width:288px;height:192px;object-fit:cover;border-radius:6px}
.hf-shared{border:1px solid #ddd;border-radius:8px;padding:10px;margin:8px 0}
.hf-counts,.hf-actions{display:flex;gap:16px;padding:6px 0;border-bottom:1px solid #eee}.hf-actions [role=button]{cursor:pointer}
.hf-filter{display:inline-block;margin:6px 0;font-weight:600;cursor:pointer}.hf-c{display:flex;gap:6px;align-items:flex-start;margin:6px 0}.hf-bubble{background:#f0f2f5;border-radius:16px;padding:6px 12px}
ul.hf-meta{list-style:none;padding:0;margin:2px 0 0;display:flex;gap:12px;font-size:12px}.hf-more{font-weight:600;color:#65676b;cursor:pointer;margin:4px 0}
.hf-compose{display:flex;gap:8px;align-items:center;margin-top:8px}.hf-compose [role=textbox]{flex:1;background:#f0f2f5;border-radius:18px;padding:6px 12px}
.hf-wall{display:flex;gap:8px;align-items:center;background:#fff;border-radius:8px;padding:12px;margin:0 0 12px}.hf-wall [role=button]{flex:1;background:#f0f2f5;border-radius:18px;padding:8px 12px;color:#65676b}
.hf-glimmer{background:#fff;border-radius:8px;padding:12px;margin:0 0 12px;height:180px;box-sizing:border-box}.hf-g1{width:40%;height:14px;background:#e4e6eb;border-radius:7px;margin:4px 0 16px}.hf-g2{width:90%;height:12px;background:#eef0f2;border-radius:6px;margin:8px 0}
</style>`;

// The viewer's ids come first (actorID, a viewer object with its own userID); the profile's userID comes after.
const JSON_SCRIPTS = [
  { require: [['CometRelayEnvironmentFactory', 'init', [], [{ actorID: V.id, viewer: { userID: V.id, isVerified: false } }]]] },
  { require: [['RelayPrefetchedStreamCache', 'next', [], ['adp_ProfileCometHeaderQueryRelayPreloader_hf', { __bbox: { result: { data: { user: { id: O.id, name: O.name, profile_header_renderer: { user: { id: O.id } } } } } } }]]] },
  { require: [['CometRouteStore', 'set', [], [{ rootView: { resource: 'ProfileCometTimelineFeedRoot', props: { userID: O.id, userVanity: O.handle, viewerID: V.id } } }]]] },
  { require: [['ScheduledServerJS', 'handle', null, [{ __bbox: { define: [['CurrentUserInitialData', [], { ACCOUNT_ID: V.id, USER_ID: V.id, NAME: V.name, SHORT_NAME: 'Dana', IS_BUSINESS_PERSON_ACCOUNT: false, APP_ID: '2220391788200892' }, 270]] } }]]] },
]
  .map((o) => `<script type="application/json" data-sjs>${JSON.stringify(o).replace(/\//g, '\\/')}</script>`)
  .join('\n');

const BANNER = `<div role="banner"><a aria-label="Facebook" href="/" role="link"><svg viewBox="0 0 36 36" height="40" width="40"><circle cx="18" cy="18" r="17" fill="#0866ff"></circle></svg></a>
<label><input aria-label="Search Facebook" placeholder="Search Facebook" type="search" role="combobox" aria-expanded="false" value=""></label>
<div role="navigation" aria-label="Facebook"><ul><li><a aria-label="Home" href="/" role="link">Home</a></li><li><a aria-label="Friends" href="/friends/" role="link">Friends</a></li><li><a aria-label="Groups" href="/groups/feed/" role="link">Groups</a></li></ul></div>
<div aria-label="Messenger" role="button" tabindex="0">✉</div><div aria-label="Notifications" role="button" tabindex="0">🔔</div><a aria-label="Your profile" href="/${V.handle}" role="link" tabindex="0">${P.svgAvatar(V, 28)}</a></div>`;

const HEADER = `<div class="hf-header"><div class="hf-cover"><img alt="" data-imgperflogname="profileCoverPhoto" src="${esc(O.cover)}"></div>
<div class="hf-id"><div><a aria-label="${esc(O.name)}" href="${P.FB}/photo/?fbid=${O.id}1&amp;set=a.${O.id}2" role="link"><svg aria-label="${esc(O.name)}" role="img" style="height:96px;width:96px"><g><image x="0" y="0" height="100%" width="100%" preserveAspectRatio="xMidYMid slice" xlink:href="${esc(O.big)}"></image></g></svg></a></div>
<div><span><h1>${esc(O.name)}</h1></span><span><a href="${P.FB}/${O.handle}/friends/" role="link" tabindex="0">842 friends</a></span></div>
<div data-pagelet="ProfileActions"><div aria-label="Add friend" role="button" tabindex="0">Add friend</div><div aria-label="Message" role="button" tabindex="0">Message</div><div aria-expanded="false" aria-haspopup="menu" aria-label="See options" role="button" tabindex="0">⋯</div></div></div></div>`;

const TABS = `<div data-pagelet="ProfileTabs"><div role="tablist"><a aria-selected="true" href="${P.FB}/${O.handle}" role="tab">Posts</a><a aria-selected="false" href="${P.FB}/${O.handle}/about" role="tab">About</a><a aria-selected="false" href="${P.FB}/${O.handle}/friends" role="tab">Friends</a><a aria-selected="false" href="${P.FB}/${O.handle}/photos" role="tab">Photos</a></div></div>`;

const TILES = `<div data-pagelet="ProfileTilesFeed_0"><div><h2><span dir="auto">Intro</span></h2><div><span dir="auto">Just asking questions. Springfield born and raised.</span></div><ul><li><div><span dir="auto">Works at <a href="/kesslerhauling" role="link">Kessler Hauling</a></span></div></li><li><div><span dir="auto">Lives in Springfield, Illinois</span></div></li><li><div><span dir="auto">Joined August 2014</span></div></li></ul></div></div>`;

// The pinned post above the feed, then the first entries, each in a slot (profile.js keeps a slot's height when it
// empties one far from the viewport).
const pinned = `<div class="hf-pinned" data-replica-pinned=""><h2><span dir="auto">Pinned post</span></h2><div data-replica-slot="-1">${P.articleHtml(P.PINNED, 0, 0)}</div></div>`;
const first = P.timeline(P.FIRST).slice(1);
const feed = first.map((e) => `<div data-replica-slot="${e.index}">${P.articleHtml(e, e.index + 1, 0)}</div>`).join('\n');
const WALL = `<div class="hf-wall">${P.svgAvatar(V, 32)}<div role="button" tabindex="0">Write something to ${esc(O.name.split(' ')[0])}…</div></div>`;
const timeline = (loading) => `<div data-pagelet="ProfileTimeline">${WALL}${pinned}<div data-replica-feed="">
${feed}
</div>${loading ? P.loadingHtml() : ''}</div>`;

const page = (loading) => `<!DOCTYPE html>
<html id="facebook" class="__fb-light-mode" lang="en" dir="ltr" data-replica="profile-timeline"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${esc(O.name)} | Facebook</title>
${STYLE}
${JSON_SCRIPTS}
</head><body><div id="mount_0_0_Hp">${BANNER}<div class="hf-cols"><div role="main">${HEADER}${TABS}<div>${TILES}${timeline(loading)}</div></div></div></div>
<script src="/thread/profile-data.js"></script><script src="/thread/profile.js"></script>
</body></html>
`;
writeFileSync(join(here, 'profile-long.html'), page(false));
writeFileSync(join(here, 'profile-long-loading.html'), page(true));
console.log(`wrote profile-long.html (the pinned post and ${first.length} static entries of ${P.N}) and profile-long-loading.html`);
