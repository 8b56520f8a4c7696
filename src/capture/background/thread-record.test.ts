import { describe, expect, it } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { ThreadEntryPayload, ThreadFinishPayload } from '../../messaging/protocol';
import { buildThreadCapture, buildThreadRecord, newPart, orderedEntries, REDRAWN_WARNING, TranscriptBuilder, transcriptHtml } from './thread-record';

const viewer = { handle: 'holdfast_viewer', displayName: 'Sam', accountId: '1' };
const other = { handle: 'night_caller_9', displayName: 'N. Caller', accountId: '2' };

function msg(i: number, sent: boolean, text = `message ${i}`): ThreadEntryPayload {
  const content: ExtractedContent = {
    kind: 'dm-message',
    platform: 'x',
    itemTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    author: sent ? viewer : other,
    direction: sent ? 'sent' : 'received',
    text,
    links: [],
    media: [],
    participants: [viewer, other],
    method: 'adapter',
    warnings: [],
  };
  return { key: `k${i}`, content };
}

const head: ExtractedContent = {
  kind: 'dm-thread',
  platform: 'x',
  permalink: 'https://x.com/i/chat/1-2',
  itemId: '1-2',
  author: other,
  participants: [viewer, other],
  links: [],
  media: [],
  method: 'adapter',
  warnings: [],
};

function finish(order: string[], partial?: ThreadFinishPayload['partial']): ThreadFinishPayload {
  return {
    session: 's',
    head,
    order,
    ...(partial ? { partial } : {}),
    html: '<div>rows</div>',
    adapter: 'x',
    adapterVersion: '1.0.0',
    reportRoutes: [],
    notes: [],
    stats: { elapsedMs: 1, loadWaitMs: 0, scrolls: 1, clicks: 0 },
  };
}

const tool = { version: '0.1.0', browser: 'Chromium 1', userAgent: 'UA' };
const begin = { kind: 'dm-thread' as const, pageUrl: 'https://x.com/i/chat/1-2', pageTitle: 'Chat / X', localOffset: '+00:00' };
const png = (n: number) => ({ bytes: new Uint8Array([137, 80, 78, 71, n]), width: 600, height: 4000 });

describe('whole-thread record', () => {
  const entries = new Map([5, 1, 3, 2, 4].map((i) => [`k${i}`, msg(i, i % 2 === 0, i === 3 ? '<script>alert(1)</script> & "x"' : undefined)] as const));

  it('orders the transcript by the page order, each entry once; unknown keys follow by time', () => {
    expect(orderedEntries(['k1', 'k2', 'k2', 'k3', 'missing'], entries).map((e) => e.key)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
  });

  it('is one dm-thread record with the transcript as JSON and readable HTML, participants, counts and no partial flag', () => {
    const { record, artifacts } = buildThreadCapture({ begin, finish: finish(['k1', 'k2', 'k3', 'k4', 'k5']), entries, segments: [png(1)], composite: png(1), screens: 3, devicePixelRatio: 1 }, tool, '2026-02-01T00:00:00.000Z');
    expect(record.kind).toBe('dm-thread');
    expect(record.content.messages).toBeUndefined();
    expect(record.content.participants?.map((p) => p.handle)).toEqual(['holdfast_viewer', 'night_caller_9']);
    expect(record.content.fields).toMatchObject({ messages: '5', oldest: '2026-01-01T00:01:00.000Z', newest: '2026-01-01T00:05:00.000Z' });
    expect(record.content.fields?.partial).toBeUndefined();
    expect(record.extraction.adapter).toBe('x@1.0.0');
    expect(record.screenshot.method).toBe('pixel');
    expect(artifacts.map((a) => `${a.role}:${a.mediaType}`)).toEqual([
      'transcript:application/json',
      'transcript:text/html;charset=utf-8',
      'screenshot:image/png',
      'html:text/html;charset=utf-8',
      'structured:application/json',
    ]);
    const json = JSON.parse(new TextDecoder().decode(artifacts[0]!.bytes));
    expect(json.entries.map((e: { key: string; n: number }) => `${e.n}:${e.key}`)).toEqual(['1:k1', '2:k2', '3:k3', '4:k4', '5:k5']);
    expect(json.entries[0].participants).toBeUndefined();
    const html = new TextDecoder().decode(artifacts[1]!.bytes);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('(you)');
  });

  it('marks a stopped or stalled capture partial with the reason, in fields and warnings', () => {
    const { record, artifacts } = buildThreadCapture(
      { begin, finish: finish(['k4', 'k5'], { reason: 'stalled', message: 'The site stopped loading messages.' }), entries, segments: [], screens: 0, screenshotNote: 'No stitched screenshot.', devicePixelRatio: 1 },
      tool,
      '2026-02-01T00:00:00.000Z',
    );
    expect(record.content.fields).toMatchObject({ partial: 'true', partialReason: 'stalled', partialMessage: 'The site stopped loading messages.' });
    expect(record.extraction.warnings[0]).toMatch(/^PARTIAL CAPTURE: The site stopped/);
    expect(record.screenshot.method).toBe('none');
    expect(artifacts.some((a) => a.role === 'screenshot' || a.role === 'segment')).toBe(false);
    expect(new TextDecoder().decode(artifacts[1]!.bytes)).toContain('PARTIAL CAPTURE');
  });

  it('keeps every segment (and the composite when it fits) as separate artifacts', () => {
    const { artifacts } = buildThreadCapture({ begin, finish: finish(['k1']), entries, segments: [png(1), png(2), png(3)], screens: 9, devicePixelRatio: 1 }, tool, '2026-02-01T00:00:00.000Z');
    const segs = artifacts.filter((a) => a.role === 'segment');
    expect(segs.map((a) => a.filename.replace(/^.*_segment-/, ''))).toEqual(['001.png', '002.png', '003.png']);
    expect(artifacts.some((a) => a.role === 'screenshot')).toBe(false);
    const withComposite = buildThreadCapture({ begin, finish: finish(['k1']), entries, segments: [png(1), png(2)], composite: png(9), screens: 4, devicePixelRatio: 1 }, tool, '2026-02-01T00:00:00.000Z').artifacts;
    expect(withComposite.filter((a) => a.role === 'segment')).toHaveLength(2);
    expect(withComposite.filter((a) => a.role === 'screenshot')).toHaveLength(1);
  });

  it('a picture redrawn from the page (exact screenshots off) is labelled like a single item\'s: method dom-render, note, warning (issue #14)', () => {
    const { record, artifacts } = buildThreadCapture(
      { begin, finish: finish(['k1']), entries, segments: [png(1), png(2)], composite: png(9), screens: 7, devicePixelRatio: 2, pictureMethod: 'dom-render', renderNote: 'redrawn from the page DOM; 1 image(s) could not be read and were replaced by a grey placeholder' },
      tool,
      '2026-02-01T00:00:00.000Z',
    );
    expect(record.screenshot.method).toBe('dom-render');
    expect(record.screenshot.note).toMatch(/^redrawn from the page DOM; 1 image\(s\) could not be read.*; stitched from 7 screens taken while scrolling \(2 segments, plus the composite\)$/);
    expect(record.extraction.warnings).toContain(REDRAWN_WARNING);
    expect(artifacts.find((a) => a.role === 'screenshot')?.note).toMatch(/^stitched picture redrawn from the page DOM \(not a pixel screenshot\)/);
    // No segment at all: no picture to label, so 'none' (never a redrawn label on nothing).
    const none = buildThreadCapture({ begin, finish: finish(['k1']), entries, segments: [], screens: 0, devicePixelRatio: 1, pictureMethod: 'dom-render', screenshotNote: 'The stitched screenshot stopped: gone' }, tool, '2026-02-01T00:00:00.000Z').record;
    expect(none.screenshot.method).toBe('none');
    expect(none.extraction.warnings).not.toContain(REDRAWN_WARNING);
    // Pixel screens stay labelled pixel.
    expect(buildThreadCapture({ begin, finish: finish(['k1']), entries, segments: [png(1)], screens: 2, devicePixelRatio: 1 }, tool, '2026-02-01T00:00:00.000Z').record.screenshot.method).toBe('pixel');
  });

  it('a post with replies is a post record listing every reply author', () => {
    const post: ExtractedContent = { kind: 'post', platform: 'x', permalink: 'https://x.com/a/status/1', author: { handle: 'a' }, text: 'the post', links: [], media: [], method: 'adapter', warnings: [] };
    const reply = (i: number, h: string): ThreadEntryPayload => ({ key: `r${i}`, content: { kind: 'reply', platform: 'x', author: { handle: h }, text: `r${i}`, links: [], media: [], method: 'adapter', warnings: [] } });
    const replies = new Map([reply(1, 'b'), reply(2, 'c'), reply(3, 'b')].map((e) => [e.key, e] as const));
    const { record } = buildThreadCapture({ begin: { ...begin, kind: 'post' }, finish: { ...finish(['r1', 'r2', 'r3']), head: post }, entries: replies, segments: [], screens: 0, devicePixelRatio: 1 }, tool, '2026-02-01T00:00:00.000Z');
    expect(record.kind).toBe('post');
    expect(record.text).toBe('the post');
    expect(record.content.participants?.map((p) => p.handle)).toEqual(['a', 'b', 'c']);
    expect(record.content.fields).toMatchObject({ replies: '3', participants: '3' });
  });

  it('the transcript built entry by entry is byte for byte the whole transcript serialised at once', () => {
    const many = new Map(Array.from({ length: 3000 }, (_, i) => [`k${i}`, msg(i, i % 3 === 0, `m <${i}> & "é"\nline`)] as const));
    const order = [...many.keys()];
    const { artifacts } = buildThreadCapture({ begin, finish: finish(order), entries: many, segments: [], screens: 0, devicePixelRatio: 1 }, tool, '2026-02-01T00:00:00.000Z');
    const list = orderedEntries(order, many);
    const json = JSON.parse(new TextDecoder().decode(artifacts[0]!.bytes));
    const whole = { ...json, entries: list.map((e, i) => { const { participants: _p, ...rest } = e.content; return { n: i + 1, key: e.key, ...rest }; }) };
    expect(new TextDecoder().decode(artifacts[0]!.bytes)).toBe(`${JSON.stringify(whole)}\n`);
    const html = new TextDecoder().decode(artifacts[1]!.bytes);
    const title = /<title>(.*)<\/title>/.exec(html)![1]!;
    expect(html).toBe(transcriptHtml(title.replace(/&#39;/g, "'"), [['Page', begin.pageUrl], ['Captured (UTC)', '2026-02-01T00:00:00.000Z'], ['Messages', '3000'], ['Participants', 'Sam @holdfast_viewer id 1; N. Caller @night_caller_9 id 2']], list));
  });

  it('staged pictures become staged artifacts in the same places as pictures in hand', () => {
    const t = new TranscriptBuilder(head);
    t.add(msg(1, true));
    const staged = (n: number) => ({ staged: n, width: 600, height: 4000 });
    const { artifacts } = buildThreadRecord({ begin, finish: finish(['k1']), segments: [staged(1), staged(2)], composite: { bytes: new Uint8Array([1]), width: 600, height: 8000 }, screens: 5, devicePixelRatio: 1 }, t, tool, '2026-02-01T00:00:00.000Z');
    expect(artifacts.map((a) => `${a.role}:${'staged' in a ? `staged ${a.staged}` : 'bytes'}`)).toEqual(['transcript:bytes', 'transcript:bytes', 'screenshot:bytes', 'segment:staged 1', 'segment:staged 2', 'html:bytes', 'structured:bytes']);
  });

  it('transcriptHtml escapes the title and metadata too', () => {
    expect(transcriptHtml('<b>t</b>', [['k', '<i>v</i>']], [])).not.toMatch(/<b>t<\/b>|<i>v<\/i>/);
  });

  it('transcriptHtml labels a time derived from a post id (Instagram grid) as derived, never as the page\'s own time', () => {
    const content = { kind: 'post' as const, platform: 'instagram' as const, links: [], media: [], method: 'adapter' as const, warnings: [], fields: { timeFromId: '2026-11-20T21:00:00.000Z', timeSource: 'derived from the post id' } };
    const html = transcriptHtml('t', [], [{ key: 'https://www.instagram.com/p/Df-khpTvoQH/', content }]);
    expect(html).toContain('<time datetime="">2026-11-20T21:00:00.000Z (derived from the post id, not shown on the page)</time>');
    expect(transcriptHtml('t', [], [{ key: 'k', content: { ...content, itemTime: '2026-11-21T00:00:00.000Z' } }])).toContain('<time datetime="2026-11-21T00:00:00.000Z">2026-11-21T00:00:00.000Z</time>');
  });
});

describe('stitching', () => {
  it('takes only the part of a screen below what the picture already holds', () => {
    expect(newPart(0, 0, 800)).toEqual({ skip: 0, take: 800 });
    expect(newPart(800, 720, 800)).toEqual({ skip: 80, take: 720 });
    expect(newPart(5000, 4600, 800)).toEqual({ skip: 400, take: 400 }); // the last screen, clamped at the bottom
    expect(newPart(5000, 4200, 800)).toEqual({ skip: 800, take: 0 });
    expect(newPart(800, 1000, 800)).toEqual({ skip: 0, take: 800 });
  });
});
