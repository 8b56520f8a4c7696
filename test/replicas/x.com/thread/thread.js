/*
 * Behaviour of the long-thread replicas (issue #4). The page's <html data-replica> says which:
 * - "dm-chat" / "dm-legacy": a DM conversation of n messages (?n=, default 2000). Only the rows near the viewport are
 *   in the DOM (~25), absolutely positioned; row nodes are RECYCLED (re-filled with another message). Scrolling near
 *   the top shows a [role=progressbar] spinner and, after ?delay= ms (default 150), prepends the next ?page= (50)
 *   older messages, keeping the reader's place. ?stallAt=k (or data-stall-at): once k messages are loaded the spinner
 *   stays forever (the site stopped loading). Once the oldest message is loaded, the other person's profile card
 *   (X's start of a conversation) is drawn above it, inside the list.
 * - "replies": a post page with 500 replies: 100 top-level replies at first, 50 more each time the reader reaches the
 *   bottom (spinner + delay); after every 20th reply a "Show more replies" cell reveals 5 answers (in every other group
 *   the last 2 behind a nested "Show replies"). Cells are re-created as they scroll into view.
 * Every click on a button or link other than "Show more replies"/"Show replies" is counted (and not acted on) in
 * <html data-replica-clicks-other>, with labels in data-replica-clicks-other-labels; allowed ones in
 * data-replica-clicks-allowed. Nothing is fetched.
 */
(function () {
  'use strict';
  var R = window.__holdfastThreadReplica;
  var html = document.documentElement;
  var kind = html.getAttribute('data-replica');
  var q = new URLSearchParams(location.search);
  var num = function (name, dflt) {
    var v = q.get(name);
    return v !== null && v !== '' && !isNaN(Number(v)) ? Number(v) : dflt;
  };
  var DELAY = num('delay', 150);
  var PAGE = num('page', 50);
  var STALL_AT = num('stallAt', Number(html.getAttribute('data-stall-at') || 0)) || Infinity;

  // ---- click accounting
  var clicks = { allowed: 0, other: 0, labels: [] };
  document.addEventListener(
    'click',
    function (e) {
      var t = e.target && e.target.closest ? e.target.closest('button,[role=button],a,textarea,input') : null;
      if (!t || t.closest('[data-holdfast-capture],[data-testid^="holdfast-"]')) return;
      if (t.classList.contains('r-more-btn')) {
        clicks.allowed++;
      } else {
        clicks.other++;
        clicks.labels.push(t.getAttribute('data-testid') || t.getAttribute('aria-label') || t.textContent.trim().slice(0, 30));
        e.preventDefault();
        e.stopPropagation();
      }
      html.setAttribute('data-replica-clicks-allowed', String(clicks.allowed));
      html.setAttribute('data-replica-clicks-other', String(clicks.other));
      html.setAttribute('data-replica-clicks-other-labels', clicks.labels.join('|'));
    },
    true,
  );
  html.setAttribute('data-replica-clicks-allowed', '0');
  html.setAttribute('data-replica-clicks-other', '0');

  function spinner() {
    var s = document.createElement('div');
    s.setAttribute('role', 'progressbar');
    s.setAttribute('aria-label', 'Loading');
    s.className = 'r-spinner';
    s.innerHTML = '<svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true"><circle cx="16" cy="16" r="12" fill="none" stroke="#1d9bf0" stroke-width="4" stroke-dasharray="50 30"></circle></svg>';
    return s;
  }

  // ------------------------------------------------------------------ DM conversations
  if (kind === 'dm-chat' || kind === 'dm-legacy') {
    var N = num('n', 2000);
    var scroller = document.querySelector(kind === 'dm-chat' ? '[data-testid="dm-message-list"]' : '[data-testid="DmScrollerContainer"]');
    var inner = scroller.querySelector('[data-replica-inner]');
    var from = Math.max(0, N - PAGE);
    var msgs = [];
    var tops = [];
    var total = 0;
    var loading = false;
    var live = new Map(); // index -> node
    var free = [];

    var relayout = function () {
      msgs = [];
      tops = [];
      total = 0;
      for (var i = from; i < N; i++) {
        var m = R.dmMessage(i, N);
        msgs.push(m);
        tops.push(total);
        total += m.height;
      }
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
    var fill = function (node, m, k) {
      node.style.top = tops[k] + 'px';
      node.style.height = m.height + 'px';
      if (node.getAttribute('data-replica-index') === String(m.index)) return;
      node.setAttribute('data-replica-index', String(m.index));
      if (kind === 'dm-chat') {
        node.setAttribute('data-dm-item-key', m.id);
        node.innerHTML = R.chatRowInner(m);
      } else node.innerHTML = R.legacyRowInner(m);
    };
    var render = function () {
      var top = scroller.scrollTop;
      var a = firstAt(Math.max(0, top - 150));
      var b = firstAt(top + scroller.clientHeight + 150);
      var want = new Map();
      for (var k = a; k <= b && k < msgs.length; k++) want.set(msgs[k].index, k);
      live.forEach(function (node, idx) {
        if (!want.has(idx)) {
          live.delete(idx);
          free.push(node);
        }
      });
      want.forEach(function (k, idx) {
        var node = live.get(idx);
        if (!node) {
          node = free.pop();
          if (!node) {
            node = document.createElement('div');
            if (kind === 'dm-chat') node.className = 'py-0.5';
            else node.setAttribute('data-testid', 'cellInnerDiv');
            node.style.position = 'absolute';
            node.style.left = '0';
            node.style.right = '0';
            inner.append(node);
          }
          live.set(idx, node);
        }
        fill(node, msgs[k], k);
      });
      // Recycled nodes that are not needed now are parked out of sight (still in the DOM, like a real pool).
      free.forEach(function (node) {
        node.style.top = '-10000px';
        node.removeAttribute('data-replica-index');
        node.innerHTML = '';
      });
    };
    var spin = null;
    // The other person's profile card above the first message, once the oldest message is loaded.
    var showStart = function () {
      if (from !== 0 || scroller.querySelector('[data-replica-start]')) return;
      var t = document.createElement('template');
      t.innerHTML = R.startCardHtml(kind);
      scroller.insertBefore(t.content.firstElementChild, inner);
    };
    var loadOlder = function () {
      if (loading || from === 0) return;
      loading = true;
      spin = spinner();
      scroller.insertBefore(spin, inner);
      if (N - from >= STALL_AT) return; // the site stopped loading: the spinner stays
      setTimeout(function () {
        var before = scroller.scrollHeight;
        from = Math.max(0, from - PAGE);
        relayout();
        spin.remove();
        spin = null;
        showStart();
        scroller.scrollTop += scroller.scrollHeight - before;
        loading = false;
        render();
      }, DELAY);
    };
    scroller.addEventListener('scroll', function () {
      render();
      if (scroller.scrollTop < 300) loadOlder();
    });
    // Take over from the static markup (the same rows).
    inner.replaceChildren();
    relayout();
    showStart();
    scroller.scrollTop = scroller.scrollHeight;
    render();
    window.__replica = { loaded: function () { return N - from; }, total: N };
    return;
  }

  // ------------------------------------------------------------------ a post with its replies
  if (kind === 'replies') {
    var list = document.querySelector('[data-replica-list]');
    var tree = R.replyTree();
    var topShown = 0;
    var cells = []; // {key, type, item, height}
    var cellTop = [];
    var listHeight = 0;
    var rendered = new Map();
    var busy = false;
    var bottomSpin = null;

    var pushTop = function (n) {
      var end = Math.min(tree.length, topShown + n);
      for (var t = topShown; t < end; t++) {
        var it = tree[t];
        cells.push({ key: 'r' + it.idx, type: 'reply', item: it });
        if (it.hidden) cells.push({ key: 'm' + it.idx, type: 'more', label: 'Show more replies', hidden: it.hidden });
      }
      topShown = end;
    };
    var relayoutR = function () {
      cellTop = [];
      listHeight = 0;
      cells.forEach(function (c) {
        cellTop.push(listHeight);
        listHeight += c.type === 'reply' ? R.REPLY_HEIGHT : R.MORE_HEIGHT;
      });
      list.style.height = listHeight + 'px';
    };
    var renderR = function () {
      var origin = list.getBoundingClientRect().top + window.scrollY;
      var y0 = window.scrollY - origin - 300;
      var y1 = window.scrollY - origin + innerHeight + 300;
      var want = new Map();
      cells.forEach(function (c, i) {
        if (cellTop[i] + (c.type === 'reply' ? R.REPLY_HEIGHT : R.MORE_HEIGHT) >= y0 && cellTop[i] <= y1) want.set(c.key, i);
      });
      rendered.forEach(function (node, key) {
        if (!want.has(key)) {
          node.remove();
          rendered.delete(key);
        }
      });
      want.forEach(function (i, key) {
        var c = cells[i];
        var node = rendered.get(key);
        if (!node) {
          node = document.createElement('div');
          node.setAttribute('data-testid', 'cellInnerDiv');
          node.style.cssText = 'position:absolute;left:0;right:0;';
          node.innerHTML = c.type === 'reply' ? R.articleHtml(c.item, false) : R.moreCellInner(c.label);
          if (c.type === 'more') {
            node.querySelector('button').addEventListener('click', function () {
              expand(c);
            });
          }
          list.append(node);
          rendered.set(key, node);
        }
        node.style.top = cellTop[i] + 'px';
      });
    };
    var expand = function (c) {
      var i = cells.indexOf(c);
      if (i < 0 || c.opening) return;
      c.opening = true;
      var node = rendered.get(c.key);
      if (node) node.replaceChildren(spinner());
      setTimeout(function () {
        var repl = c.hidden.map(function (h) {
          return h.type === 'reply' ? { key: 'r' + h.idx, type: 'reply', item: h } : { key: 'n' + c.key, type: 'more', label: h.label, hidden: h.hidden };
        });
        cells.splice.apply(cells, [cells.indexOf(c), 1].concat(repl));
        var old = rendered.get(c.key);
        if (old) old.remove();
        rendered.delete(c.key);
        relayoutR();
        renderR();
      }, Math.max(20, DELAY / 2));
    };
    var loadMore = function () {
      if (busy || topShown >= tree.length) return;
      busy = true;
      bottomSpin = spinner();
      bottomSpin.style.cssText = 'position:absolute;left:0;right:0;top:' + listHeight + 'px;height:0';
      list.append(bottomSpin);
      setTimeout(function () {
        pushTop(PAGE);
        relayoutR();
        bottomSpin.remove();
        bottomSpin = null;
        busy = false;
        renderR();
      }, DELAY);
    };
    window.addEventListener('scroll', function () {
      renderR();
      if (window.scrollY + innerHeight > document.documentElement.scrollHeight - 400) loadMore();
    });
    list.replaceChildren();
    pushTop(100);
    relayoutR();
    renderR();
    window.__replica = { cells: function () { return cells.length; } };
  }
})();
