/*
 * Behaviour of the X home-timeline replica (the static markup already holds the first 12 cells):
 * - a virtualised list like X's: cells are absolutely positioned with transform: translateY(...), only the cells
 *   near the viewport are in the DOM (about 25 at most), cells far away are removed and re-created from their
 *   markup when scrolled back to (new DOM nodes, as X re-renders them);
 * - scrolling near the end streams in generated posts (up to SCROLL_LIMIT);
 * - window.__replica.appendPosts(n) synchronously adds n posts to the stream and renders them (benchmark);
 * - clicking a post's time link navigates in-page (history.pushState) to the post page: the primary column shows
 *   that post and generated replies; Back (popstate) restores the timeline where it was.
 * Nothing is fetched.
 */
(function () {
  'use strict';
  var region = document.querySelector('[data-testid="primaryColumn"] section[role="region"]');
  if (!region) return;
  var list = region.querySelector(':scope > div > div');
  var column = document.querySelector('[data-testid="primaryColumn"]');
  var topbar = column.querySelector('.r-topbar');
  var homeTopbarHtml = topbar ? topbar.innerHTML : '';
  var SCROLL_LIMIT = 300;
  var MAX_CELLS = 25;
  var ABOVE = 1.5;
  var BELOW = 2.5;

  /** @type {{key: string, id: string, handle: string, name: string, time: string, text: string, html: string, height: number, top: number, el: Element | null, index: number}[]} */
  var items = [];
  var byId = Object.create(null);
  var mode = 'home';
  var savedScroll = 0;
  var generated = 0;

  function statusOf(href) {
    var m = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d+)\/?$/.exec(href || '');
    return m ? { handle: m[1], id: m[2] } : null;
  }
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function fromHtml(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content.firstElementChild;
  }
  function cleanHtml(cell) {
    var copy = cell.cloneNode(true);
    copy.querySelectorAll('[data-holdfast-capture]').forEach(function (n) { n.remove(); });
    return copy.outerHTML;
  }

  // ---- the static cells become the first items
  Array.prototype.forEach.call(list.children, function (cell, i) {
    var time = cell.querySelector('a[href*="/status/"] time');
    var s = time ? statusOf(time.parentElement.getAttribute('href')) : null;
    var item = {
      key: 'static-' + i,
      id: s ? s.id : '',
      handle: s ? s.handle : '',
      name: '',
      time: time ? time.getAttribute('datetime') : '',
      text: '',
      html: cleanHtml(cell),
      height: cell.getBoundingClientRect().height || 200,
      top: 0,
      el: cell,
      index: items.length,
    };
    var text = cell.querySelector('[data-testid="tweetText"]');
    item.text = text ? text.textContent : '';
    items.push(item);
    if (item.id) byId[item.id] = item;
  });

  // ---- generated posts
  var AUTHORS = [
    ['alice_wren', 'Alice Wren', '1611111111111111111/wren_flower'],
    ['bob_okafor', 'Bob Okafor', '1644444444444444444/bob_o'],
    ['carla_mendes', 'Carla Mendes', '1655555555555555555/carla_m'],
    ['tom_h', 'Tom H.', '1666666666666666666/tomh'],
    ['nightowl_dev', 'night owl', '1677777777777777777/owl'],
    ['marta_lopez', 'Marta López', '1688888888888888888/marta'],
    ['wren_photos', 'Wren Photos', '1699999999999999999/wrenph'],
    ['leedsweather', 'Leeds Weather', '1700000000000000007/lw'],
    ['newsdesk_daily', 'Newsdesk Daily', '1622222222222222222/newsdesk_logo'],
    ['grimshaw_k', 'K. Grimshaw', '1601234500000000001/kg_dark'],
  ];
  var PHRASES = [
    'Quiet day at the allotment, just me and the robins.',
    'Anyone else think the new bus timetable is worse?',
    'Reminder: back up your photos. Learned that the hard way.',
    'Reading list for the weekend is getting out of hand.',
    'The rain has not stopped since Tuesday.',
    'New recipe worked first time, which never happens.',
    'Long thread coming about community gardens, stay tuned.',
    'Big thanks to everyone who came to the meetup last night!',
    'If you are having a hard time online, you are not alone.',
    'Found an old film camera in the loft. Does anyone still develop 35mm?',
    'Train delayed again. Third time this week.',
    'Small wins: inbox zero before lunch.',
  ];
  var NOW = Date.parse('2026-11-20T15:00:00.000Z');
  var BASE_TIME = Date.parse('2026-11-19T17:00:00.000Z');
  var EPOCH = BigInt('1288834974657');

  function snowflake(ms, salt) {
    return ((BigInt(ms) - EPOCH) * BigInt(4194304) + BigInt(salt % 4194304)).toString();
  }
  function rel(ms) {
    var m = Math.floor((NOW - ms) / 60000);
    if (m < 60) return { text: m + 'm', aria: m + ' minutes ago' };
    if (m < 1440) return { text: Math.floor(m / 60) + 'h', aria: Math.floor(m / 60) + ' hours ago' };
    var d = new Date(ms);
    var mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
    return { text: mon + ' ' + d.getUTCDate(), aria: mon + ' ' + d.getUTCDate() };
  }

  function articleHtml(p, opts) {
    opts = opts || {};
    var r = rel(Date.parse(p.time));
    var text = esc(p.text);
    if (p.mention) text += ' <div class="css-175oi2r r-xoduu5"><span class="r-18u37iz"><a dir="ltr" href="/' + p.mention + '" role="link" class="css-1jxf684 r-1loqt21">@' + p.mention + '</a></span></div>';
    if (p.tag) text += ' <span class="r-18u37iz"><a dir="ltr" href="/hashtag/' + p.tag + '?src=hashtag_click" role="link" class="css-1jxf684 r-1loqt21">#' + p.tag + '</a></span>';
    var replying = opts.replyingTo
      ? '<div class="css-175oi2r r-18u37iz r-zl2h9q"><div dir="ltr" class="css-146c3p1 r-16dba41"><span class="css-1jxf684">Replying to </span><div class="css-175oi2r r-xoduu5"><a href="/' + opts.replyingTo + '" role="link" class="css-1jxf684 r-1loqt21"><span class="css-1jxf684">@' + opts.replyingTo + '</span></a></div></div></div>'
      : '';
    return '<article aria-labelledby="gen-n-' + p.id + ' gen-t-' + p.id + '" role="article" tabindex="0" class="css-175oi2r r-18u37iz r-article" data-testid="tweet"><div class="css-175oi2r r-eqz5dr"><div class="css-175oi2r r-16y2uox"><div class="css-175oi2r r-18u37iz">'
      + '<div class="css-175oi2r r-18kxxzh"><div class="css-175oi2r" data-testid="Tweet-User-Avatar"><div class="css-175oi2r r-bztko3" data-testid="UserAvatar-Container-' + p.handle + '"><a href="/' + p.handle + '" aria-hidden="true" role="link" tabindex="-1" class="css-175oi2r r-1loqt21"><img alt="" draggable="true" src="https://pbs.twimg.com/profile_images/' + p.avatar + '_normal.jpg" class="css-9pa8cd r-avatar"></a></div></div></div>'
      + '<div class="css-175oi2r r-1iusvr4 r-16y2uox"><div class="css-175oi2r r-zl2h9q"><div class="css-175oi2r r-18u37iz r-1wtj0ep"><div class="css-175oi2r r-1d09ksm r-18u37iz">'
      + '<div class="css-175oi2r r-1wbh5a2" id="gen-n-' + p.id + '" data-testid="User-Name"><div class="css-175oi2r r-1awozwy r-18u37iz"><div class="css-175oi2r r-1wbh5a2"><a href="/' + p.handle + '" role="link" class="css-175oi2r r-1loqt21"><div dir="ltr" class="css-146c3p1 r-b88u0q"><span class="css-1jxf684">' + esc(p.name) + '</span></div></a></div></div>'
      + '<div class="css-175oi2r r-18u37iz r-1ez5h0i"><div class="css-175oi2r r-1d09ksm r-18u37iz"><div class="css-175oi2r r-1wbh5a2"><a href="/' + p.handle + '" role="link" tabindex="-1" class="css-175oi2r r-1loqt21"><div dir="ltr" class="css-146c3p1 r-1wvb978"><span class="css-1jxf684">@' + p.handle + '</span></div></a></div><div dir="ltr" aria-hidden="true" class="css-146c3p1 r-n7gxbd"><span class="css-1jxf684">·</span></div><div class="css-175oi2r r-18u37iz r-1q142lx"><a href="/' + p.handle + '/status/' + p.id + '" dir="ltr" aria-label="' + r.aria + '" role="link" class="css-146c3p1 r-1loqt21"><time datetime="' + p.time + '">' + r.text + '</time></a></div></div></div></div>'
      + '</div><div class="css-175oi2r r-1kkk96v"><button aria-expanded="false" aria-haspopup="menu" aria-label="More" role="button" class="css-175oi2r r-1777fci" data-testid="caret" type="button"><span class="css-1jxf684">⋯</span></button></div></div></div>'
      + replying
      + '<div class="css-175oi2r"><div dir="auto" lang="en" class="css-146c3p1 r-bnwqim" id="gen-t-' + p.id + '" data-testid="tweetText"><span class="css-1jxf684">' + text + '</span></div></div>'
      + '<div class="css-175oi2r"><div aria-label="' + p.replies + ' replies, ' + p.likes + ' likes" role="group" class="css-175oi2r r-18u37iz r-1wtj0ep r-1kbdv8c r-1s2bzr4"><button aria-label="' + p.replies + ' Replies. Reply" role="button" class="css-175oi2r" data-testid="reply" type="button">' + p.replies + '</button><button aria-label="Repost" role="button" class="css-175oi2r" data-testid="retweet" type="button">0</button><button aria-label="' + p.likes + ' Likes. Like" role="button" class="css-175oi2r" data-testid="like" type="button">' + p.likes + '</button><a href="/' + p.handle + '/status/' + p.id + '/analytics" aria-label="View post analytics" role="link" class="css-175oi2r r-1loqt21">' + (p.likes * 31) + '</a></div></div>'
      + '</div></div></div></div></article>';
  }
  function cellHtml(inner, absolute) {
    return '<div data-testid="cellInnerDiv" style="' + (absolute ? 'transform: translateY(0px); position: absolute; width: 100%;' : 'position: relative;') + '"><div class="css-175oi2r r-1igl3o0 r-qklmqi"><div class="css-175oi2r">' + inner + '</div></div></div>';
  }
  function makePost(n, ms) {
    var a = AUTHORS[(n * 7 + 3) % AUTHORS.length];
    return {
      id: snowflake(ms, 1000 + n),
      handle: a[0],
      name: a[1],
      avatar: a[2],
      time: new Date(ms).toISOString(),
      text: PHRASES[(n * 5 + 1) % PHRASES.length],
      mention: n % 6 === 2 ? AUTHORS[(n + 1) % AUTHORS.length][0] : '',
      tag: n % 5 === 4 ? 'Leeds' : '',
      replies: n % 4,
      likes: (n * 13) % 97,
    };
  }
  function addGenerated(count) {
    var added = [];
    for (var i = 0; i < count; i++) {
      var n = generated++;
      var ms = BASE_TIME - n * 7 * 60000;
      var p = makePost(n, ms);
      var item = { key: 'gen-' + n, id: p.id, handle: p.handle, name: p.name, time: p.time, text: p.text, html: cellHtml(articleHtml(p), true), height: 170, top: 0, el: null, index: items.length };
      items.push(item);
      byId[item.id] = item;
      added.push(item);
    }
    relayout(items.length - count);
    return added;
  }

  // ---- virtualisation
  function relayout(from) {
    var top = from > 0 ? items[from - 1].top + items[from - 1].height : 0;
    for (var i = Math.max(0, from); i < items.length; i++) {
      var it = items[i];
      it.top = top;
      if (it.el) it.el.style.transform = 'translateY(' + top + 'px)';
      top += it.height;
    }
    list.style.minHeight = top + 'px';
  }
  function render(it) {
    if (it.el && it.el.isConnected) return;
    it.el = fromHtml(it.html);
    it.el.style.transform = 'translateY(' + it.top + 'px)';
    it.el.style.position = 'absolute';
    it.el.style.width = '100%';
    // keep document order = list order, as X does
    var next = null;
    for (var i = it.index + 1; i < items.length; i++) {
      if (items[i].el && items[i].el.isConnected) {
        next = items[i].el;
        break;
      }
    }
    list.insertBefore(it.el, next);
  }
  /** Reads the heights of the rendered cells (all reads first, then one relayout). */
  function measure() {
    var rendered = items.filter(function (it) { return it.el && it.el.isConnected; });
    var heights = rendered.map(function (it) { return it.el.getBoundingClientRect().height; });
    var changed = -1;
    rendered.forEach(function (it, i) {
      var h = heights[i];
      if (h && Math.abs(h - it.height) > 0.5) {
        it.height = h;
        if (changed < 0 || it.index < changed) changed = it.index;
      }
    });
    if (changed >= 0) relayout(changed);
  }
  var listTopCache = -1;
  /** The list's offset in the page (constant while the timeline is shown; read once, not on every frame). */
  function listTop() {
    if (listTopCache < 0) listTopCache = list.getBoundingClientRect().top + window.scrollY;
    return listTopCache;
  }
  function update(noGrow) {
    if (mode !== 'home') return;
    var vh = window.innerHeight || 800;
    var y = window.scrollY - listTop();
    var lo = y - ABOVE * vh;
    var hi = y + (1 + BELOW) * vh;
    var last = items[items.length - 1];
    if (!noGrow && last && last.top + last.height < hi + vh && generated < SCROLL_LIMIT) addGenerated(10);
    var wanted = [];
    items.forEach(function (it) {
      if (it.top + it.height >= lo && it.top <= hi) wanted.push(it);
    });
    if (wanted.length > MAX_CELLS) {
      var centre = y + vh / 2;
      wanted.sort(function (a, b) { return Math.abs(a.top - centre) - Math.abs(b.top - centre); });
      wanted = wanted.slice(0, MAX_CELLS);
    }
    var keep = new Set(wanted);
    items.forEach(function (it) {
      if (!keep.has(it) && it.el) {
        it.el.remove();
        it.el = null;
      }
    });
    var fresh = wanted.filter(function (it) { return !it.el || !it.el.isConnected; });
    fresh.forEach(render);
    if (fresh.length) measure();
  }

  var scheduled = false;
  var userScrolled = false;
  window.addEventListener('scroll', function () {
    userScrolled = true;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () {
      scheduled = false;
      update();
    });
  }, { passive: true });
  window.addEventListener('resize', function () { if (userScrolled) update(); });

  // Lay out the static cells by their real heights; nothing is added or removed until the person scrolls.
  function initialLayout() {
    items.forEach(function (it) {
      if (it.el) it.height = it.el.getBoundingClientRect().height || it.height;
    });
    relayout(0);
  }
  initialLayout();
  window.addEventListener('load', function () {
    measure();
  });

  // ---- in-page navigation to a post page
  function replyData(post, k) {
    var a = AUTHORS[(k * 3 + post.handle.length) % AUTHORS.length];
    var ms = Date.parse(post.time) + (k + 1) * 9 * 60000;
    return {
      id: (BigInt(post.id) + BigInt((k + 1) * 4096)).toString(),
      handle: a[0],
      name: a[1],
      avatar: a[2],
      time: new Date(Math.min(ms, NOW - 60000)).toISOString(),
      text: ['Totally agree with this.', 'Not sure about that, to be honest.', 'Saving this for later.', 'Same here!', 'Who else saw this?'][k % 5],
      mention: '',
      tag: '',
      replies: 0,
      likes: k * 3,
    };
  }
  function showPost(id, push) {
    var item = byId[id];
    if (!item) return false;
    if (mode === 'home') savedScroll = window.scrollY;
    mode = 'post';
    var href = '/' + item.handle + '/status/' + item.id;
    if (push) history.pushState({ replica: 'post', id: id }, '', href);
    var cells = [fromHtml(item.html)];
    cells[0].style.transform = '';
    cells[0].style.position = 'relative';
    for (var k = 0; k < 5; k++) cells.push(fromHtml(cellHtml(articleHtml(replyData(item, k)), false)));
    var section = document.createElement('section');
    section.setAttribute('aria-labelledby', 'accessible-list-9');
    section.setAttribute('role', 'region');
    section.className = 'css-175oi2r';
    section.innerHTML = '<h1 dir="ltr" aria-level="1" role="heading" class="css-146c3p1" id="accessible-list-9" style="position:absolute;clip:rect(1px,1px,1px,1px)">Conversation</h1><div aria-label="Timeline: Conversation" class="css-175oi2r"><div class="css-175oi2r" style="position: relative;"></div></div>';
    var inner = section.querySelector(':scope > div > div');
    cells.forEach(function (c) { inner.appendChild(c); });
    var current = column.querySelector('section[role="region"]');
    current.replaceWith(section);
    if (topbar) topbar.innerHTML = '<div class="css-175oi2r r-18u37iz r-1awozwy"><button aria-label="Back" role="button" class="css-175oi2r" data-testid="app-bar-back" type="button">←</button><h2 dir="ltr" aria-level="2" role="heading" class="css-146c3p1"><span>Post</span></h2></div>';
    document.title = (item.name || '@' + item.handle) + ' on X: "' + item.text.slice(0, 60) + '" / X';
    window.scrollTo(0, 0);
    return true;
  }
  function showHome() {
    if (mode === 'home') return;
    mode = 'home';
    listTopCache = -1;
    var current = column.querySelector('section[role="region"]');
    if (current !== region) current.replaceWith(region);
    if (topbar) topbar.innerHTML = homeTopbarHtml;
    document.title = 'Home / X';
    // Re-rendered from markup: new DOM nodes, as X does after navigation.
    items.forEach(function (it) {
      if (it.el) {
        it.el.remove();
        it.el = null;
      }
    });
    window.scrollTo(0, savedScroll);
    update(true);
  }

  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    if (target.closest('[data-testid="app-bar-back"]') && mode === 'post') {
      e.preventDefault();
      history.back();
      return;
    }
    var a = target.closest('a[href]');
    if (!a || !a.closest('article[data-testid="tweet"]') || !column.contains(a)) return;
    var s = statusOf(a.getAttribute('href'));
    if (!s) return;
    if (showPost(s.id, true)) e.preventDefault();
  });
  window.addEventListener('popstate', function () {
    var s = statusOf(location.pathname);
    if (s && showPost(s.id, false)) return;
    if (location.pathname === '/home') showHome();
  });

  // ---- hooks for tests and the benchmark
  window.__replica = {
    /** Adds n posts to the stream now, renders them and scrolls to them, recycling far cells (returns the total). */
    appendPosts: function (n) {
      if (mode !== 'home') showHome();
      var added = addGenerated(Math.max(0, n | 0));
      added.forEach(render);
      measure();
      var lastAdded = added[added.length - 1];
      if (lastAdded) window.scrollTo(0, listTop() + lastAdded.top + lastAdded.height - (window.innerHeight || 800));
      update(true);
      return items.length;
    },
    total: function () { return items.length; },
    renderedCells: function () { return list.querySelectorAll('[data-testid="cellInnerDiv"]').length; },
  };
})();
