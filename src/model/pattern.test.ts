import { describe, expect, it } from 'vitest';
import type { CaseSummary, Person } from './case';
import { countBy, countByDay, countByHour, countByWeek, eventsOf, filterEvents, localParts, periodOf, weekOf } from './pattern';

const base = { platform: 'x' as const, capturedAtOffset: '+00:00', authorKeys: [] as string[] };
function capture(id: string, seq: number, at: string, keys: string[] = [], itemTime?: string): CaseSummary {
  return { ...base, id, seq, kind: 'post', capturedAt: at, authorKeys: keys, ...(itemTime ? { itemTime } : {}) };
}
function entry(id: string, seq: number, entryId: string, version: number, local: string, precision: 'exact' | 'date' | 'unknown' = 'exact', personId?: string): CaseSummary {
  return {
    ...base,
    id,
    seq,
    kind: 'journal-entry',
    platform: 'added',
    capturedAt: '2026-12-01T00:00:00.000Z',
    journal: { entryId, version, kind: 'call', when: { precision, ...(precision === 'unknown' ? {} : { local }) }, ...(personId ? { personId } : {}) },
  };
}

describe('pattern of conduct', () => {
  it('counts the 02:17, 03:00, 05:04 calls by their own wall-clock hour, latest version only', () => {
    const s = [
      entry('a1', 1, 'A', 1, '2026-11-03T02:17'),
      entry('b1', 2, 'B', 1, '2026-11-03T03:00'),
      entry('c1', 3, 'C', 1, '2026-11-03T05:04'),
      entry('c2', 4, 'C', 2, '2026-11-03T04:04'), // C corrected to 04:04
    ];
    const hours = countByHour(eventsOf(s, []));
    expect(hours[2]).toBe(1);
    expect(hours[3]).toBe(1);
    expect(hours[4]).toBe(1);
    expect(hours[5]).toBe(0);
    expect(hours.reduce((a, b) => a + b)).toBe(3);
    expect(countByDay(eventsOf(s, []))).toEqual({ '2026-11-03': 3 });
  });

  it('uses the item time of a capture when known, the capture time otherwise, in local time', () => {
    const e = eventsOf([capture('x', 1, '2026-11-05T10:00:00.000Z', [], '2026-11-01T01:30:00.000Z'), capture('y', 2, '2026-11-05T10:00:00.000Z')], []);
    expect(e[0]!.day).toBe(localParts('2026-11-01T01:30:00.000Z')!.day);
    expect(e[0]!.hour).toBe(localParts('2026-11-01T01:30:00.000Z')!.hour);
    expect(e[1]!.hour).toBe(localParts('2026-11-05T10:00:00.000Z')!.hour);
  });

  it('leaves out deleted records and added files, counts date-only entries by day and unknown ones in totals', () => {
    const s: CaseSummary[] = [
      { ...capture('d', 1, '2026-11-05T10:00:00.000Z'), deleted: true },
      { ...capture('f', 2, '2026-11-05T10:00:00.000Z'), kind: 'added-file', platform: 'added' },
      entry('g', 3, 'G', 1, '2026-11-04', 'date'),
      entry('h', 4, 'H', 1, '', 'unknown'),
    ];
    const e = eventsOf(s, []);
    expect(e.map((x) => x.id)).toEqual(['g', 'h']);
    expect(countByHour(e).reduce((a, b) => a + b)).toBe(0);
    expect(countByDay(e)).toEqual({ '2026-11-04': 1 });
    expect(periodOf(e)).toEqual({ first: '2026-11-04', last: '2026-11-04', total: 2, captures: 0, journal: 2 });
  });

  it('finds a person through any of their accounts or by name in the journal, and filters', () => {
    const people: Person[] = [
      { id: 'p1', name: 'ex', createdAt: '', updatedAt: '', identifiers: [{ id: 'i', type: 'account', addedAt: '', account: { platform: 'x', keys: ['x:@one', 'x:id:1'] } }] },
    ];
    const e = eventsOf([capture('a', 1, '2026-11-05T10:00:00.000Z', ['x:id:1']), capture('b', 2, '2026-11-05T10:00:00.000Z', ['x:@two']), entry('c', 3, 'C', 1, '2026-11-06T02:00', 'exact', 'p1')], people);
    expect(filterEvents(e, { personId: 'p1' }).map((x) => x.id)).toEqual(['a', 'c']);
    expect(filterEvents(e, { platforms: ['added'] }).map((x) => x.id)).toEqual(['c']);
    expect(filterEvents(e, { from: '2026-11-06' }).map((x) => x.id)).toEqual(['c']);
    expect(countBy(e, 'platform')).toEqual([{ key: 'x', count: 2 }, { key: 'added', count: 1 }]);
  });

  it('counts weeks from the first to the last, empty weeks included', () => {
    expect(weekOf('2026-12-06')).toBe('2026-11-30'); // a Sunday belongs to the week starting Monday
    const e = eventsOf([entry('a', 1, 'A', 1, '2026-11-02T10:00'), entry('b', 2, 'B', 1, '2026-11-17T10:00'), entry('c', 3, 'C', 1, '2026-11-18T10:00')], []);
    expect(countByWeek(e)).toEqual([
      { week: '2026-11-02', count: 1 },
      { week: '2026-11-09', count: 0 },
      { week: '2026-11-16', count: 2 },
    ]);
  });
});
