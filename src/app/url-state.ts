/**
 * Everything the user chose lives in the URL hash: `#/<page>[/<id>]?v=1&year=2022,2023&prov=…&cat=…`.
 * Pure parse/serialize functions (unit-tested) plus a tiny history-backed store: every filter change is a new
 * history entry, so back/forward restore the previous view; typing in a text box replaces the entry instead.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { LEVELS, REPORT_KINDS, type Level, type ReportKind } from '../model/report';
import { NO_FILTERS, type Filters } from '../metrics/filters';
import type { Thresholds } from '../metrics/flags';
import { THRESHOLD_KEY, parseThresholds, thresholdsParam } from './thresholds-url';
import type { Lang } from './i18n/labels';

export const URL_VERSION = '1';

export const PAGES = ['home', 'execution', 'sangong', 'scores', 'problems', 'table', 'report', 'watch', 'league', 'quality', 'import', 'sql', 'embed'] as const;
export type Page = (typeof PAGES)[number] | 'notfound';

export interface Route {
  page: Page;
  /** report id for page 'report'; chart id for page 'embed' (`#/embed/<chart>`) */
  id?: string;
}

/** Page-specific view state (selected category, sort, text filter, visible columns…), string values only. */
export type ViewState = Record<string, string>;

export interface AppState {
  route: Route;
  filters: Filters;
  view: ViewState;
  /** Watch-list thresholds that differ from the defaults (`th=…`, see ./thresholds-url.ts); kept across pages. */
  thresholds: Thresholds;
  /** Interface language (`lang=en`; Chinese when absent). Kept across every link, like the filters. */
  lang: Lang;
}

/** URL keys of the filters, in the order they are written. */
const FILTER_KEYS = { years: 'year', province: 'prov', prefecture: 'pref', county: 'county', level: 'level', sector: 'sector', kind: 'kind' } as const;
/** `data=none`: start without the shipped dataset (see dataModeOf). Never part of a page's view state. */
export const DATA_KEY = 'data';
/** `lang=en`: English interface. */
const LANG_KEY = 'lang';
const RESERVED = new Set<string>(['v', ...Object.values(FILTER_KEYS), THRESHOLD_KEY, DATA_KEY, LANG_KEY]);

export function parseRoute(path: string): Route {
  const parts = path.replace(/^\/+|\/+$/g, '').split('/').filter(Boolean).map(safeDecode);
  if (parts.length === 0) return { page: 'home' };
  const [head, ...rest] = parts;
  if (head === 'report' && rest.length === 1 && rest[0]) return { page: 'report', id: rest[0] };
  if (head === 'embed' && rest.length === 1 && rest[0]) return { page: 'embed', id: rest[0] };
  if ((PAGES as readonly string[]).includes(head!) && head !== 'report' && head !== 'embed' && head !== 'home' && rest.length === 0) {
    return { page: head as Page };
  }
  return { page: 'notfound' };
}

export function routePath(r: Route): string {
  if (r.page === 'home' || r.page === 'notfound') return '/';
  if (r.page === 'report') return `/report/${encodeURIComponent(r.id ?? '')}`;
  if (r.page === 'embed') return `/embed/${encodeURIComponent(r.id ?? '')}`;
  return `/${r.page}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseFilters(q: URLSearchParams): Filters {
  const years = (q.get(FILTER_KEYS.years) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d{4}$/.test(s))
    .map(Number);
  const str = (k: string) => {
    const v = q.get(k);
    return v && v.trim() ? v.trim() : null;
  };
  const level = str(FILTER_KEYS.level);
  const kind = str(FILTER_KEYS.kind);
  const f: Filters = {
    years: [...new Set(years)].sort((a, b) => a - b),
    province: str(FILTER_KEYS.province),
    prefecture: str(FILTER_KEYS.prefecture),
    county: str(FILTER_KEYS.county),
    level: level && (LEVELS as readonly string[]).includes(level) ? (level as Level) : null,
    sector: str(FILTER_KEYS.sector),
    kind: kind && (REPORT_KINDS as readonly string[]).includes(kind) ? (kind as ReportKind) : null,
  };
  // A prefecture without its province (or a county without its prefecture) cannot be shown in the cascade: keep it
  // anyway, the SQL filter is still exact.
  return f;
}

export function parseHash(hash: string): AppState {
  const h = hash.replace(/^#/, '');
  const qi = h.indexOf('?');
  const path = qi < 0 ? h : h.slice(0, qi);
  const q = new URLSearchParams(qi < 0 ? '' : h.slice(qi + 1));
  const view: ViewState = {};
  q.forEach((value, key) => {
    if (!RESERVED.has(key) && value !== '') view[key] = value;
  });
  return {
    route: parseRoute(path || '/'),
    filters: parseFilters(q),
    view,
    thresholds: parseThresholds(q.get(THRESHOLD_KEY)),
    lang: q.get(LANG_KEY) === 'en' ? 'en' : 'zh',
  };
}

export function filtersToParams(f: Filters, q = new URLSearchParams()): URLSearchParams {
  if (f.years.length) q.set(FILTER_KEYS.years, [...f.years].sort((a, b) => a - b).join(','));
  for (const k of ['province', 'prefecture', 'county', 'level', 'sector', 'kind'] as const) {
    const v = f[k];
    if (v) q.set(FILTER_KEYS[k], v);
  }
  return q;
}

/**
 * Canonical hash for a state: `#/<path>?v=1[&lang=en]&<filters>&<view keys sorted>`. Without an explicit `lang` the
 * language of the current address is kept (so every existing link stays in the chosen language).
 */
export function toHash(s: { route: Route; filters?: Filters; view?: ViewState; thresholds?: Thresholds; lang?: Lang }): string {
  const q = new URLSearchParams();
  q.set('v', URL_VERSION);
  if ((s.lang ?? currentLang()) === 'en') q.set(LANG_KEY, 'en');
  filtersToParams(s.filters ?? NO_FILTERS, q);
  const th = thresholdsParam(s.thresholds ?? {});
  if (th) q.set(THRESHOLD_KEY, th);
  for (const k of Object.keys(s.view ?? {}).sort()) {
    const v = s.view![k];
    if (v !== undefined && v !== '' && !RESERVED.has(k)) q.set(k, v);
  }
  return `#${routePath(s.route)}?${q.toString()}`;
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return toHash({ route: { page: 'home' }, filters: a }) === toHash({ route: { page: 'home' }, filters: b });
}

export function hasFilters(f: Filters): boolean {
  return !sameFilters(f, NO_FILTERS);
}

/** Changing a level of the cascade clears the levels below it. */
export function cascade(prev: Filters, patch: Partial<Filters>): Filters {
  const next = { ...prev, ...patch };
  if ('province' in patch && patch.province !== prev.province) {
    if (!('prefecture' in patch)) next.prefecture = null;
    if (!('county' in patch)) next.county = null;
  }
  if ('prefecture' in patch && patch.prefecture !== prev.prefecture && !('county' in patch)) next.county = null;
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// Browser store

const listeners = new Set<() => void>();
function notify() {
  for (const l of listeners) l();
}
function subscribe(l: () => void) {
  listeners.add(l);
  window.addEventListener('hashchange', notify);
  window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(l);
    if (!listeners.size) {
      window.removeEventListener('hashchange', notify);
      window.removeEventListener('popstate', notify);
    }
  };
}
const snapshot = () => window.location.hash;

/** The current state, re-rendering on every navigation (links, back/forward, programmatic). */
export function useAppState(): AppState {
  const hash = useSyncExternalStore(subscribe, snapshot, () => '');
  return useMemo(() => parseHash(hash), [hash]);
}

export function currentState(): AppState {
  return parseHash(window.location.hash);
}

/** Language of the current address ('zh' outside a browser). */
export function currentLang(): Lang {
  if (typeof window === 'undefined' || !window.location) return 'zh';
  return /[?&]lang=en(?:&|$)/.test(window.location.hash) ? 'en' : 'zh';
}

/** Goes to a hash; `replace` rewrites the current history entry (text boxes, normalisation). */
export function navigate(hash: string, opts: { replace?: boolean } = {}): void {
  if (hash === window.location.hash) return;
  if (opts.replace) window.history.replaceState(window.history.state, '', hash);
  else window.history.pushState(null, '', hash);
  notify();
}

export function setFilters(patch: Partial<Filters>): void {
  const s = currentState();
  navigate(toHash({ ...s, filters: cascade(s.filters, patch) }));
}

export function resetFilters(): void {
  const s = currentState();
  navigate(toHash({ ...s, filters: NO_FILTERS }));
}

/** Sets view keys (empty string / null removes a key). */
export function setView(patch: Record<string, string | null | undefined>, opts: { replace?: boolean } = {}): void {
  const s = currentState();
  const view = { ...s.view };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') delete view[k];
    else view[k] = v;
  }
  navigate(toHash({ ...s, view }), opts);
}

/** Link to a page keeping the current filters (and no page-specific view state unless given). */
export function hrefTo(route: Route, filters: Filters, view: ViewState = {}, thresholds: Thresholds = {}): string {
  return toHash({ route, filters, view, thresholds });
}

/** Replaces the watch-list thresholds (overrides of the defaults; {} resets them all). A new history entry. */
export function setThresholds(thresholds: Thresholds): void {
  const s = currentState();
  navigate(toHash({ ...s, thresholds }));
}

// ---------------------------------------------------------------------------------------------------------------
// Data mode (import feature): `data=none` skips the shipped dataset. Read from the page's query string
// (`index.html?data=none#/import`, which survives hash navigation and reloads) or from the hash's query
// (`#/import?data=none`, which the shell moves to the query string at boot, see keepDataModeInSearch).

export type DataMode = 'shipped' | 'none';

export function dataModeOf(search: string, hash: string): DataMode {
  const fromSearch = new URLSearchParams(search.replace(/^\?/, '')).get(DATA_KEY);
  const h = hash.replace(/^#/, '');
  const qi = h.indexOf('?');
  const fromHash = qi < 0 ? null : new URLSearchParams(h.slice(qi + 1)).get(DATA_KEY);
  return (fromSearch ?? fromHash) === 'none' ? 'none' : 'shipped';
}

/** The query string for a data mode, keeping other search params: ('', 'none') → '?data=none'. */
export function searchWithDataMode(search: string, mode: DataMode): string {
  const q = new URLSearchParams(search.replace(/^\?/, ''));
  if (mode === 'none') q.set(DATA_KEY, 'none');
  else q.delete(DATA_KEY);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Moves `data=none` from the hash to the query string (no reload, no history entry), so it outlives navigation. */
export function keepDataModeInSearch(): DataMode {
  const mode = dataModeOf(window.location.search, window.location.hash);
  const search = searchWithDataMode(window.location.search, mode);
  if (search !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
  return mode;
}
