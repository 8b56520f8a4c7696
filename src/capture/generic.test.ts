// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericExtract, platformForHost } from './generic';

describe('generic extraction', () => {
  it('keeps visible text, links and images of anything, and says why it was generic', () => {
    document.body.innerHTML = `<div id="x"><p>Threat <a href="/u/1">@someone</a></p><img src="https://cdn.example/a.png" alt="pic"><time datetime="2026-01-02T03:04:05Z">Jan 2</time></div>`;
    const el = document.getElementById('x')!;
    const c = genericExtract(el, 'post', new URL('https://forum.example/t/9'), 'layout changed');
    expect(c.method).toBe('generic');
    expect(c.platform).toBe('web');
    expect(c.text).toContain('Threat');
    expect(c.links).toEqual([{ text: '@someone', href: 'https://forum.example/u/1' }]);
    expect(c.media).toEqual([{ url: 'https://cdn.example/a.png', type: 'image', alt: 'pic' }]);
    expect(c.itemTime).toBe('2026-01-02T03:04:05Z');
    expect(c.warnings).toEqual(['layout changed']);
  });

  it('maps hosts to platforms', () => {
    expect(platformForHost('x.com')).toBe('x');
    expect(platformForHost('mobile.twitter.com')).toBe('x');
    expect(platformForHost('www.instagram.com')).toBe('instagram');
    expect(platformForHost('www.messenger.com')).toBe('messenger');
    expect(platformForHost('web.facebook.com')).toBe('facebook');
    expect(platformForHost('notx.com')).toBe('web');
  });

  it('never throws on odd markup', () => {
    document.body.innerHTML = `<div id="y"><a href="http://[bad">bad</a><img src="data:image/png;base64,AAA"></div>`;
    const c = genericExtract(document.getElementById('y')!, 'page', new URL('https://a.example/'), undefined);
    expect(c.links).toEqual([]);
    expect(c.media).toEqual([]);
    expect(c.warnings).toEqual([]);
  });
});
