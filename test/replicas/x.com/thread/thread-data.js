/*
 * Deterministic content and markup of the long-thread replicas (issue #4), shared by the pages' behaviour script
 * (thread.js, in the browser) and by generate.mjs / the tests (in Node), so the static markup, the live pages and
 * the expected transcripts cannot drift apart. Pure string functions; nothing is fetched.
 */
(function (root) {
  'use strict';
  var VIEWER = { handle: 'holdfast_viewer', name: 'Sam Rivera', id: '1523456789012345678' };
  var OTHER = { handle: 'night_caller_9', name: 'N. Caller', id: '1888000000000000001' };
  var AV_VIEWER = 'https://pbs.twimg.com/profile_images/1589012345678901248/s4m_r1v3ra_normal.jpg';
  var AV_OTHER = 'https://pbs.twimg.com/profile_images/1720000000000000777/v_x_normal.jpg';
  var PHRASES = [
    'Answer me.',
    'I saw you at the station today.',
    'Please stop contacting me.',
    'You can block me all you want <3 & I will still be here.',
    'Nice coat. The green one.',
    'I am keeping a record of every message.',
    'Why are you ignoring me?',
    'Leave me alone.',
    'Tell your sister I said hi.',
    'Last warning: I have reported this account.',
    'I know which gym you go to.',
    'Do not message me again.',
  ];
  var DM_BASE = Date.UTC(2026, 8, 1, 8, 0, 0);

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }
  function clock(iso) {
    var d = new Date(iso);
    var h = d.getUTCHours();
    return (h % 12 || 12) + ':' + pad(d.getUTCMinutes(), 2) + ' ' + (h < 12 ? 'AM' : 'PM');
  }

  /** Message i of n (0 = oldest). Every third message is the viewer's. Some span two lines. */
  function dmMessage(i, n) {
    var sent = i % 3 === 1;
    var phrase = PHRASES[(i * 5) % PHRASES.length];
    var two = i % 7 === 3;
    return {
      index: i,
      id: '00000000-0000-4000-8000-' + pad(i, 12),
      sent: sent,
      time: new Date(DM_BASE + i * 61000).toISOString(),
      text: '#' + (i + 1) + ' ' + phrase + (two ? '\nAnd another thing.' : ''),
      height: two ? 64 : 44,
    };
  }

  function chatRowInner(m) {
    var side = m.sent ? 'justify-end' : 'justify-start';
    var avatar = m.sent
      ? ''
      : '<a href="/' + OTHER.handle + '" class="shrink-0" aria-hidden="true" tabindex="-1"><img alt="" class="size-8 rounded-full" src="' + AV_OTHER + '"></a>';
    return (
      '<div data-testid="message-' + m.id + '" data-dm-message-row="' + m.id + '" class="group flex w-full items-end gap-2 ' + side + '">' +
      avatar +
      '<div class="flex max-w-[75%] flex-col gap-1 ' + (m.sent ? 'items-end' : 'items-start') + '"><div data-dm-message-focus-target="" tabindex="0" class="rounded-2xl px-3 py-2 ' +
      (m.sent ? 'bg-primary text-white' : 'bg-gray-100') + '"><div data-testid="message-text-' + m.id + '" class="text-[15px] leading-5"><span dir="auto" class="whitespace-pre-wrap break-words"><span class="css-1jxf684 r-bcqeeo">' +
      esc(m.text) + '</span></span></div></div><span class="text-subtext3 text-xs"><time datetime="' + m.time + '">' + clock(m.time) + '</time></span></div></div>'
    );
  }

  function legacyRowInner(m) {
    var avatar = m.sent
      ? ''
      : '<a href="/' + OTHER.handle + '" aria-hidden="true" role="link" tabindex="-1" class="css-175oi2r r-1loqt21"><div class="css-175oi2r" data-testid="UserAvatar-Container-' + OTHER.handle + '"><img alt="" src="' + AV_OTHER + '" class="r-dm-avatar"></div></a>';
    return (
      '<div class="css-175oi2r r-cell-msg"><div class="css-175oi2r r-18u37iz ' + (m.sent ? 'r-obd0qt' : 'r-1h0z5md') + '">' + (m.sent ? '' : avatar) +
      '<div class="css-175oi2r ' + (m.sent ? 'r-dm-end' : 'r-dm-start') + ' r-1kqtdi0" data-testid="messageEntry" role="presentation" tabindex="0"><div class="css-175oi2r r-bubble' + (m.sent ? ' r-bubble-own' : '') +
      '"><div dir="auto" class="css-146c3p1" data-testid="tweetText"><span class="css-1jxf684 r-bcqeeo">' + esc(m.text) +
      '</span></div></div><div class="css-175oi2r r-18u37iz r-1awozwy"><span class="css-146c3p1 r-16dba41" style="font-size:13px"><time datetime="' + m.time + '">' + clock(m.time) +
      '</time></span></div></div></div></div>'
    );
  }

  // ---------------------------------------------------------------- replies under a post

  var FOCAL = { handle: 'maya_okoye', name: 'Maya Okoye', id: '2123799999999999999', time: '2026-11-19T18:00:00.000Z', text: 'I spoke at the council meeting tonight about the bus lanes. Thank you to everyone who came.' };
  var REPLY_BASE = Date.UTC(2026, 10, 19, 18, 5, 0);

  function replyAuthor(idx) {
    var k = (idx * 7) % 40;
    return { handle: 'pileon_' + pad(k, 2), name: 'Account ' + (k + 1) };
  }

  /**
   * The full reply tree in page order once everything is expanded: 400 replies to the post; after every 20th (from
   * the 10th) a group of 5 answers hidden behind "Show more replies"; in every other group the last 2 sit behind a
   * nested "Show replies". Items: {type:'reply', idx} or {type:'more', group, label, nested}.
   */
  function replyTree() {
    var top = [];
    var idx = 0;
    function reply(depth) {
      var i = idx++;
      var a = replyAuthor(i);
      return {
        type: 'reply',
        idx: i,
        id: '21238000000' + pad(i, 8),
        handle: a.handle,
        name: a.name,
        depth: depth,
        time: new Date(REPLY_BASE + i * 37000).toISOString(),
        text: 'Reply ' + (i + 1) + ': ' + PHRASES[(i * 3) % PHRASES.length],
      };
    }
    for (var t = 0; t < 400; t++) {
      var item = reply(0);
      item.hidden = null;
      top.push(item);
      if (t % 20 === 10) {
        var g = top.length;
        var nested = (t / 20) % 2 < 1 ? false : true;
        var kids = [reply(1), reply(1), reply(1)];
        var more = [reply(2), reply(2)];
        if (nested) item.hidden = kids.concat([{ type: 'more', label: 'Show replies', nested: true, hidden: more }]);
        else item.hidden = kids.concat(more);
        item.group = g;
      }
    }
    return top;
  }

  /** Flattens the tree as the page shows it when fully expanded (the truth order). */
  function replyOrder() {
    var out = [];
    function walk(items) {
      items.forEach(function (it) {
        if (it.type === 'reply') out.push(it);
        if (it.hidden) walk(it.hidden);
      });
    }
    walk(replyTree());
    return out;
  }

  function articleHtml(p, focal) {
    var permalink = '/' + p.handle + '/status/' + p.id;
    var action = function (testid, label) {
      return '<div class="css-175oi2r r-18u37iz r-1h0z5md r-13awgt0"><button aria-label="' + label + '" role="button" class="css-175oi2r r-1777fci r-1loqt21" data-testid="' + testid + '" type="button"><span class="css-1jxf684 r-bcqeeo">' + (testid === 'like' ? '♡' : testid === 'reply' ? '💬' : testid === 'retweet' ? '⟲' : '') + '</span></button></div>';
    };
    return (
      '<article role="article" tabindex="0" class="css-175oi2r r-18u37iz r-1udh08x r-1loqt21 r-article" data-testid="tweet"><div class="css-175oi2r r-eqz5dr r-16y2uox"><div class="css-175oi2r r-18u37iz">' +
      '<div class="css-175oi2r r-18kxxzh"><div class="css-175oi2r" data-testid="Tweet-User-Avatar"><div class="css-175oi2r" data-testid="UserAvatar-Container-' + p.handle + '"><a href="/' + p.handle + '" aria-hidden="true" role="link" tabindex="-1" class="css-175oi2r r-1loqt21"><img alt="" src="' + AV_OTHER + '" class="r-avatar"></a></div></div></div>' +
      '<div class="css-175oi2r r-1iusvr4 r-16y2uox"><div class="css-175oi2r r-18u37iz r-1wtj0ep"><div class="css-175oi2r" data-testid="User-Name"><a href="/' + p.handle + '" role="link" class="css-175oi2r r-1loqt21"><span class="css-1jxf684 r-bcqeeo r-b88u0q">' + esc(p.name) +
      '</span></a> <a href="/' + p.handle + '" role="link" tabindex="-1" class="css-175oi2r r-1loqt21"><span class="css-1jxf684 r-16dba41">@' + p.handle + '</span></a> <span aria-hidden="true">·</span> <a href="' + permalink + '" role="link" class="css-146c3p1 r-1loqt21"><time datetime="' + p.time + '">' + clock(p.time) + '</time></a></div>' +
      '<button aria-expanded="false" aria-haspopup="menu" aria-label="More" role="button" class="css-175oi2r r-1777fci r-1loqt21" data-testid="caret" type="button"><span>⋯</span></button></div>' +
      '<div dir="auto" lang="en" class="css-146c3p1" data-testid="tweetText"' + (focal ? ' style="font-size:20px"' : '') + '><span class="css-1jxf684 r-bcqeeo">' + esc(p.text) + '</span></div>' +
      '<div role="group" class="css-175oi2r r-18u37iz r-1wtj0ep r-1s2bzr4">' + action('reply', 'Reply') + action('retweet', 'Repost') + action('like', 'Like') + action('bookmark', 'Bookmark') + '</div></div></div></div></article>'
    );
  }

  /**
   * The start of a conversation: X draws the other person's profile card above the first message, inside the message
   * list (avatar, name, @handle, when they joined, followers), in both layouts. It is there only once the oldest
   * message is loaded.
   */
  function startCardHtml(kind) {
    if (kind === 'dm-chat') {
      return (
        '<div data-replica-start="" class="flex flex-col items-center gap-1 py-6 text-center" style="height:' + START_HEIGHT + 'px;box-sizing:border-box">' +
        '<a href="/' + OTHER.handle + '" class="flex flex-col items-center gap-1"><img alt="" class="size-16 rounded-full" src="' + AV_OTHER + '">' +
        '<span class="font-bold"><span class="css-1jxf684 r-bcqeeo">' + esc(OTHER.name) + '</span></span><span class="text-subtext2 text-sm">@' + OTHER.handle + '</span></a>' +
        '<span class="text-subtext2 text-sm">Joined March 2021 · 12 followers</span></div>'
      );
    }
    return (
      '<div data-replica-start="" class="css-175oi2r" style="height:' + START_HEIGHT + 'px;box-sizing:border-box;padding:20px 16px;text-align:center">' +
      '<a href="/' + OTHER.handle + '" role="link" class="css-175oi2r r-1loqt21"><div class="css-175oi2r" data-testid="UserAvatar-Container-' + OTHER.handle + '"><img alt="" src="' + AV_OTHER + '" class="r-dm-avatar" style="width:64px;height:64px"></div>' +
      '<div dir="ltr" class="css-146c3p1 r-b88u0q"><span class="css-1jxf684 r-bcqeeo">' + esc(OTHER.name) + '</span></div><div dir="ltr" class="css-146c3p1 r-16dba41"><span>@' + OTHER.handle + '</span></div></a>' +
      '<div dir="ltr" class="css-146c3p1 r-16dba41"><span>Joined March 2021</span><span> · </span><span>12 Followers</span></div></div>'
    );
  }
  var START_HEIGHT = 160;

  function moreCellInner(label) {
    return '<div class="css-175oi2r r-more"><button type="button" role="button" class="css-175oi2r r-1loqt21 r-more-btn"><span class="css-1jxf684 r-bcqeeo">' + esc(label) + '</span></button></div>';
  }

  var api = {
    VIEWER: VIEWER,
    OTHER: OTHER,
    FOCAL: FOCAL,
    AV_VIEWER: AV_VIEWER,
    esc: esc,
    dmMessage: dmMessage,
    chatRowInner: chatRowInner,
    legacyRowInner: legacyRowInner,
    replyTree: replyTree,
    replyOrder: replyOrder,
    articleHtml: articleHtml,
    moreCellInner: moreCellInner,
    startCardHtml: startCardHtml,
    REPLY_HEIGHT: 104,
    MORE_HEIGHT: 52,
  };
  root.__holdfastThreadReplica = api;
})(typeof window !== 'undefined' ? window : globalThis);
