/**
 * Helpers for the vault's tests only (never imported by production code): sample records, and raw
 * IndexedDB access so tests can tamper with the database behind the vault's back, the way someone
 * with access to the browser profile could.
 */
import type { NewArtifact, NewRecord } from './api';

let counter = 0;

/** A fresh database name per test, so tests never see each other's data. */
export function freshDbName(prefix = 'vault-test'): string {
  counter += 1;
  return `${prefix}-${counter}-${globalThis.crypto.randomUUID()}`;
}

export function sampleRecord(overrides: Partial<NewRecord> = {}): NewRecord {
  const text = overrides.text ?? 'You will regret posting that.';
  return {
    formatVersion: 1,
    kind: 'post',
    platform: 'x',
    pageUrl: 'https://x.com/someone/status/1',
    permalink: 'https://x.com/someone/status/1',
    capturedAt: '2026-03-01T12:00:00.000Z',
    capturedAtOffset: '+01:00',
    itemTime: '2026-03-01T11:58:00.000Z',
    author: { handle: 'Someone', displayName: 'Some One', accountId: '12345' },
    text,
    media: [],
    content: {
      kind: 'post',
      platform: 'x',
      text,
      links: [],
      media: [],
      method: 'adapter',
      warnings: [],
    },
    extraction: { method: 'adapter', adapter: 'x', warnings: [] },
    screenshot: { method: 'pixel', devicePixelRatio: 2 },
    tool: { name: 'Holdfast', version: '0.1.0', browser: 'test', userAgent: 'vitest' },
    reportRoutes: [],
    ...overrides,
  };
}

export function sampleArtifact(text = 'png bytes', overrides: Partial<NewArtifact> = {}): NewArtifact {
  return {
    role: 'screenshot',
    mediaType: 'image/png',
    filename: 'screenshot.png',
    bytes: new TextEncoder().encode(text),
    ...overrides,
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens the database at whatever version it is, without upgrading. */
export function rawOpen(name: string): Promise<IDBDatabase> {
  return request(indexedDB.open(name));
}

/** Runs `fn` in one raw readwrite transaction over `store` and waits for it to commit. */
export async function rawEdit<T>(name: string, store: string, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await rawOpen(name);
  try {
    const tx = db.transaction(store, 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
    done.catch(() => undefined); // a failed request aborts the transaction; the request's error is the one to report
    const result = await request(fn(tx.objectStore(store)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

export async function rawGet<T = unknown>(name: string, store: string, key: IDBValidKey): Promise<T> {
  const db = await rawOpen(name);
  try {
    return (await request(db.transaction(store).objectStore(store).get(key))) as T;
  } finally {
    db.close();
  }
}

export async function rawGetAll<T = unknown>(name: string, store: string): Promise<T[]> {
  const db = await rawOpen(name);
  try {
    return (await request(db.transaction(store).objectStore(store).getAll())) as T[];
  } finally {
    db.close();
  }
}
