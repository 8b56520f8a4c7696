/** Tests only: mounting a case page over a vault the way the vault page does, and driving it like a person. */
import { type ComponentType, render } from 'preact';
import { act } from 'preact/test-utils';
import type { Vault } from '../../vault/api';
import { type CasePageProps, useCaseData } from '../vault/useCaseData';

export function mountPage(Page: ComponentType<CasePageProps>, vault: Vault, route: string[] = []) {
  const root = document.createElement('div');
  document.body.append(root);
  const Harness = ({ r }: { r: string[] }) => {
    const data = useCaseData(vault, 60_000);
    return <Page vault={vault} data={data} route={r} />;
  };
  render(<Harness r={route} />, root);
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel);
  const $$ = <T extends HTMLElement = HTMLElement>(sel: string) => [...root.querySelectorAll<T>(sel)];
  return {
    root,
    $,
    $$,
    async route(r: string[]) {
      await act(async () => render(<Harness r={r} />, root));
    },
    unmount() {
      render(null, root);
      root.remove();
    },
  };
}

export async function waitFor<T>(check: () => T | undefined | null | false, timeout = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error('waitFor timed out');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

export async function typeInto(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(el: HTMLSelectElement, value: string) {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
}

export async function submit(form: HTMLFormElement) {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}
