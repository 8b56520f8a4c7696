// Types of import-graph.mjs, for its unit test.
export function stripComments(text: string): string;
export function importSpecifiers(code: string): string[];
export function resolveRelative(fromFile: string, spec: string, exists?: (path: string) => boolean): string | null;
export function findCycles(graph: Map<string, string[]>): string[][];
export function importGraph(root: string): Map<string, string[]>;
