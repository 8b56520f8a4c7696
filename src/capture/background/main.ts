/**
 * Background wiring: typed message dispatch (vault-changing messages only from extension pages),
 * the context menu, the keyboard command and the toolbar's page capture.
 */
import { browser, type Browser } from 'wxt/browser';
import type { AnyBackgroundMessage, CaptureResult, ItemCapturePayload } from '../../messaging/protocol';
import { fromExtensionPage, refusal } from '../../messaging/guard';
import { isBackgroundMessage } from '../../messaging/protocol';
import { sendToTab } from '../../messaging/client';
import { HOST_PERMISSIONS, SUPPORTED_HOSTS } from '../../sites/registry';
import type { Vault } from '../../vault/api';
import { openVault } from '../../vault/vault';
import { attachVault, backgroundLock, refreshDiscreet, startLockBackground, whenUnlocked } from '../../lock/background';
import { quickExit } from '../../lock/quick-exit';
import { clearSessionKey } from '../../lock/session';
import { type ReminderListeners, startReminders, syncReminderAlarms } from './reminders';
import { parseReminders } from '../../reporting/reminders';
import type { ToolInfo } from './record';
import { captureItem, type CaptureServiceDeps, collectPagePayload } from './service';
import { hasAllUrls } from './screenshot';
import { CaptureGate } from './capture-gate';
import { type ReportDeps, ReportSessions } from './report';
import { PileOnTabs } from './pile-on-open';
import { recoverInterruptedThreads, threadAbort, threadBegin, threadFinish, threadSegment } from './thread-service';
import { itemScreen } from './item-stitch';
import { readTrustedTimeInEffect, readTrustedTimeStatus, writeTrustedTimeStatus } from '../../lock/trusted-time';
import { stampNow, TRUSTED_TIME_ALARM, type TrustedTimeDeps } from './trusted-time';
import { postTimeStampQuery } from './tsa-post';

type Sender = Browser.runtime.MessageSender;

let vaultPromise: Promise<Vault> | null = null;
function vault(): Promise<Vault> {
  vaultPromise ??= openVault()
    .then(async (v) => {
      // Issue #12: unlock from the session key when there is one, follow lock/unlock from other contexts.
      await attachVault(v).catch(() => undefined);
      return v;
    })
    .catch((err) => {
    vaultPromise = null;
    throw err;
  });
  return vaultPromise;
}

/** Issue #15: trusted time (opt-in) — after a capture, the chain head is stamped (at most once a minute, trusted-time.ts). */
const trustedTime: TrustedTimeDeps = {
  // Off, too, when Firefox's data consent for it was withdrawn in about:addons.
  setting: () => readTrustedTimeInEffect(),
  vault,
  post: (url, query) => postTimeStampQuery(url, query),
  readStatus: readTrustedTimeStatus,
  writeStatus: writeTrustedTimeStatus,
  async schedule(at) {
    await browser.alarms.create(TRUSTED_TIME_ALARM, { when: at });
  },
  now: () => Date.now(),
};
/** Never awaited by a capture: its outcome is kept for the vault page, a failure retried by the alarm. */
function kickTrustedTime(): void {
  void stampNow(trustedTime).catch(() => undefined);
}

/** Issue #12: a capture written while the vault is locked is sealed for the next unlock; the toast says so. */
async function markLocked(result: CaptureResult): Promise<CaptureResult> {
  if (!result.ok) return result;
  kickTrustedTime();
  try {
    if ((await backgroundLock()?.lockState())?.locked) return { ...result, locked: true };
  } catch {
    /* the capture is saved either way */
  }
  return result;
}

let toolInfo: ToolInfo | null = null;
async function tool(): Promise<ToolInfo> {
  if (toolInfo) return toolInfo;
  const ua = navigator.userAgent;
  let name = /Firefox\/([\d.]+)/.exec(ua) ? `Firefox ${/Firefox\/([\d.]+)/.exec(ua)?.[1]}` : `Chromium ${/Chrom(?:e|ium)\/([\d.]+)/.exec(ua)?.[1] ?? '?'}`;
  const rt = browser.runtime as unknown as { getBrowserInfo?: () => Promise<{ name: string; version: string }> };
  if (rt.getBrowserInfo) {
    try {
      const info = await rt.getBrowserInfo();
      name = `${info.name} ${info.version}`;
    } catch {
      /* keep UA-derived name */
    }
  }
  toolInfo = { version: browser.runtime.getManifest().version, browser: name, userAgent: ua };
  return toolInfo;
}

/** Test builds only (dead code in release builds): make the next vault write fail or stall. */
const testHooks = { failNext: '' as '' | 'quota', delayNextMs: 0 };

const deps: CaptureServiceDeps = {
  vault,
  tool,
  async beforeWrite() {
    if (!import.meta.env.HOLDFAST_TEST) return;
    if (testHooks.delayNextMs) {
      const ms = testHooks.delayNextMs;
      testHooks.delayNextMs = 0;
      await new Promise((r) => setTimeout(r, ms));
    }
    if (testHooks.failNext === 'quota') {
      testHooks.failNext = '';
      const { VaultError } = await import('../../vault/api');
      throw new VaultError('quota', 'Your browser has no storage space left for the vault (simulated by the test build).');
    }
  },
};


export function isSupportedUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname;
    return SUPPORTED_HOSTS.includes(host);
  } catch {
    return false;
  }
}

/** Captures from pages: browser gestures only when asked for, and a per-tab rate limit (capture-gate.ts). */
const gate = new CaptureGate();

/** Issue #14: the records each tab captured in this session, the only ones it may report (report.ts). */
const reports = new ReportSessions();
/** Issue #14: the post-with-replies records each tab saved, whose pile-on its panel may open (pile-on-open.ts). */
const pileOns = new PileOnTabs();
const reportDeps: ReportDeps = {
  async openTab(url, openerTabId) {
    await browser.tabs.create({ url, active: true, ...(openerTabId !== undefined ? { openerTabId } : {}) });
  },
  async addReport(input) {
    return (await vault()).addReport(input);
  },
  now: () => new Date(),
};

/**
 * Issue #14: "Capture and report" from the right-click menu or the popup: the tab's content script captures the item
 * (or the page), asks the kind of abuse in the page, and opens the route once the record is stored.
 */
export async function captureAndReportInTab(tab: Browser.tabs.Tab, via: 'context-menu' | 'toolbar', pageOnly: boolean): Promise<{ ok: boolean; message?: string }> {
  if (tab.id === undefined || !isSupportedUrl(tab.url)) return { ok: false, message: 'Reporting from Holdfast works on X, Instagram, Facebook and Messenger pages.' };
  const answered = gate.expectBrowserGesture(tab.id);
  try {
    return await sendToTab(tab.id, { type: 'content:capture-report', via, pageOnly });
  } catch {
    return { ok: false, message: 'Reload the page, then try again.' };
  } finally {
    answered();
  }
}

/** Capture the page of a tab (or, on a supported site, the item under the last right-click). */
export async function capturePageOfTab(tab: Browser.tabs.Tab, via: ItemCapturePayload['via'], pageOnly: boolean): Promise<CaptureResult> {
  if (tab.id === undefined) return { ok: false, code: 'invalid', message: 'No tab to capture.' };
  if (isSupportedUrl(tab.url)) {
    const answered = gate.expectBrowserGesture(tab.id);
    try {
      return await sendToTab(tab.id, { type: 'content:capture-context', via, pageOnly });
    } catch {
      /* content script not there (page loaded before install): fall through to the generic page capture */
    } finally {
      answered();
    }
  }
  try {
    const payload = await collectPagePayload(tab.id, via);
    const result = await captureItem(deps, payload, { tab, frameId: 0, id: browser.runtime.id });
    if (result.ok) reports.remember(tab.id, result.recordId, payload.content);
    return await markLocked(result);
  } catch (err) {
    return { ok: false, code: 'unknown', message: `This page cannot be captured (${err instanceof Error ? err.message : String(err)}).` };
  }
}

async function handle(msg: AnyBackgroundMessage, sender: Sender): Promise<unknown> {
  const refused = refusal(msg, sender);
  if (refused) return { ok: false, code: 'invalid', message: refused };
  switch (msg.type) {
    case 'capture:item': {
      const gated = gate.check(sender.tab?.id, msg.via);
      if (gated) return { ok: false, code: 'busy', message: gated };
      const { type: _t, ...payload } = msg;
      const result = await captureItem(deps, payload, sender);
      if (result.ok) reports.remember(sender.tab?.id, result.recordId, payload.content);
      return markLocked(result);
    }
    case 'capture:page': {
      const tab = await browser.tabs.get(msg.tabId);
      return capturePageOfTab(tab, 'toolbar', true);
    }
    case 'vault:delete': {
      try {
        await (await vault()).deleteRecord(msg.id, msg.reason);
        return { ok: true };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    }
    case 'vault:verify': {
      const report = await (await vault()).verify();
      return { ok: report.ok, records: report.records, problems: report.problems.map((p) => ({ code: p.code, message: p.message, ...(p.seq !== undefined ? { seq: p.seq } : {}) })) };
    }
    case 'permissions:status':
      return { allUrls: await hasAllUrls() };
    case 'thread:load': {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false, message: 'Whole-thread capture works only in a tab.' };
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/thread-capture.js'] });
        return { ok: true };
      } catch (err) {
        return { ok: false, message: `The capture could not start in this page (${err instanceof Error ? err.message : String(err)}).` };
      }
    }
    case 'thread:begin': {
      const gated = gate.check(sender.tab?.id, 'thread');
      if (gated) return { ok: false, code: 'invalid', message: gated };
      const { type: _t, ...payload } = msg;
      return threadBegin(deps, payload, sender);
    }
    case 'thread:segment':
      return threadSegment(deps, msg, sender);
    case 'capture:screen':
      return itemScreen(msg, sender);
    case 'thread:finish': {
      const result = await markLocked(await threadFinish(deps, msg, sender));
      // Any whole-thread record this tab saved; the walk-through itself says when one is not a post with replies.
      if (result.ok) pileOns.remember(sender.tab?.id, result.recordId);
      return result;
    }
    case 'pileon:open':
      return pileOns.open({ vaultUrl: browser.runtime.getURL('/vault.html'), openTab: reportDeps.openTab }, msg, sender.tab?.id);
    case 'quick-exit': {
      const result = await quickExit(() => backgroundLock()?.lock(), sender.tab);
      return { ok: true, closed: result.closed };
    }
    case 'lock:state': {
      await vault().catch(() => undefined);
      const state = await backgroundLock()?.lockState().catch(() => undefined);
      return { encrypted: !!state?.encrypted, locked: !!state?.locked };
    }
    case 'lock:now':
      backgroundLock()?.lock();
      await clearSessionKey();
      return { ok: true };
    case 'reports:reminders': {
      const list = fromExtensionPage(sender) ? parseReminders(msg.reminders) : null;
      if (!list) return { ok: false, message: 'Refused: reminders can only be set from the vault page.' };
      return { ok: true, ...(await syncReminderAlarms(list)) };
    }
    case 'thread:abort':
      return threadAbort(deps, msg, sender);
    case 'report:open': {
      const { type: _t, ...req } = msg;
      return reports.open(reportDeps, req, sender.tab?.id, fromExtensionPage(sender));
    }
    case 'report:page': {
      const tab = await browser.tabs.get(msg.tabId);
      return captureAndReportInTab(tab, 'toolbar', true);
    }
    default: {
      const testMsg = msg as unknown as { type: string; code?: string; ms?: number };
      if (import.meta.env.HOLDFAST_TEST && fromExtensionPage(sender)) {
        if (testMsg.type === 'test:fail-next-write') {
          testHooks.failNext = 'quota';
          return { ok: true };
        }
        if (testMsg.type === 'test:delay-next-write') {
          testHooks.delayNextMs = testMsg.ms ?? 0;
          return { ok: true };
        }
        const answer = await testHook(testMsg);
        if (answer !== undefined) return answer;
      }
      return { ok: false, message: `Unknown message ${String(testMsg.type)}` };
    }
  }
}

/** The context menu's listener (menus.onClicked; the test build's `test:menu-click` calls this same function). */
function onMenuClicked(info: { menuItemId: string | number }, tab?: Browser.tabs.Tab): Promise<unknown> {
  if (!tab) return Promise.resolve(undefined);
  if (info.menuItemId === 'holdfast-capture-report') return captureAndReportInTab(tab, 'context-menu', false);
  return capturePageOfTab(tab, 'context-menu', info.menuItemId === 'holdfast-capture-page');
}

/** The reminder listeners startReminders registered (the test build's alarm and notification hooks call them). */
let reminderListeners: ReminderListeners | null = null;

/**
 * Test builds only (dead code in release builds; extension pages only): what a person or the browser does that
 * puppeteer cannot — a right-click menu item chosen on a tab, a reminder alarm coming due, a notification clicked —
 * run through the very listeners the browser calls.
 */
async function testHook(msg: { type: string; tabId?: unknown; menuItemId?: unknown; name?: unknown; id?: unknown }): Promise<unknown> {
  if (msg.type === 'test:menu-click') {
    if (typeof msg.tabId !== 'number' || typeof msg.menuItemId !== 'string') return { ok: false, message: 'tabId and menuItemId' };
    const tab = await browser.tabs.get(msg.tabId);
    return { ok: true, result: await onMenuClicked({ menuItemId: msg.menuItemId }, tab) };
  }
  if (msg.type === 'test:fire-alarm') {
    // As the browser does with a one-shot alarm that comes due: it is gone from the list, then the listener runs.
    const alarm = typeof msg.name === 'string' ? await browser.alarms.get(msg.name) : undefined;
    if (!alarm || !reminderListeners) return { ok: false, message: `no alarm ${String(msg.name)}` };
    await browser.alarms.clear(alarm.name);
    return { ok: true, shown: await reminderListeners.onAlarm(alarm) };
  }
  if (msg.type === 'test:trusted-time-alarm') {
    // The trusted-time alarm coming due (the browser's own would come a minute later): the same pass it runs.
    await browser.alarms.clear(TRUSTED_TIME_ALARM);
    return { ok: true, outcome: await stampNow(trustedTime) };
  }
  if (msg.type === 'test:click-notification') {
    if (typeof msg.id !== 'string' || !reminderListeners) return { ok: false };
    return { ok: await reminderListeners.onClicked(msg.id) };
  }
  return undefined;
}

export function startBackground(): void {
  // Whole-thread captures cut short by a crash or a closed browser: kept as partial records (thread-service.ts).
  void recoverInterruptedThreads(deps).catch(() => undefined);
  // While the vault is locked the staged parts of a capture cut short cannot be read (their key lived in the stopped
  // worker): they are recovered at the next unlock.
  whenUnlocked(() => void recoverInterruptedThreads(deps).catch(() => undefined));
  // Issue #12: open the vault now so it follows the session key (and finishes an interrupted encrypt/decrypt).
  void vault().catch(() => undefined);
  startLockBackground({
    normal: {
      title: browser.i18n.getMessage('actionTitle'),
      menus: {
        'holdfast-capture-item': browser.i18n.getMessage('menuCaptureItem'),
        'holdfast-capture-page': browser.i18n.getMessage('menuCapturePage'),
        'holdfast-capture-report': browser.i18n.getMessage('repfMenuCaptureReport'),
      },
    },
    discreet: {
      title: browser.i18n.getMessage('actionTitleDiscreet'),
      menus: {
        'holdfast-capture-item': browser.i18n.getMessage('menuCaptureItemDiscreet'),
        'holdfast-capture-page': browser.i18n.getMessage('menuCapturePageDiscreet'),
        'holdfast-capture-report': browser.i18n.getMessage('repfMenuCaptureReportDiscreet'),
      },
    },
  });

  // Issue #14: report reminders (alarms by report id, a notification that opens the report).
  reminderListeners = startReminders({ vault });

  // Issue #15: trusted time's retry / once-a-minute alarm, and a head left unstamped when the browser last closed.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TRUSTED_TIME_ALARM) kickTrustedTime();
  });
  browser.runtime.onStartup?.addListener(kickTrustedTime);

  browser.runtime.onMessage.addListener((raw: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
    if (!isBackgroundMessage(raw)) return false;
    handle(raw, sender).then(sendResponse, (err: unknown) => sendResponse({ ok: false, code: 'unknown', message: String(err) }));
    return true;
  });

  browser.tabs.onRemoved?.addListener((tabId) => {
    gate.forget(tabId);
    reports.forget(tabId);
    pileOns.forget(tabId);
  });

  const menus = browser.contextMenus;
  const createMenus = () => {
    menus.removeAll().then(() => {
      menus.create({ id: 'holdfast-capture-item', title: browser.i18n.getMessage('menuCaptureItem'), contexts: ['all'], documentUrlPatterns: [...HOST_PERMISSIONS] });
      menus.create({ id: 'holdfast-capture-report', title: browser.i18n.getMessage('repfMenuCaptureReport'), contexts: ['all'], documentUrlPatterns: [...HOST_PERMISSIONS] });
      menus.create({ id: 'holdfast-capture-page', title: browser.i18n.getMessage('menuCapturePage'), contexts: ['page', 'frame', 'selection', 'link', 'image'] });
      void refreshDiscreet();
    });
  };
  browser.runtime.onInstalled.addListener(createMenus);
  browser.runtime.onStartup?.addListener(createMenus);
  menus.onClicked.addListener(onMenuClicked);

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'capture-page') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab) await capturePageOfTab(tab, 'shortcut', true);
  });
}
