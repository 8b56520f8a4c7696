/**
 * Export bundle benchmark (Node, fake-indexeddb): `npx tsx scripts/bench-export.ts`
 *
 *  1. A vault with ~1 GB of artifacts (200 records × one 5 MB random "screenshot"): export to a file
 *     on disk, print throughput (MB/s) and the peak extra memory while exporting (RSS and
 *     ArrayBuffers above the level before the export, sampled every 20 ms).
 *  2. A vault with 10,000 small records (PNG + HTML + JSON each): export time.
 *  3. The verifier on the 1 GB bundle: as holdfast-verify runs it (verifyFile: direct file reads,
 *     zlib, node:crypto), through zip.js's streams with node:crypto, and with the extension's own
 *     hashing (WebCrypto + pure-JS streaming hash).
 *
 * HOLDFAST_BENCH_SCALE scales both vault sizes (e.g. 0.05 for a quick run). Prints figures only;
 * no pass/fail. fake-indexeddb keeps the whole vault in memory, which is why memory is reported
 * as the growth over the level just before the export starts. For a cleaner baseline run it as
 * `node --expose-gc --import tsx scripts/bench-export.ts` (a GC runs before each measurement).
 */
import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBundle } from '../src/export/bundle';
import type { HasherFactory } from '../src/export/sha256';
import { captureArtifacts, fileSink, newRecord } from '../src/export/test-support';
import { verifyBundle } from '../src/export/verify';
import { verifyFile } from '../src/export/verify-cli';
import type { CustodyEvent, Vault } from '../src/vault/api';
import { openVault } from '../src/vault/vault';

const SCALE = Number(process.env.HOLDFAST_BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error('HOLDFAST_BENCH_SCALE must be a positive number');
const BIG_RECORDS = Math.max(1, Math.round(200 * SCALE));
const BIG_SIZE = 5 * 1024 * 1024;
const SMALL_RECORDS = Math.max(1, Math.round(10_000 * SCALE));
const MB = 1024 * 1024;
/** HOLDFAST_BENCH_EXPORT=small runs only the many-small-records export (the memory figure of issue #13). */
const ONLY = process.env.HOLDFAST_BENCH_EXPORT;
const dir = join(tmpdir(), `holdfast-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

function sampler() {
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakBuffers = base.arrayBuffers;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      return {
        rss: (peakRss - base.rss) / MB,
        arrayBuffers: (peakBuffers - base.arrayBuffers) / MB,
        heap: (peakHeap - base.heapUsed) / MB,
        baseRss: base.rss / MB,
      };
    },
  };
}

const nodeHasher: HasherFactory = () => {
  const h = createHash('sha256');
  return { update: (c) => void h.update(c), digestHex: () => h.digest('hex') };
};

async function bigVault() {
  const vault = await openVault(`bench-big-${Date.now()}`);
  const t = performance.now();
  for (let i = 0; i < BIG_RECORDS; i++) {
    await vault.addRecord(
      newRecord({
        platform: 'x',
        kind: 'post',
        author: { handle: `user${i % 17}`, accountId: String(1000 + (i % 17)) },
        capturedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
        text: `bench post ${i}`,
      }),
      [{ role: 'screenshot', mediaType: 'image/png', filename: `big-${i}.png`, bytes: new Uint8Array(randomBytes(BIG_SIZE)) }],
    );
  }
  console.log(`  vault built: ${BIG_RECORDS} records × ${BIG_SIZE / MB} MB in ${seconds(performance.now() - t)}`);
  return vault;
}

async function smallVault() {
  const vault = await openVault(`bench-small-${Date.now()}`);
  const t = performance.now();
  for (let i = 0; i < SMALL_RECORDS; i++) {
    await vault.addRecord(
      newRecord({
        platform: i % 3 === 0 ? 'instagram' : 'x',
        kind: 'comment',
        author: { handle: `person${i % 250}`, displayName: `Person ${i % 250}` },
        capturedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
        itemTime: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 - 120_000).toISOString(),
        permalink: `https://x.com/person${i % 250}/status/${1_800_000_000_000 + i}`,
        text: `message number ${i}: stop it or else 😠`,
      }),
      captureArtifacts(i % 50, `<article><p>message ${i}</p></article>`),
    );
  }
  console.log(`  vault built: ${SMALL_RECORDS} records in ${seconds(performance.now() - t)}`);
  return vault;
}

async function main() {
  console.log(`Holdfast export benchmark (scale ${SCALE}; Node ${process.version}; files in ${dir})\n`);
  if (ONLY !== 'small') await largeAndVerify();
  await manySmall();
  rmSync(dir, { recursive: true, force: true });
}

async function largeAndVerify() {
  console.log(`1. Large artifacts: ${BIG_RECORDS} × ${BIG_SIZE / MB} MB`);
  const big = await bigVault();
  const bigZip = join(dir, 'big.zip');
  const exportMemory = sampler();
  let t = performance.now();
  const result = await exportBundle(big, { scope: { type: 'all' }, toolVersion: 'bench' }, fileSink(bigZip));
  let ms = performance.now() - t;
  let mem = exportMemory.stop();
  const artifactMb = result.manifest.counts.artifactBytes / MB;
  const zipMb = statSync(bigZip).size / MB;
  console.log(`  export: ${seconds(ms)}; ${fmt(artifactMb)} MB of artifacts → ${fmt(zipMb)} MB bundle`);
  console.log(`  throughput: ${fmt(artifactMb / (ms / 1000))} MB/s of artifacts, ${fmt(zipMb / (ms / 1000))} MB/s written`);
  console.log(
    `  peak extra memory during export: RSS +${fmt(mem.rss)} MB, JS heap +${fmt(mem.heap)} MB, ArrayBuffers +${fmt(mem.arrayBuffers)} MB (RSS before: ${fmt(mem.baseRss)} MB, mostly the in-memory test vault)`,
  );
  big.close();

  console.log('\n3. Verifier on that bundle');
  const blob = await openAsBlob(bigZip);
  const memory = sampler();
  t = performance.now();
  let report = await verifyFile(bigZip);
  ms = performance.now() - t;
  mem = memory.stop();
  console.log(`  holdfast-verify (direct file reads, zlib, node:crypto): ${report.ok ? 'OK' : 'PROBLEMS'} in ${seconds(ms)} → ${fmt(zipMb / (ms / 1000))} MB/s; extra RSS +${fmt(mem.rss)} MB`);
  t = performance.now();
  report = await verifyBundle(blob, { hasher: nodeHasher });
  ms = performance.now() - t;
  console.log(`  through zip.js streams (node:crypto): ${report.ok ? 'OK' : 'PROBLEMS'} in ${seconds(ms)} → ${fmt(zipMb / (ms / 1000))} MB/s`);
  t = performance.now();
  report = await verifyBundle(blob);
  ms = performance.now() - t;
  console.log(`  extension hashing (WebCrypto, pure JS for >64 MB files): ${report.ok ? 'OK' : 'PROBLEMS'} in ${seconds(ms)} → ${fmt(zipMb / (ms / 1000))} MB/s`);
}

async function manySmall() {
  console.log(`\n2. Many small records: ${SMALL_RECORDS}`);
  const small = await smallVault();
  const smallZip = join(dir, 'small.zip');
  const memory = sampler();
  let t = performance.now();
  const smallResult = await exportBundle(small, { scope: { type: 'all' }, toolVersion: 'bench' }, fileSink(smallZip));
  const ms = performance.now() - t;
  const mem = memory.stop();
  console.log(`  export: ${seconds(ms)} (${fmt((ms / SMALL_RECORDS), 2)} ms per record); bundle ${fmt(statSync(smallZip).size / MB)} MB, ${smallResult.files.length + 1} files`);
  console.log(`  peak extra memory during export: RSS +${fmt(mem.rss)} MB, JS heap +${fmt(mem.heap)} MB, ArrayBuffers +${fmt(mem.arrayBuffers)} MB`);
  const smallArtifacts = smallResult.manifest.counts.artifactBytes;
  const smallBundle = statSync(smallZip).size;
  const reportHtml = smallResult.files.find((f) => f.path === 'report.html')?.size ?? 0;
  console.log(
    `  size: bundle ${fmt(smallBundle / MB)} MB vs artifacts ${fmt(smallArtifacts / MB)} MB (${fmt((smallBundle / smallArtifacts - 1) * 100, 0)}% overhead); report.html ${fmt(reportHtml / MB)} MB`,
  );
  console.log('  (what stays is the records and about 100 bytes per file for the ZIP directory; most of the peak is garbage not yet collected, much of it fake-indexeddb\'s own: see the in-memory line below)');
  t = performance.now();
  const report = await verifyFile(smallZip);
  console.log(`  verify: ${report.ok ? 'OK' : 'PROBLEMS'} in ${seconds(performance.now() - t)}`);

  // The same export over a vault held in plain Maps: fake-indexeddb's own allocations (a large share of the garbage
  // above, and the whole vault on the JS heap) are out of the figure, as they are in a browser, where IndexedDB is
  // not on the page's heap.
  const memVault = await inMemoryVault(small);
  small.close();
  global.gc?.();
  const memory2 = sampler();
  t = performance.now();
  await exportBundle(memVault, { scope: { type: 'all' }, toolVersion: 'bench' }, fileSink(smallZip));
  const ms2 = performance.now() - t;
  const mem2 = memory2.stop();
  // RSS is not shown: the memory freed by closing the fake-indexeddb vault stays with the process.
  console.log(
    `  the same export from an in-memory vault (no IndexedDB double): ${seconds(ms2)}; peak extra JS heap +${fmt(mem2.heap)} MB, ArrayBuffers +${fmt(mem2.arrayBuffers)} MB`,
  );
}

/** A read-only copy of a vault in Maps, answering what exportBundle asks (list, artifacts, custody, people, notes). */
async function inMemoryVault(source: Vault): Promise<Vault> {
  const records = await source.list({ includeDeleted: true });
  const artifacts = new Map<string, { bytes: Uint8Array; mediaType: string; sha256: string; size: number }>();
  for (const r of records) {
    for (const a of r.artifacts ?? []) {
      const stored = await source.getArtifact(a.id);
      if (stored) artifacts.set(a.id, { bytes: stored.bytes, mediaType: a.mediaType, sha256: a.sha256, size: a.size });
    }
  }
  const custody = await source.custodyLog();
  const live: Partial<Vault> = {
    list: async () => records,
    getArtifact: async (id: string) => artifacts.get(id) as never,
    readArtifact: async (id: string) => {
      const a = artifacts.get(id);
      return a ? ({ stream: () => new Blob([a.bytes as BlobPart]).stream() } as never) : undefined;
    },
    logCustody: async (action, recordId, detail) => {
      const prev = custody.at(-1);
      const event = { seq: (prev?.seq ?? 0) + 1, at: new Date().toISOString(), action, prevHash: prev?.hash ?? '0'.repeat(64), hash: 'f'.repeat(64) } as CustodyEvent;
      if (recordId) event.recordId = recordId;
      if (detail) event.detail = detail;
      custody.push(event);
      return event;
    },
    custodyLog: async () => custody,
    people: async () => [],
    notes: async () => [],
  };
  return live as Vault;
}

main().catch((error) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = 1;
});
