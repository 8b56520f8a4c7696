// Architecture and privacy rules that a reader should be able to trust from the tree:
// 1. Dependencies point one way between src/ folders (table below).
// 2. The vault, the model and the help data (src/help) use no DOM and no extension API (they run in a worker, a page and Node).
// 3. Nothing in src/ opens a network connection (no fetch/XHR/WebSocket/beacon/EventSource; no remote URLs in pages),
//    with ONE exception (issue #15, trusted time, opt-in): src/capture/background/tsa-post.ts holds exactly one fetch,
//    a POST of application/timestamp-query whose body it has checked is a request for a SHA-256 hash; only the
//    background's main.ts imports it (it runs only when the person turned trusted time on).
// 4. The site list (src/sites/registry.ts and each site's descriptor.ts) is plain data that everything may read
//    (the build config, the model's Platform type, the background, the export): it imports only itself.
// 5. No import cycles between modules of src/ (type-only and dynamic imports count too): a cycle makes load order
//    matter (an adapter half-defined when its thread support reads it) and the layers above impossible to read.
// 6. Extension pages (src/ui, src/entrypoints, src/lock) never turn text into markup: captured content is hostile, so no
//    innerHTML/outerHTML/insertAdjacentHTML/document.write/srcdoc/dangerouslySetInnerHTML/DOMParser/createContextualFragment
//    there; Preact renders text as text (issue #12).
// 7. Signatures are made and checked in one place (issue #15): WebCrypto's sign/verify and the ECDSA algorithm appear only
//    in src/model/signature.ts, which fixes what a signed statement is (canonical JSON with a `type`), so no other code
//    can sign bytes of its own choosing with the vault key or check a signature another way. RFC 3161 time-stamp tokens
//    (signed by a time-stamping authority, not by the vault) are read and checked in one place too: pkijs and asn1js are
//    imported only by src/model/timestamp-token.ts.
// Exit 1 with a list of violations.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { findCycles, importGraph } from './import-graph.mjs';

const SRC = resolve(import.meta.dirname, '..', 'src');
/** The site list: pure data below every folder (rule 4). Paths relative to src/, with '/' separators. */
const SITE_LIST = /^sites\/(registry\.ts|site-descriptor\.ts|[^/]+\/descriptor\.ts)$/;
const SITE_LIST_LAYER = 'site list';
/** The layer of a file under src/: its top folder, or the site list. */
const layerOf = (rel) => (SITE_LIST.test(rel.split(sep).join('/')) ? SITE_LIST_LAYER : rel.split(sep)[0]);
/** folder → folders it may import from (itself and the site list always allowed). */
const ALLOWED = {
  model: [],
  vault: ['model'],
  reporting: ['model'],
  // Issue #14: who can help, by region (plain data: hotlines, police, organisations, safety centres); the Get help page reads it.
  help: ['model'],
  sites: ['model', 'reporting'],
  messaging: ['model'],
  i18n: ['model'],
  // Issue #12: session key, auto-lock, quick exit and settings; pages, panels and the background use it.
  lock: ['model', 'vault', 'messaging', 'i18n'],
  capture: ['model', 'sites', 'messaging', 'vault', 'i18n', 'reporting', 'lock'],
  export: ['model', 'vault'],
  ui: ['model', 'messaging', 'vault', 'export', 'reporting', 'i18n', 'sites', 'lock', 'help'],
  entrypoints: ['*'],
  public: [],
};
const NO_DOM_OR_EXTENSION = ['model', 'vault', 'help', SITE_LIST_LAYER];
/** Rule 6: the folders whose code runs in extension pages, and the ways text becomes markup there. */
const MARKUP_FREE = ['ui', 'entrypoints', 'lock'];
const SIGNING_HOME = join('model', 'signature.ts');
const TOKEN_HOME = join('model', 'timestamp-token.ts');
const NETWORK_HOME = join('capture', 'background', 'tsa-post.ts');
const NETWORK_USER = join('capture', 'background', 'main.ts');
const NETWORK_CALLS = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\s*\(/g;
const SIGNING_CALLS = /\bsubtle\s*\.\s*(sign|verify)\s*\(|['"]ECDSA['"]/;
const MARKUP_SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|srcdoc|dangerouslySetInnerHTML|DOMParser|createContextualFragment)\b/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|html)$/.test(name)) yield p;
  }
}

const problems = [];
for (const file of files(SRC)) {
  const rel = relative(SRC, file);
  const top = layerOf(rel);
  const isTest = /\.test\.tsx?$/.test(file);
  const text = readFileSync(file, 'utf8');
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  if (file.endsWith('.html')) {
    if (/<(script|link|img)[^>]+(src|href)=["']https?:/i.test(text)) problems.push(`${rel}: loads a remote resource`);
    continue;
  }
  for (const m of code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('.')) {
      const targetRel = relative(SRC, resolve(dirname(file), spec));
      if (targetRel.startsWith('..')) {
        if (top === SITE_LIST_LAYER) problems.push(`${rel}: the site list imports only itself (${spec})`);
        continue;
      }
      const target = layerOf(/\.[a-z]+$/.test(targetRel) ? targetRel : `${targetRel}.ts`);
      if (top === SITE_LIST_LAYER) {
        if (target !== SITE_LIST_LAYER) problems.push(`${rel}: the site list imports only itself, not src/${targetRel}`);
        continue;
      }
      const allowed = ALLOWED[top];
      if (!allowed) problems.push(`${rel}: folder src/${top} is not in the architecture table`);
      else if (target !== top && target !== SITE_LIST_LAYER && !allowed.includes('*') && !allowed.includes(target) && !isTest)
        problems.push(`${rel}: src/${top} may not import from src/${target}`);
    } else if (/^(pkijs|asn1js)$/.test(spec) && rel !== TOKEN_HOME && !isTest) {
      problems.push(`${rel}: imports ${spec}; time-stamp tokens are read and checked only in src/model/timestamp-token.ts`);
    } else if (top === SITE_LIST_LAYER) {
      problems.push(`${rel}: the site list imports only itself (${spec})`);
    } else if (NO_DOM_OR_EXTENSION.includes(top) && /^(wxt|@wxt-dev|webextension-polyfill)/.test(spec)) {
      problems.push(`${rel}: src/${top} must not use the extension API (${spec})`);
    }
  }
  if (NO_DOM_OR_EXTENSION.includes(top) && !isTest && /\b(document|window|browser\.|chrome\.)\b/.test(code.replace(/['"`][^'"`]*['"`]/g, '')))
    problems.push(`${rel}: src/${top} must not touch the DOM or the extension API`);
  const calls = isTest ? [] : [...code.replace(/['"`][^'"`\n]*['"`]/g, '').matchAll(NETWORK_CALLS)].map((m) => m[1]);
  if (rel === NETWORK_HOME) {
    if (calls.length !== 1 || calls[0] !== 'fetch' || !/method:\s*'POST'/.test(code) || !/'Content-Type':\s*'application\/timestamp-query'/.test(code) || !/requestImprint\(/.test(code))
      problems.push(`${rel}: must hold exactly one fetch, a POST of application/timestamp-query of a body checked with requestImprint (found: ${calls.join(', ') || 'none'})`);
  } else if (calls.length) problems.push(`${rel}: opens a network connection; Holdfast sends nothing anywhere (trusted time posts only from ${NETWORK_HOME})`);
  if (!isTest && rel !== NETWORK_USER && rel !== NETWORK_HOME && /from\s*['"][^'"]*\/tsa-post['"]|from\s*['"]\.\/tsa-post['"]/.test(code))
    problems.push(`${rel}: imports the trusted-time network module; only ${NETWORK_USER} may`);
  if (!isTest && rel !== SIGNING_HOME && SIGNING_CALLS.test(code))
    problems.push(`${rel}: signs or checks a signature outside src/model/signature.ts (${code.match(SIGNING_CALLS)?.[0]})`);
  if (MARKUP_FREE.includes(top) && !isTest && MARKUP_SINKS.test(code.replace(/['"`][^'"`\n]*['"`]/g, '')))
    problems.push(`${rel}: puts text into an extension page as markup (${code.match(MARKUP_SINKS)?.[0]}); render it as text`);
}

// Rule 5. The cycle finder checks itself first on a graph with a known cycle, so a broken finder cannot pass silently.
const selfCheck = findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []]]));
if (selfCheck.length !== 1 || selfCheck[0].join(' ') !== 'a b c a') problems.push(`import-cycle finder self-check failed: ${JSON.stringify(selfCheck)}`);
for (const cycle of findCycles(importGraph(SRC))) problems.push(`import cycle: ${cycle.map((f) => relative(SRC, f)).join(' -> ')}`);

if (problems.length) {
  console.error(`Architecture check: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('Architecture check: dependencies one-way, no import cycles, vault/model/site list free of DOM and extension API, no network code but the one trusted-time POST, no markup from text in extension pages, signatures only in model/signature.ts.');
