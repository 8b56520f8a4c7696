import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';

export function App() {
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
    <main>
      <h1>{t('optionsTitle')}</h1>
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
      <section aria-labelledby="storage">
        <h2 id="storage">{t('optionsStorageTitle')}</h2>
        <p>{persisted ? t('optionsStoragePersisted') : t('optionsStorageNotPersisted')}</p>
        {shortcut && <p>{t('optionsShortcut', shortcut)}</p>}
      </section>
      <p class="muted">{t('privacyNote')}</p>
    </main>
  );
}
