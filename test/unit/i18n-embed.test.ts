/**
 * English as a second language (dictionaries, number and date formats), the chart registry behind embeds and exports,
 * embed codes, and the CSV / SVG exports (formula neutralisation, BOM, headers).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DARK_BG } from '../../src/app/components/chart-theme';
import { MESSAGES, t, tOr, type MessageKey } from '../../src/app/i18n/messages';
import { formatWan } from '../../src/money/decimal';
import { emptyReason, formatDate, filterParts } from '../../src/app/format';
import { NO_FILTERS, type Filters } from '../../src/metrics/filters';
import { BOM, neutralize } from '../../src/app/csv-export';
import { rowsToCsv, rowsToJson, wrapSvg } from '../../src/app/export/chart-export';
import { CHARTS, CHART_IDS, chartSpec, chartTitle, columnHeader, embedView, exportValue } from '../../src/app/embed/registry';
import { embedUrl, iframeSnippet, isHeightMessage, listenerScript } from '../../src/app/embed/snippet';
import { parseHash, parseRoute, toHash } from '../../src/app/url-state';
import { csvHeader, COLUMNS } from '../../src/app/table-columns';
import { executionRankingOption, isEmptyOption, qualityByRule, sangongByCategoryOption, wanAxisLabel, watchRuleRows, type EChartsOption } from '../../src/charts';
import { defaultThresholds } from '../../src/metrics/flags';
import { adjustedThresholdTexts, effectiveThresholds } from '../../src/app/thresholds-url';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('every Chinese key has an English text with the same placeholders (and no extra keys)', () => {
    const zh = Object.keys(MESSAGES.zh).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(en).toEqual(zh);
    for (const k of zh as MessageKey[]) {
      expect(MESSAGES.en[k].trim(), k).not.toBe('');
      expect(placeholders(MESSAGES.en[k]), k).toEqual(placeholders(MESSAGES.zh[k]));
    }
  });

  it('English texts contain no Chinese except the product name', () => {
    // The switch back to Chinese is written in Chinese, like every language menu.
    // …and place-name suffixes that are data ("湖南省本级" is a place), like every place name.
    const allowed = new Set<string>(['app.langSwitch', 'league.explain.prefecture', 'league.explain.county']);
    for (const [k, v] of Object.entries(MESSAGES.en)) {
      if (allowed.has(k)) continue;
      expect(v.replace('PerfAtlas 绩效图谱', '').replace('(source figures in 万元)', ''), k).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('fills parameters and falls back for keys built at run time', () => {
    expect(t('zh', 'common.reports', { n: 3 })).toBe('3 份报告');
    expect(t('en', 'common.reports', { n: 3 })).toBe('3 reports');
    expect(tOr('en', 'nav.execution', 'x')).toBe('Execution');
    expect(tOr('en', 'nav.some-new-page', '新页面')).toBe('新页面');
  });
});

describe('formats per language', () => {
  it('money: 万元 / 亿元 in Chinese, million CNY in English', () => {
    expect(formatWan('1234.56')).toBe('1,234.56 万元');
    expect(formatWan('12345.6')).toBe('1.23 亿元');
    expect(formatWan('1234.56', { lang: 'en' })).toBe('12.35 million CNY');
    expect(formatWan('12345.6', { lang: 'en' })).toBe('123.46 million CNY');
    expect(formatWan('2.35', { lang: 'en' })).toBe('23,500 CNY');
    expect(formatWan('-150', { lang: 'en' })).toBe('-1.50 million CNY');
    expect(formatWan(null, { lang: 'en' })).toBe('—');
    expect(wanAxisLabel(5000)).toBe('5,000 万元');
    expect(wanAxisLabel(50, 'en')).toBe('0.5 million CNY');
    expect(wanAxisLabel(20000, 'en')).toBe('200 million CNY');
  });

  it('dates: 2024年6月30日 / 30 Jun 2024', () => {
    expect(formatDate('2024-06-30')).toBe('2024年6月30日');
    expect(formatDate('2024-06-30', 'en')).toBe('30 Jun 2024');
    expect(formatDate('2024-05', 'en')).toBe('May 2024');
    expect(formatDate('2024', 'en')).toBe('2024');
  });

  it('filter descriptions and empty-state reasons in English keep place names in Chinese', () => {
    const f: Filters = { ...NO_FILTERS, years: [2022, 2023], province: '湖南省', kind: 'audit' };
    expect(filterParts(f, 'en')).toEqual(['year 2022, 2023', 'place 湖南省', 'type Audit findings']);
    expect(emptyReason(f, undefined, 'en')).toBe('No reports for the current filters: year 2022, 2023; place 湖南省; type Audit findings');
    expect(emptyReason(NO_FILTERS, t('en', 'what.scores'), 'en')).toBe('The dataset has no reports with a self-evaluation score');
  });

  it('chart builders write titles, axes and tooltips in the chosen language', () => {
    const rows = [
      { year: 2023, category: 'total', budget: '100', actual: '80', control_rate: '0.8', yoy_change: null },
      { year: 2023, category: 'reception', budget: '10', actual: '12', control_rate: '1.2', yoy_change: null },
    ];
    const o = sangongByCategoryOption(rows, { lang: 'en' }) as { xAxis: { data: string[] }; series: { name: string }[] };
    expect(o.xAxis.data).toEqual(['Official receptions', 'Total']);
    expect(o.series.map((s) => s.name)).toEqual(['2023 budget', '2023 actual']);
    const empty = executionRankingOption([], { lang: 'en', emptyReason: 'why' });
    expect(isEmptyOption(empty)).toBe(true);
    expect((empty.title as { text: string }).text).toBe('No data');
  });
});

describe('url state: language and embed route', () => {
  it('keeps lang=en in the hash and parses the embed route', () => {
    const h = toHash({ route: { page: 'embed', id: 'execution-ranking' }, filters: { ...NO_FILTERS, province: '湖南省' }, view: { theme: 'dark' }, lang: 'en' });
    expect(h).toBe('#/embed/execution-ranking?v=1&lang=en&prov=%E6%B9%96%E5%8D%97%E7%9C%81&theme=dark');
    const s = parseHash(h);
    expect(s.lang).toBe('en');
    expect(s.route).toEqual({ page: 'embed', id: 'execution-ranking' });
    expect(s.view).toEqual({ theme: 'dark' });
    expect(parseHash('#/scores?v=1').lang).toBe('zh');
    expect(parseRoute('/embed')).toEqual({ page: 'notfound' });
    expect(toHash({ route: { page: 'home' } })).toBe('#/?v=1');
  });
});

describe('chart registry', () => {
  it('gives every chart a stable id, titles in both languages, a query, a builder and columns', () => {
    expect(CHART_IDS).toEqual(
      expect.arrayContaining([
        'execution-ranking',
        'execution-lines',
        'execution-adjustment',
        'execution-places',
        'sangong-categories',
        'sangong-control',
        'sangong-yoy',
        'scores-histogram',
        'scores-places',
        'scores-scatter',
        'problems-frequency',
        'problems-heatmap',
        'watch-rules',
        'league-ranking',
        'quality-rules',
      ]),
    );
    for (const id of CHART_IDS) {
      const s = CHARTS[id];
      expect(s.id).toBe(id);
      expect(s.titleZh).toMatch(/[\u4e00-\u9fff]/);
      expect(s.titleEn).toMatch(/^[A-Z]/);
      expect(s.columns.length).toBeGreaterThan(1);
      expect(typeof s.query).toBe('function');
    }
    expect(chartSpec('nope')).toBeUndefined();
    expect(chartSpec('toString')).toBeUndefined();
  });

  it('every id resolves to its entry, whose builder draws an empty result as the empty state, in both languages', () => {
    expect(CHART_IDS.length).toBeGreaterThanOrEqual(16);
    for (const id of CHART_IDS) {
      const s = chartSpec(id)!;
      expect(s, id).toBe(CHARTS[id]);
      for (const lang of ['zh', 'en'] as const) {
        const o = s.build([], { lang, emptyReason: 'why', view: {} });
        expect(isEmptyOption(o), `${id} ${lang}`).toBe(true);
        expect((o.title as { subtext?: string }).subtext, id).toBe('why');
        expect(chartTitle(s, lang).trim(), id).not.toBe('');
      }
      const h = s.heightFor ? s.heightFor([]) : s.height;
      expect(Number.isFinite(h) && h >= 200, id).toBe(true);
    }
  });

  it('watch-list, league and quality entries: thresholds, kept view keys, titles and columns', () => {
    const th = effectiveThresholds({ low_line_execution: 0.5 });
    expect(CHARTS['watch-rules'].thresholds).toBe(true);
    expect(CHARTS['league-ranking'].thresholds).toBe(true);
    expect(CHARTS['quality-rules'].thresholds).toBeFalsy();
    expect(CHARTS['execution-ranking'].thresholds).toBeFalsy();
    expect(embedView('watch-rules', { rule: 'low_execution', sort: 'x', theme: 'dark' })).toEqual({ rule: 'low_execution' });
    expect(embedView('league-ranking', { metric: 'median_execution_rate', rule: 'x' })).toEqual({ metric: 'median_execution_rate' });
    expect(embedView('execution-ranking', { rank: 'high', cat: 'x' })).toEqual({ rank: 'high' });

    // 关注名单: one row per rule with the threshold in effect; the note counts distinct reports.
    const flags = [
      { report_id: 'a', rule: 'low_line_execution' },
      { report_id: 'a', rule: 'low_line_execution' },
      { report_id: 'b', rule: 'missing_indicators' },
    ];
    const rows = watchRuleRows(flags, 5, th);
    expect(watchRuleRows(flags, 0, th)).toEqual([]);
    const line = rows.find((r) => r.rule === 'low_line_execution')!;
    expect(line).toMatchObject({ reports: 1, flags: 2, threshold: 0.5, flagged_total: 2 });
    expect(rows.find((r) => r.rule === 'no_problems')!.threshold).toBeNull();
    const w = CHARTS['watch-rules'];
    const col = (k: string) => w.columns.find((c) => c.key === k)!;
    expect(col('threshold').get(line, 'zh')).toBe('50%');
    expect(col('label').get(line, 'en')).toBe('Low execution on a budget line');
    expect(col('group').get(line, 'zh')).toBe('执行与预算');
    const wo = w.build(rows, { lang: 'en', view: { rule: 'bogus' } }) as EChartsOption & { yAxis: { data: string[] }; title: { text: string } };
    expect(isEmptyOption(wo)).toBe(false);
    expect(wo.yAxis.data.some((x) => x.startsWith('Low execution on a'))).toBe(true);
    expect(JSON.stringify(wo.title)).toContain('2 reports flagged in all');

    // 地区排行: the title names the level (from the filters) and the metric (from the view).
    const l = CHARTS['league-ranking'];
    expect(chartTitle(l, 'zh', {}, NO_FILTERS)).toBe('省份排行：被关注报告占比');
    expect(chartTitle(l, 'en', { metric: 'median_execution_rate' }, { ...NO_FILTERS, province: '湖南省' })).toBe('Prefectures ranked: Median execution rate');
    const league = [
      { place: '湖南省', units: 3, reports: 3, flagged_reports: 2, flagged_share: '0.6667', median_execution_rate: '0.9', sangong_control_rate: null, consistent_share: '0.6667', by_rule: '{"failed_checks":1,"low_line_execution":1}' },
      { place: '广东省', units: 1, reports: 1, flagged_reports: 1, flagged_share: '1.0000', median_execution_rate: '0.9294', sangong_control_rate: null, consistent_share: '1.0000', by_rule: '{}' },
    ];
    const lo = l.build(league, { lang: 'zh', view: {} }) as { series: { data: { place: string }[] }[] };
    expect(lo.series[0]!.data.map((d) => d.place)).toEqual(['广东省', '湖南省']);
    const byRule = l.columns.find((c) => c.key === 'by_rule')!;
    expect(byRule.get(league[0]!, 'zh')).toBe('项目（资金）执行率偏低 1；数据不一致 1');
    expect(byRule.get(league[1]!, 'en')).toBeNull();
    expect(columnHeader(l.columns.find((c) => c.key === 'flagged_share')!, 'en')).toBe('Share of reports flagged (%)');

    // 数据质量: rows worded in Chinese by the query, drawn in the chosen language.
    const q = CHARTS['quality-rules'];
    const agg = qualityByRule([{ rule: 'execution_rate_matches', place: null, failed: 1, checked: 4 }]);
    const qo = q.build(agg, { lang: 'en', view: {} }) as { yAxis: { data: string[] } };
    expect(qo.yAxis.data.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(q.columns.find((c) => c.key === 'label')!.get(agg[0]!, 'zh')).toBe(agg[0]!.label);
  });

  it('column headers carry units; rates export as percent, money as exact 万元', () => {
    const c = CHARTS['execution-ranking'].columns;
    const rate = c.find((x) => x.key === 'execution_rate')!;
    const money = c.find((x) => x.key === 'budget_actual')!;
    expect(columnHeader(rate, 'zh')).toBe('执行率（%）');
    expect(columnHeader(rate, 'en')).toBe('Execution rate (%)');
    expect(columnHeader(money, 'zh')).toBe('执行数（万元）');
    expect(exportValue(rate, '-0.1574')).toBe('-15.74');
    expect(exportValue(money, '3229.9100')).toBe('3229.9100');
    expect(csvHeader(COLUMNS.find((x) => x.id === 'budget_actual')!, 'en')).toBe('Actual spending (10k CNY)');
  });
});

describe('CSV and JSON export', () => {
  it('neutralises formula cells but keeps plain numbers (negative rates) as numbers', () => {
    for (const bad of ['=1+2', '+86 123', '-2+3+cmd|x', '@SUM(A1)', '\tx', '=HYPERLINK("http://evil")']) expect(neutralize(bad).startsWith("'")).toBe(true);
    for (const ok of ['-15.74', '15.74', '0', '-3', '湖南省', 'abc-1']) expect(neutralize(ok)).toBe(ok);
  });

  it('writes a BOM, the readable header row and neutralised cells', () => {
    const csv = rowsToCsv(
      [
        { key: 'unit', header: '单位' },
        { key: 'rate', header: '执行率（%）' },
      ],
      [
        { unit: '=cmd|"/c calc"!A1', rate: '-15.74' },
        { unit: '资阳区应急管理局', rate: null },
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('单位,执行率（%）');
    expect(lines[1]).toBe(`"'=cmd|""/c calc""!A1",-15.74`);
    expect(lines[2]).toBe('资阳区应急管理局,');
  });

  it('JSON names the chart, filters and columns, and carries the rows', () => {
    const j = JSON.parse(
      rowsToJson({ chart: 'x', title: 'T', lang: 'en', filters: '', source: 's', url: 'u' }, [{ key: 'a', header: 'A' }], [{ a: 1 }], [{ a: 1, b: 2n }]),
    );
    expect(j).toMatchObject({ chart: 'x', title: 'T', columns: [{ key: 'a', header: 'A' }], rows: [{ a: 1 }], raw: [{ a: 1, b: '2' }] });
  });

  it('wraps the chart SVG with a title, a description and the source line', () => {
    const svg = wrapSvg('<svg width="400" height="300" xmlns="http://www.w3.org/2000/svg"><rect/></svg>', {
      width: 400,
      height: 300,
      title: 'A & B <c>',
      source: '来源：x · PerfAtlas 绩效图谱',
    });
    expect(svg).toContain('<title id="pa-title">A &amp; B &lt;c&gt;</title>');
    expect(svg).toContain('<svg width="400" height="300" x="0" y="34"');
    expect(svg).toMatch(/height="358"/);
    expect(svg).toContain('PerfAtlas 绩效图谱</text>');
  });
});

describe('embed codes', () => {
  const f: Filters = { ...NO_FILTERS, years: [2023], province: '湖南省' };
  it('builds the embed address with filters, language and theme', () => {
    const url = embedUrl('https://portal.example/perfatlas/index.html#/execution?v=1', 'scores-histogram', { filters: f, lang: 'en', theme: 'dark' });
    expect(url).toBe('https://portal.example/perfatlas/index.html#/embed/scores-histogram?v=1&lang=en&year=2023&prov=%E6%B9%96%E5%8D%97%E7%9C%81&theme=dark');
    expect(embedUrl('http://h/', 'x', { filters: NO_FILTERS, lang: 'zh' })).toBe('http://h/#/embed/x?v=1');
  });

  it('carries the watch-list thresholds (th=) only when they differ from the defaults', () => {
    const base = 'https://portal.example/perfatlas/#/watch?v=1';
    const plain = embedUrl(base, 'watch-rules', { filters: NO_FILTERS, lang: 'zh' });
    expect(plain).toBe('https://portal.example/perfatlas/#/embed/watch-rules?v=1');
    // overrides that are all defaults, or the full default map, write no th=
    expect(embedUrl(base, 'watch-rules', { filters: NO_FILTERS, lang: 'zh', thresholds: {} })).toBe(plain);
    expect(embedUrl(base, 'watch-rules', { filters: NO_FILTERS, lang: 'zh', thresholds: defaultThresholds() })).toBe(plain);
    expect(embedUrl(base, 'watch-rules', { filters: NO_FILTERS, lang: 'zh', thresholds: { low_execution: 0.9 } })).toBe(plain);
    const url = embedUrl(base, 'league-ranking', {
      filters: f,
      lang: 'en',
      theme: 'dark',
      view: { metric: 'rule:low_line_execution' },
      thresholds: { low_line_execution: 0.5, failed_checks: 10 },
    });
    expect(url).toBe(
      'https://portal.example/perfatlas/#/embed/league-ranking?v=1&lang=en&year=2023&prov=%E6%B9%96%E5%8D%97%E7%9C%81&th=low_line_execution%3A0.5%2Cfailed_checks%3A10&metric=rule%3Alow_line_execution&theme=dark',
    );
    // …and the embed reads them back
    const back = parseHash(url.slice(url.indexOf('#')));
    expect(back.thresholds).toEqual({ low_line_execution: 0.5, failed_checks: 10 });
    expect(back.view).toEqual({ metric: 'rule:low_line_execution', theme: 'dark' });
    const code = iframeSnippet({ url, title: 'T', chart: 'league-ranking', width: 'responsive', height: 450 });
    expect(code).toContain('&amp;th=low_line_execution%3A0.5%2Cfailed_checks%3A10&amp;');
    expect(iframeSnippet({ url: plain, title: 'T', chart: 'watch-rules', width: 'responsive', height: 450 })).not.toContain('th=');
    // what the embed's source line and the dialog say about them
    expect(adjustedThresholdTexts({ failed_checks: 10, low_line_execution: 0.5, low_execution: 0.9 })).toEqual(['项目（资金）执行率偏低 50%', '数据不一致 10 项']);
    expect(adjustedThresholdTexts({ low_line_execution: 0.5 }, 'en')).toEqual(['Low execution on a budget line 50%']);
    expect(adjustedThresholdTexts(defaultThresholds())).toEqual([]);
  });

  it('writes an iframe per width choice and an origin-checked height listener', () => {
    const code = iframeSnippet({ url: 'http://h/#/embed/x?v=1&a=1', title: 'T "q"', chart: 'x', width: '640', height: 450 });
    expect(code).toBe(
      '<iframe src="http://h/#/embed/x?v=1&amp;a=1" title="T &quot;q&quot;" data-perfatlas-chart="x" style="width:640px;max-width:100%;height:450px;border:0" loading="lazy"></iframe>',
    );
    expect(iframeSnippet({ url: 'u', title: 't', chart: 'x', width: 'responsive', height: 400 })).toContain('style="width:100%;height:400px;border:0"');
    const script = listenerScript('https://perfatlas.example');
    expect(script).toContain('e.origin !== "https://perfatlas.example"');
    expect(script).toContain("'perfatlas:height'");
    expect(isHeightMessage({ type: 'perfatlas:height', chart: 'x', height: 300 })).toBe(true);
    expect(isHeightMessage({ type: 'perfatlas:height', chart: 'x', height: 'big' })).toBe(false);
  });
});

describe('colour contrast of the text / background pairs the interface uses', () => {
  const css = readFileSync(path.join(__dirname, '../../src/app/styles.css'), 'utf8');
  const v = (name: string) => {
    const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{3,6})`).exec(css);
    if (!m) throw new Error(`--${name} not in styles.css`);
    return m[1]!;
  };
  const lum = (hex: string) => {
    const h = hex.length === 4 ? hex.slice(1).split('').map((c) => c + c).join('') : hex.slice(1);
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const ratio = (a: string, b: string) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };
  it('every pair is at least 4.5:1', () => {
    const pairs: [string, string, string][] = [
      ['ink on card', v('ink'), v('card')],
      ['ink on page', v('ink'), v('bg')],
      ['muted on card', v('muted'), v('card')],
      ['muted on page', v('muted'), v('bg')],
      ['muted on table head', v('muted'), '#f6f8f9'],
      ['links on card', v('accent'), v('card')],
      ['links on page', v('accent'), v('bg')],
      ['warnings', v('warn'), v('card')],
      ['ok', v('ok'), v('card')],
      ['nav links on the header', '#d5e6f2', v('brand')],
      ['chart notes', '#8a5a00', '#ffffff'],
      ['ECharts axis labels', '#6e7079', '#ffffff'],
      ['dark embed: text', '#e6e6e6', DARK_BG],
      ['dark embed: muted', '#c2c8ce', DARK_BG],
      ['dark embed: links', '#8cc8ff', DARK_BG],
      ['dark embed: chart notes', '#f0c36a', DARK_BG],
      ['dark embed: grey labels', '#c2c2c2', DARK_BG],
    ];
    for (const [what, fg, bg] of pairs) expect(ratio(fg, bg), `${what}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });
});
