/** Page start for the vault and options pages: their vault follows the session key; discreet page titles. */
import { browser } from 'wxt/browser';
import { lockApiOf } from '../../lock/lockable';
import { installPageLock } from '../../lock/page';
import { followSession, unlockFromSession } from '../../lock/session';
import { onSettingsChanged, readSettings } from '../../lock/settings';
import type { Vault } from '../../vault/api';
import { t, type MessageKey } from '../../i18n/t';

/** Keeps the tab title neutral in discreet mode. */
export async function pageTitle(normal: MessageKey): Promise<void> {
  const apply = (discreet: boolean) => {
    document.title = discreet ? t('discreetPageTitle') : t(normal);
  };
  apply((await readSettings()).discreet);
  onSettingsChanged((s) => apply(s.discreet));
}

export async function bootLock(vault: Vault | null): Promise<void> {
  document.documentElement.lang = browser.i18n.getUILanguage();
  installPageLock();
  if (!vault) return;
  const api = lockApiOf(vault);
  followSession(api);
  const { autoLockMinutes } = await readSettings();
  await unlockFromSession(api, autoLockMinutes);
}
