/**
 * Options → Trusted time (issue #15, RFC 3161, opt-in). Off by default. Turning it on asks the browser for host access to
 * the chosen authority only, from the person's click (never at install); turning it off gives that access back. The text
 * says exactly what is sent: a SHA-256 hash of the vault's chain head, at most once a minute while capturing.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { asksTsaDataConsent, readTrustedTime, type TrustedTimeSetting, trustedTimePermissions, writeTrustedTime } from '../../lock/trusted-time';
import { listedTsa, normalizeTsaUrl, TSA_AUTHORITIES, TSA_LIST_CHECKED, tsaDisplayName, tsaOriginPattern } from '../../model/tsa-authorities';

const OTHER = 'other';

export function TrustedTimeSection() {
  const [setting, setSetting] = useState<TrustedTimeSetting | null>(null);
  const [choice, setChoice] = useState<string>(TSA_AUTHORITIES[0]!.id);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** Firefox's data consent is asked for with the host (known before the click: the prompt needs the click's gesture). */
  const [consent, setConsent] = useState(false);

  useEffect(() => {
    void asksTsaDataConsent().then(setConsent);
    void readTrustedTime().then((s) => {
      setSetting(s);
      if (s.url) {
        const listed = listedTsa(s.url);
        setChoice(listed ? listed.id : OTHER);
        if (!listed) setTyped(s.url);
      }
    });
  }, []);
  if (!setting) return null;

  const chosenUrl = (): string | undefined => (choice === OTHER ? normalizeTsaUrl(typed) : normalizeTsaUrl(TSA_AUTHORITIES.find((a) => a.id === choice)?.url));

  const turnOn = async () => {
    const url = chosenUrl();
    if (!url) {
      setError(t('tsaUrlInvalid'));
      return;
    }
    // Inside the click, before anything else is awaited: the browser only shows its prompt for a user gesture.
    // Firefox: the host and the data consent (the hash is made from captured content) in one prompt.
    const wanted = trustedTimePermissions(tsaOriginPattern(url), consent);
    let granted = false;
    try {
      granted = await browser.permissions.request(wanted as never);
    } catch {
      // A browser may refuse to ask for an origin it holds already from the manifest (a build granting all sites):
      // then what counts is whether Holdfast can reach the authority.
      granted = await browser.permissions.contains(wanted as never).catch(() => false);
    }
    if (!granted) {
      setError(t('tsaPermissionDenied', tsaDisplayName(url)));
      return;
    }
    setError(null);
    setSetting(await writeTrustedTime({ enabled: true, url }));
  };

  const turnOff = async () => {
    const before = setting.url;
    setSetting(await writeTrustedTime({ enabled: false, url: before }));
    setError(null);
    // Give the host access back (it was asked for this authority only); the setting is off whatever the browser answers.
    if (before) await browser.permissions.remove(trustedTimePermissions(tsaOriginPattern(before), consent) as never).catch(() => false);
  };

  return (
    <div class="trusted-time">
      <p>{t('tsaExplain')}</p>
      <p data-testid="tsa-what-is-sent">
        <strong>{t('tsaWhatIsSent')}</strong>
      </p>
      {consent && (
        <p class="muted" data-testid="tsa-data-consent">
          {t('tsaDataConsent')}
        </p>
      )}
      {setting.enabled ? (
        <>
          <p class="status ok" role="status" data-testid="tsa-on">
            {t('tsaOn', tsaDisplayName(setting.url), setting.url)}
          </p>
          <div class="toolbar">
            <button type="button" onClick={turnOff} data-testid="tsa-turn-off">
              {t('tsaTurnOff')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p data-testid="tsa-off">{t('tsaOff')}</p>
          <fieldset>
            <legend>{t('tsaChoose')}</legend>
            {TSA_AUTHORITIES.map((a) => (
              <label key={a.id} class="choice">
                <input type="radio" name="tsa" value={a.id} checked={choice === a.id} onChange={() => setChoice(a.id)} data-testid={`tsa-choice-${a.id}`} />{' '}
                {a.name} <span class="muted">({a.url})</span>
              </label>
            ))}
            <label class="choice">
              <input type="radio" name="tsa" value={OTHER} checked={choice === OTHER} onChange={() => setChoice(OTHER)} data-testid="tsa-choice-other" /> {t('tsaOther')}
            </label>
            {choice === OTHER && (
              <>
                <label for="tsa-url">{t('tsaUrlLabel')}</label>
                <input id="tsa-url" type="url" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} aria-describedby="tsa-http-note" data-testid="tsa-url" />
              </>
            )}
            <p class="muted" id="tsa-http-note">
              {t('tsaHttpNote')}
            </p>
            <p class="muted">{t('tsaListNote', TSA_LIST_CHECKED)}</p>
          </fieldset>
          <div class="toolbar">
            <button type="button" class="primary" onClick={turnOn} data-testid="tsa-turn-on">
              {t('tsaTurnOn')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p class="status bad" role="alert" data-testid="tsa-error">
          {error}
        </p>
      )}
    </div>
  );
}
