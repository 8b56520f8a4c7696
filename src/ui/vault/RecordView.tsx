/**
 * One record on the vault page (issue #13 made it read well): the link once, one copy button, times in the person's
 * local time with UTC beside them, plain words for how an account was identified (the raw source stays in the
 * technical details), whose account this is (people), the person's own notes (never evidence), export of this one
 * record, and Delete on its own in a danger zone with a confirmation. Journal entries show their fields and versions;
 * files the person added show as "added by you" — pictures and recordings only when their bytes say they are a
 * picture or recording format that cannot run anything, every other file only downloads.
 */
import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '../../i18n/t';
import { sendToBackground } from '../../messaging/client';
import type { AccountRef, Person, RecordNote } from '../../model/case';
import { showAuthorLabel, showName, showText } from '../../model/display';
import type { EvidenceRecord } from '../../model/evidence';
import { personIndex } from '../../model/pattern';
import type { Vault } from '../../vault/api';
import { RecordReports } from '../reports/RecordReports';
import { recordRoutesShown } from '../reports/route-words';
import { authorKey } from '../../vault/author-key';
import { bytesLabel, safeHref, utc } from '../format';
import { BlurredMedia } from './Blur';
import { itemKindLabel, journalKindLabel } from './RecordList';
import { localOffset, localTime, type MediaKind, safeDownloadName, sniffMedia } from './records';
import { TrustedTimeNote } from './TrustedTime';
import { useArtifactUrl } from './useArtifactUrl';

const MAX_HTML_PREVIEW = 200_000;
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Captured HTML shown as text in a <pre>: never parsed, never rendered, never run. */
function HtmlSource({ vault, artifactId }: { vault: Vault; artifactId: string }) {
  const [text, setText] = useState<string>('');
  useEffect(() => {
    void vault.getArtifact(artifactId).then((a) => {
      if (!a) return;
      const s = new TextDecoder().decode(a.bytes);
      setText(s.length > MAX_HTML_PREVIEW ? `${s.slice(0, MAX_HTML_PREVIEW)}\n…` : s);
    });
  }, [vault, artifactId]);
  return <pre data-testid="record-html">{text}</pre>;
}

function Link({ href, children }: { href: string | undefined; children: string }) {
  const safe = safeHref(href);
  return safe ? (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
}

/** "2026-03-10 13:03:11 (UTC+01:00, your time) · 2026-03-10 12:03:11 UTC". */
function Time({ iso }: { iso: string | undefined }) {
  if (!iso) return <>—</>;
  if (Number.isNaN(new Date(iso).getTime())) return <>{iso}</>;
  return (
    <>
      <time dateTime={iso}>{localTime(iso, true)}</time> <span class="muted">({localOffset(iso)}, {t('recYourTime')})</span> · <span class="muted">{utc(iso)}</span>
    </>
  );
}

/** Plain words for where an account number came from (the raw text goes to the technical details). */
export function idSourceWords(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const s = source.toLowerCase();
  if (s.startsWith('json-ld') || s.startsWith('page data')) return t('recIdFromPageData');
  if (s.startsWith('the logged-in account')) return t('recIdFromViewer');
  if (s.startsWith('conversation')) return t('recIdFromConversation');
  if (s.includes('link') || s.startsWith('permalink')) return t('recIdFromLink');
  return t('recIdFromPage');
}

/** The account a record is about: its author's keys (participants of a conversation are other accounts). */
export function accountOfRecord(record: EvidenceRecord): AccountRef | undefined {
  if (!record.author || record.journal || record.addedFile) return undefined;
  const keys = authorKey(record.platform, record.author);
  if (!keys.length) return undefined;
  const a: AccountRef = { platform: record.platform, keys };
  if (record.author.handle) a.handle = record.author.handle;
  if (record.author.accountId) a.accountId = record.author.accountId;
  if (record.author.displayName) a.displayName = record.author.displayName;
  return a;
}

function PersonChoice({ vault, record, people, onChanged }: { vault: Vault; record: EvidenceRecord; people: readonly Person[]; onChanged(): void }) {
  const account = accountOfRecord(record);
  const index = personIndex(people);
  const current = account?.keys.map((k) => index.get(k)).find(Boolean) ?? '';
  const [value, setValue] = useState(current);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setValue(current), [current]);
  if (!account) return <p class="muted">{t('recNoAccount')}</p>;
  const change = async (personId: string) => {
    setValue(personId);
    setStatus(null);
    try {
      await vault.assignAccount(personId || null, account);
      setStatus({ ok: true, text: t('recPersonSaved') });
      onChanged();
    } catch (err) {
      setValue(current);
      setStatus({ ok: false, text: t('recPersonFailed', errText(err)) });
    }
  };
  return (
    <div class="field inline">
      <label for="record-person">{t('recPersonLabel')}</label>{' '}
      <select id="record-person" data-testid="record-person" value={value} onChange={(e) => void change(e.currentTarget.value)}>
        <option value="">{t('recNobody')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {showName(p.name).text}
          </option>
        ))}
      </select>{' '}
      <span aria-live="polite">
        {status && (
          <span class={status.ok ? 'ok-text' : 'warn'} role={status.ok ? 'status' : 'alert'} data-testid="record-person-status">
            {status.text}
          </span>
        )}
      </span>
    </div>
  );
}

function Notes({ vault, recordId }: { vault: Vault; recordId: string }) {
  const [notes, setNotes] = useState<RecordNote[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const load = () =>
    vault.notes(recordId).then(
      (n) => setNotes(n),
      (err: unknown) => {
        setNotes([]);
        setError(t('recNotesError', errText(err)));
      },
    );
  useEffect(() => {
    void load();
  }, [vault, recordId]);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    setSaving(true);
    setError(null);
    try {
      await vault.addNote(recordId, text);
      setText('');
      await load();
    } catch (err) {
      setError(t('recNotesError', errText(err)));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section aria-labelledby="notes-title" data-testid="record-notes">
      <h3 id="notes-title">{t('recNotesTitle')}</h3>
      <p class="muted">{t('recNotesExplain')}</p>
      {notes && notes.length === 0 && !error && <p class="muted">{t('recNotesNone')}</p>}
      {notes && notes.length > 0 && (
        <ul class="notes">
          {notes.map((n) => (
            <li key={n.id} data-testid="record-note">
              <span class="muted">
                <time dateTime={n.at} title={utc(n.at)}>
                  {localTime(n.at)}
                </time>
              </span>{' '}
              <span class="note-text">{showText(n.text)}</span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={save}>
        <label for="note-text">{t('recNoteLabel')}</label>
        <textarea id="note-text" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="note-text" />
        <div>
          <button type="submit" disabled={saving || !text.trim()} data-testid="note-save">
            {t('recNoteSave')}
          </button>
        </div>
      </form>
      {error && (
        <p class="status bad" role="alert" data-testid="notes-error">
          {error}
        </p>
      )}
    </section>
  );
}

function DangerZone({ record, onDeleted }: { record: EvidenceRecord; onDeleted(): void }) {
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (record.deleted) return null;
  const del = async () => {
    const res = await sendToBackground({ type: 'vault:delete', id: record.id });
    if (res.ok) onDeleted();
    else setMessage(res.message ?? t('errUnknown'));
  };
  return (
    <section class="danger-zone" aria-labelledby="danger-title">
      <h3 id="danger-title">{t('recDangerZone')}</h3>
      <p>{t('recDeleteExplain')}</p>
      {asking ? (
        <div class="toolbar">
          <button type="button" class="danger" onClick={() => void del()} data-testid="delete-confirm">
            {t('recDeleteYes')}
          </button>
          <button type="button" onClick={() => setAsking(false)} data-testid="delete-cancel">
            {t('recDeleteCancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setAsking(true)} data-testid="delete-record">
          {t('recDeleteAsk')}
        </button>
      )}
      {message && (
        <p role="alert" class="status bad">
          {message}
        </p>
      )}
    </section>
  );
}

/** A journal entry's fields and its versions (every version stays in the chain). */
function JournalFields({ vault, record, people }: { vault: Vault; record: EvidenceRecord; people: readonly Person[] }) {
  const j = record.journal!;
  const [versions, setVersions] = useState<EvidenceRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    vault.journalVersions(j.entryId).then(setVersions, (err: unknown) => setError(t('recJVersionsError', errText(err))));
  }, [vault, j.entryId]);
  const person = j.personId ? (people.find((p) => p.id === j.personId)?.name ?? j.personName) : j.personName;
  const latest = versions?.[versions.length - 1];
  const w = j.when;
  return (
    <>
      <dl class="fields" data-testid="journal-fields">
        <dt>{t('recJWhen')}</dt>
        <dd data-testid="field-journal-when">
          {w.local ? w.local.replace('T', ' ') : '—'} <span class="muted">({t(`recJPrecision_${w.precision}` as MessageKey)}{w.offset ? `, UTC${w.offset}` : ''})</span>
          {w.utc && <span class="muted"> · {utc(w.utc)}</span>}
        </dd>
        <dt>{t('recJKind')}</dt>
        <dd>{journalKindLabel(j.kind)}</dd>
        <dt>{t('recJPerson')}</dt>
        <dd>{person ? showName(person).text : '—'}</dd>
        {j.where && (
          <>
            <dt>{t('recJWhere')}</dt>
            <dd>{showText(j.where)}</dd>
          </>
        )}
        <dt>{t('recJWhat')}</dt>
        <dd data-testid="field-text">{showText(record.text ?? '') || '—'}</dd>
        {j.effect && (
          <>
            <dt>{t('recJEffect')}</dt>
            <dd>{showText(j.effect)}</dd>
          </>
        )}
        {j.witnesses && (
          <>
            <dt>{t('recJWitnesses')}</dt>
            <dd>{showText(j.witnesses)}</dd>
          </>
        )}
        {j.reference && (
          <>
            <dt>{t('recJReference')}</dt>
            <dd>{showText(j.reference)}</dd>
          </>
        )}
        {j.links.length > 0 && (
          <>
            <dt>{t('recJLinks')}</dt>
            <dd>
              <ul class="plain">
                {j.links.map((id) => (
                  <li key={id}>
                    <a href={`#/record/${encodeURIComponent(id)}`}>{id}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {latest && latest.id !== record.id && <p class="warn">{t('recJSuperseded')}</p>}
      <p>
        <a href={`#/journal/${encodeURIComponent(j.entryId)}/edit`} data-testid="journal-edit-link">
          {t('recJEdit')}
        </a>
      </p>
      <h3>{t('recJVersions')}</h3>
      {error && <p class="status bad">{error}</p>}
      {versions && (
        <ol data-testid="journal-versions">
          {versions.map((v) => (
            <li key={v.id} data-record-id={v.id}>
              {v.id === record.id ? (
                <>
                  {t('recJVersion', v.journal?.version ?? '?', localTime(v.capturedAt))} {t('recJThisVersion')}
                </>
              ) : (
                <a href={`#/record/${encodeURIComponent(v.id)}`}>{t('recJVersion', v.journal?.version ?? '?', localTime(v.capturedAt))}</a>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** Hands bytes to the browser's downloads as an opaque file: never opened, never rendered here. */
function downloadOpaque(bytes: Blob, name: string) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file the person added: its facts, and a picture, a player, or only a download. */
function AddedFileView({ vault, record, blur }: { vault: Vault; record: EvidenceRecord; blur: boolean }) {
  const f = record.addedFile!;
  const art = record.artifacts.find((a) => a.role === 'added');
  const [media, setMedia] = useState<{ kind: MediaKind; url?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = showName(f.name).text;

  useEffect(() => {
    if (!art) return;
    let made: string | undefined;
    let live = true;
    void (async () => {
      try {
        const reader = await vault.readArtifact(art.id);
        if (!reader) throw new Error('not found');
        // The first bytes decide what it may be shown as.
        const stream = reader.stream().getReader();
        const first = await stream.read();
        await stream.cancel().catch(() => undefined);
        const kind = sniffMedia(first.value ?? new Uint8Array(0));
        if (kind.show === 'download') {
          if (live) setMedia({ kind });
          return;
        }
        const blob = await new Response(reader.stream()).blob();
        made = URL.createObjectURL(new Blob([blob], { type: kind.type }));
        if (live) setMedia({ kind, url: made });
      } catch (err) {
        if (live) setError(t('recFileReadError', errText(err)));
      }
    })();
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [vault, art?.id]);

  const download = async () => {
    if (!art) return;
    try {
      const reader = await vault.readArtifact(art.id);
      if (!reader) throw new Error('not found');
      downloadOpaque(await new Response(reader.stream()).blob(), safeDownloadName(f.name));
    } catch (err) {
      setError(t('recFileReadError', errText(err)));
    }
  };

  return (
    <>
      <p class="status" data-testid="added-by-you">
        {t('recFileAddedBy')}
      </p>
      <dl class="fields" data-testid="added-file-fields">
        <dt>{t('recFileName')}</dt>
        <dd data-testid="field-file-name">{name}</dd>
        <dt>{t('recFileSize')}</dt>
        <dd>
          {bytesLabel(f.size)} <span class="muted">({f.size} B)</span>
        </dd>
        <dt>{t('recFileType')}</dt>
        <dd>{f.type ? showName(f.type).text : t('recFileNotGiven')}</dd>
        <dt>{t('recFileModified')}</dt>
        <dd>{f.lastModified ? <Time iso={f.lastModified} /> : t('recFileNotGiven')}</dd>
        <dt>{t('recFileAdded')}</dt>
        <dd>
          <Time iso={f.addedAt || record.capturedAt} />
        </dd>
      </dl>
      {media?.kind.show === 'image' && media.url && (
        <BlurredMedia blur={blur} warning={t('recPictureWarning')} testid="added-image-box">
          <img class="shot" src={media.url} alt={name} data-testid="added-image" />
        </BlurredMedia>
      )}
      {media?.kind.show === 'audio' && media.url && (
        // biome-ignore lint/a11y/useMediaCaption: a recording the person made has no captions; its name labels it
        <audio controls src={media.url} aria-label={t('recAudioLabel', name)} data-testid="added-audio" preload="metadata" />
      )}
      {media?.kind.show === 'download' && <p class="muted">{t('recFileOnlyDownload')}</p>}
      <p>
        <button type="button" onClick={() => void download()} data-testid="added-download">
          {t('recFileDownload')}
        </button>
      </p>
      {error && (
        <p class="status bad" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export interface RecordViewProps {
  vault: Vault;
  id: string;
  people: readonly Person[];
  blur: boolean;
  onBack(): void;
  onDeleted(): void;
  /** People or notes changed here. */
  onChanged(): void;
  onExport(ids: string[]): void;
}

export function RecordView({ vault, id, people, blur, onBack, onDeleted, onChanged, onExport }: RecordViewProps) {
  const [record, setRecord] = useState<EvidenceRecord | null | undefined>(undefined);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    vault.get(id).then(
      (r) => {
        setRecord(r ?? null);
        if (r) void vault.logCustody('viewed', r.id).catch(() => undefined);
      },
      () => setRecord(null),
    );
  }, [vault, id]);

  const shot = record?.artifacts.find((a) => a.role === 'screenshot');
  const shotUrl = useArtifactUrl(vault, shot?.id);
  const html = record?.artifacts.find((a) => a.role === 'html');

  if (record === undefined) return <p class="muted">…</p>;
  if (record === null)
    return (
      <section aria-labelledby="record-title">
        <h2 id="record-title" tabIndex={-1}>
          {t('recNotFound')}
        </h2>
        <button type="button" onClick={onBack} data-testid="record-back">
          {t('vaultBack')}
        </button>
      </section>
    );

  const link = record.permalink ?? record.pageUrl;
  const copy = async () => {
    if (!link) return;
    await navigator.clipboard.writeText(link);
    setCopied(true);
  };

  const author = showAuthorLabel(record.author);
  const isCase = !!record.journal || !!record.addedFile;
  const title = record.journal
    ? t('recJournalRow', journalKindLabel(record.journal.kind))
    : record.addedFile
      ? t('recFileRow', showName(record.addedFile.name).text)
      : `${itemKindLabel(record.kind)} · ${record.platform} · ${author.text}`;
  const c = record.content;
  return (
    <article data-testid="record-view" data-record-id={record.id} data-seq={record.seq} aria-labelledby="record-title">
      <div class="toolbar">
        <button type="button" onClick={onBack} data-testid="record-back">
          ← {t('vaultBack')}
        </button>
      </div>
      <h2 id="record-title" tabIndex={-1}>
        #{record.seq} · {title}
      </h2>
      <TrustedTimeNote vault={vault} seq={record.seq} />
      {record.deleted && <p class="warn">{t('recDeletedAt', localTime(record.deleted.at))}</p>}
      <div class="toolbar">
        {link && !isCase && (
          <button type="button" onClick={() => void copy()} data-testid="copy-permalink">
            {copied ? t('copied') : t('copyPermalink')}
          </button>
        )}
        {!record.deleted && (
          <button type="button" onClick={() => onExport([record.id])} data-testid="record-export">
            {t('recExportThis')}
          </button>
        )}
      </div>

      {record.journal && <JournalFields vault={vault} record={record} people={people} />}
      {record.addedFile && <AddedFileView vault={vault} record={record} blur={blur} />}

      {!isCase && (
        <>
          <dl class="fields">
            <dt>{t('colAuthor')}</dt>
            <dd data-testid="field-author" data-name-flags={author.flags.join(' ') || undefined}>
              {author.text}
            </dd>
            {record.author?.accountId && (
              <>
                <dt>{t('fieldAuthorId')}</dt>
                <dd data-testid="field-author-id">
                  {showName(record.author.accountId, { kind: 'handle' }).text}
                  {record.author.accountIdSource ? <span class="muted"> — {t('recIdHow', idSourceWords(record.author.accountIdSource) ?? '')}</span> : null}
                </dd>
              </>
            )}
            {record.author?.profileUrl && (
              <>
                <dt>{t('recProfile')}</dt>
                <dd>
                  <Link href={record.author.profileUrl}>{record.author.profileUrl}</Link>
                </dd>
              </>
            )}
            <dt>{t('colItemTime')}</dt>
            <dd data-testid="field-item-time">
              <Time iso={record.itemTime} />
            </dd>
            <dt>{t('colCaptured')}</dt>
            <dd data-testid="field-captured-at">
              <Time iso={record.capturedAt} />
            </dd>
            <dt>{t('recLink')}</dt>
            <dd data-testid="field-permalink">
              <Link href={link}>{link ?? '—'}</Link>
            </dd>
            {record.permalink && record.pageUrl && record.pageUrl !== record.permalink && (
              <>
                <dt>{t('recPageUrl')}</dt>
                <dd data-testid="field-page-url">{record.pageUrl}</dd>
              </>
            )}
            <dt>{t('fieldText')}</dt>
            <dd data-testid="field-text">{record.text ? showText(record.text) : '—'}</dd>
          </dl>
          {c.messages && c.messages.length > 0 && <p class="muted">{t('recMessagesIn', c.messages.length)}</p>}
        </>
      )}

      {!record.journal && !record.addedFile && !record.deleted && (
        <section aria-labelledby="person-title">
          <h3 id="person-title">{t('recFilterPerson')}</h3>
          <PersonChoice vault={vault} record={record} people={people} onChanged={onChanged} />
        </section>
      )}

      {record.extraction.warnings.length > 0 && (
        <>
          <h3>{t('fieldWarnings')}</h3>
          <ul data-testid="record-warnings">
            {record.extraction.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}

      {!isCase && (
        <>
          <h3>{t('fieldScreenshot')}</h3>
          <p class="muted" data-testid="screenshot-method" data-method={record.screenshot.method}>
            {record.screenshot.method === 'pixel' ? t('fieldScreenshotPixel') : record.screenshot.method === 'dom-render' ? t('fieldScreenshotDom') : '—'}
            {record.screenshot.note ? ` — ${record.screenshot.note}` : ''}
          </p>
          {shotUrl && (
            <BlurredMedia blur={blur} warning={t('recScreenshotWarning')} testid="record-screenshot-box">
              <img class="shot" src={shotUrl} alt={`${itemKindLabel(record.kind)} ${author.text}`} data-testid="record-screenshot" />
            </BlurredMedia>
          )}
          {record.reportRoutes.length > 0 && (
            <>
              <h3>{t('fieldReport')}</h3>
              <ul data-testid="report-routes">
                {recordRoutesShown(record).map((r) => (
                  <li key={r.id} data-route-id={r.id}>
                    {safeHref(r.url) ? <Link href={r.url}>{r.label}</Link> : <strong>{r.label}</strong>}
                    {r.steps ? ` — ${r.steps}` : ''}
                    {r.note ? <span class="muted"> ({r.note})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}

      {!isCase && <RecordReports vault={vault} record={record} />}

      {!record.deleted && <Notes vault={vault} recordId={record.id} />}

      <details class="technical">
        <summary>{t('recTechnical')}</summary>
        <dl class="fields">
          <dt>{t('colHash')}</dt>
          <dd>
            <code data-testid="field-record-hash">{record.chain.recordHash}</code>
          </dd>
          <dt>{t('fieldTool')}</dt>
          <dd>
            Holdfast {record.tool.version}, {record.tool.browser}; {record.extraction.method}
            {record.extraction.adapter ? ` (${record.extraction.adapter})` : ''}
          </dd>
          {record.author?.accountIdSource && (
            <>
              <dt>{t('recIdRaw')}</dt>
              <dd>
                <code data-testid="field-author-id-source">{record.author.accountIdSource}</code>
              </dd>
            </>
          )}
        </dl>
        <h3>{t('fieldArtifacts')}</h3>
        <table>
          <tbody>
            {record.artifacts.map((a) => (
              <tr key={a.id} data-testid={`artifact-${a.role}`} data-artifact-id={a.id} data-sha256={a.sha256} data-size={a.size}>
                <td>{a.role}</td>
                <td>{showName(a.filename).text}</td>
                <td>{bytesLabel(a.size)}</td>
                <td>
                  <code>SHA-256 {a.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {html && (
          <details>
            <summary>{t('fieldHtmlSource')}</summary>
            <HtmlSource vault={vault} artifactId={html.id} />
          </details>
        )}
        <details>
          <summary>{t('fieldAllFields')}</summary>
          <pre data-testid="record-json">{JSON.stringify(record, null, 2)}</pre>
        </details>
      </details>

      <DangerZone record={record} onDeleted={onDeleted} />
    </article>
  );
}
