import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportInput } from '../../model/report';
import { loadDump, type VaultDump } from '../fixtures/fixture-io';
import { openStorage, type Storage } from '../storage';
import { freshDbName, rawGet, rawGetAll, rawOpen, sampleRecord } from '../test-support';
import { openVault, type VaultImpl } from '../vault';
import { migration0007 } from './0007-reports';
import { MIGRATIONS } from './index';

const open: Array<Storage | VaultImpl> = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function fixture(name: 'v6-plain' | 'v6-encrypted'): VaultDump {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as VaultDump;
}

/** A fresh version-6 database holding the fixture's rows, as the release before issue #14 left it. */
async function version6(dump: VaultDump): Promise<string> {
  const name = freshDbName();
  const v6 = await openStorage(name, MIGRATIONS.slice(0, 6));
  v6.close();
  await loadDump(name, dump);
  return name;
}

const report = (recordIds: string[], personId?: string): ReportInput => ({
  platform: 'x',
  abuse: 'threats',
  recordIds,
  permalinks: ['https://x.com/someone/status/1'],
  account: 'x:@Someone',
  origin: 'item',
  reportedAt: '2026-03-02T10:00:00.000Z',
  reference: 'X-REF-77',
  ...(personId && { personId }),
});

describe('migration 0007: reports', () => {
  it('follows 0006 in the migration list', () => {
    expect(MIGRATIONS[6]).toBe(migration0007);
    expect(migration0007.version).toBe(7);
  });

  it('adds the reports store keyed by id with index k, as on every sealed store', async () => {
    const name = freshDbName();
    open.push(await openStorage(name, MIGRATIONS.slice(0, 7)));
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(7);
    const db = await rawOpen(name);
    try {
      expect([...db.objectStoreNames].sort()).toEqual(['artifacts', 'chunks', 'custody', 'keys', 'meta', 'notes', 'people', 'records', 'reports', 'staging', 'summaries']);
      const reports = db.transaction('reports').objectStore('reports');
      expect(reports.keyPath).toBe('id');
      expect([...reports.indexNames]).toEqual(['k']);
      expect(reports.index('k').keyPath).toBe('k');
    } finally {
      db.close();
    }
  });

  it('upgrades the plain v6 fixture: records, chain, people, notes, journal and summaries untouched; reports usable', async () => {
    const dump = fixture('v6-plain');
    expect(dump.version).toBe(6);
    const about = dump.about as Record<string, string>;
    const name = await version6(dump);
    const stores = ['records', 'custody', 'people', 'notes', 'summaries', 'artifacts'];
    const before = await Promise.all(stores.map((s) => rawGetAll(name, s)));
    const vault = await openVault(name, { kdfTargetMs: 0 });
    open.push(vault);
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(7);
    expect(await Promise.all(stores.map((s) => rawGetAll(name, s)))).toEqual(before);
    expect(await rawGetAll(name, 'reports')).toEqual([]);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 4, deleted: 1, problems: [] });
    expect((await vault.people()).map((p) => p.id)).toEqual([about.person]);
    expect((await vault.notes(about.post)).map((n) => n.id)).toEqual([about.note]);
    expect((await vault.journalVersions(about.entryId as string)).map((r) => r.id)).toEqual([about.journal1, about.journal2]);

    expect(await vault.reports()).toEqual([]);
    const r = await vault.addReport(report([about.post as string, about.deleted as string], about.person));
    expect((await vault.reports()).map((x) => x.id)).toEqual([r.id]);
    expect(await rawGetAll(name, 'reports')).toEqual([r]);
    const next = await vault.addRecord(sampleRecord(), []);
    expect(next.seq).toBe(5);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 5 });
    expect((await vault.custodyLog()).at(-2)).toMatchObject({ action: 'report-changed', detail: `report ${r.id} added` });
  });

  it('upgrades the encrypted v6 fixture while locked: reports refused until unlocked with its passphrase, then sealed', async () => {
    const dump = fixture('v6-encrypted');
    const about = dump.about as Record<string, string>;
    const name = await version6(dump);
    const vault = await openVault(name, { kdfTargetMs: 0 });
    open.push(vault);
    expect(await rawGet(name, 'meta', 'schemaVersion')).toBe(7);
    expect(await vault.lockState()).toMatchObject({ encrypted: true, locked: true, lockedCaptures: 1 });
    await expect(vault.reports()).rejects.toMatchObject({ code: 'locked' });
    await expect(vault.addReport(report([about.post as string]))).rejects.toMatchObject({ code: 'locked' });

    await vault.unlock({ passphrase: about.passphrase as string });
    expect(await vault.verify()).toMatchObject({ ok: true, records: 5, deleted: 1, problems: [] });
    expect((await vault.people()).map((p) => p.name)).toEqual(['Unknown harasser']);
    expect((await vault.summaries()).map((s) => s.seq)).toEqual([5, 4, 3, 2, 1]);
    const r = await vault.addReport(report([about.post as string, about.lockedCapture as string], about.person));
    await vault.updateReport(r.id, { status: 'content-removed', contentRemovedOn: '2026-03-05' });
    const rows = await rawGetAll<{ k?: string }>(name, 'reports');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.k).toBe('dk');
    expect(JSON.stringify(rows)).not.toMatch(/X-REF-77|Someone|threats/);
    expect((await vault.reports())[0]).toMatchObject({ id: r.id, status: 'content-removed', history: [{ status: 'sent' }, { status: 'content-removed' }] });

    // It still turns back into a plain vault, the reports store included.
    await vault.disableEncryption({ passphrase: about.passphrase as string });
    expect(await rawGetAll(name, 'reports')).toMatchObject([{ id: r.id, reference: 'X-REF-77', status: 'content-removed' }]);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 5 });
  });
});
