/**
 * Shared DOM reading for `ThreadSupport.startMarker` (issue #11): is the site's own start-of-conversation marker —
 * the other person's profile block drawn above the first message (avatar, name, handle, a link to their profile) —
 * on the page now? Each site says which links and which shown words make its block (thread.ts); this module finds
 * such a block inside the conversation's scrolling area, outside every message, above the first one.
 *
 * Only language-independent signals are used: the link's target (the other person's profile) and the name or handle
 * shown beside it, which are not translated. The conversation's top bar also shows the other person's name and a link
 * to their profile: it sits outside the scrolling area, which is why the area is the list's scrolling ancestor.
 */

/**
 * The nearest element from `from` up to (not above) `bound` that scrolls vertically (computed overflow-y auto or
 * scroll); null when none does (no layout, or a page that scrolls as a whole).
 */
export function scrollAreaOf(from: Element, bound: Element): Element | null {
  const view = from.ownerDocument.defaultView;
  if (!view) return null;
  for (let el: Element | null = from; el && bound.contains(el); el = el.parentElement) {
    let overflow = '';
    try {
      overflow = view.getComputedStyle(el).overflowY;
    } catch {
      overflow = '';
    }
    if (overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay') return el;
    if (el === bound) break;
  }
  return null;
}

function rectOf(el: Element): DOMRect | null {
  try {
    const r = el.getBoundingClientRect();
    return r.width || r.height ? r : null;
  } catch {
    return null;
  }
}

/**
 * The block a link belongs to: its highest ancestor inside `area` that holds no message row (the link itself when
 * its parent already holds one: an avatar beside a message).
 */
function blockOf(link: Element, area: Element, rows: readonly Element[]): Element | null {
  if (rows.some((r) => r.contains(link))) return null;
  let block = link;
  for (let p = link.parentElement; p && p !== area && area.contains(p); p = p.parentElement) {
    if (rows.some((r) => p.contains(r))) break;
    block = p;
  }
  return block;
}

/** Whether `block` is drawn above every row (by layout when there is one, else by document order). */
function above(block: Element, rows: readonly Element[]): boolean {
  if (!rows.length) return true;
  const b = rectOf(block);
  const laid = rows.map(rectOf).filter((r): r is DOMRect => !!r);
  if (b && laid.length) return b.bottom <= Math.min(...laid.map((r) => r.top)) + 2;
  // DOCUMENT_POSITION_FOLLOWING (4): the row comes after the block.
  return rows.every((r) => !!(block.compareDocumentPosition(r) & 4));
}

/**
 * Whether some link in `area` for which `isProfileLink` holds belongs to a block, outside every row and above the
 * first, that `shows` accepts (it shows the person's name or handle as text). Hidden blocks do not count.
 */
export function profileBlockAbove(area: Element, rows: readonly Element[], isProfileLink: (a: Element) => boolean, shows: (block: Element, link: Element) => boolean): boolean {
  for (const a of Array.from(area.querySelectorAll('a[href]'))) {
    if (!isProfileLink(a)) continue;
    const block = blockOf(a, area, rows);
    if (!block || block.closest('[hidden]')) continue;
    if (!shows(block, a)) continue;
    if (above(block, rows)) return true;
  }
  return false;
}

/**
 * The element's text with a space between the texts of separate elements ("Ryan Vance" and "r.vance_22" drawn in
 * two spans are two words, not "Ryan Vancer.vance_22"), whitespace collapsed.
 */
export function shownText(el: Element): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) parts.push(n.nodeValue ?? '');
    else for (const ch of Array.from(n.childNodes)) walk(ch);
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Whether `text` shows `token` on its own (not inside a longer handle or word). */
export function showsToken(text: string, token: string): boolean {
  if (!token) return false;
  const esc = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}_.])${esc}(?![\\p{L}\\p{N}_]|\\.[\\p{L}\\p{N}_])`, 'iu').test(text);
}
