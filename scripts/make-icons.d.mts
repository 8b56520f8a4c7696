// Types of make-icons.mjs, for its unit test.
export interface IconItem {
  out: string;
  src: string;
  size: number;
  art?: number;
}
export function iconPlan(): IconItem[];
export function renderIcon(item: IconItem): Buffer;
