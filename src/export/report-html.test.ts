import { describe, expect, it } from 'vitest';
import { base64Chunks, compactList, escapeHtml } from './report-html';

describe('report.html helpers', () => {
  it('base64-encodes in slices exactly like the standard encoder, for every tail length', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 65536 * 3 + 1, 65536 * 3 * 2 + 2]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 131 + 7) & 0xff);
      const text = [...base64Chunks(bytes)].map((c) => new TextDecoder().decode(c)).join('');
      expect(text, `length ${n}`).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('lists exhibit numbers compactly', () => {
    expect(compactList([7, 1, 2, 3, 9, 10])).toBe('1–3, 7, 9–10');
    expect(compactList([])).toBe('');
  });
});
