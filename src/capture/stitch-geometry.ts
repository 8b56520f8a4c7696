/**
 * The geometry of a stitched picture (issue #14), shared by the whole-thread capture and the capture of an item taller
 * than the window. Pure arithmetic: no DOM, no extension API, unit-tested directly.
 *
 * A picture is built top to bottom from screens. Each screen shows the part [offset, offset + rect.height) of the
 * thing being pictured (a thread's scroller content, or a tall item), at `rect` in the window (CSS px). `covered` is
 * how far down (CSS px, same coordinates as `offset`) the picture already reaches; each screen adds only what lies
 * below it.
 */
import type { Rect } from '../messaging/protocol';

/** Which part of a new screen is not yet in the picture: the rows to skip at its top and how many to take (0: nothing new). */
export function newPart(covered: number, offset: number, height: number): { skip: number; take: number } {
  const skip = Math.max(0, Math.min(height, covered - offset));
  return { skip, take: Math.max(0, height - skip) };
}

export interface ScreenCrop {
  /** Source rectangle in the screen's image, device px. */
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  /** How far down the picture reaches once this screen is added (CSS px). */
  covered: number;
}

/**
 * Where to cut a screen's image for the picture. The image is either the whole window (a pixel screenshot: `origin`
 * 0,0) or only `rect` redrawn from the page (origin = rect's top-left corner); `scale` is image px per CSS px. At most
 * `maxRows` device rows are taken. Null when the screen adds nothing.
 */
export function screenCrop(
  covered: number,
  shot: { rect: Rect; offset: number },
  origin: { x: number; y: number },
  scale: number,
  image: { width: number; height: number },
  maxRows = Number.POSITIVE_INFINITY,
): ScreenCrop | null {
  const { skip, take } = newPart(covered, shot.offset, shot.rect.height);
  const reach = Math.max(covered, shot.offset + shot.rect.height);
  if (take <= 0 || !(scale > 0)) return null;
  const sx = Math.min(Math.max(0, image.width - 1), Math.max(0, Math.floor((shot.rect.x - origin.x) * scale)));
  const sy = Math.max(0, Math.floor((shot.rect.y - origin.y + skip) * scale));
  if (sy >= image.height) return null;
  const sw = Math.max(1, Math.min(image.width - sx, Math.round(shot.rect.width * scale)));
  const sh = Math.max(1, Math.min(image.height - sy, Math.round(take * scale), maxRows));
  // When fewer rows than the screen adds could be taken (the image or maxRows ends first), the picture reaches only that far.
  const taken = sh < Math.round(take * scale) ? shot.offset + skip + sh / scale : reach;
  return { sx, sy, sw, sh, covered: Math.max(covered, taken) };
}

/**
 * The scroll offsets (scroller coordinates, CSS px) that bring every part of a tall item into view, top to bottom:
 * `itemTop` is the item's top in the scroller's content, `view` the height of the scroller's visible part, `maxScroll`
 * its largest scroll offset. Consecutive screens overlap by `overlap` px so rounding never leaves a gap. At most
 * `maxScreens` offsets; an empty list for bad input.
 */
export function itemScrollPlan(itemTop: number, itemHeight: number, view: number, maxScroll: number, maxScreens = 40, overlap = 2): number[] {
  if (![itemTop, itemHeight, view, maxScroll].every(Number.isFinite) || itemHeight <= 0 || view <= 0 || maxScreens < 1) return [];
  const step = Math.max(1, Math.floor(view) - Math.max(0, overlap));
  const end = itemTop + itemHeight;
  const out: number[] = [];
  const limit = Math.max(0, maxScroll);
  for (let top = itemTop; out.length < maxScreens; top += step) {
    const at = Math.min(limit, Math.max(0, Math.round(top)));
    if (out.length && at <= out[out.length - 1]!) break; // the scroller cannot go further
    out.push(at);
    if (at + view >= end) break;
  }
  return out;
}
