/*
 * Deterministic content and markup of the long profile-timeline replica (issue #4, "capture profile with posts"),
 * shared by the page's behaviour script (profile.js, in the browser) and by generate-profile.mjs / the tests (in
 * Node), so the static markup, the live page and the expected records cannot drift apart. Nothing is fetched.
 *
 * The timeline of @harlow_vance: a pinned post (old, at the top), then 300 entries newest first, one every 5.5 hours
 * back from 2026-11-20 21:00 UTC. Every 7th entry (i % 7 === 3) is a repost of another account's post: X shows the
 * ORIGINAL post's author, time (days older than its place in the timeline) and permalink, under a "Harlow Vance
 * reposted" line. Every 5th entry has a second line of text (a taller row).
 */
(function (root) {
  'use strict';
  var OWNER = { handle: 'harlow_vance', name: 'Harlow Vance', id: '1777000000000000300' };
  var VIEWER = { handle: 'holdfast_viewer', name: 'Sam Rivera', id: '1523456789012345678' };
  var AV_OWNER = 'https://pbs.twimg.com/profile_images/1677777777777777777/owl_normal.jpg';
  var AV_OWNER_L = 'https://pbs.twimg.com/profile_images/1677777777777777777/owl_400x400.jpg';
  var AV_VIEWER = 'https://pbs.twimg.com/profile_images/1589012345678901248/s4m_r1v3ra_normal.jpg';
  var OTHERS = [
    { handle: 'sockpuppet_4471', name: 'anon4471', avatar: 'https://pbs.twimg.com/profile_images/1710000000000004471/default_egg_normal.jpg' },
    { handle: 'cuervo_nocturno', name: 'Cuervo', avatar: 'https://pbs.twimg.com/profile_images/1730000000000000123/cuervo_normal.jpg' },
    { handle: 'v0ss_alt', name: 'V', avatar: 'https://pbs.twimg.com/profile_images/1720000000000000777/v_x_normal.jpg' },
  ];
  var PHRASES = [
    'Everyone should know what @maya_okoye did at the council meeting.',
    'She blocked me again. Make a new account, people.',
    'Found her old posts. Screenshots coming tonight.',
    'I am not harassing anyone <3 & you cannot prove otherwise.',
    'Ask her about the bus lanes. Go on, ask her.',
    'Nobody is safe from the truth.',
    'Reported? Good luck with that.',
    'Her office is on the second floor, by the way.',
    'Keep sharing. They cannot delete all of it.',
  ];
  var N = 300;
  var BASE = Date.UTC(2026, 10, 20, 21, 0, 0);
  var STEP = 5.5 * 3600 * 1000;
  var PINNED_TIME = '2026-06-01T12:00:00.000Z';
  var H_POST = 112;
  var H_TALL = 134;
  var H_REPOST = 140;

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function shown(iso) {
    var d = new Date(iso);
    return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate();
  }

  /** Timeline entry i (0 = newest). */
  function entry(i) {
    var timelineTime = new Date(BASE - i * STEP).toISOString();
    if (i % 7 === 3) {
      var o = OTHERS[i % OTHERS.length];
      var id = '2124000000000' + pad(i, 6);
      var t = new Date(BASE - i * STEP - ((i % 5) + 2) * 86400000).toISOString();
      return {
        index: i,
        repost: true,
        pinned: false,
        handle: o.handle,
        name: o.name,
        avatar: o.avatar,
        id: id,
        time: t,
        timelineTime: timelineTime,
        text: 'Repost #' + (i + 1) + ': ' + PHRASES[(i * 2) % PHRASES.length],
        permalink: 'https://x.com/' + o.handle + '/status/' + id,
        key: 'repost:https://x.com/' + o.handle + '/status/' + id,
        height: H_REPOST,
      };
    }
    var pid = '2125000000000' + pad(N - i, 6);
    var tall = i % 5 === 2;
    return {
      index: i,
      repost: false,
      pinned: false,
      handle: OWNER.handle,
      name: OWNER.name,
      avatar: AV_OWNER,
      id: pid,
      time: timelineTime,
      timelineTime: timelineTime,
      text: 'Post #' + (i + 1) + ': ' + PHRASES[i % PHRASES.length] + (tall ? '\nShare this before it gets taken down.' : ''),
      permalink: 'https://x.com/' + OWNER.handle + '/status/' + pid,
      key: 'https://x.com/' + OWNER.handle + '/status/' + pid,
      height: tall ? H_TALL : H_POST,
    };
  }

  var PINNED = {
    index: -1,
    repost: false,
    pinned: true,
    handle: OWNER.handle,
    name: OWNER.name,
    avatar: AV_OWNER,
    id: '2110000000000000001',
    time: PINNED_TIME,
    timelineTime: PINNED_TIME,
    text: 'Pinned: read the thread about @maya_okoye before you defend her.',
    permalink: 'https://x.com/' + OWNER.handle + '/status/2110000000000000001',
    key: 'pinned:https://x.com/' + OWNER.handle + '/status/2110000000000000001',
    height: H_REPOST,
  };

  /** The whole timeline as the page shows it, top to bottom: the pinned post, then n entries newest first. */
  function timeline(n) {
    var out = [PINNED];
    for (var i = 0; i < (n === undefined ? N : n); i++) out.push(entry(i));
    return out;
  }

  function articleHtml(p) {
    var permalink = '/' + p.handle + '/status/' + p.id;
    var action = function (testid, label, glyph) {
      return '<div class="css-175oi2r r-18u37iz r-1h0z5md r-13awgt0"><button aria-label="' + label + '" role="button" class="css-175oi2r r-1777fci r-1loqt21" data-testid="' + testid + '" type="button"><span class="css-1jxf684 r-bcqeeo">' + glyph + '</span></button></div>';
    };
    var social = '';
    if (p.repost || p.pinned) {
      social =
        '<div class="css-175oi2r"><div class="css-175oi2r r-18u37iz"><div class="css-175oi2r r-18kxxzh r-1wron08"><svg viewBox="0 0 24 24" aria-hidden="true" class="r-4qtqp9 r-yyyyoo"><g><path d="M4.5 3.88l4.43 4.14-1.36 1.46L5.5 7.55V16c0 1.1.9 2 2 2H13v2H7.5c-2.21 0-4-1.79-4-4V7.55z"></path></g></svg></div><div class="css-175oi2r r-1iusvr4 r-16y2uox"><div class="css-175oi2r r-18u37iz"><span data-testid="socialContext" class="css-1jxf684 r-bcqeeo r-b88u0q">' +
        (p.pinned ? 'Pinned' : esc(OWNER.name) + ' reposted') +
        '</span></div></div></div></div>';
    }
    var lines = esc(p.text).split('\n').join('<br>');
    return (
      '<article role="article" tabindex="0" class="css-175oi2r r-18u37iz r-1udh08x r-1loqt21 r-article" data-testid="tweet"><div class="css-175oi2r r-eqz5dr r-16y2uox r-1wbh5a2">' + social + '<div class="css-175oi2r r-18u37iz">' +
      '<div class="css-175oi2r r-18kxxzh"><div class="css-175oi2r" data-testid="Tweet-User-Avatar"><div class="css-175oi2r" data-testid="UserAvatar-Container-' + p.handle + '"><a href="/' + p.handle + '" aria-hidden="true" role="link" tabindex="-1" class="css-175oi2r r-1loqt21"><img alt="" src="' + p.avatar + '" class="r-avatar"></a></div></div></div>' +
      '<div class="css-175oi2r r-1iusvr4 r-16y2uox"><div class="css-175oi2r r-18u37iz r-1wtj0ep"><div class="css-175oi2r" data-testid="User-Name"><a href="/' + p.handle + '" role="link" class="css-175oi2r r-1loqt21"><span class="css-1jxf684 r-bcqeeo r-b88u0q">' + esc(p.name) +
      '</span></a> <a href="/' + p.handle + '" role="link" tabindex="-1" class="css-175oi2r r-1loqt21"><span class="css-1jxf684 r-16dba41">@' + p.handle + '</span></a> <span aria-hidden="true">·</span> <a href="' + permalink + '" role="link" aria-label="' + shown(p.time) + '" class="css-146c3p1 r-1loqt21"><time datetime="' + p.time + '">' + shown(p.time) + '</time></a></div>' +
      '<button aria-expanded="false" aria-haspopup="menu" aria-label="More" role="button" class="css-175oi2r r-1777fci r-1loqt21" data-testid="caret" type="button"><span>⋯</span></button></div>' +
      '<div dir="auto" lang="en" class="css-146c3p1" data-testid="tweetText"><span class="css-1jxf684 r-bcqeeo">' + lines + '</span></div>' +
      '<div role="group" class="css-175oi2r r-18u37iz r-1wtj0ep r-1s2bzr4">' + action('reply', 'Reply', '💬') + action('retweet', 'Repost', '⟲') + action('like', 'Like', '♡') + action('bookmark', 'Bookmark', '') + '</div></div></div></div></article>'
    );
  }

  root.__holdfastProfileReplica = {
    OWNER: OWNER,
    VIEWER: VIEWER,
    AV_OWNER: AV_OWNER,
    AV_OWNER_L: AV_OWNER_L,
    AV_VIEWER: AV_VIEWER,
    N: N,
    PINNED: PINNED,
    esc: esc,
    entry: entry,
    timeline: timeline,
    articleHtml: articleHtml,
  };
})(typeof window !== 'undefined' ? window : globalThis);
