import { describe, expect, it } from 'vitest';
import type { EvidenceRecord, ExtractedContent } from '../model/evidence';
import { authorKey } from '../vault/author-key';
import { accountKeys, isPileOnRecord, pileOnAccounts, profileUrlOf, transcriptReplies } from './pile-on';

const reply = (handle: string | undefined, text: string, extra: Partial<ExtractedContent> = {}): ExtractedContent => ({
  kind: 'reply',
  platform: 'x',
  ...(handle ? { author: { handle } } : {}),
  text,
  links: [],
  media: [],
  method: 'adapter',
  warnings: [],
  ...extra,
});

const post = (replies: ExtractedContent[]) =>
  ({ platform: 'x', kind: 'post', author: { handle: 'Victim' }, content: { ...reply('Victim', 'my post'), kind: 'post', messages: replies }, artifacts: [] }) as unknown as EvidenceRecord;

describe('pile-on accounts', () => {
  it('counts replies per account, most first, ties by name, without the post author', () => {
    const rec = post([reply('bob', '1'), reply('amy', '2'), reply('Bob', '3'), reply('victim', 'thanks'), reply('carl', '4'), reply('amy', '5'), reply('bob', '6')]);
    const list = pileOnAccounts(rec);
    expect(list.map((a) => [a.handle, a.count])).toEqual([
      ['bob', 3],
      ['amy', 2],
      ['carl', 1],
    ]);
    expect(list[0]!.keys).toEqual(['x:@bob']);
    expect(list[0]!.replies.map((r) => r.text)).toEqual(['1', '3', '6']);
    expect(list[0]!.profileUrl).toBe('https://x.com/bob');
  });

  it("leaves out the capturing person's own replies (sent, or one of their accounts)", () => {
    const rec = post([reply('me', 'mine', { direction: 'sent' }), reply('alt', 'my other account'), reply('troll', 'x')]);
    expect(pileOnAccounts(rec, undefined, { self: ['x:@alt'] }).map((a) => a.handle)).toEqual(['troll']);
  });

  it('counts one account seen with and without its id together; keys match the vault', () => {
    const rec = post([reply('Troll', 'a'), reply('troll', 'b', { author: { handle: 'troll', accountId: '42' } })]);
    const [a, ...rest] = pileOnAccounts(rec);
    expect(rest).toEqual([]);
    expect(a!.count).toBe(2);
    expect(a!.keys.sort()).toEqual(authorKey('x', { handle: 'troll', accountId: '42' }).sort());
    expect(accountKeys('instagram', { handle: '@Some.One', accountId: ' 7 ' })).toEqual(authorKey('instagram', { handle: '@Some.One', accountId: ' 7 ' }));
  });

  it('keeps a reply with only a display name, skips one with no author at all', () => {
    const rec = post([reply(undefined, 'anon'), reply(undefined, 'named', { author: { displayName: 'Some Page' } })]);
    const list = pileOnAccounts(rec);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ displayName: 'Some Page', keys: [], count: 1 });
  });

  it('reads the stored transcript defensively (bad input gives no replies, never an error)', () => {
    const json = JSON.stringify({ format: 'holdfast-thread-transcript', entries: [{ n: 1, key: 'k', ...reply('z', 'hi') }, 'junk', null, [1]] });
    expect(transcriptReplies(json).map((e) => e.author?.handle)).toEqual(['z']);
    expect(transcriptReplies('not json')).toEqual([]);
    expect(transcriptReplies('{"entries": 3}')).toEqual([]);
    expect(transcriptReplies('null')).toEqual([]);
    // Hostile authors: non-string fields are ignored, markup stays text.
    const hostile = [{ ...reply(undefined, '<img src=x onerror=alert(1)>'), author: { handle: 5, displayName: '<b>x</b>' } } as unknown as ExtractedContent];
    expect(pileOnAccounts(post([]), hostile)).toMatchObject([{ displayName: '<b>x</b>', count: 1, replies: [{ text: '<img src=x onerror=alert(1)>' }] }]);
  });

  it('builds profile links only over https and from plain handles', () => {
    expect(profileUrlOf('instagram', { handle: 'a.b' })).toBe('https://www.instagram.com/a.b/');
    expect(profileUrlOf('x', { handle: 'a', profileUrl: 'javascript:alert(1)' })).toBe('https://x.com/a');
    expect(profileUrlOf('x', { handle: '../evil' })).toBeUndefined();
    expect(profileUrlOf('facebook', { profileUrl: 'https://www.facebook.com/some.one' })).toBe('https://www.facebook.com/some.one');
    expect(profileUrlOf('messenger', { handle: 'a' })).toBeUndefined();
  });

  it('knows which records list a pile-on', () => {
    expect(isPileOnRecord(post([reply('a', 'b')]))).toBe(true);
    const thread = { kind: 'post', content: { fields: { replies: '3' } }, artifacts: [{ role: 'transcript', mediaType: 'application/json' }] } as unknown as EvidenceRecord;
    expect(isPileOnRecord(thread)).toBe(true);
    expect(isPileOnRecord({ ...thread, kind: 'dm-thread' })).toBe(false);
    expect(isPileOnRecord({ ...thread, deleted: { at: 'x' } })).toBe(false);
    expect(isPileOnRecord({ ...thread, content: { fields: {} } } as unknown as EvidenceRecord)).toBe(false);
  });
});
