import { describe, expect, it } from 'vitest';
import { type Box, findSpot, leastCovering } from './placement';

const box = (left: number, top: number, w: number, h: number): Box => ({ left, top, right: left + w, bottom: top + h });
const bounds = box(0, -1e6, 1000, 2e6);
const meets = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('findSpot', () => {
  it('takes the top-right corner of an empty item', () => {
    expect(findSpot({ region: box(100, 100, 400, 200), obstacles: [], width: 64, height: 24, bounds })).toEqual({ x: 434, y: 102 });
  });

  it('moves left of a "⋯" button in the top-right corner rather than over it', () => {
    const more = box(470, 102, 28, 28);
    const spot = findSpot({ region: box(100, 100, 400, 200), obstacles: [more], width: 64, height: 24, bounds })!;
    expect(spot).not.toBeNull();
    expect(meets(box(spot.x, spot.y, 64, 24), more)).toBe(false);
    expect(spot.y).toBe(102); // still in the top row
    expect(spot.x + 64).toBeLessThanOrEqual(more.left);
  });

  it('goes to the bottom-right when the top row is full, and never over any obstacle', () => {
    const top = box(100, 100, 400, 40); // a header full of links and text
    const text = box(100, 150, 400, 100);
    const spot = findSpot({ region: box(100, 100, 400, 200), obstacles: [top, text], width: 64, height: 24, bounds })!;
    expect(spot).toEqual({ x: 434, y: 274 });
  });

  it('finds a gap between obstacles when both corners are taken', () => {
    const obstacles = [box(100, 100, 400, 30), box(100, 270, 400, 30), box(100, 130, 200, 140)];
    const spot = findSpot({ region: box(100, 100, 400, 200), obstacles, width: 64, height: 24, bounds })!;
    expect(spot).not.toBeNull();
    for (const o of obstacles) expect(meets(box(spot.x, spot.y, 64, 24), o)).toBe(false);
  });

  it('answers null when nothing is free (an image filling the item) or the item is too small', () => {
    expect(findSpot({ region: box(0, 0, 200, 200), obstacles: [box(0, 0, 200, 200)], width: 24, height: 24, bounds })).toBeNull();
    expect(findSpot({ region: box(0, 0, 20, 200), obstacles: [], width: 24, height: 24, bounds })).toBeNull();
  });

  it('stays inside the bounds (never widens the page)', () => {
    const spot = findSpot({ region: box(900, 0, 300, 100), obstacles: [], width: 64, height: 24, bounds })!;
    expect(spot.x + 64).toBeLessThanOrEqual(1000);
  });
});

describe('leastCovering', () => {
  it('prefers covering text to covering a site control', () => {
    const button = box(0, 0, 30, 30);
    const text = box(100, 0, 30, 30);
    expect(leastCovering([{ x: 0, y: 0 }, { x: 100, y: 0 }], 24, 24, [button], [button, text])).toEqual({ x: 100, y: 0 });
  });
});
