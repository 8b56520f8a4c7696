/**
 * Instagram shortcodes and the creation time their media ids encode (shortcode.ts): codes built here from ids of
 * chosen times decode back to those ids and times; a code published with its id (ybyPRoQWzX ↔ 908540701891980503)
 * decodes to it; codes that are not plain media ids (longer than 11 characters, foreign characters, pre-2011 ids,
 * times in the future) give no time rather than a wrong one.
 */
import { describe, expect, it } from 'vitest';
import { INSTAGRAM_EPOCH_MS, MAX_CODE_LENGTH, mediaIdOfShortcode, mediaIdOfTime, shortcodeOfMediaId, timeFromShortcode } from './shortcode';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

describe('Instagram shortcodes', () => {
  it('round-trips ids built from chosen times, shards and sequences', () => {
    const cases: [string, number, number][] = [
      ['2026-11-20T21:00:00.000Z', 4001, 7],
      ['2026-02-14T19:00:00.417Z', 8191, 1023],
      ['2019-06-30T23:59:59.999Z', 0, 0],
      ['2012-01-01T00:00:00.001Z', 1, 1],
    ];
    for (const [iso, shard, seq] of cases) {
      const id = mediaIdOfTime(Date.parse(iso), shard, seq);
      const code = shortcodeOfMediaId(id);
      expect(code).toMatch(/^[A-Za-z0-9_-]{1,11}$/);
      expect(mediaIdOfShortcode(code)).toBe(id);
      expect(timeFromShortcode(code, NOW)).toEqual({ mediaId: id.toString(), time: iso });
      // Shard and sequence live in the low 23 bits: they never move the time.
      expect(Number(id & ((1n << 23n) - 1n))).toBe((shard << 10) | seq);
    }
  });

  it('decodes a code published with its media id', () => {
    expect(mediaIdOfShortcode('ybyPRoQWzX')).toBe(908540701891980503n);
    expect(shortcodeOfMediaId(908540701891980503n)).toBe('ybyPRoQWzX');
    expect(timeFromShortcode('ybyPRoQWzX', NOW)?.time).toBe('2015-01-29T10:15:13.321Z');
  });

  it('a 2026 code is 11 characters; the epoch is Instagram’s', () => {
    expect(shortcodeOfMediaId(mediaIdOfTime(Date.parse('2026-11-20T21:00:00.000Z'))).length).toBe(MAX_CODE_LENGTH);
    expect(new Date(INSTAGRAM_EPOCH_MS).toISOString()).toBe('2011-08-24T21:07:01.721Z');
  });

  it('gives no time for a private post’s longer code, foreign characters, an empty code or an id too large', () => {
    const code = shortcodeOfMediaId(mediaIdOfTime(Date.parse('2026-03-01T10:00:00.000Z'), 12, 3));
    const longer = `${code}Qx3fLm9zKpT0aBcD-_eFgHiJkLmNoPq`;
    expect(longer.length).toBeGreaterThan(MAX_CODE_LENGTH);
    expect(mediaIdOfShortcode(longer)).toBeNull();
    expect(timeFromShortcode(longer, NOW)).toBeNull();
    expect(timeFromShortcode('', NOW)).toBeNull();
    expect(timeFromShortcode('Df-khp.voQH', NOW)).toBeNull();
    expect(timeFromShortcode('DTl0ngThr3%', NOW)).toBeNull();
    expect(mediaIdOfShortcode('___________')).toBeNull(); // 2^66 - 1: no 64-bit id
  });

  it('gives no time for ids from before sharded ids, or for a time in the future', () => {
    expect(timeFromShortcode(shortcodeOfMediaId(123456789n), NOW)).toBeNull();
    const future = shortcodeOfMediaId(mediaIdOfTime(NOW + 3 * 86_400_000));
    expect(mediaIdOfShortcode(future)).not.toBeNull();
    expect(timeFromShortcode(future, NOW)).toBeNull();
    expect(timeFromShortcode(shortcodeOfMediaId(mediaIdOfTime(NOW - 1000)), NOW)?.time).toBe(new Date(NOW - 1000).toISOString());
  });

  it('refuses to encode an id that is not positive', () => {
    expect(() => shortcodeOfMediaId(0n)).toThrow(RangeError);
    expect(() => shortcodeOfMediaId(-5n)).toThrow(RangeError);
  });
});
