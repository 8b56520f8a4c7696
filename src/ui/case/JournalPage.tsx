/** The Journal view of the vault page (issue #13). Placeholder: built on the case-ui branch. */
import type { CasePageProps } from '../vault/useCaseData';

export function JournalPage(_props: CasePageProps) {
  return <section aria-labelledby="page-title"><h2 id="page-title">Journal</h2></section>;
}
