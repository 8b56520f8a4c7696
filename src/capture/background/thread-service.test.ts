/**
 * The background side of whole-thread capture with the real vault (fake-indexeddb): batches are staged as they
 * arrive (the background keeps none), finish builds the same record as the in-memory build, abort discards the
 * staging, a finish whose save fails keeps it for the retry, and a capture nobody finishes is kept as a PARTIAL record at the next start.
 * (Screens need OffscreenCanvas and captureVisibleTab: covered by the real-browser tests.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtractedContent } from '../../model/evidence';
import type { ThreadEntryPayload, ThreadFinishPayload } from '../../messaging/protocol';
import { VaultError, type Vault } from '../../vault/api';
import { freshDbName } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import type { CaptureServiceDeps } from './service';
import { buildThreadCapture } from './thread-record';

type Service = typeof import('./thread-service');

const viewer = { handle: 'holdfast_viewer', displayName: 'Sam', accountId: '1' };
const other = { handle: 'night_caller_9', displayName: 'N. Caller', accountId: '2' };
const head: ExtractedContent = { kind: 'dm-thread', platform: 'x', permalink: 'https://x.com/i/chat/1-2', itemId: '1-2', author: other, participants: [viewer, other], links: [], media: [], method: 'adapter', warnings: [] };
const begin = { kind: 'dm-thread' as const, pageUrl: 'https://x.com/i/chat/1-2', pageTitle: 'Chat / X', localOffset: '+00:00', head, adapter: 'x', adapterVersion: '1.0.0', reportRoutes: [] };
const tool = { version: '0.1.0', browser: 'Chromium 1', userAgent: 'UA' };
const sender = { tab: { id: 7, windowId: 1, active: true } } as never;

function msg(i: number): ThreadEntryPayload {
  const sent = i % 3 === 0;
  return {
    key: `message:${i}`,
    content: { kind: 'dm-message', platform: 'x', itemTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), author: sent ? viewer : other, direction: sent ? 'sent' : 'received', text: `message ${i} <b>&</b>`, links: [], media: [], participants: [viewer, other], method: i % 50 ? 'adapter' : 'generic', warnings: [] },
  };
}

function finish(session: string, order: string[], partial?: ThreadFinishPayload['partial']): ThreadFinishPayload {
  return { session, head, order, ...(partial ? { partial } : {}), html: '<div>rows</div>', adapter: 'x', adapterVersion: '1.0.0', reportRoutes: [], notes: [], stats: { elapsedMs: 1, loadWaitMs: 0, scrolls: 1, clicks: 0 } };
}

let vault: VaultImpl;
let deps: CaptureServiceDeps;
let service: Service;
const N = 1000;
const BATCH = 100;

/** A fresh background (module state gone), as after a browser or service-worker restart. */
async function restart(): Promise<Service> {
  vi.resetModules();
  return import('./thread-service');
}

beforeEach(async () => {
  vault = await openVault(freshDbName());
  deps = { vault: async () => vault as Vault, tool: async () => tool };
  service = await restart();
});
afterEach(() => {
  vi.restoreAllMocks();
  vault.close();
});

/** Sends the messages newest page first, like the upward pass: batches in arrival order. */
async function feed(session: string, upTo = N): Promise<ThreadEntryPayload[]> {
  const all = Array.from({ length: N }, (_, i) => msg(i));
  const arrival = all.slice(0, upTo).reverse();
  for (let i = 0; i < arrival.length; i += BATCH) {
    const res = await service.threadSegment(deps, { session, entries: arrival.slice(i, i + BATCH) }, sender);
    expect(res).toEqual({ ok: true, shot: 'none' });
  }
  return all;
}

async function stagedRows(): Promise<number> {
  return (await vault.stagingSessions()).reduce((n, s) => n + s.items, 0);
}

describe('thread service with staging', () => {
  it('stages each batch as it arrives (the background holds none) and finish writes the same record as the in-memory build', async () => {
    const begun = await service.threadBegin(deps, begin, sender);
    expect(begun.ok).toBe(true);
    const session = (begun as { session: string }).session;
    const stage = vi.spyOn(vault, 'stage');
    const all = Array.from({ length: N }, (_, i) => msg(i));
    const arrival = [...all].reverse();
    for (let i = 0; i < arrival.length; i += BATCH) {
      await service.threadSegment(deps, { session, entries: arrival.slice(i, i + BATCH) }, sender);
      // Each message is one staging write of that batch, and the rows are in the vault before the next one.
      expect(stage).toHaveBeenCalledTimes(i / BATCH + 1);
      expect((stage.mock.calls.at(-1)?.[1].items ?? []).length).toBe(BATCH);
      expect(await stagedRows()).toBe(i + BATCH);
      expect(service.threadSessionStats()).toMatchObject({ sessions: 1, entriesHeld: 0, rawSegments: 0, compositeBytes: 0 });
    }
    const order = all.map((e) => e.key);
    const result = await service.threadFinish(deps, finish(session, order), sender);
    expect(result.ok).toBe(true);
    const record = await vault.get((result as { recordId: string }).recordId);
    expect(await vault.stagingSessions()).toEqual([]);
    expect(service.threadSessionStats().sessions).toBe(0);

    const expected = buildThreadCapture({ begin, finish: finish(session, order), entries: new Map(all.map((e) => [e.key, e])), segments: [], screens: 0, screenshotNote: undefined, devicePixelRatio: 1 }, tool, record!.capturedAt);
    const { artifacts: _a, chain: _c, id: _i, seq: _s, ...rest } = record!;
    expect(rest).toEqual(expected.record);
    expect(record!.artifacts.map((a) => a.filename)).toEqual(expected.artifacts.map((a) => a.filename));
    for (const [i, ref] of record!.artifacts.entries()) {
      const stored = await vault.getArtifact(ref.id);
      expect(Buffer.from(stored!.bytes).equals(Buffer.from(expected.artifacts[i]!.bytes)), ref.filename).toBe(true);
    }
    expect(await vault.verify()).toMatchObject({ ok: true, records: 1 });
  });

  it('Stop: the partial record is built from what was staged', async () => {
    const { session } = (await service.threadBegin(deps, begin, sender)) as { session: string };
    const all = await feed(session, 300);
    const order = all.slice(0, 300).map((e) => e.key);
    const result = await service.threadFinish(deps, finish(session, order, { reason: 'stopped', message: 'Stopped by you after 300 messages.' }), sender);
    expect(result.ok).toBe(true);
    const record = await vault.get((result as { recordId: string }).recordId);
    expect(record?.content.fields).toMatchObject({ messages: '300', partial: 'true', partialReason: 'stopped' });
    expect(await vault.stagingSessions()).toEqual([]);
  });

  it('a capture bounded by a date keeps only the rows inside the range, though rows past it were staged too', async () => {
    const { session } = (await service.threadBegin(deps, begin, sender)) as { session: string };
    const all = await feed(session, 300);
    // The engine saw message 99 was older than the date after staging 0..99: the order names only 100..299.
    const order = all.slice(100, 300).map((e) => e.key);
    const bound = { kind: 'since' as const, since: all[100]!.content.itemTime!, date: '2026-01-01', reached: true, excluded: 100, extra: 0 };
    const result = await service.threadFinish(deps, { ...finish(session, order), bound }, sender);
    expect(result.ok).toBe(true);
    const record = await vault.get((result as { recordId: string }).recordId);
    expect(record?.content.fields).toMatchObject({ messages: '200', bound: 'since', boundExcluded: '100' });
    expect(record?.content.fields?.partial).toBeUndefined();
    const transcript = record!.artifacts.find((a) => a.role === 'transcript')!;
    const json = JSON.parse(new TextDecoder().decode((await vault.getArtifact(transcript.id))!.bytes)) as { entries: { key: string }[] };
    expect(json.entries.map((e) => e.key)).toEqual(order);
    expect(await vault.stagingSessions()).toEqual([]);
  });

  it('abort discards the staging and writes nothing', async () => {
    const a = ((await service.threadBegin(deps, begin, sender)) as { session: string }).session;
    await feed(a, 200);
    expect(await service.threadAbort(deps, { session: a }, sender)).toEqual({ ok: true });
    expect(await vault.stagingSessions()).toEqual([]);
    expect(await vault.count()).toBe(0);
  });

  it('a finish whose save fails (disk full) keeps everything staged, and the retry saves the whole capture (issue #12)', async () => {
    const b = ((await service.threadBegin(deps, begin, sender)) as { session: string }).session;
    const all = await feed(b, 200);
    const order = all.slice(0, 200).map((e) => e.key);
    let failures = 2;
    const full = {
      ...deps,
      beforeWrite: async () => {
        if (failures-- > 0) throw new VaultError('quota', 'No space left.');
      },
    };
    expect(await service.threadFinish(full, finish(b, order), sender)).toMatchObject({ ok: false, code: 'quota', message: 'No space left.' });
    // Nothing written, nothing thrown away: the session is still running and its 200 rows are still staged.
    expect(await vault.count()).toBe(0);
    expect((await vault.stagingSessions()).map((s) => [s.id, s.items])).toEqual([[b, 200]]);
    expect(service.threadSessionStats().sessions).toBe(1);
    // Still full on the first retry; the second one saves.
    expect(await service.threadFinish(full, finish(b, order), sender)).toMatchObject({ ok: false, code: 'quota' });
    expect((await vault.stagingSessions()).map((s) => s.items)).toEqual([200]);
    const saved = await service.threadFinish(full, finish(b, order), sender);
    expect(saved.ok).toBe(true);
    const record = await vault.get((saved as { recordId: string }).recordId);
    expect(record?.content.fields).toMatchObject({ messages: '200' });
    expect(record?.content.fields?.partial).toBeUndefined();
    expect(await vault.stagingSessions()).toEqual([]);
    expect(service.threadSessionStats().sessions).toBe(0);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 1 });
  });

  it('a failed save nobody retries is kept as a partial record once idle, never dropped', async () => {
    const b = ((await service.threadBegin(deps, begin, sender)) as { session: string }).session;
    const all = await feed(b, 120);
    const full = { ...deps, beforeWrite: async () => Promise.reject(new VaultError('quota', 'No space left.')) };
    expect(await service.threadFinish(full, finish(b, all.slice(0, 120).map((e) => e.key)), sender)).toMatchObject({ ok: false, code: 'quota' });
    // The tab is closed; space comes back; time passes.
    const recovered = await service.recoverInterruptedThreads(deps, Date.now() + 2 * service.IDLE_MS);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]?.content.fields).toMatchObject({ messages: '120', partial: 'true', partialReason: 'interrupted' });
    expect(await vault.stagingSessions()).toEqual([]);
  });

  it('another tab cannot feed, finish or abort a capture', async () => {
    // Another tab cannot feed, finish or abort someone else's capture.
    const c = ((await service.threadBegin(deps, begin, sender)) as { session: string }).session;
    const stranger = { tab: { id: 8, active: true } } as never;
    expect(await service.threadSegment(deps, { session: c, entries: [msg(1)] }, stranger)).toMatchObject({ ok: false, code: 'interrupted' });
    await service.threadAbort(deps, { session: c }, stranger);
    expect((await vault.stagingSessions()).map((s) => s.id)).toEqual([c]);
  });

  it('a background restarted mid-capture picks the session up from the staging area and finishes it whole', async () => {
    const { session } = (await service.threadBegin(deps, begin, sender)) as { session: string };
    const all = Array.from({ length: N }, (_, i) => msg(i));
    const arrival = [...all].reverse();
    await service.threadSegment(deps, { session, entries: arrival.slice(0, 500) }, sender);
    service = await restart();
    expect(await service.threadSegment(deps, { session, entries: arrival.slice(500) }, sender)).toEqual({ ok: true, shot: 'none' });
    const result = await service.threadFinish(deps, finish(session, all.map((e) => e.key)), sender);
    expect(result.ok).toBe(true);
    expect((await vault.get((result as { recordId: string }).recordId))?.content.fields).toMatchObject({ messages: String(N) });
  });

  it('a capture nobody finished is kept at the next start as a PARTIAL record marked interrupted, in time order; empty ones are removed, running ones left', async () => {
    const cut = ((await service.threadBegin(deps, begin, sender)) as { session: string }).session;
    await feed(cut, 250);
    const empty = ((await service.threadBegin(deps, begin, sender)) as { session: string }).session;
    // The browser closes: the background's memory is gone, the staging stays.
    service = await restart();
    // Too early: they may still be running in a tab whose messages resume the session.
    expect(await service.recoverInterruptedThreads(deps)).toEqual([]);
    expect(await vault.stagingSessions()).toHaveLength(2);

    // Time passes; a new capture starts meanwhile.
    const later = Date.now() + service.IDLE_MS + 1000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(later);
    const running = ((await service.threadBegin(deps, begin, sender)) as { session: string }).session;
    // Starting a capture already looked for interrupted ones; this run waits for that one and finds nothing left.
    expect(await service.recoverInterruptedThreads(deps)).toEqual([]);
    vi.useRealTimers();
    const [record, ...more] = await vault.list();
    expect(more).toEqual([]);
    expect(record?.kind).toBe('dm-thread');
    expect(record?.content.fields).toMatchObject({ messages: '250', partial: 'true', partialReason: 'interrupted' });
    expect(record?.content.fields?.recoveredAt).toBe(new Date(later).toISOString());
    expect(record?.extraction.warnings[0]).toMatch(/^PARTIAL CAPTURE: Holdfast stopped before this capture finished/);
    expect(record?.extraction.adapter).toBe('x@1.0.0');
    const transcript = await vault.getArtifact(record!.artifacts[0]!.id);
    const json = JSON.parse(new TextDecoder().decode(transcript!.bytes));
    expect(json.partial.reason).toBe('interrupted');
    expect(json.entries.map((e: { key: string }) => e.key)).toEqual(Array.from({ length: 250 }, (_, i) => `message:${i}`));
    expect(record!.artifacts.some((a) => a.role === 'html')).toBe(false);
    // The empty one is gone, the running one (in this background's memory) untouched.
    expect((await vault.stagingSessions()).map((s) => s.id)).toEqual([running]);
    expect(cut).not.toBe(empty);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 1 });
  });
});
