/** ECharts, code-split (kept out of the first-view bundle) and preloadable: see ../lazy.ts. */
import { preloadable } from '../lazy';

export const { Component: LazyEChart, preload: preloadEChart } = preloadable(() => import('./EChart'));
