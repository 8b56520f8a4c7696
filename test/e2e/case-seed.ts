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

/**
 * A large realistic vault for the benchmark: `records` small captures (text, handles over `accounts` accounts on
 * four platforms, every `shotEvery`-th with a small screenshot) over about a year, and `journal` journal entries.
 * Returns the time it took and the handles used.
 */
export async function seedLarge(opts: { records: number; accounts: number; shotEvery: number; journal: number }): Promise<{ recordsMs: number; journalMs: number; handles: string[]; journalVia: string }> {
  const v = await vault();
  const platforms = ['x', 'instagram', 'facebook', 'messenger'] as const;
  const kinds = { x: 'reply', instagram: 'comment', facebook: 'comment', messenger: 'dm-message' } as const;
  const handles = Array.from({ length: opts.accounts }, (_, a) => `caller_${a.toString(36)}${['night', 'owl', 'watch', 'shadow'][a % 4]}`);
  const start = Date.UTC(2025, 11, 1);
  const t0 = performance.now();
  const shot = await png(64, 40, 1);
  for (let i = 0; i < opts.records; i++) {
    const a = (i * 7) % opts.accounts;
    const platform = platforms[a % 4]!;
    const words = Array.from({ length: 8 + (i % 23) }, (_, w) => WORDS[(i * 3 + w * 5) % WORDS.length]).join(' ');
    const c: SeedCapture = { platform, kind: kinds[platform], handle: handles[a]!, displayName: `Caller ${a}`, accountId: String(4_000_000 + a), text: `${words} #${i}`, itemTime: new Date(start + i * 3_137_000).toISOString() };
    const arts: NewArtifact[] = [{ role: 'html', mediaType: 'text/html;charset=utf-8', filename: `page-${i}.html`, bytes: enc.encode(`<article><p>${c.text}</p></article>`) }];
    if (i % opts.shotEvery === 0) arts.unshift({ role: 'screenshot', mediaType: 'image/png', filename: `shot-${i}.png`, bytes: shot });
    await v.addRecord(captureRecord({ ...c, screenshot: i % opts.shotEvery === 0 }, i, new Date(Date.parse(c.itemTime) + 90_000).toISOString()), arts);
  }
  const recordsMs = performance.now() - t0;
  const t1 = performance.now();
  const JK = ['call', 'message', 'threat', 'following', 'monitoring', 'other'] as const;
  for (let i = 0; i < opts.journal; i++) {
    const at = new Date(start + i * 6_271_000);
    const p = (n: number) => String(n).padStart(2, '0');
    const local = `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}T${p(at.getHours())}:${p(at.getMinutes())}`;
    await v.addJournalEntry({ when: { precision: 'exact', local, offset: offsetAt(at), utc: at.toISOString() }, kind: JK[i % JK.length]!, text: `private number called, ${local.slice(11)} — entry ${i}` }, tool());
  }
  return { recordsMs, journalMs: performance.now() - t1, handles, journalVia: 'addJournalEntry' };
}

/** Closes the shared connection (before a reload, so a schema upgrade is never blocked). */
export async function done(): Promise<void> {
  if (shared) (await shared).close();
  shared = undefined;
}
