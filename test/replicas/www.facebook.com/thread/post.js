/*
 * Behaviour of the long Facebook post replica (issue #4). The post page opens with the comment filter on "Most
 * relevant" (comment i with i % 5 === 3 left out) and the first 10 comments, all replies folded:
 * - "View more comments" (end of the list) shows 25 more after ?delay= ms (default 150) with a [role=progressbar];
 * - "View all 3 replies" / "View 2 replies" shows the replies (a 3-reply thread shows 2, then "View 1 more reply");
 *   the first of three replies has its own "View 1 reply";
 * - the filter button opens a [role=menu] (Most relevant / Newest / All comments); "All comments" reloads the list
 *   (spinner, then the first 10 of all comments, replies folded again).
 * ?n= sets the number of top-level comments (default 200: 500 comments and replies). The interface language is
 * <html lang> (en, es, pt). Every click on anything but those controls is counted (and not acted on) in
 * <html data-replica-clicks-other> with labels in data-replica-clicks-other-labels; the allowed ones in
 * data-replica-clicks-allowed. Nothing is fetched.
 */
(function () {
  'use strict';
  var R = window.__holdfastMetaPost;
  var html = document.documentElement;
  var L = R.LANG[html.getAttribute('lang')] || R.LANG.en;
  var q = new URLSearchParams(location.search);
  var num = function (name, dflt) {
    var v = q.get(name);
    return v !== null && v !== '' && !isNaN(Number(v)) ? Number(v) : dflt;
  };
  var DELAY = num('delay', 150);
  var N = num('n', 200);
  var postUrl = html.getAttribute('data-post-url');
  var all = R.tree(N);
  var byPath = {};
  (function index(nodes) {
    nodes.forEach(function (x) {
      byPath[x.path] = x;
      index(x.replies);
    });
  })(all);

  var mode = 'relevant';
  var shown = 0;
  var state = { shown: {} };
  var busy = false;
  var section = document.querySelector('[data-replica-comments]');
  var list = section.querySelector('[data-replica-list]');
  var filter = section.querySelector('.hf-filter');
  var openMenu = null;

  var visible = function () {
    return mode === 'all' ? all : all.filter(function (c) { return c.relevant; });
  };

  // ---- click accounting (capture phase: before the page's own handlers)
  var clicks = { allowed: 0, other: 0, labels: [] };
  var ALLOWED = '.hf-more, .hf-filter, [data-replica-filter="all"]';
  document.addEventListener(
    'click',
    function (e) {
      var t = e.target && e.target.closest ? e.target.closest('button,[role=button],a,[role=link],[role=menuitem],[role=menuitemradio],[role=textbox],[contenteditable],input,textarea') : null;
      if (!t || t.closest('[data-holdfast-capture],[data-testid^="holdfast-"]')) return;
      if (t.matches(ALLOWED)) clicks.allowed++;
      else {
        clicks.other++;
        clicks.labels.push(t.getAttribute('aria-label') || (t.textContent || '').trim().slice(0, 30));
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

  var node = function (markup) {
    var t = document.createElement('template');
    t.innerHTML = markup;
    return t.content.firstElementChild;
  };

  var renderMore = function () {
    var old = section.querySelector('[data-replica-more="comments"]');
    if (old) old.remove();
    if (shown < visible().length) list.after(node(R.expander(L.viewMoreComments, 'comments')));
  };

  var showComments = function (to) {
    var v = visible();
    for (var k = shown; k < Math.min(to, v.length); k++) list.append(node(R.replyBlock(v[k], L, postUrl, state)));
    shown = Math.min(to, v.length);
    renderMore();
  };

  var expandReplies = function (btn, path) {
    var x = byPath[path];
    var spin = node(R.spinner(L));
    btn.replaceWith(spin);
    setTimeout(function () {
      var from = state.shown[path] || 0;
      var to = from + R.step(x, from);
      state.shown[path] = to;
      var ul = spin.parentElement.querySelector(':scope > ul');
      for (var k = from; k < to; k++) {
        var li = document.createElement('li');
        li.innerHTML = R.replyBlock(x.replies[k], L, postUrl, state);
        ul.append(li);
      }
      if (to < x.replies.length) spin.replaceWith(node(R.expander(L.viewMoreReplies(x.replies.length - to), path)));
      else spin.remove();
    }, Math.max(20, DELAY / 2));
  };

  var moreComments = function (btn) {
    if (busy) return;
    busy = true;
    var spin = node(R.spinner(L));
    btn.replaceWith(spin);
    setTimeout(function () {
      spin.remove();
      busy = false;
      showComments(shown + R.PAGE);
    }, DELAY);
  };

  var closeMenu = function () {
    if (openMenu) openMenu.remove();
    openMenu = null;
    filter.setAttribute('aria-expanded', 'false');
  };

  var toggleMenu = function () {
    if (openMenu) return closeMenu();
    openMenu = node(R.menu(L));
    var box = filter.getBoundingClientRect();
    openMenu.style.cssText = 'position:absolute;z-index:10;left:' + (box.left + window.scrollX) + 'px;top:' + (box.bottom + window.scrollY + 4) + 'px';
    document.body.append(openMenu);
    filter.setAttribute('aria-expanded', 'true');
  };

  var choose = function (which) {
    closeMenu();
    if (which !== 'all' || mode === 'all') return;
    filter.outerHTML = R.filterButton(L, 'all', false);
    filter = section.querySelector('.hf-filter');
    var more = section.querySelector('[data-replica-more="comments"]');
    if (more) more.remove();
    list.replaceChildren(node(R.spinner(L)));
    setTimeout(function () {
      mode = 'all';
      shown = 0;
      state = { shown: {} };
      list.replaceChildren();
      showComments(R.FIRST_PAGE);
    }, DELAY);
  };

  document.addEventListener('click', function (e) {
    var t = e.target && e.target.closest ? e.target : null;
    if (!t) return;
    var more = t.closest('.hf-more');
    if (more) {
      var key = more.getAttribute('data-replica-more');
      if (key === 'comments') moreComments(more);
      else expandReplies(more, key);
      return;
    }
    if (t.closest('.hf-filter')) return toggleMenu();
    var item = t.closest('[data-replica-filter]');
    if (item) return choose(item.getAttribute('data-replica-filter'));
    if (openMenu && !t.closest('[role=menu]')) closeMenu();
  });

  // Take over from the static markup (the same first comments).
  list.replaceChildren();
  showComments(R.FIRST_PAGE);
  window.__replica = {
    mode: function () {
      return mode;
    },
    shown: function () {
      return shown;
    },
  };
})();
