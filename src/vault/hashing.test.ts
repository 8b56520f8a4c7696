import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../model/evidence';
import { canonicalJson, computeCustodyHash, computeRecordHash, recordHashInput, sha256Hex, sizedHasher } from './hashing';
import { sampleRecord } from './test-support';

describe('sizedHasher', () => {
  const bytes = Uint8Array.from({ length: 100_003 }, (_v, i) => (i * 31 + 7) % 256);
  const expected = createHash('sha256').update(bytes).digest('hex');
  const feed = (h: ReturnType<typeof sizedHasher>, data: Uint8Array, piece: number) => {
    for (let at = 0; at < data.byteLength; at += piece) h.update(data.subarray(at, at + piece));
  };

  it('gives the same hex natively (whole copy) and incrementally (over the bound), in any piece size', async () => {
    for (const piece of [1 << 16, 4093, 100_003]) {
      const native = sizedHasher(bytes.byteLength);
      feed(native, bytes, piece);
      expect(await native.digest()).toBe(expected);
      const incremental = sizedHasher(bytes.byteLength, 1000);
      feed(incremental, bytes, piece);
      expect(await incremental.digest()).toBe(expected);
    }
  });

  it('hashes fewer bytes than announced as given, and more than announced without losing any', async () => {
    const fewer = sizedHasher(bytes.byteLength + 10);
    feed(fewer, bytes, 4096);
    expect(await fewer.digest()).toBe(expected);
    const more = sizedHasher(50_000);
    feed(more, bytes, 4096);
    expect(await more.digest()).toBe(expected);
    const empty = sizedHasher(0);
    expect(await empty.digest()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a size that is not a byte count hashes incrementally', async () => {
    for (const size of [-1, Number.NaN, 2 ** 60]) {
      const h = sizedHasher(size);
      feed(h, bytes, 8192);
      expect(await h.digest()).toBe(expected);
    }
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes bytes and the UTF-8 encoding of strings alike', async () => {
    const text = 'héllo 👋';
    expect(await sha256Hex(new TextEncoder().encode(text))).toBe(await sha256Hex(text));
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('hashes only the viewed part of a Uint8Array', async () => {
    const whole = new Uint8Array([0, 0, 97, 98, 99, 0]);
    expect(await sha256Hex(whole.subarray(2, 5))).toBe(await sha256Hex('abc'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,2]},"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ z: 1, y: { q: true, p: null } })).toBe(canonicalJson({ y: { p: null, q: true }, z: 1 }));
  });

  it('omits undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak "q" \u0001' })).toBe('{"k\\"":"line\\nbreak \\"q\\" \\u0001"}');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson({ a: new Uint8Array(1) })).toThrow(/Uint8Array/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/itself/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('record and custody hashes', () => {
  it('covers prevHash but not recordHash', async () => {
    const record = { ...sampleRecord(), id: 'r1', seq: 1, artifacts: [], chain: { prevHash: GENESIS_HASH, recordHash: '' } };
    const hash = await computeRecordHash(record);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await computeRecordHash({ ...record, chain: { prevHash: GENESIS_HASH, recordHash: hash } })).toBe(hash);
    expect(await computeRecordHash({ ...record, chain: { prevHash: 'f'.repeat(64), recordHash: hash } })).not.toBe(hash);
    expect(await computeRecordHash({ ...record, text: 'changed' })).not.toBe(hash);
    expect(recordHashInput(record)).not.toContain('recordHash');
    expect(hash).toBe(createHash('sha256').update(recordHashInput(record), 'utf8').digest('hex'));
  });

  it('hashes a custody event without its own hash', async () => {
    const event = { seq: 1, at: '2026-01-01T00:00:00.000Z', action: 'viewed' as const, prevHash: GENESIS_HASH };
    const hash = await computeCustodyHash(event);
    expect(await computeCustodyHash({ ...event, hash })).toBe(hash);
    expect(await computeCustodyHash({ ...event, action: 'exported' })).not.toBe(hash);
    expect(hash).toBe(await sha256Hex(canonicalJson(event)));
  });
});
