/**
 * Where an item's Holdfast controls go (issue #14): a spot in, or right beside, the item's box that covers nothing
 * of the site — no link, button, input, image, media, site control or text. Measured when the controls are drawn
 * (they are drawn as they near the viewport) and again when the item or the window changes size.
 *
 * `findSpot` is the geometry alone (pure, unit-tested); `siteObstacles` reads what the site shows in an item.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What a control must never cover: the site's links, buttons, inputs, images, media and controls. */
export const SITE_OBSTACLES =
  'a[href],button,input,select,textarea,img,svg,video,canvas,iframe,picture,[role="button"],[role="link"],[role="menuitem"],[role="checkbox"],[role="slider"],[role="switch"],[role="tab"],[contenteditable="true"]';
/** Of those, the ones a person presses (a control inside one is pressed along with it). */
export const SITE_CONTROLS = 'a[href],button,input,select,textarea,[role="button"],[role="link"],[role="menuitem"],[role="checkbox"]';

/** Space kept between a control and the site's things, and inside the item's edge. */
const GAP = 2;
const PAD = 2;

export const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

export interface SpotRequest {
  /** The item's box (viewport coordinates). */
  region: Box;
  /** Boxes the control must not meet. */
  obstacles: readonly Box[];
  width: number;
  height: number;
  /** Where the control may go at all: the page as it is (nothing put where it would widen it or where no scrolling
   * reaches). */
  bounds: Box;
}

/**
 * The free spot for a `width` × `height` control inside `region` that is nearest the region's top-right corner (the
 * bottom-right corner counts as almost as near), or null when there is none. Candidates are the region's edges and
 * the edges of the obstacles (a free spot can always be slid until it touches one of them), checked nearest first.
 */
export function findSpot(req: SpotRequest): { x: number; y: number } | null {
  const { region, obstacles, width: w, height: h } = req;
  const minX = Math.max(region.left + PAD, req.bounds.left);
  const maxX = Math.min(region.right - PAD, req.bounds.right) - w;
  const minY = Math.max(region.top + PAD, req.bounds.top);
  const maxY = Math.min(region.bottom - PAD, req.bounds.bottom) - h;
  if (maxX < minX || maxY < minY) return null;
  // Only obstacles that reach into the region matter.
  const near: Box[] = [];
  for (const o of obstacles) if (o.right > minX - GAP && o.left < maxX + w + GAP && o.bottom > minY - GAP && o.top < maxY + h + GAP) near.push(o);
  const xs = new Set<number>([maxX, minX]);
  const ys = new Set<number>([minY, maxY]);
  for (const o of near) {
    xs.add(o.left - GAP - w);
    xs.add(o.right + GAP);
    ys.add(o.bottom + GAP);
    ys.add(o.top - GAP - h);
  }
  const xl = [...xs].filter((x) => x >= minX && x <= maxX).sort((a, b) => b - a);
  const yl = [...ys].filter((y) => y >= minY && y <= maxY).sort((a, b) => a - b);
  const candidates: { x: number; y: number; cost: number }[] = [];
  for (const x of xl) {
    const dx = maxX - x;
    // Down (or up from the bottom) costs twice as much as left: the top row left of a "⋯" before a spot below it.
    for (const y of yl) candidates.push({ x, y, cost: dx + 2 * Math.min(y - minY, maxY - y + 40) });
  }
  candidates.sort((a, b) => a.cost - b.cost);
  for (const c of candidates) {
    const box = { left: c.x - GAP + 0.5, top: c.y - GAP + 0.5, right: c.x + w + GAP - 0.5, bottom: c.y + h + GAP - 0.5 };
    let free = true;
    for (const o of near) {
      if (overlaps(box, o)) {
        free = false;
        break;
      }
    }
    if (free) return { x: c.x, y: c.y };
  }
  return null;
}

/**
 * When no free spot exists: the spot among `candidates` that covers least (a site control counts far more than text).
 */
export function leastCovering(candidates: readonly { x: number; y: number }[], w: number, h: number, controls: readonly Box[], other: readonly Box[]): { x: number; y: number } {
  let best = candidates[0] ?? { x: 0, y: 0 };
  let bestCost = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const box = { left: c.x, top: c.y, right: c.x + w, bottom: c.y + h };
    let cost = 0;
    for (const o of controls) cost += overlapArea(box, o) * 20;
    for (const o of other) cost += overlapArea(box, o);
    if (cost < bestCost) {
      bestCost = cost;
      best = c;
    }
  }
  return best;
}

const toBox = (r: DOMRect): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

export interface Obstacles {
  /** Everything a control must not cover. */
  all: Box[];
  /** Of which the site's controls (links, buttons…), for the least-bad choice when nothing is free. */
  controls: Box[];
}

/**
 * What the site shows inside `root` within `region`: its links, buttons, inputs, images and media (their boxes) and
 * its text (the boxes of its lines), skipping Holdfast's own hosts (`isOwn`). One walk over the item's elements and
 * text; a subtree whose box lies wholly outside the region is skipped (a long conversation is read only where the
 * controls may go).
 */
export function siteObstacles(root: Element, region: Box, isOwn: (el: Element) => boolean): Obstacles {
  const all: Box[] = [];
  const controls: Box[] = [];
  const doc = root.ownerDocument;
  const range = doc.createRange();
  const walker = doc.createTreeWalker(root, 5 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 3) return 1;
      const el = node as Element;
      if (isOwn(el)) return 2; // FILTER_REJECT: the subtree too
      const tag = el.localName;
      if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') return 2;
      return 1;
    },
  });
  let insideParent: Element | null = null;
  let parentIn = false;
  const push = (el: Element, r: DOMRect) => {
    const box = toBox(r);
    all.push(box);
    if (el.matches(SITE_CONTROLS)) controls.push(box);
  };
  if (root.matches(SITE_OBSTACLES)) push(root, root.getBoundingClientRect());
  let n: Node | null = walker.nextNode();
  while (n) {
    if (n.nodeType === 3) {
      const text = n.nodeValue;
      if (text && /\S/.test(text)) {
        if (n.parentElement !== insideParent) {
          insideParent = n.parentElement;
          parentIn = !!insideParent && overlaps(insideParent.getBoundingClientRect(), region);
        }
        if (parentIn) {
          range.selectNodeContents(n);
          const rects = range.getClientRects();
          for (let i = 0; i < rects.length; i++) {
            const r = rects[i]!;
            if (r.width > 0 && r.height > 0 && overlaps(r, region)) all.push(toBox(r));
          }
        }
      }
      n = walker.nextNode();
      continue;
    }
    const el = n as Element;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      // Nothing of it reaches the region (what overflows its box does not count: rare in items, costly to find).
      if (!overlaps(r, region)) {
        n = skipSubtree(walker, el);
        continue;
      }
      if (el.matches(SITE_OBSTACLES)) {
        // Its box covers what is inside it.
        push(el, r);
        n = skipSubtree(walker, el);
        continue;
      }
    }
    n = walker.nextNode();
  }
  return { all, controls };
}

/** The node after `el`'s subtree in document order (within the walker's root), or null. */
function skipSubtree(walker: TreeWalker, el: Element): Node | null {
  walker.currentNode = el;
  const sib = walker.nextSibling();
  if (sib) return sib;
  for (let p = walker.parentNode(); p; p = walker.parentNode()) {
    const s = walker.nextSibling();
    if (s) return s;
  }
  return null;
}

/** Hit tests made while placing (bench figure). */
export const hitTests = { hits: 0 };

/**
 * What the site shows at a spot on screen, from whatever part of the page (beside the item, or another item laid over
 * it, as a saved virtualised list does): sampled with elementsFromPoint on a grid over the spot (3 × 3, or points
 * `step` px apart where nothing else was measured). With `item`, a spot inside the item is also taken where anything
 * but the item is painted on top of it. Returns the boxes of
 * the site's obstacles and text lines found there (empty: the spot is free). Only a spot inside the viewport can be
 * checked.
 */
export function blockersAt(
  doc: Document,
  box: Box,
  isOwn: (el: Element) => boolean,
  step = 0,
  item: Element | null = null,
  /** Which of Holdfast's own elements found there take the spot too (another item's control, shown). */
  ownBlocks: (el: Element) => boolean = () => false,
): Box[] {
  const out: Box[] = [];
  const grid = (from: number, to: number): number[] => {
    const n = step > 0 ? Math.max(2, Math.ceil((to - from) / step) + 1) : 3;
    // (From half a pixel inside each edge: a line of text that runs a pixel into the box is hit at its edge row.)
    return Array.from({ length: n }, (_, i) => from + 0.5 + ((to - from - 1) * i) / (n - 1));
  };
  const xs = grid(box.left, box.right);
  const ys = grid(box.top, box.bottom);
  const range = doc.createRange();
  const seen = new Set<Element>();
  const itemBox = item?.getBoundingClientRect();
  for (const x of xs) {
    for (const y of ys) {
      hitTests.hits++;
      const stack = doc.elementsFromPoint(x, y);
      // (Only where the point is in the item's box: beside it, the page's own containers are there by right.)
      if (item && itemBox && x >= itemBox.left && x <= itemBox.right && y >= itemBox.top && y <= itemBox.bottom) {
        // Inside the item, what is painted on top must be the item itself: a site's sticky bar or overlay there would
        // hide the control (and take its clicks).
        const top = stack.find((el) => !isOwn(el));
        if (top && top !== item && !item.contains(top) && !top.contains(item)) out.push(toBox(top.getBoundingClientRect()));
      }
      for (const el of stack) {
        if (seen.has(el)) continue;
        seen.add(el);
        if (isOwn(el)) {
          if (ownBlocks(el)) out.push(toBox(el.getBoundingClientRect()));
          continue;
        }
        const obstacle = el.matches(SITE_OBSTACLES) ? el : el.closest(SITE_CONTROLS);
        if (obstacle) {
          out.push(toBox(obstacle.getBoundingClientRect()));
          continue;
        }
        for (let c = el.firstChild; c; c = c.nextSibling) {
          if (c.nodeType !== 3 || !c.nodeValue || !/\S/.test(c.nodeValue)) continue;
          range.selectNodeContents(c);
          const rects = range.getClientRects();
          for (let i = 0; i < rects.length; i++) if (overlaps(rects[i]!, box)) out.push(toBox(rects[i]!));
        }
      }
    }
  }
  return out;
}

/** How many siblings each way are looked at, at each level. */
const MAX_NEIGHBOURS = 12;
/** Beyond this many links, images &c., a neighbour is a whole part of the page, not a row: not read. */
const MAX_NEIGHBOUR_OBSTACLES = 300;

/**
 * The site's links, buttons, images &c. of the items next to `root` (the nearest sibling on each side of it and of its
 * first `levels` ancestors) whose boxes reach into `region`. A virtualised feed positions each row in a box of a fixed
 * height; a row's content running taller than its box lies over the next row, and that part is not found by walking
 * the item itself nor, while the spot is off screen, by looking at what is painted there.
 */
export function neighbourObstacles(root: Element, region: Box, isOwn: (el: Element) => boolean, levels = 3): Obstacles {
  const all: Box[] = [];
  const controls: Box[] = [];
  let el: Element | null = root;
  for (let level = 0; el && level <= levels && el !== el.ownerDocument.body; level++, el = el.parentElement) {
    // The nearest siblings on each side, and further ones while their boxes still reach the region (rows laid at
    // fixed offsets can overlap several deep), at most MAX_NEIGHBOURS each way.
    const sibs: Element[] = [];
    for (const step of ['previousElementSibling', 'nextElementSibling'] as const) {
      let sib = el[step];
      for (let i = 0; sib && i < MAX_NEIGHBOURS; i++, sib = sib[step]) {
        if (i > 0 && !overlaps(sib.getBoundingClientRect(), region)) continue;
        sibs.push(sib);
      }
    }
    for (const sib of sibs) {
      if (isOwn(sib)) continue;
      // A column beside the item (a sidebar, the nav) is not a row over it; and a sibling holding a whole page part
      // costs more to read than it could add (bounded: only rows of a few hundred elements are read).
      const sr = sib.getBoundingClientRect();
      if (sr.width > 0 && (sr.right <= region.left || sr.left >= region.right)) continue;
      const found = sib.matches(SITE_OBSTACLES) ? [sib] : sib.querySelectorAll(SITE_OBSTACLES);
      if (found.length > MAX_NEIGHBOUR_OBSTACLES) continue;
      for (const o of found) {
        if (isOwn(o)) continue;
        const r = o.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || !overlaps(r, region)) continue;
        const box = toBox(r);
        all.push(box);
        if (o.matches(SITE_CONTROLS)) controls.push(box);
      }
    }
  }
  return { all, controls };
}
