/*
 * Deterministic content and markup of the long Facebook profile replica (issue #4, "capture profile with posts"),
 * shared by the page's behaviour script (profile.js, in the browser) and by generate-profile.mjs / the tests (in
 * Node), so the static markup, the live page and the expected records cannot drift apart. Nothing is fetched.
 *
 * The timeline of Wade Kessler (www.facebook.com/wade.kessler.4, account 100077700000004), seen by Dana Reyes:
 * a pinned post (old, above the feed, without the feed's aria-posinset), then 200 entries newest first, one every
 * 13 h 7 min back from Friday 20 November 2026 20:30 (wall clock: Facebook shows times in the viewer's time zone).
 * - i % 9 === 4: Wade shares another account's post (the original is a nested, unlabelled article with its own author,
 *   time link and text; the share's own time link is when Wade shared it);
 * - i % 11 === 7: another person posted on Wade's wall (author ≠ owner; the header reads "<poster> ▸ Wade Kessler");
 * - i % 13 === 5: a photo; i % 17 === 10: text cut short behind "See more"; i % 5 === 2: two paragraphs;
 * - i % 6 === 1 (own posts): permalink.php?story_fbid=<digits>&id=<owner> links; the rest /wade.kessler.4/posts/pfbid…;
 * - entries 0 and 1 show relative times ("5h", "Yesterday at 7:23 AM": no exact time can be read); the others a full
 *   date in the time link's aria-label, while the link's visible text is Facebook-style obfuscated (the short date's
 *   characters shuffled with CSS order among hidden decoys, so its textContent is noise);
 * - every post has Like / Comment / Share, a composer, and i % 3 comments (labelled "Comment by …" articles nested in
 *   the post, with comment_id links) behind a "View more comments" button: comments are never timeline rows.
 */
(function (root) {
  'use strict';
  var FB = 'https://www.facebook.com';
  var CDN = 'https://scontent.xx.fbcdn.net/v/';
  var Q = '?stp=dst-png_p40x40&_nc_cat=100&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AYhkzp0nv2cy&oe=6A1F2B3C';
  var OWNER = { name: 'Wade Kessler', handle: 'wade.kessler.4', id: '100077700000004', pic: CDN + 't39.30808-1/438899001_2200113344556677_2211_n.png' + Q };
  OWNER.big = CDN + 't39.30808-1/438899001_2200113344556677_2212_n.png?stp=dst-png_p96x96&_nc_cat=106&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AY95ph7x4fgb&oe=6A1F2B3C';
  OWNER.cover = CDN + 't39.30808-6/401122334_1011121314151617_5566778899001122334_n.png?stp=dst-png_p128x48&_nc_cat=105&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AYbbegmx2d77&oe=6A1F2B3C';
  var VIEWER = { name: 'Dana Reyes', handle: 'holdfast.viewer', id: '100090000000001', pic: CDN + 't39.30808-1/441234567_1209345678901234_8765_n.png' + Q };
  /** People who post on Wade's wall. Kyle has no vanity name: his links are profile.php?id=. */
  var POSTERS = [
    { name: 'Tom Becker', handle: 'tbecker', pic: CDN + 't39.30808-1/433322110_4455667788990011_7788_n.png' + Q },
    { name: 'Kyle Ortiz', id: '100081234567890', pic: CDN + 't39.30808-1/431188204_1093347721880214_4411_n.png' + Q },
    { name: 'Lucía Ferrer', handle: 'lucia.ferrer.12', pic: CDN + 't39.30808-1/434433221_8899001122334455_4455_n.png' + Q },
  ];
  /** Accounts whose posts Wade shares. */
  var SOURCES = [
    { name: 'Northside Gossip', handle: 'northsidegossip', pic: CDN + 't39.30808-1/429988776_5566778899001122_9900_n.png' + Q },
    { name: 'Priya Shah', handle: 'priya.shah.77', pic: CDN + 't39.30808-1/436655443_3322110099887766_5566_n.png' + Q },
    { name: 'Kyle Ortiz', id: '100081234567890', pic: CDN + 't39.30808-1/431188204_1093347721880214_4411_n.png' + Q },
  ];
  var COMMENTERS = [
    { name: 'Tom Becker', handle: 'tbecker', pic: POSTERS[0].pic },
    { name: 'Priya Shah', handle: 'priya.shah.77', pic: SOURCES[1].pic },
    { name: 'Kyle Ortiz', id: '100081234567890', pic: POSTERS[1].pic },
    { name: 'Dana Reyes', handle: 'holdfast.viewer', pic: VIEWER.pic },
  ];
  var PHOTO = CDN + 't39.30808-6/468812345_1029384756102938_1234567890123456789_n.png?stp=dst-png_p96x64&_nc_cat=108&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AY4jwbyjgj02&oe=6A1F2B3C';
  var EMOJI = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2216%22 height=%2216%22%3E%3Ccircle cx=%228%22 cy=%228%22 r=%227%22 fill=%22%23fc3%22/%3E%3C/svg%3E';

  var PHRASES = [
    'Everyone in Springfield should know what Dana Reyes did.',
    'She blocked me again. Make a new account, people.',
    'Wade\'s list: <script>alert("gotcha")</script> & more to come',
    'lol <3 & everyone knows it',
    'Found her old posts. Screenshots coming tonight.',
    'Qué vergüenza, todo el mundo lo sabe.',
    'Isso é mentira, apaga isso.',
    'Her office is on the second floor, by the way.',
    'Keep sharing. They cannot delete all of it.',
    'Nobody is safe from the truth.',
    'Reported? Good luck with that.',
  ];
  var N = 200;
  var FIRST = 10;
  var PAGE = 10;
  /** Entry 0's wall-clock time (months 0-based) and the step back per entry. */
  var BASE = Date.UTC(2026, 10, 20, 20, 30);
  var STEP = (13 * 60 + 7) * 60000;
  var DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function profileHref(p) {
    return p.handle ? FB + '/' + p.handle : FB + '/profile.php?id=' + p.id;
  }
  function withQuery(href, q) {
    return href + (href.indexOf('?') >= 0 ? '&' : '?') + q;
  }
  /** A pfbid-style post id, the same for the same seed. */
  function pfbid(seed) {
    var A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    var s = (seed * 7919 + 17) % 2147483647;
    var out = 'pfbid0';
    for (var k = 0; k < 50; k++) {
      s = (s * 48271) % 2147483647;
      out += A[s % A.length];
    }
    return out + 'l';
  }
  function pad2(n) {
    return n < 10 ? '0' + n : String(n);
  }
  /** Wall-clock parts of a UTC-encoded wall time (as the page shows it in the viewer's zone). */
  function wallOf(ms) {
    var d = new Date(ms);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), dow: d.getUTCDay() };
  }
  function clock(w) {
    var h12 = w.h % 12 === 0 ? 12 : w.h % 12;
    return h12 + ':' + pad2(w.min) + ' ' + (w.h < 12 ? 'AM' : 'PM');
  }
  /** Facebook's full date (the time link's aria-label) and the short one it draws. */
  function fullLabel(w) {
    return DAYS[w.dow] + ', ' + MONTHS[w.m] + ' ' + w.d + ', ' + w.y + ' at ' + clock(w);
  }
  function shortLabel(w) {
    return MONTHS[w.m] + ' ' + w.d + ' at ' + clock(w);
  }

  function pick(list, i) {
    return list[i % list.length];
  }

  /** The comments shown under entry i (i % 3 of them); `idBase` keeps the pinned post's ids apart. */
  function comments(i, permalink, idBase) {
    var out = [];
    for (var k = 0; k < i % 3; k++) {
      var who = pick(COMMENTERS, i + k);
      var id = String((idBase || 3100000000000000) + i * 10 + k);
      out.push({
        id: id,
        author: who,
        days: 1 + ((i + k) % 5),
        text: 'Comment ' + (k + 1) + ' on entry ' + (i + 1) + ': ' + pick(PHRASES, i * 3 + k + 1),
        href: withQuery(permalink, 'comment_id=' + id),
      });
    }
    return out;
  }

  /** Timeline entry i (0 = newest). Times are wall-clock parts; `timeOf` turns them into the device's instant. */
  function entry(i) {
    var w = wallOf(BASE - i * STEP);
    var share = i % 9 === 4;
    var wall = !share && i % 11 === 7;
    var author = wall ? pick(POSTERS, i) : OWNER;
    var kind = share ? 'share' : wall ? 'wall' : 'own';
    var numeric = kind === 'own' && i % 6 === 1;
    var storyId = String(122200000000000 + (N - i) * 7);
    var id = numeric ? storyId : pfbid(1000 + i);
    var permalink = numeric ? FB + '/permalink.php?story_fbid=' + storyId + '&id=' + OWNER.id : FB + '/' + OWNER.handle + '/posts/' + id;
    var label = i === 0 ? '5h' : i === 1 ? 'Yesterday at ' + clock(w) : fullLabel(w);
    var shortText = label === fullLabel(w) ? shortLabel(w) : label;
    var paragraphs;
    if (share) paragraphs = ['Shared #' + (i + 1) + ': look at this. ' + pick(PHRASES, i)];
    else if (wall) paragraphs = ['Wall post #' + (i + 1) + ' from ' + author.name + ': ' + pick(PHRASES, i + 3)];
    else paragraphs = ['Post #' + (i + 1) + ': ' + pick(PHRASES, i)];
    if (i % 5 === 2) paragraphs.push('Share this before it gets taken down.');
    var truncated = i % 17 === 10;
    if (truncated) paragraphs = ['Post #' + (i + 1) + ': Let me tell you the whole story about her, starting with the council meeting where…'];
    var e = {
      index: i,
      kind: kind,
      pinned: false,
      author: author,
      wall: w,
      label: label,
      shortText: shortText,
      relative: i < 2,
      id: id,
      itemId: id,
      permalink: permalink,
      key: permalink,
      paragraphs: paragraphs,
      emoji: i % 8 === 3 ? '😡' : null,
      text: paragraphs.join('\n') + (i % 8 === 3 ? ' 😡' : ''),
      truncated: truncated,
      photo: i % 13 === 5 ? { src: PHOTO, href: FB + '/photo/?fbid=' + (4400000000000000 + i) + '&set=pcb.' + storyId, alt: 'May be an image of a street' } : null,
      shared: null,
      comments: [],
    };
    if (i % 8 === 3) e.paragraphs[e.paragraphs.length - 1] += ' <emoji>';
    if (share) {
      var src = pick(SOURCES, i);
      var sw = wallOf(BASE - i * STEP - ((i % 4) + 2) * 86400000);
      var sid = pfbid(5000 + i);
      e.shared = {
        author: src,
        wall: sw,
        label: fullLabel(sw),
        shortText: shortLabel(sw),
        id: sid,
        permalink: FB + '/' + (src.handle || 'permalink.php') + (src.handle ? '/posts/' + sid : '?story_fbid=' + sid + '&id=' + src.id),
        text: 'Original #' + (i + 1) + ' by ' + src.name + ': ' + pick(PHRASES, i + 5),
      };
    }
    e.comments = comments(i, permalink);
    return e;
  }

  var PINNED = (function () {
    var w = wallOf(Date.UTC(2026, 5, 1, 12, 0));
    var id = pfbid(77);
    var permalink = FB + '/' + OWNER.handle + '/posts/' + id;
    return {
      index: -1,
      kind: 'own',
      pinned: true,
      author: OWNER,
      wall: w,
      label: fullLabel(w),
      shortText: shortLabel(w),
      relative: false,
      id: id,
      itemId: id,
      permalink: permalink,
      key: 'pinned:' + permalink,
      paragraphs: ['PINNED: read what Dana Reyes did before you defend her.'],
      emoji: null,
      text: 'PINNED: read what Dana Reyes did before you defend her.',
      truncated: false,
      photo: null,
      shared: null,
      comments: comments(2, permalink, 3190000000000000),
    };
  })();

  /** The whole timeline as the page shows it, top to bottom: the pinned post, then n entries newest first. */
  function timeline(n) {
    var out = [PINNED];
    for (var i = 0; i < (n === undefined ? N : n); i++) out.push(entry(i));
    return out;
  }

  /** The instant the device reads from an entry's wall-clock time (null: relative label, no exact time). */
  function timeOf(e) {
    if (e.relative) return null;
    var w = e.wall;
    return new Date(w.y, w.m, w.d, w.h, w.min).toISOString();
  }

  // ---------------------------------------------------------------- markup

  function svgAvatar(p, size) {
    return '<svg aria-label="' + esc(p.name) + '" role="img" style="height:' + size + 'px;width:' + size + 'px"><g><image x="0" y="0" height="100%" width="100%" preserveAspectRatio="xMidYMid slice" xlink:href="' + esc(p.pic) + '"></image></g></svg>';
  }

  /**
   * Facebook-style obfuscated visible time: the short date's characters in a flex row, put in place with CSS order,
   * with decoy letters that are never drawn. textContent reads as noise; the aria-label holds the date.
   */
  function obfuscated(text, seed) {
    var out = '';
    var chars = text.split('');
    var decoys = 'SponsredtIx';
    for (var k = chars.length - 1; k >= 0; k--) {
      var c = chars[k] === ' ' ? '\u00a0' : chars[k];
      out += '<span style="order:' + k + '">' + esc(c) + '</span>';
      if ((k + seed) % 3 === 0) out += '<span class="hf-decoy" aria-hidden="true">' + decoys[(k + seed) % decoys.length] + '</span>';
    }
    return '<span class="hf-obf">' + out + '</span>';
  }

  /** A time link (href with per-render tracking noise, as Facebook's carry). */
  function timeLink(label, shortText, permalink, noise, obf) {
    return '<span><a aria-label="' + esc(label) + '" href="' + esc(withQuery(permalink, '__cft__[0]=AZ' + noise + '&__tn__=%2CO%2CP-R')) + '" role="link" tabindex="0">' + (obf ? obfuscated(shortText, noise.length) : '<span>' + esc(shortText) + '</span>') + '</a></span>';
  }

  function paragraphHtml(p) {
    var html = esc(p).replace(' &lt;emoji&gt;', ' <span><img height="16" width="16" alt="😡" src="' + EMOJI + '"></span>');
    return '<div dir="auto" style="text-align: start;">' + html + '</div>';
  }

  function commentHtml(c, noise) {
    var authorHref = withQuery(profileHref(c.author), c.href.slice(c.href.indexOf('comment_id=')) + '&__cft__[0]=AZc' + noise + '&__tn__=R]-R');
    return (
      '<div aria-label="' + esc('Comment by ' + c.author.name + ' ' + c.days + ' days ago') + '" role="article" tabindex="-1" class="hf-c">' +
      '<a aria-hidden="true" href="' + esc(authorHref) + '" role="link" tabindex="-1">' + svgAvatar(c.author, 32) + '</a>' +
      '<div class="hf-bubble"><span><a href="' + esc(authorHref) + '" role="link" tabindex="0"><span dir="auto">' + esc(c.author.name) + '</span></a></span>' +
      '<div><span dir="auto" lang="en-US"><div dir="auto" style="text-align: start;">' + esc(c.text) + '</div></span></div>' +
      '<ul class="hf-meta"><li><a href="' + esc(withQuery(c.href, '__cft__[0]=AZd' + noise + '&__tn__=R]-R')) + '" role="link" tabindex="0">' + c.days + 'd</a></li><li><div role="button" tabindex="0">Like</div></li><li><div role="button" tabindex="0">Reply</div></li></ul></div></div>'
    );
  }

  /** The original post inside a share: a nested, unlabelled article with its own author, time link and text. */
  function sharedHtml(s, noise) {
    return (
      '<div class="hf-shared"><div role="article" aria-labelledby=":rs' + s.id.slice(-4) + ':">' +
      '<div class="hf-head">' + svgAvatar(s.author, 32) + '<div><div data-ad-rendering-role="profile_name"><h4 id=":rs' + s.id.slice(-4) + ':"><span><a href="' + esc(withQuery(profileHref(s.author), '__cft__[0]=AZs' + noise + '&__tn__=%2CO%2CP-R')) + '" role="link" tabindex="0"><strong><span>' + esc(s.author.name) + '</span></strong></a></span></h4></div>' +
      '<div>' + timeLink(s.label, s.shortText, s.permalink, 's' + noise, true) + '</div></div></div>' +
      '<div data-ad-rendering-role="story_message"><div dir="auto" style="text-align: start;">' + esc(s.text) + '</div></div></div></div>'
    );
  }

  /**
   * One timeline post (the article element with everything inside). `posinset`: its place in the feed (absent for
   * the pinned post, which sits above the feed). `render`: a counter mixed into the tracking noise of its links.
   */
  function articleHtml(e, posinset, render) {
    var noise = 'k' + ((e.index + 7) * 7919 + (render || 0) * 104729).toString(36);
    var hid = ':rh' + (e.index + 2) + ':';
    var tid = ':rt' + (e.index + 2) + ':';
    var authorLink = '<a href="' + esc(withQuery(profileHref(e.author), '__cft__[0]=AZa' + noise + '&__tn__=%2CO%2CP-R')) + '" role="link" tabindex="0"><strong><span>' + esc(e.author.name) + '</span></strong></a>';
    var onWall = e.kind === 'wall' ? ' <span aria-hidden="true">▸</span> <a href="' + esc(withQuery(profileHref(OWNER), '__cft__[0]=AZw' + noise + '&__tn__=%2CO%2CP-R')) + '" role="link" tabindex="0"><strong><span>' + esc(OWNER.name) + '</span></strong></a>' : '';
    var sharedLine = e.kind === 'share' ? ' <span class="hf-dim">shared a post.</span>' : '';
    var seeMore = e.truncated ? '<div role="button" tabindex="0" class="hf-see">See more</div>' : '';
    var photo = e.photo ? '<div class="hf-att"><a href="' + esc(e.photo.href) + '" role="link" tabindex="0"><img alt="' + esc(e.photo.alt) + '" data-visualcompletion="media-vc-image" src="' + esc(e.photo.src) + '" height="64" width="96"></a></div>' : '';
    var list = e.comments.map(function (c) { return commentHtml(c, noise); }).join('');
    var commentArea =
      '<div class="hf-comments">' + (e.comments.length ? '<div aria-expanded="false" aria-haspopup="menu" role="button" tabindex="0" class="hf-filter"><span dir="auto">Most relevant</span> ▾</div>' + list + '<div role="button" tabindex="0" class="hf-more"><span dir="auto">View more comments</span></div>' : '') +
      '<div class="hf-compose">' + svgAvatar(VIEWER, 32) + '<div aria-label="Write a comment…" contenteditable="true" role="textbox" spellcheck="true" tabindex="0"><p><br></p></div></div></div>';
    return (
      '<div' + (posinset ? ' aria-posinset="' + posinset + '" aria-setsize="-1"' : '') + ' aria-labelledby="' + hid + '" aria-describedby="' + tid + '" role="article" class="hf-post" data-replica-entry="' + e.index + '">' +
      '<div class="hf-head"><a aria-hidden="true" href="' + esc(withQuery(profileHref(e.author), '__cft__[0]=AZv' + noise + '&__tn__=%2CO%2CP-R')) + '" role="link" tabindex="-1">' + svgAvatar(e.author, 40) + '</a>' +
      '<div><div data-ad-rendering-role="profile_name"><h3 id="' + hid + '"><span>' + authorLink + onWall + sharedLine + '</span></h3></div>' +
      '<div id="' + tid + '">' + timeLink(e.label, e.shortText, e.permalink, noise, !e.relative) + '<span aria-hidden="true"> · </span><svg aria-label="Shared with Public" role="img" height="12" width="12"><circle cx="6" cy="6" r="5"></circle></svg></div></div>' +
      '<div aria-expanded="false" aria-haspopup="menu" aria-label="Actions for this post" role="button" tabindex="0" class="hf-dots">⋯</div></div>' +
      '<div data-ad-rendering-role="story_message"><div data-ad-preview="message" data-ad-comet-preview="message"><div><span dir="auto">' + e.paragraphs.map(paragraphHtml).join('') + seeMore + '</span></div></div></div>' +
      photo + (e.shared ? sharedHtml(e.shared, noise) : '') +
      '<div class="hf-counts"><span aria-label="See who reacted to this" role="toolbar"><span>😠 😆</span> <span>' + (3 + ((e.index + 1) * 7) % 40) + '</span></span>' + (e.comments.length ? '<div role="button" tabindex="0"><span>' + (e.comments.length + 3) + ' comments</span></div>' : '') + '</div>' +
      '<div class="hf-actions"><div aria-label="Like" role="button" tabindex="0">Like</div><div aria-label="Comment" role="button" tabindex="0">Comment</div><div aria-label="Share" role="button" tabindex="0">Share</div></div>' +
      commentArea +
      '</div>'
    );
  }

  /** Facebook's feed loading placeholder (a glimmer card) at the bottom of the timeline. */
  function loadingHtml() {
    return '<div role="progressbar" aria-label="Loading..." aria-valuemin="0" aria-valuemax="100" aria-valuetext="Loading..." data-visualcompletion="loading-state" tabindex="-1" class="hf-glimmer"><div class="hf-g1"></div><div class="hf-g2"></div><div class="hf-g2"></div></div>';
  }

  root.__holdfastFbProfile = {
    FB: FB,
    OWNER: OWNER,
    VIEWER: VIEWER,
    POSTERS: POSTERS,
    SOURCES: SOURCES,
    N: N,
    FIRST: FIRST,
    PAGE: PAGE,
    PINNED: PINNED,
    esc: esc,
    profileHref: profileHref,
    entry: entry,
    timeline: timeline,
    timeOf: timeOf,
    svgAvatar: svgAvatar,
    articleHtml: articleHtml,
    loadingHtml: loadingHtml,
  };
})(typeof window !== 'undefined' ? window : globalThis);
