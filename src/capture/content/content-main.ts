/**
 * The content-script runtime shared by every site: chooses the adapter for the current URL (sites navigate
 * in-page), keeps controls on items, runs captures, answers the background (context menu, page info).
 *
 * Everything it starts ends with WXT's content-script context (`ctx`): when the extension is updated, reloaded or
 * removed, or a newer copy of the script starts in the page, the context is invalidated and the observer, the
 * controls, the page-level control, the toast and every listener and timer go with it, so no orphaned script keeps
 * dressing the page with controls that can no longer capture.
 */
import { browser } from 'wxt/browser';
import { kindLabel, t } from '../../i18n/t';
import { sendToBackground } from '../../messaging/client';
import type { AnyContentMessage, CaptureBound, CaptureResult, ItemCapturePayload } from '../../messaging/protocol';
import type { ItemKind } from '../../model/evidence';
import type { AbuseChoice } from '../../reporting/routes';
import { needsAbuseChoice, routeItemOf } from '../../reporting/routes';
import { routeTableFor } from '../../sites/routes';
import type { CaptureTarget, SiteAdapter } from '../../sites/types';
import { loadThreadCapture } from '../thread/load';
import { threadSupportFor } from '../thread/support';
import { captureTarget, isPageTarget, pageTarget } from './capture-item';
import { CaptureControls } from './controls';
import { followDiscreet, installPanelQuickExit } from './discretion';
import { hitTests } from './placement';
import type { ContentScriptContext } from './quiet-context';
import { chooseAbuse, copyText, runReportFlow } from './report-item';
import { type ControlHandle, createControl, drawing, OWN_ELEMENTS_SELECTOR, setControlsDiscreet, stopDrawingControls, Toast } from './ui-elements';

const CAPTURE_TIMEOUT_MS = 45_000;
/**
 * How often the script asks whether the extension is still there. WXT's context notices that it went away (updated,
 * reloaded, removed: `browser.runtime.id` is gone) only when something asks; an orphaned script then takes its
 * controls down within this time instead of waiting for a click that could no longer capture.
 */
const ALIVE_CHECK_MS = 2000;

export interface ContentRuntime {
  controls: CaptureControls | null;
}

/** Discreet mode (issue #12), followed live: toasts and labels without the word "evidence". */
let discreet = false;

function messageFor(result: CaptureResult, isPage = false): { text: string; kind: 'ok' | 'error'; code: string } {
  // Issue #12: sealed for the next unlock; never a passphrase prompt on the site.
  if (result.ok && result.locked) return { text: t('toastSavedLocked'), kind: 'ok', code: 'ok:locked' };
  if (result.ok && discreet) return { text: t('toastSavedDiscreet'), kind: 'ok', code: result.extraction === 'generic' && !isPage ? 'ok:generic' : 'ok' };
  if (result.ok) {
    const generic = result.extraction === 'generic' && !isPage;
    const text = generic ? t('toastSavedGeneric', result.seq) : result.screenshot === 'dom-render' ? t('toastSavedDom', result.seq) : t('toastSaved', result.seq);
    return { text, kind: 'ok', code: generic ? 'ok:generic' : 'ok' };
  }
  return { text: t('toastFailed', failureReason(result)), kind: 'error', code: `error:${result.code}` };
}

function failureReason(result: Extract<CaptureResult, { ok: false }>): string {
  return result.code === 'quota' ? t('errQuota') : result.code === 'interrupted' ? t('errInterrupted') : result.code === 'screenshot' ? t('errScreenshot') : result.message || t('errUnknown');
}

export function runContentScript(ctx: ContentScriptContext, adapters: readonly SiteAdapter[]): ContentRuntime {
  const runtime: ContentRuntime = { controls: null };
  // What an older copy of this script left in the page (the extension was updated or reloaded: Firefox leaves a
  // removed add-on's elements behind, dead; Chromium's orphan takes its own down at its next check). No event tells
  // the old copy (a page could listen for it: quiet-context.ts).
  for (const old of Array.from(document.querySelectorAll(OWN_ELEMENTS_SELECTOR))) old.remove();
  const toast = new Toast();
  const busy = new WeakSet<Element>();
  let lastContextNode: Node | null = null;

  const pick = (url = new URL(location.href)): SiteAdapter | null => adapters.find((a) => a.matches(url)) ?? null;
  let adapter = pick();

  const setControlsVisible = (visible: boolean) => {
    runtime.controls?.setVisible(visible);
    if (pageControl) pageControl.host.style.opacity = visible ? '' : '0';
    toast.setVisible(visible);
  };

  // A background that never answers (stopped and not restarted) must not leave the click hanging.
  const send = (payload: ItemCapturePayload) =>
    Promise.race([
      sendToBackground({ type: 'capture:item', ...payload }),
      new Promise<CaptureResult>((resolve) =>
        ctx.setTimeout(() => resolve({ ok: false, code: 'interrupted', message: 'Holdfast did not answer in time.' }), CAPTURE_TIMEOUT_MS),
      ),
    ]);

  const run = async (target: CaptureTarget, via: ItemCapturePayload['via'], control?: ControlHandle): Promise<CaptureResult> => {
    // A click on a control of a script whose extension went away: asking ctx takes the controls down.
    if (ctx.isInvalid) return { ok: false, code: 'interrupted', message: 'Holdfast was updated or removed: reload the page.' };
    if (busy.has(target.element)) {
      toast.show(t('toastAlreadyCapturing'), 'info', 'busy');
      return { ok: false, code: 'busy', message: t('toastAlreadyCapturing') };
    }
    busy.add(target.element);
    control?.setBusy(true);
    toast.show(t('toastCapturing'), 'info', 'capturing');
    try {
      const result = await captureTarget(isPageTarget(target) ? null : adapter, target, via, {
        send,
        setControlsVisible,
        genericWarning: t('warnGeneric'),
      });
      const msg = messageFor(result, target.kind === 'page');
      toast.show(msg.text, msg.kind, msg.code);
      return result;
    } catch (err) {
      const result: CaptureResult = { ok: false, code: 'unknown', message: String(err) };
      toast.show(messageFor(result).text, 'error', 'error:unknown');
      return result;
    } finally {
      busy.delete(target.element);
      control?.setBusy(false);
    }
  };

  // Issue #14: capture, then report. The record id each item got in this view (a second report reuses it).
  const storedIds = new WeakMap<Element, string>();
  let reporting = false;
  const report = async (target: CaptureTarget, via: ItemCapturePayload['via'], origin: 'item' | 'popup' | 'context-menu', control?: ControlHandle): Promise<boolean> => {
    const site = adapter;
    if (ctx.isInvalid) return false;
    if (reporting) {
      toast.show(t('toastAlreadyCapturing'), 'info', 'busy');
      return false;
    }
    const table = site ? routeTableFor(site.id) : null;
    if (!site || !table) {
      toast.show(t('repfErrNoSite'), 'error', 'report:error:no-site');
      return false;
    }
    let content: Parameters<typeof routeItemOf>[0] = { kind: target.kind, platform: site.id, permalink: location.href, media: [] };
    if (!isPageTarget(target)) {
      try {
        content = site.extract(target, { url: new URL(location.href), document });
      } catch {
        /* the capture falls back to a generic one; the route choice goes by the item's kind */
        content = { kind: target.kind, platform: site.id, media: [] };
      }
    }
    const item = routeItemOf(content);
    const permalink = item.permalink;
    reporting = true;
    try {
      let copied: Promise<boolean> = Promise.resolve(false);
      let choice: AbuseChoice | null = null;
      if (needsAbuseChoice(table, item)) {
        choice = await chooseAbuse({
          returnFocus: control?.host ?? null,
          // Inside the person's click on an option: the clipboard accepts the write.
          onPick: () => {
            if (permalink) copied = copyText(permalink);
          },
        });
        if (!choice) return false;
      } else if (permalink) copied = copyText(permalink);
      const outcome = await runReportFlow(
        {
          capture: () => run(target, via, control),
          // A page capture is not reused: the site may have navigated in-page since.
          storedId: () => (isPageTarget(target) ? undefined : storedIds.get(target.element)),
          remember: (id) => storedIds.set(target.element, id),
          open: (req) => sendToBackground({ type: 'report:open', ...req }),
          toast: (text, kind, code, ms) => toast.show(text, kind, code, ms),
        },
        { choice, permalink, copied, origin, discreet, reasonOf: failureReason },
      );
      return outcome === 'opened' || outcome === 'opened-not-logged';
    } catch (err) {
      toast.show(t('repfErrRoute', String(err)), 'error', 'report:error:unknown');
      return false;
    } finally {
      reporting = false;
    }
  };

  // A supported site whose page shows no capturable item for a while (a redesign broke the selectors, or an
  // unexpected page type): offer a generic capture of the visible page so the click is never impossible.
  let pageControl: ControlHandle | null = null;
  let emptyTimer: number | undefined;
  const onScan = (targets: number) => {
    if (targets > 0) {
      clearTimeout(emptyTimer);
      emptyTimer = undefined;
      pageControl?.host.remove();
      pageControl = null;
      return;
    }
    if (pageControl?.host.isConnected || emptyTimer) return;
    emptyTimer = ctx.setTimeout(() => {
      emptyTimer = undefined;
      if ((runtime.controls?.count ?? 0) > 0 || !adapter) return;
      const target = pageTarget();
      const control = createControl('page', t('controlLabel', kindLabel('page')), 'fixed', () => void run(target, 'control', control));
      pageControl = control;
      (document.body ?? document.documentElement).append(control.host);
    }, 2500);
  };

  // Whole-thread capture (issue #4): one at a time per page.
  let threadRunning = false;
  const threadLabel = (target: CaptureTarget) =>
    target.kind === 'dm-thread' ? t('threadControlDm') : target.kind === 'profile' ? t('threadControlProfile') : t('threadControlPost');
  const runThread = async (target: CaptureTarget, control: ControlHandle): Promise<void> => {
    const site = adapter;
    const support = threadSupportFor(site, target);
    if (!site || !support || ctx.isInvalid) return;
    if (threadRunning) {
      toast.show(t('toastAlreadyCapturing'), 'info', 'busy');
      return;
    }
    threadRunning = true;
    let paused: CaptureControls | null = null;
    try {
      const { chooseBound, captureThread } = await loadThreadCapture(sendToBackground);
      // A conversation or a profile: first, how far back (everything, back to a date, the latest N posts).
      let bound: CaptureBound | undefined;
      if (target.kind === 'dm-thread' || target.kind === 'profile') {
        const chosen = await chooseBound({ kind: target.kind, title: threadLabel(target), returnFocus: control.host });
        if (!chosen) return;
        bound = chosen;
      }
      control.setBusy(true);
      toast.show(t('toastCapturing'), 'info', 'capturing');
      // While the capture scrolls, the site recycles rows on every frame and the controls scanner would dress each
      // one (most of the page's work during a capture, measured): the capture reads every row itself, so the
      // controls are taken down until it ends and then put back.
      paused = runtime.controls;
      paused?.stop();
      await captureThread(site, support, target, {
        ...(bound ? { bound } : {}),
        send: sendToBackground,
        setControlsVisible,
        announce: (text, kind, code) => toast.show(text, kind, code, kind === 'error' ? 12_000 : 8000),
      });
    } catch (err) {
      toast.show(messageFor({ ok: false, code: 'unknown', message: String(err) }).text, 'error', 'error:unknown');
    } finally {
      threadRunning = false;
      control.setBusy(false);
      if (paused && runtime.controls === paused && ctx.isValid) {
        runtime.controls = null;
        startControls();
      }
    }
  };

  // One i18n lookup per kind, not per control (a streaming feed asks thousands of times).
  const labels = new Map<ItemKind, string>();
  const controlLabel = (kind: ItemKind): string => {
    let label = labels.get(kind);
    if (label === undefined) {
      label = discreet ? t('controlLabelDiscreet', kindLabel(kind)) : t('controlLabel', kindLabel(kind));
      labels.set(kind, label);
    }
    return label;
  };

  const startControls = () => {
    if (!adapter || ctx.isInvalid) return;
    runtime.controls = new CaptureControls(adapter, {
      label: (target) => controlLabel(target.kind),
      onActivate: (target, control) => void run(target, 'control', control),
      onScan,
      threadable: (target, url) => !!threadSupportFor(adapter, target, url),
      threadLabel,
      onThread: (target, control) => void runThread(target, control),
      // Issue #14: capture, then report (the route opens only once the record is stored).
      reportLabel: (target) => t('reportControlLabel', kindLabel(target.kind)),
      onReport: (target, control) => void report(target, 'control', 'item', control),
      // Issue #14 (place): the item control's menu.
      menuLabel: t('placeMenuButton'),
      captureThisLabel: t('placeMenuCaptureThis'),
    });
    runtime.controls.start();
  };
  startControls();

  // Sites navigate in-page: re-pick the adapter when the URL changes. The context's location watcher uses the
  // Navigation API where the browser has it (before the address changes: it carries the new one), else a
  // once-a-second comparison; popstate answers back/forward at once there. Nothing is dispatched in the page.
  let lastUrl = location.href;
  const onUrlChanged = (url: URL) => {
    if (url.href === lastUrl) return;
    lastUrl = url.href;
    const next = pick(url);
    if (next === adapter) return;
    adapter = next;
    if (!adapter) {
      runtime.controls?.stop();
      runtime.controls = null;
    } else if (runtime.controls) runtime.controls.setAdapter(adapter);
    else startControls();
  };
  ctx.onLocationChange(({ newUrl }) => onUrlChanged(newUrl));
  ctx.addEventListener(window, 'popstate', () => onUrlChanged(new URL(location.href)));

  ctx.addEventListener(
    window,
    'contextmenu',
    (e) => {
      // The item under the person's right-click; a page's synthetic contextmenu event cannot redirect the capture.
      if (e.isTrusted) lastContextNode = e.target as Node | null;
    },
    { capture: true },
  );

  const onMessage = (raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void): boolean => {
    const msg = raw as AnyContentMessage;
    if (msg?.type === 'content:capture-context') {
      // The keyboard shortcut (issue #14): the item under the pointer or holding focus, else the page.
      const target =
        (msg.via === 'shortcut' ? runtime.controls?.targetInUse() : !msg.pageOnly && runtime.controls?.targetFor(lastContextNode)) || pageTarget();
      void run(target, msg.via).then(sendResponse);
      return true;
    }
    if (msg?.type === 'content:capture-report') {
      const target = (!msg.pageOnly && runtime.controls?.targetFor(lastContextNode)) || pageTarget();
      void report(target, msg.via, msg.via === 'toolbar' ? 'popup' : 'context-menu').then((ok) => sendResponse({ ok }));
      return true;
    }
    if (msg?.type === 'content:controls-visible') {
      setControlsVisible(msg.visible);
      sendResponse({ ok: true });
      return false;
    }
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.setInterval(() => undefined, ALIVE_CHECK_MS);
  // Issue #12: discreet mode and quick exit from Holdfast's in-page elements.
  const stopDiscreet = followDiscreet((on) => {
    discreet = on;
    labels.clear();
    setControlsDiscreet(on);
  });
  const stopQuickExit = installPanelQuickExit();

  ctx.onInvalidated(() => {
    stopDiscreet();
    stopQuickExit();
    browser.runtime.onMessage.removeListener(onMessage);
    adapter = null;
    runtime.controls?.stop();
    runtime.controls = null;
    clearTimeout(emptyTimer);
    emptyTimer = undefined;
    pageControl?.host.remove();
    pageControl = null;
    toast.dispose();
    stopDrawingControls();
  });

  if (import.meta.env.HOLDFAST_TEST) {
    // Test/bench builds only: lets the benchmark read the content script's own main-thread cost from its
    // isolated world (page scripts cannot see it).
    (globalThis as unknown as Record<string, unknown>).__holdfastStats = () => ({
      scanTimeMs: runtime.controls?.scanTimeMs ?? 0,
      findTimeMs: runtime.controls?.findTimeMs ?? 0,
      styleTimeMs: runtime.controls?.styleTimeMs ?? 0,
      noteTimeMs: runtime.controls?.noteTimeMs ?? 0,
      drawTimeMs: drawing.timeMs,
      drawParts: { ...drawing.parts, ...hitTests },
      attachTimeMs: runtime.controls?.attachTimeMs ?? 0,
      scans: runtime.controls?.scans ?? 0,
      fullScans: runtime.controls?.fullScans ?? 0,
      controls: runtime.controls?.count ?? 0,
      controlsAdded: runtime.controls?.controlsAdded ?? 0,
    });
  }

  return runtime;
}
