/** The live home page, code-split (its first view is HomePreview) and preloadable: see ../lazy.ts. */
import { preloadable } from '../lazy';

export const { Component: HomeRoute, preload: preloadHome } = preloadable(() => import('./Home'));
