/*
 * Behaviour of the long profile-timeline replica (issue #4, "capture profile with posts"), <html data-replica=
 * "profile-timeline">: the pinned post and 300 timeline entries (profile-data.js), newest first, in a virtualised list
 * scrolled by the document like X's. Only the cells near the viewport are in the DOM, absolutely positioned with
 * transform: translateY(); cell nodes are RECYCLED (re-filled with another post, parked out of sight when not needed).
 * At first ?first= (20) entries are loaded; when the reader nears the bottom a [role=progressbar] spinner cell shows
 * and, after ?delay= ms (default 150), the next ?page= (20) older entries are appended. ?n= changes the number of
 * entries (default 300).
 * Every click on a button or link is counted (and not acted on) in <html data-replica-clicks-other>, with labels in
 * data-replica-clicks-other-labels. Nothing is fetched.
 */
(function () {
  'use strict';
  var P = window.__holdfastProfileReplica;
  var html = document.documentElement;
  var q = new URLSearchParams(location.search);
  var num = function (name, dflt) {
    var v = q.get(name);
    return v !== null && v !== '' && !isNaN(Number(v)) ? Number(v) : dflt;
  };
  var DELAY = num('delay', 150);
  var PAGE = num('page', 20);
  var N = Math.min(P.N, num('n', P.N));
  var loaded = Math.min(N, num('first', 20));

  // ---- click accounting: nothing on this page may be clicked by a capture
  var clicks = { other: 0, labels: [] };
  document.addEventListener(
    'click',
    function (e) {
      var t = e.target && e.target.closest ? e.target.closest('button,[role=button],a,textarea,input') : null;
      if (!t || t.closest('[data-holdfast-capture],[data-testid^="holdfast-"]')) return;
      clicks.other++;
      clicks.labels.push(t.getAttribute('data-testid') || t.getAttribute('aria-label') || t.textContent.trim().slice(0, 30));
      e.preventDefault();
      e.stopPropagation();
      html.setAttribute('data-replica-clicks-other', String(clicks.other));
      html.setAttribute('data-replica-clicks-other-labels', clicks.labels.join('|'));
    },
    true,
  );
  html.setAttribute('data-replica-clicks-allowed', '0');
  html.setAttribute('data-replica-clicks-other', '0');

  var list = document.querySelector('[data-replica-list]');
  var items = [];
  var tops = [];
  var total = 0;
  var live = new Map(); // item index in `items` -> node
  var free = [];
  var loading = false;
  var spin = null;
  var SPIN_H = 56;

  var relayout = function () {
    items = P.timeline(loaded);
    tops = [];
    total = 0;
    items.forEach(function (p) {
      tops.push(total);
      total += p.height;
    });
    list.style.height = total + (spin ? SPIN_H : 0) + 'px';
    if (spin) spin.style.transform = 'translateY(' + total + 'px)';
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
  var listTop = function () {
    return list.getBoundingClientRect().top + window.scrollY;
  };
  var render = function () {
    var origin = listTop();
    var y0 = window.scrollY - origin - 300;
    var y1 = window.scrollY - origin + innerHeight + 300;
    var want = new Map();
    if (y1 > 0) for (var k = firstAt(Math.max(0, y0)); k < items.length && tops[k] <= y1; k++) want.set(k, true);
    live.forEach(function (node, k) {
      if (!want.has(k)) {
        live.delete(k);
        free.push(node);
      }
    });
    want.forEach(function (_, k) {
      var node = live.get(k);
      if (!node) {
        node = free.pop();
        if (!node) {
          node = document.createElement('div');
          node.setAttribute('data-testid', 'cellInnerDiv');
          node.style.position = 'absolute';
          node.style.left = '0';
          node.style.right = '0';
          list.append(node);
        }
        live.set(k, node);
      }
      var p = items[k];
      node.style.height = p.height + 'px';
      node.style.transform = 'translateY(' + tops[k] + 'px)';
      if (node.getAttribute('data-replica-index') !== String(p.index)) {
        node.setAttribute('data-replica-index', String(p.index));
        node.innerHTML = P.articleHtml(p);
      }
    });
    // Recycled nodes not needed now are parked out of sight (still in the DOM, like a real pool).
    free.forEach(function (node) {
      node.style.transform = 'translateY(-10000px)';
      node.removeAttribute('data-replica-index');
      node.innerHTML = '';
    });
  };
  var loadOlder = function () {
    if (loading || loaded >= N) return;
    loading = true;
    spin = document.createElement('div');
    spin.setAttribute('data-testid', 'cellInnerDiv');
    spin.style.cssText = 'position:absolute;left:0;right:0;height:' + SPIN_H + 'px;transform:translateY(' + total + 'px)';
    spin.innerHTML = '<div role="progressbar" aria-label="Loading" class="r-spinner"><svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true"><circle cx="16" cy="16" r="12" fill="none" stroke="#1d9bf0" stroke-width="4" stroke-dasharray="50 30"></circle></svg></div>';
    list.append(spin);
    list.style.height = total + SPIN_H + 'px';
    setTimeout(function () {
      loaded = Math.min(N, loaded + PAGE);
      spin.remove();
      spin = null;
      loading = false;
      relayout();
      render();
      nearEnd();
    }, DELAY);
  };
  var nearEnd = function () {
    if (window.scrollY + innerHeight > listTop() + total - 400) loadOlder();
  };
  window.addEventListener('scroll', function () {
    render();
    nearEnd();
  });
  // Take over from the static markup (the same cells).
  list.replaceChildren();
  relayout();
  render();
  window.__replica = {
    loaded: function () {
      return loaded;
    },
    total: N,
  };
})();
