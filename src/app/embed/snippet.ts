/**
 * Embed codes (pure, unit-tested): the embed address of a chart under the current filters and language, the
 * <iframe> snippet for a width choice, and the host-page script that sizes iframes from the height messages the
 * embed posts (`{ type: 'perfatlas:height', chart, height }`).
 */
import type { Filters } from '../../metrics/filters';
import type { Thresholds } from '../../metrics/flags';
import type { Lang } from '../i18n/labels';
import { toHash, type ViewState } from '../url-state';

export const HEIGHT_MESSAGE = 'perfatlas:height';

export type EmbedWidth = 'responsive' | '640' | '480';
export const EMBED_WIDTHS: EmbedWidth[] = ['responsive', '640', '480'];
export type EmbedTheme = 'light' | 'dark';

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  chart: string;
  height: number;
}

export function isHeightMessage(d: unknown): d is HeightMessage {
  const m = d as Partial<HeightMessage> | null;
  return !!m && m.type === HEIGHT_MESSAGE && typeof m.height === 'number' && Number.isFinite(m.height) && typeof m.chart === 'string';
}

/**
 * `https://host/path/#/embed/<chart>?v=1&lang=en&<filters>&th=<thresholds>&theme=dark`. `base` is the app's address
 * without the hash (origin + path + search). Light theme is the default and is left out; so are thresholds at their
 * defaults (`th=` lists only the rules whose threshold differs, see src/app/thresholds-url.ts) — pass `thresholds`
 * only for charts that depend on them.
 */
export function embedUrl(
  base: string,
  chart: string,
  s: { filters: Filters; lang: Lang; theme?: EmbedTheme; view?: ViewState; thresholds?: Thresholds },
): string {
  const view: ViewState = { ...(s.view ?? {}) };
  if (s.theme === 'dark') view.theme = 'dark';
  return `${base.replace(/#.*$/, '')}${toHash({ route: { page: 'embed', id: chart }, filters: s.filters, view, thresholds: s.thresholds, lang: s.lang })}`;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `<iframe src=… title=… style="width:100%;height:420px;border:0" …></iframe>`. */
export function iframeSnippet(o: { url: string; title: string; chart: string; width: EmbedWidth; height: number }): string {
  const w = o.width === 'responsive' ? 'width:100%' : `width:${o.width}px;max-width:100%`;
  return `<iframe src="${attr(o.url)}" title="${attr(o.title)}" data-perfatlas-chart="${attr(o.chart)}" style="${w};height:${Math.round(o.height)}px;border:0" loading="lazy"></iframe>`;
}

/** The host-page listener: accepts height messages from `origin` only and sizes the iframe that sent them. */
export function listenerScript(origin: string): string {
  return [
    '<script>',
    '/* PerfAtlas 绩效图谱：iframe 自动高度 / auto-height for embedded charts */',
    "window.addEventListener('message', function (e) {",
    `  if (e.origin !== ${JSON.stringify(origin)} || !e.data || e.data.type !== '${HEIGHT_MESSAGE}') return;`,
    "  var frames = document.getElementsByTagName('iframe');",
    '  for (var i = 0; i < frames.length; i++) {',
    "    if (frames[i].contentWindow === e.source) frames[i].style.height = Math.ceil(e.data.height) + 'px';",
    '  }',
    '});',
    '</script>',
  ].join('\n');
}
