/**
 * The signed export statement (issue #15, bundle format 4): SIGNATURE.json.
 *
 * Hashes alone let anyone who rewrites a bundle recompute SHA256SUMS. The vault's key (src/vault/vault.ts, "Signing")
 * signs, at export time, a statement covering manifest.json (so exportedAt, exportedBy, counts and every record), the
 * chain head, the custody head and the SHA-256 of every other file in the bundle (reports, CSVs, artifacts); and the
 * vault signed its chain head when the last record was added. Nobody without the vault's private key can make either
 * signature, so a bundle edited and re-hashed consistently no longer verifies.
 *
 * The statement is signed as canonical JSON (keys sorted, no whitespace: src/model/signature.ts), ECDSA P-256 with
 * SHA-256, the signature as r ‖ s (64 bytes) in base64. Pure: runs in an extension page, a worker and Node.
 */
import { fromBase64, headStatement, importPublicKey, keyFingerprint, publicKeyPem, type SignedHead, SIGNATURE_ALGORITHM, verifyStatement } from '../model/signature';
import type { SigningIdentity } from '../vault/api';
import { FILES, type Manifest, SIGNED_FORMAT_VERSION } from './format';

export const STATEMENT_TYPE = 'holdfast-export-statement' as const;
export const SIGNATURE_FORMAT = 'holdfast-export-signature' as const;

export interface ExportStatement {
  type: typeof STATEMENT_TYPE;
  version: 1;
  exportId: string;
  exportedAt: string;
  exportedBy?: string;
  counts: Manifest['counts'];
  manifest: { path: string; sha256: string; size: number };
  chainHead: { seq: number; hash: string };
  /** The head the vault signed when its last record was added (absent only for a vault that could not sign yet). */
  signedChainHead?: SignedHead;
  custodyHead: { seq: number; hash: string };
  /** Every file of the bundle but SHA256SUMS and SIGNATURE.json: path → SHA-256. */
  files: Record<string, string>;
  [key: string]: unknown;
}

export interface SignatureFile {
  format: typeof SIGNATURE_FORMAT;
  version: 1;
  algorithm: typeof SIGNATURE_ALGORITHM;
  /** SPKI (DER) base64, and the same as PEM for openssl. */
  publicKey: string;
  publicKeyPem: string;
  fingerprint: string;
  statement: ExportStatement;
  /** base64 r ‖ s over the canonical JSON of `statement`. */
  signature: string;
  howToCheck: string;
}

const HOW_TO_CHECK =
  'The signature is ECDSA P-256 with SHA-256 over the canonical JSON of "statement" (keys sorted at every depth, no whitespace), ' +
  'encoded as r||s (64 bytes) in base64. holdfast-verify checks it; compare "fingerprint" with the one on the vault page.';

export function buildStatement(manifest: Manifest, files: ReadonlyArray<{ path: string; sha256: string; size: number }>, signedChainHead: SignedHead | undefined): ExportStatement {
  const manifestFile = files.find((f) => f.path === FILES.manifest);
  if (!manifestFile) throw new Error('The manifest is written before the statement that names it.');
  const covered: Record<string, string> = {};
  for (const f of files) if (f.path !== FILES.sums && f.path !== FILES.signature) covered[f.path] = f.sha256;
  return {
    type: STATEMENT_TYPE,
    version: 1,
    exportId: manifest.exportId,
    exportedAt: manifest.exportedAt,
    ...(manifest.exportedBy !== undefined && { exportedBy: manifest.exportedBy }),
    counts: manifest.counts,
    manifest: { path: FILES.manifest, sha256: manifestFile.sha256, size: manifestFile.size },
    chainHead: { ...manifest.chain.head },
    ...(signedChainHead && { signedChainHead: { seq: signedChainHead.seq, hash: signedChainHead.hash, sig: signedChainHead.sig, ...(signedChainHead.at && { at: signedChainHead.at }) } }),
    custodyHead: { ...manifest.custody.head },
    files: covered,
  };
}

export function signatureFileText(identity: SigningIdentity, statement: ExportStatement, signature: string): string {
  const spki = fromBase64(identity.publicKey);
  if (!spki) throw new Error('The vault key is not base64.');
  const file: SignatureFile = {
    format: SIGNATURE_FORMAT,
    version: 1,
    algorithm: SIGNATURE_ALGORITHM,
    publicKey: identity.publicKey,
    publicKeyPem: publicKeyPem(spki),
    fingerprint: identity.fingerprint,
    statement,
    signature,
    howToCheck: HOW_TO_CHECK,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type SignatureProblemCode = 'signature-missing' | 'signature-invalid' | 'signature-key' | 'signature-mismatch' | 'signed-head';

export interface SignatureProblem {
  code: SignatureProblemCode;
  path?: string;
  seq?: number;
  message: string;
}

export interface SignatureCheck {
  /** 'signed': the signature holds; 'unsigned': a bundle of an older format (never reported as signed); 'invalid'. */
  status: 'signed' | 'unsigned' | 'invalid';
  fingerprint?: string;
  /** The fingerprint the manifest names, when it differs from the key in SIGNATURE.json. */
  manifestFingerprint?: string;
  signedHead?: { seq: number; hash: string };
  problems: SignatureProblem[];
}

/**
 * Checks SIGNATURE.json of a bundle against its manifest and the files as they are (`actual`: path → SHA-256 and size,
 * every file read). `text` is SIGNATURE.json's text (undefined if the bundle has none). Names each problem plainly.
 */
export async function checkSignature(
  manifest: Manifest,
  text: string | undefined,
  actual: ReadonlyMap<string, { sha256: string; size: number }>,
  expectFingerprint?: string,
  /** Files already named as changed, added or missing by the other checks: not named again here. */
  flagged: ReadonlySet<string> = new Set(),
): Promise<SignatureCheck> {
  const problems: SignatureProblem[] = [];
  const path = FILES.signature;
  const invalid = (): SignatureCheck => ({ status: 'invalid', problems });
  if (!(manifest.formatVersion >= SIGNED_FORMAT_VERSION)) {
    if (text !== undefined) problems.push({ code: 'signature-invalid', path, message: `SIGNATURE.json is in a bundle of format ${manifest.formatVersion}, which is not signed: it was added.` });
    return { status: problems.length ? 'invalid' : 'unsigned', problems };
  }
  if (text === undefined) {
    problems.push({ code: 'signature-missing', path, message: 'SIGNATURE.json is missing: this format-4 bundle cannot be shown to come from the vault that made it.' });
    return invalid();
  }
  let file: SignatureFile;
  try {
    file = JSON.parse(text) as SignatureFile;
  } catch {
    problems.push({ code: 'signature-invalid', path, message: 'SIGNATURE.json is not valid JSON.' });
    return invalid();
  }
  const statement = file?.statement;
  if (!file || typeof file !== 'object' || file.format !== SIGNATURE_FORMAT || file.algorithm !== SIGNATURE_ALGORITHM || !statement || typeof statement !== 'object' || statement.type !== STATEMENT_TYPE) {
    problems.push({ code: 'signature-invalid', path, message: 'SIGNATURE.json is not a Holdfast export signature (ECDSA-P256-SHA256 over an export statement).' });
    return invalid();
  }
  const spki = fromBase64(file.publicKey);
  let key: CryptoKey | undefined;
  let fingerprint: string | undefined;
  if (spki && spki.byteLength > 0) {
    fingerprint = keyFingerprint(spki);
    try {
      key = await importPublicKey(spki);
    } catch {
      key = undefined;
    }
  }
  if (!key || !fingerprint) {
    problems.push({ code: 'signature-key', path, message: 'The public key in SIGNATURE.json is not an ECDSA P-256 key.' });
    return invalid();
  }
  const out: SignatureCheck = { status: 'signed', fingerprint, problems };
  const named = manifest.signing?.fingerprint;
  if (!manifest.signing) {
    problems.push({ code: 'signature-key', path: FILES.manifest, message: 'manifest.json does not name the vault key that signs this bundle.' });
  } else if (named !== fingerprint || manifest.signing.publicKey !== file.publicKey) {
    out.manifestFingerprint = named;
    problems.push({ code: 'signature-key', path, message: `The public key in SIGNATURE.json has fingerprint ${fingerprint}, but manifest.json names the vault key ${named}: the key was swapped for another.` });
  }
  if (file.fingerprint !== fingerprint) {
    problems.push({ code: 'signature-key', path, message: `SIGNATURE.json says its key's fingerprint is ${String(file.fingerprint)}, but the key in it has fingerprint ${fingerprint}: the key was swapped for another.` });
  }
  if (expectFingerprint !== undefined && expectFingerprint !== fingerprint) {
    problems.push({ code: 'signature-key', path, message: `This bundle is signed by the key with fingerprint ${fingerprint}, not by the expected ${expectFingerprint}.` });
  }
  if (!(await verifyStatement(key, statement, typeof file.signature === 'string' ? file.signature : ''))) {
    problems.push({ code: 'signature-invalid', path, message: 'The signature in SIGNATURE.json does not verify with its key: the statement was changed after signing, or the signature was made over other content or with another key.' });
  }

  // What the statement covers, against the bundle as it is.
  const mf = actual.get(FILES.manifest);
  if (!mf || statement.manifest?.sha256 !== mf.sha256) {
    problems.push({ code: 'signature-mismatch', path: FILES.manifest, message: 'manifest.json is not the manifest the vault signed: it was changed after export.' });
  }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (statement.exportId !== manifest.exportId) problems.push({ code: 'signature-mismatch', path: FILES.manifest, message: `The export id in manifest.json (${manifest.exportId}) is not the one the vault signed (${String(statement.exportId)}).` });
  if (statement.exportedAt !== manifest.exportedAt) problems.push({ code: 'signature-mismatch', path: FILES.manifest, message: `exportedAt in manifest.json (${manifest.exportedAt}) is not what the vault signed (${String(statement.exportedAt)}).` });
  if (statement.exportedBy !== manifest.exportedBy) problems.push({ code: 'signature-mismatch', path: FILES.manifest, message: `exportedBy in manifest.json (${manifest.exportedBy ?? 'none'}) is not what the vault signed (${statement.exportedBy ?? 'none'}).` });
  if (!same(canonicalCounts(statement.counts), canonicalCounts(manifest.counts))) problems.push({ code: 'signature-mismatch', path: FILES.manifest, message: 'The counts in manifest.json are not the counts the vault signed.' });
  if (!same(statement.custodyHead, { seq: manifest.custody.head.seq, hash: manifest.custody.head.hash })) {
    problems.push({ code: 'signature-mismatch', path: FILES.custody, message: `The custody log's head in manifest.json (entry #${manifest.custody.head.seq}) is not the head the vault signed (entry #${String(statement.custodyHead?.seq)}).` });
  }
  const files = statement.files && typeof statement.files === 'object' ? statement.files : {};
  for (const [p, got] of actual) {
    if (p === FILES.sums || p === FILES.signature || p === FILES.manifest || flagged.has(p)) continue;
    const want = files[p];
    if (want === undefined) problems.push({ code: 'signature-mismatch', path: p, message: `${p} is not among the files the vault signed: it was added after export.` });
    else if (want !== got.sha256) problems.push({ code: 'signature-mismatch', path: p, message: `${p} is not the file the vault signed: it was changed after export.` });
  }
  for (const p of Object.keys(files)) {
    if (!actual.has(p) && !flagged.has(p)) problems.push({ code: 'signature-mismatch', path: p, message: `${p} was signed as part of this export but is missing from the bundle.` });
  }

  // The chain head: the one signed at export, and the one the vault signed as records were added.
  const chain = manifest.chain.records;
  const lastSeq = chain.reduce((m, e) => (typeof e.seq === 'number' && e.seq > m ? e.seq : m), 0);
  const byseq = new Map(chain.map((e) => [e.seq, e]));
  const gap = (signedSeq: number, what: string) => {
    const from = lastSeq + 1;
    const which = from === signedSeq ? `record #${from} is` : `records #${from} to #${signedSeq} are`;
    problems.push({ code: 'signed-head', seq: from, message: `${what} is record #${signedSeq}, but the bundle's chain ends at #${lastSeq}: ${which} missing.` });
  };
  const head = statement.chainHead;
  if (head && typeof head.seq === 'number') {
    if (head.seq > lastSeq) gap(head.seq, 'The chain head the vault signed at export');
    else if (head.seq !== manifest.chain.head.seq || head.hash !== manifest.chain.head.hash) {
      problems.push({ code: 'signed-head', seq: head.seq, message: `The chain head in manifest.json (record #${manifest.chain.head.seq}) is not the head the vault signed at export (record #${head.seq}): the chain was rewritten.` });
    } else if (byseq.get(head.seq)?.recordHash !== head.hash && head.seq > 0) {
      problems.push({ code: 'signed-head', seq: head.seq, message: `Record #${head.seq} is not the record whose hash the vault signed as the chain head: the chain was rewritten.` });
    }
  }
  const signed = statement.signedChainHead;
  if (signed) {
    out.signedHead = { seq: signed.seq, hash: signed.hash };
    if (!(await verifyStatement(key, headStatement(signed.seq, signed.hash), signed.sig))) {
      problems.push({ code: 'signed-head', seq: signed.seq, message: `The chain head the vault signed when record #${signed.seq} was added does not verify with the vault key.` });
    } else if (signed.seq > lastSeq) {
      gap(signed.seq, 'The last chain head the vault signed as records were added');
    } else if (byseq.get(signed.seq)?.recordHash !== signed.hash) {
      problems.push({ code: 'signed-head', seq: signed.seq, message: `Record #${signed.seq} in this bundle is not the record the vault signed as its chain head when it was added: the chain was rewritten.` });
    }
  }
  if (problems.some((p) => p.code === 'signature-invalid' || p.code === 'signature-key')) out.status = 'invalid';
  return out;
}

/** Counts with undefined members dropped (the statement went through JSON). */
function canonicalCounts(counts: unknown): unknown {
  return counts && typeof counts === 'object' ? JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))))) : counts;
}
