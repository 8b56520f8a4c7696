// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonSuggestion } from '../../model/case';
import { PeoplePage } from './PeoplePage';
import { captureSummary, memoryCase } from './test-support';
import { choose, click, mountPage, submit, typeInto, waitFor } from './ui-test';

let page: ReturnType<typeof mountPage> | undefined;
afterEach(() => {
  page?.unmount();
  page = undefined;
});

const summaries = [
  captureSummary(1, '2026-11-03T01:17:00Z', { kind: 'post', authorKeys: ['x:id:1', 'x:@bob'], handle: 'bob', displayName: 'Bob\u202Eevil' }),
  captureSummary(2, '2026-11-04T01:17:00Z', { kind: 'reply', authorKeys: ['x:@bob'], handle: 'bob' }),
  captureSummary(3, '2026-11-05T01:17:00Z', { kind: 'post', platform: 'instagram', authorKeys: ['instagram:@bobby'], handle: 'bobby', displayName: 'Bob' }),
];

describe('people page', () => {
  it('adds a person (name required), lists them with their number of accounts, assigns an account from the accounts list', async () => {
    const mc = memoryCase(summaries);
    page = mountPage(PeoplePage, mc.vault);
    const p = page;
    await waitFor(() => p.$$('[data-testid="account-row"]').length === 2);
    // The accounts seen: bob on X (two keys, two records), bobby on Instagram; hidden characters shown.
    const rows = p.$$('[data-testid="account-row"]');
    expect(rows[0]!.dataset.accountKeys).toBe('x:@bob x:id:1');
    expect(rows[0]!.textContent).toContain('⟨U+202E⟩');
    expect(rows[0]!.textContent).toContain('peopleRecords');
    // Found by handle or name.
    await typeInto(p.$<HTMLInputElement>('[data-testid="account-search"]')!, '@bobby');
    expect(p.$$('[data-testid="account-row"]').map((r) => r.dataset.accountKeys)).toEqual(['instagram:@bobby']);
    await typeInto(p.$<HTMLInputElement>('[data-testid="account-search"]')!, '');

    await click(p.$('[data-testid="person-add"]')!);
    await submit(p.$<HTMLFormElement>('#person-add-form form')!);
    expect(p.$('[data-testid="person-name"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(p.$('#person-name-error')!.getAttribute('role')).toBe('alert');
    expect(mc.people).toHaveLength(0);
    await typeInto(p.$<HTMLInputElement>('[data-testid="person-name"]')!, 'My ex');
    await click(p.$('[data-testid="person-save"]')!);
    const row = await waitFor(() => p.$('[data-testid="person-row"]'));
    expect(row.dataset.personId).toBe(mc.people[0]!.id);
    expect(row.dataset.accounts).toBe('0');

    await choose(p.$$<HTMLSelectElement>('[data-testid="account-person"]')[0]!, mc.people[0]!.id);
    await waitFor(() => p.$('[data-testid="person-row"]')!.dataset.accounts === '1');
    expect(mc.calls).toContain(`assignAccount:${mc.people[0]!.id}:x:@bob,x:id:1`);
    // Their contacts now count on the person's row (two records through the account).
    expect(p.$('[data-testid="person-row"]')!.textContent).toContain('2026-11-03');
  });

  it('suggestions are shown with their reason and applied only on Accept; Dismiss hides one for the session', async () => {
    const mc = memoryCase(summaries);
    const suggestion: PersonSuggestion = {
      accounts: [
        { platform: 'x', handle: 'bob', keys: ['x:id:1', 'x:@bob'] },
        { platform: 'instagram', handle: 'bobby', keys: ['instagram:@bobby'] },
      ],
      reason: 'same-display-name',
      detail: 'Bob',
    };
    const other: PersonSuggestion = { ...suggestion, reason: 'same-thread', detail: 'a DM' };
    mc.vault.suggestPeople = async () => [suggestion, other];
    page = mountPage(PeoplePage, mc.vault);
    const p = page;
    await waitFor(() => p.$$('[data-testid="person-suggestion"]').length === 2);
    expect(mc.calls.some((c) => c.startsWith('assignAccount'))).toBe(false);
    expect(p.$('[data-testid="person-suggestion"]')!.textContent).toContain('peopleReasonName');
    await click(p.$$('[data-testid="suggestion-dismiss"]')[1]!);
    expect(p.$$('[data-testid="person-suggestion"]').map((s) => s.dataset.reason)).toEqual(['same-display-name']);
    await click(p.$('[data-testid="suggestion-accept"]')!);
    await waitFor(() => mc.people.length === 1 && mc.people[0]!.identifiers.length === 2);
    expect(mc.calls.filter((c) => c.startsWith('assignAccount'))).toHaveLength(2);
  });

  it('person page: identifiers (add, refuse bad e-mail, remove), split an account off, merge and delete ask first', async () => {
    const mc = memoryCase(summaries);
    const a = await mc.vault.savePerson({ name: 'Unknown 1' });
    const b = await mc.vault.savePerson({ name: 'Number guy' });
    await mc.vault.assignAccount(a.id, { platform: 'x', handle: 'bob', keys: ['x:id:1', 'x:@bob'] });
    page = mountPage(PeoplePage, mc.vault, [a.id]);
    const p = page;
    await waitFor(() => p.$('[data-testid="person-account"]'));
    expect(p.$('[data-testid="person-contacts"]')!.dataset.total).toBe('2');
    expect(p.$$('[data-testid="case-timeline"] a').map((l) => l.getAttribute('href'))).toEqual(['#/record/cap-2', '#/record/cap-1']);

    await choose(p.$<HTMLSelectElement>('[data-testid="person-id-type"]')!, 'email');
    await typeInto(p.$<HTMLInputElement>('[data-testid="person-id-value"]')!, 'not-an-address');
    await click(p.$('[data-testid="person-id-save"]')!);
    expect(p.$('#person-id-error')!.textContent).toBe('peopleIdEmail');
    await choose(p.$<HTMLSelectElement>('[data-testid="person-id-type"]')!, 'phone');
    await typeInto(p.$<HTMLInputElement>('[data-testid="person-id-value"]')!, '+593 99 123 4567');
    await click(p.$('[data-testid="person-id-save"]')!);
    await waitFor(() => p.$('[data-testid="person-identifier"]'));
    expect(mc.people[0]!.identifiers.map((i) => i.type)).toEqual(['account', 'phone']);
    await click(p.$('[data-testid="person-identifier"] button')!);
    await waitFor(() => !p.$('[data-testid="person-identifier"]'));

    // Merge asks first; Cancel changes nothing.
    await choose(p.$<HTMLSelectElement>('[data-testid="person-merge-with"]')!, b.id);
    await click(p.$('[data-testid="person-merge"]')!);
    expect(p.$('[data-testid="person-confirm"]')!.textContent).toContain('peopleMergeConfirm');
    await click(p.$('[data-testid="person-confirm-no"]')!);
    expect(mc.people).toHaveLength(2);
    await click(p.$('[data-testid="person-merge"]')!);
    await click(p.$('[data-testid="person-confirm-yes"]')!);
    await waitFor(() => mc.people.length === 1);
    expect(mc.people[0]!.id).toBe(a.id);

    // Split the account off to a new person.
    await click(p.$('[data-testid="person-split-new"]')!);
    await waitFor(() => mc.people.length === 2 && mc.people[0]!.identifiers.length === 0);
    expect(mc.people[1]!.identifiers[0]!.account!.keys).toEqual(['x:id:1', 'x:@bob']);

    // Delete asks first and says records stay.
    await click(p.$('[data-testid="person-delete"]')!);
    expect(p.$('[data-testid="person-confirm"]')!.textContent).toContain('peopleDeleteConfirm');
    await click(p.$('[data-testid="person-confirm-yes"]')!);
    await waitFor(() => location.hash === '#/people');
    expect(mc.people).toHaveLength(1);
    await act(async () => undefined);
  });
});
