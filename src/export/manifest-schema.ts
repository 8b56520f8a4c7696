/**
 * The export manifest's JSON Schema: docs/export-format.schema.json (written for readers outside the code), with its
 * list of platforms taken from the site registry, so the verifier accepts exactly the platforms Holdfast records.
 * manifest-schema.test.ts keeps the file's own list equal to the registry's (`npx vitest run -u` rewrites it).
 */
import schemaJson from '../../docs/export-format.schema.json';
import { ADDED_PLATFORM } from '../model/case';
import { RECORD_PLATFORMS } from '../sites/registry';
import type { JsonSchema } from './json-schema';

/** `schema` with `$defs.platform` listing `platforms`. */
export function withPlatforms(schema: JsonSchema, platforms: readonly string[]): JsonSchema {
  return { ...schema, $defs: { ...schema.$defs, platform: { enum: [...platforms] } } };
}

/** Every platform a record may carry: the sites', 'web', and 'added' (journal entries and files the person adds). */
export const MANIFEST_PLATFORMS: readonly string[] = [...RECORD_PLATFORMS, ADDED_PLATFORM];

export const MANIFEST_SCHEMA: JsonSchema = withPlatforms(schemaJson as unknown as JsonSchema, MANIFEST_PLATFORMS);
