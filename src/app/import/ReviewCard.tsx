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
import { FIELD_LABELS, type CorrectableField } from './corrections';
import { countyNames, prefectureNames, provinceNames, type PlacePick } from './places';
import { review, type Reviewed, type TextField } from './review';

/** A quoted source, as on the report page (figure.prov): the printed figure and the extracted value highlighted. */
function Quote({ p, file, phrases }: { p: Provenance; file: string; phrases: readonly string[] }) {
  return (
    <figure className="prov">
      <blockquote lang="zh-CN">
        <Highlight text={p.quote} phrases={[p.raw, ...phrases]} />
      </blockquote>
      <figcaption>
        {file} · 字符 {p.start}–{p.end}
        {p.raw ? ` · 原文数字“${p.raw}”` : ''}
        {p.unit ? ` · 单位 ${p.unit}` : ''}
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
  const ps = r.provenance.filter((p) => matches(p.field, path));
  if (!ps.length) return <span className="muted small">未找到原文出处</span>;
  const phrases = valuePhrases(src, path);
  const list = ps.map((p, i) => <Quote key={i} p={p} file={r.source.file} phrases={phrases} />);
  if (!fold && ps.length <= 2) return <>{list}</>;
  return (
    <details>
      <summary className="small">原文出处（{ps.length}）</summary>
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
  const id = useId();
  // The body (quotes, checks) is built only while the card is open: a folder of hundreds of reports stays light.
  const [isOpen, setOpen] = useState(open);
  const corrected = new Set<CorrectableField>(records.map((c) => c.field));
  const failed = r.checks.filter((c) => !c.passed);
  const checks = [...r.checks].sort((a, b) => Number(a.passed) - Number(b.passed));
  const disabled = !!item.added;

  const badge = (f: CorrectableField) =>
    corrected.has(f) ? (
      <span className="fix-badge" title={records.find((c) => c.field === f) ? `原值 ${records.find((c) => c.field === f)!.from}` : ''}>
        已更正
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
          aria-label={`${FIELD_LABELS[f]}（${item.name}）`}
          placeholder="未识别"
          onChange={(e) => review.setText(item.job, f, e.target.value === orig ? undefined : e.target.value)}
        />
        {opts.suffix ? <span className="muted small">{opts.suffix}</span> : null}
        {badge(f)}
        {item.texts[f] !== undefined && !disabled ? (
          <button type="button" className="btn-link small" onClick={() => review.setText(item.job, f, undefined)}>
            恢复原值
          </button>
        ) : null}
        {bad ? <div className="fix-error" role="alert">{bad.message}</div> : null}
      </div>
    );
  };

  const row = (label: string, value: ReactNode, quotes: ReactNode) => (
    <tr>
      <th scope="row">{label}</th>
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
          {r.department.name ?? <span className="warn">单位未识别</span>} · {r.fiscalYear ? `${r.fiscalYear}年度` : <span className="warn">年度未识别</span>} ·{' '}
          {formatPlace(r.jurisdiction)}
        </span>
        <span className="review-flags">
          {records.length ? <span className="fix-badge">{records.length} 处更正</span> : null}
          {failed.length ? <span className="warn small">{failed.length} 项校验未通过</span> : <span className="ok small">校验全部通过</span>}
          {item.added ? <span className="ok small">✓ 已加入</span> : null}
          {rv.blocked && !item.added ? (
            <span className="warn small" title={rv.blocked}>
              不会加入
            </span>
          ) : !item.added && !item.include ? (
            <span className="muted small">未勾选</span>
          ) : null}
        </span>
      </summary>
      {isOpen ? (
        <>
          {rv.blocked && !item.added ? <p className="warn small review-blocked">{rv.blocked}</p> : null}
          {item.added ? (
            <p className="small">
              已加入数据集。<a href={`#/report/${encodeURIComponent(r.id)}`}>查看报告详情 →</a>
            </p>
          ) : null}
          <table className="data fields review-fields">
            <thead>
              <tr>
                <th style={{ width: '13%' }}>字段</th>
                <th style={{ width: '37%' }}>值（可更正）</th>
                <th>原文出处</th>
              </tr>
            </thead>
            <tbody>
              {row(
                '报告类型',
                <div className="fix-field">
                  <select
                    value={item.kind ?? original.kind}
                    disabled={disabled}
                    aria-label={`报告类型（${item.name}）`}
                    onChange={(e) => review.setKind(item.job, e.target.value === original.kind ? undefined : (e.target.value as Report['kind']))}
                  >
                    {REPORT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {kindLabel(k)}
                      </option>
                    ))}
                  </select>
                  {badge('kind')}
                </div>,
                <Quotes r={r} path="title" />,
              )}
              {row('年度', textInput('fiscalYear', { width: 80, suffix: '年', inputMode: 'numeric' }), <Quotes r={r} path="fiscalYear" src={original} />)}
              {row(
                '单位',
                <>
                  {textInput('department.name', { width: 300 })}
                  <div className="muted small">行业：{r.department.sector ?? '—'}</div>
                </>,
                <Quotes r={r} path="department.name" src={original} />,
              )}
              {row(
                '地区',
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
                '自评得分 / 等级',
                <>
                  {textInput('score', { width: 80, suffix: '分', inputMode: 'decimal' })}
                  <div className="muted small">
                    等级：{r.grade ? `${gradeLabel(r.grade)}${r.gradeSource === 'derived' ? '（按得分推定）' : '（报告所列）'}` : '—'}
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
                    FIELD_LABELS[f],
                    <>
                      {textInput(f, { width: 140, suffix: '万元', inputMode: 'decimal' })}
                      <div className="muted small">{formatWan(r.budget[f.slice(7) as 'initial' | 'adjusted' | 'actual'])}</div>
                    </>,
                    <Quotes r={r} path={f} />,
                  )}
                </Fragment>
              ))}
              {row(
                '执行率',
                <span>
                  计算 {formatRate(r.budget.executionRate)} · 报告所列 {formatRate(r.budget.statedExecutionRate)}
                </span>,
                <Quotes r={r} path="budget.statedExecutionRate" />,
              )}
              {row(
                '预算资金明细',
                `${r.lines.length} 行`,
                r.lines.length ? (
                  <details>
                    <summary className="small">查看明细</summary>
                    <table className="data mini">
                      <thead>
                        <tr>
                          <th>项目</th>
                          <th>口径</th>
                          <th className="num">年初预算</th>
                          <th className="num">全年预算</th>
                          <th className="num">执行数</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.lines.map((l, i) => (
                          <tr key={i}>
                            <td>{l.name}</td>
                            <td>{scopeLabel(l.scope)}</td>
                            <td className="num">{formatWan(l.initial)}</td>
                            <td className="num">{formatWan(l.adjusted)}</td>
                            <td className="num">{formatWan(l.actual)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <Quotes r={r} path="lines" fold />
                  </details>
                ) : (
                  <span className="muted small">没有识别出预算明细</span>
                ),
              )}
              {row(
                '三公经费',
                `${r.sangong.length} 行${years.length ? `（${years.join('、')}年）` : ''}`,
                r.sangong.length ? (
                  <details>
                    <summary className="small">查看三公经费</summary>
                    <table className="data mini">
                      <thead>
                        <tr>
                          <th>年度</th>
                          <th>类别</th>
                          <th className="num">预算数</th>
                          <th className="num">决算数</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.sangong.map((s, i) => (
                          <tr key={i}>
                            <td>{s.year}</td>
                            <td>{sangongLabel(s.category)}</td>
                            <td className="num">{formatWan(s.budget)}</td>
                            <td className="num">{formatWan(s.actual)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <Quotes r={r} path="sangong" fold />
                  </details>
                ) : (
                  <span className="muted small">没有识别出三公经费</span>
                ),
              )}
              {row('绩效指标', `${r.indicators.length} 项`, <span className="muted small">{r.indicators.length ? '见报告详情页（加入后）' : '没有识别出绩效指标表'}</span>)}
              {row(
                '存在的问题',
                `${r.problems.length} 条`,
                r.problems.length ? (
                  <details>
                    <summary className="small">查看问题原文</summary>
                    <ol className="sentences">
                      {r.problems.map((p, i) => (
                        <li key={i}>
                          <blockquote>
                            <Highlight text={p.text} phrases={p.matched} />
                          </blockquote>
                          <div className="sentence-meta">
                            {p.categories.map((c) => (
                              <span key={c} className="tag">
                                {problemLabel(c)}
                              </span>
                            ))}
                          </div>
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : (
                  <span className="muted small">没有识别出“存在的问题”</span>
                ),
              )}
              {r.warnings.length
                ? row(
                    '抽取提示',
                    `${r.warnings.length} 条`,
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
              数据校验 <span className={failed.length ? 'warn' : 'muted'}>{failed.length ? `${failed.length} 项未通过` : '全部通过'} / 共 {checks.length} 项</span>
              {records.length ? <span className="muted small">（已按更正后的数值重新校验）</span> : null}
            </h4>
            {checks.length ? (
              <table className="data checks">
                <thead>
                  <tr>
                    <th>结果</th>
                    <th>级别</th>
                    <th>规则</th>
                    <th>说明</th>
                  </tr>
                </thead>
                <tbody>
                  {checks.map((c, i) => (
                    <tr key={i} className={c.passed ? 'passed' : 'failed'}>
                      <td>{c.passed ? '✓ 通过' : '✗ 未通过'}</td>
                      <td>{severityLabel(c.severity)}</td>
                      <td>
                        <code>{c.rule}</code>
                      </td>
                      <td className="wrap">{c.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted small">没有可运行的校验（缺少相关数字）。</p>
            )}
          </div>
          <div className="review-foot">
            <label className="chip-check">
              <input type="checkbox" checked={item.include && !rv.blocked} disabled={disabled || !!rv.blocked} onChange={(e) => review.setInclude(item.job, e.target.checked)} />
              加入数据集
            </label>
            {records.length && !disabled ? (
              <button type="button" className="btn-link" onClick={() => review.resetEdits(item.job)}>
                撤销全部更正
              </button>
            ) : null}
            {!disabled ? (
              <button type="button" className="btn-link" onClick={() => review.remove(item.job)}>
                移除此文件
              </button>
            ) : null}
            <span className="muted small">
              报告编号 {r.id} · {r.source.format.toUpperCase()} · {r.provenance.length} 处原文引用
            </span>
          </div>
        </>
      ) : null}
    </details>
  );
}

function PlaceEditor({ rv, disabled, onChange }: { rv: Reviewed; disabled: boolean; onChange: (p: PlacePick) => void }) {
  const { options } = useData();
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
      <select id={`${id}-p`} aria-label="省" value={cur.province ?? ''} disabled={disabled} onChange={(e) => onChange({ province: e.target.value || null, prefecture: null, county: null })}>
        <option value="">（省）</option>
        {provs.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <select aria-label="市" value={cur.prefecture ?? ''} disabled={disabled || !cur.province} onChange={(e) => onChange({ ...cur, prefecture: e.target.value || null, county: null })}>
        <option value="">（市：无 / 直辖）</option>
        {prefs.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <select aria-label="县区" value={cur.county ?? ''} disabled={disabled || !cur.province} onChange={(e) => onChange({ ...cur, county: e.target.value || null })}>
        <option value="">（县区：无）</option>
        {counties.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      {known.length ? (
        <select
          aria-label="从数据集中已有的地区选择"
          value=""
          disabled={disabled}
          onChange={(e) => {
            const p = options.places[Number(e.target.value)];
            if (p) onChange({ province: p.province, prefecture: p.prefecture, county: p.county });
          }}
        >
          <option value="">已有地区…</option>
          {uniq(known).map((k) => (
            <option key={k} value={known.indexOf(k)}>
              {k}
            </option>
          ))}
        </select>
      ) : null}
      {rv.records.some((c) => c.field === 'jurisdiction') ? <span className="fix-badge">已更正</span> : null}
      <div className="muted small">
        层级：{levelLabel(j.level)} · 区划代码 {j.code ?? '—'}
      </div>
    </div>
  );
}
