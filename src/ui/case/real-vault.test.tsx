// @vitest-environment happy-dom
/** The case pages over the real vault (IndexedDB via fake-indexeddb): what the pages send is what the vault keeps. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { seedVault } from '../../export/test-support';
import { countByDay, countByHour, eventsOf } from '../../model/pattern';
import { freshDbName } from '../../vault/test-support';
import { openVault, type VaultImpl } from '../../vault/vault';
import { JournalPage } from './JournalPage';
import { PatternPage } from './PatternPage';
import { PeoplePage } from './PeoplePage';
import { choose, click, mountPage, submit, typeInto, waitFor } from './ui-test';

let vault: VaultImpl;
let page: ReturnType<typeof mountPage> | undefined;
beforeEach(async () => {
  vault = await openVault(freshDbName('case-pages'));
  await seedVault(vault);
});
afterEach(() => {
  page?.unmount();
  page = undefined;
  vault.close();
});

// A shared machine runs these beside other suites: room to finish (each takes about a second alone).
describe('case pages on the real vault', { timeout: 60_000 }, () => {
  it('journal: quick entries, a full entry (1 MB, 1900, files incl. 0 bytes and a hostile name), an edit with its versions', async () => {
    page = mountPage(JournalPage, vault);
    const p = page;
    await waitFor(() => p.$('[data-testid="journal-empty"]'));
    const status = p.$('[data-testid="journal-quick-status"]')!;
    await typeInto(p.$<HTMLInputElement>('[data-testid="journal-quick-note"]')!, 'private number called');
    for (const [i, hhmm] of ['02:17', '03:00', '05:04'].entries()) {
      await typeInto(p.$<HTMLInputElement>('[data-testid="journal-quick-time"]')!, hhmm);
      await submit(p.$<HTMLFormElement>('[data-testid="journal-quick"]')!);
      await waitFor(() => status.dataset.count === String(i + 1));
    }
    await waitFor(() => p.$$('[data-testid="journal-entry"]').length === 3);

    await click(p.$('[data-testid="journal-add"]')!);
    await typeInto(p.$<HTMLInputElement>('[data-testid="journal-when"]')!, '1900-01-01T10:00');
    await choose(p.$<HTMLSelectElement>('[data-testid="journal-kind"]')!, 'following');
    await typeInto(p.$<HTMLTextAreaElement>('[data-testid="journal-text"]')!, 'z'.repeat(1024 * 1024));
    const hostile = `../../x\u0007${'y'.repeat(300)}`;
    Object.defineProperty(p.$('[data-testid="journal-files"]')!, 'files', {
      value: [new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'call-log.png', { type: 'image/png' }), new File([], 'empty.m4a'), new File([new TextEncoder().encode('<svg onload=alert(1)>')], hostile, { type: 'image/svg+xml' })],
      configurable: true,
    });
    await submit(p.$<HTMLFormElement>('[data-testid="journal-form"]')!);
    await waitFor(() => p.$$('[data-testid="journal-file"]').length === 3 && p.$$('[data-testid="journal-file"]').every((li) => li.dataset.state === 'added' || li.dataset.state === 'failed'));
    expect(p.$$('[data-testid="journal-file"]').map((li) => li.dataset.state)).toEqual(['added', 'failed', 'added']);
    const summaries = await vault.summaries();
    const entry = summaries.find((s) => s.journal?.kind === 'following')!;
    const record = (await vault.get(entry.id))!;
    expect(record.text).toHaveLength(1024 * 1024);
    expect(record.journal!.when.local).toBe('1900-01-01T10:00');
    expect(record.tool.userAgent).toBe(navigator.userAgent);
    const files = summaries.filter((s) => s.addedFile);
    expect(files.map((f) => f.addedFile!.name).sort()).toEqual(['call-log.png', hostile].sort());
    expect(files.every((f) => f.addedFile!.entryId === entry.journal!.entryId)).toBe(true);
    // Stored safely: the SVG is kept as bytes under a neutral type and name.
    const svg = (await vault.get(files.find((f) => f.addedFile!.name === hostile)!.id))!;
    expect(svg.artifacts[0]).toMatchObject({ mediaType: 'application/octet-stream' });
    expect(svg.artifacts[0]!.filename).toMatch(/^added-\d+\.bin$/);

    // The entry's page lists its files, hostile names as text with their whole (marked) name on hover.
    await p.route([entry.journal!.entryId]);
    const listed = await waitFor(() => (p.$$('[data-testid="journal-entry-files"] a').length === 2 ? p.$$('[data-testid="journal-entry-files"] a') : null));
    const long = listed.find((a) => a.getAttribute('title'))!;
    expect(long.textContent).toContain('⟨U+0007⟩');
    expect(long.textContent!.length).toBeLessThanOrEqual(60);
    expect(long.getAttribute('title')).toBe(`../../x⟨U+0007⟩${'y'.repeat(300)}`);
    await p.route([entry.journal!.entryId, 'edit']);
    const text = await waitFor(() => p.$<HTMLTextAreaElement>('[data-testid="journal-text"]'));
    await typeInto(text, 'He followed me from the station.');
    await submit(p.$<HTMLFormElement>('[data-testid="journal-form"]')!);
    await waitFor(() => p.$('[data-testid="journal-versions"]')?.getAttribute('data-count') === '2');
    const versions = await vault.journalVersions(entry.journal!.entryId);
    expect(versions.map((v) => v.journal!.version)).toEqual([1, 2]);
    expect(versions[1]!.journal!.supersedes).toBe(versions[0]!.id);
    expect(versions[1]!.journal!.when).toEqual(versions[0]!.journal!.when);
    expect((await vault.custodyLog()).map((e) => e.action)).toEqual(expect.arrayContaining(['journal-added', 'journal-edited', 'file-added']));
    expect((await vault.verify()).ok).toBe(true);
  });

  it('a text the vault refuses (3 MB) is said in plain words and nothing is stored', async () => {
    page = mountPage(JournalPage, vault);
    const p = page;
    await waitFor(() => p.$('[data-testid="journal-empty"]'));
    await click(p.$('[data-testid="journal-add"]')!);
    await typeInto(p.$<HTMLTextAreaElement>('[data-testid="journal-text"]')!, 'w'.repeat(3 * 1024 * 1024));
    // Words with their substitutions, to see the vault's reason reach the page.
    const words = vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string | string[]) => [key, ...(Array.isArray(subs) ? subs : subs ? [subs] : [])].join(' ')) as typeof browser.i18n.getMessage);
    await submit(p.$<HTMLFormElement>('[data-testid="journal-form"]')!);
    const error = await waitFor(() => p.$('[data-testid="journal-error"]'));
    words.mockRestore();
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('too long');
    expect((await vault.summaries()).some((s) => s.journal)).toBe(false);
    // What was typed is still there to shorten.
    expect(p.$<HTMLTextAreaElement>('[data-testid="journal-text"]')!.value).toHaveLength(3 * 1024 * 1024);
  });

  it('people: add a person, give them an account seen in the records; the pattern page counts as the pattern module does', async () => {
    page = mountPage(PeoplePage, vault);
    const p = page;
    await waitFor(() => p.$$('[data-testid="account-row"]').length > 0);
    await click(p.$('[data-testid="person-add"]')!);
    await typeInto(p.$<HTMLInputElement>('[data-testid="person-name"]')!, 'Alice (ex)');
    await click(p.$('[data-testid="person-save"]')!);
    const row = await waitFor(() => p.$('[data-testid="person-row"]'));
    const personId = row.dataset.personId!;
    const alice = p.$$('[data-testid="account-row"]').findIndex((r) => r.dataset.accountKeys!.includes('x:id:4401'));
    expect(alice).toBeGreaterThanOrEqual(0);
    await choose(p.$$<HTMLSelectElement>('[data-testid="account-person"]')[alice]!, personId);
    await waitFor(() => p.$('[data-testid="person-row"]')!.dataset.accounts === '1');
    const people = await vault.people();
    expect(people[0]!.identifiers[0]!.account!.keys).toEqual(expect.arrayContaining(['x:id:4401', 'x:@alice_harasser']));
    page.unmount();

    page = mountPage(PatternPage, vault, [personId]);
    const q = page;
    const hour = await waitFor(() => q.$('[data-testid="pattern-by-hour"]'));
    const events = eventsOf(await vault.summaries(), people).filter((e) => e.personIds.includes(personId));
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(hour.dataset.counts).toBe(countByHour(events).join(','));
    expect(JSON.parse(q.$('[data-testid="pattern-by-day"]')!.dataset.counts!)).toEqual(countByDay(events));
  });
});
