/**
 * Helpers for the export tests and the benchmark only (never imported by production code): real
 * PNG files, a vault seeded with varied and hostile records, and a file sink for Node.
 */
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import type { EvidenceRecord } from '../model/evidence';
import type { NewArtifact, NewRecord, Vault } from '../vault/api';
import { sha256Hex } from '../vault/hashing';
import { FILES, type Manifest } from './format';
import { buildStatement, type SignatureFile, signatureFileText } from './signing';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A real PNG of the given size: a colour gradient (so every picture differs), RGB or, with
 * `alpha`, RGBA with that alpha everywhere. Rows use filters None/Sub/Up/Average/Paeth in turn,
 * so a decoder must handle all five. `paint` chooses each pixel's colour instead.
 */
export function makePng(
  width: number,
  height: number,
  seed = 0,
  options: { alpha?: number; paint?: (x: number, y: number) => [number, number, number] } = {},
): Uint8Array {
  const bpp = options.alpha === undefined ? 3 : 4;
  const stride = width * bpp;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * stride + x * bpp;
      const [r, g, b] = options.paint?.(x, y) ?? [(x * 7 + seed * 31) & 0xff, (y * 5 + seed * 17) & 0xff, ((x + y) * 3 + seed * 11) & 0xff];
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
      if (bpp === 4) pixels[i + 3] = options.alpha!;
    }
  }
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const cur = pixels[y * stride + x]!;
      const a = x >= bpp ? pixels[y * stride + x - bpp]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      raw[y * (stride + 1) + 1 + x] = (cur - predicted) & 0xff;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, bpp === 4 ? 6 : 2, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const enc = new TextEncoder();

export function newRecord(overrides: Partial<NewRecord> & Pick<NewRecord, 'platform' | 'kind'>): NewRecord {
  const text = overrides.text;
  return {
    formatVersion: 1,
    pageUrl: `https://example.invalid/${overrides.platform}`,
    capturedAt: '2026-11-20T10:00:00.000Z',
    capturedAtOffset: '+01:00',
    media: [],
    content: {
      kind: overrides.kind,
      platform: overrides.platform,
      ...(text !== undefined ? { text } : {}),
      ...(overrides.author ? { author: overrides.author } : {}),
      links: [],
      media: [],
      method: 'adapter',
      warnings: [],
    },
    extraction: { method: 'adapter', adapter: `${overrides.platform}@1`, warnings: [] },
    screenshot: { method: 'pixel', devicePixelRatio: 2 },
    tool: { name: 'Holdfast', version: '0.1.0', browser: 'test', userAgent: 'vitest' },
    reportRoutes: [],
    ...overrides,
  };
}

export function captureArtifacts(seed: number, html: string, extra: Record<string, unknown> = {}): NewArtifact[] {
  return [
    { role: 'screenshot', mediaType: 'image/png', filename: `shot-${seed}.png`, bytes: makePng(40 + seed, 30 + seed, seed) },
    { role: 'html', mediaType: 'text/html;charset=utf-8', filename: `page-${seed}.html`, bytes: enc.encode(html) },
    {
      role: 'structured',
      mediaType: 'application/json',
      filename: `content-${seed}.json`,
      bytes: enc.encode(`${JSON.stringify({ seed, ...extra }, null, 2)}\n`),
    },
  ];
}

export const HOSTILE_TEXT = '<script>alert("x")</script> & <img src=x onerror=alert(1)> "quoted" \'single\'';
export const FORMULA_TEXT = '=HYPERLINK("http://evil.invalid","click me")';

/**
 * Seeds a vault with six captures on four platforms (unicode, emoji, hostile HTML, spreadsheet
 * formulas, a DM thread) and one deleted record. Returns the live records, oldest first.
 */
export async function seedVault(vault: Vault): Promise<EvidenceRecord[]> {
  const out: EvidenceRecord[] = [];
  const add = async (r: NewRecord, a: NewArtifact[]) => {
    const rec = await vault.addRecord(r, a);
    out.push(rec);
    return rec;
  };
  await add(
    newRecord({
      platform: 'x',
      kind: 'post',
      pageUrl: 'https://x.com/alice_harasser/status/1860000000000000001',
      permalink: 'https://x.com/alice_harasser/status/1860000000000000001',
      capturedAt: '2026-11-20T10:00:00.123Z',
      itemTime: '2026-11-20T09:58:00.000Z',
      author: { handle: 'alice_harasser', displayName: 'Alice 😈 Ünïcødé', accountId: '4401', accountIdSource: 'json-ld' },
      text: `You will regret this 😡🔥 — ça va? ${HOSTILE_TEXT}`,
    }),
    captureArtifacts(1, `<article><p>${HOSTILE_TEXT}</p></article>`),
  );
  await add(
    newRecord({
      platform: 'x',
      kind: 'reply',
      pageUrl: 'https://x.com/alice_harasser/status/1860000000000000002',
      permalink: 'https://x.com/alice_harasser/status/1860000000000000002',
      capturedAt: '2026-11-21T11:30:00.000Z',
      itemTime: '2026-11-21T08:00:00+02:00',
      author: { handle: 'Alice_Harasser', displayName: 'Alice', accountId: '4401' },
      text: FORMULA_TEXT,
    }),
    captureArtifacts(2, '<div>=HYPERLINK</div>'),
  );
  await add(
    newRecord({
      platform: 'instagram',
      kind: 'comment',
      pageUrl: 'https://www.instagram.com/p/ABCdef123/',
      permalink: 'https://www.instagram.com/p/ABCdef123/c/17900000000000001/',
      capturedAt: '2026-11-22T12:00:00.000Z',
      itemTime: '2026-11-22T11:00:00.000Z',
      author: { handle: 'bob.b', displayName: 'Боб Иванов' },
      text: 'Я знаю, где ты живёшь. 我知道你住在哪里。 +1 -1 @everyone',
    }),
    captureArtifacts(3, '<p>Я знаю</p>'),
  );
  const toDelete = await add(
    newRecord({
      platform: 'facebook',
      kind: 'post',
      pageUrl: 'https://www.facebook.com/some.page/posts/1',
      capturedAt: '2026-11-22T13:00:00.000Z',
      author: { handle: 'some.page' },
      text: 'to be deleted',
    }),
    captureArtifacts(4, '<p>deleted</p>'),
  );
  await add(
    newRecord({
      platform: 'messenger',
      kind: 'dm-thread',
      pageUrl: 'https://www.messenger.com/t/100000000000001',
      permalink: 'https://www.messenger.com/t/100000000000001',
      capturedAt: '2026-11-23T09:00:00.000Z',
      author: { displayName: 'Carol C', accountId: '100000000000001', accountIdSource: 'conversation id' },
      text: 'thread',
      content: {
        kind: 'dm-thread',
        platform: 'messenger',
        links: [],
        media: [],
        method: 'adapter',
        warnings: ['Sender derived from bubble position.'],
        participants: [{ displayName: 'Carol C', accountId: '100000000000001' }],
        messages: [
          {
            kind: 'dm-message',
            platform: 'messenger',
            text: 'answer me',
            itemTime: '2026-11-23T08:00:00.000Z',
            direction: 'received',
            author: { displayName: 'Carol C' },
            links: [],
            media: [],
            method: 'adapter',
            warnings: [],
          },
          {
            kind: 'dm-message',
            platform: 'messenger',
            text: 'please stop',
            itemTime: '2026-11-23T08:01:00.000Z',
            direction: 'sent',
            links: [],
            media: [],
            method: 'adapter',
            warnings: [],
          },
        ],
      },
    }),
    captureArtifacts(5, '<div>thread</div>'),
  );
  await add(
    newRecord({
      platform: 'x',
      kind: 'profile',
      pageUrl: 'https://x.com/alice_alt',
      permalink: 'https://x.com/alice_alt',
      capturedAt: '2026-11-24T10:00:00.000Z',
      author: { handle: 'alice_alt', displayName: 'Alice (alt)', accountId: '9902', profileUrl: 'https://x.com/alice_alt' },
      text: '@alice_alt bio: watching you',
      content: {
        kind: 'profile',
        platform: 'x',
        links: [],
        media: [],
        method: 'adapter',
        warnings: [],
        fields: { Bio: 'watching you', Joined: 'November 2026' },
      },
    }),
    captureArtifacts(6, '<header>profile</header>'),
  );
  await vault.deleteRecord(toDelete.id, 'posted by mistake');
  return out.filter((r) => r.id !== toDelete.id);
}

/** A WritableStream writing to a file (Node). Resolves `done` when the file is closed. */
export function fileSink(path: string): WritableStream<Uint8Array> {
  return Writable.toWeb(createWriteStream(path)) as WritableStream<Uint8Array>;
}

/** A sink collecting everything written; `bytes()` joins it. */
export function memorySink(): { sink: WritableStream<Uint8Array>; bytes(): Uint8Array } {
  const chunks: Uint8Array[] = [];
  return {
    sink: new WritableStream<Uint8Array>({
      write(chunk) {
        chunks.push(chunk.slice());
      },
    }),
    bytes() {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let o = 0;
      for (const c of chunks) {
        out.set(c, o);
        o += c.byteLength;
      }
      return out;
    },
  };
}

/** Every file of a ZIP, by name, in order (plain ZIPs, or with the password). */
export async function unzipAll(bytes: Uint8Array, password?: string): Promise<Map<string, Uint8Array>> {
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js');
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false, filenameValidation: 'tolerant' });
  const out = new Map<string, Uint8Array>();
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    out.set(entry.filename, await entry.getData(new Uint8ArrayWriter(), { ...(password ? { password } : {}), useWebWorkers: false }));
  }
  return out;
}

/** Writes files into a new ZIP, in the map's order. */
export async function zipAll(files: Map<string, Uint8Array>, options: { password?: string; level?: number } = {}): Promise<Uint8Array> {
  const { ZipWriter, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js');
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    ...(options.password ? { password: options.password, encryptionStrength: 3 as const } : {}),
    ...(options.level !== undefined ? { level: options.level } : {}),
  });
  for (const [name, data] of files) await writer.add(name, new Uint8ArrayReader(data));
  return writer.close();
}

/** Re-packs a bundle after `edit` changed its files (the way someone editing an unpacked bundle would). */
export async function tamper(
  bytes: Uint8Array,
  edit: (files: Map<string, Uint8Array>) => void | Promise<void>,
  password?: string,
): Promise<Uint8Array> {
  const files = await unzipAll(bytes, password);
  await edit(files);
  return zipAll(files, password ? { password } : {});
}

/** Replaces every occurrence of `from` with `to` (same length) in the raw bytes (names in headers). */
export function patchBytes(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const a = new TextEncoder().encode(from);
  const b = new TextEncoder().encode(to);
  if (a.length !== b.length) throw new Error('patchBytes: lengths differ');
  const out = bytes.slice();
  let count = 0;
  for (let i = 0; i <= out.length - a.length; i++) {
    let match = true;
    for (let j = 0; j < a.length && match; j++) match = out[i + j] === a[j];
    if (match) {
      out.set(b, i);
      count += 1;
    }
  }
  if (count === 0) throw new Error(`patchBytes: "${from}" not found`);
  return out;
}

/**
 * Rewrites the declared uncompressed size of the named entry in the central directory and the
 * local header (for entries written with known sizes, no Zip64).
 */
export function patchDeclaredSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const nameBytes = new TextEncoder().encode(name);
  let patched = 0;
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const isCentral = sig === 0x02014b50;
    const isLocal = sig === 0x04034b50;
    if (!isCentral && !isLocal) continue;
    const nameOffset = i + (isCentral ? 46 : 30);
    const nameLength = view.getUint16(i + (isCentral ? 28 : 26), true);
    if (nameLength !== nameBytes.length || nameBytes.some((b, j) => out[nameOffset + j] !== b)) continue;
    view.setUint32(i + (isCentral ? 24 : 22), size, true);
    patched += 1;
  }
  if (patched === 0) throw new Error(`patchDeclaredSize: ${name} not found`);
  return out;
}

export const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

/** A journal-entry record as the vault's addJournalEntry writes it (platform 'added', `journal`, `text`). */
export function journalRecord(journal: import('../model/case').JournalInfo, text: string, capturedAt = '2026-11-24T09:00:00.000Z'): NewRecord {
  return newRecord({
    platform: 'added',
    kind: 'journal-entry',
    pageUrl: 'holdfast:journal',
    capturedAt,
    text,
    journal,
    screenshot: { method: 'none', devicePixelRatio: 1 },
    extraction: { method: 'person', warnings: [] },
  });
}

/** An added-file record and its 'added' artifact, as the vault's addFile writes them. */
export function addedFileRecord(
  file: { name: string; type: string; bytes: Uint8Array; entryId?: string },
  addedAt = '2026-11-24T09:05:00.000Z',
): { record: NewRecord; artifacts: NewArtifact[] } {
  return {
    record: newRecord({
      platform: 'added',
      kind: 'added-file',
      pageUrl: 'holdfast:added-file',
      capturedAt: addedAt,
      addedFile: { name: file.name, size: file.bytes.byteLength, type: file.type, addedAt, ...(file.entryId && { entryId: file.entryId }) },
      screenshot: { method: 'none', devicePixelRatio: 1 },
      extraction: { method: 'person', warnings: [] },
    }),
    // The vault names the stored file itself; the person's file name is never a path.
    artifacts: [{ role: 'added', mediaType: file.type || 'application/octet-stream', filename: 'added-file', bytes: file.bytes }],
  };
}

export const HOSTILE_NAME = '<img src=x onerror=alert(1)> Ex "X" & </script>';

/**
 * Seeds the case file on top of seedVault: a person (Alice's X account + a phone), a journal entry about her in two
 * versions (the second supersedes the first), a quick call entry by nobody, an added PNG on the entry and an added
 * file with a hostile name and an SVG type. Returns what a test double for people()/notes() should answer.
 */
export async function seedCase(vault: Vault, live: readonly EvidenceRecord[]) {
  const person: import('../model/case').Person = {
    id: 'person-1',
    name: HOSTILE_NAME,
    identifiers: [
      {
        id: 'ident-1',
        type: 'account',
        account: { platform: 'x', handle: 'Alice_Harasser', accountId: '4401', keys: ['x:id:4401', 'x:@alice_harasser'] },
        addedAt: '2026-11-24T08:00:00.000Z',
      },
      { id: 'ident-2', type: 'phone', value: '+593 99 000 0000', addedAt: '2026-11-24T08:00:00.000Z' },
    ],
    createdAt: '2026-11-24T08:00:00.000Z',
    updatedAt: '2026-11-24T08:00:00.000Z',
  };
  const v1 = await vault.addRecord(
    journalRecord(
      {
        entryId: 'entry-1',
        version: 1,
        when: { precision: 'exact', local: '2026-11-23T02:17', offset: '-05:00', utc: '2026-11-23T07:17:00.000Z' },
        kind: 'call',
        personId: person.id,
        personName: person.name,
        where: 'home',
        witnesses: '=cmd|calc',
        links: [live[0]!.id],
      },
      'Private number called at 02:17',
    ),
    [],
  );
  const v2 = await vault.addRecord(
    journalRecord(
      {
        entryId: 'entry-1',
        version: 2,
        supersedes: v1.id,
        when: { precision: 'exact', local: '2026-11-23T02:17', offset: '-05:00', utc: '2026-11-23T07:17:00.000Z' },
        kind: 'call',
        personId: person.id,
        personName: person.name,
        where: 'home',
        effect: 'Could not sleep',
        reference: 'POL-2026-17',
        links: [live[0]!.id],
      },
      'Private number called at 02:17, again at 03:00',
      '2026-11-24T09:30:00.000Z',
    ),
    [],
  );
  const call = await vault.addRecord(
    journalRecord(
      { entryId: 'entry-2', version: 1, when: { precision: 'about', local: '2026-11-23T03:00', offset: '-05:00', utc: '2026-11-23T08:00:00.000Z' }, kind: 'call', links: [] },
      'Private number called',
    ),
    [],
  );
  const photo = addedFileRecord({ name: 'call log.png', type: 'image/png', bytes: makePng(30, 20, 7), entryId: 'entry-1' });
  const file = await vault.addRecord(photo.record, photo.artifacts);
  const svg = addedFileRecord({ name: '../../x\u0007<svg>.svg', type: 'image/svg+xml', bytes: enc.encode('<svg onload="alert(1)"><script>alert(2)</script></svg>') });
  const hostileFile = await vault.addRecord(svg.record, svg.artifacts);
  const notes: import('../model/case').RecordNote[] = [
    { id: 'note-1', recordId: live[0]!.id, text: 'He deleted this <b>later</b>', at: '2026-11-24T10:00:00.000Z' },
  ];
  return { person, people: [person], notes, v1, v2, call, file, hostileFile };
}

/** The vault with people() and notes() answering from memory (until the vault's own case stores exist). */
export function withCase<T extends Vault>(vault: T, data: { people: import('../model/case').Person[]; notes: import('../model/case').RecordNote[] }): T & { restored: unknown[] } {
  const restored: unknown[] = [];
  return new Proxy(vault, {
    get(target, key) {
      if (key === 'people') return async () => structuredClone(data.people);
      if (key === 'notes') return async (recordId?: string) => structuredClone(data.notes.filter((n) => !recordId || n.recordId === recordId));
      if (key === 'restoreCase') {
        return async (d: { people: unknown[]; notes: unknown[] }) => {
          restored.push(d);
          return { people: d.people.length, notes: d.notes.length };
        };
      }
      if (key === 'restored') return restored;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as T & { restored: unknown[] };
}

/**
 * Signs a rewritten bundle again with the vault's key, as only someone holding the unlocked vault can (issue #15):
 * the statement is rebuilt from the files as they now are (SHA256SUMS recomputed after). For tests of checks other
 * than the signature; the signed chain head the bundle carries is kept as it was.
 */
export async function resign(files: Map<string, Uint8Array>, vault: Vault): Promise<void> {
  const manifest = JSON.parse(new TextDecoder().decode(files.get(FILES.manifest))) as Manifest;
  const old = files.get(FILES.signature);
  const signedHead = old ? (JSON.parse(new TextDecoder().decode(old)) as SignatureFile).statement.signedChainHead : undefined;
  const list: Array<{ path: string; sha256: string; size: number }> = [];
  for (const [path, bytes] of files) if (path !== FILES.sums && path !== FILES.signature) list.push({ path, sha256: await sha256Hex(bytes), size: bytes.byteLength });
  const statement = buildStatement(manifest, list, signedHead);
  const { signature, identity } = await vault.signExportStatement(statement);
  files.set(FILES.signature, new TextEncoder().encode(signatureFileText(identity, statement, signature)));
  const lines: string[] = [];
  for (const [path, bytes] of files) if (path !== FILES.sums) lines.push(`${await sha256Hex(bytes)}  ${path}\n`);
  files.set(FILES.sums, new TextEncoder().encode(lines.join('')));
}
