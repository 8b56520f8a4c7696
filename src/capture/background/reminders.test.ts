import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReportEntry, ReportPatch } from '../../model/report';
import { writeSettings } from '../../lock/settings';
import { type Vault, VaultError } from '../../vault/api';
import { fireReminder, openReminder, rescheduleFromVault, startReminders, syncReminderAlarms } from './reminders';

const report = (id: string, patch: Partial<ReportEntry> = {}): ReportEntry => ({
  id,
  platform: 'instagram',
  recordIds: [],
  permalinks: [],
  origin: 'item',
  reportedAt: '2026-12-01T10:00:00Z',
  status: 'sent',
  history: [],
  updatedAt: '2026-12-01T10:00:00Z',
  reference: 'SECRET-REF',
  notes: 'secret notes',
  remindAt: '2026-12-08T10:00:00Z',
  ...patch,
});

function fakeVault(list: ReportEntry[], locked = false) {
  const updates: [string, ReportPatch][] = [];
  const vault = {
    async reports() {
      if (locked) throw new VaultError('locked', 'locked');
      return list;
    },
    async updateReport(id: string, patch: ReportPatch) {
      updates.push([id, patch]);
      return list[0]!;
    },
  } as unknown as Vault;
  return { vault, updates, deps: { vault: async () => vault } };
}

const notifications = () => (fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, { title: string; message: string }> }).getAllCreateOptions();

describe('report reminders in the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The fake browser has no catalogue: English-like text with the substitution.
    (fakeBrowser.i18n as unknown as { getMessage: (k: string, s?: string[]) => string }).getMessage = (k, s) => (k === 'repuNotifyTitle' ? 'Holdfast reminder' : k === 'repuNotifyPlatform' ? `Time to check on your report to ${s?.[0]}` : '');
  });

  it('keeps one alarm per reminder, by report id only; removed reminders lose their alarm; other alarms stay', async () => {
    await fakeBrowser.alarms.create('holdfast-auto-lock', { periodInMinutes: 1 });
    const now = Date.parse('2026-12-07T00:00:00Z');
    expect(await syncReminderAlarms([{ id: 'r1', remindAt: '2026-12-08T10:00:00Z' }, { id: 'r2', remindAt: '2026-12-09T10:00:00Z' }], now)).toEqual({ scheduled: 2 });
    let all = await fakeBrowser.alarms.getAll();
    expect(all.map((a) => a.name).sort()).toEqual(['holdfast-auto-lock', 'holdfast-report-reminder:r1', 'holdfast-report-reminder:r2']);
    expect(all.find((a) => a.name.endsWith(':r1'))!.scheduledTime).toBe(Date.parse('2026-12-08T10:00:00Z'));
    await syncReminderAlarms([{ id: 'r2', remindAt: '2026-12-20T10:00:00Z' }], now);
    all = await fakeBrowser.alarms.getAll();
    expect(all.map((a) => a.name).sort()).toEqual(['holdfast-auto-lock', 'holdfast-report-reminder:r2']);
    expect(all.find((a) => a.name.endsWith(':r2'))!.scheduledTime).toBe(Date.parse('2026-12-20T10:00:00Z'));
  });

  it('on the alarm: "Time to check on your report to <platform>", nothing of the reference or notes; the reminder is cleared', async () => {
    const { deps, updates } = fakeVault([report('r1')]);
    const shown = await fireReminder('holdfast-report-reminder:r1', deps);
    expect(shown).toEqual({ title: 'Holdfast reminder', message: 'Time to check on your report to Instagram' });
    const n = notifications()['holdfast-report-reminder:r1']!;
    expect(JSON.stringify(n)).not.toMatch(/SECRET|secret/);
    expect(updates).toEqual([['r1', { remindAt: null }]]);
  });

  it('discreet mode, or a locked vault: only "Holdfast reminder"; locked keeps the reminder set', async () => {
    await writeSettings({ discreet: true });
    const a = fakeVault([report('r1')]);
    expect(await fireReminder('holdfast-report-reminder:r1', a.deps)).toEqual({ title: 'Holdfast reminder', message: 'Holdfast reminder' });
    await writeSettings({ discreet: false });
    const b = fakeVault([report('r1')], true);
    expect(await fireReminder('holdfast-report-reminder:r1', b.deps)).toEqual({ title: 'Holdfast reminder', message: 'Holdfast reminder' });
    expect(b.updates).toEqual([]);
  });

  it('a stale alarm (report deleted or reminder cleared) shows nothing; other alarms are ignored', async () => {
    const { deps } = fakeVault([report('r1', { remindAt: undefined })]);
    expect(await fireReminder('holdfast-report-reminder:r1', deps)).toBeNull();
    expect(await fireReminder('holdfast-report-reminder:r9', deps)).toBeNull();
    expect(await fireReminder('holdfast-auto-lock', deps)).toBeNull();
    expect(notifications()).toEqual({});
  });

  it('wired: the alarm shows the notification, a click opens the vault page on the report', async () => {
    const { deps } = fakeVault([report('r1')]);
    const listeners = startReminders(deps);
    // The listeners it hands back (the test build's hooks run these) are the ones the browser calls.
    expect(fakeBrowser.alarms.onAlarm.hasListener(listeners.onAlarm)).toBe(true);
    expect(fakeBrowser.notifications.onClicked.hasListener(listeners.onClicked)).toBe(true);
    expect(await listeners.onAlarm({ name: 'holdfast-auto-lock' })).toBeNull();
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'holdfast-report-reminder:r1', scheduledTime: Date.now(), persistAcrossSessions: false } as Parameters<typeof fakeBrowser.alarms.onAlarm.trigger>[0]);
    for (let i = 0; i < 20 && !notifications()['holdfast-report-reminder:r1']; i++) await new Promise((r) => setTimeout(r, 5));
    expect(notifications()['holdfast-report-reminder:r1']).toBeDefined();
    expect(await openReminder('holdfast-report-reminder:r1')).toBe(true);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(`${fakeBrowser.runtime.getURL('/vault.html')}#/reports/r1`);
    expect(notifications()).toEqual({});
    expect(await openReminder('something-else')).toBe(false);
  });

  it('reschedules from the vault (a restarted Firefox lost its alarms); a locked vault keeps the alarms it has', async () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const open = fakeVault([report('r1', { remindAt: future }), report('r2', { remindAt: undefined })]);
    expect(await rescheduleFromVault(open.deps)).toBe(true);
    expect((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime])).toEqual([['holdfast-report-reminder:r1', Date.parse(future)]]);
    const locked = fakeVault([], true);
    expect(await rescheduleFromVault(locked.deps)).toBe(false);
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual(['holdfast-report-reminder:r1']);
  });
});
