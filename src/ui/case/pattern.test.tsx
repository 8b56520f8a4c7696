// @vitest-environment happy-dom
// Counts are by local day and hour: a zone with summer time and a day boundary an hour from UTC's.
process.env.TZ = 'Europe/Madrid';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSummary, Person } from '../../model/case';
import { countByDay, countByHour, eventsOf } from '../../model/pattern';
import type { CaseData } from '../vault/useCaseData';
import { PatternPage, patternNumbers } from './PatternPage';
import { captureSummary, memoryCase } from './test-support';
import { choose, waitFor } from './ui-test';

const journal = (seq: number, entryId: string, version: number, when: NonNullable<CaseSummary['journal']>['when'], patch: Partial<CaseSummary> = {}): CaseSummary => ({
  id: `j-${seq}`,
  seq,
  kind: 'journal-entry',
  platform: 'added',
  capturedAt: '2026-11-20T10:00:00Z',
  capturedAtOffset: '+01:00',
  authorKeys: [],
  journal: { entryId, version, when, kind: 'call' },
  ...patch,
});

const summaries: CaseSummary[] = [
  captureSummary(1, '2026-11-03T01:17:00Z', { authorKeys: ['x:@bob'] }), // 02:17 local
  captureSummary(2, '2026-11-05T12:00:00Z', { itemTime: '2026-11-03T02:00:00Z', authorKeys: ['x:@bob'] }), // sent 03:00 local
  captureSummary(3, '2026-11-04T01:30:00Z', { platform: 'instagram', kind: 'comment', authorKeys: ['instagram:@bob2'] }), // 02:30
  captureSummary(4, '2026-11-10T23:30:00Z', { kind: 'post' }), // 00:30 on the 11th, local
  captureSummary(5, '2026-11-04T01:00:00Z', { deleted: true }),
  journal(6, 'e1', 1, { precision: 'exact', local: '2026-11-04T06:00', offset: '+01:00', utc: '2026-11-04T05:00:00.000Z' }),
  journal(7, 'e1', 2, { precision: 'exact', local: '2026-11-04T05:04', offset: '+01:00', utc: '2026-11-04T04:04:00.000Z' }),
  journal(8, 'e2', 1, { precision: 'date', local: '2026-11-12', offset: '+01:00' }),
  { ...captureSummary(9, '2026-11-04T02:00:00Z'), kind: 'added-file', platform: 'added' },
];
const bob: Person = { id: 'p-bob', name: 'Bob', identifiers: [{ id: 'i', type: 'account', account: { platform: 'x', handle: 'bob', keys: ['x:@bob'] }, addedAt: '2026-11-01T00:00:00Z' }], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' };

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) {
    render(null, root);
    root.remove();
  }
  root = undefined;
});

function mount(data: CaseData, route: string[] = []) {
  const r = document.createElement('div');
  document.body.append(r);
  root = r;
  render(<PatternPage vault={memoryCase().vault} data={data} route={route} />, r);
  return r;
}
const data = (s: CaseSummary[], people: Person[]): CaseData => ({ summaries: s, people, error: null, reload: async () => undefined });
const hourCounts = (r: HTMLElement) => r.querySelector('[data-testid="pattern-by-hour"]')!.getAttribute('data-counts');
const dayCounts = (r: HTMLElement) => JSON.parse(r.querySelector('[data-testid="pattern-by-day"]')!.getAttribute('data-counts')!);

describe('pattern page numbers', () => {
  it('data-counts: captures at their item time, the latest journal version at its wall-clock, local days; deleted and added files left out', async () => {
    const r = mount(data(summaries, [bob]));
    await act(async () => undefined);
    const expected = new Array(24).fill(0);
    expected[0] = 1;
    expected[2] = 2;
    expected[3] = 1;
    expected[5] = 1;
    expect(hourCounts(r)).toBe(expected.join(','));
    expect(dayCounts(r)).toEqual({ '2026-11-03': 2, '2026-11-04': 2, '2026-11-11': 1, '2026-11-12': 1 });
    // The same numbers as the pattern module gives (the export counts with it too).
    const events = eventsOf(summaries, [bob]);
    expect(hourCounts(r)).toBe(countByHour(events).join(','));
    expect(dayCounts(r)).toEqual(countByDay(events));
    expect(r.querySelector('[data-testid="pattern-total"]')!.getAttribute('data-total')).toBe('6');
    // Each chart has its numbers as a table, behind a visible toggle.
    const hour = r.querySelector('[data-testid="pattern-by-hour"]')!;
    const toggle = hour.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await act(async () => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const rows = [...hour.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(24);
    expect(rows[2]!.querySelector('td')!.textContent).toBe('2');
  });

  it('follows the filter: one person (through their account), a platform, a date range', async () => {
    const r = mount(data(summaries, [bob]));
    await act(async () => undefined);
    await choose(r.querySelector<HTMLSelectElement>('[data-testid="pattern-person"]')!, 'p-bob');
    const bobHours = new Array(24).fill(0);
    bobHours[2] = 1;
    bobHours[3] = 1;
    expect(hourCounts(r)).toBe(bobHours.join(','));
    expect(dayCounts(r)).toEqual({ '2026-11-03': 2 });
    await choose(r.querySelector<HTMLSelectElement>('[data-testid="pattern-person"]')!, '');
    await choose(r.querySelector<HTMLSelectElement>('[data-testid="pattern-platform"]')!, 'instagram');
    expect(dayCounts(r)).toEqual({ '2026-11-04': 1 });
    await choose(r.querySelector<HTMLSelectElement>('[data-testid="pattern-platform"]')!, '');
    const from = r.querySelector<HTMLInputElement>('[data-testid="pattern-from"]')!;
    await act(async () => {
      from.value = '2026-11-11';
      from.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(dayCounts(r)).toEqual({ '2026-11-11': 1, '2026-11-12': 1 });
    // The timeline lists what is counted, each a link to its record (built just after the charts).
    const hrefs = () => [...r.querySelectorAll<HTMLAnchorElement>('[data-testid="case-timeline"] a')].map((a) => a.getAttribute('href'));
    await waitFor(() => hrefs().length === 2);
    expect(hrefs()).toEqual(['#/record/j-8', '#/record/cap-4']);
  });

  it('a route #/pattern/<person> opens filtered to that person', async () => {
    const r = mount(data(summaries, [bob]), ['p-bob']);
    await act(async () => undefined);
    expect(dayCounts(r)).toEqual({ '2026-11-03': 2 });
  });

  it('15,000 events: numbers and charts in time (figures printed)', async () => {
    const people: Person[] = [bob];
    const many: CaseSummary[] = [];
    const start = Date.parse('2025-01-01T00:00:00Z');
    for (let i = 0; i < 15_000; i++) {
      const at = new Date(start + ((i * 7_919_333) % (365 * 86_400_000))).toISOString();
      if (i % 3 === 0) {
        const local = new Date(at);
        const pad = (n: number) => String(n).padStart(2, '0');
        const wall = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
        many.push(journal(i + 1, `e${i}`, 1, { precision: 'exact', local: wall, offset: '+01:00', utc: at }));
      } else {
        many.push(captureSummary(i + 1, at, { platform: i % 2 ? 'x' : 'instagram', authorKeys: [i % 5 ? 'x:@bob' : 'x:@other'], snippet: `message ${i}` }));
      }
    }
    // Best of three (the machine is shared; the first run also pays for compiling).
    let eventsMs = Infinity;
    let countsMs = Infinity;
    let filterMs = Infinity;
    let events = eventsOf(many, people);
    let n = patternNumbers(events, {});
    let t = 0;
    for (let round = 0; round < 3; round++) {
      t = performance.now();
      events = eventsOf(many, people);
      eventsMs = Math.min(eventsMs, performance.now() - t);
      t = performance.now();
      n = patternNumbers(events, {});
      countsMs = Math.min(countsMs, performance.now() - t);
      t = performance.now();
      patternNumbers(events, { personId: 'p-bob' });
      filterMs = Math.min(filterMs, performance.now() - t);
    }
    expect(n.period.total).toBe(15_000);
    t = performance.now();
    const r = mount(data(many, people));
    await act(async () => undefined);
    const renderMs = performance.now() - t;
    await waitFor(() => r.querySelector('[data-testid="pattern-by-day"] svg'));
    t = performance.now();
    await choose(r.querySelector<HTMLSelectElement>('[data-testid="pattern-person"]')!, 'p-bob');
    const refilterMs = performance.now() - t;
    const hours = hourCounts(r)!.split(',').map(Number);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(countByHour(patternNumbers(events, { personId: 'p-bob' }).filtered).reduce((a, b) => a + b, 0));
    console.log(
      `pattern at 15,000 events (best of 3): eventsOf ${eventsMs.toFixed(1)} ms, all counts ${countsMs.toFixed(1)} ms, filter+counts (one person) ${filterMs.toFixed(1)} ms; ` +
        `page first render with charts (happy-dom) ${renderMs.toFixed(1)} ms, filter change re-render ${refilterMs.toFixed(1)} ms; ${Object.keys(n.byDay).length} days, ${n.byWeek.length} weeks`,
    );
    // Speed is printed here and checked by `npm run bench -- --only case`, never asserted in tests (a loaded CI machine).
  });
});
