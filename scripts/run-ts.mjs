// Runs a TypeScript script (the demo) on plain Node: `node scripts/run-ts.mjs scripts/demo.ts [args]`.
// Why not tsx: tsx compiles with esbuild's keepNames, which wraps functions in a `__name(…)` helper that exists in
// Node but not in a browser page — and the page objects (test/e2e/pages.ts) hand functions to page.evaluate, so
// they failed there with "__name is not defined" (issue #14). This loader compiles each .ts file with esbuild (a
// dev dependency) WITHOUT keepNames: the functions' source text is what was written.
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
register('./ts-hooks.mjs', import.meta.url);
await import(pathToFileURL(resolve(script)).href);
