/**
 * 报告详情: every extracted field next to the source text it came from (figure highlighted, file and offsets),
 * budget lines, 三公 by year, indicators, problems and the consistency checks (failed first).
 */
import { Fragment, type ReactNode } from 'react';
import { formatRate, formatWan, ratio } from '../../money/decimal';
import { reportDetail } from '../../metrics/report';
import type { Filters } from '../../metrics/filters';
import { NO_FILTERS } from '../../metrics/filters';
import { cmpDecimal } from '../../charts/common';
import { EmptyState, Highlight, PageHead } from '../components/bits';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useQuery } from '../data';
import { formatDate, formatPlace } from '../format';
import { splitPhrases } from '../highlight';
import { gradeLabel, kindLabel, levelLabel, problemLabel, sangongLabel, scopeLabel, severityLabel } from '../i18n/labels';
import { hrefTo, type Page } from '../url-state';

type Cell = string | number | boolean | null | undefined;
type Rec = Record<string, Cell>;

export interface ProvRow {
  field: string;
  start_offset: Cell;
  end_offset: Cell;
  quote: string;
  raw: string | null;
  unit: string | null;
}

/** Report columns shown as fields, with the provenance path(s) the extractor uses for them. */
const FIELDS: { col: string; label: string; path: string; show: (v: Cell, r: Rec) => ReactNode }[] = [
  { col: 'title', label: '标题', path: 'title', show: (v) => text(v) },
  { col: 'kind', label: '报告类型', path: 'kind', show: (v) => kindLabel(v as string) },
  { col: 'fiscal_year', label: '年度', path: 'fiscalYear', show: (v) => (v ? `${v}年` : '—') },
  { col: 'published_date', label: '发布/落款日期', path: 'publishedDate', show: (v) => formatDate(v as string | null) },
  { col: 'department_name', label: '单位', path: 'department.name', show: (v) => text(v) },
  { col: 'sector', label: '行业', path: 'department.sector', show: (v) => text(v) },
  { col: 'province', label: '地区', path: 'jurisdiction', show: (_v, r) => formatPlace(r as { province: string | null }) },
  { col: 'level', label: '层级', path: 'jurisdiction.level', show: (v) => levelLabel(v as string | null) },
  { col: 'score', label: '自评得分', path: 'score', show: (v) => text(v) },
  { col: 'grade', label: '等级', path: 'grade', show: (v, r) => (v ? `${gradeLabel(v as string)}${r.grade_source === 'derived' ? '（按得分推定）' : ''}` : '—') },
  { col: 'budget_initial', label: '年初预算数', path: 'budget.initial', show: (v) => formatWan(v as string | null) },
  { col: 'budget_adjusted', label: '全年预算数（调整后）', path: 'budget.adjusted', show: (v) => formatWan(v as string | null) },
  { col: 'budget_actual', label: '全年执行数', path: 'budget.actual', show: (v) => formatWan(v as string | null) },
  { col: 'execution_rate', label: '执行率（计算）', path: 'budget.executionRate', show: (v) => formatRate(v as string | null) },
  { col: 'stated_execution_rate', label: '执行率（报告所列）', path: 'budget.statedExecutionRate', show: (v) => formatRate(v as string | null) },
  { col: 'adjustment_rate', label: '调整率（计算）', path: 'budget.adjustmentRate', show: (v) => formatRate(v as string | null) },
  { col: 'stated_adjustment_rate', label: '调整率（报告所列）', path: 'budget.statedAdjustmentRate', show: (v) => formatRate(v as string | null) },
];

function text(v: Cell): string {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

function matches(field: string, path: string): boolean {
  return field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);
}

export function Quote({ p, file }: { p: ProvRow; file: string }) {
  return (
    <figure className="prov">
      <blockquote>
        <Highlight text={p.quote} phrases={[p.raw]} />
      </blockquote>
      <figcaption>
        {file} · 字符 {text(p.start_offset)}–{text(p.end_offset)}
        {p.raw ? ` · 原文数字“${p.raw}”` : ''}
        {p.unit ? ` · 单位 ${p.unit}` : ''}
        <span className="muted"> · {p.field}</span>
      </figcaption>
    </figure>
  );
}

function parseFigures(s: Cell): [string, string][] {
  if (typeof s !== 'string' || !s) return [];
  try {
    const o = JSON.parse(s) as Record<string, unknown>;
    return Object.entries(o).map(([k, v]) => [k, String(v)]);
  } catch {
    return [['figures', s]];
  }
}

export function ReportDetail({ id, filters }: { id: string; filters: Filters }) {
  const q = useQuery((db) => reportDetail(db, id), ['report', id]);
  if (q.error)
    return (
      <div className="page">
        <EmptyState>读取报告 {id} 失败：{q.error.message}</EmptyState>
      </div>
    );
  if (q.data === undefined) return <div className="page-loading">正在读取报告…</div>;
  const d = q.data as unknown as {
    report: Rec | null;
    lines: Rec[];
    sangong: Rec[];
    sangongLong?: Rec[];
    indicators: Rec[];
    problems: Rec[];
    checks: Rec[];
    provenance: ProvRow[];
  } | null;
  if (!d || !d.report)
    return (
      <div className="page">
        <EmptyState>
          没有编号为 {id} 的报告。<a href={hrefTo({ page: 'table' }, filters)}>在对比表中查找</a>
        </EmptyState>
      </div>
    );
  const r = d.report;
  const file = text(r.source_file);
  const prov = d.provenance ?? [];
  const provFor = (path: string) => prov.filter((p) => matches(p.field, path));
  // The long form adds derived vehicle / total rows and the control rate; fall back to the raw rows.
  const sangong = d.sangongLong?.length ? d.sangongLong : (d.sangong ?? []);
  const place = { province: (r.province as string) ?? null, prefecture: (r.prefecture as string) ?? null, county: (r.county as string) ?? null };
  const unitFilters: Filters = {
    ...NO_FILTERS,
    years: typeof r.fiscal_year === 'number' ? [r.fiscal_year] : [],
    ...place,
  };
  const analysis = (page: Page, label: string) => (
    <a key={page} className="pill" href={hrefTo({ page }, unitFilters)}>
      {label}
    </a>
  );
  const checks = [...(d.checks ?? [])].sort((a, b) => Number(a.passed === true) - Number(b.passed === true));
  const failed = checks.filter((c) => c.passed !== true).length;
  const years = [...new Set(sangong.map((s) => String(s.year)))].sort();
  const sgCats = [...new Set(sangong.map((s) => String(s.category)))];

  return (
    <div className="page report">
      <p className="crumbs">
        <a href={hrefTo({ page: 'table' }, filters)}>对比表</a> › 报告详情
      </p>
      <PageHead title={text(r.department_name ?? r.title)}>
        {formatPlace(place)} · {r.fiscal_year ? `${r.fiscal_year}年度` : '年度未识别'} · {kindLabel(r.kind as string)}
        {r.published_date ? ` · ${formatDate(r.published_date as string)}` : ''}
      </PageHead>
      <div className="report-links">
        <span className="muted">同地区同年度：</span>
        {analysis('execution', '执行率')}
        {analysis('sangong', '三公经费')}
        {analysis('scores', '自评得分')}
        {analysis('problems', '问题分类')}
        {analysis('table', '对比表')}
      </div>
      <p className="muted small">
        来源文件 {file}（{text(r.source_format)}）· SHA-256 {String(r.source_sha256 ?? '').slice(0, 16)}… · 报告编号 {id}
        {r.synthetic ? ' · 合成数据' : ''}
      </p>

      <section className="card">
        <header className="card-head">
          <h3>抽取字段与出处</h3>
          <span className="muted">{prov.length} 处原文引用</span>
        </header>
        <table className="data fields">
          <thead>
            <tr>
              <th style={{ width: '16%' }}>字段</th>
              <th style={{ width: '18%' }}>值</th>
              <th>原文出处</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((f) => {
              const ps = provFor(f.path);
              return (
                <tr key={f.col}>
                  <th scope="row">{f.label}</th>
                  <td className={f.col.startsWith('budget') || f.col.includes('rate') ? 'num' : ''}>{f.show(r[f.col], r)}</td>
                  <td>{ps.length ? ps.map((p, i) => <Quote key={i} p={p} file={file} />) : <span className="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <ErrorBoundary what="预算行">
        <section className="card">
          <header className="card-head">
            <h3>预算资金明细</h3>
            <span className="muted">{d.lines.length} 行</span>
          </header>
          {d.lines.length ? (
            <table className="data">
              <thead>
                <tr>
                  <th>项目</th>
                  <th>口径</th>
                  <th className="num">年初预算</th>
                  <th className="num">全年预算</th>
                  <th className="num">执行数</th>
                  <th className="num">执行率</th>
                  <th className="num">报告所列执行率</th>
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l, i) => {
                  const no = l.line_no ?? i;
                  const ps = provFor(`lines[${no}]`);
                  const rate = ratio((l.actual as string | null) ?? null, (l.adjusted as string | null) ?? null);
                  return (
                    <Fragment key={i}>
                      <tr>
                        <td>{text(l.name)}</td>
                        <td>{scopeLabel(l.scope as string)}</td>
                        <td className="num">{formatWan((l.initial as string) ?? null)}</td>
                        <td className="num">{formatWan((l.adjusted as string) ?? null)}</td>
                        <td className="num">{formatWan((l.actual as string) ?? null)}</td>
                        <td className={`num${rate !== null && cmpDecimal(rate, '0.9') < 0 ? ' warn' : ''}`}>{formatRate(rate)}</td>
                        <td className="num">{formatRate((l.stated_rate as string) ?? null)}</td>
                      </tr>
                      {ps.length ? (
                        <tr className="prov-row">
                          <td colSpan={7}>
                            <details>
                              <summary>出处（{ps.length}）</summary>
                              {ps.map((p, j) => (
                                <Quote key={j} p={p} file={file} />
                              ))}
                            </details>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p className="muted">报告中没有识别出预算资金明细。</p>
          )}
        </section>
      </ErrorBoundary>

      <ErrorBoundary what="三公经费">
        <section className="card">
          <header className="card-head">
            <h3>三公经费（按年度）</h3>
          </header>
          {years.length ? (
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th rowSpan={2}>类别</th>
                    {years.map((y) => (
                      <th key={y} colSpan={3} className="center">
                        {y}年
                      </th>
                    ))}
                  </tr>
                  <tr>
                    {years.map((y) => (
                      <Fragment key={y}>
                        <th className="num">预算数</th>
                        <th className="num">决算数</th>
                        <th className="num">控制率</th>
                      </Fragment>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sgCats.map((c) => (
                    <tr key={c}>
                      <th scope="row">
                        {sangongLabel(c)}
                        {sangong.some((x) => String(x.category) === c && x.derived === true) ? <span className="muted small">（推算）</span> : null}
                      </th>
                      {years.map((y) => {
                        const s = sangong.find((x) => String(x.category) === c && String(x.year) === y);
                        const ctl = (s?.control_rate as string | null | undefined) ?? null;
                        return (
                          <Fragment key={y}>
                            <td className="num">{formatWan((s?.budget as string) ?? null)}</td>
                            <td className="num">{formatWan((s?.actual as string) ?? null)}</td>
                            <td className={`num${ctl !== null && cmpDecimal(ctl, '1') > 0 ? ' warn' : ''}`}>{formatRate(ctl)}</td>
                          </Fragment>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">报告中没有识别出三公经费。</p>
          )}
        </section>
      </ErrorBoundary>

      <ErrorBoundary what="绩效指标">
        <section className="card">
          <header className="card-head">
            <h3>绩效指标</h3>
            <span className="muted">{d.indicators.length} 项</span>
          </header>
          {d.indicators.length ? (
            <div className="table-scroll tall">
              <table className="data">
                <thead>
                  <tr>
                    <th>一级</th>
                    <th>二级</th>
                    <th>三级指标</th>
                    <th>年度指标值</th>
                    <th>实际完成值</th>
                    <th className="num">分值</th>
                    <th className="num">得分</th>
                    <th>偏差原因</th>
                  </tr>
                </thead>
                <tbody>
                  {d.indicators.map((x, i) => (
                    <tr key={i}>
                      <td>{text(x.level1)}</td>
                      <td>{text(x.level2)}</td>
                      <td>{text(x.level3)}</td>
                      <td>{text(x.target)}</td>
                      <td>{text(x.actual)}</td>
                      <td className="num">{text(x.weight)}</td>
                      <td className="num">{text(x.score)}</td>
                      <td className="wrap">{text(x.deviation)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">报告中没有识别出绩效指标表。</p>
          )}
        </section>
      </ErrorBoundary>

      <section className="card">
        <header className="card-head">
          <h3>存在的问题</h3>
          <span className="muted">{d.problems.length} 条</span>
        </header>
        {d.problems.length ? (
          <ol className="sentences">
            {d.problems.map((p, i) => (
              <li key={i}>
                <blockquote>
                  <Highlight text={String(p.text ?? '')} phrases={splitPhrases(p.matched as string)} />
                </blockquote>
                <div className="sentence-meta">
                  {splitPhrases(p.categories as string).map((c) => (
                    <a key={c} className="tag" href={hrefTo({ page: 'problems' }, unitFilters, { cat: c })}>
                      {problemLabel(c)}
                    </a>
                  ))}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">报告中没有识别出“存在的问题”。</p>
        )}
      </section>

      <section className="card">
        <header className="card-head">
          <h3>数据校验</h3>
          <span className={failed ? 'warn' : 'muted'}>
            {failed ? `${failed} 项未通过` : '全部通过'} / 共 {checks.length} 项
          </span>
        </header>
        {checks.length ? (
          <table className="data checks">
            <thead>
              <tr>
                <th>结果</th>
                <th>级别</th>
                <th>规则</th>
                <th>说明</th>
                <th>相关数字</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c, i) => (
                <tr key={i} className={c.passed === true ? 'passed' : 'failed'}>
                  <td>{c.passed === true ? '✓ 通过' : '✗ 未通过'}</td>
                  <td>{severityLabel(c.severity as string)}</td>
                  <td>
                    <code>{text(c.rule)}</code>
                  </td>
                  <td className="wrap">{text(c.message)}</td>
                  <td>
                    {parseFigures(c.figures).map(([k, v]) => (
                      <div key={k} className="fig">
                        <span className="muted">{k}</span> {v}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">没有校验记录。</p>
        )}
      </section>

      <section className="card">
        <header className="card-head">
          <h3>全部原文引用</h3>
          <span className="muted">{prov.length} 处</span>
        </header>
        {prov.length ? (
          <details open={prov.length <= 12}>
            <summary>按字段列出</summary>
            {prov.map((p, i) => (
              <Quote key={i} p={p} file={file} />
            ))}
          </details>
        ) : (
          <p className="muted">没有出处记录。</p>
        )}
      </section>
    </div>
  );
}

export default ReportDetail;
