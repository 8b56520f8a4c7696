/**
 * The mode of the shadow roots of Holdfast's in-page report chooser (its options, report-item.ts, and the modal frame it
 * shares with the "how far back" dialog, modal.ts) and of a control's menu (ui-elements.ts): always closed, so the
 * site's scripts cannot read them.
 *
 * Test builds only (`import.meta.env.HOLDFAST_TEST`; release builds fold this to 'closed' and drop the attribute's
 * name from the bundle): a test that sets `data-holdfast-test-open-shadow` on the page's root element
 * gets these particular roots open, so axe-core can look inside them (test/e2e/report.e2e.test.ts, which first checks
 * that without it the page reaches neither). Every other test leaves the attribute off and gets closed roots. The
 * capture controls, the toast and the copy field are never opened.
 */
export function ownShadowMode(): ShadowRootMode {
  if (import.meta.env.HOLDFAST_TEST && document.documentElement.hasAttribute('data-holdfast-test-open-shadow')) return 'open';
  return 'closed';
}
