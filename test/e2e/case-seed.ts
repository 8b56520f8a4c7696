/**
 * Seeds the vault from inside an extension page (issue #13 browser tests and `npm run bench -- --only case`).
 * Bundled with esbuild (`caseSeedSource()` in pages.ts) and evaluated in vault.html, so the records go through the
 * vault's own code into the browser's own IndexedDB — used where a test is not about capturing. Never part of the
 * extension. Everything here runs in the page: no Node modules.
 */
import type { JournalKind } from '../../src/model/journal';
import type { NewArtifact, NewRecord, ToolInfo, Vault } from '../../src/vault/api';
import { openVault } from '../../src/vault/vault';

export interface SeedCapture {
  platform: 'x' | 'instagram' | 'facebook' | 'messenger';
  kind: 'post' | 'reply' | 'comment' | 'dm-message';
  handle: string;
  displayName?: string;
  accountId?: string;
  text: string;
  /** The item's own time (ISO-8601); the pattern counts a capture at this time. */
  itemTime: string;
  /** A small PNG screenshot as the record's screenshot artifact. */
  screenshot?: boolean;
}

export interface SeedJournal {
  /** Wall-clock "YYYY-MM-DDTHH:MM". */
  local: string;
  kind: JournalKind;
  text: string;
}

let shared: Promise<Vault> | undefined;
const vault = (): Promise<Vault> => {
  shared ??= openVault();
  return shared;
};

export function tool(): ToolInfo {
  return { version: 'test', browser: 'test', userAgent: navigator.userAgent };
}

const enc = new TextEncoder();

/** A real PNG drawn by the browser (a few hundred bytes). */
export async function png(width: number, height: number, seed: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  g.fillStyle = `hsl(${(seed * 37) % 360} 60% 50%)`;
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#fff';
  g.fillRect(seed % width, 0, 2, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

function captureRecord(c: SeedCapture, i: number, capturedAt: string): NewRecord {
  const base = c.platform === 'x' ? 'https://x.com' : c.platform === 'instagram' ? 'https://www.instagram.com' : c.platform === 'messenger' ? 'https://www.messenger.com' : 'https://www.facebook.com';
  const permalink = c.platform === 'x' ? `${base}/${c.handle}/status/${1_900_000_000_000_000_000n + BigInt(i)}` : `${base}/${c.handle}/posts/${100_000 + i}`;
  const author = { handle: c.handle, ...(c.displayName ? { displayName: c.displayName } : {}), ...(c.accountId ? { accountId: c.accountId } : {}) };
  return {
    formatVersion: 1,
    kind: c.kind,
    platform: c.platform,
    pageUrl: permalink,
    permalink,
    capturedAt,
    capturedAtOffset: '+00:00',
    itemTime: c.itemTime,
    author,
    text: c.text,
    media: [],
    content: { kind: c.kind, platform: c.platform, text: c.text, author, itemTime: c.itemTime, links: [], media: [], method: 'adapter', warnings: [] },
    extraction: { method: 'adapter', adapter: `${c.platform}@1`, warnings: [] },
    screenshot: { method: c.screenshot ? 'pixel' : 'none', devicePixelRatio: 1 },
    tool: { name: 'Holdfast', version: 'test', browser: 'test', userAgent: navigator.userAgent },
    reportRoutes: [],
  } as NewRecord;
}

async function captureArtifacts(c: SeedCapture, i: number): Promise<NewArtifact[]> {
  const html = `<article><p>${c.text.replace(/[<&]/g, (ch) => (ch === '<' ? '&lt;' : '&amp;'))}</p></article>`;
  const out: NewArtifact[] = [{ role: 'html', mediaType: 'text/html;charset=utf-8', filename: `page-${i}.html`, bytes: enc.encode(html) }];
  if (c.screenshot) out.unshift({ role: 'screenshot', mediaType: 'image/png', filename: `shot-${i}.png`, bytes: await png(48, 32, i) });
  return out;
}

/** Adds captures as the background would store them; returns their ids, in order. */
export async function seedCaptures(list: SeedCapture[]): Promise<string[]> {
  const v = await vault();
  const ids: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const rec = await v.addRecord(captureRecord(c, i, new Date(Date.parse(c.itemTime) + 60_000).toISOString()), await captureArtifacts(c, i));
    ids.push(rec.id);
  }
  return ids;
}

/** The device's offset at a local wall-clock time, "+HH:MM". */
function offsetAt(d: Date): string {
  const m = -d.getTimezoneOffset();
  const a = Math.abs(m);
  return `${m < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Journal entries through the vault's CaseApi (version 1 each); returns the record ids. */
export async function seedJournal(list: SeedJournal[]): Promise<string[]> {
  const v = await vault();
  const ids: string[] = [];
  for (const j of list) {
    const [date, time] = j.local.split('T') as [string, string];
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const [h, mi] = time.split(':').map(Number) as [number, number];
    const at = new Date(y, mo - 1, d, h, mi);
    const rec = await v.addJournalEntry({ when: { precision: 'exact', local: j.local, offset: offsetAt(at), utc: at.toISOString() }, kind: j.kind, text: j.text }, tool());
    ids.push(rec.id);
  }
  return ids;
}

/** Each seeded capture's local (this page's time zone) day and hour, as the pattern must count it. */
export function localDayHour(iso: string): { day: string; hour: number } {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return { day: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, hour: d.getHours() };
}

const WORDS = ['you', 'know', 'where', 'I', 'am', 'watching', 'again', 'tonight', 'answer', 'the', 'phone', 'why', 'ignore', 'me', 'outside', 'your', 'work', 'saw', 'car', 'stop'];
const NAMES = ['amber', 'bramble', 'cinder', 'dusk', 'ember', 'fable', 'gravel', 'hollow', 'ivory', 'juniper'];
const SUFFIXES = ['night', 'owl', 'watch', 'shadow'];
const BENCH_START = Date.UTC(2025, 11, 1);

/** The benchmark's accounts: `n` handles, each starting differently enough that typing one narrows the list. */
export function benchHandles(n: number): string[] {
  return Array.from({ length: n }, (_, a) => `${NAMES[a % NAMES.length]}_${SUFFIXES[Math.floor(a / NAMES.length) % SUFFIXES.length]}${a}`);
}

/**
 * Captures `from`…`to`−1 of a large realistic vault for the benchmark: small captures (text, handles over `accounts`
 * accounts on four platforms, every `shotEvery`-th with a small screenshot), about 52 minutes apart from Dec 2025.
 */
export async function seedBenchCaptures(opts: { from: number; to: number; accounts: number; shotEvery: number }): Promise<number> {
  const v = await vault();
  const platforms = ['x', 'instagram', 'facebook', 'messenger'] as const;
  const kinds = { x: 'reply', instagram: 'comment', facebook: 'comment', messenger: 'dm-message' } as const;
  const handles = benchHandles(opts.accounts);
  const shot = await png(64, 40, 1);
  const t0 = performance.now();
  for (let i = opts.from; i < opts.to; i++) {
    const a = (i * 7) % opts.accounts;
    const platform = platforms[a % 4]!;
    const words = Array.from({ length: 8 + (i % 23) }, (_, w) => WORDS[(i * 3 + w * 5) % WORDS.length]).join(' ');
    const withShot = i % opts.shotEvery === 0;
    const c: SeedCapture = { platform, kind: kinds[platform], handle: handles[a]!, displayName: `Caller ${a}`, accountId: String(4_000_000 + a), text: `${words} #${i}`, itemTime: new Date(BENCH_START + i * 3_137_000).toISOString(), screenshot: withShot };
    const arts: NewArtifact[] = [{ role: 'html', mediaType: 'text/html;charset=utf-8', filename: `page-${i}.html`, bytes: enc.encode(`<article><p>${c.text}</p></article>`) }];
    if (withShot) arts.unshift({ role: 'screenshot', mediaType: 'image/png', filename: `shot-${i}.png`, bytes: shot });
    await v.addRecord(captureRecord(c, i, new Date(Date.parse(c.itemTime) + 90_000).toISOString()), arts);
  }
  return performance.now() - t0;
}

/** Journal entries `from`…`to`−1 for the benchmark (calls, messages, threats … about 1 h 45 min apart), by addJournalEntry. */
export async function seedBenchJournal(opts: { from: number; to: number }): Promise<number> {
  const v = await vault();
  const JK = ['call', 'message', 'threat', 'following', 'monitoring', 'other'] as const;
  const p = (n: number) => String(n).padStart(2, '0');
  const t0 = performance.now();
  for (let i = opts.from; i < opts.to; i++) {
    // Whole minutes: the entry's wall-clock has no seconds, and the vault checks that its UTC time is that wall-clock.
    const at = new Date(Math.floor((BENCH_START + i * 6_271_000) / 60_000) * 60_000);
    const local = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}T${p(at.getHours())}:${p(at.getMinutes())}`;
    await v.addJournalEntry({ when: { precision: 'exact', local, offset: offsetAt(at), utc: at.toISOString() }, kind: JK[i % JK.length]!, text: `private number called, ${local.slice(11)} — entry ${i}` }, tool());
  }
  return performance.now() - t0;
}

/** Closes the shared connection (before a reload, so a schema upgrade is never blocked). */
export async function done(): Promise<void> {
  if (shared) (await shared).close();
  shared = undefined;
}

// Issue #14 (rep-vault): report entries through the vault's own ReportApi (export.e2e.test.ts).
/** Adds report entries; returns their ids. */
export async function seedExportReports(list: import('../../src/model/report').ReportInput[]): Promise<string[]> {
  const v = await vault();
  const ids: string[] = [];
  for (const r of list) ids.push((await v.addReport(r)).id);
  return ids;
}

/** Every report entry, newest first. */
export async function exportReports(): Promise<import('../../src/model/report').ReportEntry[]> {
  return (await vault()).reports();
}
