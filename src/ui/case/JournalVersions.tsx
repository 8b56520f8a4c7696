/** Every version of a journal entry, oldest first, each with what changed from the one before (issue #13). */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { Person } from '../../model/case';
import type { EvidenceRecord } from '../../model/evidence';
import type { JournalInfo } from '../../model/journal';
import { showText } from '../../model/display';
import type { Vault } from '../../vault/api';
import { journalKindLabel, localTime, precisionLabel } from './labels';

type Field = 'when' | 'kind' | 'person' | 'where' | 'text' | 'effect' | 'witnesses' | 'reference' | 'links';
const FIELDS: Field[] = ['when', 'kind', 'person', 'where', 'text', 'effect', 'witnesses', 'reference', 'links'];

function whenWords(j: JournalInfo): string {
  const w = j.when;
  if (w.precision === 'unknown') return precisionLabel('unknown');
  return `${precisionLabel(w.precision)}: ${w.local ?? ''}${w.offset ? ` (${w.offset})` : ''}`;
}

/** A field of a version in words (for comparing versions). */
export function fieldValue(r: EvidenceRecord, f: Field, people: readonly Person[]): string {
  const j = r.journal!;
  switch (f) {
    case 'when':
      return whenWords(j);
    case 'kind':
      return journalKindLabel(j.kind);
    case 'person':
      return j.personId ? (people.find((p) => p.id === j.personId)?.name ?? j.personName ?? j.personId) : '';
    case 'text':
      return r.text ?? '';
    case 'links':
      return String(j.links.length);
    default:
      return j[f] ?? '';
  }
}

/** What changed between two versions: the fields whose words differ. */
export function changes(prev: EvidenceRecord, next: EvidenceRecord, people: readonly Person[]): Array<{ field: Field; from: string; to: string }> {
  const out: Array<{ field: Field; from: string; to: string }> = [];
  for (const f of FIELDS) {
    const a = fieldValue(prev, f, people);
    const b = fieldValue(next, f, people);
    if (a !== b) out.push({ field: f, from: a, to: b });
  }
  return out;
}

const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

export function JournalVersions({ vault, entryId, people, stamp }: { vault: Vault; entryId: string; people: readonly Person[]; stamp?: unknown }) {
  const [versions, setVersions] = useState<EvidenceRecord[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    vault.journalVersions(entryId).then(
      (v) => live && setVersions(v),
      (err) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [vault, entryId, stamp]);
  if (error)
    return (
      <p role="alert" class="status bad">
        {t('journalVersionsFailed', error)}
      </p>
    );
  if (!versions) return <p class="muted">{t('journalLoading')}</p>;
  return (
    <section aria-labelledby="journal-versions-title" data-testid="journal-versions" data-count={versions.length}>
      <h3 id="journal-versions-title">{t('journalVersionsTitle', versions.length)}</h3>
      <ol class="case-versions">
        {versions.map((v, i) => {
          const prev = versions[i - 1];
          const diff = prev ? changes(prev, v, people) : [];
          return (
            <li key={v.id} data-testid="journal-version" data-version={v.journal?.version}>
              <a href={`#/record/${v.id}`}>{t('journalVersionN', v.journal?.version ?? i + 1)}</a> — {t('journalWrittenAt', localTime(v.capturedAt))}
              {prev &&
                (diff.length === 0 ? (
                  <span class="muted"> {t('journalNoChange')}</span>
                ) : (
                  <ul>
                    {diff.map((d) => (
                      <li key={d.field}>
                        {t(`journalField_${d.field}`)}: <del>{cut(showText(d.from)) || '—'}</del> → <ins>{cut(showText(d.to)) || '—'}</ins>
                      </li>
                    ))}
                  </ul>
                ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
