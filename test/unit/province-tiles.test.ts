/** The province tile grid (src/charts/province-tiles.ts) and the execution-rate tiles built on it. */
import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES } from '../../src/charts/province-tiles';
import { executionProvincesOption, isEmptyOption } from '../../src/charts';

type Series = { type: string; data: { value: [number, number, number]; name: string; row?: { province: string } }[]; label?: { formatter: (p: unknown) => string } };
const seriesOf = (o: unknown) => (o as { series: Series[] }).series;
const notesOf = (o: unknown) => JSON.stringify((o as { title: unknown }).title);

describe('province tile grid', () => {
  it('has one tile for each of the 34 provincial-level divisions, no two on the same square', () => {
    expect(PROVINCE_TILES).toHaveLength(34);
    expect(new Set(PROVINCE_TILES.map(([k]) => k)).size).toBe(34);
    expect(new Set(PROVINCE_TILES.map(([, r, c]) => `${r},${c}`)).size).toBe(34);
  });

  it('places each province by its full name, labels it with rate, and greys the provinces without data', () => {
    const o = executionProvincesOption(
      [
        { province: '湖南省', units: 3, reports: 4, median_rate: '0.8512' },
        { province: '广西壮族自治区', units: 1, reports: 1, median_rate: '0.9620' },
        { province: '内蒙古自治区', units: 2, reports: 2, median_rate: null },
      ],
      { lang: 'zh' },
    );
    const [rated, empty] = seriesOf(o);
    expect(rated!.data.map((d) => d.name)).toEqual(['湖南', '广西']);
    const hunan = rated!.data[0]!;
    const [, row, col] = PROVINCE_TILES.find(([k]) => k === '湖南')!;
    expect(hunan.value).toEqual([col, row, 85.12]);
    // 85.12% is in the orange 80–90% class: dark text; 96.20% is on dark blue: white text.
    expect(rated!.label!.formatter({ data: hunan })).toBe('{dark|湖南}\n{dark|85.12%}');
    expect(rated!.label!.formatter({ data: rated!.data[1] })).toBe('{light|广西}\n{light|96.20%}');
    // Exactly 90% is in the 90–95% class (as the watch list's "below 90%" rule does not fire on it).
    const pieces = (o as { visualMap: { pieces: { gte?: number; lt?: number }[] } }).visualMap.pieces;
    expect(pieces.filter((p) => (p.gte ?? -Infinity) <= 90 && 90 < (p.lt ?? Infinity))).toEqual([{ gte: 90, lt: 95, color: expect.any(String), label: '90–95%' }]);
    // 34 tiles in all: the rated two and 32 grey ones (内蒙古 has no rate, so it is grey too).
    expect(empty!.data).toHaveLength(32);
    expect(empty!.data.map((d) => d.name)).toContain('内蒙古');
  });

  it('names a province it cannot place instead of dropping it', () => {
    const o = executionProvincesOption(
      [
        { province: '湖南省', units: 1, reports: 1, median_rate: '0.9' },
        { province: '某某省', units: 1, reports: 1, median_rate: '0.5' },
      ],
      { lang: 'en' },
    );
    expect(notesOf(o)).toContain('1 province not on the grid: 某某省');
    expect(seriesOf(o)[0]!.data.map((d) => d.name)).toEqual(['湖南']);
  });

  it('shows the empty state when no province has a rate', () => {
    const o = executionProvincesOption([{ province: '湖南省', units: 1, reports: 1, median_rate: null }], { lang: 'zh', emptyReason: '所选年度无数据' });
    expect(seriesOf(o) ?? []).toHaveLength(0);
    expect(notesOf(o)).not.toContain('湖南');
    expect(isEmptyOption(o)).toBe(true);
  });
});
