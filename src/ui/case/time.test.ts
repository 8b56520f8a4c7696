// A zone with summer time, so the offset must follow the wall-clock typed, not the device's current offset.
process.env.TZ = 'Europe/Madrid';
import { describe, expect, it } from 'vitest';
import { formatOffset, incidentSortKey, incidentTime, toLocalInput, wallClockDate } from './time';

describe('IncidentTime from a datetime-local value', () => {
  it('exact: local wall-clock, the offset for that day (summer and winter), and UTC', () => {
    expect(incidentTime('2026-07-01T02:17', 'exact')).toEqual({ precision: 'exact', local: '2026-07-01T02:17', offset: '+02:00', utc: '2026-07-01T00:17:00.000Z' });
    expect(incidentTime('2026-01-15T02:17', 'exact')).toEqual({ precision: 'exact', local: '2026-01-15T02:17', offset: '+01:00', utc: '2026-01-15T01:17:00.000Z' });
  });

  it('about keeps the time with its precision', () => {
    expect(incidentTime('2026-12-07T03:00', 'about')).toEqual({ precision: 'about', local: '2026-12-07T03:00', offset: '+01:00', utc: '2026-12-07T02:00:00.000Z' });
  });

  it('date only: the day and the offset at noon that day, no instant (the day summer time starts)', () => {
    expect(incidentTime('2026-03-29T01:30', 'date')).toEqual({ precision: 'date', local: '2026-03-29', offset: '+02:00' });
    expect(incidentTime('2026-03-29', 'date')).toEqual({ precision: 'date', local: '2026-03-29', offset: '+02:00' });
  });

  it('time unknown: the precision only', () => {
    expect(incidentTime('', 'unknown')).toEqual({ precision: 'unknown' });
    expect(incidentTime('2026-12-07T05:04', 'unknown')).toEqual({ precision: 'unknown' });
  });

  it('dates in 1900 and 2100 are stored as typed (1900 in Madrid was local mean time, shown to the minute)', () => {
    const old = incidentTime('1900-01-01T10:00', 'exact')!;
    expect(old.local).toBe('1900-01-01T10:00');
    expect(old.offset).toMatch(/^[+-]\d\d:\d\d$/);
    expect(old.utc?.slice(0, 4)).toBe('1900');
    expect(new Date(old.utc!).getHours()).toBe(10);
    const future = incidentTime('2100-06-30T23:59', 'exact')!;
    expect(future).toEqual({ precision: 'exact', local: '2100-06-30T23:59', offset: '+02:00', utc: '2100-06-30T21:59:00.000Z' });
  });

  it('a two-digit year is not read as 19xx', () => {
    expect(incidentTime('0099-05-01T12:00', 'exact')?.utc?.slice(0, 4)).toBe('0099');
  });

  it('refuses what is not a date', () => {
    expect(incidentTime('', 'exact')).toBeUndefined();
    expect(incidentTime('2026-02-30T10:00', 'exact')).toBeUndefined();
    expect(incidentTime('2026-12-07', 'exact')).toBeUndefined();
    expect(incidentTime('yesterday', 'date')).toBeUndefined();
    expect(wallClockDate('2026-13-01')).toBeUndefined();
  });

  it('formats offsets and the input value', () => {
    expect(formatOffset(-300)).toBe('-05:00');
    expect(formatOffset(330)).toBe('+05:30');
    expect(formatOffset(-14.733)).toBe('-00:15');
    expect(toLocalInput(new Date(2026, 11, 7, 2, 17))).toBe('2026-12-07T02:17');
  });

  it('sorts dated entries among timed ones', () => {
    const keys = [incidentSortKey({ precision: 'date', local: '2026-12-07' }, 'x'), incidentSortKey({ precision: 'exact', local: '2026-12-07T02:17', utc: '2026-12-07T01:17:00.000Z' }, 'x'), incidentSortKey({ precision: 'unknown' }, '2026-01-01T00:00:00Z')];
    expect([...keys].sort()).toEqual(['2026-01-01T00:00:00Z', '2026-12-07T01:17:00.000Z', '2026-12-07T12:00']);
  });
});
