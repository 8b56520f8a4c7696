import { describe, expect, it } from 'vitest';
import type { CaseSummary, Person } from '../../model/case';
import {
  accountOfSummary,
  accountsOf,
  allSelected,
  countKey,
  dayOf,
  facets,
  filterRows,
  fold,
  localTime,
  NOBODY,
  prepareRows,
  safeDownloadName,
  shortUrl,
  sniffMedia,
  toggleAllMatching,
  toggleId,
  windowRange,
} from './records';

const base = (seq: number, over: Partial<CaseSummary> = {}): CaseSummary => ({
  id: `r${seq}`,
  seq,
  kind: 'post',
  platform: 'x',
  capturedAt: '2026-03-10T12:00:00.000Z',
  capturedAtOffset: '+00:00',
  authorKeys: [],
  ...over,
});

const people: Person[] = [
  {
    id: 'p1',
    name: 'My ex',
    identifiers: [{ id: 'i1', type: 'account', account: { platform: 'x', handle: 'troll', keys: ['x:@troll', 'x:id:42'] }, addedAt: '2026-01-01T00:00:00Z' }],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  },
];

const summaries: CaseSummary[] = [
  base(1, { snippet: 'Sé dónde VIVES', handle: 'troll', displayName: 'José Núñez', authorKeys: ['x:id:42', 'x:@troll'], url: 'https://x.com/troll/status/1', itemTime: '2026-03-01T10:00:00Z' }),
  base(2, { kind: 'comment', platform: 'instagram', snippet: 'nice photo', handle: 'other', authorKeys: ['instagram:@other'], url: 'https://www.instagram.com/p/abc/' }),
  base(3, { kind: 'journal-entry', platform: 'added', snippet: 'Private number called at night', journal: { entryId: 'e1', version: 1, when: { precision: 'exact', local: '2026-03-05T02:17' }, kind: 'call' } }),
  base(4, { kind: 'journal-entry', platform: 'added', snippet: 'Private number called at 02:17', journal: { entryId: 'e1', version: 2, when: { precision: 'exact', local: '2026-03-05T02:17' }, kind: 'call', personId: 'p1' } }),
  base(5, { kind: 'added-file', platform: 'added', snippet: 'call-log.png', addedFile: { name: 'call-log.png', size: 10, type: 'image/png' } }),
  base(6, { snippet: 'deleted one', deleted: true }),
];

describe('search and filters', () => {
  const rows = prepareRows(summaries, people);
  const ids = (f: Parameters<typeof filterRows>[1]) => filterRows(rows, f).map((r) => r.s.id);

  it('lists newest first, without deleted records or older journal versions', () => {
    expect(ids({})).toEqual(['r5', 'r4', 'r2', 'r1']);
    expect(ids({ allVersions: true })).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it('searches text, names, handles, URLs, journal text and file names, ignoring case and accents', () => {
    expect(ids({ query: 'se donde vives' })).toEqual(['r1']);
    expect(ids({ query: 'JOSE nunez' })).toEqual(['r1']);
    expect(ids({ query: '@troll' })).toEqual(['r1']);
    expect(ids({ query: 'instagram.com/p/abc' })).toEqual(['r2']);
    expect(ids({ query: '02:17' })).toEqual(['r4']);
    expect(ids({ query: 'call-log' })).toEqual(['r5']);
    expect(ids({ query: 'nothing like this' })).toEqual([]);
    expect(ids({ query: '   ' })).toEqual(['r5', 'r4', 'r2', 'r1']);
  });

  it('filters by platform, kind, person (and nobody) and local date', () => {
    expect(ids({ platform: 'instagram' })).toEqual(['r2']);
    expect(ids({ kind: 'journal-entry' })).toEqual(['r4']);
    expect(ids({ kind: 'added-file' })).toEqual(['r5']);
    expect(ids({ personId: 'p1' })).toEqual(['r4', 'r1']);
    expect(ids({ personId: NOBODY })).toEqual(['r5', 'r2']);
    expect(ids({ from: '2026-03-05', to: '2026-03-05' })).toEqual(['r4']);
    expect(ids({ to: '2026-03-01' })).toEqual(['r1']);
    expect(ids({ from: '2026-03-02', query: 'called' })).toEqual(['r4']);
  });

  it('dates a journal entry by its own wall clock and a capture by when it happened', () => {
    expect(dayOf(summaries[2]!)).toBe('2026-03-05');
    expect(dayOf(base(9, { capturedAt: 'garbage' }))).toBeUndefined();
  });

  it('offers the platforms and kinds present', () => {
    expect(facets(rows)).toEqual({ platforms: ['added', 'instagram', 'x'], kinds: ['added-file', 'comment', 'journal-entry', 'post'] });
  });

  it('folds accents and case', () => {
    expect(fold('ÁRBOL Niño')).toBe('arbol nino');
  });

  it('searches 15,000 summaries per keystroke, finding what a slow full scan finds (timing printed, not asserted: a shared machine)', () => {
    const many: CaseSummary[] = [];
    for (let i = 0; i < 15_000; i++)
      many.push(
        base(i + 1, {
          snippet: `Message number ${i} with some words about nothing in particular, and a little more text to be realistic ${i % 97}`,
          handle: `user${i % 300}`,
          displayName: `Usuário ${i % 300}`,
          authorKeys: [`x:@user${i % 300}`],
          url: `https://x.com/user${i % 300}/status/${1_000_000 + i}`,
        }),
      );
    let t0 = performance.now();
    const big = prepareRows(many, people);
    const prepMs = performance.now() - t0;
    const keystrokes = ['u', 'us', 'usu', 'usua', 'usuar', 'usuari', 'usuario', 'usuario 1', 'usuario 12'];
    const times: number[] = [];
    let last = 0;
    for (const q of keystrokes) {
      t0 = performance.now();
      last = filterRows(big, { query: q }).length;
      times.push(performance.now() - t0);
    }
    console.log(`search at 15,000 summaries: prepare ${prepMs.toFixed(1)} ms once; per keystroke ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
    // The same question answered the slow way: every term in the accent-stripped, lower-cased text.
    const slow = many.filter((s) => {
      const text = [s.snippet, s.displayName, `@${s.handle}`, s.url].join('\n').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      return text.includes('usuario') && text.includes('12');
    });
    expect(last).toBe(slow.length);
    expect(last).toBeGreaterThan(0);
  });
});

describe('count words', () => {
  it('uses the singular key for exactly one', () => {
    expect(countKey(1)).toBe('recCountOne');
    expect(countKey(0)).toBe('recCountMany');
    expect(countKey(2)).toBe('recCountMany');
  });
});

describe('short URLs', () => {
  it('keeps host and path on one short line', () => {
    expect(shortUrl('https://www.instagram.com/p/abc/')).toBe('instagram.com/p/abc/');
    expect(shortUrl('https://x.com/')).toBe('x.com');
    const long = shortUrl('https://x.com/someone_with_a_long_name/status/1790000000000004411?s=20&t=abcdefghijklmnop');
    expect(long.length).toBe(48);
    expect(long.startsWith('x.com/someone')).toBe(true);
    expect(long).toContain('…');
    expect(long.endsWith('ijklmnop')).toBe(true);
    expect(shortUrl(undefined)).toBe('');
    expect(shortUrl('not a url at all')).toBe('not a url at all');
  });
});

describe('local time', () => {
  it('formats in the local zone and passes through what does not parse', () => {
    const d = new Date('2026-03-10T12:34:56Z');
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(localTime('2026-03-10T12:34:56Z')).toBe(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`);
    expect(localTime('2026-03-10T12:34:56Z', true).endsWith(':56')).toBe(true);
    expect(localTime('soon')).toBe('soon');
    expect(localTime(undefined)).toBe('—');
  });
});

describe('added files: what may show', () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
  it('shows PNG, JPEG, GIF and WebP as pictures by their bytes', () => {
    expect(sniffMedia(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual({ show: 'image', type: 'image/png' });
    expect(sniffMedia(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ show: 'image', type: 'image/jpeg' });
    expect(sniffMedia(bytes('GIF89a', [1, 0]))).toEqual({ show: 'image', type: 'image/gif' });
    expect(sniffMedia(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toEqual({ show: 'image', type: 'image/webp' });
  });
  it('plays MP3, Ogg, WAV, M4A, AAC and WebM as audio', () => {
    expect(sniffMedia(bytes('ID3', [3, 0]))).toMatchObject({ show: 'audio', type: 'audio/mpeg' });
    expect(sniffMedia(bytes([0xff, 0xfb, 0x90, 0x64]))).toMatchObject({ show: 'audio', type: 'audio/mpeg' });
    expect(sniffMedia(bytes('OggS', [0]))).toMatchObject({ show: 'audio', type: 'audio/ogg' });
    expect(sniffMedia(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toMatchObject({ show: 'audio', type: 'audio/wav' });
    expect(sniffMedia(bytes([0, 0, 0, 0x20], 'ftypM4A ', [0]))).toMatchObject({ show: 'audio', type: 'audio/mp4' });
    expect(sniffMedia(bytes([0xff, 0xf1, 0x50, 0x80]))).toMatchObject({ show: 'audio', type: 'audio/aac' });
    expect(sniffMedia(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]))).toMatchObject({ show: 'audio', type: 'audio/webm' });
  });
  it('only downloads SVG, HTML, PDF, e-mail, empty and unknown files, whatever they claim to be', () => {
    expect(sniffMedia(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ show: 'download' });
    expect(sniffMedia(bytes('<!doctype html><script>alert(1)</script>'))).toEqual({ show: 'download' });
    expect(sniffMedia(bytes('%PDF-1.7'))).toEqual({ show: 'download' });
    expect(sniffMedia(bytes('From: a@b.example\r\nSubject: hi\r\n'))).toEqual({ show: 'download' });
    expect(sniffMedia(new Uint8Array(0))).toEqual({ show: 'download' });
    expect(sniffMedia(bytes([0x89], 'PN'))).toEqual({ show: 'download' });
  });
  it('makes hostile names safe to download', () => {
    expect(safeDownloadName('../../x')).toBe('x');
    expect(safeDownloadName('..\\..\\evil.bat')).toBe('evil.bat');
    expect(safeDownloadName('a\u0000b\u202Egnp.exe')).toBe('abgnp.exe');
    expect(safeDownloadName('.hidden')).toBe('hidden');
    expect(safeDownloadName('')).toBe('added-file');
    expect(safeDownloadName('\u0007\u0008')).toBe('added-file');
    const long = safeDownloadName(`${'a'.repeat(300)}.pdf`);
    expect(long.length).toBe(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('selection and accounts', () => {
  const rows = prepareRows(summaries, people);
  it('toggles one and all matching', () => {
    let sel = toggleId(new Set(), 'r1');
    expect([...sel]).toEqual(['r1']);
    sel = toggleId(sel, 'r1');
    expect(sel.size).toBe(0);
    const matching = filterRows(rows, { platform: 'x' });
    sel = toggleAllMatching(new Set(['r5']), matching);
    expect([...sel].sort()).toEqual(['r1', 'r5']);
    expect(allSelected(sel, matching)).toBe(true);
    sel = toggleAllMatching(sel, matching);
    expect([...sel]).toEqual(['r5']);
    expect(allSelected(new Set(), [])).toBe(false);
  });
  it("builds each record's account from its author keys, once per account", () => {
    expect(accountOfSummary(summaries[0]!)).toEqual({ platform: 'x', handle: 'troll', displayName: 'José Núñez', accountId: '42', keys: ['x:id:42', 'x:@troll'] });
    const thread = base(7, { kind: 'dm-thread', handle: 'Troll', authorKeys: ['x:@troll', 'x:@me', 'x:@friend'] });
    expect(accountOfSummary(thread)?.keys).toEqual(['x:@troll']);
    const again = base(8, { handle: 'troll', authorKeys: ['x:@troll'] });
    const { accounts, without } = accountsOf([summaries[0]!, again, summaries[1]!, summaries[4]!]);
    expect(accounts.map((a) => a.keys[0])).toEqual(['x:id:42', 'instagram:@other']);
    expect(without).toBe(1);
  });
});

describe('windowed list range', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(windowRange(10_000, 60, 200, 800, 5)).toEqual({ start: 0, end: 15 });
    expect(windowRange(10_000, 60, -6000, 800, 5)).toEqual({ start: 95, end: 119 });
    expect(windowRange(10, 60, -6000, 800, 5)).toEqual({ start: 10, end: 10 });
    expect(windowRange(0, 60, 0, 800)).toEqual({ start: 0, end: 0 });
  });
});
