// Node module hooks for scripts/run-ts.mjs: TypeScript files compiled by esbuild without keepNames, and relative
// imports written without an extension ('./pages') resolved to .ts/.tsx files, as TypeScript resolves them.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const TS = /\.(ts|tsx|mts)$/;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (!/^\.{1,2}\//.test(specifier) || /\.[cm]?[jt]sx?$/.test(specifier)) throw err;
    for (const ext of ['.ts', '.tsx', '/index.ts']) {
      try {
        return await next(`${specifier}${ext}`, context);
      } catch {
        /* next candidate */
      }
    }
    throw err;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !TS.test(url)) return next(url, context);
  const file = fileURLToPath(url);
  const out = await transform(await readFile(file, 'utf8'), {
    loader: url.endsWith('.tsx') ? 'tsx' : 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    sourcefile: file,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    keepNames: false,
  });
  return { format: 'module', source: out.code, shortCircuit: true };
}
