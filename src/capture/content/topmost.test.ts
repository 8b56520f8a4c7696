// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { topmost } from './controls';

describe('topmost (the added subtrees an incremental scan reads)', () => {
  const build = () => {
    document.body.innerHTML = `
      <main id="feed">
        <div id="a"><div id="a1"><span id="a1x"></span></div><div id="a2"></div></div>
        <div id="b"><div id="b1"></div></div>
        <div id="c"></div>
      </main>`;
    const $ = (id: string) => document.getElementById(id)!;
    return $;
  };

  it('keeps siblings, drops what sits inside another member, however deep, in either order of arrival', () => {
    const $ = build();
    expect(topmost(new Set([$('a1x'), $('a2'), $('a'), $('b1'), $('c')])).map((e) => e.id)).toEqual(['a', 'b1', 'c']);
    // The deep one first: its climb passes a1 and a (a is in the set), and a2 then finds a remembered
    expect(topmost(new Set([$('a1x'), $('a1'), $('a2'), $('b'), $('b1')])).map((e) => e.id)).toEqual(['a1', 'a2', 'b']);
  });

  it('remembers "not inside" as well: many siblings under one parent all stay', () => {
    const $ = build();
    const feed = $('feed');
    const rows = Array.from({ length: 50 }, () => feed.appendChild(document.createElement('article')));
    expect(topmost(new Set(rows))).toEqual(rows);
    expect(topmost(new Set([...rows, feed]))).toEqual([feed]);
  });

  it('leaves out elements no longer in the page', () => {
    const $ = build();
    const c = $('c');
    c.remove();
    expect(topmost(new Set([c, $('b')])).map((e) => e.id)).toEqual(['b']);
  });
});
