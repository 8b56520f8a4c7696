import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_PLATFORMS } from '../sites/registry';
import { validateSchema } from './json-schema';
import { MANIFEST_PLATFORMS, MANIFEST_SCHEMA } from './manifest-schema';

const SCHEMA_FILE = resolve(import.meta.dirname, '..', '..', 'docs', 'export-format.schema.json');
const PLATFORM_LINE = /^( *)"platform": \{ "enum": \[[^\]]*\] \},$/m;

describe('the export schema lists the registry platforms', () => {
  it('the verifier checks platforms against the site registry', () => {
    expect(MANIFEST_SCHEMA.$defs?.platform).toEqual({ enum: [...RECORD_PLATFORMS, 'added'] });
    expect(RECORD_PLATFORMS).toEqual(expect.arrayContaining(['x', 'instagram', 'facebook', 'messenger', 'web']));
    const bad = validateSchema({ $defs: MANIFEST_SCHEMA.$defs, $ref: '#/$defs/platform' }, 'myspace');
    expect(bad).toHaveLength(1);
  });

  it('docs/export-format.schema.json has the same list (run `npx vitest run -u` to rewrite it after adding a site)', async () => {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    expect(text).toMatch(PLATFORM_LINE);
    const expected = text.replace(PLATFORM_LINE, (_m, indent: string) => `${indent}"platform": { "enum": [${MANIFEST_PLATFORMS.map((p) => JSON.stringify(p)).join(', ')}] },`);
    await expect(expected).toMatchFileSnapshot(SCHEMA_FILE);
  });
});
