/** 问题分类: how often each category is named, where, and the quoted sentences behind every count. */
import { useCallback } from 'react';
import { problemFrequency, problemHeatmap, problemSentences } from '../../metrics/problems';
import type { Filters } from '../../metrics/filters';
import { problemFrequencyOption, problemHeatmapOption, type BuildOptions, type ProblemFrequencyRow } from '../../charts';
import '../components/echarts-extras';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { Highlight, PageHead } from '../components/bits';
import { useQuery } from '../data';
import { emptyReason } from '../format';
import { splitPhrases } from '../highlight';
import { problemLabel } from '../i18n/labels';
import { hrefTo, setView, type ViewState } from '../url-state';

const LIST_LIMIT = 200;

export function Problems({ filters, view }: { filters: Filters; view: ViewState }) {
  const cat = view.cat ?? null;
  const place = view.place ?? null;
  const freq = useQuery((db) => problemFrequency(db, filters), ['problemFreq', filters]);
  const heat = useQuery((db) => problemHeatmap(db, filters), ['problemHeat', filters]);
  const sentences = useQuery((db) => problemSentences(db, filters, cat), ['problemSentences', filters, cat]);
  const reason = emptyReason(filters, '问题记录');
  const select = (e: ChartClick) => {
    const d = e.data as { category?: string; place?: string } | null;
    if (d?.category) setView({ cat: d.category, place: d.place ?? null });
  };
  const buildFreq = useCallback(
    (rows: ProblemFrequencyRow[], o: BuildOptions) => problemFrequencyOption(rows, { ...o, selected: cat }),
    [cat],
  );
  const list = (sentences.data ?? []).filter((r) => !place || r.place === place);

  return (
    <div className="page">
      <PageHead title="问题分类">
        报告“存在的问题”一节中的每条问题按 15 类归类（一条可属多类）。点击柱子或热力图格子，下方列出原文句子，命中的关键词高亮。
      </PageHead>
      <div className="grid-2">
        <ChartCard
          title="各类问题出现频次"
          note="按提到该类问题的报告数排序；点击柱子查看原文。"
          query={freq}
          build={buildFreq}
          emptyReason={reason}
          height={420}
          onClick={select}
        />
        <ChartCard
          title="问题类别 × 地区"
          note="格子中的数字为问题条数；点击格子查看该地区该类问题的原文。"
          query={heat}
          build={problemHeatmapOption}
          emptyReason={reason}
          height={420}
          onClick={select}
        />
      </div>
      <section className="card" id="problem-sentences">
        <header className="card-head">
          <h3>
            问题原文
            {cat ? `：${problemLabel(cat)}` : ''}
            {place ? ` · ${place}` : ''}
          </h3>
          <div className="card-actions">
            <label className="inline-select">
              <span className="muted">类别</span>
              <select name="category" value={cat ?? ''} onChange={(e) => setView({ cat: e.target.value || null })}>
                <option value="">全部类别</option>
                {(freq.data ?? []).map((r) => (
                  <option key={r.category} value={r.category}>
                    {problemLabel(r.category)}（{r.reports}）
                  </option>
                ))}
                {cat && !(freq.data ?? []).some((r) => r.category === cat) ? <option value={cat}>{problemLabel(cat)}</option> : null}
              </select>
            </label>
            <span className="muted">{sentences.data ? `${list.length} 条` : '…'}</span>
            {cat || place ? (
              <button type="button" className="btn-link" onClick={() => setView({ cat: null, place: null })}>
                显示全部类别
              </button>
            ) : null}
          </div>
        </header>
        {!cat && !place ? <p className="card-note">未选择类别：列出全部问题。点击上方图表按类别或地区筛选。</p> : null}
        {sentences.error ? <p className="warn">查询失败：{sentences.error.message}</p> : null}
        {sentences.data && !list.length ? <p className="muted">{reason}{cat ? `；类别 ${problemLabel(cat)}` : ''}{place ? `；地区 ${place}` : ''}</p> : null}
        <ol className="sentences">
          {list.slice(0, LIST_LIMIT).map((r) => (
            <li key={`${r.report_id}-${r.problem_no}`}>
              <blockquote>
                <Highlight text={r.text} phrases={splitPhrases(r.matched)} />
              </blockquote>
              <div className="sentence-meta">
                <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>
                  {r.department_name ?? '（未识别单位）'} {r.fiscal_year ?? ''}
                </a>
                <span className="muted">{r.place ?? ''}</span>
                {splitPhrases(r.categories).map((c) => (
                  <button
                    type="button"
                    key={c}
                    className={`tag${c === cat ? ' on' : ''}`}
                    onClick={() => setView({ cat: c })}
                    title="只看这一类"
                  >
                    {problemLabel(c)}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ol>
        {list.length > LIST_LIMIT ? <p className="muted">仅显示前 {LIST_LIMIT} 条；缩小筛选范围查看更多。</p> : null}
      </section>
    </div>
  );
}

export default Problems;
