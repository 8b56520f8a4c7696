/**
 * The small dialog before a whole-conversation or profile-with-posts capture (issue #4): "everything" (the default),
 * "back to <date>", and for a profile "the latest N posts". Modal (a backdrop covers the site), keyboard first:
 * focus starts on the chosen option, arrow keys change it, Tab stays inside the dialog, Enter starts, Escape cancels,
 * and focus goes back to the control that opened it. Every text goes through browser.i18n.
 *
 * Like every Holdfast element in a site's page it lives in closed shadow roots (site CSS cannot restyle it, site
 * scripts cannot read it) and stops its events from reaching the site. For automation each part is its own host with
 * a data-testid (see docs/testing.md): the dialog `holdfast-bound-dialog` (data-choice, data-date, data-count reflect
 * the form: no page content), the options `holdfast-bound-choice` (a radio group: focus it, use the arrow keys), the
 * fields `holdfast-bound-date` and `holdfast-bound-count` (focus and type; typing in one selects its option), and the
 * buttons `holdfast-bound-start` and `holdfast-bound-cancel` (click their centre).
 */
import { t } from '../../i18n/t';
import type { CaptureBound } from '../../messaging/protocol';
import { createModal } from '../content/modal';
import { boundOfChoice, MAX_LATEST } from './bounds';

export type BoundChoice = 'all' | 'since' | 'latest';

const DIALOG_CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; background: rgba(15,20,25,.45); z-index: 2147483003; display: grid; place-items: center; }
.box { box-sizing: border-box; width: min(420px, calc(100vw - 32px)); background: #fff; color: #0f1419; border-radius: 12px;
  padding: 18px 20px; font: 15px/1.45 system-ui, sans-serif; box-shadow: 0 8px 32px rgba(0,0,0,.35); }
h2 { font-size: 17px; margin: 0 0 6px; }
p { margin: 0 0 12px; color: #404a54; font-size: 13px; }
.error { color: #8a1c1c; font-size: 13px; min-height: 1em; margin: 8px 0 0; }
.buttons { display: flex; gap: 10px; justify-content: flex-end; margin-top: 14px; }
`;
const PART_CSS = `
:host { all: initial; display: block; font: 15px/1.45 system-ui, sans-serif; color: #0f1419; }
fieldset { border: 0; margin: 0; padding: 0; }
legend { font-weight: 600; margin-bottom: 6px; padding: 0; }
label { display: flex; gap: 8px; align-items: center; padding: 4px 0; cursor: pointer; }
label.field { flex-direction: column; align-items: stretch; gap: 2px; padding: 4px 0 4px 26px; font-size: 13px; color: #404a54; }
input[type=date], input[type=number] { font: inherit; color: #0f1419; padding: 6px 8px; border: 1px solid #8b98a5; border-radius: 6px; max-width: 220px; }
input[aria-invalid=true] { border-color: #8a1c1c; outline: 2px solid #8a1c1c; }
input:focus-visible { outline: 3px solid #14202e; outline-offset: 1px; box-shadow: 0 0 0 7px #ffbf47; }
button { all: unset; box-sizing: border-box; cursor: pointer; padding: 8px 16px; border-radius: 999px; font: 600 14px/1.2 system-ui, sans-serif; }
button.primary { background: #1f3550; color: #fff; }
button.secondary { background: #eff3f4; color: #0f1419; }
button:focus-visible { outline: 3px solid #14202e; outline-offset: 2px; box-shadow: 0 0 0 8px #ffbf47; }
`;


function part(tag: string, testid: string, slot: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  host.setAttribute('data-testid', testid);
  host.slot = slot;
  const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const style = document.createElement('style');
  style.textContent = PART_CSS;
  root.append(style);
  return { host, root };
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface BoundDialogOptions {
  /** 'dm-thread': everything or back to a date; 'profile': also the latest N posts. */
  kind: 'dm-thread' | 'profile';
  /** The dialog's title (the control's own label). */
  title: string;
  /** Where focus goes when the dialog closes (the control that opened it). */
  returnFocus?: HTMLElement | null;
}

/** Opens the dialog; resolves with the chosen bound, or null when the person cancels. One at a time per page. */
export function chooseBound(opts: BoundDialogOptions): Promise<CaptureBound | null> {
  return new Promise((resolve) => {
    const error = document.createElement('div');
    error.className = 'error';
    error.setAttribute('role', 'alert');
    const modal = createModal({
      tag: 'holdfast-bound-dialog',
      title: opts.title,
      note: t('boundNote'),
      css: DIALOG_CSS,
      body: (slot) => {
        const buttons = document.createElement('div');
        buttons.className = 'buttons';
        buttons.append(slot('cancel'), slot('start'));
        return [slot('choice'), slot('date'), slot('count'), error, buttons];
      },
      order: () => [choicePart.host, datePart.host, ...(countPart ? [countPart.host] : []), cancel.host, start.host],
      focusHome: () => radios.get(choice),
      onEscape: () => close(null),
      // Enter starts (except on the buttons: their own click).
      onKey: (e) => {
        if (e.key !== 'Enter') return;
        const active = document.activeElement;
        if (active === cancel.host || active === start.host) return;
        e.preventDefault();
        submit();
      },
      returnFocus: opts.returnFocus ?? null,
    });
    const host = modal.host;

    // ---- the options (one radio group, so arrow keys move between them natively)
    const choicePart = part('holdfast-bound-choice', 'holdfast-bound-choice', 'choice');
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = opts.kind === 'profile' ? t('boundLegendProfile') : t('boundLegendDm');
    fieldset.append(legend);
    const radios = new Map<BoundChoice, HTMLInputElement>();
    const options: [BoundChoice, string][] = [
      ['all', opts.kind === 'profile' ? t('boundAllProfile') : t('boundAllDm')],
      ['since', t('boundSince')],
      ...(opts.kind === 'profile' ? ([['latest', t('boundLatest')]] as [BoundChoice, string][]) : []),
    ];
    for (const [value, text] of options) {
      const label = document.createElement('label');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'bound';
      radio.value = value;
      radio.checked = value === 'all';
      radio.addEventListener('change', () => setChoice(value));
      label.append(radio, document.createTextNode(text));
      fieldset.append(label);
      radios.set(value, radio);
    }
    choicePart.root.append(fieldset);

    // ---- the fields (typing in one selects its option)
    const datePart = part('holdfast-bound-date', 'holdfast-bound-date', 'date');
    const dateLabel = document.createElement('label');
    dateLabel.className = 'field';
    const date = document.createElement('input');
    date.type = 'date';
    date.max = today();
    date.min = '2006-01-01';
    dateLabel.append(document.createTextNode(t('boundDate')), date);
    datePart.root.append(dateLabel);
    for (const type of ['input', 'pointerdown']) date.addEventListener(type, () => setChoice('since'));
    date.addEventListener('input', () => host.setAttribute('data-date', date.value));

    let count: HTMLInputElement | null = null;
    let countPart: { host: HTMLElement; root: ShadowRoot } | null = null;
    if (opts.kind === 'profile') {
      countPart = part('holdfast-bound-count', 'holdfast-bound-count', 'count');
      const countLabel = document.createElement('label');
      countLabel.className = 'field';
      count = document.createElement('input');
      count.type = 'number';
      count.min = '1';
      count.max = String(MAX_LATEST);
      count.step = '1';
      count.value = '100';
      count.inputMode = 'numeric';
      countLabel.append(document.createTextNode(t('boundCount')), count);
      countPart.root.append(countLabel);
      const c = count;
      for (const type of ['input', 'pointerdown']) c.addEventListener(type, () => setChoice('latest'));
      c.addEventListener('input', () => host.setAttribute('data-count', c.value));
      host.setAttribute('data-count', c.value);
    }

    // ---- the buttons
    const button = (testid: string, slotName: string, text: string, cls: string, onClick: () => void) => {
      const p = part(`holdfast-${slotName === 'start' ? 'bound-start' : 'bound-cancel'}`, testid, slotName);
      const b = document.createElement('button');
      b.type = 'button';
      b.className = cls;
      b.textContent = text;
      b.addEventListener('click', (e) => {
        if (!e.isTrusted) return; // a page's script cannot start (or cancel) the capture
        e.preventDefault();
        onClick();
      });
      p.root.append(b);
      return { host: p.host, button: b };
    };
    const start = button('holdfast-bound-start', 'start', t('boundStart'), 'primary', () => submit());
    const cancel = button('holdfast-bound-cancel', 'cancel', t('boundCancel'), 'secondary', () => close(null));


    let choice: BoundChoice = 'all';
    function setChoice(value: BoundChoice): void {
      choice = value;
      const r = radios.get(value);
      if (r && !r.checked) r.checked = true;
      host.setAttribute('data-choice', value);
      setError(null);
    }
    function setError(field: 'date' | 'count' | null): void {
      date.removeAttribute('aria-invalid');
      count?.removeAttribute('aria-invalid');
      if (!field) {
        error.textContent = '';
        return;
      }
      error.textContent = field === 'date' ? t('boundErrDate') : t('boundErrCount', MAX_LATEST.toLocaleString());
      const input = field === 'date' ? date : count;
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
    }
    function submit(): void {
      const res = boundOfChoice(choice, date.value, count?.value ?? '');
      if ('error' in res) {
        setError(res.error);
        return;
      }
      close(res.bound);
    }
    function close(result: CaptureBound | null): void {
      if (modal.close(result ? 'started' : 'cancelled')) resolve(result);
    }

    host.setAttribute('data-choice', 'all');
    modal.open([choicePart.host, datePart.host, ...(countPart ? [countPart.host] : []), cancel.host, start.host], radios.get('all'));
  });
}
