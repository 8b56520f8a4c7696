import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makeSanitizer, pngSize, wrap } from './report-pdf';
import { makePng } from './test-support';

describe('PDF text', () => {
  it('keeps Windows-1252 text, simplifies accents and writes other characters as code points', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const s = makeSanitizer(font);
    expect(s.clean('ça va — “ok” €5')).toBe('ça va — “ok” €5');
    expect(s.replaced).toBe(false);
    expect(s.clean('Łódź ő')).toBe('[U+0141]ódz o');
    expect(s.clean('hi 😀 Я')).toBe('hi [U+1F600] [U+042F]');
    expect(s.replaced).toBe(true);
    s.reset();
    expect(s.replaced).toBe(false);
    // Whatever comes out can be measured and drawn.
    expect(() => font.widthOfTextAtSize(s.clean('👩‍👩‍👧 مرحبا 你好 \u0000\u200b'), 10)).not.toThrow();
  });

  it('wraps long words (URLs, hashes) at the line width without losing characters', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Courier);
    const url = `https://x.com/${'a'.repeat(300)}`;
    const lines = wrap(`see ${url} now`, font, 8, 200);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 8)).toBeLessThanOrEqual(200);
    expect(lines.join('').replace(/ /g, '')).toBe(`see${url}now`);
  });

  it('reads PNG dimensions from the header', () => {
    expect(pngSize(makePng(33, 21))).toEqual({ width: 33, height: 21 });
    expect(pngSize(new TextEncoder().encode('not a png at all, no'))).toBeUndefined();
  });
});
