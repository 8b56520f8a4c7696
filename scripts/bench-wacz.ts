/**
 * WACZ export benchmark (issue #15; Node, fake-indexeddb): `npx tsx scripts/bench-wacz.ts`, or
 * `npm run bench -- --only wacz`. Prints figures, no pass/fail:
 *  - a vault of about 1 GB of synthetic captures, each with a large resource (a 12 MB random "video", streamed from the
 *    vault into the WARC), a 2 MB random screenshot and a small HTML snapshot; exported as WACZ to a file on disk:
 *    throughput (MB of captured bytes per second, and MB/s written) and the peak extra memory while exporting (RSS,
 *    JS heap and ArrayBuffers above the level just before the export, sampled every 20 ms);
 *  - holdfast-verify's check of that WACZ (node:crypto hashing), for scale;
 *  - the vault page's *Check a bundle* path on it: verifyWacz on the file as a Blob (read in slices, as a picked File
 *    is) with the default streamed pure-JS SHA-256 the page uses, its speed and peak extra memory.
 * Targets from the issue: ≥ 50 MB/s with ≤ 300 MB extra memory. HOLDFAST_BENCH_SCALE scales the vault (e.g. 0.1).
 * fake-indexeddb keeps the vault in memory, hence memory as growth over the level before the export. For a cleaner
 * baseline run it as `node --expose-gc --import tsx scripts/bench-wacz.ts` (a GC runs before the measurement).
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSink, newRecord } from '../src/export/test-support';
import { verifyWaczFile } from '../src/export/verify-cli';
import { verifyWacz } from '../src/export/wacz/verify-wacz';
import { exportWacz } from '../src/export/wacz/writer';
import { openVault } from '../src/vault/vault';

const SCALE = Number(process.env.HOLDFAST_BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error('HOLDFAST_BENCH_SCALE must be a positive number');
const MB = 1024 * 1024;
const VIDEO = 12 * MB;
const SHOT = 2 * MB;
const RECORDS = Math.max(1, Math.round(((1024 * MB) / (VIDEO + SHOT)) * SCALE));
const fmt = (n: number, digits = 1) => n.toFixed(digits);

function sampler() {
  global.gc?.();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heap: base.heapUsed, buffers: base.arrayBuffers };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.buffers = Math.max(peak.buffers, m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { rss: (peak.rss - base.rss) / MB, heap: (peak.heap - base.heapUsed) / MB, buffers: (peak.buffers - base.arrayBuffers) / MB, baseRss: base.rss / MB };
    },
  };
}

export async function waczBench(): Promise<void> {
  console.log(`\n## WACZ export (issue #15; scale ${SCALE}, Node ${process.version})`);
  const dir = join(tmpdir(), `holdfast-bench-wacz-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const vault = await openVault(`bench-wacz-${Date.now()}`);
  try {
    let t = performance.now();
    let bytes = 0;
    for (let i = 0; i < RECORDS; i++) {
      const html = new TextEncoder().encode(`<!doctype html><article><p>bench post ${i}</p>${'<span>reply</span>'.repeat(200)}</article>`);
      await vault.addRecord(
        newRecord({
          platform: 'x',
          kind: 'post',
          permalink: `https://x.com/user${i % 17}/status/${1_860_000_000_000 + i}`,
          author: { handle: `user${i % 17}` },
          capturedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
          text: `bench post ${i}`,
        }),
        [
          { role: 'screenshot', mediaType: 'image/png', filename: `shot-${i}.png`, bytes: new Uint8Array(randomBytes(SHOT)) },
          { role: 'html', mediaType: 'text/html;charset=utf-8', filename: `page-${i}.html`, bytes: html },
          { role: 'import', mediaType: 'video/mp4', filename: `clip-${i}.mp4`, bytes: new Uint8Array(randomBytes(VIDEO)) },
        ],
      );
      bytes += SHOT + VIDEO + html.byteLength;
    }
    console.log(`vault built: ${RECORDS} captures, ${fmt(bytes / MB)} MB of captured files, in ${fmt((performance.now() - t) / 1000, 1)} s`);
    const file = join(dir, 'bench.wacz');
    const memory = sampler();
    t = performance.now();
    const result = await exportWacz(vault, { scope: { type: 'all' }, toolVersion: 'bench' }, fileSink(file));
    const s = (performance.now() - t) / 1000;
    const mem = memory.stop();
    const size = statSync(file).size / MB;
    console.log(`WACZ export: ${fmt(s, 2)} s; ${fmt(bytes / MB)} MB captured → ${fmt(size)} MB WACZ (${result.warcRecords} WARC records, ${result.pages} pages)`);
    console.log(`throughput: ${fmt(bytes / MB / s)} MB/s of captured files, ${fmt(size / s)} MB/s written (target ≥ 50 MB/s)`);
    console.log(`peak extra memory during export: RSS +${fmt(mem.rss)} MB, JS heap +${fmt(mem.heap)} MB, ArrayBuffers +${fmt(mem.buffers)} MB (target ≤ 300 MB; RSS before: ${fmt(mem.baseRss)} MB, mostly the in-memory test vault)`);
    t = performance.now();
    const report = await verifyWaczFile(file);
    const vs = (performance.now() - t) / 1000;
    console.log(`holdfast-verify of it: ${fmt(vs, 2)} s (${fmt(size / vs)} MB/s), ${report.ok ? 'OK' : `PROBLEMS: ${report.problems.map((p) => p.code).join(', ')}`}, fingerprint ${report.signature?.fingerprint}`);
    const pageMemory = sampler();
    t = performance.now();
    const inPage = await verifyWacz(await openAsBlob(file));
    const ps = (performance.now() - t) / 1000;
    const pm = pageMemory.stop();
    console.log(
      `vault page's Check a bundle on it (verifyWacz on a Blob, pure-JS SHA-256): ${fmt(ps, 2)} s (${fmt(size / ps)} MB/s), ${inPage.ok ? 'OK' : `PROBLEMS: ${inPage.problems.map((p) => p.code).join(', ')}`}; peak extra memory RSS +${fmt(pm.rss)} MB, ArrayBuffers +${fmt(pm.buffers)} MB`,
    );
  } finally {
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await waczBench();
