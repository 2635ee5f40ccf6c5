/**
 * The one place ECharts meets React. Only the chart types and components the builders in src/charts use are
 * registered (tree-shaken `echarts/core`), rendered as SVG. Options come in ready-made; this component never queries.
 * Bar and scatter charts (every page, the home page included) are registered here; line and heatmap charts, used by
 * two lazily loaded pages only, are registered by ./echarts-extras.ts, which those pages import.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from '../../charts/common';

echarts.use([
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
}

export function EChart({ option, height = 320, label, onClick }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const node = el.current!;
    const c = echarts.init(node, null, { renderer: 'svg', locale: 'ZH' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [option]);

  return (
    <div
      ref={el}
      className={`echart${onClick ? ' clickable' : ''}`}
      role="img"
      aria-label={label}
      style={{ height, width: '100%' }}
    />
  );
}

export default EChart;
