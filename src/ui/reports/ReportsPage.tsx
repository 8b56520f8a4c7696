/**
 * Reports (issue #14): `#/reports` lists every report entry, `#/reports/<id>` shows one (reference, status, notes,
 * reminder), `#/reports/pile-on/<recordId>` walks through the accounts that replied to a captured post.
 * Contract placeholder: the reports-ui branch builds it.
 */
import { t } from '../../i18n/t';
import type { CasePageProps } from '../vault/useCaseData';

export function ReportsPage(_props: CasePageProps) {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">{t('navReports')}</h2>
    </section>
  );
}
