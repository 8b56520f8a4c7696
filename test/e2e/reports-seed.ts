/**
 * Seeds reports (issue #14) from inside the vault page: bundled with esbuild (`reportsSeedSource()` in pages.ts) and
 * evaluated in vault.html, so records and report entries go through the vault's own code into the browser's own
 * IndexedDB. Never part of the extension. Everything here runs in the page: no Node modules.
 */
import type { ReportEntry, ReportInput } from '../../src/model/report';
import type { NewRecord, Vault } from '../../src/vault/api';
import { openVault } from '../../src/vault/vault';

let shared: Promise<Vault> | undefined;
const vault = (): Promise<Vault> => {
  shared ??= openVault();
  return shared;
};

export async function addReport(input: ReportInput): Promise<ReportEntry> {
  return (await vault()).addReport(input);
}

export async function reports(): Promise<ReportEntry[]> {
  return (await vault()).reports();
}

/**
 * A post captured with all its replies, stored as a whole-thread capture stores it (the replies in the JSON
 * transcript, content.messages left out): `replies` as [handle, text] in page order.
 */
export async function seedPileOnPost(author: string, replies: [string, string][]): Promise<string> {
  const base = 'https://x.com';
  const permalink = `${base}/${author}/status/1900000000000000999`;
  const head = { kind: 'post' as const, platform: 'x' as const, permalink, author: { handle: author }, text: 'A post that drew a pile-on.', itemTime: '2026-11-20T10:00:00.000Z', links: [], media: [], method: 'adapter' as const, warnings: [] };
  const entries = replies.map(([handle, text], i) => ({ n: i + 1, key: `r${i}`, kind: 'reply', platform: 'x', permalink: `${base}/${handle}/status/${1900000000000001000 + i}`, author: { handle, profileUrl: `${base}/${handle}` }, text, itemTime: new Date(Date.parse('2026-11-20T10:05:00.000Z') + i * 60_000).toISOString(), links: [], media: [], method: 'adapter', warnings: [] }));
  const participants = [...new Set(replies.map(([h]) => h))].map((handle) => ({ handle }));
  const record: NewRecord = {
    formatVersion: 1,
    kind: 'post',
    platform: 'x',
    pageUrl: permalink,
    permalink,
    capturedAt: new Date().toISOString(),
    capturedAtOffset: '+00:00',
    itemTime: head.itemTime,
    author: head.author,
    text: head.text,
    media: [],
    content: { ...head, participants, fields: { replies: String(replies.length), participants: String(participants.length) } },
    extraction: { method: 'adapter', adapter: 'x@1', warnings: [] },
    screenshot: { method: 'none', devicePixelRatio: 1 },
    tool: { name: 'Holdfast', version: 'test', browser: 'test', userAgent: navigator.userAgent },
    reportRoutes: [{ id: 'x-form-harassment', label: 'X help form: harassment', url: 'https://help.x.com/en/forms/safety-and-sensitive-content/abuse' }],
  };
  const transcript = JSON.stringify({ format: 'holdfast-thread-transcript', version: 1, kind: 'post', count: replies.length, participants, head, entries });
  const rec = await (await vault()).addRecord(record, [{ role: 'transcript', mediaType: 'application/json', filename: 'post_whole_transcript.json', bytes: new TextEncoder().encode(transcript) }]);
  return rec.id;
}

/** Closes the shared connection (before a reload). */
export async function done(): Promise<void> {
  if (shared) (await shared).close();
  shared = undefined;
}
