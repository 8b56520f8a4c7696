// Minimal baseline JPEG writer for replica images: every 8x8 block is one flat colour (DC only, AC = EOB),
// three components without subsampling, standard DC luminance Huffman table for all components.
// Enough for small, valid, realistic-looking *.jpg files on the replica CDN host; no external tool needed.

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALS = [0x00]; // EOB only
const Q = 8;

/** Canonical Huffman codes from BITS/VALS (JPEG Annex C). */
function huffCodes(bits, vals) {
  const codes = new Map();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]; i++) {
      codes.set(vals[k++], { code, len });
      code++;
    }
    code <<= 1;
  }
  return codes;
}
const DC = huffCodes(DC_BITS, DC_VALS);
const AC = huffCodes(AC_BITS, AC_VALS);

class BitWriter {
  constructor() {
    this.bytes = [];
    this.acc = 0;
    this.n = 0;
  }
  put(value, len) {
    for (let i = len - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      this.n++;
      if (this.n === 8) this.flushByte();
    }
  }
  flushByte() {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }
  end() {
    while (this.n !== 0) this.put(1, 1); // pad with 1-bits
    return this.bytes;
  }
}

function category(v) {
  let a = Math.abs(v);
  let c = 0;
  while (a) {
    c++;
    a >>= 1;
  }
  return c;
}

const seg = (marker, payload) => [0xff, marker, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff, ...payload];

/**
 * @param {number} width multiple of 8
 * @param {number} height multiple of 8
 * @param {(bx:number, by:number, bw:number, bh:number) => [number,number,number]} colourAt RGB per 8x8 block
 * @returns {Buffer}
 */
export function encodeJpeg(width, height, colourAt) {
  const bw = Math.ceil(width / 8);
  const bh = Math.ceil(height / 8);
  const out = [0xff, 0xd8];
  out.push(...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
  out.push(...seg(0xdb, [0x00, ...new Array(64).fill(Q)]));
  out.push(
    ...seg(0xc0, [8, (height >> 8) & 0xff, height & 0xff, (width >> 8) & 0xff, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
  );
  out.push(...seg(0xc4, [0x00, ...DC_BITS, ...DC_VALS, 0x10, ...AC_BITS, ...AC_VALS]));
  out.push(...seg(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]));
  const w = new BitWriter();
  const pred = [0, 0, 0];
  const ac = AC.get(0x00);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const [r, g, b] = colourAt(bx, by, bw, bh);
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ];
      for (let c = 0; c < 3; c++) {
        const level = Math.max(0, Math.min(255, Math.round(ycc[c]))) - 128;
        // DC coefficient of a flat block is 8 * level; quantised by Q = 8 it is `level`.
        const dc = Math.round((8 * level) / Q);
        const diff = dc - pred[c];
        pred[c] = dc;
        const cat = category(diff);
        const h = DC.get(cat);
        w.put(h.code, h.len);
        if (cat > 0) w.put(diff >= 0 ? diff : diff + (1 << cat) - 1, cat);
        w.put(ac.code, ac.len);
      }
    }
  }
  out.push(...w.end());
  out.push(0xff, 0xd9);
  return Buffer.from(out);
}
