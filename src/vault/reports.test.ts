/**
 * Report entries on the vault (issue #14): adding, changing, deleting and restoring them, what is refused, the custody
 * log, and their storage at rest — on a real vault (fake-indexeddb), plain and encrypted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_LIMITS, type ReportInput } from '../model/report';
import { VaultError } from './api';
import { freshDbName, rawEdit, rawGetAll, sampleRecord } from './test-support';
import { openVault, type VaultImpl } from './vault';

const PASS = 'a long enough passphrase';
const opened: VaultImpl[] = [];
async function newVault(name = freshDbName()): Promise<VaultImpl> {
  const vault = await openVault(name, { kdfTargetMs: 0 });
  opened.push(vault);
  return vault;
}
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
});

async function rejects(promise: Promise<unknown>, code: VaultError['code'], message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  if (message) expect((error as VaultError).message).toMatch(message);
}

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>&amp; =HYPERLINK("http://evil")';

function input(recordIds: string[], overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    platform: 'x',
    routeId: 'x-post-report',
    routeUrl: 'https://help.x.com/forms/abusiveuser',
    routeLabel: 'Report a post',
    abuse: 'harassment',
    recordIds,
    permalinks: ['https://x.com/someone/status/1'],
    account: 'x:@Someone',
    origin: 'item',
    reportedAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

describe('reports on the vault', () => {
  it('adds, lists newest reportedAt first, changes (status history, reminder) and deletes', async () => {
    const vault = await newVault();
    const rec = await vault.addRecord(sampleRecord(), []);
    const older = await vault.addReport(input([rec.id], { reportedAt: '2026-03-01T09:00:00.000Z', status: 'acknowledged', reference: 'X-123' }));
    const newer = await vault.addReport(input([rec.id], { remindAt: '2026-03-09T10:00:00.000Z' }));
    expect(newer).toMatchObject({ status: 'sent', recordIds: [rec.id], account: 'x:@Someone', origin: 'item', remindAt: '2026-03-09T10:00:00.000Z' });
    expect(newer.history).toEqual([{ status: 'sent', at: newer.updatedAt }]);
    expect(older.history.map((h) => h.status)).toEqual(['acknowledged']);
    expect((await vault.reports()).map((r) => r.id)).toEqual([newer.id, older.id]);

    const acked = await vault.updateReport(newer.id, { status: 'acknowledged', reference: 'CASE-42', remindAt: null });
    expect(acked.status).toBe('acknowledged');
    expect(acked.history.map((h) => h.status)).toEqual(['sent', 'acknowledged']);
    expect(acked.reference).toBe('CASE-42');
    expect(acked.remindAt).toBeUndefined();
    expect(acked.updatedAt > newer.updatedAt).toBe(true);
    // The same status again is no change; a new one is appended.
    const same = await vault.updateReport(newer.id, { status: 'acknowledged' });
    expect(same).toEqual(acked);
    const removed = await vault.updateReport(newer.id, { status: 'content-removed', contentRemovedOn: '2026-03-05', notes: 'gone when I looked' });
    expect(removed.history.map((h) => h.status)).toEqual(['sent', 'acknowledged', 'content-removed']);
    expect(removed).toMatchObject({ contentRemovedOn: '2026-03-05', notes: 'gone when I looked' });
    // Empty text clears; undefined leaves.
    const cleared = await vault.updateReport(newer.id, { notes: '', reference: undefined });
    expect(cleared.notes).toBeUndefined();
    expect(cleared.reference).toBe('CASE-42');
    expect((await vault.reports()).find((r) => r.id === newer.id)).toEqual(cleared);

    await vault.deleteReport(older.id);
    expect((await vault.reports()).map((r) => r.id)).toEqual([newer.id]);
    await rejects(vault.deleteReport(older.id), 'not-found');
    await rejects(vault.updateReport(older.id, { status: 'sent' }), 'not-found');
    // Reports never touch a record or its hash.
    expect(await vault.get(rec.id)).toEqual(rec);
    expect(await vault.verify()).toMatchObject({ ok: true, records: 1, problems: [] });
  });

  it('accepts an entry added by hand with no records, for a report made elsewhere', async () => {
    const vault = await newVault();
    const p = await vault.savePerson({ name: 'unknown 1' });
    const r = await vault.addReport({ platform: 'other', recordIds: [], permalinks: [], origin: 'by-hand', reportedAt: '2026-02-01T00:00:00Z', personId: p.id, status: 'escalated', reference: 'police ref 7' });
    expect(r).toMatchObject({ platform: 'other', recordIds: [], personId: p.id, status: 'escalated', reportedAt: '2026-02-01T00:00:00.000Z' });
    expect(r.routeUrl).toBeUndefined();
  });

  it('refuses records and people that are not in the vault, and bad fields, with nothing stored or logged', async () => {
    const vault = await newVault();
    const rec = await vault.addRecord(sampleRecord(), []);
    const before = (await vault.custodyLog()).length;
    await rejects(vault.addReport(input([rec.id, 'no-such-record'])), 'not-found', /no-such-record/);
    await rejects(vault.addReport(input([rec.id], { personId: 'nobody' })), 'not-found');
    await rejects(vault.addReport(input([rec.id], { reference: 'r'.repeat(REPORT_LIMITS.reference + 1) })), 'invalid', /too long/);
    await rejects(vault.addReport(input([rec.id], { notes: 'n'.repeat(REPORT_LIMITS.notes + 1) })), 'invalid', /too long/);
    await rejects(vault.addReport(input([rec.id], { status: 'won' as never })), 'invalid', /status/);
    await rejects(vault.addReport(input([rec.id], { abuse: 'rudeness' as never })), 'invalid', /kind of abuse/);
    await rejects(vault.addReport(input([rec.id], { platform: 42 as never })), 'invalid', /platform/);
    await rejects(vault.addReport(input([rec.id], { platform: '<b>x</b>' as never })), 'invalid', /platform/);
    await rejects(vault.addReport(input([rec.id], { origin: 'mail' as never })), 'invalid');
    await rejects(vault.addReport(input([rec.id], { reportedAt: 'yesterday' })), 'invalid');
    await rejects(vault.addReport(input([rec.id], { recordIds: [7] as never })), 'invalid');
    await rejects(vault.addReport(input([rec.id], { contentRemovedOn: '2026-02-30' })), 'invalid');
    await rejects(vault.addReport(null as never), 'invalid');
    // At the limits exactly: stored.
    const max = await vault.addReport(input([rec.id], { reference: 'r'.repeat(REPORT_LIMITS.reference), notes: 'n'.repeat(REPORT_LIMITS.notes) }));
    expect(max.notes).toHaveLength(REPORT_LIMITS.notes);
    await rejects(vault.updateReport(max.id, { reference: 'r'.repeat(REPORT_LIMITS.reference + 1) }), 'invalid');
    await rejects(vault.updateReport(max.id, { status: 'closed' as never }), 'invalid');
    await rejects(vault.updateReport(max.id, { remindAt: 'soon' }), 'invalid');
    await rejects(vault.updateReport(max.id, { personId: 'nobody' }), 'not-found');
    expect(await vault.reports()).toHaveLength(1);
    expect((await vault.reports())[0]).toEqual(max);
    expect((await vault.custodyLog()).length).toBe(before + 1);
  });

  it('logs every change as report-changed naming the entry and what changed, never the reference or notes text', async () => {
    const vault = await newVault();
    const rec = await vault.addRecord(sampleRecord(), []);
    const r = await vault.addReport(input([rec.id], { reference: 'SECRET-REF-1', notes: 'private words' }));
    await vault.updateReport(r.id, { status: 'no-action', reference: 'SECRET-REF-2', notes: 'more private words', remindAt: '2026-04-01T00:00:00Z' });
    await vault.updateReport(r.id, { remindAt: null });
    await vault.updateReport(r.id, { notes: 'more private words' }); // unchanged: no event
    await vault.deleteReport(r.id);
    const events = (await vault.custodyLog()).filter((e) => e.action === 'report-changed');
    expect(events.map((e) => e.detail)).toEqual([
      `report ${r.id} added`,
      `report ${r.id} updated: reference, notes, reminder, status no-action`,
      `report ${r.id} updated: reminder cleared`,
      `report ${r.id} deleted`,
    ]);
    expect(events.every((e) => e.recordId === undefined)).toBe(true);
    expect(JSON.stringify(await vault.custodyLog())).not.toMatch(/SECRET|private words/);
    expect(await vault.verify()).toMatchObject({ ok: true });
  });

  it('keeps hostile text exactly as typed, as plain data', async () => {
    const vault = await newVault();
    const rec = await vault.addRecord(sampleRecord(), []);
    const r = await vault.addReport(input([rec.id], { reference: HOSTILE.slice(0, REPORT_LIMITS.reference), notes: HOSTILE, routeLabel: HOSTILE }));
    const [back] = await vault.reports();
    expect(back?.notes).toBe(HOSTILE);
    expect(back?.routeLabel).toBe(HOSTILE);
    expect(back?.reference).toBe(HOSTILE.slice(0, REPORT_LIMITS.reference));
    expect(back).toEqual(r);
  });

  it('restores entries from an import: new ids added (logged once), ids already here and broken entries left out', async () => {
    const source = await newVault();
    const rec = await source.addRecord(sampleRecord(), []);
    const a = await source.addReport(input([rec.id]));
    const b = await source.updateReport((await source.addReport(input([rec.id], { reportedAt: '2026-03-03T00:00:00Z' }))).id, { status: 'appealed' });

    const target = await newVault();
    await target.importRecord(rec, [], 'bundle.zip');
    const here = await target.addReport(input([rec.id]));
    const clash = { ...a, id: here.id, notes: 'would overwrite' };
    const result = await target.restoreReports([a, b, clash, { id: 'bad', platform: 'x' } as never, null as never, a]);
    expect(result).toEqual({ reports: 2 });
    const all = await target.reports();
    expect(all.find((r) => r.id === b.id)).toEqual(b);
    expect(all.find((r) => r.id === a.id)).toEqual(a);
    expect(all.find((r) => r.id === here.id)).toEqual(here);
    expect(all).toHaveLength(3);
    const restored = (await target.custodyLog()).filter((e) => e.action === 'report-changed').at(-1);
    expect(restored?.detail).toMatch(/^2 reports restored from an import: /);
    expect(await target.restoreReports([a, b])).toEqual({ reports: 0 });
    expect(await target.restoreReports('nonsense' as never)).toEqual({ reports: 0 });
  });

  it('encrypted: stored sealed under the data key (no text in plaintext), refused while locked, readable after unlock, back to plain', async () => {
    const name = freshDbName();
    const vault = await newVault(name);
    const rec = await vault.addRecord(sampleRecord(), []);
    const before = await vault.addReport(input([rec.id], { reference: 'REF-BEFORE', notes: 'before encryption' }));
    await vault.enableEncryption(PASS);
    const after = await vault.addReport(input([rec.id], { reference: 'REF-AFTER', notes: 'after encryption', reportedAt: '2026-03-04T00:00:00Z' }));
    const rows = await rawGetAll<{ k?: string; id: string }>(name, 'reports');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.k === 'dk')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/REF-|encryption|Someone|harassment/);

    vault.lock();
    await rejects(vault.reports(), 'locked');
    await rejects(vault.addReport(input([rec.id])), 'locked');
    await rejects(vault.updateReport(after.id, { status: 'acknowledged' }), 'locked');
    await rejects(vault.deleteReport(after.id), 'locked');
    await rejects(vault.restoreReports([before]), 'locked');

    await vault.unlock({ passphrase: PASS });
    expect((await vault.reports()).map((r) => r.id)).toEqual([after.id, before.id]);
    const changed = await vault.updateReport(before.id, { status: 'acknowledged' });
    expect((await vault.reports()).find((r) => r.id === before.id)).toEqual(changed);
    // A sealed row moved onto another id does not open.
    const other = await newVault();
    await rawEdit(name, 'reports', (s) => s.put({ ...(rows.find((r) => r.id === after.id) as object), id: 'moved' }));
    await rejects(vault.reports(), 'tampered');
    await rawEdit(name, 'reports', (s) => s.delete('moved'));
    expect(await other.reports()).toEqual([]);

    await vault.disableEncryption({ passphrase: PASS });
    const plain = await rawGetAll<{ k?: string; reference?: string }>(name, 'reports');
    expect(plain.every((r) => r.k === undefined)).toBe(true);
    expect(plain.map((r) => r.reference).sort()).toEqual(['REF-AFTER', 'REF-BEFORE']);
    expect(await vault.verify()).toMatchObject({ ok: true });
  });
});
