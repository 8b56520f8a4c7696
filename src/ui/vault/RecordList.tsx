import { kindLabel, t } from '../../i18n/t';
import type { EvidenceRecord } from '../../model/evidence';
import type { Vault } from '../../vault/api';
import { showAuthorLabel } from '../../model/display';
import { shortHash, utc } from '../format';
import { useArtifactUrl } from './useArtifactUrl';

function Thumb({ vault, record }: { vault: Vault; record: EvidenceRecord }) {
  const shot = record.artifacts.find((a) => a.role === 'screenshot');
  const url = useArtifactUrl(vault, shot?.id);
  return url ? <img class="thumb" src={url} alt="" /> : <span class="muted">—</span>;
}

export function RecordList({ vault, records, onOpen }: { vault: Vault; records: EvidenceRecord[]; onOpen(id: string): void }) {
  return (
    <table data-testid="record-list">
      <caption class="visually-hidden">{t('vaultTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">
            <span class="visually-hidden">{t('fieldScreenshot')}</span>
          </th>
          <th scope="col">{t('colKind')}</th>
          <th scope="col">{t('colAuthor')}</th>
          <th scope="col">{t('colItemTime')}</th>
          <th scope="col">{t('colCaptured')}</th>
          <th scope="col">{t('colUrl')}</th>
          <th scope="col">{t('colHash')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr
            key={r.id}
            class="row"
            tabIndex={0}
            data-testid="record-row"
            data-record-id={r.id}
            data-seq={r.seq}
            data-kind={r.kind}
            onClick={() => onOpen(r.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpen(r.id);
              }
            }}
          >
            <td>{r.seq}</td>
            <td>
              <Thumb vault={vault} record={r} />
            </td>
            <td>
              {kindLabel(r.kind)} <span class="muted">({r.platform})</span>
            </td>
            <td data-testid="row-author" data-name-flags={showAuthorLabel(r.author).flags.join(' ') || undefined}>{showAuthorLabel(r.author).text}</td>
            <td>{utc(r.itemTime)}</td>
            <td>{utc(r.capturedAt)}</td>
            <td class="url">{r.permalink ?? r.pageUrl}</td>
            <td>
              <code title={r.chain.recordHash}>{shortHash(r.chain.recordHash)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
