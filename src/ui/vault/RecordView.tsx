import { useEffect, useState } from 'preact/hooks';
import { kindLabel, t } from '../../i18n/t';
import { sendToBackground } from '../../messaging/client';
import type { EvidenceRecord } from '../../model/evidence';
import type { Vault } from '../../vault/api';
import { showAuthorLabel, showName } from '../../model/display';
import { bytesLabel, safeHref, utc } from '../format';
import { useArtifactUrl } from './useArtifactUrl';

const MAX_HTML_PREVIEW = 200_000;

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

export function RecordView({ vault, id, onBack, onDeleted }: { vault: Vault; id: string; onBack(): void; onDeleted(): void }) {
  const [record, setRecord] = useState<EvidenceRecord | null | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void vault.get(id).then((r) => {
      setRecord(r ?? null);
      if (r) void vault.logCustody('viewed', r.id).catch(() => undefined);
    });
  }, [vault, id]);

  const shot = record?.artifacts.find((a) => a.role === 'screenshot');
  const shotUrl = useArtifactUrl(vault, shot?.id);
  const html = record?.artifacts.find((a) => a.role === 'html');

  if (record === undefined) return <p class="muted">…</p>;
  if (record === null)
    return (
      <p role="alert">
        Record not found. <button type="button" onClick={onBack}>{t('vaultBack')}</button>
      </p>
    );

  const del = async () => {
    if (!confirm(t('vaultDeleteConfirm'))) return;
    const res = await sendToBackground({ type: 'vault:delete', id: record.id });
    if (res.ok) onDeleted();
    else setMessage(res.message ?? t('errUnknown'));
  };

  const copy = async () => {
    if (!record.permalink) return;
    await navigator.clipboard.writeText(record.permalink);
    setCopied(true);
  };

  const c = record.content;
  return (
    <article data-testid="record-view" data-record-id={record.id} data-seq={record.seq} aria-labelledby="record-title">
      <div class="toolbar">
        <button type="button" onClick={onBack} data-testid="record-back">
          ← {t('vaultBack')}
        </button>
        {record.permalink && (
          <button type="button" onClick={copy} data-testid="copy-permalink">
            {copied ? t('copied') : t('copyPermalink')}
          </button>
        )}
        {!record.deleted && (
          <button type="button" class="danger" onClick={del} data-testid="delete-record">
            {t('vaultDelete')}
          </button>
        )}
      </div>
      {message && <p role="alert" class="status bad">{message}</p>}
      <h2 id="record-title">
        #{record.seq} · {kindLabel(record.kind)} · {record.platform} · {showAuthorLabel(record.author).text}
      </h2>
      {record.deleted && <p class="warn">Deleted {utc(record.deleted.at)}</p>}
      <dl class="fields">
        <dt>{t('colAuthor')}</dt>
        <dd data-testid="field-author" data-name-flags={showAuthorLabel(record.author).flags.join(' ') || undefined}>{showAuthorLabel(record.author).text}</dd>
        {record.author?.accountId && (
          <>
            <dt>{t('fieldAuthorId')}</dt>
            <dd data-testid="field-author-id">
              {showName(record.author.accountId, { kind: 'handle' }).text}
              {record.author.accountIdSource ? ` (${record.author.accountIdSource})` : ''}
            </dd>
          </>
        )}
        {record.author?.profileUrl && (
          <>
            <dt>Profile</dt>
            <dd>
              <Link href={record.author.profileUrl}>{record.author.profileUrl}</Link>
            </dd>
          </>
        )}
        <dt>{t('colItemTime')}</dt>
        <dd data-testid="field-item-time">{utc(record.itemTime)}</dd>
        <dt>{t('colCaptured')}</dt>
        <dd data-testid="field-captured-at">
          {utc(record.capturedAt)} (local offset {record.capturedAtOffset})
        </dd>
        <dt>{t('fieldPermalink')}</dt>
        <dd data-testid="field-permalink">
          <Link href={record.permalink}>{record.permalink ?? '—'}</Link>
        </dd>
        <dt>{t('fieldPageUrl')}</dt>
        <dd data-testid="field-page-url">
          <Link href={record.pageUrl}>{record.pageUrl}</Link>
        </dd>
        <dt>{t('fieldText')}</dt>
        <dd data-testid="field-text">{record.text ?? '—'}</dd>
        <dt>{t('colHash')}</dt>
        <dd>
          <code data-testid="field-record-hash">{record.chain.recordHash}</code>
        </dd>
        <dt>{t('fieldTool')}</dt>
        <dd>
          Holdfast {record.tool.version}, {record.tool.browser}; {record.extraction.method}
          {record.extraction.adapter ? ` (${record.extraction.adapter})` : ''}
        </dd>
      </dl>
      {record.extraction.warnings.length > 0 && (
        <>
          <h2>{t('fieldWarnings')}</h2>
          <ul data-testid="record-warnings">
            {record.extraction.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('fieldScreenshot')}</h2>
      <p class="muted" data-testid="screenshot-method" data-method={record.screenshot.method}>
        {record.screenshot.method === 'pixel' ? t('fieldScreenshotPixel') : record.screenshot.method === 'dom-render' ? t('fieldScreenshotDom') : '—'}
        {record.screenshot.note ? ` — ${record.screenshot.note}` : ''}
      </p>
      {shotUrl && <img class="shot" src={shotUrl} alt={`${kindLabel(record.kind)} ${showAuthorLabel(record.author).text}`} data-testid="record-screenshot" />}
      <h2>{t('fieldReport')}</h2>
      <ul data-testid="report-routes">
        {record.reportRoutes.map((r) => (
          <li key={r.id} data-route-id={r.id}>
            {safeHref(r.url) ? <Link href={r.url}>{r.label}</Link> : <strong>{r.label}</strong>}
            {r.steps ? ` — ${r.steps}` : ''}
            {r.note ? <span class="muted"> ({r.note})</span> : null}
          </li>
        ))}
      </ul>
      <h2>{t('fieldArtifacts')}</h2>
      <table>
        <tbody>
          {record.artifacts.map((a) => (
            <tr key={a.id} data-testid={`artifact-${a.role}`} data-artifact-id={a.id} data-sha256={a.sha256} data-size={a.size}>
              <td>{a.role}</td>
              <td>{a.filename}</td>
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
      {c.messages && c.messages.length > 0 && <p class="muted">{c.messages.length} messages in this capture.</p>}
    </article>
  );
}
