import { describe, expect, it } from 'vitest';
import { type JsonSchema, validateSchema } from './json-schema';

const schema: JsonSchema = {
  type: 'object',
  required: ['id', 'items'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z]+$', minLength: 2, maxLength: 5 },
    n: { type: 'integer', minimum: 1, maximum: 3 },
    kind: { enum: ['a', 'b'] },
    fixed: { const: 1 },
    items: { type: 'array', minItems: 1, items: { $ref: '#/$defs/item' } },
    either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    any: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
    map: { type: 'object', additionalProperties: { type: 'number' } },
  },
  $defs: { item: { type: 'object', required: ['x'], properties: { x: { type: 'number' } } } },
};

describe('validateSchema', () => {
  it('accepts a valid value', () => {
    expect(validateSchema(schema, { id: 'abc', n: 2, kind: 'a', fixed: 1, items: [{ x: 1.5 }], either: 3, any: null, map: { a: 1 } })).toEqual([]);
  });

  it('names each violation with its path', () => {
    const errors = validateSchema(schema, {
      id: 'A',
      n: 2.5,
      kind: 'c',
      fixed: 2,
      items: [{ x: 'no' }, {}],
      either: 1.5,
      any: 0,
      map: { a: 'x' },
      extra: true,
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['/id']).toMatch(/does not match|shorter/);
    expect(byPath['/n']).toMatch(/integer/);
    expect(byPath['/kind']).toMatch(/one of "a", "b"/);
    expect(byPath['/fixed']).toMatch(/should be 1/);
    expect(byPath['/items/0/x']).toMatch(/number/);
    expect(byPath['/items/1']).toMatch(/missing "x"/);
    expect(byPath['/either']).toMatch(/none of the allowed forms/);
    expect(byPath['/any']).toMatch(/none of the allowed forms/);
    expect(byPath['/map/a']).toMatch(/number/);
    expect(byPath['/extra']).toMatch(/not allowed/);
  });

  it('rejects oneOf values matching two forms, missing required members and wrong types', () => {
    expect(validateSchema({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 3)[0]?.message).toMatch(/more than one/);
    expect(validateSchema(schema, {})).toHaveLength(2);
    expect(validateSchema(schema, [])[0]?.message).toBe('should be object, is an array');
  });

  it('refuses keywords it does not implement, so a schema cannot silently go unchecked', () => {
    expect(() => validateSchema({ type: 'string', format: 'email' } as unknown as JsonSchema, 'x')).toThrow(/format/);
    expect(() => validateSchema({ $ref: '#/$defs/missing' }, 1)).toThrow(/resolve/);
  });
});
