import { spawnSync } from 'node:child_process';
import { PDFDict, PDFDocument, PDFName, PDFRef, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { freshDbName } from '../vault/test-support';
import { openVault } from '../vault/vault';
import { exportBundle } from './bundle';
import { FILES } from './format';
import { makeSanitizer, pngSize, wrap } from './report-pdf';
import { makePng, memorySink, seedVault, unzipAll } from './test-support';

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

  it('wraps prose exactly where measuring whole lines would (widths added up per character and pair)', async () => {
    const doc = await PDFDocument.create();
    for (const name of [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.Courier]) {
      const font = await doc.embedFont(name);
      const text =
        'AVATAR To Yvonne: We\'re watching you. "Quote" — Ünïcode-ish café, WAVY Type... ' +
        'a long https://example.com/some/very/long/path?with=query&and=more '.repeat(6);
      for (const [size, maxWidth] of [[9.5, 150], [8, 333], [14, 90]] as const) {
        const lines = wrap(text, font, size, maxWidth);
        // The reference: greedy wrapping, measuring every candidate line with pdf-lib itself.
        const expected: string[] = [];
        let line = '';
        for (const word of text.split(/(?<= )/)) {
          if (font.widthOfTextAtSize(line + word, size) <= maxWidth) line += word;
          else {
            if (line) expected.push(line.trimEnd());
            line = '';
            if (font.widthOfTextAtSize(word, size) <= maxWidth) line = word;
            else {
              let piece = '';
              for (const ch of word) {
                if (font.widthOfTextAtSize(piece + ch, size) > maxWidth && piece) {
                  expected.push(piece);
                  piece = '';
                }
                piece += ch;
              }
              line = piece;
            }
          }
        }
        if (line || expected.length === 0) expected.push(line.trimEnd());
        expect(lines).toEqual(expected);
      }
    }
  });

  it('reads PNG dimensions from the header', () => {
    expect(pngSize(makePng(33, 21))).toEqual({ width: 33, height: 21 });
    expect(pngSize(new TextEncoder().encode('not a png at all, no'))).toBeUndefined();
  });

  it('appends pages in order under one page tree, each with its footer', async () => {
    const vault = await openVault(freshDbName('pdf-pages'));
    await seedVault(vault);
    const mem = memorySink();
    await exportBundle(vault, { scope: { type: 'all' }, toolVersion: '0.1.0' }, mem.sink);
    vault.close();
    const bytes = (await unzipAll(mem.bytes())).get(FILES.reportPdf)!;
    const doc = await PDFDocument.load(bytes);
    const pages = doc.getPages();
    const root = doc.catalog.get(PDFName.of('Pages'));
    expect(root).toBeInstanceOf(PDFRef);
    const tree = doc.context.lookup(root, PDFDict);
    expect(tree.get(PDFName.of('Count'))?.toString()).toBe(String(pages.length));
    for (const page of pages) expect(page.node.get(PDFName.of('Parent'))).toBe(root);
    const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes, encoding: 'utf8' });
    if (text.error) return; // poppler not installed: the structure above is what can be checked
    const pageTexts = text.stdout.split('\f').filter((t) => t.trim());
    expect(pageTexts.length).toBe(pages.length);
    for (const [i, t] of pageTexts.entries()) expect(t).toContain(`Page ${i + 1} of ${pages.length}`);
    expect(text.stdout).toContain('Exhibit 1');
  });
});

describe('text written as PDF operators', () => {
  it('encodes text in WinAnsiEncoding, as the standard fonts read it', async () => {
    const { winAnsiHex } = await import('./report-pdf');
    expect(winAnsiHex('Aé')).toBe('41E9');
    expect(winAnsiHex('€“—’')).toBe('80939792');
    expect(winAnsiHex('(a)\\')).toBe('2861295C');
    // Anything else was already replaced by the sanitizer; a stray one becomes "?".
    expect(winAnsiHex('\u4e00')).toBe('3F');
  });
});
