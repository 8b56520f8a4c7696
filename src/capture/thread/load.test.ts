import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadThreadCapture, THREAD_MODULE_KEY } from './load';
import { publishThreadCapture } from './module';

const g = globalThis as unknown as Record<string, unknown>;
afterEach(() => {
  delete g[THREAD_MODULE_KEY];
});

describe('whole-thread capture, loaded on demand', () => {
  it('asks the background to inject it once, then uses what the injected script published', async () => {
    const send = vi.fn(async () => {
      publishThreadCapture(); // what thread-capture.js does when the background injects it
      return { ok: true as const };
    });
    const first = await loadThreadCapture(send as never);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ type: 'thread:load' });
    expect(typeof first.captureThread).toBe('function');
    expect(typeof first.chooseBound).toBe('function');
    const again = await loadThreadCapture(send as never);
    expect(again).toBe(first);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('fails with the background\'s plain reason, or when nothing was published', async () => {
    await expect(loadThreadCapture((async () => ({ ok: false, message: 'The capture could not start in this page (no access).' })) as never)).rejects.toThrow(
      'The capture could not start in this page (no access).',
    );
    await expect(loadThreadCapture((async () => ({ ok: true })) as never)).rejects.toThrow('The capture module did not load.');
  });

  it('keeps the engine, dialog and panel out of the per-site content scripts (no static import from content or sites; type-only imports are erased)', () => {
    const root = resolve(import.meta.dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const offenders = [...files(join(root, 'capture', 'content')), ...files(join(root, 'sites'))].filter((f) => {
      const text = readFileSync(f, 'utf8');
      return [...text.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].some((m) => /thread\/(run|engine|dialog|panel|module)$/.test(m[1]!));
    });
    expect(offenders).toEqual([]);
  });
});
