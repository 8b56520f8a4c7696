/**
 * The anonymiser on a small page shaped like the real ones: no real name, handle, id or text survives; structure,
 * hooks, times and interface words do; the same real value becomes the same fake everywhere; ids keep their length
 * and their time bits; Instagram shortcodes stay the codes of their mapped ids.
 */
import { describe, expect, it } from 'vitest';
import { anonymisePage } from './anonymise';

const REAL_HANDLE = 'maria.realperson';
const REAL_NAME = 'Maria Realperson';
const REAL_ID = '1333693610';
const COMMENT_ID = '17873752113912338';
const SHORTCODE = 'DRQcDGdF956';
const SECRET_TEXT = 'Meet me outside your flat tonight';

const page = `<!DOCTYPE html><html lang="en"><head><title>${REAL_NAME} on Instagram</title>
<meta property="og:url" content="https://www.instagram.com/${REAL_HANDLE}/p/${SHORTCODE}/">
<script>window.__secret = "${REAL_HANDLE}";</script>
<script type="application/json" data-sjs>{"user":{"id":"${REAL_ID}","pk":${REAL_ID},"username":"${REAL_HANDLE}","full_name":"${REAL_NAME}","taken_at":1763640000},"text":"${SECRET_TEXT}","big":${COMMENT_ID},"__typename":"XDTCommentDict"}</script>
<style>.a{color:red}</style></head>
<body><main role="main">
${[1, 2, 3]
  .map(
    (i) => `<div role="listitem" data-testid="comment-${i}"><a href="/${REAL_HANDLE}/" role="link"><img alt="${REAL_HANDLE}'s profile picture" src="https://scontent.cdninstagram.com/v/t51.2885-19/482913377_${REAL_ID}_n.jpg?_nc_ohc=Xq3bH0aZk2QQ7kNvgE&oe=69F1A2B3"></a>
  <a href="/${REAL_HANDLE}/"><span>${REAL_HANDLE}</span></a>
  <a href="/p/${SHORTCODE}/c/${COMMENT_ID}/"><time datetime="2025-11-20T12:02:55.000Z" title="Nov 20, 2025">9h</time></a>
  <span dir="auto">${SECRET_TEXT} #${i}</span><div role="button" onclick="steal()">Reply</div></div>`,
  )
  .join('\n')}
<a href="/${REAL_HANDLE}/">${REAL_NAME}</a>
<!-- ${REAL_NAME} -->
</main></body></html>`;

const run = (secret = 's1') =>
  anonymisePage(page, { site: 'instagram', url: `https://www.instagram.com/${REAL_HANDLE}/p/${SHORTCODE}/`, secret, allow: [], words: ['nov'] });

describe('anonymisePage', () => {
  it('leaves no real name, handle, id or text, and no script code, comment or event handler', () => {
    const { html, url } = run();
    for (const real of [REAL_HANDLE, REAL_NAME, 'Realperson', REAL_ID, COMMENT_ID, SHORTCODE, 'outside your flat', 'Xq3bH0aZk2QQ7kNvgE', '__secret', 'steal()', 'color:red'])
      expect(html, real).not.toContain(real);
    expect(url).not.toContain(REAL_HANDLE);
    expect(url).not.toContain(SHORTCODE);
  });

  it('keeps structure, hooks, times and repeated interface words', () => {
    const { html } = run();
    expect(html.match(/data-testid="comment-\d"/g)).toHaveLength(3);
    expect(html.match(/role="listitem"/g)).toHaveLength(3);
    expect(html.match(/<time datetime="2025-11-20T12:02:55.000Z" title="Nov 20, 2025">9h<\/time>/g)).toHaveLength(3);
    expect(html.match(/>Reply</g)).toHaveLength(3);
    expect(html).toContain('"taken_at":1763640000');
    expect(html).toContain('"__typename":"XDTCommentDict"');
  });

  it('maps one real value to one fake everywhere, stable for a secret', () => {
    const { html, mapping } = run();
    const fake = mapping[REAL_HANDLE]!;
    expect(fake).toMatch(/^[a-z0-9._]+$/);
    expect(html.split(`href="/${fake}/"`).length - 1).toBe(7);
    expect(html).toContain(`<span>${fake}</span>`);
    expect(html).toContain(`"username":"${fake}"`);
    expect(html).toContain(`alt="${fake}'s profile picture"`);
    expect(html).toContain(`>${mapping[REAL_NAME]}</a>`);
    expect(run().html).toBe(html);
    expect(run('s2').mapping[REAL_HANDLE]).not.toBe(fake);
  });

  it('keeps ids the same length and kind, with their time bits, and shortcodes consistent with them', () => {
    const { html, mapping } = run();
    const id = mapping[REAL_ID]!;
    expect(id).toHaveLength(REAL_ID.length);
    expect(html).toContain(`"id":"${id}","pk":${id}`);
    const cid = mapping[COMMENT_ID]!;
    expect(cid).toHaveLength(COMMENT_ID.length);
    expect(BigInt(cid) >> 22n).toBe(BigInt(COMMENT_ID) >> 22n);
    const code = /\/p\/([A-Za-z0-9_-]+)\/c\//.exec(html)![1]!;
    expect(code).toHaveLength(SHORTCODE.length);
    expect(code).not.toBe(SHORTCODE);
    expect(code.slice(0, 6)).toBe(SHORTCODE.slice(0, 6)); // the time bits live in the leading characters
    expect(html).toContain(`/c/${cid}/`);
  });

  it('invents person-written text with the same shape (lengths, spacing, hashtags kept as such)', () => {
    const { html } = run();
    const texts = [...html.matchAll(/<span dir="auto">([^<]*)<\/span>/g)].map((m) => m[1]!);
    expect(texts).toHaveLength(3);
    for (const t of texts) {
      expect(t.split(' ').map((w) => w.length)).toEqual(`${SECRET_TEXT} #1`.split(' ').map((w) => w.length));
      expect(t).toMatch(/#\d$/);
    }
  });

  it('maps ids inside base64 URL values, invents slugs made of words, replaces invite codes, and survives empty templates in svg', () => {
    const realComment = Buffer.from('comment:1234567890123456_9876543210987654').toString('base64');
    const html = `<!DOCTYPE html><html><body><main>
      <a href="https://www.facebook.com/somepage/posts/meet-me-outside-tonight-1234567890/?comment_id=${realComment}">x</a>
      <a href="https://chat.whatsapp.com/AbCdEfGhIjKlMnOp">group</a>
      <svg viewBox="0 0 1 1"><template></template><path d="M0 0"/></svg></main></body></html>`;
    const out = anonymisePage(html, { site: 'facebook', url: 'https://www.facebook.com/somepage', secret: 's', allow: [], words: [] }).html;
    expect(out).not.toContain(realComment);
    expect(out).not.toContain('1234567890123456');
    expect(out).not.toContain('meet-me-outside-tonight');
    expect(out).not.toContain('AbCdEfGhIjKlMnOp');
    expect(out).toContain('<path d="M0 0">');
    const href = /href="([^"]*comment_id=[^"]*)"/.exec(out)![1]!.replace(/&amp;/g, '&');
    const mapped = Buffer.from(new URL(href).searchParams.get('comment_id')!, 'base64').toString('latin1');
    expect(mapped).toMatch(/^comment:\d{16}_\d{16}$/);
    expect(new URL(href).pathname).toMatch(/^\/[a-z0-9.]+\/posts\/[a-z]{4}-[a-z]{2}-[a-z]{7}-[a-z]{7}-\d{10}\/$/);
  });
});
