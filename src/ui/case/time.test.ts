// A zone with summer time, so the offset must follow the wall-clock typed, not the device's current offset.
process.env.TZ = 'Europe/Madrid';
import { describe, expect, it } from 'vitest';
import { checkWhen } from '../../vault/case-file';
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
    // The instant is the wall-clock minus the stored offset, to the minute; the vault accepts it as it is.
    // (Madrid then: UTC−0:14:44; engines give −14 or −14.73 minutes.)
    expect(old.offset).toMatch(/^-00:1[45]$/);
    expect(Date.parse(old.utc!)).toBe(Date.parse('1900-01-01T10:00:00Z') + Number(old.offset!.slice(4)) * 60_000);
    expect(checkWhen(old)).toEqual(old);
    const future = incidentTime('2100-06-30T23:59', 'exact')!;
    expect(future).toEqual({ precision: 'exact', local: '2100-06-30T23:59', offset: '+02:00', utc: '2100-06-30T21:59:00.000Z' });
  });

  it('local, offset and UTC always agree (the vault checks): a time skipped by summer time, the first of March after a 29 February', () => {
    const skipped = incidentTime('2026-03-29T02:30', 'exact')!;
    expect(skipped.local).toBe('2026-03-29T02:30');
    expect(checkWhen(skipped)).toEqual(skipped);
    const march = incidentTime('2028-03-01T00:30', 'exact')!;
    expect(march).toEqual({ precision: 'exact', local: '2028-03-01T00:30', offset: '+01:00', utc: '2028-02-29T23:30:00.000Z' });
    for (const v of ['2026-07-01T02:17', '2100-06-30T23:59', '0099-05-01T12:00', '2026-10-25T02:30']) {
      const w = incidentTime(v, 'about')!;
      expect(checkWhen(w)).toEqual(w);
    }
    const day = incidentTime('2026-03-29', 'date')!;
    expect(checkWhen(day)).toEqual(day);
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
