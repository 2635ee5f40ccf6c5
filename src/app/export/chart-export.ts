/**
 * Exports of one chart: SVG (the chart's own SVG wrapped with a title and a source line), PNG (that SVG rasterised
 * at 2× on a canvas — drawn from a same-origin Blob URL after document.fonts.ready, so CJK glyphs render and the
 * canvas is not tainted), and the rows behind the chart as CSV (UTF-8 with BOM, formula-safe) and JSON.
 * The string builders are pure (unit-tested); the download helpers need a browser.
 */
import { FONT_FAMILY } from '../../charts/common';
import { toCsvExport } from '../csv-export';

export interface ExportColumn {
  key: string;
  header: string;
}

export interface ExportMeta {
  chart: string;
  title: string;
  lang: string;
  /** The active filters in words ('' for none). */
  filters: string;
  /** "来源：… · PerfAtlas 绩效图谱". */
  source: string;
  /** Address of the full view. */
  url: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const HEAD = 34;
const FOOT = 24;

/**
 * A standalone SVG document: title on top, the chart, the source line below; `<title>`/`<desc>` for assistive
 * technology. `inner` is the chart's serialised <svg> element.
 */
export function wrapSvg(
  inner: string,
  o: { width: number; height: number; title: string; source: string; filters?: string; dark?: boolean },
): string {
  const w = Math.ceil(o.width);
  const h = Math.ceil(o.height);
  const total = h + HEAD + FOOT;
  const bg = o.dark ? '#1b1f23' : '#ffffff';
  const ink = o.dark ? '#e6e6e6' : '#1f2a33';
  const muted = o.dark ? '#bdbdbd' : '#5f6b76';
  // Place the chart's own <svg> at (0, HEAD) with its size, whatever attributes it came with.
  const chart = inner
    .replace(/^<svg\b/, `<svg x="0" y="${HEAD}"`)
    .replace(/^(<svg[^>]*?)\swidth="[^"]*"/, '$1')
    .replace(/^(<svg[^>]*?)\sheight="[^"]*"/, '$1')
    .replace(/^<svg\b/, `<svg width="${w}" height="${h}"`);
  const font = escapeXml(FONT_FAMILY);
  const foot = o.filters ? `${o.source} · ${o.filters}` : o.source;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}" role="img" aria-labelledby="pa-title pa-desc">`,
    `<title id="pa-title">${escapeXml(o.title)}</title>`,
    `<desc id="pa-desc">${escapeXml(foot)}</desc>`,
    `<rect width="100%" height="100%" fill="${bg}"/>`,
    `<text x="12" y="23" font-family="${font}" font-size="16" font-weight="600" fill="${ink}">${escapeXml(o.title)}</text>`,
    chart,
    `<text x="12" y="${HEAD + h + 16}" font-family="${font}" font-size="11" fill="${muted}">${escapeXml(foot)}</text>`,
    `</svg>`,
  ].join('\n');
}

/** CSV of the rows (header in the chosen language). */
export function rowsToCsv(columns: readonly ExportColumn[], rows: readonly Record<string, unknown>[]): string {
  return toCsvExport(
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c) => r[c.key] as unknown)),
  );
}

/** JSON: what the chart is, under which filters, the columns and the rows (values as exported to CSV) and the raw rows. */
export function rowsToJson(meta: ExportMeta, columns: readonly ExportColumn[], rows: readonly Record<string, unknown>[], raw: readonly unknown[]): string {
  return JSON.stringify(
    {
      chart: meta.chart,
      title: meta.title,
      lang: meta.lang,
      filters: meta.filters,
      source: meta.source,
      url: meta.url,
      exported: new Date().toISOString(),
      columns: columns.map((c) => ({ key: c.key, header: c.header })),
      rows,
      raw,
    },
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    2,
  );
}

/** "perfatlas-execution-ranking-2026-11-22.png". */
export function exportFileName(chart: string, ext: string): string {
  return `perfatlas-${chart}-${new Date().toISOString().slice(0, 10)}.${ext}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Browser

/** The chart's <svg> serialised with its namespace, sized as drawn. */
export function serializeChartSvg(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const r = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${Math.ceil(r.width)} ${Math.ceil(r.height)}`);
  return { markup: new XMLSerializer().serializeToString(clone), width: r.width, height: r.height };
}

/** Rasterises an SVG document at `scale`× (fonts loaded first; drawn from a same-origin Blob URL). */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  if (document.fonts?.ready) await document.fonts.ready;
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas 2d context unavailable');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers a Blob as a file download. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

/** Total size of a wrapped SVG for a chart of width × height. */
export function wrappedSize(width: number, height: number): { width: number; height: number } {
  return { width: Math.ceil(width), height: Math.ceil(height) + HEAD + FOOT };
}
