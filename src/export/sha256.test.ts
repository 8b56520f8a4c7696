import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSha256, sha256HexSync } from './sha256';

const reference = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('incremental SHA-256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256HexSync('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto for every length around block boundaries, fed in uneven pieces', () => {
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 65_537]) {
      const bytes = new Uint8Array(randomBytes(n));
      const h = createSha256();
      let offset = 0;
      let step = 1;
      while (offset < n) {
        h.update(bytes.subarray(offset, offset + step));
        offset += step;
        step = (step * 7 + 3) % 131 || 1;
      }
      expect(h.digestHex(), `length ${n}`).toBe(reference(bytes));
    }
  });

  it('refuses to be used after its digest', () => {
    const h = createSha256();
    h.digestHex();
    expect(() => h.update(new Uint8Array(1))).toThrow();
    expect(() => h.digestHex()).toThrow();
  });
});
