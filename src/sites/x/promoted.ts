/**
 * Which timeline articles are ads (shared by adapter.ts, thread.ts and profile-posts.ts, which must agree).
 *
 * On real pages (test/real/x.com/) an ad is an article with an author block (User-Name) but no `time[datetime]` of its
 * own and no permalink: X shows "Ad" (localised) where the time would be, and the only status link is
 * `/<handle>/status/<id>/analytics`. `[data-testid="placementTracking"]` is NOT an ad marker: on real pages it wraps
 * every video and GIF player (`tweetPhoto > placementTracking > videoPlayer`), so keying on it dropped every post with
 * a video or GIF. An article whose layout is unknown (no User-Name) is never taken for an ad: it keeps its control.
 * A quote post's quoted block carries its own time; only a time before the quoted post's author block (the article's
 * second User-Name) is the article's own. Posts with a time of their own (nearly all) cost one query.
 */
import { selectors } from './selectors';

const PERMALINK = /^(?:https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com)?\/[A-Za-z0-9_]{1,15}\/status\/\d+\/?$/;

export function isPromoted(article: Element): boolean {
  const time = article.querySelector(selectors.time.css);
  // Fast path (real pages): the post's own time sits in its own author block, the article's first User-Name.
  if (time && article.querySelector(selectors.userName.css)?.contains(time)) return false;
  const names = article.querySelectorAll(selectors.userName.css);
  if (time) {
    if (names.length < 2) return false;
    // The first time comes after (or inside) the quoted post's author block: the article has no time of its own.
    const quotedName = names[1]!;
    if (!quotedName.contains(time) && (quotedName.compareDocumentPosition(time) & 4) === 0) return false;
  }
  if (names.length === 0) return false;
  const quotedName = names[1];
  for (const a of article.querySelectorAll(selectors.link.css)) {
    if (quotedName && (quotedName.contains(a) || (quotedName.compareDocumentPosition(a) & 4) !== 0)) break;
    if (PERMALINK.test(a.getAttribute('href') ?? '')) return false;
  }
  return true;
}
