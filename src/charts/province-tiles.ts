/**
 * A tile grid of China's provinces: one equal square per province, placed roughly where it lies, coloured by a
 * figure. Tiles instead of a map because a map of China's boundaries needs official approval to publish, and
 * because equal tiles let small provinces (上海, 宁夏) count as much as large ones (新疆, 西藏).
 *
 *   provinceTilesOption(rows, { value, label, tooltip, pieces, note }, opts)   rows: { province: full name, … }
 *
 * Tiles are keyed by the first two characters of the province name, which are unique among the 34
 * provincial-level divisions (黑龙江省 → 黑龙, 内蒙古自治区 → 内蒙). A row whose province is not on the grid is
 * named in the note, never dropped silently.
 */
import type { Lang } from '../app/i18n/labels';
import { translator } from '../app/i18n/messages';
import { tn } from '../app/i18n/plural';
import { type BuildOptions, type EChartsOption, OKABE_ITO, baseOption, emptyOption, escapeHtml, inkOn, notes } from './common';

/** [key, row, column, short name]: north-east at the top right, Xinjiang and Tibet on the left, Hainan at the bottom. */
export const PROVINCE_TILES: readonly (readonly [string, number, number, string])[] = [
  ['黑龙', 0, 8, '黑龙江'],
  ['内蒙', 1, 6, '内蒙古'], ['吉林', 1, 8, '吉林'],
  ['新疆', 2, 1, '新疆'], ['甘肃', 2, 3, '甘肃'], ['宁夏', 2, 4, '宁夏'], ['山西', 2, 5, '山西'], ['北京', 2, 6, '北京'], ['天津', 2, 7, '天津'], ['辽宁', 2, 8, '辽宁'],
  ['西藏', 3, 1, '西藏'], ['青海', 3, 2, '青海'], ['陕西', 3, 4, '陕西'], ['河南', 3, 5, '河南'], ['河北', 3, 6, '河北'], ['山东', 3, 7, '山东'],
  ['四川', 4, 3, '四川'], ['重庆', 4, 4, '重庆'], ['湖北', 4, 5, '湖北'], ['安徽', 4, 6, '安徽'], ['江苏', 4, 7, '江苏'], ['上海', 4, 8, '上海'],
  ['云南', 5, 3, '云南'], ['贵州', 5, 4, '贵州'], ['湖南', 5, 5, '湖南'], ['江西', 5, 6, '江西'], ['浙江', 5, 7, '浙江'],
  ['广西', 6, 4, '广西'], ['广东', 6, 5, '广东'], ['福建', 6, 6, '福建'], ['台湾', 6, 8, '台湾'],
  ['海南', 7, 4, '海南'], ['澳门', 7, 5, '澳门'], ['香港', 7, 6, '香港'],
];
const COLS = 9;
const ROWS = 8;

export interface TileSpec<R> {
  value(r: R): number | null;
  /** Text under the province name on the tile. */
  label(r: R): string;
  tooltip(r: R): string[];
  /** Colour classes, low to high (visualMap pieces): from `gte` (inclusive) to `lt` (exclusive). */
  pieces: { gte?: number; lt?: number; color: string; label: string }[];
  note?: string | null;
}

export function provinceTilesOption<R extends { province: string }>(rows: readonly R[], spec: TileSpec<R>, o: BuildOptions = {}): EChartsOption {
  const lang: Lang = o.lang ?? 'zh';
  const tr = translator(lang);
  if (!rows.length) return emptyOption(o.emptyReason, lang);
  const at = new Map(PROVINCE_TILES.map(([k, r, c, short]) => [k, [r, c, short] as const]));
  const byKey = new Map<string, R>();
  const off: string[] = [];
  for (const r of rows) {
    const k = r.province.slice(0, 2);
    if (at.has(k)) byKey.set(k, r);
    else off.push(r.province);
  }
  const withData = [...byKey.entries()].map(([k, r]) => {
    const [row, col, short] = at.get(k)!;
    const v = spec.value(r) ?? NaN;
    // The label takes the ink that reads on its tile's colour class (white on 95 %+, dark on 90–95 %, …).
    const piece = spec.pieces.find((p) => (p.gte === undefined || v >= p.gte) && (p.lt === undefined || v < p.lt));
    return { value: [col, row, v], row: r, name: short, ink: piece && inkOn(piece.color) === '#ffffff' ? 'light' : 'dark' };
  });
  const empty = PROVINCE_TILES.filter(([k]) => !byKey.has(k)).map(([, row, col, short]) => ({ value: [col, row, 0], name: short }));
  const axis = (n: number) => ({ type: 'category' as const, data: Array.from({ length: n }, (_, i) => String(i)), show: false });
  return {
    ...baseOption(o.compact),
    title: notes(spec.note ?? null, off.length ? tn(lang, 'chart.tiles.off', { n: off.length }, { names: off.join(lang === 'en' ? ', ' : '、') }) : null),
    grid: { left: 8, right: 8, top: 28, bottom: 44 },
    xAxis: axis(COLS),
    yAxis: { ...axis(ROWS), inverse: true },
    visualMap: {
      type: 'piecewise',
      seriesIndex: 0,
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: spec.pieces,
      textStyle: { fontSize: 11 },
    },
    tooltip: {
      ...baseOption().tooltip,
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data: { row?: R; name: string } }).data;
        if (!d.row) return `<b>${escapeHtml(d.name)}</b><br/>${escapeHtml(tr('chart.tiles.noData'))}`;
        return [`<b>${escapeHtml(d.row.province)}</b>`, ...spec.tooltip(d.row)].join('<br/>');
      },
    },
    series: [
      {
        type: 'heatmap',
        name: 'provinces',
        data: withData,
        itemStyle: { borderColor: '#fff', borderWidth: 3 },
        label: {
          show: true,
          fontSize: 11,
          lineHeight: 14,
          // Rich-text styles, not a per-item label colour (the heatmap ignores that): the ink that reads on the tile.
          rich: { light: { color: '#ffffff', fontSize: 11, lineHeight: 14 }, dark: { color: '#1a1a1a', fontSize: 11, lineHeight: 14 } },
          formatter: (p: unknown) => {
            const d = (p as { data: { row: R; name: string; ink: 'light' | 'dark' } }).data;
            return `{${d.ink}|${d.name}}\n{${d.ink}|${spec.label(d.row)}}`;
          },
        },
      },
      {
        type: 'heatmap',
        name: 'no data',
        data: empty,
        silent: false,
        itemStyle: { color: '#eeeeee', borderColor: '#fff', borderWidth: 3 },
        label: { show: true, fontSize: 10, color: OKABE_ITO.grey, formatter: (p: unknown) => (p as { data: { name: string } }).data.name },
      },
    ],
  } as EChartsOption;
}
