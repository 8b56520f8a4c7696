/**
 * Get help (issue #14): `#/help` lists hotlines, police numbers, support organisations and each platform's safety
 * centre for the chosen region, with short guidance. Contract placeholder: the help branch builds it.
 */
import { t } from '../../i18n/t';
import type { CasePageProps } from '../vault/useCaseData';

export function HelpPage(_props: CasePageProps) {
  return (
    <section aria-labelledby="page-title">
      <h2 id="page-title">{t('navHelp')}</h2>
    </section>
  );
}
