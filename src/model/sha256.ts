/**
 * Incremental SHA-256 (FIPS 180-4) in plain TypeScript (used by the export and by the vault for streamed artifacts).
 * WebCrypto only hashes a whole buffer at
 * once, but the bundle streams files that never sit in memory whole (report.html, large artifacts
 * read back by the verifier), so their hash has to be computed chunk by chunk. Pure: runs in an
 * extension page, a worker and Node. The Node verifier may swap in node:crypto for speed through
 * the `HasherFactory` hook; both give the same lower-case hex.
 */

export interface Hasher {
  update(chunk: Uint8Array): void;
  /** Lower-case hex digest. The hasher cannot be used afterwards. */
  digestHex(): string;
}

export type HasherFactory = () => Hasher;

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

class Sha256 implements Hasher {
  private readonly h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private readonly w = new Int32Array(64);
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  /** Total bytes hashed; a double keeps exact integers up to 2^53 bytes. */
  private total = 0;
  private done = false;

  update(chunk: Uint8Array): void {
    if (this.done) throw new Error('sha256: update after digest');
    this.total += chunk.byteLength;
    let offset = 0;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, chunk.byteLength);
      this.block.set(chunk.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < 64) return;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    while (chunk.byteLength - offset >= 64) {
      this.compress(chunk, offset);
      offset += 64;
    }
    if (offset < chunk.byteLength) {
      this.block.set(chunk.subarray(offset), 0);
      this.blockLength = chunk.byteLength - offset;
    }
  }

  digestHex(): string {
    if (this.done) throw new Error('sha256: digest called twice');
    this.done = true;
    const bitsHigh = Math.floor(this.total / 0x20000000);
    const bitsLow = (this.total * 8) >>> 0;
    this.block[this.blockLength++] = 0x80;
    if (this.blockLength > 56) {
      this.block.fill(0, this.blockLength);
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    this.block.fill(0, this.blockLength);
    const view = new DataView(this.block.buffer);
    view.setUint32(56, bitsHigh);
    view.setUint32(60, bitsLow);
    this.compress(this.block, 0);
    let hex = '';
    for (const word of this.h) hex += (word >>> 0).toString(16).padStart(8, '0');
    return hex;
  }

  private compress(data: Uint8Array, offset: number): void {
    const w = this.w;
    const h = this.h;
    let a = h[0]! | 0;
    let b = h[1]! | 0;
    let c = h[2]! | 0;
    let d = h[3]! | 0;
    let e = h[4]! | 0;
    let f = h[5]! | 0;
    let g = h[6]! | 0;
    let hh = h[7]! | 0;
    for (let i = 0; i < 64; i++) {
      let wi: number;
      if (i < 16) {
        const j = offset + (i << 2);
        wi = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
      } else {
        const x = w[i - 15]!;
        const y = w[i - 2]!;
        const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        wi = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
      }
      w[i] = wi;
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i]! + wi) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + S0 + maj) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
    h[5] = (h[5]! + f) | 0;
    h[6] = (h[6]! + g) | 0;
    h[7] = (h[7]! + hh) | 0;
  }
}

/** The built-in, pure hasher. */
export const createSha256: HasherFactory = () => new Sha256();

const encoder = new TextEncoder();

/** One-shot helper for strings and bytes (uses the incremental hasher, so it works everywhere). */
export function sha256HexSync(input: Uint8Array | string): string {
  const hasher = new Sha256();
  hasher.update(typeof input === 'string' ? encoder.encode(input) : input);
  return hasher.digestHex();
}
