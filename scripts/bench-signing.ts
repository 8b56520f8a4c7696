/**
 * Signing benchmark (issue #15; Node, fake-indexeddb): `npx tsx scripts/bench-signing.ts`, or `npm run bench -- --only
 * signing`. Prints figures, no pass/fail:
 *  - signing one chain head (the vault's non-extractable ECDSA P-256 key), mean and p95 over 1,000;
 *  - addRecord with the head signed after it, p50/p95 over 300 records (fake-indexeddb: in memory, so this is the
 *    vault's own cost, not the browser's IndexedDB);
 *  - verifying 10,000 signed heads with the public key (what a verifier of signed heads does), per second.
 * Targets from the issue: signing ≤ 5 ms; verifying ≥ 2,000 heads/s.
 */
import 'fake-indexeddb/auto';
import { generateSigningKeyPair, headStatement, importPublicKey, type SignedHead, signStatement, verifyStatement } from '../src/model/signature';
import { newRecord } from '../src/export/test-support';
import { openVault } from '../src/vault/vault';

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function signingBench(): Promise<void> {
  console.log('\n## Signing (issue #15)');
  const pair = await generateSigningKeyPair(false);
  const times: number[] = [];
  const heads: SignedHead[] = [];
  for (let i = 1; i <= 1000; i++) {
    const hash = i.toString(16).padStart(64, '0');
    const t0 = performance.now();
    const sig = await signStatement(pair.privateKey, headStatement(i, hash));
    times.push(performance.now() - t0);
    heads.push({ seq: i, hash, sig });
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`sign a chain head: mean ${mean.toFixed(3)} ms, p95 ${pct(times, 95).toFixed(3)} ms (1,000 heads; target ≤ 5 ms)`);

  const vault = await openVault(`bench-signing-${Date.now()}`);
  const add: number[] = [];
  try {
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await vault.addRecord(newRecord({ platform: 'x', kind: 'post', text: `bench ${i}` }), []);
      add.push(performance.now() - t0);
    }
    const signed = await vault.signedHead();
    console.log(`addRecord with its head signed (fake-indexeddb): p50 ${pct(add, 50).toFixed(2)} ms, p95 ${pct(add, 95).toFixed(2)} ms (300 records; last signed head #${signed?.seq})`);
  } finally {
    vault.close();
  }

  const key = await importPublicKey(pair.spki);
  const all = Array.from({ length: 10_000 }, (_v, i) => heads[i % heads.length]!);
  const t0 = performance.now();
  let ok = 0;
  for (const h of all) if (await verifyStatement(key, headStatement(h.seq, h.hash), h.sig)) ok += 1;
  const s = (performance.now() - t0) / 1000;
  console.log(`verify 10,000 signed heads: ${(all.length / s).toFixed(0)} heads/s (${ok} valid; target ≥ 2,000/s)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await signingBench();
