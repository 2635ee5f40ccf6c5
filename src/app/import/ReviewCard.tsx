/**
 * One extracted report under review: every field with the source text it came from (the report page's provenance
 * display), inputs to correct a value, and the checks re-run on the corrected report (failed first).
 */
import { Fragment, useId, useState, type ReactNode } from 'react';
import type { Provenance, Report } from '../../model/report';
import { REPORT_KINDS } from '../../model/report';
import { formatRate, formatWan } from '../../money/decimal';
import { Highlight } from '../components/bits';
import { useData } from '../data';
import { formatPlace } from '../format';
import { gradeLabel, kindLabel, levelLabel, problemLabel, sangongLabel, scopeLabel, severityLabel } from '../i18n/labels';
import type { MessageKey } from '../i18n/messages';
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';
import { hrefTo, useAppState } from '../url-state';
import type { CorrectableField } from './corrections';
import { countyNames, prefectureNames, provinceNames, type PlacePick } from './places';
import { review, type Reviewed, type TextField } from './review';

/** The interface name of each correctable field (corrections.ts FIELD_LABELS is the Chinese stored with a batch). */
const FIELD_KEYS: Record<CorrectableField, MessageKey> = {
  kind: 'rc.kind',
  fiscalYear: 'rc.year',
  'department.name': 'rc.unit2',
  jurisdiction: 'rc.place',
  score: 'rc.scoreField',
  'budget.initial': 'rc.budget.initial',
  'budget.adjusted': 'rc.budget.adjusted',
  'budget.actual': 'rc.budget.actual',
};

/** A quoted source, as on the report page (figure.prov): the printed figure and the extracted value highlighted. */
function Quote({ p, file, phrases }: { p: Provenance; file: string; phrases: readonly string[] }) {
  const t = useT();
  return (
    <figure className="prov">
      <blockquote lang="zh-CN">
        <Highlight text={p.quote} phrases={[p.raw, ...phrases]} />
      </blockquote>
      <figcaption>
        {file}
        {t('rc.chars', { start: p.start, end: p.end })}
        {p.raw ? t('rc.raw', { raw: p.raw }) : ''}
        {p.unit ? t('rc.unit', { unit: p.unit }) : ''}
        <span className="muted"> · {p.field}</span>
      </figcaption>
    </figure>
  );
}

function matches(field: string, path: string): boolean {
  return field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);
}

/** What to highlight in a quote besides the printed figure: the value the extractor read there. */
function valuePhrases(r: Report, path: string): string[] {
  const out: (string | null)[] = [];
  if (path === 'fiscalYear' && r.fiscalYear) out.push(`${r.fiscalYear}年度`, `${r.fiscalYear}年`, String(r.fiscalYear));
  if (path === 'department.name') out.push(r.department.name);
  if (path === 'jurisdiction') {
    const j = r.jurisdiction;
    for (const n of [j.province, j.prefecture, j.county]) if (n) out.push(n, n.replace(/(省|市|区|县|自治区|自治州)$/, ''));
  }
  return out.filter((x): x is string => !!x && x.length >= 2);
}

function Quotes({ r, path, fold, src = r }: { r: Report; path: string; fold?: boolean; src?: Report }) {
  const t = useT();
  const ps = r.provenance.filter((p) => matches(p.field, path));
  if (!ps.length) return <span className="muted small">{t('rc.noQuote')}</span>;
  const phrases = valuePhrases(src, path);
  const list = ps.map((p, i) => <Quote key={i} p={p} file={r.source.file} phrases={phrases} />);
  if (!fold && ps.length <= 2) return <>{list}</>;
  return (
    <details>
      <summary className="small">{t('rc.quotes', { n: ps.length })}</summary>
      {list}
    </details>
  );
}

function originalText(r: Report, f: TextField): string {
  switch (f) {
    case 'fiscalYear':
      return r.fiscalYear === null ? '' : String(r.fiscalYear);
    case 'department.name':
      return r.department.name ?? '';
    case 'score':
      return r.score ?? '';
    case 'budget.initial':
      return r.budget.initial ?? '';
    case 'budget.adjusted':
      return r.budget.adjusted ?? '';
    case 'budget.actual':
      return r.budget.actual ?? '';
  }
}

const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
const withCurrent = (list: string[], cur: string | null) => (cur && !list.includes(cur) ? [cur, ...list] : list);

export function ReviewCard({ rv, open }: { rv: Reviewed; open: boolean }) {
  const { item, original, report: r, records, invalid } = rv;
  const lang = useLang();
  const t = useT();
  const { filters } = useAppState();
  const id = useId();
  // The body (quotes, checks) is built only while the card is open: a folder of hundreds of reports stays light.
  const [isOpen, setOpen] = useState(open);
  const corrected = new Set<CorrectableField>(records.map((c) => c.field));
  const failed = r.checks.filter((c) => !c.passed);
  const checks = [...r.checks].sort((a, b) => Number(a.passed) - Number(b.passed));
  const disabled = !!item.added;

  const badge = (f: CorrectableField) =>
    corrected.has(f) ? (
      <span className="fix-badge" title={records.find((c) => c.field === f) ? t('rc.from', { from: records.find((c) => c.field === f)!.from }) : ''}>
        {t('rc.corrected')}
      </span>
    ) : null;

  const textInput = (f: TextField, opts: { width?: number; suffix?: string; inputMode?: 'numeric' | 'decimal' } = {}) => {
    const orig = originalText(original, f);
    const value = item.texts[f] ?? orig;
    const bad = invalid.find((x) => x.field === f);
    return (
      <div className="fix-field">
        <input
          id={`${id}-${f}`}
          type="text"
          value={value}
          disabled={disabled}
          inputMode={opts.inputMode}
          style={opts.width ? { width: opts.width } : undefined}
          aria-invalid={bad ? true : undefined}
          aria-label={t('rc.fieldOf', { label: t(FIELD_KEYS[f]), file: item.name })}
          placeholder={t('rc.unrecognized')}
          onChange={(e) => review.setText(item.job, f, e.target.value === orig ? undefined : e.target.value)}
        />
        {opts.suffix ? <span className="muted small">{opts.suffix}</span> : null}
        {badge(f)}
        {item.texts[f] !== undefined && !disabled ? (
          <button type="button" className="btn-link small" onClick={() => review.setText(item.job, f, undefined)}>
            {t('rc.restore')}
          </button>
        ) : null}
        {bad ? <div className="fix-error" role="alert">{bad.message}</div> : null}
      </div>
    );
  };

  const row = (label: string, value: ReactNode, quotes: ReactNode) => (
    <tr>
      {/* English labels are longer than the 13% column: let them wrap (table.fields keeps row heads on one line). */}
      <th scope="row" style={lang === 'en' ? { whiteSpace: 'normal' } : undefined}>
        {label}
      </th>
      <td>{value}</td>
      <td>{quotes}</td>
    </tr>
  );

  const years = [...new Set(r.sangong.map((s) => s.year))].sort();

  return (
    <details
      className={`card review-card${rv.blocked ? ' blocked' : ''}${item.added ? ' added' : ''}`}
      open={isOpen}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      data-file={item.name}
    >
      <summary className="review-summary">
        <span className="review-file" title={item.name}>
          {item.name}
        </span>
        <span className="review-what">
          {r.department.name ?? <span className="warn">{t('rf.unitUnknown')}</span>} ·{' '}
          {r.fiscalYear ? t('rc.yearOf', { y: r.fiscalYear }) : <span className="warn">{t('rf.yearUnknown')}</span>} ·{' '}
          {formatPlace(r.jurisdiction)}
        </span>
        <span className="review-flags">
          {records.length ? <span className="fix-badge">{tn(lang, 'rc.nFixes', { n: records.length })}</span> : null}
          {failed.length ? <span className="warn small">{tn(lang, 'rc.nFailed', { n: failed.length })}</span> : <span className="ok small">{t('rc.allPassed')}</span>}
          {item.added ? <span className="ok small">{t('rc.added')}</span> : null}
          {rv.blocked && !item.added ? (
            <span className="warn small" title={rv.blocked}>
              {t('rc.wontAdd')}
            </span>
          ) : !item.added && !item.include ? (
            <span className="muted small">{t('rc.unticked')}</span>
          ) : null}
        </span>
      </summary>
      {isOpen ? (
        <>
          {rv.blocked && !item.added ? <p className="warn small review-blocked">{rv.blocked}</p> : null}
          {item.added ? (
            <p className="small">
              {t('rc.addedNote')}
              <a href={hrefTo({ page: 'report', id: r.id }, filters)}>{t('rc.viewReport')}</a>
            </p>
          ) : null}
          <table className="data fields review-fields">
            <thead>
              <tr>
                <th style={{ width: '13%' }}>{t('rc.field')}</th>
                <th style={{ width: '37%' }}>{t('rc.value')}</th>
                <th>{t('rc.source')}</th>
              </tr>
            </thead>
            <tbody>
              {row(
                t('rc.kind'),
                <div className="fix-field">
                  <select
                    value={item.kind ?? original.kind}
                    disabled={disabled}
                    aria-label={t('rc.fieldOf', { label: t('rc.kind'), file: item.name })}
                    onChange={(e) => review.setKind(item.job, e.target.value === original.kind ? undefined : (e.target.value as Report['kind']))}
                  >
                    {REPORT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {kindLabel(k, lang)}
                      </option>
                    ))}
                  </select>
                  {badge('kind')}
                </div>,
                <Quotes r={r} path="title" />,
              )}
              {row(t('rc.year'), textInput('fiscalYear', { width: 80, suffix: t('rc.yearSuffix'), inputMode: 'numeric' }), <Quotes r={r} path="fiscalYear" src={original} />)}
              {row(
                t('rc.unit2'),
                <>
                  {textInput('department.name', { width: 300 })}
                  <div className="muted small">{t('rc.sector', { s: r.department.sector ?? '—' })}</div>
                </>,
                <Quotes r={r} path="department.name" src={original} />,
              )}
              {row(
                t('rc.place'),
                <PlaceEditor
                  rv={rv}
                  disabled={disabled}
                  onChange={(p) => {
                    const o = original.jurisdiction;
                    const same = p.province === o.province && p.prefecture === o.prefecture && p.county === o.county;
                    review.setPlace(item.job, same ? undefined : p);
                  }}
                />,
                <Quotes r={r} path="jurisdiction" fold src={original} />,
              )}
              {row(
                t('rc.score'),
                <>
                  {textInput('score', { width: 80, suffix: t('rc.scoreSuffix'), inputMode: 'decimal' })}
                  <div className="muted small">
                    {t('rc.grade', { g: r.grade ? `${gradeLabel(r.grade, lang)}${t(r.gradeSource === 'derived' ? 'rc.gradeDerived' : 'rc.gradeStated')}` : '—' })}
                  </div>
                </>,
                <>
                  <Quotes r={r} path="score" />
                  {r.gradeSource === 'stated' ? <Quotes r={r} path="grade" /> : null}
                </>,
              )}
              {(['budget.initial', 'budget.adjusted', 'budget.actual'] as const).map((f) => (
                <Fragment key={f}>
                  {row(
                    t(FIELD_KEYS[f]),
                    <>
                      {textInput(f, { width: 140, suffix: t('rc.wan'), inputMode: 'decimal' })}
                      <div className="muted small">{formatWan(r.budget[f.slice(7) as 'initial' | 'adjusted' | 'actual'], { lang })}</div>
                    </>,
                    <Quotes r={r} path={f} />,
                  )}
                </Fragment>
              ))}
              {row(
                t('rc.execRate'),
                <span>{t('rc.execRateVal', { calc: formatRate(r.budget.executionRate), stated: formatRate(r.budget.statedExecutionRate) })}</span>,
                <Quotes r={r} path="budget.statedExecutionRate" />,
              )}
              {row(
                t('rc.lines'),
                tn(lang, 'rc.nRows', { n: r.lines.length }),
                r.lines.length ? (
                  <details>
                    <summary className="small">{t('rc.viewLines')}</summary>
                    <table className="data mini">
                      <thead>
                        <tr>
                          <th>{t('rc.item')}</th>
                          <th>{t('rc.scope')}</th>
                          <th className="num">{t('rc.initial')}</th>
                          <th className="num">{t('rc.adjusted')}</th>
                          <th className="num">{t('rc.actual')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.lines.map((l, i) => (
                          <tr key={i}>
                            <td>{l.name}</td>
                            <td>{scopeLabel(l.scope, lang)}</td>
                            <td className="num">{formatWan(l.initial, { lang })}</td>
                            <td className="num">{formatWan(l.adjusted, { lang })}</td>
                            <td className="num">{formatWan(l.actual, { lang })}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <Quotes r={r} path="lines" fold />
                  </details>
                ) : (
                  <span className="muted small">{t('rc.noLines')}</span>
                ),
              )}
              {row(
                t('rc.sangong'),
                `${tn(lang, 'rc.nRows', { n: r.sangong.length })}${years.length ? t('rc.sangongYears', { years: years.join(t('filters.listSep')) }) : ''}`,
                r.sangong.length ? (
                  <details>
                    <summary className="small">{t('rc.viewSangong')}</summary>
                    <table className="data mini">
                      <thead>
                        <tr>
                          <th>{t('rc.year')}</th>
                          <th>{t('rc.category')}</th>
                          <th className="num">{t('rc.budgetCol')}</th>
                          <th className="num">{t('rc.actualCol')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.sangong.map((s, i) => (
                          <tr key={i}>
                            <td>{s.year}</td>
                            <td>{sangongLabel(s.category, lang)}</td>
                            <td className="num">{formatWan(s.budget, { lang })}</td>
                            <td className="num">{formatWan(s.actual, { lang })}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <Quotes r={r} path="sangong" fold />
                  </details>
                ) : (
                  <span className="muted small">{t('rc.noSangong')}</span>
                ),
              )}
              {row(
                t('rc.indicators'),
                t('rc.nItems', { n: r.indicators.length }),
                <span className="muted small">{t(r.indicators.length ? 'rc.indicatorsLater' : 'rc.noIndicators')}</span>,
              )}
              {row(
                t('rc.problems'),
                t('rc.nProblems', { n: r.problems.length }),
                r.problems.length ? (
                  <details>
                    <summary className="small">{t('rc.viewProblems')}</summary>
                    <ol className="sentences">
                      {r.problems.map((p, i) => (
                        <li key={i}>
                          <blockquote>
                            <Highlight text={p.text} phrases={p.matched} />
                          </blockquote>
                          <div className="sentence-meta">
                            {p.categories.map((c) => (
                              <span key={c} className="tag">
                                {problemLabel(c, lang)}
                              </span>
                            ))}
                          </div>
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : (
                  <span className="muted small">{t('rc.noProblems')}</span>
                ),
              )}
              {r.warnings.length
                ? row(
                    t('rc.warnings'),
                    t('rc.nProblems', { n: r.warnings.length }),
                    <ul className="warn-list">
                      {r.warnings.map((w, i) => (
                        <li key={i} className={w.message.startsWith('人工更正') ? 'fix' : ''}>
                          <code>{w.field}</code> {w.message}
                        </li>
                      ))}
                    </ul>,
                  )
                : null}
            </tbody>
          </table>
          <div className="review-checks">
            <h4>
              {t('rc.checks')}{' '}
              <span className={failed.length ? 'warn' : 'muted'}>
                {failed.length ? t('rc.checksFailed', { n: failed.length }) : t('rc.checksAll')}
                {t('rc.checksTotal', { n: checks.length })}
              </span>
              {records.length ? <span className="muted small">{t('rc.rechecked')}</span> : null}
            </h4>
            {checks.length ? (
              <table className="data checks">
                <thead>
                  <tr>
                    <th>{t('rc.result')}</th>
                    <th>{t('rc.severity')}</th>
                    <th>{t('rc.rule')}</th>
                    <th>{t('rc.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {checks.map((c, i) => (
                    <tr key={i} className={c.passed ? 'passed' : 'failed'}>
                      <td>{t(c.passed ? 'rc.pass' : 'rc.fail')}</td>
                      <td>{severityLabel(c.severity, lang)}</td>
                      <td>
                        <code>{c.rule}</code>
                      </td>
                      <td className="wrap">{c.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted small">{t('rc.noChecks')}</p>
            )}
          </div>
          <div className="review-foot">
            <label className="chip-check">
              <input type="checkbox" checked={item.include && !rv.blocked} disabled={disabled || !!rv.blocked} onChange={(e) => review.setInclude(item.job, e.target.checked)} />
              {t('rc.include')}
            </label>
            {records.length && !disabled ? (
              <button type="button" className="btn-link" onClick={() => review.resetEdits(item.job)}>
                {t('rc.resetAll')}
              </button>
            ) : null}
            {!disabled ? (
              <button type="button" className="btn-link" onClick={() => review.remove(item.job)}>
                {t('rc.remove')}
              </button>
            ) : null}
            <span className="muted small">
              {tn(lang, 'rc.foot', { n: r.provenance.length }, { id: r.id, format: r.source.format.toUpperCase() })}
            </span>
          </div>
        </>
      ) : null}
    </details>
  );
}

function PlaceEditor({ rv, disabled, onChange }: { rv: Reviewed; disabled: boolean; onChange: (p: PlacePick) => void }) {
  const { options } = useData();
  const lang = useLang();
  const t = useT();
  const id = useId();
  const cur: PlacePick = rv.item.place ?? {
    province: rv.original.jurisdiction.province,
    prefecture: rv.original.jurisdiction.prefecture,
    county: rv.original.jurisdiction.county,
  };
  const provs = withCurrent(provinceNames(), cur.province);
  const prefs = withCurrent(prefectureNames(cur.province), cur.prefecture);
  const counties = withCurrent(countyNames(cur.province, cur.prefecture), cur.county);
  const known = options.places.map((p) => formatPlace(p));
  const j = rv.report.jurisdiction;
  return (
    <div className="fix-field place-editor">
      <select id={`${id}-p`} aria-label={t('rc.province')} value={cur.province ?? ''} disabled={disabled} onChange={(e) => onChange({ province: e.target.value || null, prefecture: null, county: null })}>
        <option value="">{t('rc.provinceOpt')}</option>
        {provs.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <select aria-label={t('rc.prefecture')} value={cur.prefecture ?? ''} disabled={disabled || !cur.province} onChange={(e) => onChange({ ...cur, prefecture: e.target.value || null, county: null })}>
        <option value="">{t('rc.prefectureOpt')}</option>
        {prefs.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <select aria-label={t('rc.county')} value={cur.county ?? ''} disabled={disabled || !cur.province} onChange={(e) => onChange({ ...cur, county: e.target.value || null })}>
        <option value="">{t('rc.countyOpt')}</option>
        {counties.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      {known.length ? (
        <select
          aria-label={t('rc.knownPlaces')}
          value=""
          disabled={disabled}
          onChange={(e) => {
            const p = options.places[Number(e.target.value)];
            if (p) onChange({ province: p.province, prefecture: p.prefecture, county: p.county });
          }}
        >
          <option value="">{t('rc.knownOpt')}</option>
          {uniq(known).map((k) => (
            <option key={k} value={known.indexOf(k)}>
              {k}
            </option>
          ))}
        </select>
      ) : null}
      {rv.records.some((c) => c.field === 'jurisdiction') ? <span className="fix-badge">{t('rc.corrected')}</span> : null}
      <div className="muted small">{t('rc.level', { level: levelLabel(j.level, lang), code: j.code ?? '—' })}</div>
    </div>
  );
}
