/**
 * Tools on every chart card: "导出" (PNG at 2×, SVG with a title, CSV and JSON of the rows behind the chart) and
 * "嵌入" (an accessible modal with the iframe code for the current filters and language — and the watch-list thresholds
 * for charts that depend on them — width and colour choices, the auto-height script and a live preview). The rows and columns come from the chart registry (src/app/embed/registry.ts)
 * or, for charts not registered yet, from the rows' own keys.
 */
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import type { Filters } from '../../metrics/filters';
import type { Lang } from '../i18n/labels';
import { t } from '../i18n/messages';
import { filterParts } from '../format';
import { datasetName, useDatasetInfo } from '../dataset-info';
import {
  chartSpec,
  columnHeader,
  columnLabel,
  embedView,
  exportValue,
  inferColumns,
  type Cell,
  type ChartSpec,
  type ColumnType,
} from '../embed/registry';
import {
  EMBED_WIDTHS,
  embedUrl,
  iframeSnippet,
  isHeightMessage,
  listenerScript,
  type EmbedTheme,
  type EmbedWidth,
} from '../embed/snippet';
import {
  downloadBlob,
  exportFileName,
  rowsToCsv,
  rowsToJson,
  serializeChartSvg,
  svgToPng,
  wrapSvg,
  wrappedSize,
} from '../export/chart-export';
import { adjustedThresholdTexts } from '../thresholds-url';
import { toHash, useAppState, type Page, type ViewState } from '../url-state';

// ---------------------------------------------------------------------------------------------------------------
// Rows and columns behind a chart

export interface ChartTableColumn {
  key: string;
  /** Header in the data table. */
  header: string;
  /** Header in CSV / JSON (with the unit). */
  csvHeader: string;
  type: ColumnType;
}

export interface ChartTableData {
  columns: ChartTableColumn[];
  /** One record per row: column key → raw cell (labels in the chosen language). */
  records: Record<string, Cell>[];
  /** The rows as queried. */
  raw: unknown[];
}

/** The data table / export rows for a card's query data (an array of rows). */
export function chartTableData(data: unknown, spec: ChartSpec<any> | undefined, lang: Lang): ChartTableData {
  // An array of rows, or an object carrying them as `rows` (e.g. the home page's lowest-execution query).
  const nested = data && typeof data === 'object' ? (data as { rows?: unknown }).rows : undefined;
  const raw = Array.isArray(data) ? (data as unknown[]) : Array.isArray(nested) ? (nested as unknown[]) : [];
  if (spec) {
    return {
      columns: spec.columns.map((c) => ({ key: c.key, header: columnLabel(c, lang), csvHeader: columnHeader(c, lang), type: c.type })),
      records: raw.map((r) => Object.fromEntries(spec.columns.map((c) => [c.key, c.get(r, lang)]))),
      raw,
    };
  }
  const cols = inferColumns(raw);
  return {
    columns: cols.map((c) => ({ key: c.key, header: c.header, csvHeader: c.header, type: c.type })),
    records: raw.map((r) => Object.fromEntries(cols.map((c) => [c.key, c.get(r as Record<string, unknown>)]))),
    raw,
  };
}

/** Absolute address of the app without its hash. */
function appBase(): string {
  return `${window.location.origin}${window.location.pathname}${window.location.search}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Export menu

export function ExportMenu({
  chart,
  title,
  lang,
  filters,
  page,
  table,
  cardRef,
  drawn,
  theme = 'light',
}: {
  chart: string;
  title: string;
  lang: Lang;
  filters: Filters;
  page: Page;
  table: ChartTableData;
  cardRef: RefObject<HTMLElement | null>;
  /** A chart is drawn (not an empty state): PNG and SVG are possible. */
  drawn: boolean;
  theme?: EmbedTheme;
}) {
  const info = useDatasetInfo();
  // Charts drawn under the watch-list thresholds: the address in the JSON export carries them.
  const { thresholds } = useAppState();
  const menu = useRef<HTMLDetailsElement>(null);
  const [status, setStatus] = useState('');
  const meta = () => {
    const parts = filterParts(filters, lang);
    return {
      chart,
      title,
      lang,
      filters: parts.length ? t(lang, 'export.filters', { filters: parts.join(t(lang, 'filters.sep')) }) : '',
      source: t(lang, 'export.source', { dataset: datasetName(info) }),
      url: `${appBase()}${toHash({ route: { page }, filters, lang, thresholds: chartSpec(chart)?.thresholds ? thresholds : {} })}`,
    };
  };
  const close = () => {
    if (menu.current) menu.current.open = false;
    menu.current?.querySelector('summary')?.focus();
  };
  const svgDoc = () => {
    const svg = cardRef.current?.querySelector<SVGSVGElement>('.echart svg');
    if (!svg) throw new Error(t(lang, 'common.noData'));
    const { markup, width, height } = serializeChartSvg(svg);
    const m = meta();
    return { text: wrapSvg(markup, { width, height, title: m.title, source: m.source, filters: m.filters, dark: theme === 'dark' }), ...wrappedSize(width, height) };
  };
  const run = async (kind: 'png' | 'svg' | 'csv' | 'json') => {
    setStatus(t(lang, 'tools.exporting'));
    try {
      if (kind === 'svg') {
        downloadBlob(exportFileName(chart, 'svg'), new Blob([svgDoc().text], { type: 'image/svg+xml;charset=utf-8' }));
      } else if (kind === 'png') {
        const d = svgDoc();
        downloadBlob(exportFileName(chart, 'png'), await svgToPng(d.text, d.width, d.height, 2));
      } else {
        const cols = table.columns.map((c) => ({ key: c.key, header: c.csvHeader }));
        const rows = table.records.map((r) => Object.fromEntries(table.columns.map((c) => [c.key, exportValue(c, r[c.key] ?? null)])));
        if (kind === 'csv') downloadBlob(exportFileName(chart, 'csv'), new Blob([rowsToCsv(cols, rows)], { type: 'text/csv;charset=utf-8' }));
        else downloadBlob(exportFileName(chart, 'json'), new Blob([rowsToJson(meta(), cols, rows, table.raw)], { type: 'application/json;charset=utf-8' }));
      }
      setStatus('');
    } catch (e) {
      setStatus(t(lang, 'tools.exportFailed', { msg: e instanceof Error ? e.message : String(e) }));
    }
    close();
  };
  return (
    <details
      className="menu export-menu"
      ref={menu}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && menu.current?.open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <summary className="tool-btn" aria-label={t(lang, 'tools.exportMenu', { title })}>
        {t(lang, 'tools.export')}
      </summary>
      <div className="menu-list" role="group" aria-label={t(lang, 'tools.exportMenu', { title })}>
        <button type="button" data-export="png" disabled={!drawn} onClick={() => void run('png')}>
          {t(lang, 'tools.png')}
        </button>
        <button type="button" data-export="svg" disabled={!drawn} onClick={() => void run('svg')}>
          {t(lang, 'tools.svg')}
        </button>
        <button type="button" data-export="csv" onClick={() => void run('csv')}>
          {t(lang, 'tools.csv')}
        </button>
        <button type="button" data-export="json" onClick={() => void run('json')}>
          {t(lang, 'tools.json')}
        </button>
      </div>
      <span className="sr-status" role="status" aria-live="polite">
        {status}
      </span>
    </details>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Embed dialog

export function EmbedButton({ chart, title, lang, filters, view }: { chart: string; title: string; lang: Lang; filters: Filters; view: ViewState }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        type="button"
        className="tool-btn"
        ref={trigger}
        aria-haspopup="dialog"
        aria-label={`${t(lang, 'tools.embed')}${t(lang, 'common.colon')}${title}`}
        onClick={() => setOpen(true)}
      >
        {t(lang, 'tools.embed')}
      </button>
      {open ? (
        <EmbedDialog
          chart={chart}
          title={title}
          lang={lang}
          filters={filters}
          view={view}
          onClose={() => {
            setOpen(false);
            // Focus goes back to the button that opened the dialog.
            requestAnimationFrame(() => trigger.current?.focus());
          }}
        />
      ) : null}
    </>
  );
}

function EmbedDialog({
  chart,
  title,
  lang,
  filters,
  view,
  onClose,
}: {
  chart: string;
  title: string;
  lang: Lang;
  filters: Filters;
  view: ViewState;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const id = useId();
  const [width, setWidth] = useState<EmbedWidth>('responsive');
  const [theme, setTheme] = useState<EmbedTheme>('light');
  const spec = chartSpec(chart);
  // The watch-list thresholds of the page (`th=`, overrides of the defaults): an embed of a chart that depends on
  // them shows the same flags as the page.
  const { thresholds } = useAppState();
  const th = spec?.thresholds ? thresholds : undefined;
  const initialHeight = (spec?.height ?? 340) + 110;
  const [previewHeight, setPreviewHeight] = useState(initialHeight);
  const [copied, setCopied] = useState('');
  const url = useMemo(
    () => embedUrl(appBase(), chart, { filters, lang, theme, view: embedView(chart, view), thresholds: th }),
    [chart, filters, lang, theme, view, th],
  );
  const frameTitle = t(lang, 'embed.frameTitle', { title });
  const code = iframeSnippet({ url, title: frameTitle, chart, width, height: initialHeight });
  const script = listenerScript(window.location.origin);

  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  // Modal: showModal() makes the rest of the page inert (focus stays in the dialog); Esc fires `cancel`.
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    // Start on the first control (not the focus-trap sentinel).
    d.querySelector<HTMLElement>('.dialog-head button')?.focus();
    const cancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    d.addEventListener('cancel', cancel);
    return () => {
      d.removeEventListener('cancel', cancel);
      if (d.open) d.close();
    };
  }, []);

  // The preview sizes itself from the height the embed posts, like a host page would.
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== frame.current?.contentWindow || !isHeightMessage(e.data)) return;
      setPreviewHeight(Math.ceil(e.data.height));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  const copy = async (text: string, which: string, area: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${which}${t(lang, 'common.colon')}${t(lang, 'common.copied')}`);
    } catch {
      const el = document.getElementById(area) as HTMLTextAreaElement | null;
      el?.select();
      setCopied(t(lang, 'common.copyFailed'));
    }
  };

  // Focus trap that also covers the preview iframe (keys pressed inside it never reach this document): focus that
  // runs off either end lands on a sentinel and is sent to the other end.
  const focusables = () =>
    [...(ref.current?.querySelectorAll<HTMLElement>('button, [href], input, textarea, select, iframe, [tabindex]:not([tabindex="-1"])') ?? [])].filter(
      (el) => !el.classList.contains('focus-sentinel') && !(el as HTMLButtonElement).disabled,
    );
  const toFirst = () => focusables()[0]?.focus();
  const toLast = () => focusables().at(-1)?.focus();

  return (
    <dialog ref={ref} className="embed-dialog" aria-labelledby={`${id}-h`} aria-describedby={`${id}-intro`}>
      <span className="focus-sentinel" tabIndex={0} onFocus={toLast} />
      <div className="dialog-head">
        <h2 id={`${id}-h`}>{t(lang, 'embed.title', { title })}</h2>
        <button type="button" className="tool-btn" onClick={onClose}>
          {t(lang, 'common.close')}
        </button>
      </div>
      <p id={`${id}-intro`} className="muted">
        {t(lang, 'embed.intro')}
        {th && adjustedThresholdTexts(th, lang).length
          ? ` ${t(lang, 'embed.thresholdsIncluded', { list: adjustedThresholdTexts(th, lang).join(t(lang, 'filters.sep')) })}`
          : ''}
      </p>
      <div className="embed-options">
        <fieldset>
          <legend>{t(lang, 'embed.width')}</legend>
          {EMBED_WIDTHS.map((w) => (
            <label key={w}>
              <input type="radio" name={`${id}-width`} value={w} checked={width === w} onChange={() => setWidth(w)} />
              {w === 'responsive' ? t(lang, 'embed.width.responsive') : t(lang, 'embed.width.px', { n: w })}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'embed.theme')}</legend>
          {(['light', 'dark'] as const).map((th) => (
            <label key={th}>
              <input type="radio" name={`${id}-theme`} value={th} checked={theme === th} onChange={() => setTheme(th)} />
              {t(lang, th === 'light' ? 'embed.theme.light' : 'embed.theme.dark')}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="embed-code">
        <label htmlFor={`${id}-code`}>{t(lang, 'embed.code')}</label>
        <textarea id={`${id}-code`} readOnly rows={4} value={code} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="tool-btn" onClick={() => void copy(code, t(lang, 'embed.code'), `${id}-code`)}>
          {t(lang, 'common.copy')}
        </button>
      </div>
      <div className="embed-code">
        <label htmlFor={`${id}-script`}>{t(lang, 'embed.script')}</label>
        <p className="muted small">{t(lang, 'embed.scriptHelp')}</p>
        <textarea id={`${id}-script`} readOnly rows={6} value={script} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="tool-btn" onClick={() => void copy(script, t(lang, 'embed.script'), `${id}-script`)}>
          {t(lang, 'common.copy')}
        </button>
      </div>
      <p className="small">
        {t(lang, 'embed.url')}
        {t(lang, 'common.colon')}
        <a href={url} target="_blank" rel="noopener noreferrer" className="embed-url">
          {url}
        </a>
      </p>
      <p className="sr-status" role="status" aria-live="polite">
        {copied}
      </p>
      <h3 className="embed-preview-h">{t(lang, 'embed.preview')}</h3>
      <div className={`embed-preview${theme === 'dark' ? ' dark' : ''}`}>
        <iframe
          ref={frame}
          src={url}
          title={frameTitle}
          data-perfatlas-chart={chart}
          style={{ width: width === 'responsive' ? '100%' : `${width}px`, maxWidth: '100%', height: previewHeight, border: 0 }}
        />
      </div>
      <span className="focus-sentinel" tabIndex={0} onFocus={toFirst} />
    </dialog>
  );
}
