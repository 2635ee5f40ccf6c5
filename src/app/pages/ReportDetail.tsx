/**
 * 报告详情: every extracted field next to the source text it came from (figure highlighted, file and offsets),
 * budget lines, 三公 by year, indicators, problems and the consistency checks (failed first).
 */
import { Fragment, useEffect, type ReactNode } from 'react';
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
import { useLang } from '../i18n/use-t';
import { t, type Lang, type MessageKey } from '../i18n/messages';
import { tn } from '../i18n/plural';

type Cell = string | number | boolean | null | undefined;
type Rec = Record<string, Cell>;

interface ProvRow {
  field: string;
  start_offset: Cell;
  end_offset: Cell;
  quote: string;
  raw: string | null;
  unit: string | null;
}

/** Report columns shown as fields, with the provenance path(s) the extractor uses for them. */
const FIELDS: { col: string; label: MessageKey; path: string; show: (v: Cell, r: Rec, lang: Lang) => ReactNode }[] = [
  { col: 'title', label: 'report.field.title', path: 'title', show: (v) => text(v) },
  { col: 'kind', label: 'report.field.kind', path: 'kind', show: (v, _r, lang) => kindLabel(v as string, lang) },
  { col: 'fiscal_year', label: 'report.field.year', path: 'fiscalYear', show: (v, _r, lang) => (v ? t(lang, 'common.year', { y: String(v) }) : '—') },
  { col: 'published_date', label: 'report.field.published', path: 'publishedDate', show: (v, _r, lang) => formatDate(v as string | null, lang) },
  { col: 'department_name', label: 'report.field.unit', path: 'department.name', show: (v) => text(v) },
  { col: 'sector', label: 'report.field.sector', path: 'department.sector', show: (v) => text(v) },
  { col: 'province', label: 'report.field.place', path: 'jurisdiction', show: (_v, r) => formatPlace(r as { province: string | null }) },
  { col: 'level', label: 'report.field.level', path: 'jurisdiction.level', show: (v, _r, lang) => levelLabel(v as string | null, lang) },
  { col: 'score', label: 'report.field.score', path: 'score', show: (v) => text(v) },
  {
    col: 'grade',
    label: 'report.field.grade',
    path: 'grade',
    show: (v, r, lang) => (v ? `${gradeLabel(v as string, lang)}${r.grade_source === 'derived' ? t(lang, 'report.field.derivedGrade') : ''}` : '—'),
  },
  { col: 'budget_initial', label: 'report.field.budgetInitial', path: 'budget.initial', show: (v, _r, lang) => formatWan(v as string | null, { lang }) },
  { col: 'budget_adjusted', label: 'report.field.budgetAdjusted', path: 'budget.adjusted', show: (v, _r, lang) => formatWan(v as string | null, { lang }) },
  { col: 'budget_actual', label: 'report.field.budgetActual', path: 'budget.actual', show: (v, _r, lang) => formatWan(v as string | null, { lang }) },
  { col: 'execution_rate', label: 'report.field.rate', path: 'budget.executionRate', show: (v) => formatRate(v as string | null) },
  { col: 'stated_execution_rate', label: 'report.field.statedRate', path: 'budget.statedExecutionRate', show: (v) => formatRate(v as string | null) },
  { col: 'adjustment_rate', label: 'report.field.adjustment', path: 'budget.adjustmentRate', show: (v) => formatRate(v as string | null) },
  { col: 'stated_adjustment_rate', label: 'report.field.statedAdjustment', path: 'budget.statedAdjustmentRate', show: (v) => formatRate(v as string | null) },
];

function text(v: Cell): string {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

function matches(field: string, path: string): boolean {
  return field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);
}

function Quote({ p, file, lang = 'zh' }: { p: ProvRow; file: string; lang?: Lang }) {
  return (
    <figure className="prov">
      <blockquote lang="zh-CN">
        <Highlight text={p.quote} phrases={[p.raw]} />
      </blockquote>
      <figcaption>
        {file} · {t(lang, 'report.quote.chars', { a: text(p.start_offset), b: text(p.end_offset) })}
        {p.raw ? t(lang, 'report.quote.raw', { raw: p.raw }) : ''}
        {p.unit ? t(lang, 'report.quote.unit', { unit: p.unit }) : ''}
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

/** Printing: every collapsed section (<details>) opens for the printout and closes again afterwards. */
function useExpandForPrint(): void {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('main details:not([open])')];
      for (const d of opened) d.open = true;
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
}

export function ReportDetail({ id, filters }: { id: string; filters: Filters }) {
  const lang = useLang();
  const q = useQuery((db) => reportDetail(db, id), ['report', id]);
  useExpandForPrint();
  if (q.error)
    return (
      <div className="page">
        <EmptyState>{t(lang, 'report.loadFailed', { id, msg: q.error.message })}</EmptyState>
      </div>
    );
  if (q.data === undefined) return <div className="page-loading">{t(lang, 'report.loading')}</div>;
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
          {t(lang, 'report.missing', { id })}
          <a href={hrefTo({ page: 'table' }, filters)}>{t(lang, 'report.findInTable')}</a>
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
  const analysis = (page: Page) => (
    <a key={page} className="pill" href={hrefTo({ page }, unitFilters)}>
      {t(lang, `nav.${page}` as MessageKey)}
    </a>
  );
  const checks = [...(d.checks ?? [])].sort((a, b) => Number(a.passed === true) - Number(b.passed === true));
  const failed = checks.filter((c) => c.passed !== true).length;
  const years = [...new Set(sangong.map((s) => String(s.year)))].sort();
  const sgCats = [...new Set(sangong.map((s) => String(s.category)))];

  return (
    <div className="page report">
      <nav className="crumbs" aria-label={t(lang, 'nav.report')}>
        <a href={hrefTo({ page: 'table' }, filters)}>{t(lang, 'nav.table')}</a> › {t(lang, 'nav.report')}
      </nav>
      <PageHead title={text(r.department_name ?? r.title)}>
        {formatPlace(place)} · {r.fiscal_year ? t(lang, 'report.fiscalYear', { y: String(r.fiscal_year) }) : t(lang, 'report.noYear')} ·{' '}
        {kindLabel(r.kind as string, lang)}
        {r.published_date ? ` · ${formatDate(r.published_date as string, lang)}` : ''}
      </PageHead>
      <div className="report-links">
        <span className="muted">{t(lang, 'report.samePlace')}</span>
        {analysis('execution')}
        {analysis('sangong')}
        {analysis('scores')}
        {analysis('problems')}
        {analysis('table')}
        <button type="button" className="btn print-button" onClick={() => window.print()}>
          {t(lang, 'print.button')}
        </button>
      </div>
      <p className="muted small">
        {t(lang, 'report.sourceLine', { file, format: text(r.source_format), sha: String(r.source_sha256 ?? '').slice(0, 16), id })}
        {r.synthetic ? t(lang, 'report.synthetic') : ''}
      </p>

      <section className="card">
        <header className="card-head">
          <h3>{t(lang, 'report.fields')}</h3>
          <span className="muted">{tn(lang, 'report.quotes', { n: prov.length })}</span>
        </header>
        <table className="data fields">
          <thead>
            <tr>
              <th scope="col" style={{ width: '16%' }}>{t(lang, 'report.th.field')}</th>
              <th scope="col" style={{ width: '18%' }}>{t(lang, 'report.th.value')}</th>
              <th scope="col">{t(lang, 'report.th.source')}</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((f) => {
              const ps = provFor(f.path);
              return (
                <tr key={f.col}>
                  <th scope="row">{t(lang, f.label)}</th>
                  <td className={f.col.startsWith('budget') || f.col.includes('rate') ? 'num' : ''}>{f.show(r[f.col], r, lang)}</td>
                  <td>{ps.length ? ps.map((p, i) => <Quote key={i} p={p} file={file} lang={lang} />) : <span className="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <ErrorBoundary what={t(lang, 'report.lines.what')}>
        <section className="card">
          <header className="card-head">
            <h3>{t(lang, 'report.lines')}</h3>
            <span className="muted">{tn(lang, 'common.rows', { n: d.lines.length })}</span>
          </header>
          {d.lines.length ? (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'report.lines.item')}</th>
                  <th scope="col">{t(lang, 'report.lines.scope')}</th>
                  <th scope="col" className="num">{t(lang, 'report.lines.initial')}</th>
                  <th scope="col" className="num">{t(lang, 'report.lines.adjusted')}</th>
                  <th scope="col" className="num">{t(lang, 'report.lines.actual')}</th>
                  <th scope="col" className="num">{t(lang, 'report.lines.rate')}</th>
                  <th scope="col" className="num">{t(lang, 'report.lines.stated')}</th>
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
                        <td>{scopeLabel(l.scope as string, lang)}</td>
                        <td className="num">{formatWan((l.initial as string) ?? null, { lang })}</td>
                        <td className="num">{formatWan((l.adjusted as string) ?? null, { lang })}</td>
                        <td className="num">{formatWan((l.actual as string) ?? null, { lang })}</td>
                        <td className={`num${rate !== null && cmpDecimal(rate, '0.9') < 0 ? ' warn' : ''}`}>{formatRate(rate)}</td>
                        <td className="num">{formatRate((l.stated_rate as string) ?? null)}</td>
                      </tr>
                      {ps.length ? (
                        <tr className="prov-row">
                          <td colSpan={7}>
                            <details>
                              <summary>{t(lang, 'report.lines.sources', { n: ps.length })}</summary>
                              {ps.map((p, j) => (
                                <Quote key={j} p={p} file={file} lang={lang} />
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
            <p className="muted">{t(lang, 'report.lines.none')}</p>
          )}
        </section>
      </ErrorBoundary>

      <ErrorBoundary what={t(lang, 'nav.sangong')}>
        <section className="card">
          <header className="card-head">
            <h3>{t(lang, 'report.sangong')}</h3>
          </header>
          {years.length ? (
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>{t(lang, 'f.category')}</th>
                    {years.map((y) => (
                      <th key={y} scope="colgroup" colSpan={3} className="center">
                        {t(lang, 'common.year', { y })}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    {years.map((y) => (
                      <Fragment key={y}>
                        <th scope="col" className="num">{t(lang, 'f.budget')}</th>
                        <th scope="col" className="num">{t(lang, 'f.actual')}</th>
                        <th scope="col" className="num">{t(lang, 'f.controlRate')}</th>
                      </Fragment>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sgCats.map((c) => (
                    <tr key={c}>
                      <th scope="row">
                        {sangongLabel(c, lang)}
                        {sangong.some((x) => String(x.category) === c && x.derived === true) ? <span className="muted small">{t(lang, 'report.sangong.derived')}</span> : null}
                      </th>
                      {years.map((y) => {
                        const s = sangong.find((x) => String(x.category) === c && String(x.year) === y);
                        const ctl = (s?.control_rate as string | null | undefined) ?? null;
                        return (
                          <Fragment key={y}>
                            <td className="num">{formatWan((s?.budget as string) ?? null, { lang })}</td>
                            <td className="num">{formatWan((s?.actual as string) ?? null, { lang })}</td>
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
            <p className="muted">{t(lang, 'report.sangong.none')}</p>
          )}
        </section>
      </ErrorBoundary>

      <ErrorBoundary what={t(lang, 'report.indicators')}>
        <section className="card">
          <header className="card-head">
            <h3 id="report-indicators-h">{t(lang, 'report.indicators')}</h3>
            <span className="muted">{tn(lang, 'report.indicators.count', { n: d.indicators.length })}</span>
          </header>
          {d.indicators.length ? (
            <div className="table-scroll tall" role="region" aria-labelledby="report-indicators-h" tabIndex={0}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'report.ind.l1')}</th>
                    <th scope="col">{t(lang, 'report.ind.l2')}</th>
                    <th scope="col">{t(lang, 'report.ind.l3')}</th>
                    <th scope="col">{t(lang, 'report.ind.target')}</th>
                    <th scope="col">{t(lang, 'report.ind.actual')}</th>
                    <th scope="col" className="num">{t(lang, 'report.ind.weight')}</th>
                    <th scope="col" className="num">{t(lang, 'report.ind.score')}</th>
                    <th scope="col">{t(lang, 'report.ind.deviation')}</th>
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
            <p className="muted">{t(lang, 'report.indicators.none')}</p>
          )}
        </section>
      </ErrorBoundary>

      <section className="card">
        <header className="card-head">
          <h3>{t(lang, 'report.problems')}</h3>
          <span className="muted">{tn(lang, 'common.items', { n: d.problems.length })}</span>
        </header>
        {d.problems.length ? (
          <ol className="sentences">
            {d.problems.map((p, i) => (
              <li key={i}>
                <blockquote lang="zh-CN">
                  <Highlight text={String(p.text ?? '')} phrases={splitPhrases(p.matched as string)} />
                </blockquote>
                <div className="sentence-meta">
                  {splitPhrases(p.categories as string).map((c) => (
                    <a key={c} className="tag" href={hrefTo({ page: 'problems' }, unitFilters, { cat: c })}>
                      {problemLabel(c, lang)}
                    </a>
                  ))}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t(lang, 'report.problems.none')}</p>
        )}
      </section>

      <section className="card">
        <header className="card-head">
          <h3>{t(lang, 'report.checks')}</h3>
          <span className={failed ? 'warn' : 'muted'}>
            {failed ? t(lang, 'report.checks.failed', { n: failed }) : t(lang, 'report.checks.allPassed')}
            {t(lang, 'report.checks.total', { n: checks.length })}
          </span>
        </header>
        {checks.length ? (
          <table className="data checks">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'report.checks.result')}</th>
                <th scope="col">{t(lang, 'report.checks.severity')}</th>
                <th scope="col">{t(lang, 'report.checks.rule')}</th>
                <th scope="col">{t(lang, 'report.checks.message')}</th>
                <th scope="col">{t(lang, 'report.checks.figures')}</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c, i) => (
                <tr key={i} className={c.passed === true ? 'passed' : 'failed'}>
                  <td>{t(lang, c.passed === true ? 'report.checks.pass' : 'report.checks.fail')}</td>
                  <td>{severityLabel(c.severity as string, lang)}</td>
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
          <p className="muted">{t(lang, 'report.checks.none')}</p>
        )}
      </section>

      <section className="card">
        <header className="card-head">
          <h3>{t(lang, 'report.allQuotes')}</h3>
          <span className="muted">{t(lang, 'report.allQuotes.count', { n: prov.length })}</span>
        </header>
        {prov.length ? (
          <details open={prov.length <= 12}>
            <summary>{t(lang, 'report.allQuotes.byField')}</summary>
            {prov.map((p, i) => (
              <Quote key={i} p={p} file={file} lang={lang} />
            ))}
          </details>
        ) : (
          <p className="muted">{t(lang, 'report.allQuotes.none')}</p>
        )}
      </section>
      <footer className="print-only print-source">
        <p>{t(lang, 'print.source', { file })}</p>
        <p>{t(lang, 'print.url', { url: window.location.href })}</p>
        <p>PerfAtlas 绩效图谱</p>
      </footer>
    </div>
  );
}

export default ReportDetail;
