/**
 * The one place ECharts meets React. Only the chart types and components the builders in src/charts use are
 * registered (tree-shaken `echarts/core`), rendered as SVG. Options come in ready-made; this component never queries.
 * Loaded lazily by ./ChartCard.tsx (ECharts stays out of the first-view bundle). The chart is drawn in a layout
 * effect: its SVG is updated in the same commit as the rest of the card, never one frame late.
 * Bar and scatter charts (every page, the home page included) are registered here; line and heatmap charts, used by
 * three lazily loaded pages only, are registered by ./echarts-extras.ts, which those pages import.
 */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from '../../charts/common';
import type { Lang } from '../i18n/labels';
import { darkOption, englishFonts } from './chart-theme';

echarts.use([
  AriaComponent,
  BarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

/**
 * Components a new option replaces outright (like notMerge); the rest — tooltip, aria — are merged into the existing
 * ones. Not notMerge: that recreates the tooltip too, and a new HTML tooltip reads the chart's offsetLeft/Top,
 * forcing a page layout in the middle of the commit, once per chart per update. Every builder in src/charts sets
 * the tooltip and aria in full, so merging them keeps nothing stale.
 */
const REPLACED = ['series', 'xAxis', 'yAxis', 'grid', 'title', 'legend', 'visualMap', 'dataset'];

export interface ChartClick {
  /** The data item as given in the option (builders attach `row`, `category`, `place`…). */
  data: unknown;
  seriesName?: string;
  name?: string;
  dataIndex?: number;
}

export interface EChartProps {
  option: EChartsOption;
  height?: number;
  /** Accessible description (the chart's title and what it shows). */
  label: string;
  onClick?: (e: ChartClick) => void;
  /** Language of ECharts' own texts (generated aria description, toolbox); the builders write everything else. */
  lang?: Lang;
  theme?: 'light' | 'dark';
}

/**
 * ECharts' generated screen-reader description (series, values), introduced by the chart's title: builders put notes,
 * not the title, in `title`, so the title is given here.
 */
function withAria(option: EChartsOption, label: string, lang: Lang): EChartsOption {
  const intro = lang === 'en' ? `This is a chart about "${label}". ` : `这是一个关于“${label}”的图表。`;
  return { ...option, aria: { enabled: true, label: { enabled: true, general: { withTitle: intro, withoutTitle: intro } } } } as EChartsOption;
}

/**
 * The tooltip lives in the chart's own element, as by default — but named explicitly. Without a container, ECharts'
 * HTML tooltip calls getComputedStyle on the chart element at every setOption to decide whether to make it
 * position: relative, forcing a style recalculation in the middle of the commit, once per chart per filter change.
 * The element is position: relative already (see the style below).
 */
const inChart = (dom: HTMLElement) => dom;
function withTooltipInChart(option: EChartsOption): EChartsOption {
  const tip = option.tooltip;
  if (!tip) return option;
  return { ...option, tooltip: Array.isArray(tip) ? tip.map((x) => ({ ...x, appendTo: inChart })) : { ...tip, appendTo: inChart } } as EChartsOption;
}

export function EChart({ option, height = 320, label, onClick, lang = 'zh', theme = 'light' }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useLayoutEffect(() => {
    const node = el.current!;
    const c = echarts.init(node, theme === 'dark' ? 'dark' : null, { renderer: 'svg', locale: lang === 'en' ? 'EN' : 'ZH' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [lang, theme]);

  useLayoutEffect(() => {
    const themed = theme === 'dark' ? darkOption(option) : option;
    const o = withTooltipInChart(withAria(lang === 'en' ? englishFonts(themed) : themed, label, lang));
    chart.current?.setOption(o, { replaceMerge: REPLACED, lazyUpdate: false });
  }, [option, label, lang, theme]);

  return (
    <div
      ref={el}
      className={`echart${onClick ? ' clickable' : ''}`}
      role="img"
      aria-label={label}
      style={{ height, width: '100%', position: 'relative' }}
    />
  );
}

export default EChart;
