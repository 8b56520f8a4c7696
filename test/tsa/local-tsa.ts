/**
 * A throwaway RFC 3161 time-stamping authority made with `openssl` in a temp dir (issue #15 tests): a CA, TSA certificates
 * (good, expired, not yet valid, without the timeStamping key usage, from another CA) and `openssl ts -reply`.
 * Unit tests (src/model/timestamp-token.test.ts), the verifier's tests and the browser test share it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentInfo, PKIStatusInfo, TimeStampResp } from 'pkijs';

export type TsaCertKind = 'good' | 'expired' | 'future' | 'no-eku' | 'other-ca' | 'hostile-name';

/** The common name of the `hostile-name` TSA: a terminal escape, CR/LF, a tab and a right-to-left override. */
export const HOSTILE_TSA_NAME = 'Evil\u001b[2J\r\nVerification: OK\t\u202eAST';

export interface LocalTsa {
  dir: string;
  /** PEM of the CA that issued the good TSA certificate (what `-CAfile` gets). */
  caPem: string;
  /** PEM of the CA that issued the `other-ca` TSA certificate. */
  otherCaPem: string;
  /** A TimeStampResp (DER) for the request `query` (DER), signed with the chosen certificate. */
  reply(query: Uint8Array, kind?: TsaCertKind): Uint8Array;
  /** `openssl ts -verify -digest <hex> -in <reply> -CAfile ca.pem`: exit 0 → true. */
  opensslVerify(reply: Uint8Array, digestHex: string, caPem?: string): { ok: boolean; output: string };
  cleanup(): void;
}

function run(dir: string, args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

const EXT = `[tsa]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
[tsa_no_eku]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, codeSigning
subjectKeyIdentifier = hash
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

/** An `openssl ca` config, for certificates whose validity is set by dates (expired, not yet valid). */
const CA_CONF = (dir: string, name: string) => `[ca]
default_ca = d
[d]
dir = ${dir}
database = ${dir}/${name}.index
new_certs_dir = ${dir}
certificate = ${dir}/${name}.pem
private_key = ${dir}/${name}.key
serial = ${dir}/${name}.srl
default_md = sha256
policy = p
unique_subject = no
copy_extensions = none
[p]
commonName = supplied
`;

const TS_CONF = (dir: string) => `[tsa]
default_tsa = t
[t]
dir = ${dir}
serial = ${dir}/tsaserial
crypto_device = builtin
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256
signer_digest = sha256
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

export function makeLocalTsa(): LocalTsa {
  const dir = mkdtempSync(join(tmpdir(), 'holdfast-tsa-'));
  writeFileSync(join(dir, 'ext.cnf'), EXT);
  writeFileSync(join(dir, 'ts.cnf'), TS_CONF(dir));
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  for (const [name, cn] of [
    ['ca', 'Holdfast Test CA'],
    ['otherca', 'Some Other CA'],
  ] as const) {
    run(dir, ['req', '-x509', ...ec, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=${cn}`, '-days', '3650', '-extensions', 'ca', '-config', 'ext.cnf']);
    writeFileSync(join(dir, `${name}.index`), '');
    writeFileSync(join(dir, `${name}.srl`), name === 'ca' ? '1000\n' : '2000\n');
    writeFileSync(join(dir, `${name}.conf`), CA_CONF(dir, name));
  }
  const issue = (name: string, cn: string, ca: string, ext: string, dates: string[]) => {
    run(dir, ['req', '-new', '-utf8', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
    run(dir, ['ca', '-batch', '-config', `${ca}.conf`, '-in', `${name}.csr`, '-out', `${name}.pem`, '-extfile', 'ext.cnf', '-extensions', ext, '-notext', ...dates]);
  };
  const day = 86_400_000;
  const stamp = (t: number) => `${new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  const now = Date.now();
  issue('good', 'Holdfast Test TSA', 'ca', 'tsa', ['-days', '365']);
  issue('expired', 'Expired Test TSA', 'ca', 'tsa', ['-startdate', stamp(now - 400 * day), '-enddate', stamp(now - 30 * day)]);
  issue('future', 'Future Test TSA', 'ca', 'tsa', ['-startdate', stamp(now + 30 * day), '-enddate', stamp(now + 400 * day)]);
  issue('other-ca', 'Unknown Test TSA', 'otherca', 'tsa', ['-days', '365']);
  issue('hostile-name', HOSTILE_TSA_NAME, 'ca', 'tsa', ['-days', '365']);
  // openssl ts -reply refuses a signer without the timeStamping purpose, so this one is signed with it and its
  // certificate swapped by the caller of replyWithoutEku (below) — see reply().
  issue('no-eku', 'Codesigning Not TSA', 'ca', 'tsa_no_eku', ['-days', '365']);

  const reply = (query: Uint8Array, kind: TsaCertKind = 'good'): Uint8Array => {
    const q = join(dir, `q-${Math.random().toString(36).slice(2)}.tsq`);
    const r = `${q}.tsr`;
    writeFileSync(q, query);
    if (kind === 'no-eku') {
      // A TSTInfo from the good TSA, signed again as CMS by a certificate made for code signing.
      run(dir, ['ts', '-reply', '-config', 'ts.cnf', '-queryfile', q, '-inkey', 'good.key', '-signer', 'good.pem', '-token_out', '-out', `${r}.tok`]);
      run(dir, ['cms', '-verify', '-noverify', '-inform', 'DER', '-in', `${r}.tok`, '-out', `${r}.tst`]);
      run(dir, ['cms', '-sign', '-binary', '-nodetach', '-nosmimecap', '-md', 'sha256', '-econtent_type', 'id-smime-ct-TSTInfo', '-in', `${r}.tst`, '-signer', 'no-eku.pem', '-inkey', 'no-eku.key', '-outform', 'DER', '-out', `${r}.tok2`]);
      const token = readFileSync(`${r}.tok2`);
      return wrapGranted(new Uint8Array(token));
    }
    run(dir, ['ts', '-reply', '-config', 'ts.cnf', '-queryfile', q, '-inkey', `${kind}.key`, '-signer', `${kind}.pem`, '-out', r]);
    return new Uint8Array(readFileSync(r));
  };

  const opensslVerify = (replyBytes: Uint8Array, digestHex: string, caPem?: string) => {
    const f = join(dir, `v-${Math.random().toString(36).slice(2)}.tsr`);
    writeFileSync(f, replyBytes);
    const ca = caPem ? join(dir, 'given-ca.pem') : join(dir, 'ca.pem');
    if (caPem) writeFileSync(ca, caPem);
    try {
      const output = execFileSync('openssl', ['ts', '-verify', '-digest', digestHex, '-in', f, '-CAfile', ca], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { ok: true, output };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };

  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    otherCaPem: readFileSync(join(dir, 'otherca.pem'), 'utf8'),
    reply,
    opensslVerify,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A TimeStampResp { status granted, token } around a bare token (DER), built with pkijs. */
function wrapGranted(token: Uint8Array): Uint8Array {
  const resp = new TimeStampResp({ status: new PKIStatusInfo({ status: 0 }), timeStampToken: ContentInfo.fromBER(token.slice().buffer) });
  return new Uint8Array(resp.toSchema().toBER(false));
}
