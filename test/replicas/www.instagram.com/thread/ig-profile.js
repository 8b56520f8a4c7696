/*
 * Behaviour of the long Instagram profile replica (issue #4, "capture profile with posts"), <html data-replica=
 * "profile-grid">: the pinned post and 240 posts (ig-profile-data.js) in a grid of rows of 3 tiles, scrolled by the
 * document like Instagram's. The grid is virtualised like Instagram's: only the rows near the viewport (about 10)
 * are in the DOM, in flow between a top and a bottom padding that stand for the rows left out; row nodes are
 * RECYCLED (a row that leaves is detached and re-used for another row: its links, pictures and icons are re-filled in
 * place). At first 12 tiles are loaded; when the reader nears the end of the grid an svg spinner labelled
 * "Loading..." shows below it and, after ?delay= ms (default 150), the next 12 tiles are added. ?n= changes the
 * number of posts (default 240).
 * Every click on a button, link or text field is counted (and not acted on) in <html data-replica-clicks-other>, with
 * labels in data-replica-clicks-other-labels: nothing on this page may be clicked by a capture. Nothing is fetched.
 */
(function () {
  'use strict';
  var P = window.__holdfastIgProfileReplica;
  var html = document.documentElement;
  var lang = html.getAttribute('lang') === 'es' ? 'es' : 'en';
  var q = new URLSearchParams(location.search);
  var num = function (name, dflt) {
    var v = q.get(name);
    return v !== null && v !== '' && !isNaN(Number(v)) ? Number(v) : dflt;
  };
  var DELAY = num('delay', 150);
  var ALL = P.tiles(lang).slice(0, 1 + Math.min(P.N, num('n', P.N)));
  var loaded = Math.min(ALL.length, P.PAGE);
  var ROW_H = 304; // a 300 px tile and the 4 px gap under it
  var OVERSCAN = 1000;

  // ---- click accounting: nothing on this page may be clicked by a capture
  var clicks = { other: 0, labels: [] };
  document.addEventListener(
    'click',
    function (e) {
      var t = e.target && e.target.closest ? e.target.closest('button,[role=button],a,textarea,input,[contenteditable]') : null;
      if (!t || t.closest('[data-holdfast-capture],[data-testid^="holdfast-"]')) return;
      clicks.other++;
      clicks.labels.push(t.getAttribute('aria-label') || t.getAttribute('href') || (t.textContent || '').trim().slice(0, 30) || t.tagName);
      e.preventDefault();
      e.stopImmediatePropagation();
      html.setAttribute('data-replica-clicks-other', String(clicks.other));
      html.setAttribute('data-replica-clicks-other-labels', clicks.labels.join('|'));
    },
    true,
  );
  html.setAttribute('data-replica-clicks-allowed', '0');
  html.setAttribute('data-replica-clicks-other', '0');

  var grid = document.querySelector('[data-replica-grid]');
  var live = new Map(); // row index -> row node
  var free = [];
  var loading = false;
  var spin = null;

  var rowsLoaded = function () {
    return Math.ceil(loaded / P.PER_ROW);
  };
  var gridTop = function () {
    return grid.getBoundingClientRect().top + window.scrollY;
  };
  /** Fills a cell with tile t, re-using its link, picture and icon box when it has them (a recycled cell). */
  var fillCell = function (cell, t) {
    if (cell.getAttribute('data-replica-index') === String(t ? t.index : 'none')) return;
    cell.setAttribute('data-replica-index', String(t ? t.index : 'none'));
    if (!t) {
      cell.replaceChildren();
      return;
    }
    var a = cell.querySelector('a');
    if (!a) {
      cell.innerHTML = P.tileInner(t);
      return;
    }
    a.setAttribute('href', t.href);
    var img = a.querySelector('img');
    img.setAttribute('alt', t.alt);
    img.setAttribute('src', t.thumb);
    var icons = a.querySelector('._aatp');
    if (icons) icons.remove();
    if (t.icons.length) {
      var tmp = document.createElement('template');
      tmp.innerHTML = P.tileInner(t);
      var fresh = tmp.content.querySelector('._aatp');
      if (fresh) a.append(fresh);
    }
  };
  var fillRow = function (node, r) {
    node.setAttribute('data-replica-row', String(r));
    for (var c = 0; c < P.PER_ROW; c++) fillCell(node.children[c], ALL[r * P.PER_ROW + c] && r * P.PER_ROW + c < loaded ? ALL[r * P.PER_ROW + c] : null);
  };
  var newRow = function () {
    var node = document.createElement('div');
    node.className = 'x78zum5 x1q0g3np xgrid-row';
    for (var c = 0; c < P.PER_ROW; c++) {
      var cell = document.createElement('div');
      cell.className = 'x1lliihq x1n2onr6 xh8yej3 x1gryazu xgrid-cell';
      node.append(cell);
    }
    return node;
  };

  var render = function () {
    var top = gridTop();
    var rows = rowsLoaded();
    var y0 = window.scrollY - top - OVERSCAN;
    var y1 = window.scrollY - top + innerHeight + OVERSCAN;
    var a = Math.max(0, Math.floor(y0 / ROW_H));
    var b = Math.min(rows - 1, Math.floor(y1 / ROW_H));
    live.forEach(function (node, r) {
      if (r < a || r > b) {
        live.delete(r);
        node.remove();
        free.push(node);
      }
    });
    var before = null;
    for (var r = b; r >= a; r--) {
      var node = live.get(r);
      if (!node) {
        node = free.pop() || newRow();
        live.set(r, node);
      }
      fillRow(node, r);
      if (node.nextSibling !== before || node.parentNode !== grid) grid.insertBefore(node, before);
      before = node;
    }
    grid.style.paddingTop = a * ROW_H + 'px';
    grid.style.paddingBottom = Math.max(0, rows - 1 - b) * ROW_H + 'px';
  };
  var loadMore = function () {
    if (loading || loaded >= ALL.length) return;
    loading = true;
    spin = document.createElement('template');
    spin.innerHTML = P.spinnerHtml(lang);
    spin = spin.content.firstElementChild;
    grid.after(spin);
    setTimeout(function () {
      loaded = Math.min(ALL.length, loaded + P.PAGE);
      spin.remove();
      spin = null;
      loading = false;
      render();
      nearEnd();
    }, DELAY);
  };
  var nearEnd = function () {
    if (window.scrollY + innerHeight > gridTop() + rowsLoaded() * ROW_H - 600) loadMore();
  };
  window.addEventListener('scroll', function () {
    render();
    nearEnd();
  });
  // Take over from the static markup (the same rows).
  grid.replaceChildren();
  render();
  window.__replica = {
    /** Posts loaded so far (the pinned post not counted). */
    loaded: function () {
      return loaded - 1;
    },
    rowsInDom: function () {
      return grid.children.length;
    },
    total: ALL.length - 1,
  };
})();
