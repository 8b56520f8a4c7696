import { describe, expect, it } from 'vitest';
import { itemScrollPlan, newPart, screenCrop } from './stitch-geometry';

/** Simulates stitching: every screen of a plan, cut by screenCrop, must tile the item exactly once. */
function stitch(itemTop: number, itemHeight: number, view: number, maxScroll: number, scale: number): { rows: number; screens: number } {
  const plan = itemScrollPlan(itemTop, itemHeight, view, maxScroll);
  let covered = 0;
  let rows = 0;
  for (const top of plan) {
    // The item's visible part at this scroll offset (window coordinates, the scroller's view starting at y = 0).
    const boxTop = itemTop - top;
    const y = Math.max(boxTop, 0);
    const bottom = Math.min(boxTop + itemHeight, view);
    const crop = screenCrop(covered, { rect: { x: 10, y, width: 500, height: bottom - y }, offset: y - boxTop }, { x: 0, y: 0 }, scale, { width: 1280 * scale, height: view * scale });
    if (!crop) continue;
    expect(crop.sy).toBeGreaterThanOrEqual(0);
    expect(crop.sy + crop.sh).toBeLessThanOrEqual(view * scale);
    covered = crop.covered;
    rows += crop.sh;
  }
  return { rows, screens: plan.length };
}

describe('stitch geometry (issue #14)', () => {
  it('newPart: only what lies below the picture so far', () => {
    expect(newPart(0, 0, 800)).toEqual({ skip: 0, take: 800 });
    expect(newPart(800, 720, 800)).toEqual({ skip: 80, take: 720 });
    expect(newPart(5000, 4200, 800)).toEqual({ skip: 800, take: 0 });
    expect(newPart(800, 1000, 800)).toEqual({ skip: 0, take: 800 });
  });

  it('plans screens top to bottom that reach the bottom of a tall item, overlapping by 2 px', () => {
    expect(itemScrollPlan(100, 2000, 900, 5000)).toEqual([100, 998, 1896]);
    // The last screen is clamped where the scroller ends: the item's bottom is still in view.
    expect(itemScrollPlan(100, 2000, 900, 1300)).toEqual([100, 998, 1300]);
    // An item that fits takes one screen.
    expect(itemScrollPlan(50, 300, 900, 5000)).toEqual([50]);
  });

  it('a scroller that cannot move far enough, a cap on screens, and bad input', () => {
    expect(itemScrollPlan(100, 5000, 900, 100)).toEqual([100]);
    expect(itemScrollPlan(0, 100_000, 900, 1e9, 5)).toHaveLength(5);
    expect(itemScrollPlan(0, 0, 900, 100)).toEqual([]);
    expect(itemScrollPlan(0, 100, 0, 100)).toEqual([]);
    expect(itemScrollPlan(Number.NaN, 100, 900, 100)).toEqual([]);
    expect(itemScrollPlan(0, 2000, 0.5, 5000).length).toBeGreaterThan(1);
  });

  it('screens tile the item exactly: rows = CSS height × scale (± 1 px per screen)', () => {
    for (const scale of [1, 1.5, 2]) {
      for (const [top, height, view] of [
        [100, 2000, 900],
        [0, 900.5, 900],
        [37.25, 4321.75, 613],
      ] as const) {
        const { rows, screens } = stitch(top, height, view, 1e6, scale);
        expect(Math.abs(rows - height * scale)).toBeLessThanOrEqual(screens);
      }
    }
  });

  it('a redrawn screen starts at its rect (origin), a pixel screen at the window corner', () => {
    const shot = { rect: { x: 100, y: 50, width: 400, height: 300 }, offset: 0 };
    expect(screenCrop(0, shot, { x: 0, y: 0 }, 2, { width: 2560, height: 1800 })).toEqual({ sx: 200, sy: 100, sw: 800, sh: 600, covered: 300 });
    expect(screenCrop(0, shot, { x: 100, y: 50 }, 2, { width: 800, height: 600 })).toEqual({ sx: 0, sy: 0, sw: 800, sh: 600, covered: 300 });
  });

  it('takes at most maxRows and says how far the picture then reaches; nothing new gives null', () => {
    const shot = { rect: { x: 0, y: 0, width: 100, height: 900 }, offset: 1000 };
    expect(screenCrop(1000, shot, { x: 0, y: 0 }, 1, { width: 100, height: 900 }, 400)).toEqual({ sx: 0, sy: 0, sw: 100, sh: 400, covered: 1400 });
    expect(screenCrop(1900, shot, { x: 0, y: 0 }, 1, { width: 100, height: 900 })).toBeNull();
    expect(screenCrop(0, shot, { x: 0, y: 0 }, 0, { width: 100, height: 900 })).toBeNull();
    // A rect reaching past the image is cut to the image.
    expect(screenCrop(0, { rect: { x: 0, y: 800, width: 100, height: 300 }, offset: 0 }, { x: 0, y: 0 }, 1, { width: 100, height: 900 })).toMatchObject({ sy: 800, sh: 100, covered: 100 });
  });
});
