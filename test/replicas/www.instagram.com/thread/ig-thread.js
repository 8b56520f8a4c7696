/*
 * Behaviour of the Instagram long-thread replicas (issue #4). <html data-replica> says which:
 * - "dm": a conversation of n messages (?n=, default 2000) in a list drawn bottom-up (flex-direction: column-reverse:
 *   scrollTop is 0 at the newest message, negative above). Only the rows near the viewport are in the DOM (~30),
 *   absolutely positioned; row nodes are RECYCLED (re-filled with another message or divider, the spare ones parked
 *   out of sight). Reaching the top shows a [role=progressbar] spinner and, after ?delay= ms (default 150), adds the
 *   next ?page= (50) older messages above, the reader's place kept. ?stallAt=k (or data-stall-at): once k messages are
 *   loaded the spinner stays for ever (the site stopped loading). Once the oldest message is loaded, the other
 *   person's profile header (Instagram's start of a conversation) is the list's first item.
 * - "comments": a post with 200 comments and 300 replies: 15 comments at first; "Load more comments" (replaced by a
 *   spinner while it loads, ?delay= ms) adds 15 more; "View replies (n)" opens 5 replies at a time and comes back
 *   with the rest, then becomes "Hide replies".
 * Every click on a button, link or text field other than "Load more comments" / "View replies (n)" is counted (and not
 * acted on) in <html data-replica-clicks-other>, with labels in data-replica-clicks-other-labels; allowed ones in
 * data-replica-clicks-allowed. Nothing is fetched.
 */
(function () {
  'use strict';
  var R = window.__holdfastIgThreadReplica;
  var html = document.documentElement;
  var kind = html.getAttribute('data-replica');
  var lang = html.getAttribute('lang') === 'es' ? 'es' : 'en';
  var L = R.UI[lang];
  var q = new URLSearchParams(location.search);
  var num = function (name, dflt) {
    var v = q.get(name);
    return v !== null && v !== '' && !isNaN(Number(v)) ? Number(v) : dflt;
  };
  var DELAY = num('delay', 150);
  var PAGE = num('page', 50);
  var STALL_AT = num('stallAt', Number(html.getAttribute('data-stall-at') || 0)) || Infinity;
  var OVERSCAN = 250;

  // ---- click accounting
  var clicks = { allowed: 0, other: 0, labels: [] };
  var isAllowed = function (t) {
    return t.classList.contains('xviewreplies') || !!(t.closest('.xloadmore') && t.tagName === 'BUTTON');
  };
  document.addEventListener(
    'click',
    function (e) {
      var t = e.target && e.target.closest ? e.target.closest('button,[role=button],a,textarea,input,[contenteditable]') : null;
      if (!t || t.closest('[data-holdfast-capture],[data-testid^="holdfast-"]')) return;
      if (isAllowed(t)) {
        clicks.allowed++;
      } else {
        clicks.other++;
        clicks.labels.push(t.getAttribute('aria-label') || (t.textContent || '').trim().slice(0, 30) || t.tagName);
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      html.setAttribute('data-replica-clicks-allowed', String(clicks.allowed));
      html.setAttribute('data-replica-clicks-other', String(clicks.other));
      html.setAttribute('data-replica-clicks-other-labels', clicks.labels.join('|'));
    },
    true,
  );
  html.setAttribute('data-replica-clicks-allowed', '0');
  html.setAttribute('data-replica-clicks-other', '0');

  var fromHtml = function (s) {
    var t = document.createElement('template');
    t.innerHTML = s;
    return t.content.firstElementChild;
  };

  // ------------------------------------------------------------------ the conversation
  if (kind === 'dm') {
    var N = num('n', R.DM_N);
    var all = R.dm(N, lang);
    var scroller = document.querySelector('.xb57i2i');
    var inner = scroller.querySelector('[data-replica-inner]');
    var spin = scroller.querySelector('[role=progressbar]');
    var from = Math.max(0, N - PAGE);
    var items = [];
    var tops = [];
    var total = 0;
    var loading = false;
    var live = new Map(); // item key -> node
    var free = [];

    var relayout = function () {
      // Once the oldest message is loaded, the other person's profile header is the list's first item.
      items = (from === 0 ? [R.dmStartItem()] : []).concat(R.dmItems(all, from));
      tops = [];
      total = 0;
      items.forEach(function (it) {
        tops.push(total);
        total += it.height;
      });
      inner.style.height = total + 'px';
    };
    var firstAt = function (y) {
      var lo = 0;
      var hi = tops.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (tops[mid] <= y) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    var fill = function (node, it, k) {
      node.style.top = tops[k] + 'px';
      node.style.height = it.height + 'px';
      if (node._item === it.key) return;
      node._item = it.key;
      if (it.type === 'divider') {
        node.className = 'x1n2onr6';
        node.innerHTML = R.dividerInner(it.text);
      } else if (it.type === 'start') {
        node.className = 'x1n2onr6';
        node.innerHTML = R.startInner(lang);
      } else {
        node.className = R.messageRowClass(it.m);
        node.innerHTML = R.messageInner(it.m, lang);
      }
    };
    var render = function () {
      // Where the viewport is in the content, measured from the content's top (the list is drawn bottom-up).
      var viewTop = scroller.getBoundingClientRect().top - inner.getBoundingClientRect().top;
      var a = firstAt(Math.max(0, viewTop - OVERSCAN));
      var b = firstAt(viewTop + scroller.clientHeight + OVERSCAN);
      var want = new Map();
      for (var k = a; k <= b && k < items.length; k++) want.set(items[k].key, k);
      live.forEach(function (node, key) {
        if (!want.has(key)) {
          live.delete(key);
          free.push(node);
        }
      });
      want.forEach(function (k, key) {
        var node = live.get(key);
        if (!node) {
          node = free.pop();
          if (!node) {
            node = document.createElement('div');
            node.setAttribute('role', 'none');
            node.style.position = 'absolute';
            node.style.left = '0';
            node.style.right = '0';
            inner.append(node);
          }
          live.set(key, node);
        }
        fill(node, items[k], k);
      });
      // Spare nodes stay in the DOM, empty and out of sight, like a real pool.
      free.forEach(function (node) {
        node.style.top = '-10000px';
        node.style.height = '0px';
        node._item = null;
        node.className = 'x1n2onr6';
        node.innerHTML = '';
      });
      return viewTop;
    };
    var loadOlder = function () {
      if (loading || from === 0) return;
      loading = true;
      spin.hidden = false;
      if (N - from >= STALL_AT) return; // the site stopped loading: the spinner stays
      setTimeout(function () {
        from = Math.max(0, from - PAGE);
        // Bottom-up list: growing the content above keeps scrollTop (the distance from the newest message).
        relayout();
        spin.hidden = true;
        loading = false;
        render();
      }, DELAY);
    };
    scroller.addEventListener('scroll', function () {
      var viewTop = render();
      if (viewTop < 400) loadOlder();
    });
    // Take over from the static markup (the same rows).
    inner.replaceChildren();
    relayout();
    scroller.scrollTop = 0;
    render();
    window.__replica = { loaded: function () { return N - from; }, total: N };
    return;
  }

  // ------------------------------------------------------------------ the post and its comments
  if (kind === 'comments') {
    var list = document.querySelector('[data-replica-comments]');
    var spinner = list.querySelector('[role=progressbar]');
    var comments = R.comments();
    var shown = R.COMMENTS_PER_PAGE;
    var threads = list.querySelectorAll(':scope > .x1n2onr6:not(._a9zm):not(.xloadmore)');
    var state = new Map(); // thread element -> {c, open}
    var threadHtml = function (c) {
      return '<div class="x78zum5 xdt5ytf x1n2onr6">' + R.commentRow(c, lang) + (c.replies.length ? '<div class="x540dpk">' + R.viewRepliesHtml(c.replies.length, lang) + '</div>' : '') + '</div>';
    };
    comments.slice(0, shown).forEach(function (c, i) {
      state.set(threads[i], { c: c, open: 0 });
    });

    var openReplies = function (btn) {
      var thread = btn.closest('[data-replica-comments] > *');
      var s = state.get(thread);
      if (!s) return;
      var block = btn.parentElement;
      var wait = fromHtml(R.spinnerHtml(L, false));
      btn.replaceWith(wait);
      setTimeout(function () {
        var next = s.c.replies.slice(s.open, s.open + R.REPLIES_PER_CLICK);
        s.open += next.length;
        var box = block.querySelector('.xr1yuqi');
        if (!box) {
          box = document.createElement('div');
          box.className = 'xr1yuqi';
          block.append(box);
        }
        next.forEach(function (r) {
          var wrap = document.createElement('div');
          wrap.className = 'x1n2onr6';
          wrap.innerHTML = R.commentRow(r, lang);
          box.append(wrap);
        });
        var left = s.c.replies.length - s.open;
        wait.replaceWith(fromHtml(left > 0 ? R.viewRepliesHtml(left, lang) : R.hideRepliesHtml(lang)));
      }, Math.max(20, DELAY / 2));
    };

    var loadMore = function (btn) {
      var control = btn.closest('.xloadmore');
      control.remove();
      spinner.hidden = false;
      setTimeout(function () {
        var next = comments.slice(shown, shown + R.COMMENTS_PER_PAGE);
        next.forEach(function (c) {
          var t = fromHtml(threadHtml(c));
          spinner.before(t);
          state.set(t, { c: c, open: 0 });
        });
        shown += next.length;
        spinner.hidden = true;
        if (shown < comments.length) spinner.before(fromHtml(R.loadMoreHtml(lang)));
      }, DELAY);
    };

    list.addEventListener('click', function (e) {
      var t = e.target && e.target.closest ? e.target.closest('.xviewreplies, .xloadmore button') : null;
      if (!t) return;
      if (t.classList.contains('xviewreplies')) openReplies(t);
      else loadMore(t);
    });
    window.__replica = { shown: function () { return shown; } };
  }
})();
