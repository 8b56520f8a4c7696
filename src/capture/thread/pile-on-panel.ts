/**
 * Issue #14: after a post is captured with all its replies, the whole-thread panel lists the accounts that replied,
 * most replies first (src/reporting/pile-on.ts, the list the vault page shows), with a tick box each and "Report
 * accounts from this pile-on…", which asks the background to open the vault page's walk-through with the ticked
 * accounts. Built with DOM calls only (names are hostile page text: textContent, never markup); the panel mounts it in
 * its closed shadow root. Keyboard: tick boxes and buttons in order, Escape closes.
 */
import { t } from '../../i18n/t';
import { showName } from '../../model/display';
import type { ExtractedContent } from '../../model/evidence';
import { type PileOnAccount, pileOnAccounts } from '../../reporting/pile-on';

/** How many accounts the panel lists (the vault page lists them all). */
export const PANEL_ACCOUNTS = 50;

/** The accounts that replied to the captured post, from the entries the capture collected (the same list as the vault's). */
export function panelAccounts(head: ExtractedContent, entries: readonly ExtractedContent[]): PileOnAccount[] {
  return pileOnAccounts({ platform: head.platform, ...(head.author ? { author: head.author } : {}), content: head }, entries);
}

const nameOf = (a: PileOnAccount) => showName(a.handle ? `@${a.handle}` : (a.displayName ?? a.accountId ?? a.id), { kind: a.handle ? 'handle' : 'name' }).text;

export const PILE_CSS = `
.pile { margin-top: 10px; border-top: 1px solid rgba(255,255,255,.35); padding-top: 8px; }
.pile h2 { font: 600 14px/1.3 system-ui, sans-serif; margin: 0 0 6px; }
.pile ul { list-style: none; margin: 0; padding: 0; max-height: 220px; overflow: auto; }
.pile li { margin: 2px 0; }
.pile label { display: flex; gap: 6px; align-items: baseline; cursor: pointer; font-size: 13px; overflow-wrap: anywhere; }
.pile input:focus-visible { outline: 3px solid #14202e; outline-offset: 1px; box-shadow: 0 0 0 7px #ffbf47; }
.pile .more { font-size: 12px; opacity: .9; }
.pile .actions { display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
.pile button { all: unset; box-sizing: border-box; cursor: pointer; padding: 6px 10px; border-radius: 6px; background: #fff;
  color: #1f3550; font: 600 13px/1.2 system-ui, sans-serif; }
.pile button.quiet { background: transparent; color: #fff; border: 1px solid #fff; }
.pile button:focus-visible { outline: 3px solid #14202e; outline-offset: 1px; box-shadow: 0 0 0 7px #ffbf47; }
.pile .err { margin-top: 6px; font-size: 13px; }
`;

export interface PileOnListHandlers {
  /** The person asked to report: the ticked accounts' ids (author keys) in list order. */
  onOpen(ids: string[], event: Event): void;
  onClose(event: Event): void;
}

let seq = 0;

/** The list section: heading, a tick box per account ("@name — 3 replies"), Report… and Close. */
export function buildPileOnList(doc: Document, accounts: readonly PileOnAccount[], handlers: PileOnListHandlers): { element: HTMLElement; open: HTMLButtonElement; showError(text: string): void } {
  const id = `holdfast-pile-${++seq}`;
  const section = doc.createElement('section');
  section.className = 'pile';
  section.setAttribute('aria-labelledby', `${id}-title`);
  const title = doc.createElement('h2');
  title.id = `${id}-title`;
  title.tabIndex = -1;
  title.textContent = t('pileTitle', accounts.length.toLocaleString());
  const list = doc.createElement('ul');
  const boxes: { box: HTMLInputElement; account: PileOnAccount }[] = [];
  for (const account of accounts.slice(0, PANEL_ACCOUNTS)) {
    const li = doc.createElement('li');
    li.setAttribute('data-count', String(account.count));
    const label = doc.createElement('label');
    const box = doc.createElement('input');
    box.type = 'checkbox';
    const text = doc.createElement('span');
    text.textContent = t('pileAccount', nameOf(account), account.count.toLocaleString());
    label.append(box, text);
    li.append(label);
    list.append(li);
    boxes.push({ box, account });
  }
  section.append(title, list);
  if (accounts.length > PANEL_ACCOUNTS) {
    const more = doc.createElement('p');
    more.className = 'more';
    more.textContent = t('pileMore', (accounts.length - PANEL_ACCOUNTS).toLocaleString());
    section.append(more);
  }
  const actions = doc.createElement('div');
  actions.className = 'actions';
  const open = doc.createElement('button');
  open.type = 'button';
  open.className = 'open';
  open.textContent = t('pileReport');
  open.title = t('pileReportHint');
  open.addEventListener('click', (e) => {
    e.preventDefault();
    handlers.onOpen(
      boxes.filter((b) => b.box.checked).map((b) => b.account.id),
      e,
    );
  });
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'quiet close';
  close.textContent = t('pileClose');
  close.addEventListener('click', (e) => {
    e.preventDefault();
    handlers.onClose(e);
  });
  actions.append(open, close);
  const error = doc.createElement('p');
  error.className = 'err';
  error.setAttribute('role', 'alert');
  section.append(actions, error);
  section.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      handlers.onClose(e);
    }
  });
  return {
    element: section,
    open,
    showError(text) {
      error.textContent = text;
    },
  };
}
