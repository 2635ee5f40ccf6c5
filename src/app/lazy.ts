/**
 * Code-split components that can be downloaded ahead of use.
 *
 *   preloadable(factory) → { Component, preload }
 *
 * `Component` renders like React.lazy(factory) — but once `preload()` (or a first render) has loaded the module it
 * renders the real component directly, without suspending. That matters: React throttles revealing content after a
 * Suspense fallback (≈ 300 ms), so a lazy component whose code is already there would still show its fallback that
 * long. The first view (./components/HomePreview.tsx) preloads the live home page and ECharts this way.
 */
import { createElement, lazy, type ComponentType } from 'react';

export function preloadable<P extends object>(factory: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (pending ??= factory().then((m) => {
      loaded = m.default;
      return m;
    }));
  const Lazy = lazy(preload);
  function Component(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy as unknown as ComponentType<P>, props);
  }
  return { Component, preload };
}
