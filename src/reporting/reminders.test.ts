import { describe, expect, it } from 'vitest';
import { localDate, parseReminders, planAlarms, reminderAlarmName, remindersOf, reminderText, remindInDays, reportIdOfAlarm } from './reminders';

const NOW = Date.parse('2026-12-07T06:00:00Z');

describe('reminder alarms (pure planning)', () => {
  it('names an alarm from the report id only, and reads it back', () => {
    expect(reminderAlarmName('report-1')).toBe('holdfast-report-reminder:report-1');
    expect(reportIdOfAlarm('holdfast-report-reminder:report-1')).toBe('report-1');
    expect(reminderAlarmName('a b<script>')).toBeUndefined();
    expect(reportIdOfAlarm('holdfast-auto-lock')).toBeUndefined();
    expect(reportIdOfAlarm('holdfast-report-reminder:../x')).toBeUndefined();
  });

  it('creates new, replaces moved, clears removed, and never touches other alarms', () => {
    const plan = planAlarms(
      [
        { id: 'a', remindAt: '2026-12-10T06:00:00Z' },
        { id: 'b', remindAt: '2026-12-11T06:00:00Z' },
        { id: 'c', remindAt: '2026-12-12T06:00:00Z' },
      ],
      [
        { name: 'holdfast-report-reminder:a', scheduledTime: Date.parse('2026-12-10T06:00:00Z') },
        { name: 'holdfast-report-reminder:b', scheduledTime: Date.parse('2026-12-09T06:00:00Z') },
        { name: 'holdfast-report-reminder:gone', scheduledTime: NOW + 5000 },
        { name: 'holdfast-auto-lock', scheduledTime: NOW + 60_000 },
      ],
      NOW,
    );
    expect(plan.clear).toEqual(['holdfast-report-reminder:gone']);
    expect(plan.create).toEqual([
      { name: 'holdfast-report-reminder:b', when: Date.parse('2026-12-11T06:00:00Z') },
      { name: 'holdfast-report-reminder:c', when: Date.parse('2026-12-12T06:00:00Z') },
    ]);
  });

  it('a reminder already due fires soon, once (not rescheduled while its alarm is pending)', () => {
    const due = [{ id: 'a', remindAt: '2026-12-01T00:00:00Z' }];
    expect(planAlarms(due, [], NOW).create).toEqual([{ name: 'holdfast-report-reminder:a', when: NOW + 1000 }]);
    expect(planAlarms(due, [{ name: 'holdfast-report-reminder:a', scheduledTime: NOW + 1000 }], NOW + 500).create).toEqual([]);
  });

  it('takes only well-formed reminder lists from a page', () => {
    expect(parseReminders([{ id: 'a', remindAt: '2026-12-10T06:00:00Z' }])).toEqual([{ id: 'a', remindAt: '2026-12-10T06:00:00Z' }]);
    expect(parseReminders('x')).toBeNull();
    expect(parseReminders([{ id: 'a b', remindAt: '2026-12-10T06:00:00Z' }])).toBeNull();
    expect(parseReminders([{ id: 'a', remindAt: 'tomorrow' }])).toBeNull();
    expect(parseReminders([null])).toBeNull();
    expect(remindersOf([{ id: 'a' }, { id: 'b', remindAt: '2026-12-10T06:00:00Z' }, { id: 'c', remindAt: 'nope' }])).toEqual([{ id: 'b', remindAt: '2026-12-10T06:00:00Z' }]);
  });

  it('N days ahead: whole days from 1 to 365 only', () => {
    const now = new Date(NOW);
    expect(remindInDays(7, now)).toBe('2026-12-14T06:00:00.000Z');
    for (const bad of [0, -1, 1.5, 366, Number.NaN]) expect(remindInDays(bad, now)).toBeUndefined();
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('says nothing of the report in discreet mode or when it cannot be read', () => {
    expect(reminderText(true, { platform: 'x' })).toEqual({ kind: 'discreet' });
    expect(reminderText(false, undefined)).toEqual({ kind: 'discreet' });
    expect(reminderText(false, { platform: 'instagram' })).toEqual({ kind: 'platform', platform: 'instagram' });
  });
});
