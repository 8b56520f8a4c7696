/**
 * Options → "Before you remove Holdfast" (issue #14). Removing the extension deletes its IndexedDB vault, and no
 * browser lets an extension see its own removal coming: the only moment to offer an export is before, so it is
 * said here for good, with a button that opens the vault page's export of everything.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { EXPORT_ALL_SEARCH } from '../vault/export-request';
import './before-remove.css';

/**
 * True when Firefox runs Holdfast as a temporary add-on (about:debugging: installType 'development'), which Firefox
 * removes — with its vault — when it closes. Chromium's unpacked extensions are 'development' too but stay.
 */
export async function isTemporaryFirefoxInstall(): Promise<boolean> {
  try {
    if (!browser.runtime.getURL('/').startsWith('moz-extension:')) return false;
    const self = await browser.management?.getSelf?.();
    return self?.installType === 'development';
  } catch {
    return false;
  }
}

/** Said only while Firefox runs Holdfast as a temporary add-on (options section and vault page footer). */
export function TemporaryInstallNote() {
  const [temporary, setTemporary] = useState(false);
  useEffect(() => {
    void isTemporaryFirefoxInstall().then(setTemporary);
  }, []);
  return temporary ? (
    <p class="status bad" data-testid="temporary-install">
      {t('instTemporaryFirefox')}
    </p>
  ) : null;
}

export function BeforeRemoveSection() {
  return (
    <section aria-labelledby="before-remove" class="before-remove" data-testid="before-remove">
      <h2 id="before-remove">{t('instBeforeRemoveTitle')}</h2>
      <TemporaryInstallNote />
      <p>{t('instBeforeRemoveText')}</p>
      <p class="muted">{t('instBeforeRemoveUpdate')}</p>
      <p class="muted" id="export-everything-hint">
        {t('instExportEverythingHint')}
      </p>
      <ExportEverythingButton />
    </section>
  );
}

/** Opens the vault page in a new tab with its export dialog ready for the whole vault (or `onPress`: on the vault page itself). */
export function ExportEverythingButton({ onPress }: { onPress?(): void }) {
  return (
    <button
      type="button"
      class="primary"
      data-testid="export-everything"
      {...(onPress ? {} : { 'aria-describedby': 'export-everything-hint' })}
      onClick={() => {
        if (onPress) onPress();
        else void browser.tabs.create({ url: browser.runtime.getURL(`/vault.html${EXPORT_ALL_SEARCH}`) });
      }}
    >
      {t('instExportEverything')}
    </button>
  );
}
