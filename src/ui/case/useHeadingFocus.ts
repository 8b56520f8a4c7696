/** Moves focus to a page's heading when the page opens or its route changes (screen readers then read where they are). */
import { useEffect, useRef } from 'preact/hooks';

export function useHeadingFocus<T extends HTMLElement>(routeKey: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, [routeKey]);
  return ref;
}
