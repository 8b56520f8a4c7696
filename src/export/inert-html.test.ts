import { describe, expect, it } from 'vitest';
import { INERT_CSP, inertCss, inertHtml } from './inert-html';

const CSP_META = '<meta http-equiv="Content-Security-Policy"';

describe('inertHtml', () => {
  it('puts the CSP meta first, before anything the page had', () => {
    const out = inertHtml('<script>window.x=1</script><!DOCTYPE html><html><head><title>t</title></head><body>hi</body></html>');
    const head = out.slice(0, out.indexOf('<meta charset'));
    expect(head).toContain(CSP_META);
    expect(out.indexOf(CSP_META)).toBeLessThan(out.indexOf('<title>'));
    expect(INERT_CSP).toContain("default-src 'none'");
    expect(INERT_CSP).not.toMatch(/script-src|unsafe-eval|https?:/);
    expect(INERT_CSP).toContain("base-uri 'none'");
    expect(INERT_CSP).toContain("form-action 'none'");
  });

  it('removes scripts (HTML and SVG), noscript, frames, objects, embeds, base, link and meta refresh', () => {
    const html = [
      '<head><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
      '<link rel="stylesheet" href="https://evil.example/a.css"><link rel=preload href=//evil.example/x>',
      '<meta http-equiv=Set-Cookie content="a=b"><meta charset="windows-1252"></head><body>',
      '<script type="module">fetch("https://evil.example/1")</script>',
      '<SCRIPT>document.write("<\\/script>")</SCRIPT >',
      '<script/src="https://evil.example/2.js"></script>',
      '<svg><script>alert(1)</script><script href="x.js"/><set attributeName="href" to="javascript:alert(1)"/><animate attributeName=href values="javascript:alert(2)"/></svg>',
      '<noscript><img src="https://evil.example/ns.png"></noscript>',
      '<iframe src="https://evil.example/f" srcdoc="<script>alert(3)</script>"></iframe>',
      '<object data="https://evil.example/o.swf"><param name=movie value=x></object><embed src="https://evil.example/e">',
      '<p>kept text</p></body>',
    ].join('');
    const out = inertHtml(html);
    const body = out.slice(out.indexOf('<meta name="referrer"'));
    expect(body).not.toMatch(/<script|<noscript|<iframe|<object|<embed|<base|<link|<set|<animate|<param/i);
    expect(body).not.toMatch(/http-equiv/i);
    expect(body).not.toContain('windows-1252');
    expect(body).not.toMatch(/alert|evil\.example\/[12]|ns\.png/);
    expect(body).toContain('<p>kept text</p>');
  });

  it('removes inline event handlers and neutralises javascript:, data: and remote URLs in every URL attribute', () => {
    const out = inertHtml(
      [
        '<body onload="alert(1)"><a href="javascript:alert(2)" ONCLICK=alert(3)>js</a>',
        '<a href="data:text/html,<script>alert(4)</script>">data</a><a href="https://x.com/u" ping="https://evil.example/p">site</a>',
        '<a href="#top">top</a><img src="https://evil.example/i.png" srcset="https://evil.example/i2.png 2x" onerror=alert(5)>',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt=ok><img/src=x/onerror=alert(6)>',
        '<form action="https://evil.example/f"><button formaction="https://evil.example/g">go</button></form>',
        '<video poster="https://evil.example/v.jpg"></video><table background="https://evil.example/t.png"></table>',
        '<svg><a xlink:href="javascript:alert(7)"><rect fill="url(https://evil.example/s#x)"/></a><use href="data:image/svg+xml,<svg/>#x"/></svg>',
      ].join(''),
    );
    expect(out).not.toMatch(/\son[a-z]+=/i);
    expect(out).not.toMatch(/\s(href|src|srcset|action|formaction|poster|background|ping|xlink:href|fill)="(?!#|data:image\/png)/i);
    expect(out).toContain('data-holdfast-href="javascript:alert(2)"');
    expect(out).toContain('href="#top"');
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(out).toContain('data-holdfast-src="https://evil.example/i.png"');
    expect(out).toContain('data-holdfast-xlink-href="javascript:alert(7)"');
  });

  it('disables remote loads in CSS: url(), @import, image-set, escapes, and keeps markup out of style text', () => {
    const out = inertHtml(
      '<style>@import "https://evil.example/a.css"; body{background:url(https://evil.example/b.png)} i{background:image-set("https://evil.example/c.png" 1x)} b{background:\\75rl(https://evil.example/d.png)}</style>' +
        '<div style="background-image: URL( \'https://evil.example/e.png\' )">x</div><svg><style><img src=x onerror=alert(1)></style></svg>',
    );
    expect(out).not.toMatch(/@import|url\(|image-set\(|\\75/i);
    expect(out).not.toMatch(/<img src=x/);
    expect(inertCss('a{b:url(x)}')).toBe('a{b:holdfast-blocked-url-(x)}');
  });

  it('keeps text, entities and ordinary markup as they were', () => {
    const out = inertHtml('<article class="post" data-id="7"><p title="a &amp; b">Caf&eacute; &lt;3 <b>bold</b></p><textarea><b>not a tag</b></textarea></article>');
    expect(out).toContain('<article class="post" data-id="7"><p title="a &amp; b">Caf&eacute; &lt;3 <b>bold</b></p>');
    expect(out).toContain('<textarea>&lt;b>not a tag&lt;/b></textarea>');
  });

  it('drops comments (including conditional comments and comment-hidden markup)', () => {
    const out = inertHtml('a<!--[if IE]><script src=https://evil.example/x></script><![endif]-->b<!-->c<!--- -->d<!-- x --!>e');
    expect(out.endsWith('abcde')).toBe(true);
  });

  it('handles a 1 MB single word quickly', () => {
    const word = 'a'.repeat(1024 * 1024);
    const start = performance.now();
    const out = inertHtml(`<p>${word}</p>`);
    expect(out).toContain(word);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
