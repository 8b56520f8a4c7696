import { describe, expect, it } from 'vitest';
import type { Person } from '../../model/case';
import { seenAccounts } from './accounts';
import { shownName } from './labels';
import { accountLabel } from './PeoplePage';
import { captureSummary } from './test-support';

const at = '2026-11-01T10:00:00.000Z';

describe('accounts seen in the records', () => {
  const summaries = [
    captureSummary(1, at, { kind: 'post', authorKeys: ['x:id:1', 'x:@bob'], handle: 'Bob', displayName: 'Bob B' }),
    captureSummary(2, at, { kind: 'reply', authorKeys: ['x:@bob'], handle: 'bob' }),
    // A DM thread: its author (alice) first, then the participants (bob with his id, carol by handle only).
    captureSummary(3, at, { kind: 'dm-thread', authorKeys: ['x:id:2', 'x:@alice', 'x:id:1', 'x:@bob', 'x:@carol'], handle: 'alice', displayName: 'Alice' }),
    captureSummary(4, at, { kind: 'post', platform: 'instagram', authorKeys: ['instagram:@bob'], handle: 'bob', displayName: 'Bob on IG' }),
    captureSummary(5, at, { kind: 'post', authorKeys: ['x:@ghost'], handle: 'ghost', deleted: true }),
    captureSummary(6, at, { kind: 'journal-entry', platform: 'added', authorKeys: [] }),
  ];
  const carol: Person = {
    id: 'p-carol',
    name: 'Carol',
    identifiers: [{ id: 'i1', type: 'account', account: { platform: 'x', handle: 'carol', keys: ['x:@carol'] }, addedAt: at }],
    createdAt: at,
    updatedAt: at,
  };

  it('leaves out the person capturing, also where a record names them without the flag (a message they sent)', () => {
    const me = { platform: 'x' as const, keys: ['x:@me'], handle: 'me', self: true as const };
    const thread = captureSummary(10, at, { kind: 'dm-thread', authorKeys: ['x:@troll', 'x:@me'], handle: 'troll', accounts: [{ platform: 'x' as const, keys: ['x:@troll'], handle: 'troll' }, me] });
    // A message the person sent: its author is their own account, not flagged on this record.
    const sent = captureSummary(11, at, { kind: 'dm-message', authorKeys: ['x:@me'], handle: 'me', accounts: [{ platform: 'x' as const, keys: ['x:@me'], handle: 'me' }] });
    // Another conversation names them as a participant without the flag (the page did not say who sent what).
    const other = captureSummary(12, at, { kind: 'dm-thread', authorKeys: ['x:@alt', 'x:@me'], handle: 'alt', accounts: [{ platform: 'x' as const, keys: ['x:@alt'], handle: 'alt' }, { platform: 'x' as const, keys: ['x:@me'], handle: 'me' }] });
    // And a record without per-account keys whose author is them.
    const old = captureSummary(13, at, { kind: 'dm-thread', authorKeys: ['x:@me', 'x:@troll'], handle: 'me' });
    const accounts = seenAccounts([thread, sent, other, old], []);
    expect(accounts.map((a) => a.account.keys.join(' '))).toEqual(['x:@troll', 'x:@alt']);
  });

  it('joins the keys one account shows up under, keeps participants of a thread apart, and counts records', () => {
    const accounts = seenAccounts(summaries, [carol]);
    const by = new Map(accounts.map((a) => [a.account.keys.join(' '), a]));
    expect([...by.keys()].sort()).toEqual(['instagram:@bob', 'x:@alice x:id:2', 'x:@bob x:id:1', 'x:@carol']);
    const bob = by.get('x:@bob x:id:1')!;
    expect(bob.records).toBe(3);
    expect(bob.account).toMatchObject({ platform: 'x', accountId: '1', displayName: 'Bob B' });
    expect(bob.names).toEqual(['Bob B']);
    expect(bob.personId).toBeUndefined();
    expect(by.get('x:@alice x:id:2')).toMatchObject({ records: 1, account: { handle: 'alice', accountId: '2', displayName: 'Alice' } });
    expect(by.get('x:@carol')).toMatchObject({ records: 1, personId: 'p-carol' });
    expect(by.get('instagram:@bob')).toMatchObject({ records: 1, account: { platform: 'instagram', displayName: 'Bob on IG' } });
    // Most records first.
    expect(accounts[0]).toBe(bob);
  });

  it('leaves out deleted records and records without accounts', () => {
    expect(seenAccounts(summaries, []).some((a) => a.account.keys.includes('x:@ghost'))).toBe(false);
    expect(seenAccounts([], [])).toEqual([]);
  });

  it('a person holding two keys of one account keeps them together even if no record shows both', () => {
    const s = [captureSummary(1, at, { authorKeys: ['facebook:id:9'] }), captureSummary(2, at, { authorKeys: ['facebook:@dan'] })];
    expect(seenAccounts(s, []).length).toBe(2);
    const dan: Person = { ...carol, id: 'p-dan', identifiers: [{ id: 'i', type: 'account', account: { platform: 'facebook', keys: ['facebook:id:9', 'facebook:@dan'] }, addedAt: at }] };
    const joined = seenAccounts(s, [dan]);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ records: 2, personId: 'p-dan' });
  });
});

describe('accounts named by the vault', () => {
  it("uses each account's own keys and names, and leaves out the person capturing", () => {
    const s = [
      captureSummary(1, at, {
        kind: 'dm-thread',
        authorKeys: ['x:id:7', 'x:@me', 'x:id:8', 'x:@stalker'],
        accounts: [
          { platform: 'x', accountId: '7', handle: 'me', keys: ['x:id:7', 'x:@me'], self: true },
          { platform: 'x', accountId: '8', handle: 'Stalker', displayName: 'S', keys: ['x:id:8', 'x:@stalker'] },
        ],
      }),
      captureSummary(2, at, { kind: 'dm-message', authorKeys: ['x:@stalker'], accounts: [{ platform: 'x', handle: 'stalker', displayName: 'S2', keys: ['x:@stalker'] }] }),
    ];
    const accounts = seenAccounts(s, []);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ records: 2, names: ['S', 'S2'], account: { keys: ['x:@stalker', 'x:id:8'], handle: 'Stalker', accountId: '8' } });
  });
});

describe('hostile names are shown safely', () => {
  it('an account whose display name reorders text shows the hidden characters', () => {
    const label = accountLabel({ platform: 'x', handle: 'bob\u200b', displayName: 'Bob\u202Egnp.exe', keys: ['x:@bob'] });
    expect(label).toContain('⟨U+202E⟩');
    expect(label).toContain('⟨U+200B⟩');
    expect(label).not.toContain('\u202E');
  });

  it('file names: paths as text, control characters as markers, long names cut with the whole name kept', () => {
    expect(shownName('../../x')).toEqual({ text: '../../x', full: '../../x', cut: false });
    const ctl = shownName('a\u0007b\u202Ec.txt');
    expect(ctl.text).toBe('a⟨U+0007⟩b⟨U+202E⟩c.txt');
    const long = `${'n'.repeat(296)}.pdf`;
    const cut = shownName(long, 60);
    expect(cut.cut).toBe(true);
    expect([...cut.text].length).toBe(60);
    expect(cut.text.endsWith('.pdf')).toBe(true);
    expect(cut.full).toBe(long);
  });
});
