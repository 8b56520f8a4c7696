import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../model/evidence';
import { accountsIn, localDaysToUtc } from './accounts';

const rec = (platform: string, author?: object, extra: object = {}) =>
  ({ platform, author, content: { participants: [] }, ...extra }) as unknown as EvidenceRecord;

describe('accountsIn', () => {
  it('groups by platform account id (else handle), counts captures, keeps names, skips deleted records', () => {
    const choices = accountsIn([
      rec('x', { handle: 'Alice', accountId: '1', displayName: 'Alice A' }),
      rec('x', { handle: 'alice_new', accountId: '1', displayName: 'Alice B' }),
      rec('x', { handle: '@Bob' }),
      rec('instagram', { handle: 'bob' }),
      rec('x', { handle: 'bob' }),
      rec('x', { handle: 'gone' }, { deleted: { at: 'x' } }),
      rec('messenger', { displayName: 'No ids' }),
      rec('messenger', { accountId: '77' }, { content: { participants: [{ accountId: '77' }, { accountId: '88', displayName: 'Eve' }] } }),
    ]);
    expect(choices.map((c) => [c.key, c.captures])).toEqual([
      ['x|@bob', 2],
      ['x|id:1', 2],
      ['instagram|@bob', 1],
      ['messenger|id:77', 1],
      ['messenger|id:88', 1],
    ]);
    const alice = choices.find((c) => c.key === 'x|id:1')!;
    expect(alice.names).toEqual(['Alice A', 'Alice B']);
    expect(alice.account).toEqual({ platform: 'x', handle: 'Alice', accountId: '1' });
  });
});

describe('localDaysToUtc', () => {
  it('turns local calendar days into [start of first day, start of the day after the last)', () => {
    const range = localDaysToUtc('2026-11-20', '2026-11-21');
    expect(new Date(range.from!).getTime()).toBe(new Date(2026, 10, 20).getTime());
    expect(new Date(range.to!).getTime()).toBe(new Date(2026, 10, 22).getTime());
    expect(localDaysToUtc('', '2026-11-21').from).toBeUndefined();
    expect(localDaysToUtc('nonsense', '')).toEqual({});
  });
});
