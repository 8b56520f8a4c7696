// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseSummary } from '../../model/case';
import type { JournalInput } from '../../vault/api';
import { freshDbName, sampleRecord } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { type CaseData, mergeNewer, useCaseData } from './useCaseData';

const TOOL = { version: '0.1.0', browser: 'test', userAgent: 'vitest' };
const entry = (text: string): JournalInput => ({ when: { precision: 'unknown' }, kind: 'call', text });
const opened: VaultImpl[] = [];
let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root = undefined;
  for (const v of opened.splice(0)) v.close();
});

async function waitFor<T>(check: () => T | undefined | null | false, timeout = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error('waitFor timed out');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

const shape = (list: readonly CaseSummary[]) => list.map((s) => [s.id, s.deleted ?? false, s.journal?.version, s.journal?.superseded ?? false]);

describe('mergeNewer', () => {
  it('puts the newer first and flags journal versions superseded across both, as the vault does', () => {
    const j = (id: string, seq: number, entryId: string, version: number, superseded?: boolean): CaseSummary =>
      ({ id, seq, kind: 'journal-entry', platform: 'added', capturedAt: '', authorKeys: [], journal: { entryId, version, kind: 'call', when: { precision: 'unknown' }, ...(superseded && { superseded }) } }) as unknown as CaseSummary;
    const old = [j('b1', 2, 'b', 1), j('a1', 1, 'a', 1)];
    const merged = mergeNewer(old, [j('a2', 3, 'a', 2)]);
    expect(shape(merged)).toEqual([
      ['a2', false, 2, false],
      ['b1', false, 1, false],
      ['a1', false, 1, true],
    ]);
    expect(merged[1]).toBe(old[0]);
    expect(mergeNewer(old, [])).toEqual(old);
  });
});

describe('useCaseData', () => {
  it('after captures elsewhere reads only what was added, and gives what a whole read gives', async () => {
    const vault = await openVault(freshDbName(), { kdfTargetMs: 0 });
    opened.push(vault);
    for (let i = 0; i < 5; i++) await vault.addRecord(sampleRecord({ text: `capture ${i}` }), []);
    const first = await vault.addJournalEntry(entry('first'), TOOL);
    const asked: Array<{ newest?: number; after?: number } | undefined> = [];
    const read = vault.summaries.bind(vault);
    vi.spyOn(vault, 'summaries').mockImplementation((options) => {
      asked.push(options);
      return read(options);
    });
    let data: CaseData | undefined;
    function Probe() {
      data = useCaseData(vault, 30);
      return null;
    }
    root = document.createElement('div');
    render(<Probe />, root);
    await waitFor(() => data?.summaries?.length === 6);
    const wholeReads = () => asked.filter((o) => o === undefined || (o.after === undefined && o.newest === undefined)).length;
    expect(wholeReads()).toBe(1);

    // Another tab adds captures, an edit of the entry and a new entry: merged in, no whole read.
    await vault.addRecord(sampleRecord({ text: 'capture 5' }), []);
    await vault.editJournalEntry(first.journal?.entryId as string, entry('first, edited'), TOOL);
    await vault.addJournalEntry(entry('second'), TOOL);
    await waitFor(() => data?.summaries?.length === 9);
    expect(wholeReads()).toBe(1);
    expect(asked.some((o) => o?.after !== undefined)).toBe(true);
    expect(shape(data?.summaries ?? [])).toEqual(shape(await read()));
    expect(data?.summaries?.find((s) => s.id === first.id)?.journal?.superseded).toBe(true);

    // A deletion (the count falls) reads everything again.
    await vault.deleteRecord(first.id);
    await waitFor(() => data?.summaries?.find((s) => s.id === first.id)?.deleted);
    expect(wholeReads()).toBe(2);
    expect(shape(data?.summaries ?? [])).toEqual(shape(await read()));
  });
  it('a capture landing between the count and the read of what was added is merged, not read whole again', async () => {
    const vault = await openVault(freshDbName(), { kdfTargetMs: 0 });
    opened.push(vault);
    for (let i = 0; i < 3; i++) await vault.addRecord(sampleRecord({ text: `capture ${i}` }), []);
    const asked: Array<{ newest?: number; after?: number } | undefined> = [];
    const read = vault.summaries.bind(vault);
    let raced = false;
    vi.spyOn(vault, 'summaries').mockImplementation(async (options) => {
      asked.push(options);
      // The first catch-up read: another tab's capture lands after the poll counted.
      if (options?.after !== undefined && !raced) {
        raced = true;
        await vault.addRecord(sampleRecord({ text: 'landed meanwhile' }), []);
      }
      return read(options);
    });
    let data: CaseData | undefined;
    function Probe() {
      data = useCaseData(vault, 30);
      return null;
    }
    root = document.createElement('div');
    render(<Probe />, root);
    await waitFor(() => data?.summaries?.length === 3);
    await vault.addRecord(sampleRecord({ text: 'capture 3' }), []);
    await waitFor(() => data?.summaries?.length === 5);
    expect(raced).toBe(true);
    expect(asked.filter((o) => o === undefined || (o.after === undefined && o.newest === undefined)).length).toBe(1);
    expect(shape(data?.summaries ?? [])).toEqual(shape(await read()));
  });
});
