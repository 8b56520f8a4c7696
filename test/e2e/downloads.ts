/** Downloaded export bundles in the browser tests: waiting for the ZIP, and checking it with the Node verifier. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The first finished file ending in `ext` (a .zip bundle unless told) in the browser's download folder (none still being written). */
export async function waitForDownload(dir: string, timeout = 120_000, ext = '.zip'): Promise<string> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const done = readdirSync(dir).filter((f) => f.endsWith(ext));
    const partial = readdirSync(dir).some((f) => /\.(crdownload|part)$/.test(f));
    if (done.length && !partial) return join(dir, done[0]!);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no bundle downloaded into ${dir}: ${readdirSync(dir).join(', ')}`);
}

/** Whether bin/holdfast-verify.mjs is older than a source it is built from (an older build reads a newer format as unknown). */
function staleVerifier(bin: string): boolean {
  const built = statSync(bin).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? newer(join(dir, e.name)) : /\.ts$/.test(e.name) && statSync(join(dir, e.name)).mtimeMs > built));
  return ['export', 'model', 'vault'].some((d) => newer(join(ROOT, 'src', d)));
}

/** Runs bin/holdfast-verify.mjs (built from src/export if missing or older than its sources) on a bundle: its exit status and output. */
export function runVerifier(bundle: string, rebuild = false, args: string[] = []): { status: number | null; output: string } {
  const bin = join(ROOT, 'bin', 'holdfast-verify.mjs');
  if (rebuild || !existsSync(bin) || staleVerifier(bin)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-verifier.mjs')]);
  const run = spawnSync(process.execPath, [bin, ...args, bundle], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}
