/**
 * The incremental SHA-256 lives in src/model/sha256.ts since the vault hashes streamed artifacts with it too (the
 * vault may not import src/export). Re-exported here so export code and its tests keep their imports.
 */
export { createSha256, type Hasher, type HasherFactory, sha256HexSync } from '../model/sha256';
