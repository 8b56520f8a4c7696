/*
 * Behaviour of the long Facebook profile replica (issue #4, "capture profile with posts"), <html data-replica=
 * "profile-timeline">: the pinned post and 200 timeline entries (profile-data.js), newest first, in the document's
 * normal flow (the document scrolls, as on Facebook).
 * - At first ?first= (10) entries are loaded; when the reader comes within 800 px of the end of the feed, Facebook's
 *   loading placeholder ([role=progressbar] glimmer card) is added below it and, after ?delay= ms (default 150), the
 *   next ?page= (10) older entries replace it. ?n= changes the number of entries (default 200).
 * - Like Facebook's feed under memory pressure, a post more than two screens away from the viewport is taken out of
 *   the page: its slot keeps its height (so nothing moves) and the article node goes to a pool; posts coming near
 *   take a pooled node, RECYCLED (its attributes and content replaced), so one node shows different posts over time.
 *   The links' tracking noise (__cft__) changes with every render, as Facebook's does.
 * Every click on a button, link, menu item or text field is counted (and not acted on) in <html
 * data-replica-clicks-other>, with labels in data-replica-clicks-other-labels: a capture may click nothing here.
 * Nothing is fetched.
 */
(function () {
  'use strict';
  var P = window.__holdfastFbProfile;
  var html = document.documentElement;
  var q = new URLSearchParams(location.search);
  var num = function (name, dflt) {
    var v = q.get(name);
    return v !== null && v !== '' && !isNaN(Number(v)) ? Number(v) : dflt;
  };
  var DELAY = num('delay', 150);
  var PAGE = num('page', P.PAGE);
  var N = Math.min(P.N, num('n', P.N));
  var loaded = Math.min(N, num('first', P.FIRST));

  // ---- click accounting: nothing on this page may be clicked by a capture
  var clicks = { other: 0, labels: [] };
  document.addEventListener(
    'click',
    function (e) {
      var t = e.target && e.target.closest ? e.target.closest('button,[role=button],a,[role=link],[role=menuitem],[role=menuitemradio],[role=textbox],[role=tab],[contenteditable],input,textarea') : null;
      if (!t || t.closest('[data-holdfast-capture],[data-testid^="holdfast-"]')) return;
      clicks.other++;
      clicks.labels.push(t.getAttribute('aria-label') || (t.textContent || '').trim().slice(0, 30));
      e.preventDefault();
      e.stopPropagation();
      html.setAttribute('data-replica-clicks-other', String(clicks.other));
      html.setAttribute('data-replica-clicks-other-labels', clicks.labels.join('|'));
    },
    true,
  );
  html.setAttribute('data-replica-clicks-allowed', '0');
  html.setAttribute('data-replica-clicks-other', '0');

  var timeline = document.querySelector('[data-pagelet="ProfileTimeline"]');
  var pinnedBox = document.querySelector('[data-replica-pinned]');
  var feed = document.querySelector('[data-replica-feed]');
  var slots = []; // { el, entry, posinset, article }
  var pool = [];
  var renders = 0;
  var loading = false;
  var spinner = null;

  var template = function (markup) {
    var t = document.createElement('template');
    t.innerHTML = markup;
    return t.content.firstElementChild;
  };

  var fill = function (slot) {
    if (slot.article) return;
    var fresh = template(P.articleHtml(slot.entry, slot.posinset, ++renders));
    var node = pool.pop();
    if (node) {
      // Recycle: the same element now shows another post.
      while (node.attributes.length) node.removeAttribute(node.attributes[0].name);
      for (var k = 0; k < fresh.attributes.length; k++) node.setAttribute(fresh.attributes[k].name, fresh.attributes[k].value);
      node.replaceChildren.apply(node, Array.prototype.slice.call(fresh.childNodes));
    } else node = fresh;
    slot.el.style.height = '';
    slot.el.append(node);
    slot.article = node;
  };

  var empty = function (slot) {
    if (!slot.article) return;
    slot.el.style.height = slot.el.getBoundingClientRect().height + 'px';
    slot.article.remove();
    pool.push(slot.article);
    slot.article = null;
  };

  var makeSlot = function (entry, posinset, parent) {
    var el = document.createElement('div');
    el.setAttribute('data-replica-slot', String(entry.index));
    parent.append(el);
    var slot = { el: el, entry: entry, posinset: posinset, article: null };
    slots.push(slot);
    fill(slot);
    return slot;
  };

  var render = function () {
    var keep = 2 * innerHeight;
    slots.forEach(function (slot) {
      var r = slot.el.getBoundingClientRect();
      var near = r.bottom > -keep && r.top < innerHeight + keep;
      if (near) fill(slot);
      else empty(slot);
    });
  };

  var nearEnd = function () {
    if (feed.getBoundingClientRect().bottom - innerHeight < 800) loadOlder();
  };

  var loadOlder = function () {
    if (loading || loaded >= N) return;
    loading = true;
    spinner = template(P.loadingHtml());
    timeline.append(spinner);
    setTimeout(function () {
      var to = Math.min(N, loaded + PAGE);
      for (var i = loaded; i < to; i++) makeSlot(P.entry(i), i + 1, feed);
      loaded = to;
      spinner.remove();
      spinner = null;
      loading = false;
      render();
      nearEnd();
    }, DELAY);
  };

  window.addEventListener('scroll', function () {
    render();
    nearEnd();
  });

  // Take over from the static markup (the same posts).
  pinnedBox.querySelector('[data-replica-slot]').remove();
  feed.replaceChildren();
  makeSlot(P.PINNED, 0, pinnedBox);
  for (var i = 0; i < loaded; i++) makeSlot(P.entry(i), i + 1, feed);
  render();
  window.__replica = {
    loaded: function () {
      return loaded;
    },
    total: N,
    /** How many post nodes exist (in the page and pooled): stays small however far the reader goes. */
    nodes: function () {
      return slots.filter(function (s) { return s.article; }).length + pool.length;
    },
  };
})();
