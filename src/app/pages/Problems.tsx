/** 问题分类: how often each category is named, where, and the quoted sentences behind every count. */
import { problemFrequency, problemHeatmap, problemSentences } from '../../metrics/problems';
import type { Filters } from '../../metrics/filters';
import '../components/echarts-extras';
import { ChartCard } from '../components/ChartCard';
import type { ChartClick } from '../components/EChart';
import { Highlight, PageHead } from '../components/bits';
import { useQuery } from '../data';
import { CHARTS } from '../embed/registry';
import { emptyReason } from '../format';
import { splitPhrases } from '../highlight';
import { problemLabel } from '../i18n/labels';
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';
import { hrefTo, setView, type ViewState } from '../url-state';

const LIST_LIMIT = 200;

export function Problems({ filters, view }: { filters: Filters; view: ViewState }) {
  const lang = useLang();
  const t = useT();
  const cat = view.cat ?? null;
  const place = view.place ?? null;
  const freq = useQuery((db) => problemFrequency(db, filters), ['problemFreq', filters]);
  const heat = useQuery((db) => problemHeatmap(db, filters), ['problemHeat', filters]);
  const sentences = useQuery((db) => problemSentences(db, filters, cat), ['problemSentences', filters, cat]);
  const reason = emptyReason(filters, t('what.problems'), lang);
  const select = (e: ChartClick) => {
    const d = e.data as { category?: string; place?: string } | null;
    if (d?.category) setView({ cat: d.category, place: d.place ?? null });
  };
  const list = (sentences.data ?? []).filter((r) => !place || r.place === place);
  const colon = lang === 'en' ? ': ' : '：';

  return (
    <div className="page">
      <PageHead title={t('problems.title')}>{t('problems.lead')}</PageHead>
      <div className="grid-2">
        <ChartCard
          chartId="problems-frequency"
          title={t('problems.frequency')}
          note={t('problems.frequencyNote')}
          query={freq}
          build={CHARTS['problems-frequency'].build}
          emptyReason={reason}
          height={420}
          onClick={select}
        />
        <ChartCard
          chartId="problems-heatmap"
          title={t('problems.heatmap')}
          note={t('problems.heatmapNote')}
          query={heat}
          build={CHARTS['problems-heatmap'].build}
          emptyReason={reason}
          height={420}
          onClick={select}
        />
      </div>
      <section className="card" id="problem-sentences" aria-labelledby="problem-sentences-h">
        <header className="card-head">
          <h3 id="problem-sentences-h">
            {t('problems.sentences')}
            {cat ? `${colon}${problemLabel(cat, lang)}` : ''}
            {place ? ` · ${place}` : ''}
          </h3>
          <div className="card-actions">
            <label className="inline-select">
              <span className="muted">{t('problems.category')}</span>
              <select name="category" value={cat ?? ''} onChange={(e) => setView({ cat: e.target.value || null })}>
                <option value="">{t('problems.allCategories')}</option>
                {(freq.data ?? []).map((r) => (
                  <option key={r.category} value={r.category}>
                    {problemLabel(r.category, lang)}
                    {lang === 'en' ? ` (${r.reports})` : `（${r.reports}）`}
                  </option>
                ))}
                {cat && !(freq.data ?? []).some((r) => r.category === cat) ? <option value={cat}>{problemLabel(cat, lang)}</option> : null}
              </select>
            </label>
            <span className="muted">{sentences.data ? tn(lang, 'common.items', { n: list.length }) : '…'}</span>
            {cat || place ? (
              <button type="button" className="btn-link" onClick={() => setView({ cat: null, place: null })}>
                {t('problems.showAll')}
              </button>
            ) : null}
          </div>
        </header>
        {!cat && !place ? <p className="card-note">{t('problems.noneSelected')}</p> : null}
        {sentences.error ? <p className="warn">{t('common.queryFailedMsg', { msg: sentences.error.message })}</p> : null}
        {sentences.data && !list.length ? (
          <p className="muted">
            {reason}
            {cat ? t('problems.withCategory', { v: problemLabel(cat, lang) }) : ''}
            {place ? t('problems.withPlace', { v: place }) : ''}
          </p>
        ) : null}
        <ol className="sentences">
          {list.slice(0, LIST_LIMIT).map((r) => (
            <li key={`${r.report_id}-${r.problem_no}`}>
              <blockquote lang="zh-CN">
                <Highlight text={r.text} phrases={splitPhrases(r.matched)} />
              </blockquote>
              <div className="sentence-meta">
                <a href={hrefTo({ page: 'report', id: r.report_id }, filters)}>
                  {r.department_name ?? t('common.unknownUnit')} {r.fiscal_year ?? ''}
                </a>
                <span className="muted">{r.place ?? ''}</span>
                {splitPhrases(r.categories).map((c) => (
                  <button
                    type="button"
                    key={c}
                    className={`tag${c === cat ? ' on' : ''}`}
                    aria-pressed={c === cat}
                    onClick={() => setView({ cat: c })}
                    title={t('problems.onlyThis')}
                  >
                    {problemLabel(c, lang)}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ol>
        {list.length > LIST_LIMIT ? <p className="muted">{t('problems.more', { n: LIST_LIMIT })}</p> : null}
      </section>
    </div>
  );
}

export default Problems;
