import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_TSA_NAME, type LocalTsa, makeLocalTsa } from '../../test/tsa/local-tsa';
import { buildTimeStampRequest, certificatesFromPem, checkTimeStampToken, imprintOfHead, plainName, requestImprint } from './timestamp-token';

const HEAD = 'a3f1c2d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const OTHER = '00ffeeddccbbaa99887766554433221100f9e8d7c6b5a4938271605f4e3d2c1b';

let tsa: LocalTsa;
beforeAll(() => {
  tsa = makeLocalTsa();
}, 30_000);
afterAll(() => tsa?.cleanup());

describe('RFC 3161 request', () => {
  it('is a TimeStampReq that openssl reads: SHA-256 imprint of the head, a nonce, certReq', async () => {
    const req = buildTimeStampRequest(imprintOfHead(HEAD));
    expect(req.nonce).toMatch(/^[0-9a-f]{2,16}$/);
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const f = `${tsa.dir}/read.tsq`;
    writeFileSync(f, req.der);
    const text = execFileSync('openssl', ['ts', '-query', '-in', f, '-text'], { encoding: 'utf8' });
    expect(text).toMatch(/Hash Algorithm: sha256/);
    expect(text.replace(/[\s:-]/g, '').toLowerCase()).toContain(HEAD.slice(0, 32));
    expect(text).toMatch(/Certificate required: yes/);
    const printed = text.match(/Nonce: 0x([0-9A-F]+)/i)?.[1];
    expect(printed?.toLowerCase().replace(/^0+/, ''), text).toBe(req.nonce.replace(/^0+/, ''));
  });

  it('refuses a hash that is not 32 bytes and a head that is not 64 hex digits', () => {
    expect(() => buildTimeStampRequest(new Uint8Array(20))).toThrow(/32 bytes/);
    expect(() => imprintOfHead('abc')).toThrow(/64 lower-case hex/);
    expect(() => imprintOfHead(HEAD.toUpperCase())).toThrow(/64 lower-case hex/);
  });

  it('requestImprint reads back exactly the hash of a request it could have made, and nothing else', async () => {
    const req = buildTimeStampRequest(imprintOfHead(HEAD));
    expect(Buffer.from(requestImprint(req.der)!).toString('hex')).toBe(HEAD);
    // Anything longer, shorter or re-encoded is refused: a byte appended, one taken off, a policy added by openssl.
    expect(requestImprint(Uint8Array.of(...req.der, 0))).toBeUndefined();
    expect(requestImprint(req.der.slice(0, -1))).toBeUndefined();
    expect(requestImprint(new TextEncoder().encode('x'.repeat(60)))).toBeUndefined();
    const { execFileSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const f = `${tsa.dir}/policy.tsq`;
    execFileSync('openssl', ['ts', '-query', '-digest', HEAD, '-sha256', '-tspolicy', '1.2.3.4.1', '-cert', '-out', f]);
    expect(requestImprint(new Uint8Array(readFileSync(f)))).toBeUndefined();
    execFileSync('openssl', ['ts', '-query', '-digest', HEAD.slice(0, 40), '-sha1', '-cert', '-out', f]);
    expect(requestImprint(new Uint8Array(readFileSync(f)))).toBeUndefined();
  });

  it('uses a fresh nonce each time', () => {
    const a = buildTimeStampRequest(imprintOfHead(HEAD));
    const b = buildTimeStampRequest(imprintOfHead(HEAD));
    expect(a.nonce).not.toBe(b.nonce);
  });
});

describe('RFC 3161 token check', () => {
  it('accepts a good token: genTime, the TSA named, the serial; openssl agrees', async () => {
    const req = buildTimeStampRequest(imprintOfHead(HEAD));
    const before = Date.now() - 2000;
    const reply = tsa.reply(req.der);
    const res = await checkTimeStampToken(reply, { sha256: imprintOfHead(HEAD), nonce: req.nonce, trusted: certificatesFromPem(tsa.caPem) });
    if (!res.ok) throw new Error(res.problem);
    expect(res.time.tsaName).toBe('Holdfast Test TSA');
    expect(res.time.imprint).toBe(HEAD);
    expect(res.time.serial).toMatch(/^[0-9a-f]+$/);
    const t = Date.parse(res.time.genTime);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now() + 2000);
    expect(tsa.opensslVerify(reply, HEAD).ok).toBe(true);
  });

  it('accepts a stored token without a nonce to compare (the vault and the verifier hold no nonce)', async () => {
    const req = buildTimeStampRequest(imprintOfHead(HEAD));
    const res = await checkTimeStampToken(tsa.reply(req.der), { sha256: imprintOfHead(HEAD) });
    expect(res.ok).toBe(true);
  });

  it('names a token for another hash', async () => {
    const req = buildTimeStampRequest(imprintOfHead(OTHER));
    const reply = tsa.reply(req.der);
    const res = await checkTimeStampToken(reply, { sha256: imprintOfHead(HEAD), nonce: req.nonce });
    expect(res).toEqual({ ok: false, problem: expect.stringMatching(/for another hash/) });
    expect(tsa.opensslVerify(reply, HEAD).ok).toBe(false);
  });

  it('names a reply that does not carry back the nonce sent', async () => {
    const req = buildTimeStampRequest(imprintOfHead(HEAD));
    const other = buildTimeStampRequest(imprintOfHead(HEAD));
    const res = await checkTimeStampToken(tsa.reply(req.der), { sha256: imprintOfHead(HEAD), nonce: other.nonce });
    expect(res).toEqual({ ok: false, problem: expect.stringMatching(/nonce/) });
  });

  it('names a truncated token, an empty one and bytes that are not a reply', async () => {
    const reply = tsa.reply(buildTimeStampRequest(imprintOfHead(HEAD)).der);
    const sha256 = imprintOfHead(HEAD);
    for (const cut of [reply.length - 1, Math.floor(reply.length / 2), 10]) {
      const res = await checkTimeStampToken(reply.slice(0, cut), { sha256 });
      expect(res.ok, `cut at ${cut}`).toBe(false);
      if (!res.ok) expect(res.problem).toMatch(/truncated|damaged|could not be read/);
    }
    expect(await checkTimeStampToken(new Uint8Array(0), { sha256 })).toEqual({ ok: false, problem: expect.stringMatching(/empty/) });
    const notReply = await checkTimeStampToken(new TextEncoder().encode('<html>Service Unavailable</html>'), { sha256 });
    expect(notReply.ok).toBe(false);
  });

  it('names a token whose signature no longer verifies (one byte of the signed time changed)', async () => {
    const reply = tsa.reply(buildTimeStampRequest(imprintOfHead(HEAD)).der);
    // The imprint appears once in the reply (inside TSTInfo); change the byte after it (the serial number's tag area).
    const at = indexOf(reply, imprintOfHead(HEAD));
    expect(at).toBeGreaterThan(0);
    const bad = reply.slice();
    bad[at + 32 + 2] = bad[at + 32 + 2]! ^ 0x01; // the serial's first value byte
    const res = await checkTimeStampToken(bad, { sha256: imprintOfHead(HEAD) });
    expect(res).toEqual({ ok: false, problem: expect.stringMatching(/signature on the time-stamp does not verify/) });
  });

  it('names an expired TSA certificate and one not yet valid at genTime', async () => {
    const sha256 = imprintOfHead(HEAD);
    const expired = await checkTimeStampToken(tsa.reply(buildTimeStampRequest(sha256).der, 'expired'), { sha256 });
    expect(expired).toEqual({ ok: false, problem: expect.stringMatching(/Expired Test TSA had expired at the stamped time/) });
    const future = await checkTimeStampToken(tsa.reply(buildTimeStampRequest(sha256).der, 'future'), { sha256 });
    expect(future).toEqual({ ok: false, problem: expect.stringMatching(/Future Test TSA was not yet valid at the stamped time/) });
  });

  it('names a certificate without the timeStamping extended key usage', async () => {
    const sha256 = imprintOfHead(HEAD);
    const res = await checkTimeStampToken(tsa.reply(buildTimeStampRequest(sha256).der, 'no-eku'), { sha256 });
    expect(res).toEqual({ ok: false, problem: expect.stringMatching(/Codesigning Not TSA is not for time stamping/) });
  });

  it('names a token signed by an unknown TSA when the person expects another; openssl refuses it too', async () => {
    const sha256 = imprintOfHead(HEAD);
    const reply = tsa.reply(buildTimeStampRequest(sha256).der, 'other-ca');
    const res = await checkTimeStampToken(reply, { sha256, trusted: certificatesFromPem(tsa.caPem) });
    expect(res).toEqual({ ok: false, problem: expect.stringMatching(/signed by Unknown Test TSA, which is not the time-stamping authority expected/) });
    expect(tsa.opensslVerify(reply, HEAD).ok).toBe(false);
    // The same token holds for the person who expects that other authority.
    expect((await checkTimeStampToken(reply, { sha256, trusted: certificatesFromPem(tsa.otherCaPem) })).ok).toBe(true);
  });

  it('reads an authority name made of control characters as plain one-line text (VERIFY.txt, the terminal)', async () => {
    const sha256 = imprintOfHead(HEAD);
    const res = await checkTimeStampToken(tsa.reply(buildTimeStampRequest(sha256).der, 'hostile-name'), { sha256, trusted: certificatesFromPem(tsa.caPem) });
    if (!res.ok) throw new Error(res.problem);
    for (const c of ['\u001b', '\r', '\n', '\t', '\u202e']) expect(HOSTILE_TSA_NAME).toContain(c);
    expect(res.time.tsaName).toBe('Evil [2J Verification: OK AST');
    // The same rule on its own: every control / format / separator character goes, long names are cut, nothing left is nothing.
    expect(plainName('A\u0000B\u0085C\u2028D\u2029E\u200bF\u061cG')).toBe('A B C D E F G');
    expect(plainName(`  ${'é'.repeat(300)}  `)).toBe('é'.repeat(200));
    expect(plainName('\u001b\r\n')).toBe('');
  });

  it('names a refusal by the authority (status rejection) with its text', async () => {
    // A TimeStampResp { status: rejection, statusString } as a TSA sends for a bad request.
    const { PKIStatusInfo, TimeStampResp } = await import('pkijs');
    const asn1js = await import('asn1js');
    const resp = new TimeStampResp({
      status: new PKIStatusInfo({ status: 2, statusStrings: [new asn1js.Utf8String({ value: 'unsupported algorithm' })] }),
    });
    const res = await checkTimeStampToken(new Uint8Array(resp.toSchema().toBER(false)), { sha256: imprintOfHead(HEAD) });
    expect(res).toEqual({ ok: false, problem: 'the time-stamping authority refused: rejection (unsupported algorithm)' });
  });
});

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
