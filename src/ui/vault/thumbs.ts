/**
 * Small thumbnails for the records list, drawn once into tiny bitmaps and kept in a small cache. A blurred thumbnail
 * is the screenshot's top scaled down to a few pixels and drawn larger: it reads as blurred without a CSS blur
 * filter (which costs a full-size filter pass per row on every scrolled frame when the browser paints in software),
 * and the full screenshot is decoded once, not kept. Images only (PNG, JPEG, WebP, GIF), as stored.
 */
import type { Vault } from '../../vault/api';

const IMAGE = /^image\/(png|jpeg|webp|gif)$/;
/** Width of a blurred thumbnail's bitmap: 8 px drawn at 56 px is unreadable, yet shows there is a picture. */
export const BLURRED_WIDTH = 8;
export const SHARP_WIDTH = 112;
/** Height to width of the thumbnail box (56 × 48). */
const ASPECT = 48 / 56;
const MAX_CACHED = 400;

const cache = new Map<string, Promise<ImageBitmap | undefined>>();

export function thumbnailsSupported(): boolean {
  return typeof createImageBitmap === 'function';
}

/** The top of the screenshot at `width` pixels (cached by artifact and width; the oldest dropped past the limit). */
export function thumbnail(vault: Vault, artifactId: string, width: number): Promise<ImageBitmap | undefined> {
  const key = `${artifactId}@${width}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = (async () => {
    const a = await vault.getArtifact(artifactId);
    if (!a || !IMAGE.test(a.ref.mediaType)) return undefined;
    const full = await createImageBitmap(new Blob([a.bytes as BlobPart], { type: a.ref.mediaType }));
    const h = Math.min(full.height, Math.round(full.width * ASPECT));
    const small = await createImageBitmap(full, 0, 0, full.width, h, { resizeWidth: width, resizeHeight: Math.max(1, Math.round((width * h) / full.width)), resizeQuality: 'medium' });
    full.close();
    return small;
  })().catch(() => undefined);
  cache.set(key, made);
  while (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value as string;
    const gone = cache.get(oldest);
    cache.delete(oldest);
    void gone?.then((b) => b?.close());
  }
  return made;
}

/** Forgets every thumbnail (the vault page calls it when the records go away, e.g. on lock). */
export function clearThumbnails(): void {
  for (const p of cache.values()) void p.then((b) => b?.close());
  cache.clear();
}
