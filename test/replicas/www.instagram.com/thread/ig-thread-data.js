/*
 * Deterministic content and markup of the Instagram long-thread replicas (issue #4), shared by the pages' behaviour
 * script (ig-thread.js, in the browser), by generate.mjs and by the tests (in Node), so the static markup, the live
 * pages and the expected transcripts cannot drift apart. Pure string functions; nothing is fetched.
 *
 * - dm(): a 2,000-message conversation between the viewer (holdfast_viewer) and r.vance_22. Instagram shows no time on
 *   a message, only a divider above each run of messages sent close together ("Mar 2, 2026, 10:41 PM"); no message
 *   id is in the page. Texts repeat (the same "Answer me." three times in a row), some messages are photos, voice
 *   notes or unsent placeholders, some carry a reaction.
 * - comments(): a post with 200 comments and 300 replies, 15 comments shown at first, "Load more comments" for the next
 *   15, and "View replies (n)" under a comment that opens 5 replies at a time (the control comes back with the rest).
 */
(function (root) {
  'use strict';
  var CDN = 'https://scontent.cdninstagram.com';
  var pic = function (file, oh) {
    return CDN + '/v/t51.2885-19/' + file + '?stp=dst-jpg_s150x150_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=1&_nc_ohc=Q7kNvgF' + oh + '&oh=00_AY' + oh + '&oe=69F0B1C2';
  };
  var VIEWER = { handle: 'holdfast_viewer', name: 'Sam Rivera', pic: pic('454020110_1209345_viewer_n.jpg', 'v1') };
  var OTHER = { handle: 'r.vance_22', name: 'Ryan Vance', pic: pic('431188204_1093347721880214_n.jpg', 'rv') };
  var PICS = [
    pic('440012345_771122334455_n.jpg', 'mk'),
    pic('437766554_660099887766_n.jpg', 'jo'),
    pic('445566778_554433221100_n.jpg', 'cr'),
    pic('429988776_443322110099_n.jpg', 'tb'),
    pic('448877665_332211009988_n.jpg', 'lp'),
    pic('452211330_221100998877_n.jpg', 'no'),
  ];
  var DM_PHOTO = CDN + '/v/t1.15752-9/481234567_1122334455667788_9988776655443322110_n.jpg?stp=dst-jpg_s480x480_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=110&oe=69F9C1D2&oh=03_Q7cD';
  var POST_PHOTO = CDN + '/v/t51.2885-15/482913377_18047711234017783_5520831998765432101_n.jpg?stp=dst-jpg_e35_p1080x1080_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=105&_nc_ohc=Xq3bH0aZk2QQ7kNvgE&oh=00_AYB7x2QeLm0&oe=69F1A2B3';

  /** Instagram's own interface words, per viewer language (what people wrote stays as written). */
  var UI = {
    en: {
      pp: function (h) { return h + "'s profile picture"; },
      conversation: function (n) { return 'Conversation with ' + n; },
      unsentOther: function (h) { return h + ' unsent a message'; },
      unsentMine: 'You unsent a message',
      reacted: 'See who reacted to this', openPhoto: 'Open photo', play: 'Play', loading: 'Loading...',
      audioCall: 'Audio call', videoCall: 'Video call', convInfo: 'Conversation information', send: 'Send', message: 'Message...',
      viewProfile: 'View profile',
      like: 'Like', reply: 'Reply', commentOptions: 'Comment Options', likes: function (n) { return n + ' likes'; },
      viewReplies: function (n) { return 'View replies (' + n + ')'; }, hideReplies: 'Hide replies', loadMore: 'Load more comments',
      seeTranslation: 'See translation', follow: 'Follow', moreOptions: 'More options', comment: 'Comment', share: 'Share', save: 'Save',
      addComment: 'Add a comment…', post: 'Post', home: 'Home', messages: 'Messages', profile: 'Profile', likedBy: 'Liked by', others: 'others',
      months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    },
    es: {
      pp: function (h) { return 'Foto del perfil de ' + h; },
      conversation: function (n) { return 'Conversación con ' + n; },
      unsentOther: function (h) { return h + ' anuló el envío de un mensaje'; },
      unsentMine: 'Anulaste el envío de un mensaje',
      reacted: 'Ver quién reaccionó a esto', openPhoto: 'Abrir foto', play: 'Reproducir', loading: 'Cargando...',
      audioCall: 'Llamada de audio', videoCall: 'Videollamada', convInfo: 'Información de la conversación', send: 'Enviar', message: 'Envía un mensaje...',
      viewProfile: 'Ver perfil',
      like: 'Me gusta', reply: 'Responder', commentOptions: 'Opciones de comentarios', likes: function (n) { return n + ' Me gusta'; },
      viewReplies: function (n) { return 'Ver respuestas (' + n + ')'; }, hideReplies: 'Ocultar respuestas', loadMore: 'Cargar más comentarios',
      seeTranslation: 'Ver traducción', follow: 'Seguir', moreOptions: 'Más opciones', comment: 'Comentar', share: 'Compartir', save: 'Guardar',
      addComment: 'Agrega un comentario…', post: 'Publicar', home: 'Inicio', messages: 'Mensajes', profile: 'Perfil', likedBy: 'Les gusta a', others: 'otras personas',
      months: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
    },
  };

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }
  function svg(label, body, size) {
    return '<svg aria-label="' + esc(label) + '" class="x1lliihq x1n2onr6 x5n08af" fill="currentColor" height="' + (size || 24) + '" role="img" viewBox="0 0 24 24" width="' + (size || 24) + '"><title>' + esc(label) + '</title>' + (body || '<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"></circle>') + '</svg>';
  }
  var HEART = '<path d="M16.8 3.5a4.9 4.9 0 0 0-4.8 2.9 4.9 4.9 0 0 0-4.8-2.9C4.6 3.5 2.5 5.7 2.5 8.6c0 5.4 9.5 11.9 9.5 11.9s9.5-6.5 9.5-11.9c0-2.9-2.1-5.1-4.7-5.1Z" fill="none" stroke="currentColor" stroke-width="2"></path>';
  var DOTS = '<circle cx="12" cy="12" r="1.5"></circle><circle cx="6" cy="12" r="1.5"></circle><circle cx="18" cy="12" r="1.5"></circle>';
  function userLink(h, inner, cls) {
    return '<a class="' + (cls || 'x1i10hfl xjbqb8w x1ejq31n xd10rxx') + '" href="/' + h + '/" role="link" tabindex="0">' + inner + '</a>';
  }
  function avatar(L, h, src, size) {
    return '<img alt="' + esc(L.pp(h)) + '" class="xpdipgo x972fbf xcfux6l" draggable="false" src="' + esc(src) + '" height="' + size + '" width="' + size + '">';
  }
  /** A spinner like Instagram's (an svg labelled "Loading..." in a progressbar). */
  function spinnerHtml(L, hidden) {
    return '<div class="x78zum5 xl56j7k xcenter" role="progressbar" aria-valuetext="' + esc(L.loading) + '"' + (hidden ? ' hidden' : '') + '>' + svg(L.loading, '<circle cx="12" cy="12" r="9" fill="none" stroke="#737373" stroke-width="2" stroke-dasharray="30 20"></circle>', 18) + '</div>';
  }

  // ------------------------------------------------------------------ the conversation

  var PHRASES = [
    'hey. saw your post',
    "why'd you block me on the other account?",
    'Please stop contacting me.',
    'recognise this street? 🏠',
    "I'm saving all of this.",
    'you looked tired at the bus stop',
    'Leave me alone.',
    "you can't hide from me <3 & you know it",
    'I have reported this account.',
    'nice jacket. the green one',
    'Do not message me again.',
    'answer me\nor I come round again',
  ];
  var REACTIONS = ['❤️', '😂', '😡', '👍'];
  var DM_BASE = Date.UTC(2026, 0, 5, 8, 0, 0);
  /** Section (time divider) lengths: long runs in the older half, short ones (at most 8) in the newer half. */
  var OLD_RUNS = [5, 12, 30, 3, 55, 8, 2, 80, 14, 6, 1, 40, 9, 21];
  var NEW_RUNS = [3, 6, 2, 8, 4, 1, 7, 5];

  function dividerText(lang, ms) {
    var d = new Date(ms);
    var h = d.getUTCHours();
    var m = pad(d.getUTCMinutes(), 2);
    var mon = UI[lang].months[d.getUTCMonth()];
    if (lang === 'en') return mon + ' ' + d.getUTCDate() + ', ' + d.getUTCFullYear() + ', ' + (h % 12 || 12) + ':' + m + ' ' + (h < 12 ? 'AM' : 'PM');
    return d.getUTCDate() + ' ' + mon + ' ' + d.getUTCFullYear() + ', ' + pad(h, 2) + ':' + m;
  }

  var dmCache = {};
  /**
   * The n messages of the conversation, oldest first: {index, sent, type ('text'|'photo'|'voice'|'unsent'), text,
   * reaction, photo, duration, section (index), sectionStart (bool), divider (the divider text above its run),
   * avatar (the other side's picture on the last message of a run), height}.
   */
  function dm(n, lang) {
    lang = lang || 'en';
    var key = n + ':' + lang;
    if (dmCache[key]) return dmCache[key];
    var L = UI[lang];
    var out = [];
    var section = -1;
    var left = 0;
    var runsOld = 0;
    var runsNew = 0;
    var t = DM_BASE;
    var divider = '';
    for (var i = 0; i < n; i++) {
      var start = left === 0;
      if (start) {
        section++;
        left = i < n / 2 ? OLD_RUNS[runsOld++ % OLD_RUNS.length] : NEW_RUNS[runsNew++ % NEW_RUNS.length];
        t += (3 + (section % 5) * 2) * 3600000 + (section % 7) * 60000;
        divider = dividerText(lang, t);
      } else {
        t += 20000 + ((i * 13) % 30) * 1000;
      }
      left--;
      var sent = i % 9 === 2 || i % 9 === 6 || i % 9 === 7;
      var m = { index: i, sent: sent, section: section, sectionStart: start, divider: divider, time: new Date(t).toISOString() };
      if (i % 41 === 17) {
        m.type = 'unsent';
        m.text = sent ? L.unsentMine : L.unsentOther(OTHER.handle);
      } else if (i % 37 === 5) {
        m.type = 'photo';
        m.photo = DM_PHOTO + '&_nc_sid=' + pad(i, 5);
      } else if (i % 53 === 11) {
        m.type = 'voice';
        m.duration = '0:' + pad(5 + ((i * 7) % 50), 2);
      } else {
        m.type = 'text';
        // Three identical messages in a row now and then: nothing in the page tells them apart but their place.
        m.text = i % 29 < 3 && !sent ? 'Answer me.' : PHRASES[(i * 5) % PHRASES.length];
        if (i % 13 === 4) m.reaction = REACTIONS[i % REACTIONS.length];
      }
      out.push(m);
    }
    // The other side's picture sits on the last message of each of their runs.
    for (var k = 0; k < out.length; k++) {
      var cur = out[k];
      var next = out[k + 1];
      cur.avatar = !cur.sent && cur.type !== 'unsent' && (!next || next.sent || next.sectionStart || next.type === 'unsent');
      cur.height = cur.type === 'photo' ? 256 : cur.type === 'voice' ? 56 : cur.type === 'unsent' ? 36 : cur.text.indexOf('\n') >= 0 ? 60 : 40;
      if (cur.reaction) cur.height += 22;
    }
    dmCache[key] = out;
    return out;
  }
  var DIVIDER_HEIGHT = 40;

  /** What the transcript must say for message m (direction, author, text, time divider, media, fields). */
  function dmExpected(m) {
    var e = { direction: m.sent ? 'sent' : 'received', author: m.sent ? VIEWER.handle : OTHER.handle, itemTimeText: m.divider };
    if (m.type === 'text' || m.type === 'unsent') e.text = m.text;
    if (m.type === 'photo') e.media = [m.photo];
    if (m.type === 'voice') e.voiceMessage = m.duration;
    if (m.reaction) e.reactions = m.reaction;
    return e;
  }

  /** The divider row and the message row of the conversation (the row element itself is role=none). */
  function dividerInner(text) {
    return '<div class="xcenter x78zum5 xl56j7k"><span class="x1lliihq x193iq5w">' + esc(text) + '</span></div>';
  }
  function messageRowClass(m) {
    return m.type === 'unsent' ? 'x1n2onr6' : m.sent ? 'x1n2onr6 xsent' : 'x1n2onr6';
  }
  function messageInner(m, lang) {
    var L = UI[lang || 'en'];
    if (m.type === 'unsent') return '<div class="xcenter x78zum5 xl56j7k"><span class="x1lliihq" dir="auto">' + esc(m.text) + '</span></div>';
    var content;
    if (m.type === 'photo') {
      content = '<div aria-label="' + esc(L.openPhoto) + '" class="x1i10hfl x1n2onr6" role="button" tabindex="0"><img alt="" class="x1lliihq x5yr21d xh8yej3" src="' + esc(m.photo) + '" height="240" width="180" style="border-radius:18px;max-width:180px;height:240px;object-fit:cover"></div>';
    } else if (m.type === 'voice') {
      var bars = '';
      for (var b = 0; b < 20; b++) bars += '<rect x="' + b * 5 + '" y="' + (12 - ((b * 7 + m.index) % 10)) + '" width="3" height="' + (2 * ((b * 7 + m.index) % 10) + 2) + '" rx="1.5"></rect>';
      content = '<div class="xbubble x78zum5 x6s0dn4" role="none"><div aria-label="' + esc(L.play) + '" class="x1i10hfl" role="button" tabindex="0">' + svg(L.play, '<path d="M8 5v14l11-7z"></path>', 16) + '</div><svg class="x1lliihq" height="24" viewBox="0 0 100 24" width="100">' + bars + '</svg><div class="x1i64zmx"><span class="x1lliihq">' + m.duration + '</span></div></div>';
    } else {
      content = '<div class="xbubble x1cy8zhl x9f619" role="none"><div class="x6prxxf xvq8zen xo1l8bm html-div" dir="auto">' + esc(m.text) + '</div></div>';
    }
    if (m.reaction) content += '<div aria-label="' + esc(L.reacted) + '" class="x1i10hfl x1n2onr6 x6s0dn4 xreact" role="button" tabindex="0"><span class="x1lliihq">' + m.reaction + '</span></div>';
    if (m.sent) return '<div class="x78zum5 x1q0g3np" style="justify-content: flex-end;"><div class="x1cy8zhl x9f619" role="presentation">' + content + '</div></div>';
    return '<div class="x78zum5 x1q0g3np x6s0dn4"><div class="x1i64zmx" style="width:28px;flex:none">' + (m.avatar ? userLink(OTHER.handle, avatar(L, OTHER.handle, OTHER.pic, 28)) : '') + '</div><div class="x1cy8zhl x9f619" role="presentation">' + content + '</div></div>';
  }

  /**
   * The start of the conversation: Instagram draws the other person's profile header above the first message, as the
   * first item of the list (large picture, name, "<handle> · Instagram", "View profile"). It is there only once the
   * oldest message is loaded. The row element itself is role=none, like every other item.
   */
  var START_HEIGHT = 230;
  function startInner(lang) {
    var L = UI[lang || 'en'];
    return (
      '<div class="x78zum5 xdt5ytf x6s0dn4 xl56j7k" style="padding:20px 0;gap:6px;text-align:center">' +
      '<div class="x1i64zmx">' + userLink(OTHER.handle, avatar(L, OTHER.handle, OTHER.pic, 96)) + '</div>' +
      '<span class="x1lliihq x193iq5w" dir="auto" style="font-weight:600;font-size:20px">' + esc(OTHER.name) + '</span>' +
      '<span class="x1lliihq xcenter">' + esc(OTHER.handle) + ' · Instagram</span>' +
      '<div>' + userLink(OTHER.handle, '<div class="x1i10hfl xcenter" style="background:#efefef;border-radius:8px;padding:6px 16px;color:#000">' + esc(L.viewProfile) + '</div>') + '</div>' +
      '</div>'
    );
  }
  function dmStartItem() {
    return { type: 'start', key: 'start', height: START_HEIGHT };
  }

  /**
   * The list items of messages [from, n): a divider before the first message of each run, then the message.
   * {type:'divider'|'msg', key, height, m?, text?}
   */
  function dmItems(all, from) {
    var items = [];
    for (var i = from; i < all.length; i++) {
      var m = all[i];
      if (m.sectionStart) items.push({ type: 'divider', key: 'd' + m.section, height: DIVIDER_HEIGHT, text: m.divider });
      items.push({ type: 'msg', key: 'm' + i, height: m.height, m: m });
    }
    return items;
  }

  // ------------------------------------------------------------------ the post and its comments

  var POST = { code: 'DTl0ngThr3d', author: OTHER.handle, time: '2026-03-10T20:15:00.000Z', caption: 'Guess who I saw downtown again 👀 more soon…', photo: POST_PHOTO };
  var COMMENT_PHRASES = [
    'lol she is going to freak out 😂',
    'Not cool. Take this down.',
    'who is this even about?',
    '🔥🔥🔥',
    'this is harassment, reported',
    'more pics tomorrow?',
    'leave her alone man',
    'she deserves it tbh',
    'I know where that is 👀',
    'stop. seriously.',
  ];
  var COMMENT_BASE = Date.UTC(2026, 2, 10, 20, 20, 0);
  function commenter(k) {
    var j = k % 40;
    return { handle: j === 0 ? 'holdfast_viewer' : 'pile.on_' + pad(j, 2), pic: j === 0 ? VIEWER.pic : PICS[j % PICS.length] };
  }

  var commentsCache = null;
  /**
   * The post's 200 comments, in page order, each {id, idx, handle, pic, time, text, replies: [...]}; replies have
   * {id, parentId, ...}. 300 replies in all, spread over every fourth comment (1 to 11 each).
   */
  function comments() {
    if (commentsCache) return commentsCache;
    var out = [];
    var seq = 0;
    var replyTotal = 0;
    var withReplies = [];
    for (var c = 0; c < 200; c++) {
      var a = commenter(c * 7 + 3);
      var item = { idx: c, id: '180' + pad(55000000 + c * 1000, 14), handle: a.handle, pic: a.pic, time: new Date(COMMENT_BASE + seq++ * 47000).toISOString(), text: COMMENT_PHRASES[(c * 3) % COMMENT_PHRASES.length], replies: [] };
      if (c % 4 === 2) withReplies.push(item);
      out.push(item);
    }
    var counts = withReplies.map(function (_, k) { return 1 + ((k * 5) % 11); });
    var sum = counts.reduce(function (x, y) { return x + y; }, 0);
    counts[counts.length - 1] += 300 - sum;
    withReplies.forEach(function (item, k) {
      for (var r = 0; r < counts[k]; r++) {
        var ra = commenter(item.idx * 3 + r * 11 + 1);
        item.replies.push({
          idx: r,
          id: '181' + pad(55000000 + item.idx * 1000 + r + 1, 14),
          parentId: item.id,
          handle: ra.handle,
          pic: ra.pic,
          time: new Date(Date.parse(item.time) + (r + 1) * 91000).toISOString(),
          text: '@' + item.handle + ' ' + COMMENT_PHRASES[(item.idx + r * 7) % COMMENT_PHRASES.length],
        });
        replyTotal++;
      }
    });
    if (replyTotal !== 300) throw new Error('reply count ' + replyTotal);
    commentsCache = out;
    return out;
  }

  /** Every comment and reply in the order the page shows them once everything is open. */
  function commentOrder() {
    var list = [];
    comments().forEach(function (c) {
      list.push(c);
      c.replies.forEach(function (r) { list.push(r); });
    });
    return list;
  }

  function timeHtml(iso, lang) {
    var d = new Date(iso);
    var L = UI[lang];
    var title = lang === 'en' ? L.months[d.getUTCMonth()] + ' ' + d.getUTCDate() + ', ' + d.getUTCFullYear() : d.getUTCDate() + ' ' + L.months[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
    return '<time class="x1p4m5qa" datetime="' + iso + '" title="' + esc(title) + '">' + Math.max(1, Math.round((Date.UTC(2026, 2, 18) - d.getTime()) / 86400000)) + (lang === 'en' ? 'd' : ' d') + '</time>';
  }

  /** One comment or reply row: avatar, name, text, time link (its permalink), likes, "Reply", options, like. */
  function commentRow(c, lang) {
    var L = UI[lang || 'en'];
    var href = c.parentId ? '/p/' + POST.code + '/c/' + c.parentId + '/r/' + c.id + '/' : '/p/' + POST.code + '/c/' + c.id + '/';
    var likes = (c.idx * 7) % 5 === 1 ? '<button class="x1i10hfl xjqpnuy" type="button"><span class="x1lliihq">' + esc(L.likes(1 + (c.idx % 9))) + '</span></button>' : '';
    return (
      '<div class="xbrow x9f619 xjbqb8w x78zum5"><div class="x1i64zmx">' + userLink(c.handle, avatar(L, c.handle, c.pic, 32), 'x1i10hfl xjbqb8w x1ejq31n _a6hd') + '</div>' +
      '<div class="x1iyjqo2 x78zum5 xdt5ytf"><div class="x78zum5"><span class="xt0psk2"><div class="x1rg5ohu">' + userLink(c.handle, '<span class="_ap3a _aaco _aacw _aacx _aad7 _aade" dir="auto">' + c.handle + '</span>', 'x1i10hfl xjbqb8w x1ejq31n notranslate _a6hd') + '</div></span></div>' +
      '<div class="x1lliihq"><span class="_ap3a _aaco _aacu _aacx _aad7 _aade" dir="auto">' + esc(c.text) + '</span></div>' +
      '<div class="x78zum5 x1q0g3np x6s0dn4"><span class="x1lliihq x1plvlek xryxfnj"><a class="x1i10hfl xjbqb8w x1ejq31n xd10rxx x972fbf" href="' + href + '" role="link" tabindex="0">' + timeHtml(c.time, lang || 'en') + '</a></span>' +
      likes + '<div class="x1i10hfl xjqpnuy" role="button" tabindex="0"><span class="x1lliihq">' + esc(L.reply) + '</span></div>' +
      ((c.idx + (c.parentId ? 1 : 0)) % 6 === 3 ? '<div class="x1i10hfl" role="button" tabindex="0"><span class="x1lliihq">' + esc(L.seeTranslation) + '</span></div>' : '') +
      '<div class="x1i10hfl x972fbf" role="button" tabindex="0" aria-haspopup="menu">' + svg(L.commentOptions, DOTS, 24) + '</div></div></div>' +
      '<div class="x1i64zmx"><span class="x1rg5ohu"><div class="x1i10hfl x972fbf" role="button" tabindex="0">' + svg(L.like, HEART, 12) + '</div></span></div></div>'
    );
  }

  /** The "View replies (n)" control (n = replies not shown yet). */
  function viewRepliesHtml(n, lang) {
    return '<div class="x1i10hfl xjqpnuy xviewreplies" role="button" tabindex="0"><div class="_a9yi"></div><span class="x1lliihq">' + esc(UI[lang || 'en'].viewReplies(n)) + '</span></div>';
  }
  function hideRepliesHtml(lang) {
    return '<div class="x1i10hfl xjqpnuy xhidereplies" role="button" tabindex="0"><div class="_a9yi"></div><span class="x1lliihq">' + esc(UI[lang || 'en'].hideReplies) + '</span></div>';
  }
  function loadMoreHtml(lang) {
    var L = UI[lang || 'en'];
    return '<div class="x78zum5 xl56j7k x1n2onr6 xloadmore"><button class="_abl-" type="button"><div class="x6s0dn4 x78zum5 xl56j7k">' + svg(L.loadMore, '<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor"></circle><path d="M7 12h10M12 7v10" stroke="currentColor"></path>') + '</div></button></div>';
  }

  var api = {
    UI: UI,
    VIEWER: VIEWER,
    OTHER: OTHER,
    POST: POST,
    DM_N: 2000,
    REPLIES_PER_CLICK: 5,
    COMMENTS_PER_PAGE: 15,
    esc: esc,
    svg: svg,
    HEART: HEART,
    DOTS: DOTS,
    userLink: userLink,
    avatar: avatar,
    spinnerHtml: spinnerHtml,
    dm: dm,
    dmItems: dmItems,
    dmStartItem: dmStartItem,
    startInner: startInner,
    dmExpected: dmExpected,
    dividerInner: dividerInner,
    messageRowClass: messageRowClass,
    messageInner: messageInner,
    comments: comments,
    commentOrder: commentOrder,
    commentRow: commentRow,
    viewRepliesHtml: viewRepliesHtml,
    hideRepliesHtml: hideRepliesHtml,
    loadMoreHtml: loadMoreHtml,
  };
  root.__holdfastIgThreadReplica = api;
})(typeof window !== 'undefined' ? window : globalThis);
