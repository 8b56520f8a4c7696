/**
 * Which whole-thread support answers a target. Light on purpose: the content scripts ask it for every item a feed
 * streams in, while the capture itself (engine, dialog, progress panel: `run.ts`) is loaded only when someone starts
 * one (`src/entrypoints/thread-capture.ts`).
 */
import type { CaptureTarget, SiteAdapter, ThreadSupport } from '../../sites/types';

/** The page's URL, parsed once per address. */
let parsed: { href: string; url: URL } | null = null;
function currentUrl(): URL {
  const href = location.href;
  if (parsed?.href !== href) parsed = { href, url: new URL(href) };
  return parsed.url;
}

/**
 * The support that captures this target whole: the site's profile-with-posts support for a profile, else its thread
 * support. `url`: the page's URL when the caller has it parsed already (the control scan asks for every item of a
 * streaming feed).
 */
export function threadSupportFor(adapter: SiteAdapter | null, target: CaptureTarget, url?: URL): ThreadSupport | null {
  const support = target.kind === 'profile' ? adapter?.profilePosts : adapter?.thread;
  if (!support) return null;
  try {
    return support.container(target, { url: url ?? currentUrl(), document }) ? support : null;
  } catch {
    return null;
  }
}

