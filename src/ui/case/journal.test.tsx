// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { JournalPage } from './JournalPage';
import { captureSummary, memoryCase } from './test-support';
import { toLocalInput } from './time';
import { choose, click, mountPage, submit, typeInto, waitFor } from './ui-test';

let page: ReturnType<typeof mountPage> | undefined;
afterEach(() => {
  page?.unmount();
  page = undefined;
});

describe('quick entry', () => {
  it('logs several calls in a row, each confirmed, focus staying in the row', async () => {
    const mc = memoryCase();
    page = mountPage(JournalPage, mc.vault);
    const p = page;
    await waitFor(() => p.$('[data-testid="journal-empty"]'));
    const time = p.$<HTMLInputElement>('[data-testid="journal-quick-time"]')!;
    const note = p.$<HTMLInputElement>('[data-testid="journal-quick-note"]')!;
    const status = p.$('[data-testid="journal-quick-status"]')!;
    expect(p.$<HTMLSelectElement>('[data-testid="journal-quick-kind"]')!.value).toBe('call');
    // Defaults to now.
    const now = toLocalInput(new Date());
    expect(p.$<HTMLInputElement>('[data-testid="journal-quick-date"]')!.value).toBe(now.slice(0, 10));
    await typeInto(note, 'private number called');
    const day = now.slice(0, 10);
    for (const [i, hhmm] of ['02:17', '03:00', '05:04'].entries()) {
      await typeInto(time, hhmm);
      await submit(p.$<HTMLFormElement>('[data-testid="journal-quick"]')!);
      await waitFor(() => status.getAttribute('data-count') === String(i + 1));
      expect(document.activeElement).toBe(time);
      expect(status.textContent).not.toBe('');
    }
    const entries = mc.records.filter((r) => r.journal);
    expect(entries.map((r) => r.journal!.when.local)).toEqual([`${day}T02:17`, `${day}T03:00`, `${day}T05:04`]);
    expect(entries.every((r) => r.journal!.kind === 'call' && r.text === 'private number called' && r.journal!.when.precision === 'exact')).toBe(true);
    expect(entries[0]!.journal!.when.offset).toMatch(/^[+-]\d\d:\d\d$/);
    expect(entries[0]!.tool).toMatchObject({ name: 'Holdfast', userAgent: navigator.userAgent });
    // The list shows them, newest (latest time) first.
    await waitFor(() => p.$$('[data-testid="journal-entry"]').length === 3);
    const ids = p.$$('[data-testid="journal-entry"]').map((e) => e.dataset.entryId);
    expect(ids).toEqual([...entries].reverse().map((r) => r.journal!.entryId));
  });

  it('the next entry can be added while the list is still reloading', async () => {
    const mc = memoryCase();
    const summaries = mc.vault.summaries.bind(mc.vault);
    let slow = false;
    mc.vault.summaries = async () => {
      if (slow) await new Promise((r) => setTimeout(r, 400));
      return summaries();
    };
    page = mountPage(JournalPage, mc.vault);
    const p = page;
    await waitFor(() => p.$('[data-testid="journal-empty"]'));
    slow = true;
    const status = p.$('[data-testid="journal-quick-status"]')!;
    for (const [i, hhmm] of ['02:17', '03:00', '05:04'].entries()) {
      await typeInto(p.$<HTMLInputElement>('[data-testid="journal-quick-time"]')!, hhmm);
      await submit(p.$<HTMLFormElement>('[data-testid="journal-quick"]')!);
      await waitFor(() => status.dataset.count === String(i + 1), 2_000);
    }
    expect(mc.records.map((r) => r.journal!.when.local!.slice(11))).toEqual(['02:17', '03:00', '05:04']);
    await waitFor(() => p.$$('[data-testid="journal-entry"]').length === 3);
  });

  it('"someone not yet named" makes one new person and keeps them chosen for the next entry', async () => {
    const mc = memoryCase();
    page = mountPage(JournalPage, mc.vault);
    const p = page;
    await waitFor(() => p.$('[data-testid="journal-empty"]'));
    await choose(p.$<HTMLSelectElement>('[data-testid="journal-quick-person"]')!, '__new__');
    const status = p.$('[data-testid="journal-quick-status"]')!;
    await submit(p.$<HTMLFormElement>('[data-testid="journal-quick"]')!);
    await waitFor(() => status.dataset.count === '1');
    await submit(p.$<HTMLFormElement>('[data-testid="journal-quick"]')!);
    await waitFor(() => status.dataset.count === '2');
    expect(mc.people).toHaveLength(1);
    expect(mc.records.map((r) => r.journal!.personId)).toEqual([mc.people[0]!.id, mc.people[0]!.id]);
  });
});

describe('journal entry form', { timeout: 60_000 }, () => {
  function pickFiles(input: HTMLInputElement, files: File[]) {
    Object.defineProperty(input, 'files', { value: files, configurable: true });
  }

  it('stores a 1 MB text and a date in 1900; a 0-byte file gets a plain message, others are added; hostile names shown safely', async () => {
    const mc = memoryCase([captureSummary(1, '2026-11-01T10:00:00Z', { snippet: 'you will regret this', handle: 'bob' })]);
    page = mountPage(JournalPage, mc.vault);
    const p = page;
    await waitFor(() => p.$('[data-testid="journal-empty"]'));
    await click(p.$('[data-testid="journal-add"]')!);
    const form = p.$<HTMLFormElement>('[data-testid="journal-form"]')!;
    expect(p.$<HTMLInputElement>('[data-testid="journal-when"]')!.type).toBe('datetime-local');
    const kinds = [...p.$<HTMLSelectElement>('[data-testid="journal-kind"]')!.options].map((o) => o.value);
    expect(kinds).toEqual(expect.arrayContaining(['call', 'message', 'threat', 'following', 'other']));
    // Nothing typed: a plain error tied to the field, nothing saved.
    await submit(form);
    const text = p.$<HTMLTextAreaElement>('[data-testid="journal-text"]')!;
    expect(text.getAttribute('aria-invalid')).toBe('true');
    const errorId = text.getAttribute('aria-describedby')!;
    expect(p.root.querySelector(`#${errorId}`)?.getAttribute('role')).toBe('alert');
    expect(mc.records).toHaveLength(0);

    await typeInto(p.$<HTMLInputElement>('[data-testid="journal-when"]')!, '1900-01-01T10:00');
    await choose(p.$<HTMLSelectElement>('[data-testid="journal-kind"]')!, 'threat');
    const big = 'x'.repeat(1024 * 1024);
    await typeInto(text, big);
    await typeInto(p.$<HTMLInputElement>('[data-testid="journal-reference"]')!, 'Police ref 2026/118');
    await click(p.$('[data-testid="journal-link"]')!);
    const hostile = `../../x\u0007${'y'.repeat(292)}.png`;
    pickFiles(p.$<HTMLInputElement>('[data-testid="journal-files"]')!, [
      new File([new Uint8Array([1, 2, 3])], 'call-log.png', { type: 'image/png' }),
      new File([], 'empty.txt'),
      new File([new Uint8Array([4])], hostile, { type: 'image/png' }),
    ]);
    await submit(form);
    await waitFor(() => p.$$('[data-testid="journal-file"]').every((li) => li.dataset.state === 'added' || li.dataset.state === 'failed') && p.$$('[data-testid="journal-file"]').length === 3);
    const entry = mc.records.find((r) => r.journal)!;
    expect(entry.text).toHaveLength(1024 * 1024);
    expect(entry.journal).toMatchObject({ kind: 'threat', reference: 'Police ref 2026/118', links: ['cap-1'], when: { precision: 'exact', local: '1900-01-01T10:00' } });
    // The 0-byte file never reached the vault; the others are added to the entry.
    expect(mc.calls.filter((c) => c.startsWith('addFile:'))).toEqual(['addFile:call-log.png', `addFile:${hostile}`]);
    expect(mc.records.filter((r) => r.addedFile).every((r) => r.addedFile!.entryId === entry.journal!.entryId)).toBe(true);
    const items = p.$$('[data-testid="journal-file"]');
    expect(items.map((li) => li.dataset.state)).toEqual(['added', 'failed', 'added']);
    expect(items[1]!.querySelector('[role="alert"]')?.textContent).toBe('journalFileEmpty');
    const shown = items[2]!.querySelector('.case-file-name')!;
    expect(shown.textContent).toContain('⟨U+0007⟩');
    expect(shown.textContent!.length).toBeLessThan(80);
    expect(shown.getAttribute('title')).toContain(`../../x⟨U+0007⟩${'y'.repeat(292)}.png`);
  });

  it('a file the vault refuses is reported; the entry stays', async () => {
    const mc = memoryCase();
    mc.failFile = 'big.mov';
    page = mountPage(JournalPage, mc.vault);
    const p = page;
    await waitFor(() => p.$('[data-testid="journal-add"]'));
    await click(p.$('[data-testid="journal-add"]')!);
    // A second press never closes the form; it goes to the first field.
    await click(p.$('[data-testid="journal-add"]')!);
    expect(p.$('[data-testid="journal-form"]')).not.toBeNull();
    expect(document.activeElement).toBe(p.$('[data-testid="journal-when"]'));
    await typeInto(p.$<HTMLTextAreaElement>('[data-testid="journal-text"]')!, 'He waited outside work');
    Object.defineProperty(p.$('[data-testid="journal-files"]')!, 'files', { value: [new File([new Uint8Array(8)], 'big.mov')], configurable: true });
    await submit(p.$<HTMLFormElement>('[data-testid="journal-form"]')!);
    await waitFor(() => p.$('[data-testid="journal-file"][data-state="failed"]'));
    expect(p.$('[data-testid="journal-file"] [role="alert"]')!.textContent).toBe('journalFileQuota');
    expect(mc.records.filter((r) => r.journal)).toHaveLength(1);
    await waitFor(() => p.$$('[data-testid="journal-entry"]').length === 1);
  });

  it('editing saves a new version and lists what changed', async () => {
    const mc = memoryCase();
    const first = await mc.vault.addJournalEntry({ when: { precision: 'date', local: '2026-11-02', offset: '+01:00' }, kind: 'following', text: 'Saw him at the station' }, { version: '1', browser: 'b', userAgent: 'u' });
    const entryId = first.journal!.entryId;
    page = mountPage(JournalPage, mc.vault, [entryId, 'edit']);
    const p = page;
    const text = await waitFor(() => p.$<HTMLTextAreaElement>('[data-testid="journal-text"]'));
    expect(text.value).toBe('Saw him at the station');
    expect(p.$<HTMLInputElement>('[data-testid="journal-precision-date"]')!.checked).toBe(true);
    await typeInto(text, 'Saw him at the station, twice');
    await submit(p.$<HTMLFormElement>('[data-testid="journal-form"]')!);
    await waitFor(() => p.$('[data-testid="journal-versions"]')?.getAttribute('data-count') === '2');
    expect(mc.calls).toContain('editJournalEntry');
    const v2 = p.$$('[data-testid="journal-version"]')[1]!;
    expect(v2.textContent).toContain('journalField_text');
    expect(v2.querySelector('del')!.textContent).toBe('Saw him at the station');
    expect(v2.querySelector('ins')!.textContent).toBe('Saw him at the station, twice');
    // The list says it was edited.
    await p.route([]);
    const row = await waitFor(() => p.$('[data-testid="journal-entry"]'));
    expect(row.dataset.versions).toBe('2');
    expect(row.textContent).toContain('journalEdited');
    await act(async () => undefined);
  });
});
