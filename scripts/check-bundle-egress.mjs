#!/usr/bin/env node
// Egress proof over what the browser actually runs (issue #12): every JS, HTML and CSS file of each BUILT extension
// (.output/chrome-mv3, .output/firefox-mv2 and the test builds), dependencies included — not only src/ (the lint rule
// in check-architecture.mjs stays for src/).
//
// It looks for every way code can reach the network: fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon,
// importScripts, new Worker / SharedWorker, RTCPeerConnection, service-worker registration, dynamic import of a URL,
// remote URLs in src/href/srcset/poster/action attributes (HTML and JS), remote url()/@import in CSS, and
// <meta http-equiv=refresh> / <link rel=preconnect|prefetch|dns-prefetch>. Each occurrence must be named in ALLOWED
// below — which file, a piece of text next to it that identifies the code, at most how many — with the reason it is
// unreachable or harmless; anything else fails. An allowance that matches nothing in any build fails too (stale).
//
// Usage: node scripts/check-bundle-egress.mjs [--allow-unused] [extension dir …]
//   default: every built extension under .output; --allow-unused skips the stale-allowance check (its own tests).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The occurrences that remain in dependencies, each with why it cannot send anything anywhere.
 * `file` matches the path inside the extension dir; `near` must occur within 600 characters before or after.
 */
const ALLOWED = [
  {
    id: 'vite-modulepreload-polyfill',
    api: 'fetch',
    file: /^chunks\/.+\.js$/,
    near: /modulepreload/,
    max: 1,
    why:
      "Vite's modulepreload polyfill: fetches only the href of <link rel=modulepreload> elements of the extension's own " +
      "HTML pages (Vite writes them, all relative 'self' chunk paths), and no page has any other. (The pages' CSP " +
      "connect-src also allows http(s) since trusted time, issue #15, so the CSP is no longer the reason here.)",
  },
  {
    id: 'zip.js-wasm-loader',
    api: 'fetch',
    file: /^(chunks\/.+|background)\.js$/,
    near: /data:application\/wasm;base64,/,
    max: 2,
    why:
      "zip.js's zlib-WASM loader: fetch(new URL(wasmURI, baseURI)) — the default wasmURI is a relative path, i.e. the " +
      "extension's own origin, or a data: URI (decoded locally). Unreachable in practice: Holdfast's targets have " +
      'CompressionStream("deflate-raw"), which zip.js uses instead; and the extension CSP has no \'wasm-unsafe-eval\' ' +
      '(WASM cannot compile). (connect-src allows http(s) since trusted time, issue #15: the CSP no longer stops a ' +
      'remote fetch, the relative or data: wasmURI does.)',
  },
  {
    id: 'zip.js-web-workers',
    api: 'new Worker',
    file: /^(chunks\/.+|background)\.js$/,
    near: /Worker startup timeout|terminateResolvers|workerAlive|new URL\(\w+,\w+\)/,
    max: 3,
    why:
      'zip.js codec workers: every ZipWriter/ZipReader Holdfast makes passes ZIP_WORKER_OPTIONS { useWebWorkers: false } ' +
      "(src/export/zip.ts), so no worker is ever started; the CSP's worker-src 'self' would refuse a blob:, data: or " +
      'remote one anyway.',
  },
  {
    id: 'modern-screenshot-fetch',
    api: 'fetch',
    file: /^dom-render\.js$/,
    near: /Failed fetch, not 2xx response/,
    max: 1,
    why:
      'modern-screenshot (the DOM-rendered fallback picture, injected only when a pixel screenshot is not permitted). ' +
      "Its one fetch (St) is reached from x() only: images go through Holdfast's fetchFn first, which always returns " +
      'a data: URL (the loaded <img> redrawn, or a grey placeholder) so fetch is never called for them; web fonts, the ' +
      'only text fetches (@import, @font-face), are off (font: false); SVG <use> references into other files, the ' +
      'last text fetch, are pointed at the local fragment on the clone first (keepUseLocal, src/capture/content/' +
      'dom-render.ts; e2e: page-hostility "SVG <use>").',
  },
  {
    id: 'modern-screenshot-workers',
    api: 'new Worker',
    file: /^dom-render\.js$/,
    near: /Failed to new Worker|workerUrl/,
    max: 1,
    why:
      "modern-screenshot's fetch workers: created only when a workerUrl is given (Array.from({length: workerUrl ? n : " +
      '0})); Holdfast gives none, so there are none.',
  },
  {
    id: 'trusted-time-post',
    api: 'fetch',
    file: /^background\.js$/,
    near: /application\/timestamp-query/,
    max: 1,
    why:
      "Holdfast's own and only request (issue #15, trusted time, opt-in): src/capture/background/tsa-post.ts POSTs an " +
      'RFC 3161 TimeStampReq, which it first checks is a request for a 32-byte SHA-256 hash (requestImprint), to the ' +
      'time-stamping authority the person chose; the background calls it only while trusted time is on, and the browser ' +
      'lets it through only to the authority whose host access the person granted from the options page.',
  },
];

const API = [
  { api: 'fetch', re: /(?<![\w$])fetch\s*\(/g },
  { api: 'XMLHttpRequest', re: /\bXMLHttpRequest\b/g },
  { api: 'WebSocket', re: /\bWebSocket\b/g },
  { api: 'EventSource', re: /\bEventSource\b/g },
  { api: 'sendBeacon', re: /\bsendBeacon\b/g },
  { api: 'importScripts', re: /\bimportScripts\s*\(/g },
  { api: 'new Worker', re: /\bnew\s+(?:Shared)?Worker\s*\(/g },
  { api: 'RTCPeerConnection', re: /\b(?:RTCPeerConnection|webkitRTCPeerConnection)\b/g },
  { api: 'serviceWorker.register', re: /serviceWorker\s*\.\s*register\b/g },
  { api: 'import(url)', re: /\bimport\s*\(\s*["'`](?:https?:|wss?:)?\/\//g },
  { api: 'remote src/href in JS', re: /\b(?:src|srcset|href|poster|action|data)\s*[:=]\s*["'`](?:https?:|wss?:)?\/\/(?!www\.w3\.org\/)/g },
  { api: 'remote src/href in JS', re: /setAttribute(?:NS)?\s*\([^)]*["'`](?:src|srcset|href|poster|action)["'`]\s*,\s*["'`](?:https?:|wss?:)?\/\//g },
  { api: 'remote url() in JS', re: /url\(\s*["']?(?:https?:)?\/\/(?!www\.w3\.org\/)/g },
];
const HTML = [
  { api: 'remote attribute', re: /\b(?:src|srcset|href|poster|action|data|formaction|background)\s*=\s*["']?\s*(?:https?:|wss?:)?\/\//gi },
  { api: 'meta refresh', re: /<meta[^>]+http-equiv\s*=\s*["']?refresh/gi },
  { api: 'preconnect/prefetch', re: /<link[^>]+rel\s*=\s*["']?(?:preconnect|dns-prefetch|prefetch|prerender)/gi },
  { api: 'inline script', re: /<script(?![^>]*\bsrc=)[^>]*>\s*\S/gi },
];
const CSS = [
  { api: 'remote url() in CSS', re: /url\(\s*["']?(?:https?:)?\/\//gi },
  { api: 'remote @import', re: /@import\s+(?:url\()?\s*["']?(?:https?:)?\/\//gi },
];

function extensionDirs() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (args.length) return args.map((a) => resolve(a));
  const out = [];
  const visit = (dir, depth) => {
    if (!existsSync(dir)) return;
    if (existsSync(join(dir, 'manifest.json'))) {
      out.push(dir);
      return;
    }
    if (depth === 0) return;
    for (const e of readdirSync(dir)) if (statSync(join(dir, e)).isDirectory()) visit(join(dir, e), depth - 1);
  };
  visit(join(ROOT, '.output'), 2);
  return out;
}

function files(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(m?js|html|css)$/.test(e.name)) out.push(p);
  }
  return out;
}

const dirs = extensionDirs();
if (dirs.length === 0) {
  console.error('check-bundle-egress: no built extension found (run a build first: npm run build, or node scripts/build-test.mjs).');
  process.exit(1);
}

const problems = [];
const used = new Map(ALLOWED.map((a) => [a.id, 0]));
let scanned = 0;
let allowedHits = 0;
for (const dir of dirs) {
  for (const file of files(dir)) {
    const rel = relative(dir, file).split('\\').join('/');
    const code = readFileSync(file, 'utf8');
    scanned++;
    const rules = file.endsWith('.html') ? HTML : file.endsWith('.css') ? CSS : API;
    const perAllowance = new Map();
    for (const { api, re } of rules) {
      re.lastIndex = 0;
      for (let m = re.exec(code); m; m = re.exec(code)) {
        const around = code.slice(Math.max(0, m.index - 600), m.index + m[0].length + 600);
        const allowance = ALLOWED.find((a) => a.api === api && a.file.test(rel) && a.near.test(around));
        const where = `${relative(ROOT, dir)}/${rel}`;
        if (!allowance) {
          problems.push(`${where}: ${api} — ${JSON.stringify(code.slice(Math.max(0, m.index - 80), m.index + 80))}`);
          continue;
        }
        const n = (perAllowance.get(allowance.id) ?? 0) + 1;
        perAllowance.set(allowance.id, n);
        if (n > allowance.max) problems.push(`${where}: more ${api} than allowed for ${allowance.id} (${n} > ${allowance.max}): a dependency changed; look again`);
        used.set(allowance.id, (used.get(allowance.id) ?? 0) + 1);
        allowedHits++;
      }
    }
  }
}
const allowUnused = process.argv.includes('--allow-unused');
for (const [id, n] of used) if (n === 0 && !allowUnused) problems.push(`allowance ${id} matched nothing in any build: remove it (or the code moved: look again)`);

if (problems.length) {
  console.error(`Bundle egress check FAILED (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Bundle egress check: ${scanned} files in ${dirs.length} build(s) (${dirs.map((d) => relative(ROOT, d)).join(', ')}); no network API or remote reference outside the ${ALLOWED.length} documented allowances (${allowedHits} occurrences).`);
