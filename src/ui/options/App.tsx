import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { lockApiOf } from '../../lock/lockable';
import type { Vault } from '../../vault/api';
import { LockNowButton, QuickExitButton, UninstallWarning } from '../lock/Buttons';
import { useLockState } from '../lock/useLockState';
import { BeforeRemoveSection } from './BeforeRemoveSection';
import { PassphraseSection } from './PassphraseSection';
import { SettingsSection } from './SettingsSection';
import { TrustedTimeSection } from './TrustedTimeSection';

export function App({ vault }: { vault: Vault | null }) {
  const [allUrls, setAllUrls] = useState<boolean | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [shortcut, setShortcut] = useState<string>('');

  useEffect(() => {
    void browser.permissions.contains({ origins: ['<all_urls>'] }).then(setAllUrls);
    void navigator.storage?.persisted?.().then(setPersisted);
    void browser.commands?.getAll().then((cmds) => setShortcut(cmds.find((c) => c.name === 'capture-page')?.shortcut ?? ''));
  }, []);

  const ask = async () => {
    // Must run inside the click: the browser only shows its prompt for a user gesture.
    const granted = await browser.permissions.request({ origins: ['<all_urls>'] });
    setAllUrls(granted);
  };

  return (
    <>
      <header class="page-bar">
        <QuickExitButton />
      </header>
    <main>
      <h1>{t('optionsTitle')}</h1>
      <UninstallWarning />
      {vault && <LockSection vault={vault} />}
      <section aria-labelledby="discretion">
        <h2 id="discretion">{t('optionsDiscretionTitle')}</h2>
        <SettingsSection />
      </section>
      <section aria-labelledby="exact">
        <h2 id="exact">{t('optionsExactTitle')}</h2>
        <p>{t('optionsExactExplain')}</p>
        {allUrls ? (
          <p class="status ok" data-testid="exact-on">{t('optionsExactOn')}</p>
        ) : (
          <button type="button" class="primary" onClick={ask} data-testid="exact-enable">
            {t('optionsExactEnable')}
          </button>
        )}
      </section>
      <section aria-labelledby="trusted-time">
        <h2 id="trusted-time">{t('tsaTitle')}</h2>
        <TrustedTimeSection />
      </section>
      <section aria-labelledby="storage">
        <h2 id="storage">{t('optionsStorageTitle')}</h2>
        <p>{persisted ? t('optionsStoragePersisted') : t('optionsStorageNotPersisted')}</p>
        {shortcut && <p>{t('optionsShortcut', shortcut)}</p>}
      </section>
      <p>
        <a href={browser.runtime.getURL('/vault.html#/help')} data-testid="options-help">
          {t('helpOptionsLink')}
        </a>
      </p>
      <BeforeRemoveSection />
      <p class="muted">{t('privacyNote')}</p>
    </main>
    </>
  );
}

function LockSection({ vault }: { vault: Vault }) {
  const api = lockApiOf(vault);
  const { state, refresh } = useLockState(api);
  return (
    <section aria-labelledby="passphrase">
      <h2 id="passphrase">{t('optionsPassphraseTitle')}</h2>
      <p>{t('optionsPassphraseExplain')}</p>
      {state && <PassphraseSection api={api} state={state} refresh={refresh} />}
      {state?.encrypted && !state.locked && (
        <div class="toolbar">
          <LockNowButton api={api} onLocked={() => void refresh()} />
        </div>
      )}
    </section>
  );
}
