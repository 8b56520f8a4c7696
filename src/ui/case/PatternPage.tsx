/** The Pattern view of the vault page (issue #13). Placeholder: built on the case-ui branch. */
import type { CasePageProps } from '../vault/useCaseData';

export function PatternPage(_props: CasePageProps) {
  return <section aria-labelledby="page-title"><h2 id="page-title">Pattern</h2></section>;
}
