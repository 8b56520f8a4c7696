/*
 * Behaviour of the long Messenger conversation replica (issue #4), the same on www.messenger.com/t/<id>/ and
 * www.facebook.com/messages/t/<id>/: a conversation of n messages (?n=, default 2000) of which only the rows near
 * the viewport are in the DOM (~30), absolutely positioned inside the [role=grid] scroller; row nodes are RECYCLED
 * (re-filled with another message or a timestamp divider). Scrolling near the top shows the [role=progressbar]
 * spinner and, after ?delay= ms (default 150), prepends the next ?page= (50) older messages, keeping the reader's
 * place. ?stallAt=k (or <html data-stall-at>): once k messages are loaded the spinner stays forever.
 * Every click on anything but Holdfast's own controls is counted (and not acted on) in
 * <html data-replica-clicks-other>, with labels in data-replica-clicks-other-labels: a conversation has nothing
 * Holdfast may click. Nothing is fetched.
 */
(function () {
  'use strict';
  var R = window.__holdfastMetaDm;
  var html = document.documentElement;
  var q = new URLSearchParams(location.search);
  var num = function (name, dflt) {
    var v = q.get(name);
    return v !== null && v !== '' && !isNaN(Number(v)) ? Number(v) : dflt;
  };
  var N = num('n', 2000);
  var DELAY = num('delay', 150);
  var PAGE = num('page', 50);
  var STALL_AT = num('stallAt', Number(html.getAttribute('data-stall-at') || 0)) || Infinity;

  // ---- click accounting: nothing on this page may be clicked by Holdfast
  var clicks = { other: 0, labels: [] };
  document.addEventListener(
    'click',
    function (e) {
      var t = e.target && e.target.closest ? e.target : null;
      if (!t || t.closest('[data-holdfast-capture],[data-testid^="holdfast-"]')) return;
      var c = t.closest('button,[role=button],a,[role=link],[role=menuitem],[role=gridcell],[role=row],[role=textbox],[role=slider],textarea,input') || t;
      clicks.other++;
      clicks.labels.push(c.getAttribute('aria-label') || (c.textContent || '').trim().slice(0, 30) || c.tagName);
      e.preventDefault();
      e.stopPropagation();
      html.setAttribute('data-replica-clicks-other', String(clicks.other));
      html.setAttribute('data-replica-clicks-other-labels', clicks.labels.join('|'));
    },
    true,
  );
  html.setAttribute('data-replica-clicks-allowed', '0');
  html.setAttribute('data-replica-clicks-other', '0');

  var scroller = document.querySelector('[data-replica-scroller]');
  var inner = scroller.querySelector('[data-replica-inner]');
  var spin = scroller.querySelector('[role="progressbar"]');
  var from = Math.max(0, N - PAGE);
  var list = [];
  var tops = [];
  var total = 0;
  var loading = false;
  var live = new Map(); // item key -> node
  var free = [];

  var relayout = function () {
    list = R.items(from, N);
    tops = [];
    total = 0;
    for (var k = 0; k < list.length; k++) {
      tops.push(total);
      total += list[k].height;
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
  var render = function () {
    var top = scroller.scrollTop;
    var a = firstAt(Math.max(0, top - 150));
    var b = firstAt(top + scroller.clientHeight + 150);
    var want = new Map();
    for (var k = a; k <= b && k < list.length; k++) want.set(list[k].key, k);
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
          node.setAttribute('role', 'row');
          node.className = 'hf-row';
          node.style.position = 'absolute';
          node.style.left = '0';
          node.style.right = '0';
          inner.append(node);
        }
        live.set(key, node);
      }
      node.style.top = tops[k] + 'px';
      node.style.height = list[k].height + 'px';
      if (node.getAttribute('data-replica-key') !== key) {
        node.setAttribute('data-replica-key', key);
        node.innerHTML = list[k].html;
      }
    });
    // Nodes not needed now are parked out of sight (still in the DOM, emptied, like a real pool).
    free.forEach(function (node) {
      node.style.top = '-10000px';
      node.removeAttribute('data-replica-key');
      node.innerHTML = '';
    });
  };
  var loadOlder = function () {
    if (loading || from === 0) return;
    loading = true;
    spin.hidden = false;
    if (N - from >= STALL_AT) return; // the site stopped loading: the spinner stays
    setTimeout(function () {
      var before = total;
      from = Math.max(0, from - PAGE);
      relayout();
      scroller.scrollTop += total - before;
      spin.hidden = true;
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
  scroller.scrollTop = scroller.scrollHeight;
  render();
  window.__replica = {
    loaded: function () {
      return N - from;
    },
    total: N,
  };
})();
