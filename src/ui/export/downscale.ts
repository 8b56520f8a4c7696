/**
 * Reduced copies of pictures for the export's reports, drawn in this page (OffscreenCanvas): report.html shows them
 * as thumbnails linking to the full file, the PDF embeds them, so the bundle does not carry every picture twice.
 * Raster types only (PNG, JPEG, GIF, WebP): an SVG or anything else is never decoded here. Returns undefined when the
 * browser cannot do it or the picture is already small; the export then links the file instead.
 */
import type { Downscaler } from '../../export/bundle';

const RASTER = /^image\/(png|jpeg|gif|webp)$/;

export const downscalePicture: Downscaler = async (bytes, mediaType, maxWidth) => {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (!RASTER.test(type) || typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap !== 'function') return undefined;
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type }));
  try {
    const scale = Math.min(1, maxWidth / Math.max(bitmap.width, 1));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    // JPEG has no transparency: a white page behind, as on paper.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mediaType: 'image/jpeg' };
  } finally {
    bitmap.close();
  }
};
