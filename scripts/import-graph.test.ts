import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph, importSpecifiers, stripComments } from './import-graph.mjs';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A throwaway src/ tree: path → source. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'holdfast-graph-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const named = (root: string, cycles: string[][]) => cycles.map((c) => c.map((f) => f.slice(root.length + 1)));

describe('import cycles (scripts/check-architecture.mjs rule 5)', () => {
  it('reads static, re-export, type-only and dynamic imports, not commented-out ones', () => {
    const code = stripComments(`import a from './a';\nimport type { B } from "./b";\nexport * from './c';\n// import x from './x';\n/* import y from './y'; */\nconst d = await import('./d');\nimport './e';`);
    expect(importSpecifiers(code)).toEqual(['./a', './b', './c', './d', './e']);
  });

  it('finds a cycle between a site adapter and its thread support, and one through a type-only import', () => {
    const root = tree({
      'sites/x/adapter.ts': "import { xThread } from './thread';\nexport const xAdapter = { thread: xThread };",
      'sites/x/thread.ts': "import { xAdapter } from './adapter';\nexport const xThread = {};",
      'capture/load.ts': "import type { M } from './module';\nexport const KEY = 'k';",
      'capture/module.ts': "import { KEY } from './load';\nexport type M = string;",
      'capture/index.ts': "import { KEY } from './load';\nimport { xAdapter } from '../sites/x/adapter';",
    });
    expect(named(root, findCycles(importGraph(root))).sort()).toEqual([
      ['capture/load.ts', 'capture/module.ts', 'capture/load.ts'],
      ['sites/x/adapter.ts', 'sites/x/thread.ts', 'sites/x/adapter.ts'],
    ]);
  });

  it('finds a longer cycle and a module importing itself; passes a tree that only shares a module', () => {
    const root = tree({
      'a.ts': "import './b.ts';",
      'b.ts': "import './c';",
      'c/index.ts': "import '../a';",
      'self.ts': "import './self';",
    });
    expect(named(root, findCycles(importGraph(root))).sort()).toEqual([['a.ts', 'b.ts', 'c/index.ts', 'a.ts'], ['self.ts', 'self.ts']]);
    const fine = tree({
      'x/adapter.ts': "import { read } from './read';",
      'x/thread.ts': "import { read } from './read';",
      'x/site.ts': "import './adapter';\nimport './thread';",
      'x/read.ts': 'export const read = 1;',
    });
    expect(findCycles(importGraph(fine))).toEqual([]);
  });

  it('src/ has none', () => {
    const src = join(import.meta.dirname, '..', 'src');
    expect(named(src, findCycles(importGraph(src)))).toEqual([]);
  });
});
