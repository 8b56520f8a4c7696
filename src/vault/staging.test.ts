/**
 * The staging area (migration 0003): parts of a long capture written as they arrive, then moved into ONE record in
 * the record's own transaction, or discarded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from './api';
import { sha256Hex } from './hashing';
import { freshDbName, rawGetAll, sampleArtifact, sampleRecord } from './test-support';
import { openVault, type VaultImpl } from './vault';

const opened: VaultImpl[] = [];
async function newVault(name = freshDbName()): Promise<VaultImpl> {
  const vault = await openVault(name);
  opened.push(vault);
  return vault;
}
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

const bytes = (s: string) => new TextEncoder().encode(s);
const item = (key: string, time?: string) => ({ key, sort: time ?? '', value: { key, text: `text of ${key}` } });

describe('staging', () => {
  it('keeps items by key (the first of each), files hashed by the vault, and a header that lists them', async () => {
    const vault = await newVault();
    const begun = await vault.stageBegin('s1', { what: 'a thread' });
    expect(begun).toMatchObject({ id: 's1', meta: { what: 'a thread' }, files: [], items: 0 });
    await vault.stage('s1', { items: [item('a', '2026-01-02'), item('b', '2026-01-01'), item('a', 'dup')] });
    const after = await vault.stage('s1', { items: [{ ...item('b'), value: 'second b' }, item('c', '2026-01-03')], file: { n: 1, bytes: bytes('png one'), info: { width: 10, height: 20 } }, meta: { what: 'updated' } });
    expect(after.items).toBe(3);
    expect(after.meta).toEqual({ what: 'updated' });
    expect(after.files).toEqual([{ n: 1, sha256: await sha256Hex(bytes('png one')), size: 7, info: { width: 10, height: 20 } }]);
    expect(await vault.stagedItems('s1', ['c', 'nope', 'b', 'a'])).toEqual([{ key: 'c', text: 'text of c' }, undefined, { key: 'b', text: 'text of b' }, { key: 'a', text: 'text of a' }]);
    expect(new TextDecoder().decode(await vault.stagedFile('s1', 1))).toBe('png one');
    expect(await vault.stagingSessions()).toEqual([after]);
  });

  it('pages through items in time order, ties by arrival', async () => {
    const vault = await newVault();
    await vault.stageBegin('s', {});
    await vault.stage('s', { items: [item('x', '2026-01-03'), item('y', '2026-01-01'), item('z', '2026-01-03'), item('w')] });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await vault.stagedItemsSorted('s', { ...(after !== undefined && { after }), limit: 2 });
      if (!page.length) break;
      seen.push(...page.map((p) => p.key));
      after = page[page.length - 1]!.sort;
    }
    expect(seen).toEqual(['w', 'y', 'x', 'z']);
  });

  it('sessions are separate, and discarding one removes all its rows and nothing else', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    for (const s of ['s1', 's2']) {
      await vault.stageBegin(s, { s });
      await vault.stage(s, { items: [item(`${s}-a`)], file: { n: 1, bytes: bytes(s) } });
      await vault.stage(s, { file: { n: 2, bytes: bytes(`${s}-2`) } });
    }
    expect(await vault.stagedItems('s1', ['s2-a'])).toEqual([undefined]);
    await vault.discardStaging('s1');
    expect(await vault.stagingSession('s1')).toBeUndefined();
    const rows = await rawGetAll<{ session: string }>(name, 'staging');
    expect(rows.map((r) => r.session)).toEqual(['s2', 's2', 's2', 's2']);
    await expect(vault.stage('s1', { items: [item('late')] })).rejects.toMatchObject({ name: 'VaultError', code: 'not-found' });
    await expect(vault.stageBegin('s2', {})).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a record takes its staged files and clears the session in one transaction; the chain and hashes verify', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    await vault.stageBegin('t', {});
    await vault.stage('t', { items: [item('m1')], file: { n: 1, bytes: bytes('segment one') } });
    await vault.stage('t', { file: { n: 2, bytes: bytes('segment two') } });
    const record = await vault.addRecord(
      sampleRecord({ kind: 'dm-thread' }),
      [sampleArtifact('transcript', { role: 'transcript' }), { role: 'segment', mediaType: 'image/png', filename: 's1.png', staged: 1 }, { role: 'segment', mediaType: 'image/png', filename: 's2.png', staged: 2, note: 'part 2' }],
      { staging: 't' },
    );
    expect(record.artifacts.map((a) => [a.role, a.filename, a.size])).toEqual([
      ['transcript', 'screenshot.png', 10],
      ['segment', 's1.png', 11],
      ['segment', 's2.png', 11],
    ]);
    expect(record.artifacts[2]).toMatchObject({ sha256: await sha256Hex(bytes('segment two')), note: 'part 2' });
    const stored = await vault.getArtifact(record.artifacts[1]!.id);
    expect(new TextDecoder().decode(stored?.bytes)).toBe('segment one');
    expect(await rawGetAll(name, 'staging')).toEqual([]);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 1, artifacts: 3 });
    // The session is gone: a second record from it (a late finish, a recovery racing it) is refused, nothing written.
    await expect(vault.addRecord(sampleRecord(), [], { staging: 't' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await vault.count()).toBe(1);
  });

  it('all or nothing: a record whose staged part is missing writes nothing and leaves the staging as it was', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    await vault.stageBegin('t', {});
    await vault.stage('t', { items: [item('m1')], file: { n: 1, bytes: bytes('segment one') } });
    const error = await vault
      .addRecord(sampleRecord(), [{ role: 'segment', mediaType: 'image/png', filename: 'x.png', staged: 7 }], { staging: 't' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(await vault.count()).toBe(0);
    expect(await vault.custodyLog()).toEqual([]);
    expect((await rawGetAll(name, 'staging')).length).toBe(3);
    // A part removed behind the vault's back between reading the header and writing: the transaction aborts.
    const { rawEdit } = await import('./test-support');
    await rawEdit(name, 'staging', (s) => s.delete(['t', 1]));
    await expect(vault.addRecord(sampleRecord(), [{ role: 'segment', mediaType: 'image/png', filename: 'x.png', staged: 1 }], { staging: 't' })).rejects.toMatchObject({ code: 'invalid' });
    expect(await vault.count()).toBe(0);
    expect(await vault.stagingSession('t')).toBeDefined();
    expect(await vault.verify()).toMatchObject({ ok: true, records: 0 });
  });
});
