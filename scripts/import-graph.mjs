// The import graph of src/ for scripts/check-architecture.mjs: which module imports which, and the import cycles.
// Pure functions over file paths and source text (unit-tested in import-graph.test.ts), plus one reader of src/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Source without comments (string contents are kept: import specifiers live there). */
export function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** Every module specifier the code imports or re-exports: `from '…'`, `import '…'` and `import('…')`. */
export function importSpecifiers(code) {
  return [...code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** The file a relative specifier names (with .ts/.tsx/index added as the bundler does), or null. */
export function resolveRelative(fromFile, spec, exists = existsSync) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.(ts|tsx|mjs|js)$/.test(c) && exists(c)) return c;
  }
  return null;
}

/**
 * The import cycles of a graph (Map: module → modules it imports): one cycle per strongly connected component of
 * more than one module (or a module importing itself), as the list of modules along it, first module repeated last.
 */
export function findCycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const strong = (v) => {
    // Iterative Tarjan: a deep graph must not overflow the call stack.
    const work = [[v, 0]];
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const next = graph.get(node) ?? [];
      if (i < next.length) {
        frame[1]++;
        const w = next[i];
        if (!indices.has(w)) {
          indices.set(w, index);
          low.set(w, index);
          index++;
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(node, Math.min(low.get(node), indices.get(w)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === indices.get(node)) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.push(w);
        } while (w !== node);
        const selfLoop = component.length === 1 && (graph.get(node) ?? []).includes(node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) strong(v);
  return components.map((component) => cycleWithin(graph, new Set(component)));
}

/** One cycle through a strongly connected component: a shortest path from its first module back to itself. */
function cycleWithin(graph, members) {
  const start = [...members].sort()[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let p = v; p !== start; p = previous.get(p)) path.push(p);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx)$/.test(name)) yield p;
  }
}

/** The graph of relative imports between the .ts/.tsx files under `root` (type-only and dynamic imports included). */
export function importGraph(root) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const targets = importSpecifiers(stripComments(readFileSync(file, 'utf8')))
      .map((spec) => resolveRelative(file, spec))
      .filter((t) => t?.startsWith(root));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}
