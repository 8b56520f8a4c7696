/**
 * Generic extraction: what any page shows, when no adapter matches or the adapter failed (site redesign).
 * Reads only what is visible; never throws.
 */
import type { ExtractedContent, ItemKind, LinkRef, MediaRef } from '../model/evidence';
import { platformForHost } from '../sites/registry';

const MAX_TEXT = 20_000;
const MAX_LIST = 200;

/** The platform of a page captured on a host: from the site descriptors' domains, else 'web'. */
export { platformForHost };

function visibleText(el: Element): string {
  const html = el as HTMLElement;
  const raw = typeof html.innerText === 'string' ? html.innerText : (el.textContent ?? '');
  return raw.replace(/\n{3,}/g, '\n\n').trim().slice(0, MAX_TEXT);
}

export function collectLinks(el: ParentNode, base: string): LinkRef[] {
  const out: LinkRef[] = [];
  for (const a of Array.from(el.querySelectorAll('a[href]')).slice(0, MAX_LIST)) {
    try {
      out.push({ text: (a.textContent ?? '').trim().slice(0, 500), href: new URL(a.getAttribute('href') ?? '', base).href });
    } catch {
      /* unparsable href: skip */
    }
  }
  return out;
}

export function collectMedia(el: ParentNode, base: string): MediaRef[] {
  const out: MediaRef[] = [];
  for (const m of Array.from(el.querySelectorAll('img[src], video')).slice(0, MAX_LIST)) {
    const src = m.getAttribute('src') ?? m.getAttribute('poster') ?? '';
    if (!src || src.startsWith('data:')) continue;
    try {
      const url = new URL(src, base).href;
      const alt = m.getAttribute('alt') ?? undefined;
      out.push({ url, type: m.tagName === 'VIDEO' ? 'video' : 'image', ...(alt ? { alt } : {}) });
    } catch {
      /* skip */
    }
  }
  return out;
}

/** Generic content for an element (or the whole visible page when `el` is the body/documentElement). */
export function genericExtract(el: Element, kind: ItemKind, url: URL, reason: string | undefined): ExtractedContent {
  const warnings: string[] = [];
  if (reason) warnings.push(reason);
  let text = '';
  let links: LinkRef[] = [];
  let media: MediaRef[] = [];
  try {
    text = visibleText(el);
    links = collectLinks(el, url.href);
    media = collectMedia(el, url.href);
  } catch (err) {
    warnings.push(`Reading the visible text failed: ${String(err)}`);
  }
  const time = el.querySelector?.('time[datetime]')?.getAttribute('datetime') ?? undefined;
  return {
    kind,
    platform: platformForHost(url.hostname),
    permalink: url.href,
    ...(time ? { itemTime: time } : {}),
    text,
    links,
    media,
    method: 'generic',
    warnings,
  };
}
