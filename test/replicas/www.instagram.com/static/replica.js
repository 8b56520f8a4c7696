// Behaviour of the Instagram replica pages, only on interaction (the static markup is the page "as first loaded"):
// - "View replies (n)" / "Hide replies" expand and collapse a comment's replies;
// - "Load more comments" appends the next comments after a short load (with a progress indicator);
// - in a conversation, scrolling to the top loads older messages in batches (progress indicator while loading),
//   and the message list is virtualised: at most MAX_ROWS rows are in the DOM, rows far from view are recycled.
(() => {
  'use strict';
  const LOAD_MS = 350;
  const MAX_ROWS = 40;

  const progress = () => {
    const p = document.createElement('div');
    p.setAttribute('role', 'progressbar');
    p.setAttribute('aria-valuetext', 'Loading…');
    p.className = 'x78zum5 xl56j7k xcenter';
    p.textContent = '…';
    return p;
  };

  // ---------------------------------------------------------------- comments
  document.addEventListener('click', (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    const btn = target?.closest('[data-replica-template], [data-replica-toggle]');
    if (!btn) return;
    ev.preventDefault();
    const label = btn.querySelector('span');
    if (btn.hasAttribute('data-replica-toggle')) {
      // Hide / show replies that are already loaded.
      const list = btn.nextElementSibling;
      if (btn.getAttribute('data-replica-toggle') === 'hide') {
        btn._replicaList = list;
        list?.remove();
        btn.setAttribute('data-replica-toggle', 'show');
        btn.setAttribute('data-hide-label', label?.textContent ?? '');
        if (label) label.textContent = btn.getAttribute('data-view-label') ?? '';
      } else {
        if (btn._replicaList) btn.after(btn._replicaList);
        btn.setAttribute('data-replica-toggle', 'hide');
        if (label) label.textContent = btn.getAttribute('data-hide-label') ?? '';
      }
      return;
    }
    const tpl = document.getElementById(btn.getAttribute('data-replica-template') ?? '');
    if (!(tpl instanceof HTMLTemplateElement)) return;
    btn.removeAttribute('data-replica-template');
    if (tpl.id.startsWith('replies-')) {
      // First expansion: load the replies under the button, which becomes "Hide replies".
      const p = progress();
      btn.after(p);
      setTimeout(() => {
        const list = document.createElement('div');
        list.className = 'xr1yuqi';
        list.append(tpl.content.cloneNode(true));
        p.replaceWith(list);
        btn.setAttribute('data-view-label', label?.textContent ?? '');
        btn.setAttribute('data-replica-toggle', 'hide');
        if (label) label.textContent = tpl.getAttribute('data-hide-label') ?? '';
      }, LOAD_MS);
    } else {
      // "Load more comments": the control is replaced by the next comments (one more page here).
      const holder = btn.parentElement;
      const p = progress();
      holder?.replaceWith(p);
      setTimeout(() => p.replaceWith(tpl.content.cloneNode(true)), LOAD_MS);
    }
  });

  // ---------------------------------------------------------------- conversation
  const scroller = document.querySelector('[data-replica-scroller]');
  const list = scroller?.firstElementChild;
  if (!scroller || !list) return;
  const rows = Array.from(list.children); // the model, oldest first; the DOM shows rows[lo, hi)
  let lo = 0;
  let hi = rows.length;
  let batchesLeft = 3;
  let loading = false;
  const lang = document.documentElement.lang || 'en';
  // Three pages of older history (oldest page last), each a different stretch of the conversation.
  const older = [
    [
      ['received', 'u up?'], ['received', 'answer me'], ['sent', 'Leave me alone.'], ['received', 'why are you ignoring me'],
      ['received', 'i know where you work 🙂'], ['sent', 'Stop messaging me or I will report you.'], ['received', 'go ahead'],
      ['received', 'nobody will believe you'], ['sent', 'I am keeping screenshots of all of this.'], ['received', 'lol ok'],
      ['received', 'see you around'], ['received', '👀'],
    ],
    [
      ['received', 'nice jacket today'], ['received', 'the blue one'], ['sent', 'How do you know what I wore?'],
      ['received', 'lucky guess 😉'], ['sent', 'Do not contact me again.'], ['received', 'or what'],
      ['received', 'you blocked my other account, that was rude'], ['sent', 'I have reported both accounts.'],
      ['received', 'they never do anything'], ['received', 'talk soon'], ['sent', 'No.'], ['received', '🙂'],
    ],
    [
      ['received', 'hey, remember me?'], ['received', 'we met at the climbing gym'], ['sent', 'Hi, sorry, not really.'],
      ['received', 'ryan! tall guy, blue helmet'], ['sent', 'Oh ok. Hi.'], ['received', 'want to grab coffee sometime?'],
      ['sent', 'Thanks but no thanks.'], ['received', 'why not'], ['received', 'just coffee'], ['sent', 'I said no, please respect that.'],
      ['received', 'wow ok'], ['received', 'your loss'],
    ],
  ];
  const sample = (pred) => rows.find(pred);
  const receivedWithAvatar = sample((r) => r.querySelector('a[href] img') && r.querySelector('div[dir="auto"]'));
  const sent = sample((r) => r.querySelector('[style*="flex-end"]') && r.querySelector('div[dir="auto"]') && !r.querySelector('[aria-label][role="button"]'));
  const divider = sample((r) => !r.querySelector('[role="presentation"]') && /\d{1,2}[:h.]\d{2}/.test(r.textContent ?? ''));

  function makeRow(kind, text, avatar) {
    const base = kind === 'sent' ? sent : receivedWithAvatar;
    const row = base.cloneNode(true);
    const bubble = row.querySelector('div[dir="auto"]');
    if (bubble) bubble.textContent = text;
    if (kind === 'received' && !avatar) row.querySelector('a[href]')?.remove();
    return row;
  }
  function olderBatch(batch) {
    const when = new Date(Date.UTC(2026, 2, 1 - batch, 20, 15));
    const d = divider.cloneNode(true);
    const span = d.querySelector('span');
    if (span) span.textContent = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(when);
    const out = [d];
    const lines = older[batch - 1] ?? [];
    lines.forEach(([kind, text], i) => {
      const next = lines[i + 1];
      out.push(makeRow(kind, text, kind === 'received' && (!next || next[0] !== 'received')));
    });
    return out;
  }

  function keepHeight(mutate, atTop) {
    const before = scroller.scrollHeight;
    const top = scroller.scrollTop;
    mutate();
    if (atTop) scroller.scrollTop = top + (scroller.scrollHeight - before);
  }
  function trimBottom() {
    while (hi - lo > MAX_ROWS) {
      hi--;
      rows[hi].remove();
    }
  }
  function trimTop() {
    keepHeight(() => {
      while (hi - lo > MAX_ROWS) {
        rows[lo].remove();
        lo++;
      }
    }, true);
  }

  function showOlder() {
    if (lo > 0) {
      const from = Math.max(0, lo - 12);
      keepHeight(() => list.prepend(...rows.slice(from, lo)), true);
      lo = from;
      trimBottom();
      return;
    }
    if (batchesLeft === 0 || loading || !receivedWithAvatar || !sent || !divider) return;
    loading = true;
    const p = progress();
    keepHeight(() => list.prepend(p), true);
    setTimeout(() => {
      const batch = olderBatch(4 - batchesLeft);
      batchesLeft--;
      keepHeight(() => {
        p.remove();
        list.prepend(...batch);
      }, true);
      rows.unshift(...batch);
      hi += batch.length;
      trimBottom();
      loading = false;
    }, LOAD_MS);
  }
  function showNewer() {
    if (hi >= rows.length) return;
    const to = Math.min(rows.length, hi + 12);
    list.append(...rows.slice(hi, to));
    hi = to;
    trimTop();
  }
  // Like the real client, open the conversation at its newest message (no rows change).
  scroller.scrollTop = scroller.scrollHeight;
  scroller.addEventListener('scroll', () => {
    if (scroller.scrollTop < 40) showOlder();
    else if (scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40) showNewer();
  });
})();
