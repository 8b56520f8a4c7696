/**
 * Issue #14: the pictures a record holds, read straight from the vault's IndexedDB (not through Holdfast's code): each
 * picture artifact's role, note and pixel size from its PNG header (IHDR), so a stitched picture's height can be
 * compared with what it should cover.
 */
import type { VaultPage } from './pages';

export interface StoredPicture {
  role: string;
  note: string;
  width: number;
  height: number;
}

export async function picturesOf(vault: VaultPage, recordId: string): Promise<StoredPicture[]> {
  const json = await vault.page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('holdfast-vault');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const stored = await all<{ ref: { id: string; role: string; mediaType: string; note?: string }; recordId: string; bytes?: Uint8Array | ArrayBuffer; chunks?: number }>('artifacts');
    const mine = stored.filter((a) => a.recordId === id && a.ref.mediaType === 'image/png');
    const chunkRows = mine.some((a) => typeof a.chunks === 'number') && db.objectStoreNames.contains('chunks') ? await all<{ aid: string; i: number; bytes?: Uint8Array }>('chunks') : [];
    db.close();
    const out = mine.map((a) => {
      const raw = typeof a.chunks === 'number' ? chunkRows.find((c) => c.aid === a.ref.id && c.i === 0)?.bytes : a.bytes;
      const head = raw instanceof Uint8Array ? raw : new Uint8Array(raw ?? new ArrayBuffer(0));
      const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
      const isPng = head.byteLength >= 24 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
      return { role: a.ref.role, note: a.ref.note ?? '', width: isPng ? view.getUint32(16) : 0, height: isPng ? view.getUint32(20) : 0 };
    });
    return JSON.stringify(out);
  }, recordId);
  return JSON.parse(json) as StoredPicture[];
}

/** The height the record's picture covers: the composite's, else its segments' together. */
export function coveredHeight(pictures: StoredPicture[]): number {
  const whole = pictures.find((p) => p.role === 'screenshot');
  return whole ? whole.height : pictures.filter((p) => p.role === 'segment').reduce((n, p) => n + p.height, 0);
}

/**
 * How much of the record's main picture (the composite, else the first segment) has something drawn, per tenth of its
 * height: the share of rows in each tenth with a pixel that differs from the picture's top-left corner. A stitched
 * picture whose screens came out blank shows as empty tenths. With `dump`, the PNG is also returned (base64).
 */
export async function inkByTenth(vault: VaultPage, recordId: string, dump = false): Promise<{ tenths: number[]; png?: string }> {
  return vault.page.evaluate(
    async (id, wantPng) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('holdfast-vault');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = <T,>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as T[]);
          req.onerror = () => reject(req.error);
        });
      const stored = await all<{ ref: { id: string; role: string; mediaType: string }; recordId: string; bytes?: Uint8Array | ArrayBuffer; chunks?: number }>('artifacts');
      const mine = stored.filter((a) => a.recordId === id && a.ref.mediaType === 'image/png');
      const a = mine.find((x) => x.ref.role === 'screenshot') ?? mine.find((x) => x.ref.role === 'segment');
      let bytes: Uint8Array;
      if (a && typeof a.chunks === 'number') {
        const rows = (await all<{ aid: string; i: number; bytes?: Uint8Array }>('chunks')).filter((c) => c.aid === a.ref.id).sort((x, y) => x.i - y.i);
        bytes = new Uint8Array(rows.reduce((n, r) => n + (r.bytes?.byteLength ?? 0), 0));
        let at = 0;
        for (const r of rows) {
          bytes.set(r.bytes ?? new Uint8Array(0), at);
          at += r.bytes?.byteLength ?? 0;
        }
      } else bytes = a?.bytes instanceof Uint8Array ? a.bytes : new Uint8Array(a?.bytes ?? new ArrayBuffer(0));
      db.close();
      const bmp = await createImageBitmap(new Blob([bytes as BlobPart], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.drawImage(bmp, 0, 0);
      const data = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      const tenths = Array.from({ length: 10 }, () => 0);
      for (let y = 0; y < bmp.height; y++) {
        let inked = false;
        for (let x = 0, i = y * bmp.width * 4; x < bmp.width && !inked; x++, i += 4) inked = data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2];
        if (inked) tenths[Math.min(9, Math.floor((y * 10) / bmp.height))]! += 10 / bmp.height;
      }
      let png: string | undefined;
      if (wantPng) {
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        png = btoa(bin);
      }
      return { tenths, ...(png ? { png } : {}) };
    },
    recordId,
    dump,
  );
}
