/**
 * The command-line verifier's logic (Node only): `holdfast-verify bundle.zip [--password X]`.
 * Prints a plain report; exit code 0 only when everything holds, 1 when something is wrong,
 * 2 on a usage error or input that cannot be read (missing file, not a ZIP, password needed/wrong).
 * Bundled for Node into bin/holdfast-verify.mjs by scripts/build-verifier.mjs (entry: cli.ts).
 */
import { createHash } from 'node:crypto';
import { constants, openAsBlob, readFileSync, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { normalizeFingerprint } from '../model/signature';
import { certificatesFromPem } from '../model/timestamp-token';
import { openNodeEntryReader } from './node-entry-reader';
import type { HasherFactory } from './sha256';
import { type BundleReport, formatBundleReport, verifyBundle } from './verify';
import { formatWaczReport, isWaczSource, verifyWacz, type WaczReport } from './wacz/verify-wacz';

export const USAGE = `Usage: holdfast-verify <bundle.zip | export.wacz> [--password <password>] [--fingerprint <fingerprint>] [--tsa-ca <file.pem>] [--json]

Checks a Holdfast evidence bundle: every file against SHA256SUMS and the hashes recorded at
capture, every record against its own hash, the chain of records and the custody log, and
(format 4) the vault key's signature over all of it. Prints the key's fingerprint: compare it
with the one on the vault page, or give it with --fingerprint to have it compared.
Trusted-time tokens (RFC 3161) in the bundle are checked too: the authority's signature, that each
names its chain head's hash, and its time. --tsa-ca names a PEM file of the time-stamping
authorities (or their CAs) you trust: a token signed by any other is then a problem.
The password may also be given in the environment variable HOLDFAST_BUNDLE_PASSWORD.
A WACZ web archive (Holdfast's "Web archive (.wacz)" export) is checked too: every file against the
size and SHA-256 in datapackage.json, datapackage.json against datapackage-digest.json, and the
signature over it (WACZ signing spec); its key's fingerprint is printed and honours --fingerprint.

Exit code: 0 everything holds, 1 something is missing, added or changed, 2 usage error or unreadable input.
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

const nodeSha256: HasherFactory = () => {
  const hash = createHash('sha256');
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digestHex: () => hash.digest('hex'),
  };
};

/**
 * Checks a bundle file as holdfast-verify does: zip.js reads the directory, each file is read
 * straight from disk (zlib inflate, native CRC-32) and hashed once with node:crypto.
 */
export async function verifyFile(path: string, options: { password?: string; expectFingerprint?: string; trustedTsa?: Uint8Array[] } = {}): Promise<BundleReport> {
  const blob = await openAsBlob(path);
  const reader = await openNodeEntryReader(path);
  try {
    return await verifyBundle(blob, {
      ...(options.password ? { password: options.password } : {}),
      ...(options.expectFingerprint !== undefined && { expectFingerprint: options.expectFingerprint }),
      ...(options.trustedTsa && { trustedTsa: options.trustedTsa }),
      hasher: nodeSha256,
      rawReader: reader.read,
    });
  } finally {
    await reader.close();
  }
}

/** Checks a WACZ file (holdfast-verify on a .wacz): node:crypto hashes each file as zip.js reads it. */
export async function verifyWaczFile(path: string, options: { expectFingerprint?: string } = {}): Promise<WaczReport> {
  return verifyWacz(await openAsBlob(path), { hasher: nodeSha256, ...(options.expectFingerprint !== undefined && { expectFingerprint: options.expectFingerprint }) });
}

/** Whether the file is a WACZ: named .wacz, or a ZIP with datapackage.json and no manifest.json (as the vault's check decides). */
export async function isWaczFile(path: string): Promise<boolean> {
  return isWaczSource(await openAsBlob(path), path);
}

const UNREADABLE = new Set(['unreadable', 'password-required', 'password-wrong']);

export function exitCodeFor(report: BundleReport | WaczReport): 0 | 1 | 2 {
  if (report.ok) return 0;
  return report.fatal && report.problems.some((p) => UNREADABLE.has(p.code)) ? 2 : 1;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  let password = io.env.HOLDFAST_BUNDLE_PASSWORD;
  let json = false;
  let fingerprint: string | undefined;
  let trustedTsa: Uint8Array[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      io.out(USAGE);
      return 0;
    }
    if (arg === '--json') json = true;
    else if (arg === '--password' || arg === '-p') {
      const value = argv[++i];
      if (value === undefined) {
        io.err(`--password needs a value.\n\n${USAGE}`);
        return 2;
      }
      password = value;
    } else if (arg.startsWith('--password=')) password = arg.slice('--password='.length);
    else if (arg === '--fingerprint' || arg.startsWith('--fingerprint=')) {
      const value = arg === '--fingerprint' ? argv[++i] : arg.slice('--fingerprint='.length);
      if (value === undefined || normalizeFingerprint(value) === undefined) {
        io.err(`--fingerprint needs the vault key's fingerprint: 32 hex digits (spaces or dashes allowed).\n\n${USAGE}`);
        return 2;
      }
      fingerprint = value;
    }
    else if (arg === '--tsa-ca' || arg.startsWith('--tsa-ca=')) {
      const value = arg === '--tsa-ca' ? argv[++i] : arg.slice('--tsa-ca='.length);
      let certs: Uint8Array[] = [];
      try {
        certs = value ? certificatesFromPem(readFileSync(value, 'utf8')) : [];
      } catch (error) {
        io.err(`Cannot read ${value}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
      if (certs.length === 0) {
        io.err(`--tsa-ca needs a PEM file holding at least one certificate (-----BEGIN CERTIFICATE-----).\n\n${USAGE}`);
        return 2;
      }
      trustedTsa = [...(trustedTsa ?? []), ...certs];
    } else if (arg.startsWith('-')) {
      io.err(`Unknown option ${arg}.\n\n${USAGE}`);
      return 2;
    } else if (file === undefined) file = arg;
    else {
      io.err(`Only one bundle can be checked at a time.\n\n${USAGE}`);
      return 2;
    }
  }
  if (file === undefined) {
    io.err(USAGE);
    return 2;
  }
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    await access(file, constants.R_OK);
  } catch (error) {
    io.err(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (await isWaczFile(file)) {
    const wacz = await verifyWaczFile(file, fingerprint !== undefined ? { expectFingerprint: fingerprint } : {});
    io.out(json ? jsonForTerminal(wacz) : textForTerminal(formatWaczReport(wacz)));
    return exitCodeFor(wacz);
  }
  const report = await verifyFile(file, {
    ...(password ? { password } : {}),
    ...(fingerprint !== undefined && { expectFingerprint: fingerprint }),
    ...(trustedTsa && { trustedTsa }),
  });
  io.out(json ? jsonForTerminal(report) : textForTerminal(formatBundleReport(report)));
  return exitCodeFor(report);
}

/**
 * What a bundle says is shown as text, never as terminal commands: a forged bundle's fields (exportedBy, a record's
 * title, an authority's name…) could carry escape sequences that clear the screen or rewrite the lines above (a
 * forged "RESULT: OK"), or bidirectional controls that reorder them. Every control character but line ends and tabs,
 * and every bidi control, becomes U+FFFD in the text report.
 */
const UNSAFE = /(?![\t\n])[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
export function textForTerminal(text: string): string {
  return text.replace(UNSAFE, '\ufffd');
}

/** The JSON report with the same characters written as \u escapes (JSON.stringify leaves C1 and bidi controls raw). */
export function jsonForTerminal(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
