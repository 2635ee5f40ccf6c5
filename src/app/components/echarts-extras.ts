/** Chart types only some pages need (三公 control-rate lines, the problem heatmap, the province tiles): registered when those pages load. */
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';

echarts.use([LineChart, HeatmapChart, VisualMapComponent]);
