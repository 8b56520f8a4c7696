// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord, ExtractedContent } from '../../model/evidence';
import type { ReportInput } from '../../model/report';
import { pileOnHash } from '../../reporting/pile-on-link';
import { localDate } from '../../reporting/reminders';
import { parseRoute } from '../vault/route';
import { captureSummary } from '../case/test-support';
import { PatternPage } from '../case/PatternPage';
import { PeoplePage } from '../case/PeoplePage';
import { choose, click, mountPage, submit, typeInto, waitFor } from '../case/ui-test';
import { RecordView } from '../vault/RecordView';
import { parseRecordNumbers, reportedAtOf } from './AddReport';
import { countByStatus, reportsOfPerson } from './concern';
import { ReportsPage } from './ReportsPage';
import { memoryReports } from './test-support';

let page: ReturnType<typeof mountPage> | undefined;
afterEach(() => {
  page?.unmount();
  page = undefined;
  location.hash = '';
});

const summaries = [
  captureSummary(1, '2026-11-03T01:17:00Z', { kind: 'post', authorKeys: ['x:@bob'], handle: 'bob' }),
  captureSummary(2, '2026-11-04T01:17:00Z', { kind: 'comment', platform: 'instagram', authorKeys: ['instagram:@amy'], handle: 'amy' }),
];

const base = (p: Partial<ReportInput>): ReportInput => ({ platform: 'x', origin: 'item', reportedAt: '2026-11-05T10:00:00Z', recordIds: [], permalinks: [], ...p });

describe('reports list', () => {
  it('lists every report with its status, reference as plain text, and filters by status and platform', async () => {
    const mc = memoryReports(summaries);
    await mc.vault.addReport(base({ recordIds: ['cap-1'], reference: '<img src=x onerror=alert(1)>' }));
    await mc.vault.addReport(base({ platform: 'instagram', recordIds: ['cap-2'], status: 'acknowledged', reportedAt: '2026-11-06T10:00:00Z' }));
    await mc.vault.addReport(base({ platform: 'other', origin: 'by-hand', status: 'escalated', reportedAt: '2026-11-01T10:00:00Z' }));
    page = mountPage(ReportsPage, mc.vault, []);
    const p = page;
    await waitFor(() => p.$$('[data-testid="report-row"]').length === 3);
    const rows = p.$$('[data-testid="report-row"]');
    expect(rows.map((r) => r.dataset.status)).toEqual(['acknowledged', 'sent', 'escalated']);
    expect(rows.every((r) => r.dataset.reportId)).toBe(true);
    expect(rows[1]!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(p.root.querySelector('img')).toBeNull();
    // What was reported links to its record.
    await waitFor(() => p.$('a[href="#/record/cap-1"]'));
    expect(p.$('a[href="#/record/cap-1"]')!.textContent).toBe('#1 · @bob');

    await choose(p.$<HTMLSelectElement>('[data-testid="report-filter-status"]')!, 'escalated');
    expect(p.$$('[data-testid="report-row"]').map((r) => r.dataset.platform)).toEqual(['other']);
    await choose(p.$<HTMLSelectElement>('[data-testid="report-filter-status"]')!, '');
    await choose(p.$<HTMLSelectElement>('[data-testid="report-filter-platform"]')!, 'instagram');
    expect(p.$$('[data-testid="report-row"]').map((r) => r.dataset.status)).toEqual(['acknowledged']);
  });

  it('says so when there are none, and when they cannot be read', async () => {
    const mc = memoryReports();
    page = mountPage(ReportsPage, mc.vault, []);
    const p = page;
    await waitFor(() => p.$('[data-testid="reports-empty"]'));
    p.unmount();
    (mc.vault as unknown as { reports(): Promise<never> }).reports = async () => {
      throw new Error('The vault is locked.');
    };
    page = mountPage(ReportsPage, mc.vault, []);
    const q = page;
    await waitFor(() => q.$('[role="alert"]'));
  });
});

describe('adding a report made elsewhere', () => {
  it('refuses a future date and unknown record numbers, then adds it by hand with the records it names', async () => {
    const mc = memoryReports(summaries);
    page = mountPage(ReportsPage, mc.vault, ['new']);
    const p = page;
    await waitFor(() => p.$<HTMLButtonElement>('[data-testid="report-add-save"]')?.disabled === false);
    await choose(p.$<HTMLSelectElement>('[data-testid="report-add-platform"]')!, 'other');
    await typeInto(p.$<HTMLInputElement>('[data-testid="report-add-date"]')!, '2999-01-01');
    await typeInto(p.$<HTMLInputElement>('[data-testid="report-add-records"]')!, '#2, 99');
    await submit(p.$<HTMLFormElement>('[data-testid="report-add-form"]')!);
    expect(p.$('[data-testid="report-add-date"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(p.$('[data-testid="report-add-records"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(mc.reports).toHaveLength(0);

    await typeInto(p.$<HTMLInputElement>('[data-testid="report-add-date"]')!, '2026-11-02');
    await typeInto(p.$<HTMLInputElement>('[data-testid="report-add-records"]')!, '#2');
    await typeInto(p.$<HTMLInputElement>('[data-testid="report-add-reference"]')!, 'POLICE-77');
    await choose(p.$<HTMLSelectElement>('[data-testid="report-add-status"]')!, 'escalated');
    await typeInto(p.$<HTMLTextAreaElement>('[data-testid="report-add-notes"]')!, 'Called the station.');
    await submit(p.$<HTMLFormElement>('[data-testid="report-add-form"]')!);
    await waitFor(() => mc.reports.length === 1);
    const r = mc.reports[0]!;
    expect(r).toMatchObject({ platform: 'other', origin: 'by-hand', status: 'escalated', reference: 'POLICE-77', notes: 'Called the station.', recordIds: ['cap-2'] });
    expect(localDate(new Date(r.reportedAt))).toBe('2026-11-02');
    expect(location.hash).toBe(`#/reports/${r.id}`);
  });

  it('from a record: about that record, on its platform', async () => {
    const mc = memoryReports(summaries);
    page = mountPage(ReportsPage, mc.vault, ['new', 'cap-2']);
    const p = page;
    await waitFor(() => p.$<HTMLSelectElement>('[data-testid="report-add-platform"]')?.value === 'instagram');
    mc.failNext = true;
    await submit(p.$<HTMLFormElement>('[data-testid="report-add-form"]')!);
    await waitFor(() => p.$('[data-testid="report-add-error"]'));
    expect(mc.reports).toHaveLength(0);
    await submit(p.$<HTMLFormElement>('[data-testid="report-add-form"]')!);
    await waitFor(() => mc.reports.length === 1);
    expect(mc.reports[0]).toMatchObject({ platform: 'instagram', recordIds: ['cap-2'] });
  });

  it('reads record numbers and dates strictly', () => {
    expect(parseRecordNumbers('1 ,#2;2 abc 0', [{ id: 'a', seq: 1 }, { id: 'b', seq: 2 }, { id: 'c', seq: 3, deleted: true }])).toEqual({ ids: ['a', 'b'], unknown: ['abc', '0'] });
    const now = new Date(2026, 10, 10, 9);
    expect(reportedAtOf('2026-11-10', now)).toBeDefined();
    expect(reportedAtOf('2026-11-11', now)).toBeUndefined();
    expect(reportedAtOf('2026-02-30', now)).toBeUndefined();
    expect(reportedAtOf('11/10/2026', now)).toBeUndefined();
  });
});

describe('one report', () => {
  it('saves reference, status, notes and a reminder; keeps the status history; clears the reminder', async () => {
    const mc = memoryReports(summaries);
    const r = await mc.vault.addReport(base({ recordIds: ['cap-1'] }));
    page = mountPage(ReportsPage, mc.vault, [r.id]);
    const p = page;
    await waitFor(() => p.$('[data-testid="report-view"]'));
    expect(p.$<HTMLSelectElement>('[data-testid="report-status"]')!.options.length).toBe(6);
    await typeInto(p.$<HTMLInputElement>('[data-testid="report-reference"]')!, 'X-123 <b>');
    await choose(p.$<HTMLSelectElement>('[data-testid="report-status"]')!, 'acknowledged');
    await typeInto(p.$<HTMLTextAreaElement>('[data-testid="report-notes"]')!, 'They wrote back.');
    await typeInto(p.$<HTMLInputElement>('[data-testid="report-remind-days"]')!, '0');
    await click(p.$('[data-testid="report-save"]')!);
    expect(p.$('[data-testid="report-remind-days"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(mc.reports[0]!.status).toBe('sent');
    await typeInto(p.$<HTMLInputElement>('[data-testid="report-remind-days"]')!, '7');
    await click(p.$('[data-testid="report-save"]')!);
    await waitFor(() => p.$('[data-testid="report-view"]')?.dataset.status === 'acknowledged');
    const saved = mc.reports[0]!;
    expect(saved).toMatchObject({ reference: 'X-123 <b>', status: 'acknowledged', notes: 'They wrote back.' });
    expect(Date.parse(saved.remindAt!) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(saved.history.map((h) => h.status)).toEqual(['sent', 'acknowledged']);
    expect(p.$$('[data-testid="report-history"] li').map((li) => li.dataset.status)).toEqual(['sent', 'acknowledged']);
    await waitFor(() => p.$('[data-testid="report-reminder-clear"]'));
    await click(p.$('[data-testid="report-reminder-clear"]')!);
    await waitFor(() => !p.$('[data-testid="report-reminder"]'));
    expect(mc.reports[0]!.remindAt).toBeUndefined();
  });

  it('"The content is gone" records content removed today (local date) in one click; a failed save says so', async () => {
    const mc = memoryReports(summaries);
    const r = await mc.vault.addReport(base({}));
    page = mountPage(ReportsPage, mc.vault, [r.id]);
    const p = page;
    await waitFor(() => p.$('[data-testid="report-content-gone"]'));
    mc.failNext = true;
    await click(p.$('[data-testid="report-content-gone"]')!);
    await waitFor(() => p.$('[data-testid="report-save-status"][role="alert"]'));
    await click(p.$('[data-testid="report-content-gone"]')!);
    await waitFor(() => p.$('[data-testid="report-removed-on"]'));
    expect(mc.reports[0]).toMatchObject({ status: 'content-removed', contentRemovedOn: localDate(new Date()) });
    expect(p.$('[data-testid="report-content-gone"]')).toBeNull();
  });

  it('deletes an entry only after asking', async () => {
    const mc = memoryReports();
    const r = await mc.vault.addReport(base({}));
    page = mountPage(ReportsPage, mc.vault, [r.id]);
    const p = page;
    await waitFor(() => p.$('[data-testid="report-delete"]'));
    await click(p.$('[data-testid="report-delete"]')!);
    await click(p.$('[data-testid="report-delete-cancel"]')!);
    expect(mc.reports).toHaveLength(1);
    await click(p.$('[data-testid="report-delete"]')!);
    await click(p.$('[data-testid="report-delete-confirm"]')!);
    await waitFor(() => mc.reports.length === 0);
    expect(location.hash).toBe('#/reports');
  });

  it('says when the report is not there', async () => {
    const mc = memoryReports();
    page = mountPage(ReportsPage, mc.vault, ['report-nope']);
    const p = page;
    await waitFor(() => p.$('[data-testid="report-missing"]'));
  });
});

const reply = (handle: string, text: string, extra: Partial<ExtractedContent> = {}): ExtractedContent => ({ kind: 'reply', platform: 'x', author: { handle }, text, links: [], media: [], method: 'adapter', warnings: [], ...extra });

function pileOnRecord(): { record: EvidenceRecord; transcript: Uint8Array } {
  const entries = [reply('bob', 'a'), reply('amy', 'b'), reply('bob', 'c'), reply('victim', 'd'), reply('carl', 'e <script>'), reply('bob', 'f'), reply('amy', 'g')].map((c, i) => ({ n: i + 1, key: `k${i}`, ...c, permalink: `https://x.com/${c.author!.handle}/status/${100 + i}` }));
  const record = {
    id: 'rec-post',
    seq: 9,
    kind: 'post',
    platform: 'x',
    author: { handle: 'victim' },
    content: { ...reply('victim', 'my post'), kind: 'post', fields: { replies: '7' } },
    artifacts: [{ id: 'art-t', role: 'transcript', mediaType: 'application/json', sha256: '', size: 0, filename: 't.json' }],
    permalink: 'https://x.com/victim/status/1',
    pageUrl: 'https://x.com/victim/status/1',
    reportRoutes: [
      { id: 'x-in-app-post', label: 'The post itself', url: 'https://x.com/victim/status/1' },
      { id: 'x-dsa', label: 'EU form for the post', url: `https://help.x.com/forms/dsa/report?content_id=${encodeURIComponent('https://x.com/victim/status/1')}` },
      { id: 'x-form-harassment', label: 'X help form', url: 'https://help.x.com/forms/abusiveuser', steps: 'Name @victim.' },
    ],
  } as unknown as EvidenceRecord;
  return { record, transcript: new TextEncoder().encode(JSON.stringify({ format: 'holdfast-thread-transcript', entries })) };
}

describe('pile-on walk-through', () => {
  it('lists the accounts by reply count, walks the ticked ones: 2 marked reported, 1 skipped', async () => {
    const mc = memoryReports(summaries);
    const { record, transcript } = pileOnRecord();
    mc.full.push(record);
    mc.files.set('art-t', transcript);
    page = mountPage(ReportsPage, mc.vault, ['pile-on', record.id]);
    const p = page;
    await waitFor(() => p.$$('[data-testid="pileon-account"]').length === 3);
    expect(p.$$('[data-testid="pileon-account"]').map((a) => [a.dataset.account, a.dataset.count])).toEqual([
      ['x:@bob', '3'],
      ['x:@amy', '2'],
      ['x:@carl', '1'],
    ]);
    expect((p.$('[data-testid="pileon-start"]') as HTMLButtonElement).disabled).toBe(true);
    for (const box of p.$$<HTMLInputElement>('[data-testid="pileon-account"] input')) await click(box);
    await submit(p.$<HTMLFormElement>('[data-testid="pileon"] form')!);
    await waitFor(() => p.$('[data-testid="pileon-step"]'));
    expect(p.$('[data-testid="pileon-progress"]')!.dataset).toMatchObject({ at: '1', total: '3' });
    expect(p.$('[data-testid="pileon-step"]')!.dataset.account).toBe('x:@bob');
    const routes = p.$$<HTMLAnchorElement>('[data-testid="pileon-route"]');
    // From X's route table for an account (never the record's routes, which are about the post and @victim).
    expect(routes.map((a) => [a.dataset.routeId, a.getAttribute('href'), a.target, a.rel])).toEqual([
      ['x-in-app-profile', 'https://x.com/bob', '_blank', 'noopener noreferrer'],
      ['x-form-harassment', 'https://help.x.com/forms/safety-and-sensitive-content/violent-threats', '_blank', 'noopener noreferrer'],
      ['x-form-private-information', 'https://help.x.com/forms/safety-and-sensitive-content/private-information', '_blank', 'noopener noreferrer'],
      ['x-form-take-it-down', 'https://help.x.com/forms/safety-and-sensitive-content/take-it-down', '_blank', 'noopener noreferrer'],
      ['x-form-impersonation', 'https://help.x.com/en/forms/authenticity/impersonation', '_blank', 'noopener noreferrer'],
    ]);
    expect(p.$('[data-testid="pileon-step"]')!.textContent).toContain('Report @bob');
    expect(p.$('[data-testid="pileon-step"]')!.textContent).not.toContain('@victim');
    await click(p.$('[data-testid="pileon-copy"]')!);
    await waitFor(() => p.$('[data-testid="pileon-copy"]')?.textContent === 'repuPileCopied');
    expect(await navigator.clipboard.readText()).toBe('https://x.com/bob/status/100\nhttps://x.com/bob/status/102\nhttps://x.com/bob/status/105');
    await click(p.$('[data-testid="pileon-reported"]')!);
    await waitFor(() => p.$('[data-testid="pileon-progress"]')?.dataset.at === '2');
    await click(p.$('[data-testid="pileon-skip"]')!);
    await waitFor(() => p.$('[data-testid="pileon-progress"]')?.dataset.at === '3');
    expect(p.$('[data-testid="pileon-step"]')!.textContent).toContain('e <script>');
    await click(p.$('[data-testid="pileon-reported"]')!);
    await waitFor(() => p.$('[data-testid="pileon-done"]'));
    expect(mc.reports[0]!.permalinks).toHaveLength(3);
    expect(mc.reports.map((r) => [r.account, r.origin, r.recordIds, r.routeId])).toEqual([
      ['x:@bob', 'pile-on', ['rec-post'], 'x-in-app-profile'],
      ['x:@carl', 'pile-on', ['rec-post'], 'x-in-app-profile'],
    ]);
  });

  it('ticks the accounts named in the link from the capture panel (plain ids; unknown ones ignored)', async () => {
    const mc = memoryReports(summaries);
    const { record, transcript } = pileOnRecord();
    mc.full.push(record);
    mc.files.set('art-t', transcript);
    const hash = pileOnHash(record.id, ['x:@amy', 'x:@carl', '<img src=x onerror=alert(1)>', 'x:@victim'])!;
    const route = parseRoute(hash);
    const arg = route.page === 'reports' ? route.rest[1] : undefined;
    expect(route.page === 'reports' && route.rest[0]).toBe('pile-on');
    page = mountPage(ReportsPage, mc.vault, ['pile-on', arg!]);
    const p = page;
    await waitFor(() => p.$$('[data-testid="pileon-account"]').length === 3);
    await waitFor(() => p.$$<HTMLInputElement>('[data-testid="pileon-account"] input:checked').length === 2);
    expect(p.$$<HTMLInputElement>('[data-testid="pileon-account"]').filter((li) => li.querySelector('input')!.checked).map((li) => li.dataset.account)).toEqual(['x:@amy', 'x:@carl']);
    expect(p.$('img')).toBeNull();
    expect((p.$('[data-testid="pileon-start"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says so for a record that is not a post with replies', async () => {
    const mc = memoryReports();
    mc.full.push({ ...pileOnRecord().record, kind: 'dm-thread' } as EvidenceRecord);
    page = mountPage(ReportsPage, mc.vault, ['pile-on', 'rec-post']);
    const p = page;
    await waitFor(() => p.$('[data-testid="pileon-not-post"]'));
  });
});

describe('reports concerning a person', () => {
  it('by person, by one of their accounts, or by a record of theirs', () => {
    const r = (id: string, p: Partial<ReportInput>) => ({ ...base(p), id, status: 'sent' as const, history: [], updatedAt: '' });
    const list = [r('a', { personId: 'p1' }), r('b', { account: 'x:@bob' }), r('c', { recordIds: ['cap-9'] }), r('d', { account: 'x:@other' })];
    const person = { id: 'p1', identifiers: [{ id: 'i', type: 'account' as const, addedAt: '', account: { platform: 'x' as const, keys: ['x:@bob'] } }] };
    expect(reportsOfPerson(list, person, new Set(['cap-9'])).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(reportsOfPerson(list, person).map((x) => x.id)).toEqual(['a', 'b']);
    expect(countByStatus(list)).toMatchObject({ sent: 4, acknowledged: 0 });
  });
});

describe('reports on the person page and the pattern view', () => {
  it("the person's timeline shows their reports (by person, account or record) beside the contacts; the pattern counts them by status, charts unchanged", async () => {
    const mc = memoryReports(summaries);
    const bob = await mc.vault.savePerson({ name: 'Bob' });
    await mc.vault.assignAccount(bob.id, { platform: 'x', keys: ['x:@bob'], handle: 'bob' });
    await mc.vault.addReport(base({ account: 'x:@bob', reference: 'REF-1', reportedAt: '2026-11-07T10:00:00Z' }));
    await mc.vault.addReport(base({ recordIds: ['cap-1'], status: 'content-removed', reportedAt: '2026-11-08T10:00:00Z' }));
    await mc.vault.addReport(base({ platform: 'instagram', recordIds: ['cap-2'], reportedAt: '2026-11-09T10:00:00Z' }));
    page = mountPage(PeoplePage, mc.vault, [bob.id]);
    const p = page;
    await waitFor(() => p.$$('[data-testid="case-timeline"] [data-report-id]').length === 2);
    const rows = p.$$('[data-testid="case-timeline"] a');
    // Newest first: the two reports (Nov 8, Nov 7), then the capture of Nov 3.
    expect(rows.map((a) => a.dataset.reportId ? `report:${a.dataset.status}` : `record:${a.dataset.recordId}`)).toEqual(['report:content-removed', 'report:sent', 'record:cap-1']);
    p.unmount();

    page = mountPage(PatternPage, mc.vault, []);
    const q = page;
    await waitFor(() => q.$('[data-testid="pattern-reports"]'));
    expect(q.$('[data-testid="pattern-reports"]')!.dataset.count).toBe('3');
    const hours = q.$('[data-testid="pattern-by-hour"]')!.getAttribute('data-counts');
    expect(hours!.split(',').reduce((a, b) => a + Number(b), 0)).toBe(2);
    await q.route([bob.id]);
    await waitFor(() => q.$('[data-testid="pattern-reports"]')?.dataset.count === '2');
    expect(JSON.parse(q.$('[data-testid="pattern-reports"]')!.dataset.counts!)).toMatchObject({ sent: 1, 'content-removed': 1 });
  });
});

describe('the record view', () => {
  it('lists the reports naming the record and links to add one and to the pile-on walk-through', async () => {
    const mc = memoryReports(summaries);
    const { record, transcript } = pileOnRecord();
    const full = { ...record, media: [], extraction: { method: 'adapter', warnings: [] }, screenshot: { method: 'none', devicePixelRatio: 1 }, chain: { prevHash: '', recordHash: 'h' }, tool: { name: 'Holdfast', version: '1', browser: 'x', userAgent: '' }, capturedAt: '2026-11-01T00:00:00Z', pageUrl: 'https://x.com/victim/status/1' } as unknown as EvidenceRecord;
    mc.full.push(full);
    mc.files.set('art-t', transcript);
    await mc.vault.addReport(base({ recordIds: [record.id], reference: '<i>R-9</i>' }));
    await mc.vault.addReport(base({ recordIds: ['cap-2'] }));
    const root = document.createElement('div');
    document.body.append(root);
    await act(async () => render(<RecordView vault={mc.vault} id={record.id} people={[]} blur onBack={() => undefined} onDeleted={() => undefined} onChanged={() => undefined} onExport={() => undefined} />, root));
    await waitFor(() => root.querySelector('[data-testid="record-report"]'));
    expect([...root.querySelectorAll<HTMLElement>('[data-testid="record-report"]')].map((li) => li.dataset.status)).toEqual(['sent']);
    expect(root.querySelector('[data-testid="record-report"]')!.textContent).toContain('<i>R-9</i>');
    expect(root.querySelector('i')).toBeNull();
    expect(root.querySelector('[data-testid="record-add-report"]')!.getAttribute('href')).toBe(`#/reports/new/${record.id}`);
    expect(root.querySelector('[data-testid="record-pile-on"]')!.getAttribute('href')).toBe(`#/reports/pile-on/${record.id}`);
    // Reopened and gone: one click records it against the report.
    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="record-report-gone"]')!.click());
    await waitFor(() => root.querySelector('[data-testid="record-report"][data-status="content-removed"]'));
    expect(mc.reports[0]).toMatchObject({ status: 'content-removed', contentRemovedOn: localDate(new Date()) });
    expect(root.querySelector('[data-testid="record-report-gone"]')).toBeNull();
    render(null, root);
    root.remove();
  });
});
