/*
 * Deterministic content and markup of the long Instagram profile replica (issue #4, "capture profile with posts"),
 * shared by the page's behaviour script (ig-profile.js, in the browser), by generate-profile.mjs and by the tests (in
 * Node), so the static markup, the live page and the expected records cannot drift apart. Nothing is fetched.
 *
 * The grid of @night.owl_alt: a pinned post (old, at the top, "pinned" icon), then 240 posts newest first, one every
 * 21 hours (plus up to an hour) back from 2026-11-20 21:00 UTC. The grid shows NO dates: each post's time is in its
 * shortcode (base 64 of its media id, whose top bits are milliseconds since Instagram's epoch 1314220021721), so the
 * codes are built here from those times. Every 6th post (i % 6 === 2) is a reel (/reel/<code>/, "Clip" icon, empty
 * alt), i % 31 === 7 a video ("Video" icon), i % 4 === 1 a carousel ("Carousel" icon), the rest photos. Every 3rd
 * tile links the newer way, /<handle>/p/<code>/. Alt texts are Instagram's automatic descriptions or the caption,
 * some hostile (<script>, &). Tiles come in rows of 3; pages of 12 tiles.
 */
(function (root) {
  'use strict';
  var CDN = 'https://scontent.cdninstagram.com';
  var pic = function (file, oh) {
    return CDN + '/v/t51.2885-19/' + file + '?stp=dst-jpg_s150x150_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=1&_nc_ohc=Q7kNvgF' + oh + '&oh=00_AY' + oh + '&oe=69F0B1C2';
  };
  var OWNER = { handle: 'night.owl_alt', name: 'n.o.', id: '52011447890', pic: pic('452211330_221100998877_n.jpg', 'no') };
  var VIEWER = { handle: 'holdfast_viewer', name: 'Sam Rivera', id: '61234567890', pic: pic('454020110_1209345_viewer_n.jpg', 'v1') };
  /** Thumbnails on the replica CDN (the query differs per post; the server ignores it). */
  var THUMBS = [
    '/v/t51.2885-15/471100220_18041100220_n.jpg',
    '/v/t51.2885-15/470099110_18040099110_n.jpg',
    '/v/t51.2885-15/468877990_18038877990_n.jpg',
    '/v/t51.2885-15/485500111_18049000111_n.jpg',
    '/v/t51.2885-15/485500222_18049000222_n.jpg',
    '/v/t51.2885-15/482913377_18047711234017783_5520831998765432101_n.jpg',
  ];
  var REEL_THUMB = '/v/t51.29350-15/490011223_1122334455667788_n.jpg';

  var N = 240;
  /** Tiles per page (the first page included), tiles per row. */
  var PAGE = 12;
  var PER_ROW = 3;
  var BASE = Date.UTC(2026, 10, 20, 21, 0, 0);
  var STEP = 21 * 3600 * 1000;
  var PINNED_TIME = Date.UTC(2026, 1, 14, 19, 0, 0) + 417;
  var EPOCH = 1314220021721;
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  /** Instagram's own interface words, per viewer language (what people wrote stays as written). */
  var UI = {
    en: {
      carousel: 'Carousel', reel: 'Clip', video: 'Video', pinned: 'Pinned post icon', loading: 'Loading...',
      pp: function (h) { return h + "'s profile picture"; },
      follow: 'Follow', message: 'Message', options: 'Options', posts: 'posts', followers: 'followers', following: 'following',
      tabsPosts: 'Posts', tabsReels: 'Reels', tabsTagged: 'Tagged', home: 'Home', explore: 'Explore', messages: 'Messages', profile: 'Profile',
      title: function (n, h) { return n + ' (@' + h + ') • Instagram photos and videos'; },
      autoAlt: function (name, iso, what) { return 'Photo by ' + name + ' on ' + longDate('en', iso) + '. May be an image of ' + what + '.'; },
      things: ['street and building', 'bus stop and people', 'text that says \'WE SEE YOU\'', 'car and night', 'door and window', '1 person and jacket'],
    },
    es: {
      carousel: 'Secuencia', reel: 'Clip', video: 'Video', pinned: 'Icono de publicación fijada', loading: 'Cargando...',
      pp: function (h) { return 'Foto del perfil de ' + h; },
      follow: 'Seguir', message: 'Enviar mensaje', options: 'Opciones', posts: 'publicaciones', followers: 'seguidores', following: 'seguidos',
      tabsPosts: 'Publicaciones', tabsReels: 'Reels', tabsTagged: 'Etiquetadas', home: 'Inicio', explore: 'Explorar', messages: 'Mensajes', profile: 'Perfil',
      title: function (n, h) { return n + ' (@' + h + ') • Fotos y videos de Instagram'; },
      autoAlt: function (name, iso, what) { return 'Foto compartida por ' + name + ' el ' + longDate('es', iso) + '. Puede ser una imagen de ' + what + '.'; },
      things: ['calle y edificio', 'parada de autobús y personas', 'texto que dice \'WE SEE YOU\'', 'coche y noche', 'puerta y ventana', '1 persona y chaqueta'],
    },
  };
  var MONTHS = {
    en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  };
  function longDate(lang, iso) {
    var d = new Date(iso);
    var m = MONTHS[lang][d.getUTCMonth()];
    return lang === 'en' ? m + ' ' + d.getUTCDate() + ', ' + d.getUTCFullYear() : d.getUTCDate() + ' de ' + m + ' de ' + d.getUTCFullYear();
  }
  /** Captions people wrote (kept as alt text when the owner wrote one). */
  var CAPTIONS = [
    'I know where you live <script>alert("owl")</script> & I will come by',
    'Tag her & share: @maya_okoye',
    'she thinks blocking me works lol',
    'same bus, same time, every day 🕗',
  ];

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function svg(label, body, size) {
    return '<svg aria-label="' + esc(label) + '" class="x1lliihq x1n2onr6 x9bdzbf" fill="currentColor" height="' + (size || 22) + '" role="img" viewBox="0 0 48 48" width="' + (size || 22) + '"><title>' + esc(label) + '</title>' + (body || '<rect x="8" y="8" width="32" height="32" fill="none" stroke="currentColor" stroke-width="4"></rect>') + '</svg>';
  }
  /** The shortcode of a media id created at `ms` (shard and sequence as Instagram's sharded ids carry them). */
  function shortcodeAt(ms, shard, seq) {
    var id = (BigInt(ms - EPOCH) << BigInt(23)) | (BigInt(shard & 0x1fff) << BigInt(10)) | BigInt(seq & 0x3ff);
    var out = '';
    var sixtyFour = BigInt(64);
    for (var n = id; n > BigInt(0); n = n / sixtyFour) out = ALPHABET[Number(n % sixtyFour)] + out;
    return { code: out, mediaId: String(id) };
  }

  var cache = {};
  /**
   * The whole grid as the page shows it, top to bottom: the pinned post, then the N posts newest first. Each tile:
   * {index (-1 pinned), code, mediaId, time (ISO, from the id), section ('p'|'reel'), href, permalink, key, type
   * ('photo'|'carousel'|'reel'|'video'), pinned, alt, thumb, icons (labels as shown)}.
   */
  function tiles(lang) {
    lang = lang || 'en';
    if (cache[lang]) return cache[lang];
    var L = UI[lang];
    var out = [];
    var make = function (index, ms, type, pinned, alt) {
      var made = shortcodeAt(ms, (index * 37 + 4001) & 0x1fff, (index * 13 + 7) & 0x3ff);
      var section = type === 'reel' ? 'reel' : 'p';
      var newer = index % 3 === 0;
      var href = (newer ? '/' + OWNER.handle : '') + '/' + section + '/' + made.code + '/';
      var icons = [];
      if (pinned) icons.push(L.pinned);
      if (type === 'carousel') icons.push(L.carousel);
      if (type === 'reel') icons.push(L.reel);
      if (type === 'video') icons.push(L.video);
      var thumbPath = type === 'reel' ? REEL_THUMB : THUMBS[(index + 6) % THUMBS.length];
      return {
        index: index,
        code: made.code,
        mediaId: made.mediaId,
        time: new Date(ms).toISOString(),
        section: section,
        href: href,
        permalink: 'https://www.instagram.com/' + section + '/' + made.code + '/',
        key: 'https://www.instagram.com/' + section + '/' + made.code + '/',
        type: type,
        pinned: pinned,
        alt: alt,
        thumb: CDN + thumbPath + '?stp=dst-jpg_e35_p640x640_tt6&_nc_ht=scontent.cdninstagram.com&_nc_cat=105&_nc_sid=' + made.code + '&oh=00_AYB' + (index + 1) + '&oe=69F1A2B3',
        icons: icons,
      };
    };
    out.push(make(-1, PINNED_TIME, 'carousel', true, 'read this before you defend her. every screenshot is here'));
    for (var i = 0; i < N; i++) {
      var ms = BASE - i * STEP - ((i * 7919) % 3600) * 1000 - (i % 997);
      var type = i % 6 === 2 ? 'reel' : i % 31 === 7 ? 'video' : i % 4 === 1 ? 'carousel' : 'photo';
      var alt;
      if (type === 'reel') alt = '';
      else if (i % 5 === 3) alt = CAPTIONS[Math.floor(i / 5) % CAPTIONS.length];
      else alt = L.autoAlt(OWNER.name, new Date(ms).toISOString(), L.things[i % L.things.length]);
      out.push(make(i, ms, type, false, alt));
    }
    cache[lang] = out;
    return out;
  }

  /** The inside of one tile's cell (the cell is the recycled node: ig-profile.js re-fills the link in place). */
  function tileInner(t) {
    var icons = t.icons.length
      ? '<div class="_aatp"><div class="x78zum5" style="gap:4px">' + t.icons.map(function (label) { return svg(label); }).join('') + '</div></div>'
      : '';
    return (
      '<a class="x1i10hfl xjbqb8w _a6hd" href="' + esc(t.href) + '" role="link" tabindex="0"><div class="_aagu"><div class="_aagv"><img alt="' + esc(t.alt) +
      '" class="x5yr21d xu96u03 x10l6tqk x13vifvy x87ps6o xh8yej3" decoding="auto" src="' + esc(t.thumb) + '" style="object-fit:cover"></div><div class="_aagw"></div></div>' + icons + '</a>'
    );
  }

  /** What the transcript must hold for tile t. */
  function expected(t) {
    var e = {
      key: t.key,
      permalink: t.permalink,
      itemId: t.code,
      mediaType: t.type,
      timeFromId: t.time,
      mediaId: t.mediaId,
      thumb: t.thumb,
      pinned: t.pinned,
    };
    if (t.alt) e.text = t.alt;
    return e;
  }

  /** Instagram's grid spinner (an svg labelled "Loading...", no role). */
  function spinnerHtml(lang) {
    var L = UI[lang || 'en'];
    return '<div class="x78zum5 xl56j7k xgrid-spin" data-visualcompletion="loading-state">' + svg(L.loading, '<circle cx="24" cy="24" r="18" fill="none" stroke="#737373" stroke-width="4" stroke-dasharray="60 40"></circle>', 32) + '</div>';
  }

  root.__holdfastIgProfileReplica = {
    OWNER: OWNER,
    VIEWER: VIEWER,
    N: N,
    PAGE: PAGE,
    PER_ROW: PER_ROW,
    UI: UI,
    esc: esc,
    svg: svg,
    tiles: tiles,
    tileInner: tileInner,
    expected: expected,
    spinnerHtml: spinnerHtml,
  };
})(typeof window !== 'undefined' ? window : globalThis);
