/** Options → lock and discretion settings: auto-lock minutes, the neutral page for quick exit, discreet mode. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { AUTO_LOCK_MAX, AUTO_LOCK_MIN, isNeutralUrl, readSettings, type Settings, writeSettings } from '../../lock/settings';

export function SettingsSection() {
  const [s, setS] = useState<Settings | null>(null);
  const [minutes, setMinutes] = useState('');
  const [url, setUrl] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void readSettings().then((v) => {
      setS(v);
      setMinutes(String(v.autoLockMinutes));
      setUrl(v.neutralUrl);
    });
  }, []);
  if (!s) return null;

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const m = Number(minutes);
    if (!Number.isInteger(m) || m < AUTO_LOCK_MIN || m > AUTO_LOCK_MAX) {
      setError(t('settingsAutoLockInvalid', AUTO_LOCK_MIN, AUTO_LOCK_MAX));
      return;
    }
    if (!isNeutralUrl(url.trim())) {
      setError(t('settingsNeutralInvalid'));
      return;
    }
    setError(null);
    setS(await writeSettings({ autoLockMinutes: m, neutralUrl: url.trim(), discreet: s.discreet, blurMedia: s.blurMedia }));
    setSaved(true);
  };

  return (
    <form class="settings" onSubmit={save}>
      <label for="settings-autolock">{t('settingsAutoLock')}</label>
      <input id="settings-autolock" type="number" min={AUTO_LOCK_MIN} max={AUTO_LOCK_MAX} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} data-testid="settings-autolock" />
      <label for="settings-neutral">{t('settingsNeutral')}</label>
      <input id="settings-neutral" type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} data-testid="settings-neutral-url" />
      <p class="muted">{t('quickExitExplain')}</p>
      <label>
        <input type="checkbox" checked={s.discreet} onChange={(e) => setS({ ...s, discreet: e.currentTarget.checked })} data-testid="settings-discreet" /> {t('settingsDiscreet')}
      </label>
      <p class="muted" id="discreet-note">
        {t('settingsDiscreetNote')}
      </p>
      <label>
        <input type="checkbox" checked={s.blurMedia} onChange={(e) => setS({ ...s, blurMedia: e.currentTarget.checked })} data-testid="settings-blur" aria-describedby="blur-note" /> {t('recSettingBlur')}
      </label>
      <p class="muted" id="blur-note">
        {t('recSettingBlurNote')}
      </p>
      <div class="toolbar">
        <button type="submit" class="primary" data-testid="settings-save">
          {t('settingsSave')}
        </button>
        <span aria-live="polite">
          {saved && (
            <span role="status" data-testid="settings-saved">
              {t('settingsSaved')}
            </span>
          )}
        </span>
      </div>
      {error && (
        <p class="status bad" role="alert" data-testid="settings-error">
          {error}
        </p>
      )}
    </form>
  );
}
