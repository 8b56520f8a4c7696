/**
 * Get help (issue #14): `#/help` lists, for the chosen region, the emergency number first, then helplines, the police,
 * support organisations and each platform's safety centre (src/help/regions.ts, bundled: nothing is fetched), each with
 * its source and the date it was last checked; beside it, short guidance. The region starts from the person's saved
 * choice (settings `helpRegion`), else the browser's language region, else the international list; changing it saves it.
 * Phone numbers are tel: links; web addresses open in a new tab without a referrer.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { HelpEntry, HelpPhone, HelpTopic } from '../../help/regions';
import { type MessageKey, t } from '../../i18n/t';
import { readSettings, writeSettings } from '../../lock/settings';
import type { CasePageProps } from '../vault/useCaseData';
import { chooseRegion, type HelpGroup, groupEntries, regionByCode, regionOptions, safeUrl, shortUrl, telHref } from './choose';
import './help.css';

/** The browser's UI language first, then the page's preferred languages. */
export function browserLanguages(): string[] {
  const tags: string[] = [];
  try {
    const ui = browser.i18n.getUILanguage();
    if (ui) tags.push(ui);
  } catch {
    // Not available (tests, odd contexts): the page's languages below.
  }
  if (typeof navigator !== 'undefined') tags.push(...(navigator.languages ?? []), navigator.language);
  return tags.filter(Boolean);
}

const GROUP_TITLE: Record<HelpGroup, MessageKey> = {
  danger: 'helpGroupDanger',
  hotlines: 'helpGroupHotlines',
  police: 'helpGroupPolice',
  organisations: 'helpGroupOrganisations',
  platforms: 'helpGroupPlatforms',
};

const topicKey = (topic: HelpTopic) => `helpTopic_${topic.replace('-', '_')}` as MessageKey;

/** Needs nothing from the vault (the lock screen shows it too, without props). */
export function HelpPage(_props: Partial<CasePageProps>) {
  const languages = useMemo(browserLanguages, []);
  const lang = languages[0] ?? 'en';
  const [region, setRegion] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void readSettings()
      .then((s) => s.helpRegion)
      .catch(() => '')
      .then((saved) => {
        if (live) setRegion(chooseRegion(saved, languages));
      });
    return () => {
      live = false;
    };
  }, [languages]);

  const options = useMemo(() => regionOptions(lang, t('helpRegionIntl')), [lang]);
  const entries = region ? (regionByCode(region)?.entries ?? []) : [];
  const groups = groupEntries(entries);
  const dates = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      return null;
    }
  }, [lang]);
  const showDate = (iso: string) => {
    const d = new Date(`${iso}T00:00:00Z`);
    return dates && !Number.isNaN(d.getTime()) ? dates.format(d) : iso;
  };

  const choose = (code: string) => {
    if (!regionByCode(code)) return;
    setRegion(code);
    // Remembered on this device (storage.local settings); a failed write only means the next visit starts from the language again.
    void writeSettings({ helpRegion: code }).catch(() => undefined);
  };

  return (
    <section aria-labelledby="page-title" class="help-page">
      <h2 id="page-title">{t('navHelp')}</h2>
      <p>{t('helpIntro')}</p>
      <div class="help-layout">
        <div class="help-main">
          {region && (
            <div class="help-region">
              <label for="help-region-select">{t('helpRegionLabel')}</label>
              <select
                id="help-region-select"
                data-testid="help-region"
                value={region}
                aria-describedby="help-region-hint"
                onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}
              >
                {options.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.label}
                  </option>
                ))}
              </select>
              <p id="help-region-hint" class="muted">
                {t('helpRegionHint')}
              </p>
            </div>
          )}
          <p class="muted help-checking">{t('helpChecking')}</p>
          {groups.map(({ group, entries: list }) => (
            <section key={`${region}-${group}`} class={`help-group help-group-${group}`} aria-labelledby={`help-group-${group}`}>
              <h3 id={`help-group-${group}`}>{t(GROUP_TITLE[group])}</h3>
              <ul class="help-list">
                {list.map((entry) => (
                  <Entry key={`${entry.kind}:${entry.name}`} entry={entry} showDate={showDate} lang={lang} />
                ))}
              </ul>
            </section>
          ))}
        </div>
        <Guidance />
      </div>
    </section>
  );
}

function NewTabLink({ url, children }: { url: string; children: preact.ComponentChildren }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="visually-hidden"> {t('helpNewTab')}</span>
    </a>
  );
}

function Phone({ phone }: { phone: HelpPhone }) {
  const how = phone.how ?? 'call';
  if (how === 'text') return <li>{phone.keyword ? t('helpTextKeyword', phone.keyword, phone.number) : t('helpTextNumber', phone.number)}</li>;
  if (how === 'whatsapp') return <li>{t('helpWhatsapp', phone.number)}</li>;
  const href = telHref(phone.number);
  return (
    <li>
      {t(how === 'tty' ? 'helpTty' : 'helpPhone')}: {href ? <a href={href} class="help-tel">{phone.number}</a> : phone.number}
    </li>
  );
}

function Entry({ entry, showDate, lang }: { entry: HelpEntry; showDate: (iso: string) => string; lang: string }) {
  const site = safeUrl(entry.url);
  const source = safeUrl(entry.source);
  const topics = entry.topics.filter((topic) => topic !== 'emergency');
  return (
    <li class={`help-entry${entry.emergency ? ' help-emergency' : ''}`} data-testid="help-entry" data-kind={entry.kind} data-checked={entry.checked}>
      <h4 class="help-name">{entry.emergency ? t('helpEmergencyName', entry.name) : entry.name}</h4>
      {entry.note && <p class="help-note">{t(entry.note as MessageKey)}</p>}
      {entry.allDay && <p class="help-hours">{t('helpAllDay')}</p>}
      {(entry.phones?.length || site) && (
        <ul class="help-contacts">
          {entry.phones?.map((phone) => (
            <Phone key={`${phone.how ?? 'call'}:${phone.number}`} phone={phone} />
          ))}
          {site && (
            <li>
              {t('helpWebsite')}: <NewTabLink url={site}>{shortUrl(site)}</NewTabLink>
            </li>
          )}
        </ul>
      )}
      {topics.length > 0 && (
        <p class="help-topics muted">
          {t('helpTopicsLabel')}: {topics.map((topic) => t(topicKey(topic)).toLocaleLowerCase(lang)).join(', ')}
        </p>
      )}
      <p class="help-source muted">
        {t('helpSource')}: {source ? <NewTabLink url={source}>{shortUrl(source)}</NewTabLink> : entry.source} ·{' '}
        <time dateTime={entry.checked}>{t('helpChecked', showDate(entry.checked))}</time>
      </p>
    </li>
  );
}

function Guidance() {
  return (
    <aside class="help-guide" aria-labelledby="help-guide-title">
      <h3 id="help-guide-title">{t('helpGuideTitle')}</h3>
      <ul>
        <li>{t('helpGuideEvidence')}</li>
        <li>{t('helpGuideTrust')}</li>
        <li>
          {t('helpGuideJournal')} <a href="#/journal">{t('helpGuideJournalLink')}</a>
        </li>
        <li>{t('helpGuidePolice')}</li>
        <li>
          <strong>{t('helpGuideNotYourFault')}</strong>
        </li>
      </ul>
    </aside>
  );
}
