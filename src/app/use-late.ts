/**
 * Late answers, for dimming what they will replace. A part of the page whose new answer is late (loading for more
 * than STALE_AFTER_MS) gets the `stale` class until it arrives; a fast answer (most filter changes) just replaces
 * it. Dimming at every change animated the opacity of every card for the length of the change — frames for the
 * compositor (≈ 20 ms of its CPU per change, on the two cores the page's own work needs) and a flicker that said
 * nothing the new answer a moment later did not. A slow one (a year's partition being fetched) still shows it.
 */
import { useEffect, useState } from 'react';

export const STALE_AFTER_MS = 300;

/** `on`, but only once it has stayed on for `ms`; off at once. */
export function useLate(on: boolean, ms = STALE_AFTER_MS): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!on) {
      setLate(false);
      return;
    }
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [on, ms]);
  return on && late;
}

/** The class names for a part that dims while its answer is late. */
export function staleClass(base: string, late: boolean): string {
  return late ? `${base} stale` : base;
}
