import { describe, expect, it } from 'vitest';
import { cleanAccountIds, PILE_ON_LIMITS, parsePileOnArg, pileOnHash, validRecordId } from './pile-on-link';

/** What the vault page's router does to a path segment (src/ui/vault/route.ts: split on "/", decode once). */
const segment = (hash: string) => decodeURIComponent(hash.split('/')[3]!);

describe('pile-on link', () => {
  it('round-trips the record id and the ticked author keys, whatever characters they hold', () => {
    const ids = ['x:@amy', 'x:id:123', 'facebook:name:a, b / c?d=e&f#g%'];
    const hash = pileOnHash('rec_1-a', ids)!;
    expect(hash.startsWith('#/reports/pile-on/rec_1-a?accounts=')).toBe(true);
    expect(hash.split('/')).toHaveLength(4);
    expect(hash.indexOf('#', 1)).toBe(-1);
    expect(parsePileOnArg(segment(hash))).toEqual({ recordId: 'rec_1-a', accounts: ids });
    expect(pileOnHash('rec', [])).toBe('#/reports/pile-on/rec');
    expect(parsePileOnArg('rec')).toEqual({ recordId: 'rec', accounts: [] });
  });

  it('refuses record ids that are not the vault\'s', () => {
    for (const bad of ['', '../x', 'a/b', 'a?b', 'x'.repeat(101), 'ré', 'a b']) expect(pileOnHash(bad, ['x:@a']), bad).toBeNull();
    expect(validRecordId(42)).toBe(false);
  });

  it('cleans account ids: only strings, no blanks, repeats or giants, at most the limit', () => {
    expect(cleanAccountIds(['x:@a', ' x:@a ', '', 3, null, 'y'.repeat(PILE_ON_LIMITS.idLength + 1), 'x:@b'])).toEqual(['x:@a', 'x:@b']);
    expect(cleanAccountIds('x:@a')).toEqual([]);
    expect(cleanAccountIds(Array.from({ length: 500 }, (_, i) => `x:@a${i}`))).toHaveLength(PILE_ON_LIMITS.accounts);
  });

  it('reads bad links without throwing: broken escapes left out, other queries ignored', () => {
    expect(parsePileOnArg('rec?accounts=%E0%A4%A,x%3A%40b')).toEqual({ recordId: 'rec', accounts: ['x:@b'] });
    expect(parsePileOnArg('rec?other=1')).toEqual({ recordId: 'rec', accounts: [] });
    expect(parsePileOnArg(undefined)).toEqual({ accounts: [] });
    expect(parsePileOnArg('?accounts=x')).toEqual({ accounts: ['x'] });
  });
});
