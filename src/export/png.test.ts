/**
 * PNG → PDF image objects, checked by rendering the PDF with poppler (pdftoppm) and reading pixels
 * back: the fast path must draw exactly what the PNG holds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePng, pngForPdf, unfilter } from './png';
import { makePng } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'holdfast-png-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Renders page 1 of a PDF at 72 dpi; returns a pixel reader (x, y from the top left). */
function render(pdf: Uint8Array): { width: number; height: number; at(x: number, y: number): [number, number, number] } {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const out = spawnSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', file], { maxBuffer: 64 * 1024 * 1024 });
  expect(out.status).toBe(0);
  const ppm = out.stdout as Buffer;
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  return {
    width,
    height,
    at(x, y) {
      const o = header[0].length + (Math.round(y) * width + Math.round(x)) * 3;
      return [ppm[o]!, ppm[o + 1]!, ppm[o + 2]!];
    },
  };
}

const QUADRANTS: [number, number, number][] = [
  [220, 20, 40],
  [30, 180, 60],
  [40, 60, 210],
  [230, 200, 20],
];
const quadrant = (w: number, h: number) => (x: number, y: number) => QUADRANTS[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)]!;
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 6);

describe('pngForPdf', () => {
  it('passes 8-bit RGB PNG data through untouched, to be read with PNG predictors', async () => {
    const png = makePng(30, 20, 1);
    const image = await pngForPdf(png);
    expect(image).toMatchObject({ width: 30, height: 20, colors: 3, predictor: true });
    expect(image?.data).toEqual(parsePng(png)?.idat);
  });

  it('splits RGBA rows (all five filters) into colour and alpha, dropping a fully opaque alpha channel', async () => {
    const opaque = await pngForPdf(makePng(17, 11, 2, { alpha: 255 }));
    expect(opaque).toMatchObject({ colors: 3, predictor: true });
    expect(opaque?.alpha).toBeUndefined();
    // The colour rows, once unfiltered as a PDF reader does, are the gradient makePng drew.
    const rgb = unfilter(inflateSync(opaque!.data), 17, 11, 3)!;
    expect(rgb.length).toBe(17 * 11 * 3);
    for (const [x, y] of [[0, 0], [16, 10], [5, 7], [9, 4]] as const) {
      const i = (y * 17 + x) * 3;
      expect([rgb[i], rgb[i + 1], rgb[i + 2]]).toEqual([(x * 7 + 62) & 0xff, (y * 5 + 34) & 0xff, ((x + y) * 3 + 22) & 0xff]);
    }
    const translucent = await pngForPdf(makePng(8, 8, 0, { alpha: 128 }));
    expect([...unfilter(inflateSync(translucent!.alpha!), 8, 8, 1)!]).toEqual(new Array(64).fill(128));
  });

  it('leaves PNG variants it does not handle to the caller', async () => {
    const png = makePng(4, 4);
    const sixteenBit = png.slice();
    sixteenBit[24] = 16; // IHDR bit depth (CRC no longer matches, which parsePng does not check)
    expect(await pngForPdf(sixteenBit)).toBeUndefined();
    expect(await pngForPdf(new TextEncoder().encode('GIF89a...'))).toBeUndefined();
  });

  it('draws the right colours in a real PDF reader (RGB and RGBA screenshots)', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const { buildReportModel } = await import('./report-model');
    const { renderPdfReport } = await import('./report-pdf');
    for (const [label, png] of [
      ['rgb', makePng(400, 300, 0, { paint: quadrant(400, 300) })],
      ['rgba', makePng(400, 300, 0, { paint: quadrant(400, 300), alpha: 255 })],
      ['rgba-half', makePng(400, 300, 0, { paint: quadrant(400, 300), alpha: 128 })],
    ] as const) {
      // Half-transparent pictures show blended with the white page.
      const expected = (q: [number, number, number]) =>
        label === 'rgba-half' ? (q.map((v) => Math.round((v * 128 + 255 * 127) / 255)) as [number, number, number]) : q;
      const manifest = {
        exportId: 'x',
        exportedAt: '2026-11-20T00:00:00.000Z',
        tool: { name: 'Holdfast', version: '1' },
        scope: { type: 'all' },
        counts: { records: 1, deleted: 0, artifacts: 1, artifactBytes: png.length },
        chain: { genesis: '0'.repeat(64), records: [], head: { seq: 1, hash: 'a'.repeat(64) } },
        custody: { file: 'custody-log.jsonl', events: 1, head: { seq: 1, hash: 'b'.repeat(64) } },
        files: [],
        warnings: [],
        records: [
          {
            record: {
              id: 'r1',
              seq: 1,
              kind: 'post',
              platform: 'x',
              pageUrl: 'https://x.com/a/status/1',
              capturedAt: '2026-11-20T00:00:00.000Z',
              capturedAtOffset: '+00:00',
              media: [],
              content: { kind: 'post', platform: 'x', links: [], media: [], method: 'adapter', warnings: [] },
              extraction: { method: 'adapter', warnings: [] },
              screenshot: { method: 'pixel', devicePixelRatio: 1 },
              tool: { name: 'Holdfast', version: '1', browser: 'b', userAgent: 'u' },
              reportRoutes: [],
              artifacts: [],
              chain: { prevHash: '0'.repeat(64), recordHash: 'a'.repeat(64) },
            },
            artifacts: [{ id: 'a1', role: 'screenshot', mediaType: 'image/png', path: 'artifacts/x/screenshot.png', sha256: 'c'.repeat(64), size: png.length }],
          },
        ],
      } as never;
      const pdf = await renderPdfReport(buildReportModel(manifest), async () => ({ bytes: png, mediaType: 'image/png' }));
      const doc = await PDFDocument.load(pdf);
      // The last page is exhibit 1 (cover, course of conduct, summary before it).
      const single = await PDFDocument.create();
      const [page] = await single.copyPages(doc, [doc.getPageCount() - 1]);
      single.addPage(page);
      const img = render(await single.save());
      // Find the picture: the first row with the top-left colour at the left margin + a few points.
      const x0 = 60;
      let top = -1;
      for (let y = 0; y < img.height && top < 0; y++) if (near(img.at(x0, y), expected(QUADRANTS[0]!))) top = y;
      expect(top, `${label}: picture found`).toBeGreaterThan(0);
      // Drawn at 0.75 pt per pixel: 300 × 225 pt. Sample each quadrant's middle.
      const [w, h] = [300, 225];
      expect(near(img.at(50 + w / 4, top + h / 4), expected(QUADRANTS[0]!)), `${label} top left`).toBe(true);
      expect(near(img.at(50 + (3 * w) / 4, top + h / 4), expected(QUADRANTS[1]!)), `${label} top right`).toBe(true);
      expect(near(img.at(50 + w / 4, top + (3 * h) / 4), expected(QUADRANTS[2]!)), `${label} bottom left`).toBe(true);
      expect(near(img.at(50 + (3 * w) / 4, top + (3 * h) / 4), expected(QUADRANTS[3]!)), `${label} bottom right`).toBe(true);
    }
  });
});
