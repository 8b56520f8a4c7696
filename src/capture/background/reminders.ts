/**
 * Report reminders in the background (issue #14): one browser alarm per report with a reminder (src/reporting/
 * reminders.ts plans them), a notification when one fires, and the vault page opened on the report when the person
 * clicks it. The alarm and notification names carry the report's id only. A locked vault cannot be read: its
 * reminders still fire, saying only "Holdfast reminder" (as in discreet mode), and stay set until the person sees them.
 */
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { whenUnlocked } from '../../lock/background';
import { readSettings } from '../../lock/settings';
import { platformName } from '../../sites/registry';
import { planAlarms, type Reminder, remindersOf, reminderText, reportIdOfAlarm } from '../../reporting/reminders';
import type { Vault } from '../../vault/api';

export interface ReminderDeps {
  vault(): Promise<Vault>;
}

type Alarms = typeof browser.alarms;
type Notifications = typeof browser.notifications;
const alarmsApi = (): Alarms | undefined => (browser as unknown as { alarms?: Alarms }).alarms;
const notificationsApi = (): Notifications | undefined => (browser as unknown as { notifications?: Notifications }).notifications;

/** Makes the reminder alarms match the list (from the vault page after a change, or read from the vault). */
export async function syncReminderAlarms(reminders: readonly Reminder[], now = Date.now()): Promise<{ scheduled: number }> {
  const alarms = alarmsApi();
  if (!alarms) return { scheduled: 0 };
  const existing = await alarms.getAll();
  const plan = planAlarms(reminders, existing, now);
  await Promise.all(plan.clear.map((n) => alarms.clear(n)));
  for (const c of plan.create) await alarms.create(c.name, { when: c.when });
  return { scheduled: (await alarms.getAll()).filter((a) => reportIdOfAlarm(a.name)).length };
}

/**
 * A reminder alarm fired: shows the notification (plain words, nothing of the report in discreet mode or while
 * locked) and, when the vault can be read, clears the report's reminder. Returns what it showed (tests), or null
 * when the report no longer exists or has no reminder any more (a stale alarm).
 */
export async function fireReminder(alarmName: string, deps: ReminderDeps): Promise<{ title: string; message: string } | null> {
  const id = reportIdOfAlarm(alarmName);
  if (!id) return null;
  const discreet = (await readSettings()).discreet;
  let vault: Vault | undefined;
  let report: Awaited<ReturnType<Vault['reports']>>[number] | undefined;
  let readable = false;
  try {
    vault = await deps.vault();
    report = (await vault.reports()).find((r) => r.id === id);
    readable = true;
  } catch {
    /* locked (or the vault cannot open): remind without reading anything */
  }
  if (readable && !report?.remindAt) return null;
  const text = reminderText(discreet, report);
  const title = t('repuNotifyTitle');
  const body = text.kind === 'discreet' ? title : t('repuNotifyPlatform', text.platform === 'other' ? t('repuPlatformOtherLower') : platformName(text.platform));
  const n = notificationsApi();
  if (n) {
    await n
      .create(alarmName, {
        type: 'basic',
        iconUrl: browser.runtime.getURL(discreet ? '/neutral/128.png' : '/icon/128.png'),
        title,
        message: body,
      })
      .catch(() => undefined);
  }
  if (readable && vault) await vault.updateReport(id, { remindAt: null }).catch(() => undefined);
  return { title, message: body };
}

/** The vault page on the report a notification is about. */
export function reportPageUrl(reportId: string): string {
  return `${browser.runtime.getURL('/vault.html')}#/reports/${encodeURIComponent(reportId)}`;
}

export async function openReminder(notificationId: string): Promise<boolean> {
  const id = reportIdOfAlarm(notificationId);
  if (!id) return false;
  await browser.tabs.create({ url: reportPageUrl(id) });
  await notificationsApi()
    ?.clear(notificationId)
    .catch(() => undefined);
  return true;
}

/**
 * Schedules from the vault itself (alarms do not survive a Firefox restart): at start and at each unlock. A locked
 * vault cannot be read: the alarms already set are kept as they are.
 */
export async function rescheduleFromVault(deps: ReminderDeps): Promise<boolean> {
  try {
    const list = await (await deps.vault()).reports();
    await syncReminderAlarms(remindersOf(list));
    return true;
  } catch {
    return false;
  }
}

/** The listeners startReminders registers (the test build's hooks call these same functions: main.ts). */
export interface ReminderListeners {
  /** alarms.onAlarm: a reminder alarm shows its notification (other alarms: null). */
  onAlarm(alarm: { name: string }): Promise<{ title: string; message: string } | null>;
  /** notifications.onClicked: opens the vault page on the report (false for any other notification). */
  onClicked(notificationId: string): Promise<boolean>;
}

/** Listens for reminder alarms and notification clicks; schedules from the vault once it can be read. */
export function startReminders(deps: ReminderDeps): ReminderListeners {
  void rescheduleFromVault(deps);
  whenUnlocked(() => void rescheduleFromVault(deps));
  const listeners: ReminderListeners = {
    onAlarm: (alarm) => (reportIdOfAlarm(alarm.name) ? fireReminder(alarm.name, deps).catch(() => null) : Promise.resolve(null)),
    onClicked: (id) => openReminder(id).catch(() => false),
  };
  alarmsApi()?.onAlarm.addListener(listeners.onAlarm);
  notificationsApi()?.onClicked.addListener(listeners.onClicked);
  return listeners;
}
