/**
 * RFC 3161 trusted time (issue #15, opt-in): the request Holdfast sends and the checks on the token that comes back.
 * Pure: no IndexedDB, no DOM, no extension API, no network — the background, the vault page and the Node verifier share it.
 *
 * What is time-stamped is a chain head: the head's hash (64 hex digits, itself a SHA-256) is the 32-byte message imprint
 * (SHA-256), so `openssl ts -verify -digest <head hash> -in <token>.tsr -CAfile <tsa-ca.pem>` checks a stored token.
 * Nothing else goes into the request: the imprint, a random nonce and certReq (the TSA's certificate in the token).
 *
 * ASN.1 and CMS are parsed and checked with pkijs (PeculiarVentures, maintained, WebCrypto-based, runs in the browser and in
 * Node); nothing here reads DER by hand. The CMS signature is checked with the TSA certificate carried in the token; who
 * that TSA is becomes meaningful when the person (or the verifier) names the TSA or CA certificates they expect.
 */
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Certificate,
  ContentInfo,
  CryptoEngine,
  ExtKeyUsage,
  MessageImprint,
  SignedData,
  TimeStampReq,
  TimeStampResp,
  TSTInfo,
} from 'pkijs';

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';

/** The media types of RFC 3161 over HTTP (section 3.4). */
export const TIMESTAMP_QUERY_TYPE = 'application/timestamp-query' as const;
export const TIMESTAMP_REPLY_TYPE = 'application/timestamp-reply' as const;

let engine: CryptoEngine | undefined;
function cryptoEngine(): CryptoEngine {
  engine ??= new CryptoEngine({ name: 'holdfast-tsa', crypto: globalThis.crypto });
  return engine;
}

/** A chain head hash (64 hex digits) as the 32 bytes of the imprint; TypeError for anything else. */
export function imprintOfHead(headHash: string): Uint8Array {
  if (typeof headHash !== 'string' || !/^[0-9a-f]{64}$/.test(headHash)) throw new TypeError('trusted time: a chain head hash is 64 lower-case hex digits');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(headHash.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface TimeStampRequest {
  /** DER of the TimeStampReq: what is POSTed as application/timestamp-query. */
  der: Uint8Array;
  /** The nonce, hex (positive, 8 bytes): the reply must carry it back. */
  nonce: string;
}

/** A TimeStampReq (version 1) for a SHA-256 hash: the imprint, a fresh random nonce, certReq true. Nothing else. */
export function buildTimeStampRequest(sha256: Uint8Array, nonce: Uint8Array = randomNonce()): TimeStampRequest {
  if (!(sha256 instanceof Uint8Array) || sha256.byteLength !== 32) throw new TypeError('trusted time: the hash to time-stamp is 32 bytes (SHA-256)');
  if (!(nonce instanceof Uint8Array) || nonce.byteLength === 0 || nonce.byteLength > 16) throw new TypeError('trusted time: a nonce is 1 to 16 bytes');
  const req = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID_SHA256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256.slice().buffer }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce.slice().buffer }),
    certReq: true,
  });
  const der = new Uint8Array(req.toSchema().toBER(false));
  return { der, nonce: normalizeIntegerHex(hex(nonce)) };
}

/**
 * The imprint of a request if, and only if, `der` is exactly what buildTimeStampRequest makes: a version-1 TimeStampReq
 * with a SHA-256 imprint of 32 bytes, a nonce, certReq, no policy and no extensions, in DER (re-encoding gives the same
 * bytes). The network module checks every body with it, so nothing but a hash (and a random nonce) can leave.
 */
export function requestImprint(der: Uint8Array): Uint8Array | undefined {
  try {
    if (!(der instanceof Uint8Array) || der.byteLength < 40 || der.byteLength > 120) return undefined;
    const req = TimeStampReq.fromBER(der.slice().buffer);
    if (req.version !== 1 || req.reqPolicy !== undefined || req.extensions !== undefined || req.certReq !== true || !req.nonce) return undefined;
    if (req.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256) return undefined;
    const imprint = new Uint8Array(req.messageImprint.hashedMessage.valueBlock.valueHexView);
    if (imprint.byteLength !== 32) return undefined;
    if (!sameBytes(new Uint8Array(req.toSchema().toBER(false)), der)) return undefined;
    return imprint;
  } catch {
    return undefined;
  }
}

function randomNonce(): Uint8Array {
  const n = globalThis.crypto.getRandomValues(new Uint8Array(8));
  n[0] = (n[0]! & 0x7f) | 0x01; // positive, and no leading zero byte, so it encodes as these 8 bytes
  return n;
}

/** Hex of an unsigned integer without leading zero bytes (how a nonce or serial compares). */
function normalizeIntegerHex(h: string): string {
  const t = h.toLowerCase().replace(/^(00)+/, '');
  return t === '' ? '00' : t;
}

/** What a token that holds says. */
export interface TrustedTime {
  /** The TSA's time (UTC ISO-8601). */
  genTime: string;
  /** Who signed: the TSA certificate's common name (or organisation), as a person would read it. */
  tsaName: string;
  /** The token's serial number, hex. */
  serial: string;
  /** The imprint it covers, hex (the chain head's hash). */
  imprint: string;
  /** The TSA's policy OID. */
  policy: string;
  /** The signer certificate (DER, base64-free bytes), so a caller can show or pin it. */
  tsaCertificate: Uint8Array;
}

/** A token as the vault keeps it, with the chain head it covers (every record up to `seq`). */
export interface StoredTimestamp {
  /** The covered head: its seq and hash (64 hex, the imprint). */
  seq: number;
  hash: string;
  /** The TimeStampResp as received (DER): what `openssl ts -verify -in` reads. */
  token: Uint8Array;
  genTime: string;
  tsaName: string;
  serial: string;
  /** The authority's address it came from. */
  url: string;
  /** When it arrived (UTC ISO-8601, the computer's clock: informative). */
  receivedAt: string;
}

export type TokenCheck = { ok: true; time: TrustedTime } | { ok: false; problem: string };

export interface TokenExpectations {
  /** The 32-byte hash that was sent (for a stored token: the chain head it covers). */
  sha256: Uint8Array;
  /** The nonce that was sent (hex), when checking a fresh reply. */
  nonce?: string;
  /**
   * The TSA or CA certificates (DER) the person expects: the signer certificate must be one of them or be signed by one.
   * Absent: any TSA whose certificate is in the token is accepted (and named).
   */
  trusted?: Uint8Array[];
}

/**
 * Checks a TimeStampResp (or a bare TimeStampToken, a CMS ContentInfo) against what was sent: status granted, the imprint
 * is SHA-256 of exactly that hash, the nonce comes back, the CMS signature over TSTInfo verifies with the TSA certificate
 * in the token, that certificate is valid at genTime and is for time stamping (extended key usage), and — when the person
 * named the TSAs they expect — it is one of them. Never throws: a problem comes back in plain words.
 */
export async function checkTimeStampToken(bytes: Uint8Array, expect: TokenExpectations): Promise<TokenCheck> {
  try {
    return await check(bytes, expect);
  } catch (error) {
    return { ok: false, problem: `the time-stamp token could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

const fail = (problem: string): TokenCheck => ({ ok: false, problem });

const STATUS_WORDS = ['granted', 'granted with modifications', 'rejection', 'waiting', 'revocation warning', 'revocation notification'];

/** The token of a reply: the ContentInfo, from a TimeStampResp or given bare. */
function tokenOf(bytes: Uint8Array): ContentInfo | string {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) return 'the time-stamp token is empty';
  const parsed = asn1js.fromBER(bytes.slice().buffer);
  if (parsed.offset === -1) return 'the time-stamp token is not valid DER (truncated or damaged)';
  if (parsed.offset !== bytes.byteLength) return 'the time-stamp token has bytes after its end (damaged)';
  // A TimeStampResp starts with PKIStatusInfo (a SEQUENCE); a bare token starts with the contentType OID.
  const first = (parsed.result as asn1js.Sequence).valueBlock?.value?.[0];
  if (first instanceof asn1js.ObjectIdentifier) return new ContentInfo({ schema: parsed.result });
  let resp: TimeStampResp;
  try {
    resp = new TimeStampResp({ schema: parsed.result });
  } catch {
    return 'this is not a time-stamp reply (RFC 3161)';
  }
  const status = resp.status.status as number;
  if (status !== 0 && status !== 1) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    return `the time-stamping authority refused: ${STATUS_WORDS[status] ?? `status ${status}`}${text ? ` (${text})` : ''}`;
  }
  if (!resp.timeStampToken) return 'the time-stamp reply says granted but carries no token';
  return resp.timeStampToken;
}

function nameOf(cert: Certificate): string {
  const pick = (oid: string) => {
    const value = cert.subject.typesAndValues.find((tv) => tv.type === oid)?.value.valueBlock.value;
    return typeof value === 'string' ? plainName(value) || undefined : undefined;
  };
  return pick(OID_COMMON_NAME) ?? pick(OID_ORGANIZATION) ?? 'an unnamed time-stamping authority';
}

/**
 * An authority's name as plain one-line text: the name comes from a certificate the authority chose (an address the
 * person typed may be anyone's), and it is written into VERIFY.txt and printed by holdfast-verify in a terminal, so
 * control and format characters (escape sequences, CR/LF, tabs, bidi overrides, line separators) become a space and
 * the name is cut at 200 characters.
 */
export function plainName(name: string): string {
  return [...name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ').replace(/\s+/g, ' ').trim()].slice(0, 200).join('');
}

function sameBytes(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  const x = a instanceof Uint8Array ? a : new Uint8Array(a);
  const y = b instanceof Uint8Array ? b : new Uint8Array(b);
  return x.byteLength === y.byteLength && x.every((v, i) => v === y[i]);
}

async function check(bytes: Uint8Array, expect: TokenExpectations): Promise<TokenCheck> {
  if (!(expect?.sha256 instanceof Uint8Array) || expect.sha256.byteLength !== 32) return fail('no 32-byte hash to check the token against');
  const crypto = cryptoEngine();
  const token = tokenOf(bytes);
  if (typeof token === 'string') return fail(token);
  if (token.contentType !== OID_SIGNED_DATA) return fail('the time-stamp token is not a CMS signed message');
  const signed = new SignedData({ schema: token.content });
  if (signed.encapContentInfo.eContentType !== OID_TST_INFO || !signed.encapContentInfo.eContent)
    return fail('the signed message in the token is not a time-stamp (no TSTInfo)');
  const content = signed.encapContentInfo.eContent;
  const tstBytes: ArrayBuffer =
    content.idBlock.isConstructed ? (content as asn1js.OctetString).getValue() : content.valueBlock.valueHexView.slice().buffer;
  const tst = TSTInfo.fromBER(tstBytes);

  // What was asked.
  if (tst.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256) return fail('the token time-stamps a hash other than SHA-256');
  const imprint = tst.messageImprint.hashedMessage.valueBlock.valueHexView;
  if (!sameBytes(imprint, expect.sha256))
    return fail(`the token is for another hash (${hex(imprint)}), not ${hex(expect.sha256)}`);
  if (expect.nonce !== undefined) {
    const got = tst.nonce ? normalizeIntegerHex(hex(tst.nonce.valueBlock.valueHexView)) : undefined;
    if (got !== normalizeIntegerHex(expect.nonce)) return fail('the token does not carry back the nonce that was sent (a replayed or mixed-up reply)');
  }

  // Who signed, and the signature.
  if (signed.signerInfos.length !== 1) return fail(`the token has ${signed.signerInfos.length} signers; a time-stamp has exactly one`);
  const signer = signed.signerInfos[0]!;
  const certs = (signed.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);
  let signerCert: Certificate | undefined;
  const sid = signer.sid as unknown;
  if (sid && typeof sid === 'object' && 'issuer' in sid && 'serialNumber' in sid) {
    const s = sid as { issuer: Certificate['issuer']; serialNumber: asn1js.Integer };
    signerCert = certs.find((c) => c.issuer.isEqual(s.issuer) && c.serialNumber.isEqual(s.serialNumber));
  } else {
    const keyId = (sid as asn1js.Primitive).valueBlock.valueHexView;
    for (const c of certs) {
      const d = await crypto.digest({ name: 'SHA-1' }, c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice());
      if (sameBytes(d, keyId)) signerCert = c;
    }
  }
  if (!signerCert) return fail("the token does not carry the time-stamping authority's certificate, so its signature cannot be checked");
  // pkijs's SignedData.verify re-hashes a preimage against the imprint; we hold the hash itself, so the one SignerInfo is
  // checked with pkijs's engine directly: message digest of TSTInfo, then the signature over the signed attributes.
  const sigOk = await verifySignerInfo(signed, tstBytes, signerCert, crypto);
  if (!sigOk) return fail('the signature on the time-stamp does not verify: the token was altered or signed by someone else');

  // The certificate: valid at genTime, for time stamping.
  const genTime = tst.genTime;
  const tsaName = nameOf(signerCert);
  if (genTime < signerCert.notBefore.value)
    return fail(`the certificate of ${tsaName} was not yet valid at the stamped time (${genTime.toISOString()}; valid from ${signerCert.notBefore.value.toISOString()})`);
  if (genTime > signerCert.notAfter.value)
    return fail(`the certificate of ${tsaName} had expired at the stamped time (${genTime.toISOString()}; valid until ${signerCert.notAfter.value.toISOString()})`);
  const eku = signerCert.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  const purposes = eku?.parsedValue instanceof ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (!purposes.includes(OID_TIME_STAMPING)) return fail(`the certificate of ${tsaName} is not for time stamping (no timeStamping extended key usage)`);
  if (!eku?.critical) return fail(`the certificate of ${tsaName} does not mark its time-stamping key usage critical (RFC 3161 2.3)`);

  if (expect.trusted && !(await isTrusted(signerCert, expect.trusted, crypto)))
    return fail(`the token is signed by ${tsaName}, which is not the time-stamping authority expected`);

  return {
    ok: true,
    time: {
      genTime: genTime.toISOString(),
      tsaName,
      serial: normalizeIntegerHex(hex(tst.serialNumber.valueBlock.valueHexView)),
      imprint: hex(imprint),
      policy: tst.policy,
      tsaCertificate: new Uint8Array(signerCert.toSchema().toBER(false)),
    },
  };
}

/** The CMS signature of the one SignerInfo over the signed attributes, whose message digest must be SHA-256 of TSTInfo. */
async function verifySignerInfo(signed: SignedData, tstBytes: ArrayBuffer, cert: Certificate, crypto: CryptoEngine): Promise<boolean> {
  const signer = signed.signerInfos[0]!;
  const attrs = signer.signedAttrs?.attributes;
  if (!attrs) return false; // RFC 5652 requires signed attributes when the content is not id-data
  if (!attrs.some((a) => a.type === OID_CONTENT_TYPE)) return false;
  const md = attrs.find((a) => a.type === OID_MESSAGE_DIGEST)?.values[0] as asn1js.OctetString | undefined;
  if (!md) return false;
  const hashAlg = crypto.getAlgorithmByOID(signer.digestAlgorithm.algorithmId) as { name?: string };
  if (!hashAlg.name) return false;
  const digest = await crypto.digest(hashAlg.name, new Uint8Array(tstBytes));
  if (!sameBytes(digest, md.valueBlock.valueHexView)) return false;
  const rsa = signer.signatureAlgorithm.algorithmId === '1.2.840.113549.1.1.1';
  try {
    return rsa
      ? await crypto.verifyWithPublicKey(signer.signedAttrs!.encodedValue, signer.signature, cert.subjectPublicKeyInfo, signer.signatureAlgorithm, hashAlg.name)
      : await crypto.verifyWithPublicKey(signer.signedAttrs!.encodedValue, signer.signature, cert.subjectPublicKeyInfo, signer.signatureAlgorithm);
  } catch {
    return false;
  }
}

/** Whether the signer certificate is one of the trusted certificates or is signed by one of them. */
async function isTrusted(cert: Certificate, trusted: Uint8Array[], crypto: CryptoEngine): Promise<boolean> {
  const mine = new Uint8Array(cert.toSchema().toBER(false));
  for (const der of trusted) {
    if (sameBytes(der, mine)) return true;
    try {
      const issuer = Certificate.fromBER(der.slice().buffer);
      if (cert.issuer.isEqual(issuer.subject) && (await cert.verify(issuer, crypto))) return true;
    } catch {
      // not a certificate: it trusts nothing
    }
  }
  return false;
}

/** PEM certificate(s) → DER each (for a CA file the person or a test gives). */
export function certificatesFromPem(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of String(pem).matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    const b64 = m[1]!.replace(/\s+/g, '');
    const bin = atob(b64);
    out.push(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  }
  return out;
}
