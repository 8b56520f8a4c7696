/*
 * Deterministic content and markup of the long Facebook post replica (issue #4): a post with n top-level comments
 * (default 200) and their replies — 500 comments and replies in all at n = 200 — shared by the page's behaviour
 * script (post.js, in the browser) and by generate.mjs / the tests (in Node), so the static markup, the live page
 * and the expected transcript cannot drift apart. The interface words come in English, Spanish and Portuguese
 * (<html lang>). Pure string functions; nothing is fetched.
 *
 * Comment i (0 = first): i % 4 === 0 has 3 replies (the first of them has 1 reply of its own), i % 4 === 1 has 2,
 * the rest none. "Most relevant" (the filter the page opens with) leaves out comment i when i % 5 === 3, with its
 * replies: 100 of the 500 appear only under "All comments", which lists the same comments in the same order plus those.
 */
(function (root) {
  'use strict';
  var FB = 'https://www.facebook.com';
  var CDN = 'https://scontent.xx.fbcdn.net/v/';
  var AVATARS = [
    't39.30808-1/427766554_6677889900112233_1122_n.png',
    't39.30808-1/429988776_5566778899001122_9900_n.png',
    't39.30808-1/433322110_4455667788990011_7788_n.png',
    't39.30808-1/434433221_8899001122334455_4455_n.png',
    't39.30808-1/435544332_7788990011223344_3344_n.png',
    't39.30808-1/436655443_3322110099887766_5566_n.png',
    't39.30808-1/438899001_2200113344556677_2211_n.png',
  ];
  var Q = '?stp=dst-png_p40x40&_nc_cat=100&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AYhkzp0nv2cy&oe=6A1F2B3C';
  var VIEWER = { name: 'Dana Reyes', id: '100090000000001', handle: 'holdfast.viewer', pic: CDN + 't39.30808-1/441234567_1209345678901234_8765_n.png' + Q };
  var RYAN = { name: 'Ryan Vance', id: '100004567890123', handle: 'ryan.vance.9', pic: CDN + 't39.30808-1/431188204_1093347721880214_4411_n.png' + Q };
  var FIRST = ['Tom', 'Jess', 'Marco', 'Aisha', 'Liam', 'Sofia', 'Kenji', 'Nora', 'Pedro', 'Grace', 'Omar', 'Hannah'];
  var LAST = ['Becker', 'Lund', 'Ferreira', 'Okafor', 'Walsh', 'Ruiz', 'Tanaka', 'Berg', 'Alves', 'Kim', 'Haddad', 'Price'];
  var PEOPLE = [];
  for (var k = 0; k < 24; k++) {
    var first = FIRST[k % 12];
    var last = LAST[(k + Math.floor(k / 12) * 5) % 12];
    var p = { name: first + ' ' + last, pic: CDN + AVATARS[k % AVATARS.length] + Q };
    // Every third person has no vanity name: their links are profile.php?id=<digits>.
    if (k % 3 === 0) p.id = '1000800000' + (100000 + k);
    else p.handle = (first + '.' + last + '.' + (k + 1)).toLowerCase();
    PEOPLE.push(p);
  }
  var POST = {
    author: RYAN,
    postId: '1133557799113355',
    pfbid: 'pfbid02HfThrEadRepLica7kQw3Zx9Vb5Nm2Lp8Jr4Ts6Yu1Io3Pa5Sd7Fg9Hj',
    timeLabel: 'Friday, November 20, 2026 at 7:15 PM',
    timeText: 'November 20 at 7:15 PM',
    text: 'Everyone in Springfield should see what Dana Reyes did. Share this everywhere.',
  };
  POST.url = FB + '/' + RYAN.handle + '/posts/' + POST.pfbid;
  POST.urlEs = FB + '/' + RYAN.handle + '/posts/pfbid0EsHfThrEadRepLica3mNb5Vc7Xz9Lk2Jh4Gf6Ds8Ap1Qw3Er5Ty';
  var PHOTO = CDN + 't39.30808-6/467700112_1122334455667788_2233445566778899001_n.png?stp=dst-png_p96x64&_nc_cat=108&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AY4jwbyjgj02&oe=6A1F2B3C';

  var PHRASES = [
    'She has done this before, ask anyone.',
    'Shared. People need to know.',
    'This is not okay, take it down.',
    'lol <3 & everyone knows it',
    'Qué vergüenza, todo el mundo lo sabe.',
    'Isso é mentira, apaga isso.',
    'I have screenshots of all of it.',
    'Why is this still up?',
    'Reported.',
    'Where does she work again?',
    'Leave her alone, seriously.',
    'Someone should tell her family.',
  ];

  /** Interface words per language. */
  var LANG = {
    en: {
      lang: 'en',
      comment: function (name, d) { return 'Comment by ' + name + ' ' + d + ' days ago'; },
      reply: function (name, parent, d) { return 'Reply by ' + name + ' to ' + parent + "'s comment " + d + ' days ago'; },
      age: function (d) { return d + 'd'; },
      viewReplies: function (n) { return n === 1 ? 'View 1 reply' : n === 2 ? 'View 2 replies' : 'View all ' + n + ' replies'; },
      viewMoreReplies: function (n) { return 'View ' + n + ' more ' + (n === 1 ? 'reply' : 'replies'); },
      viewMoreComments: 'View more comments',
      filters: [['Most relevant', "Show friends' comments and the most engaging comments first."], ['Newest', 'Show all comments with the newest comments first.'], ['All comments', 'Show all comments, including potential spam. The most relevant comments will appear first.']],
      like: 'Like', replyBtn: 'Reply', commentBtn: 'Comment', share: 'Share', own: 'Edit or delete this', others: 'Hide or report this',
      actions: 'Actions for this post', write: 'Write a comment…', loading: 'Loading...', yourProfile: 'Your profile', comments: function (n) { return n + ' comments'; },
    },
    es: {
      lang: 'es',
      comment: function (name, d) { return 'Comentario de ' + name + ' hace ' + d + ' días'; },
      reply: function (name, parent, d) { return 'Respuesta de ' + name + ' al comentario de ' + parent + ' hace ' + d + ' días'; },
      age: function (d) { return d + ' d'; },
      viewReplies: function (n) { return n === 1 ? 'Ver 1 respuesta' : 'Ver las ' + n + ' respuestas'; },
      viewMoreReplies: function (n) { return n === 1 ? 'Ver 1 respuesta más' : 'Ver ' + n + ' respuestas más'; },
      viewMoreComments: 'Ver más comentarios',
      filters: [['Más relevantes', 'Mostrar primero los comentarios de amigos y los que tienen más interacción.'], ['Más recientes', 'Mostrar todos los comentarios, con los más recientes primero.'], ['Todos los comentarios', 'Mostrar todos los comentarios, incluido el posible spam. Los comentarios más relevantes aparecerán primero.']],
      like: 'Me gusta', replyBtn: 'Responder', commentBtn: 'Comentar', share: 'Compartir', own: 'Editar o eliminar esto', others: 'Ocultar o denunciar esto',
      actions: 'Acciones para esta publicación', write: 'Escribe un comentario…', loading: 'Cargando...', yourProfile: 'Tu perfil', comments: function (n) { return n + ' comentarios'; },
    },
    pt: {
      lang: 'pt',
      comment: function (name, d) { return 'Comentário de ' + name + ' há ' + d + ' dias'; },
      reply: function (name, parent, d) { return 'Resposta de ' + name + ' ao comentário de ' + parent + ' há ' + d + ' dias'; },
      age: function (d) { return d + ' d'; },
      viewReplies: function (n) { return n === 1 ? 'Ver 1 resposta' : 'Ver todas as ' + n + ' respostas'; },
      viewMoreReplies: function (n) { return n === 1 ? 'Ver mais 1 resposta' : 'Ver mais ' + n + ' respostas'; },
      viewMoreComments: 'Ver mais comentários',
      filters: [['Mais relevantes', 'Mostrar primeiro os comentários de amigos e os mais envolventes.'], ['Mais recentes', 'Mostrar todos os comentários, com os mais recentes primeiro.'], ['Todos os comentários', 'Mostrar todos os comentários, incluindo possível spam. Os comentários mais relevantes aparecerão primeiro.']],
      like: 'Curtir', replyBtn: 'Responder', commentBtn: 'Comentar', share: 'Compartilhar', own: 'Editar ou excluir isto', others: 'Ocultar ou denunciar isto',
      actions: 'Ações para esta publicação', write: 'Escreva um comentário…', loading: 'Carregando...', yourProfile: 'Seu perfil', comments: function (n) { return n + ' comentários'; },
    },
  };

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function base64(s) {
    var out = '';
    for (var i = 0; i < s.length; i += 3) {
      var a = s.charCodeAt(i);
      var b = i + 1 < s.length ? s.charCodeAt(i + 1) : NaN;
      var c = i + 2 < s.length ? s.charCodeAt(i + 2) : NaN;
      var n = (a << 16) | ((b || 0) << 8) | (c || 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (isNaN(b) ? '=' : B64[(n >> 6) & 63]) + (isNaN(c) ? '=' : B64[n & 63]);
    }
    return out;
  }
  function profileHref(p) {
    return p.handle ? FB + '/' + p.handle : FB + '/profile.php?id=' + p.id;
  }
  function withQuery(href, q) {
    return href + (href.indexOf('?') >= 0 ? '&' : '?') + q;
  }

  function personFor(i, salt) {
    return PEOPLE[(i * 7 + salt * 5) % PEOPLE.length];
  }

  /**
   * The whole comment tree of n top-level comments, in page order. Each node: {kind:'comment'|'reply', id, idx,
   * path ('12', '12.1', '12.1.1'), author, parent (node or null), text, photo, days, relevant, linkId (the comment_id
   * value the page's links carry), replies: [...]}
   */
  function tree(n) {
    n = n === undefined ? 200 : n;
    var out = [];
    for (var i = 0; i < n; i++) {
      var author = i % 19 === 6 ? VIEWER : i % 13 === 4 ? RYAN : personFor(i, 0);
      var id = String(2100000000000000 + i * 100);
      var c = {
        kind: 'comment',
        idx: i,
        id: id,
        path: String(i + 1),
        author: author,
        parent: null,
        text: 'Comment ' + (i + 1) + ': ' + PHRASES[(i * 5) % PHRASES.length],
        photo: i % 37 === 11 ? PHOTO : null,
        days: 1 + (i % 6),
        relevant: i % 5 !== 3,
        linkId: i % 9 === 2 ? base64('comment:' + POST.postId + '_' + id) : id,
        replies: [],
      };
      var count = i % 4 === 0 ? 3 : i % 4 === 1 ? 2 : 0;
      for (var j = 0; j < count; j++) {
        var ra = j === 0 && author !== RYAN ? RYAN : personFor(i, j + 1);
        c.replies.push({
          kind: 'reply',
          idx: i,
          id: String(Number(id) + j + 1),
          path: i + 1 + '.' + (j + 1),
          author: ra,
          parent: c,
          text: 'Reply ' + (i + 1) + '.' + (j + 1) + ': ' + PHRASES[(i * 3 + j * 7 + 1) % PHRASES.length],
          photo: null,
          days: Math.max(1, c.days - 1),
          relevant: c.relevant,
          replies: [],
        });
      }
      if (count === 3) {
        var r0 = c.replies[0];
        r0.replies.push({
          kind: 'reply',
          idx: i,
          id: String(Number(id) + 50),
          path: i + 1 + '.1.1',
          author: i % 8 === 0 ? VIEWER : personFor(i, 7),
          parent: r0,
          text: 'Reply ' + (i + 1) + '.1.1: ' + PHRASES[(i + 4) % PHRASES.length],
          photo: null,
          days: 1,
          relevant: c.relevant,
          replies: [],
        });
      }
      out.push(c);
    }
    return out;
  }

  /** Every comment and reply in page order once everything is shown under "All comments" (the truth order). */
  function order(n) {
    var list = [];
    var walk = function (nodes) {
      nodes.forEach(function (x) {
        list.push(x);
        walk(x.replies);
      });
    };
    walk(tree(n));
    return list;
  }

  // ---------------------------------------------------------------- markup

  function svgAvatar(p, size) {
    return '<svg aria-label="' + esc(p.name) + '" role="img" style="height:' + size + 'px;width:' + size + 'px"><g><image x="0" y="0" height="100%" width="100%" preserveAspectRatio="xMidYMid slice" xlink:href="' + esc(p.pic) + '"></image></g></svg>';
  }

  /** The query a comment's links carry: comment_id (top-level) and reply_comment_id (a reply). */
  function idsOf(x) {
    var top = x;
    while (top.parent) top = top.parent;
    return 'comment_id=' + encodeURIComponent(top.linkId) + (x.kind === 'reply' ? '&reply_comment_id=' + x.id : '');
  }

  function article(x, L, postUrl) {
    var ids = idsOf(x);
    var authorHref = withQuery(profileHref(x.author), ids + '&__cft__[0]=AZhf' + x.id.slice(-6) + '&__tn__=R]-R');
    var label = x.kind === 'comment' ? L.comment(x.author.name, x.days) : L.reply(x.author.name, x.parent.author.name, x.days);
    var photo = x.photo
      ? '<div class="hf-att"><a href="' + FB + '/photo/?fbid=' + x.id + '9&amp;set=p.' + x.id + '" role="link" tabindex="0"><img alt="May be an image of a street" data-visualcompletion="media-vc-image" src="' + esc(x.photo) + '" height="64" width="96"></a></div>'
      : '';
    var menu = x.author === VIEWER ? L.own : L.others;
    return (
      '<div aria-label="' + esc(label) + '" role="article" tabindex="-1" class="hf-c">' +
      '<div class="hf-av"><a aria-hidden="true" href="' + esc(authorHref) + '" role="link" tabindex="-1">' + svgAvatar(x.author, 32) + '</a></div>' +
      '<div class="hf-body"><div class="hf-bubble"><span><a href="' + esc(authorHref) + '" role="link" tabindex="0"><span><span dir="auto">' + esc(x.author.name) + '</span></span></a></span>' +
      '<div><span dir="auto" lang="en-US"><div dir="auto" style="text-align: start;">' + esc(x.text) + '</div></span></div></div>' + photo +
      '<ul class="hf-meta"><li><span><a href="' + esc(withQuery(postUrl, ids + '&__cft__[0]=AZq' + x.id.slice(-5) + '&__tn__=R]-R')) + '" role="link" tabindex="0">' + esc(L.age(x.days)) + '</a></span></li>' +
      '<li><div role="button" tabindex="0">' + L.like + '</div></li><li><div role="button" tabindex="0">' + L.replyBtn + '</div></li></ul></div>' +
      '<div aria-expanded="false" aria-haspopup="menu" aria-label="' + esc(menu) + '" role="button" tabindex="0" class="hf-dots">⋯</div>' +
      '</div>'
    );
  }

  /** A "View … replies" / "View more comments"-type control (post.js wires the click). */
  function expander(label, key) {
    return '<div role="button" tabindex="0" class="hf-more" data-replica-more="' + key + '"><span dir="auto">' + esc(label) + '</span></div>';
  }

  function spinner(L) {
    return '<div role="progressbar" aria-label="' + esc(L.loading) + '" aria-busy="true" class="hf-spin"><svg viewBox="0 0 32 32" width="20" height="20" aria-hidden="true"><circle cx="16" cy="16" r="12" fill="none" stroke="#0866ff" stroke-width="4" stroke-dasharray="50 30"></circle></svg></div>';
  }

  /**
   * One reply with the replies shown under it. state: {shown: {<path>: number of replies shown}} (absent = none).
   */
  function replyBlock(x, L, postUrl, state) {
    var shown = state.shown[x.path] || 0;
    var kids = x.replies.slice(0, shown);
    var rest = x.replies.length - shown;
    var more = rest > 0 ? expander(shown ? L.viewMoreReplies(rest) : L.viewReplies(rest), x.path) : '';
    var sub = kids.length || more ? '<div class="hf-replies"><ul>' + kids.map(function (k) { return '<li>' + replyBlock(k, L, postUrl, state) + '</li>'; }).join('') + '</ul>' + more + '</div>' : '';
    return '<div class="hf-thread" data-replica-path="' + x.path + '">' + article(x, L, postUrl) + sub + '</div>';
  }

  /** How many replies one click shows: the first click on a 3-reply thread shows 2 ("View 1 more reply" stays). */
  function step(x, shown) {
    if (shown === 0 && x.replies.length === 3) return 2;
    return x.replies.length - shown;
  }

  function filterButton(L, mode, expanded) {
    var name = L.filters[mode === 'all' ? 2 : 0][0];
    return '<div aria-expanded="' + (expanded ? 'true' : 'false') + '" aria-haspopup="menu" role="button" tabindex="0" class="hf-filter"><span dir="auto">' + esc(name) + '</span> ▾</div>';
  }

  function menu(L) {
    return (
      '<div role="menu" class="hf-menu" tabindex="-1">' +
      L.filters
        .map(function (f, k) {
          return '<div role="menuitem" tabindex="' + (k ? -1 : 0) + '" class="hf-item" data-replica-filter="' + ['relevant', 'newest', 'all'][k] + '"><div><span dir="auto">' + esc(f[0]) + '</span></div><div class="hf-desc"><span dir="auto">' + esc(f[1]) + '</span></div></div>';
        })
        .join('') +
      '</div>'
    );
  }

  function postArticle(L, postUrl, commentsHtml, total) {
    return (
      '<div aria-labelledby=":rhf1:" aria-describedby=":rhf2:" role="article" class="hf-post">' +
      '<div class="hf-head"><a aria-hidden="true" href="' + FB + '/' + RYAN.handle + '?__cft__[0]=AZp1&amp;__tn__=%2CO%2CP-R" role="link" tabindex="-1">' + svgAvatar(RYAN, 40) + '</a>' +
      '<div><div data-ad-rendering-role="profile_name"><h3 id=":rhf1:"><span><a href="' + FB + '/' + RYAN.handle + '?__cft__[0]=AZp2&amp;__tn__=%2CO%2CP-R" role="link" tabindex="0"><strong><span>' + esc(RYAN.name) + '</span></strong></a></span></h3></div>' +
      '<div id=":rhf2:"><span><a aria-label="' + esc(POST.timeLabel) + '" href="' + esc(postUrl) + '?__cft__[0]=AZp3&amp;__tn__=%2CO%2CP-R" role="link" tabindex="0"><span>' + esc(POST.timeText) + '</span></a></span><span aria-hidden="true"> · </span><svg aria-label="Shared with Public" role="img" height="12" width="12"><circle cx="6" cy="6" r="5"></circle></svg></div></div>' +
      '<div aria-expanded="false" aria-haspopup="menu" aria-label="' + esc(L.actions) + '" role="button" tabindex="0" class="hf-dots">⋯</div></div>' +
      '<div data-ad-rendering-role="story_message"><div data-ad-preview="message" data-ad-comet-preview="message"><div><span dir="auto"><div dir="auto" style="text-align: start;">' + esc(POST.text) + '</div></span></div></div></div>' +
      '<div class="hf-counts"><span aria-label="See who reacted to this" role="toolbar"><span>😠 😆</span> <span>212</span></span><div role="button" tabindex="0"><span>' + esc(L.comments(total)) + '</span></div></div>' +
      '<div class="hf-actions"><div aria-label="' + L.like + '" role="button" tabindex="0">' + L.like + '</div><div aria-label="' + L.commentBtn + '" role="button" tabindex="0">' + L.commentBtn + '</div><div aria-label="' + L.share + '" role="button" tabindex="0">' + L.share + '</div></div>' +
      commentsHtml +
      '<div class="hf-compose">' + svgAvatar(VIEWER, 32) + '<div aria-label="' + esc(L.write) + '" contenteditable="true" role="textbox" spellcheck="true" tabindex="0"><p><br></p></div></div>' +
      '</div>'
    );
  }

  root.__holdfastMetaPost = {
    FB: FB,
    VIEWER: VIEWER,
    RYAN: RYAN,
    PEOPLE: PEOPLE,
    POST: POST,
    LANG: LANG,
    FIRST_PAGE: 10,
    PAGE: 25,
    esc: esc,
    tree: tree,
    order: order,
    profileHref: profileHref,
    replyBlock: replyBlock,
    step: step,
    expander: expander,
    spinner: spinner,
    filterButton: filterButton,
    menu: menu,
    postArticle: postArticle,
    svgAvatar: svgAvatar,
  };
})(typeof window !== 'undefined' ? window : this);
