/**
 * A small JSON Schema validator for the subset docs/export-format.schema.json uses (draft 2020-12
 * keywords): type, const, enum, properties, required, additionalProperties, items, minItems,
 * maxItems, minLength, maxLength, pattern, minimum, maximum, anyOf, oneOf, $ref to "#/$defs/…".
 * Anything else in a schema is rejected, so the schema cannot silently rely on a keyword that is
 * not checked. Pure; used by the verifier on untrusted manifests and by the tests.
 */

export type JsonSchema = {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const KNOWN = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'anyOf',
  'oneOf',
]);

export interface SchemaError {
  /** JSON Pointer-like path of the offending value, e.g. "/records/3/record/seq". */
  path: string;
  message: string;
}

/** Validates `value` against `schema`. Stops collecting after `maxErrors` errors. */
export function validateSchema(schema: JsonSchema, value: unknown, maxErrors = 50): SchemaError[] {
  const errors: SchemaError[] = [];
  const patterns = new Map<string, RegExp>();
  const root = schema;

  function resolve(ref: string): JsonSchema {
    const m = /^#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(ref);
    const target = m ? root.$defs?.[m[1]!] : undefined;
    if (!target) throw new Error(`json-schema: cannot resolve ${ref}`);
    return target;
  }

  function check(s: JsonSchema, v: unknown, path: string, out: SchemaError[]): void {
    if (out.length >= maxErrors) return;
    for (const key of Object.keys(s)) {
      if (!KNOWN.has(key)) throw new Error(`json-schema: keyword "${key}" is not supported (at ${path || '/'})`);
    }
    if (s.$ref !== undefined) {
      check(resolve(s.$ref), v, path, out);
    }
    const at = path || '/';
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => isType(v, t))) {
        out.push({ path: at, message: `should be ${types.join(' or ')}, is ${describe(v)}` });
        return;
      }
    }
    if ('const' in s && !deepEqual(v, s.const)) out.push({ path: at, message: `should be ${JSON.stringify(s.const)}` });
    if (s.enum && !s.enum.some((e) => deepEqual(v, e))) {
      out.push({ path: at, message: `should be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` });
    }
    if (typeof v === 'string') {
      if (s.minLength !== undefined && [...v].length < s.minLength) out.push({ path: at, message: `is shorter than ${s.minLength}` });
      if (s.maxLength !== undefined && v.length > s.maxLength) out.push({ path: at, message: `is longer than ${s.maxLength}` });
      if (s.pattern !== undefined) {
        let re = patterns.get(s.pattern);
        if (!re) {
          re = new RegExp(s.pattern, 'u');
          patterns.set(s.pattern, re);
        }
        if (!re.test(v)) out.push({ path: at, message: `does not match ${s.pattern}` });
      }
    }
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) out.push({ path: at, message: `is less than ${s.minimum}` });
      if (s.maximum !== undefined && v > s.maximum) out.push({ path: at, message: `is more than ${s.maximum}` });
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) out.push({ path: at, message: `has fewer than ${s.minItems} items` });
      if (s.maxItems !== undefined && v.length > s.maxItems) out.push({ path: at, message: `has more than ${s.maxItems} items` });
      if (s.items) for (let i = 0; i < v.length && out.length < maxErrors; i++) check(s.items, v[i], `${path}/${i}`, out);
    }
    if (isObject(v)) {
      for (const key of s.required ?? []) {
        if (!Object.hasOwn(v, key)) out.push({ path: at, message: `is missing "${key}"` });
      }
      for (const [key, member] of Object.entries(v)) {
        const sub = s.properties?.[key];
        const childPath = `${path}/${escapePointer(key)}`;
        if (sub) check(sub, member, childPath, out);
        else if (s.additionalProperties === false) out.push({ path: childPath, message: 'is not allowed here' });
        else if (typeof s.additionalProperties === 'object') check(s.additionalProperties, member, childPath, out);
      }
    }
    if (s.anyOf && !s.anyOf.some((alt) => attempt(alt, v, path).length === 0)) {
      out.push({ path: at, message: 'matches none of the allowed forms' });
    }
    if (s.oneOf) {
      const results = s.oneOf.map((alt) => attempt(alt, v, path));
      const passing = results.filter((r) => r.length === 0).length;
      if (passing !== 1) {
        // Name the closest alternative's problems so the message is useful.
        const closest = results.reduce((best, r) => (r.length < best.length ? r : best), results[0] ?? []);
        out.push({
          path: at,
          message:
            passing === 0
              ? `matches none of the allowed forms${closest[0] ? ` (e.g. ${closest[0].path} ${closest[0].message})` : ''}`
              : 'matches more than one allowed form',
        });
      }
    }
  }

  function attempt(s: JsonSchema, v: unknown, path: string): SchemaError[] {
    const local: SchemaError[] = [];
    check(s, v, path, local);
    return local;
  }

  check(schema, value, '', errors);
  return errors.slice(0, maxErrors);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isType(v: unknown, t: JsonType): boolean {
  switch (t) {
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    default:
      return false;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
