/**
 * Instagram post codes and the time they encode (issue #4, "capture profile with posts").
 *
 * A post's shortcode (`/p/<code>/`, `/reel/<code>/`) is its numeric media id written in base 64 with the alphabet
 * A–Z a–z 0–9 - _ (most significant digit first). Since Instagram's sharded ids (2011), a media id is
 * `(milliseconds since 1314220021721) << 23 | shard << 10 | sequence`, so the id says when it was created, to the
 * millisecond. The profile grid shows no dates: this is the only time a grid tile carries. It is DERIVED, never
 * shown by the page, so records keep it apart from `itemTime` (fields.timeFromId).
 *
 * Codes longer than 11 characters (Instagram gives some posts, e.g. of private accounts, longer codes whose extra
 * characters are not part of the id) and codes that do not decode to a sharded id are rejected: no time rather than
 * a wrong one.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Instagram's id epoch: 2011-08-24T21:07:01.721Z. */
export const INSTAGRAM_EPOCH_MS = 1314220021721;
/** A public post's code is at most 11 characters (66 bits hold a 64-bit id). */
export const MAX_CODE_LENGTH = 11;
const MAX_ID = (1n << 63n) - 1n;
const DAY_MS = 86_400_000;

/** The numeric media id a shortcode stands for, or null when it is not a plain media-id code. */
export function mediaIdOfShortcode(code: string): bigint | null {
  if (code.length === 0 || code.length > MAX_CODE_LENGTH) return null;
  let id = 0n;
  for (const ch of code) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    id = id * 64n + BigInt(digit);
  }
  return id > 0n && id <= MAX_ID ? id : null;
}

/** The shortcode of a media id (the inverse of mediaIdOfShortcode). */
export function shortcodeOfMediaId(id: bigint): string {
  if (id <= 0n) throw new RangeError('a media id is positive');
  let out = '';
  for (let n = id; n > 0n; n /= 64n) out = ALPHABET[Number(n % 64n)] + out;
  return out;
}

/** The media id built from a creation time (ms since 1970), a shard and a sequence number (for tests and replicas). */
export function mediaIdOfTime(ms: number, shard = 0, sequence = 0): bigint {
  return (BigInt(ms - INSTAGRAM_EPOCH_MS) << 23n) | (BigInt(shard & 0x1fff) << 10n) | BigInt(sequence & 0x3ff);
}

export interface TimeFromCode {
  /** The media id, in decimal. */
  mediaId: string;
  /** When the id was created, UTC ISO-8601 with milliseconds. */
  time: string;
}

/**
 * The creation time a shortcode encodes, or null: a code that is not a media id, an id from before Instagram's
 * sharded ids (its time part is less than a day after the epoch), or a time after `now` (plus a day's slack).
 */
export function timeFromShortcode(code: string, now: number = Date.now()): TimeFromCode | null {
  const id = mediaIdOfShortcode(code);
  if (id === null) return null;
  const offset = Number(id >> 23n);
  if (offset < DAY_MS) return null;
  const ms = INSTAGRAM_EPOCH_MS + offset;
  if (ms > now + DAY_MS) return null;
  return { mediaId: id.toString(), time: new Date(ms).toISOString() };
}
