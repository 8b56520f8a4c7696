/**
 * Holdfast's content-script context: WXT's `ContentScriptContext` API (what content-main.ts uses), without anything a
 * page can observe (issue #12: a page must not learn that Holdfast is installed beyond the controls it shows).
 *
 * WXT 0.21's own context announces every start to the page: `window.postMessage({type:
 * '<extension id>:<entrypoint>:wxt:content-script-started'})` (the `noScriptStartedPostMessage` option turns only that
 * off) AND a CustomEvent of that name on `document`; its location watcher dispatches `<id>:<entrypoint>:wxt:locationchange`
 * on `window` at every in-page navigation. The extension id is public (the store id; in Firefox the gecko id from the
 * manifest), so a page can listen for those names. wxt.config.ts points WXT's content-script entry at this module
 * instead (a build alias), so none of them is ever sent.
 *
 * Old scripts still end: an orphaned script (extension updated, reloaded, removed) finds `browser.runtime.id` gone at
 * its next check (content-main.ts asks every 2 s) and takes its controls down; and a starting script removes what an
 * older copy left in the page (Firefox leaves a removed add-on's elements behind, dead) — see content-main.ts.
 */
import { browser } from 'wxt/browser';

export interface LocationChange {
  newUrl: URL;
  oldUrl: URL;
}

export class ContentScriptContext {
  readonly id = Math.random().toString(36).slice(2);
  private readonly abortController = new AbortController();
  private readonly locationHandlers: ((e: LocationChange) => void)[] = [];
  private watching = false;

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  block<T>(): Promise<T> {
    return new Promise(() => undefined);
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((t) => {
      if (this.isValid) callback(t);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((d) => {
      if (!this.signal.aborted) callback(d);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /** `target.addEventListener`, removed when the context ends. */
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  /**
   * In-page navigation (history API, Navigation API), told to the handler directly: no event is dispatched in the
   * page. The Navigation API where the browser has it (before the address changes: the event carries the new one),
   * else a once-a-second comparison.
   */
  onLocationChange(handler: (e: LocationChange) => void): void {
    if (this.signal.aborted) return;
    this.locationHandlers.push(handler);
    this.onInvalidated(() => {
      const i = this.locationHandlers.indexOf(handler);
      if (i >= 0) this.locationHandlers.splice(i, 1);
    });
    if (this.watching) return;
    this.watching = true;
    let lastUrl = new URL(location.href);
    const changed = (newUrl: URL) => {
      if (newUrl.href === lastUrl.href) return;
      const oldUrl = lastUrl;
      lastUrl = newUrl;
      for (const h of [...this.locationHandlers]) {
        try {
          h({ newUrl, oldUrl });
        } catch {
          /* never into the page */
        }
      }
    };
    const nav = (globalThis as unknown as { navigation?: EventTarget }).navigation;
    if (typeof nav?.addEventListener === 'function') {
      nav.addEventListener('navigate', (e) => changed(new URL((e as unknown as { destination: { url: string } }).destination.url)), { signal: this.signal });
    } else this.setInterval(() => changed(new URL(location.href)), 1000);
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}

/**
 * The context a content script's `main` received, as Holdfast's quiet one. The build alias (wxt.config.ts) makes it
 * ours; should WXT ever construct its own (the alias stopped applying), its announcements have already gone out, so
 * this ends WXT's context's listeners and carries on with a quiet context that ends with it.
 */
export function quietContext(ctx: unknown, name: string): ContentScriptContext {
  if (ctx instanceof ContentScriptContext) return ctx;
  const quiet = new ContentScriptContext(name);
  const other = ctx as { onInvalidated?: (cb: () => void) => unknown } | null;
  other?.onInvalidated?.(() => quiet.notifyInvalidated());
  return quiet;
}
