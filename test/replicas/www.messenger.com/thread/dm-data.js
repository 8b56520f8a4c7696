/*
 * Deterministic content and markup of the long Messenger conversation replica (issue #4), shared by the page's
 * behaviour script (dm.js, in the browser) and by generate.mjs / the tests (in Node), so the static markup, the live
 * page and the expected transcript cannot drift apart. The same conversation is served on both hosts
 * (www.messenger.com/t/<id>/ and www.facebook.com/messages/t/<id>/). Pure string functions; nothing is fetched.
 */
(function (root) {
  'use strict';
  var VIEWER = { name: 'Dana Reyes', id: '100090000000001', handle: 'holdfast.viewer' };
  var OTHER = { name: 'Ryan Vance', id: '100004567890123', handle: 'ryan.vance.9' };
  var THREAD = '8811223344556677';
  var STALL_THREAD = '8811223344556678';
  var CDN = 'https://scontent.xx.fbcdn.net/v/';
  var Q = '?stp=dst-png_p40x40&_nc_cat=100&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AYhkzp0nv2cy&oe=6A1F2B3C';
  var AV_OTHER = CDN + 't39.30808-1/431188204_1093347721880214_4411_n.png' + Q;
  var AV_VIEWER = CDN + 't39.30808-1/441234567_1209345678901234_8765_n.png' + Q;
  var PHOTOS = [
    CDN + 't1.15752-9/471122445_1234512345123451_6677889900112233445_n.png?stp=dst-png_p96x64&_nc_cat=107&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AY65fcvtivmk&oe=6A1F2B3C',
    CDN + 't39.30808-6/470011334_1360005555555555_4455667788990011223_n.png?stp=dst-png_p96x64&_nc_cat=108&ccb=1-7&_nc_sid=5f2048&_nc_ht=scontent.xx.fbcdn.net&oh=00_AY4jwbyjgj02&oe=6A1F2B3C',
  ];
  var PHRASES = [
    'Answer me.',
    'I saw you at the gym today.',
    'Please stop messaging me.',
    'You can block me all you want <3 & I will still find you.',
    'Nice jacket. The red one.',
    'I am keeping every message.',
    'Why are you ignoring me?',
    'Leave me alone.',
    'Say hi to your mum for me.',
    'I have reported this conversation.',
    'I know where you park.',
    'Do not contact me again.',
  ];
  var REACTIONS = ['😮', '😆', '😠', '❤', '👍'];
  var BASE = Date.UTC(2026, 8, 1, 8, 0, 0);
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  var SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }
  function clock(d) {
    var h = d.getUTCHours();
    return (h % 12 || 12) + ':' + pad(d.getUTCMinutes(), 2) + ' ' + (h < 12 ? 'AM' : 'PM');
  }
  /** "September 1, 2026 at 8:03 AM": how Messenger's labels show a time (the wall clock; no zone). */
  function longDate(d) {
    return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate() + ', ' + d.getUTCFullYear() + ' at ' + clock(d);
  }
  function shortDate(d) {
    return SHORT[d.getUTCMonth()] + ' ' + d.getUTCDate() + ', ' + d.getUTCFullYear() + ', ' + clock(d);
  }

  /**
   * Message i of n (0 = oldest). Every third message (i % 3 === 1) is the viewer's. Some are photos, voice
   * messages or unsent placeholders; some carry a reaction; some span two lines. `clock` is the wall-clock time the
   * label shows (minutes only): the test turns it into the device's time the way the adapter does.
   */
  function message(i) {
    var sent = i % 3 === 1;
    var d = new Date(BASE + i * 61000);
    var type = i % 29 === 13 ? 'unsent' : i % 17 === 5 ? 'photo' : i % 23 === 7 ? 'voice' : 'text';
    var text;
    if (type === 'unsent') text = sent ? 'You unsent a message' : OTHER.name + ' unsent a message';
    else if (type === 'text') text = '#' + (i + 1) + ' ' + PHRASES[(i * 5) % PHRASES.length] + (i % 7 === 3 ? '\nAnd another thing.' : '');
    var labelText = type === 'photo' ? 'Photo' : type === 'voice' ? 'Voice message' : text;
    return {
      index: i,
      id: 'mid.$gAAThr' + pad(i, 6) + 'Zk4Pw',
      sent: sent,
      type: type,
      /** What the transcript's `text` must be (photos and voice messages have none). */
      text: text,
      label: (sent ? 'Message sent ' : 'Message received ') + longDate(d) + (sent ? ' by You: ' : ' from ' + OTHER.name + ': ') + labelText,
      wall: { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() },
      photo: type === 'photo' ? PHOTOS[i % 2] : null,
      voice: type === 'voice' ? '0:' + pad(5 + (i % 50), 2) : null,
      reaction: i % 11 === 4 ? REACTIONS[i % REACTIONS.length] : null,
      divider: i % 40 === 0 ? shortDate(d) : null,
      height: (type === 'photo' ? 84 : type === 'voice' ? 52 : i % 7 === 3 ? 62 : 42) + (i % 11 === 4 ? 16 : 0),
    };
  }
  var DIVIDER_HEIGHT = 36;

  function bubble(m) {
    var inner;
    if (m.type === 'photo') {
      inner = '<div class="hf-photo"><a aria-label="Open photo" href="#" role="link"><img alt="Open photo" src="' + esc(m.photo) + '" height="64" width="96"></a></div>';
    } else if (m.type === 'voice') {
      inner =
        '<div class="hf-voice"><div aria-label="Play" role="button" tabindex="0">▶</div><div aria-label="Audio scrubber" aria-valuemax="60" aria-valuemin="0" aria-valuenow="0" role="slider" tabindex="0" class="hf-scrub"></div><span>' +
        m.voice + '</span></div>';
    } else {
      inner = '<div dir="auto" class="hf-text' + (m.type === 'unsent' ? ' hf-unsent' : '') + '">' + esc(m.text).replace(/\n/g, '<br>') + '</div>';
    }
    if (m.reaction) inner += '<div aria-label="1 reaction; see who reacted to this" role="button" tabindex="0" class="hf-reaction"><span>' + m.reaction + '</span></div>';
    return inner;
  }

  /** The inside of a message row (the gridcell), as Messenger draws it. Hover actions are always there. */
  function messageCell(m) {
    var avatar = m.sent ? '' : '<div class="hf-av"><img alt="' + esc(OTHER.name) + '" height="28" width="28" referrerpolicy="origin-when-cross-origin" src="' + esc(AV_OTHER) + '"></div>';
    var actions =
      '<div class="hf-actions"><div aria-label="React" role="button" tabindex="0">☺</div><div aria-label="Reply" role="button" tabindex="0">↩</div><div aria-expanded="false" aria-haspopup="menu" aria-label="More" role="button" tabindex="0">⋯</div></div>';
    return (
      '<div data-message-id="' + m.id + '" aria-label="' + esc(m.label) + '" role="gridcell" tabindex="0" class="hf-cell">' +
      '<div style="display:flex;justify-content:' + (m.sent ? 'flex-end' : 'flex-start') + '" class="hf-line">' +
      (m.sent ? actions : '') + avatar + '<div class="hf-bubble' + (m.sent ? ' hf-own' : '') + '">' + bubble(m) + '</div>' + (m.sent ? '' : actions) +
      '</div></div>'
    );
  }

  function dividerCell(text) {
    return '<div role="gridcell" class="hf-divider"><h4><span>' + esc(text) + '</span></h4></div>';
  }

  /**
   * The start of the conversation: Messenger draws the other person's profile block above the first message, inside
   * the message list (picture, name, "You're friends on Facebook", "Lives in …", "View profile"), once the oldest
   * message is loaded.
   */
  var START_HEIGHT = 220;
  function startCell() {
    var profile = 'https://www.facebook.com/' + OTHER.handle;
    return (
      '<div role="gridcell" class="hf-start" style="display:flex;flex-direction:column;align-items:center;gap:4px;padding:16px 0;text-align:center">' +
      '<a aria-label="' + esc(OTHER.name) + '" href="' + profile + '" role="link" tabindex="0"><img alt="' + esc(OTHER.name) + '" height="60" width="60" src="' + esc(AV_OTHER) + '" style="border-radius:50%"></a>' +
      '<span dir="auto" style="font-weight:600;font-size:17px">' + esc(OTHER.name) + '</span>' +
      '<span dir="auto" style="color:#65676b;font-size:13px">You\'re friends on Facebook</span><span dir="auto" style="color:#65676b;font-size:13px">Lives in Leeds, United Kingdom</span>' +
      '<a href="' + profile + '" role="link" tabindex="0" style="background:#e4e6eb;border-radius:6px;padding:4px 12px;color:#050505"><span dir="auto">View profile</span></a></div>'
    );
  }

  /**
   * The list items (dividers and messages) of messages from..n-1, in page order, with their heights; from 0, the
   * other person's profile block first.
   */
  function items(from, n) {
    var out = [];
    if (from === 0) out.push({ key: 'start', height: START_HEIGHT, html: startCell() });
    for (var i = from; i < n; i++) {
      var m = message(i);
      if (m.divider) out.push({ key: 'd' + i, height: DIVIDER_HEIGHT, html: dividerCell(m.divider) });
      out.push({ key: 'm' + i, height: m.height, html: messageCell(m), index: i });
    }
    return out;
  }

  root.__holdfastMetaDm = {
    VIEWER: VIEWER,
    OTHER: OTHER,
    THREAD: THREAD,
    STALL_THREAD: STALL_THREAD,
    AV_OTHER: AV_OTHER,
    AV_VIEWER: AV_VIEWER,
    esc: esc,
    message: message,
    items: items,
  };
})(typeof window !== 'undefined' ? window : this);
