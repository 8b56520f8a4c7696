import { describe, expect, it } from 'vitest';
import type { ItemCapturePayload } from '../../messaging/protocol';
import { artifactBaseName, buildCapture, safeNamePart } from './record';

const payload: ItemCapturePayload = {
  content: {
    kind: 'post',
    platform: 'x',
    permalink: 'https://x.com/alice/status/1',
    itemTime: '2026-11-20T14:03:11.000Z',
    author: { handle: 'alice', displayName: 'Álice 🌻' },
    text: 'hello <script>alert(1)</script>',
    links: [],
    media: [{ url: 'https://pbs.twimg.com/media/a.jpg', type: 'image' }],
    method: 'adapter',
    warnings: ['no numeric id on this page'],
  },
  html: '<article>hello</article>',
  pageUrl: 'https://x.com/home',
  pageTitle: 'Home / X',
  rect: { x: 10, y: 20, width: 300, height: 200 },
  viewport: { width: 1280, height: 900 },
  devicePixelRatio: 2,
  clipped: true,
  renderToken: 't',
  adapter: 'x',
  adapterVersion: '1',
  reportRoutes: [{ id: 'copy-permalink', label: 'Copy permalink', url: 'https://x.com/alice/status/1' }],
  via: 'control',
  localOffset: '+01:00',
};

describe('buildCapture', () => {
  const png = new Uint8Array([137, 80, 78, 71]);
  const { record, artifacts } = buildCapture(
    payload,
    { png, info: { method: 'pixel', devicePixelRatio: 2, crop: payload.rect, viewport: payload.viewport, clipped: true } },
    { version: '0.1.0', browser: 'Chromium 156', userAgent: 'UA' },
    '2026-11-23T10:00:00.123Z',
  );

  it('copies who/what/when/where from the content and keeps both times apart', () => {
    expect(record).toMatchObject({
      kind: 'post',
      platform: 'x',
      pageUrl: 'https://x.com/home',
      permalink: 'https://x.com/alice/status/1',
      capturedAt: '2026-11-23T10:00:00.123Z',
      capturedAtOffset: '+01:00',
      itemTime: '2026-11-20T14:03:11.000Z',
      author: { handle: 'alice', displayName: 'Álice 🌻' },
      text: 'hello <script>alert(1)</script>',
      extraction: { method: 'adapter', adapter: 'x@1' },
      tool: { name: 'Holdfast', version: '0.1.0', browser: 'Chromium 156' },
    });
    expect(record.reportRoutes).toHaveLength(1);
  });

  it('adds a warning when the item did not fit in the window, keeping the adapter warnings', () => {
    expect(record.extraction.warnings[0]).toBe('no numeric id on this page');
    expect(record.extraction.warnings.some((w) => /larger than the window/.test(w))).toBe(true);
    expect(record.content.warnings).toEqual(['no numeric id on this page']);
  });

  it('makes three artifacts with recognisable, safe file names', () => {
    expect(artifacts.map((a) => a.role)).toEqual(['screenshot', 'html', 'structured']);
    expect(artifacts[0]!.bytes).toBe(png);
    expect(new TextDecoder().decode(artifacts[1]!.bytes)).toBe('<article>hello</article>');
    const json = JSON.parse(new TextDecoder().decode(artifacts[2]!.bytes));
    expect(json.content.permalink).toBe('https://x.com/alice/status/1');
    for (const a of artifacts) expect(a.filename).toMatch(/^2026-11-23-10-00-00_x_alice_post[._][\w.]+$/);
  });

  it('stores no screenshot artifact when no picture could be taken, and says why', () => {
    const r = buildCapture(payload, { info: { method: 'none', devicePixelRatio: 1 }, warning: 'No picture could be taken' }, { version: '0', browser: 'b', userAgent: 'u' }, '2026-01-01T00:00:00.000Z');
    expect(r.artifacts.map((a) => a.role)).toEqual(['html', 'structured']);
    expect(r.record.extraction.warnings).toContain('No picture could be taken');
  });
});

describe('file names', () => {
  it('never contain separators or dots that climb directories', () => {
    expect(safeNamePart('../../etc/passwd', 'x')).toBe('etc-passwd');
    expect(safeNamePart('Ünïcödé 名前', 'x')).toBe('Unicode');
    expect(safeNamePart('', 'unknown')).toBe('unknown');
    expect(artifactBaseName('2026-11-23T10:00:00.000Z', { content: { ...payload.content, author: { handle: 'a/b\\c' } } })).toBe('2026-11-23-10-00-00_x_a-b-c_post');
  });
});
