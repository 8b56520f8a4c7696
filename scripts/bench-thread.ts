/**
 * Whole-thread capture benchmark (issue #4). Headless Chromium with the test build, the X long-thread replica with
 * 5,000 messages and a fixed 200 ms load delay per page of 50 older messages. Prints, for a text-only run
 * (#holdfast-shots=0), a run with the stitched screenshot, and a short thread whose stitched picture fits in one
 * composite image:
 *  - total time (click → record stored) and the site's own load waits (pages × 200 ms);
 *  - time beyond those waits per message;
 *  - peak JS heap of the tab (Performance.getMetrics JSHeapUsedSize) and of the extension's service worker
 *    (Runtime.getHeapUsage; the worker has no Performance domain), sampled every 250 ms;
 *  - the stitched screenshot: files, bytes, pixel size (width × total height), composite or not, and the most
 *    decoded image memory the background held (one raw segment) against a full-height canvas.
 * Run: node scripts/build-test.mjs --chrome-only && npx tsx scripts/bench-thread.ts
 * (HOLDFAST_BENCH_THREAD_N=…, HOLDFAST_BENCH_THREAD_RUNS=text,shots,composite, HOLDFAST_BENCH_PROFILE=dir,
 * HOLDFAST_BENCH_THREAD_BUILD=test-nogrant: the permissions as shipped, where the stitched picture is redrawn from the
 * page through the DOM renderer, issue #14; default test-grant, pixel screenshots)
 */
import type { CDPSession } from 'puppeteer-core';
import { launch } from '../test/e2e/browsers';
import { CONTROL, TOAST, VaultPage } from '../test/e2e/pages';
import { startReplicaServer } from '../test/e2e/server';

const N = Number(process.env.HOLDFAST_BENCH_THREAD_N ?? 5000);
const DELAY = 200;
const PAGE = 50;
const urlFor = (n: number) => `https://x.com/i/chat/1523456789012345678-1888000000000000001?n=${n}&delay=${DELAY}&page=${PAGE}`;
/** Messages in the short run: about 13,000 px of thread, under the composite's 16,384 px. */
const COMPOSITE_N = Number(process.env.HOLDFAST_BENCH_THREAD_COMPOSITE_N ?? 240);
/** SEGMENT_MAX_PX in thread-service.ts. */
const SEGMENT_MAX_PX = 4096;
const MB = 1024 * 1024;
/** Which runs: both (default), or only "shots" / "text" (HOLDFAST_BENCH_THREAD_RUNS). */
const RUNS = (process.env.HOLDFAST_BENCH_THREAD_RUNS ?? 'text,shots,composite').split(',');
/** A folder to write CPU profiles of the tab and the service worker into (HOLDFAST_BENCH_PROFILE). */
const PROFILE_DIR = process.env.HOLDFAST_BENCH_PROFILE;

async function main(): Promise<void> {
  const server = await startReplicaServer();
  const build = process.env.HOLDFAST_BENCH_THREAD_BUILD === 'test-nogrant' ? 'test-nogrant' : 'test-grant';
  console.log(`build ${build} (${build === 'test-grant' ? 'pixel screenshots' : 'permissions as shipped: redrawn pictures'})`);
  const harness = await launch('chromium', server, build);
  try {
    const vault = await VaultPage.open(harness);
    // tsx keeps function names with a __name helper that page-side functions do not have.
    await vault.page.evaluate('globalThis.__name = (f) => f');
    const swTarget = await harness.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(harness.extensionBase));
    let sw: CDPSession | null = null;
    try {
      sw = await swTarget.createCDPSession();
    } catch {
      sw = null;
    }
    const runs = [
      { name: 'text', n: N, shots: false },
      { name: 'shots', n: N, shots: true },
      { name: 'composite', n: COMPOSITE_N, shots: true },
    ].filter((r) => RUNS.includes(r.name));
    for (const { name, n, shots } of runs) {
      const page = await harness.newPage();
      const tab = await page.createCDPSession();
      await tab.send('Performance.enable');
      if (PROFILE_DIR) {
        for (const s of [tab, sw]) {
          await s?.send('Profiler.enable');
          await s?.send('Profiler.setSamplingInterval', { interval: 200 });
        }
      }
      await page.goto(`${urlFor(n)}${shots ? '' : '#holdfast-shots=0'}`, { waitUntil: 'load' });
      await page.bringToFront();
      await page.waitForSelector(CONTROL('thread'), { timeout: 15_000 });
      let peakTab = 0;
      let peakSw = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          try {
            const m = (await tab.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
            peakTab = Math.max(peakTab, m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0);
          } catch {
            /* page busy */
          }
          if (sw) {
            try {
              const h = (await sw.send('Runtime.getHeapUsage')) as { usedSize: number };
              peakSw = Math.max(peakSw, h.usedSize);
            } catch {
              /* worker restarting */
            }
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
      const before = await page.evaluate((sel) => Number(document.querySelector(sel)?.getAttribute('data-holdfast-toast-n') ?? 0), TOAST);
      if (PROFILE_DIR) for (const s of [tab, sw]) await s?.send('Profiler.start');
      const started = Date.now();
      await (await page.$(CONTROL('thread')))!.click();
      // A conversation's capture starts from the "how far back" dialog: everything (its default).
      const dialog = await page.waitForSelector('[data-testid="holdfast-bound-dialog"]', { timeout: 5000 }).catch(() => null);
      if (dialog) await (await page.waitForSelector('[data-testid="holdfast-bound-start"]', { timeout: 5000 }))!.click();
      // Polled from here: one long waitForFunction would outlast puppeteer's protocol timeout.
      let code = '';
      while (!code) {
        await new Promise((r) => setTimeout(r, 200));
        code = await page.evaluate(
          (sel, n) => {
            const host = document.querySelector(sel);
            const c = host?.getAttribute('data-holdfast-toast') ?? '';
            return Number(host?.getAttribute('data-holdfast-toast-n') ?? 0) > n && c !== 'capturing' ? c : '';
          },
          TOAST,
          before,
        );
        if (Date.now() - started > 20 * 60_000) throw new Error('no outcome after 20 minutes');
      }
      const totalMs = Date.now() - started;
      if (PROFILE_DIR) {
        const { mkdirSync, writeFileSync } = await import('node:fs');
        mkdirSync(PROFILE_DIR, { recursive: true });
        const run = name;
        for (const [name, s] of [['tab', tab], ['sw', sw]] as const) {
          if (!s) continue;
          const { profile } = (await s.send('Profiler.stop')) as { profile: unknown };
          writeFileSync(`${PROFILE_DIR}/${run}-${name}.cpuprofile`, JSON.stringify(profile));
        }
      }
      sampling = false;
      await sampler;
      const rec = await vault.newest();
      const pics = rec.artifacts.filter((a) => a.role === 'segment' || a.role === 'screenshot');
      const siteWaitMs = Math.ceil((n - PAGE) / PAGE) * DELAY;
      const what = name === 'text' ? 'text only (#holdfast-shots=0)' : name === 'shots' ? 'with stitched screenshot' : 'short thread, stitched screenshot in one composite';
      console.log(`\nwhole-thread capture, ${n.toLocaleString()} messages, ${DELAY} ms per page of ${PAGE} — ${what}`);
      console.log(`  outcome ${code}; messages stored ${rec.content.fields?.messages}${rec.content.fields?.partial ? ' (PARTIAL)' : ''}`);
      console.log(`  total ${(totalMs / 1000).toFixed(1)} s; the site's own load waits ${(siteWaitMs / 1000).toFixed(1)} s`);
      console.log(`  beyond the site's waits: ${((totalMs - siteWaitMs) / n).toFixed(2)} ms per message`);
      console.log(`  peak JS heap: tab ${(peakTab / MB).toFixed(1)} MB, extension service worker ${sw ? `${(peakSw / MB).toFixed(1)} MB` : 'n/a'}; together ${((peakTab + peakSw) / MB).toFixed(1)} MB`);
      if (shots) {
        const size = (note: string | undefined) => /(\d+)×(\d+) px/.exec(note ?? '')?.slice(1, 3).map(Number) ?? [0, 0];
        const segments = pics.filter((a) => a.role === 'segment');
        const composite = pics.find((a) => a.role === 'screenshot');
        const parts = segments.length ? segments.map((a) => size(a.note)) : composite ? [size(composite.note)] : [];
        const width = Math.max(0, ...parts.map((p) => p[0]!));
        const height = parts.reduce((h, p) => h + p[1]!, 0);
        const bytes = pics.reduce((t, a) => t + a.size, 0);
        console.log(`  picture method: ${rec.screenshot.method}`);
        console.log(`  stitched screenshot: ${width} × ${height} px, ${pics.length} file(s), ${bytes.toLocaleString()} bytes (${(bytes / MB).toFixed(1)} MB)`);
        console.log(`    ${composite ? `composite ${size(composite.note).join(' × ')} px, ${composite.size.toLocaleString()} bytes` : 'no composite (taller than 16,384 px: kept as segments)'}; ${rec.screenshot.note ?? ''}`);
        console.log(`    most decoded image memory in the background: one ${width} × ${Math.min(height, SEGMENT_MAX_PX)} px segment, ${((width * Math.min(height, SEGMENT_MAX_PX) * 4) / MB).toFixed(1)} MB (a full-height canvas would be ${((width * height * 4) / MB).toFixed(1)} MB)`);
      }
      await page.close();
    }
  } finally {
    await harness.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
