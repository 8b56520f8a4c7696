/** Escape pressed twice within `windowMs` (default 600 ms). Pure: the caller feeds it trusted key presses. */
export const DOUBLE_ESCAPE_MS = 600;

export function doubleEscape(onTrigger: () => void, windowMs = DOUBLE_ESCAPE_MS): (e: { key: string; repeat?: boolean; isTrusted?: boolean; timeStamp?: number }) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return (e) => {
    if (e.key !== 'Escape' || e.repeat || e.isTrusted === false) return false;
    const now = typeof e.timeStamp === 'number' && e.timeStamp > 0 ? e.timeStamp : performance.now();
    if (now - last <= windowMs) {
      last = Number.NEGATIVE_INFINITY;
      onTrigger();
      return true;
    }
    last = now;
    return false;
  };
}
