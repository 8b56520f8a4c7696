// Builds the extension variants the real-browser tests, the demo and the benchmark load:
//   .output/test-grant/{chrome-mv3,firefox-mv2}    <all_urls> granted at install (pixel screenshots), test hooks on
//   .output/test-nogrant/{chrome-mv3,firefox-mv2}  the shipping permission model (DOM-rendered fallback), test hooks on
// Release builds (`npm run build`) never carry either setting.
import { execFileSync } from 'node:child_process';

const variants = [
  { dir: '.output/test-grant', grant: '1' },
  { dir: '.output/test-nogrant', grant: '0' },
];
const only = process.argv.includes('--chrome-only') ? ['chrome'] : ['chrome', 'firefox'];
for (const v of variants) {
  for (const b of only) {
    const started = Date.now();
    execFileSync('npx', ['wxt', 'build', '-b', b], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, HOLDFAST_TEST: '1', HOLDFAST_TEST_GRANT_ALL_URLS: v.grant, HOLDFAST_OUT_DIR: v.dir },
    });
    console.log(`built ${v.dir} ${b} in ${Date.now() - started} ms`);
  }
}
