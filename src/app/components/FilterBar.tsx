/** Global filters: native, keyboard-usable controls; every change is a new URL (so back undoes it). */
import { useId } from 'react';
import type { Filters } from '../../metrics/filters';
import type { Level, ReportKind } from '../../model/report';
import { useData } from '../data';
import { filterParts } from '../format';
import { kindLabel, levelLabel } from '../i18n/labels';
import { hasFilters, resetFilters, setFilters } from '../url-state';

const uniq = (xs: (string | null)[]) =>
  [...new Set(xs.filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));

export function FilterBar({ filters }: { filters: Filters }) {
  const { options } = useData();
  const id = useId();
  const provinces = uniq(options.places.map((p) => p.province));
  const inProvince = options.places.filter((p) => p.province === filters.province);
  const prefectures = uniq(inProvince.map((p) => p.prefecture));
  const counties = uniq(
    inProvince.filter((p) => !filters.prefecture || p.prefecture === filters.prefecture).map((p) => p.county),
  );
  // A value in the URL that the data does not have stays selectable, so the select shows what is applied.
  const withCurrent = (list: string[], cur: string | null) => (cur && !list.includes(cur) ? [cur, ...list] : list);

  const toggleYear = (y: number, on: boolean) =>
    setFilters({ years: on ? [...filters.years, y].sort((a, b) => a - b) : filters.years.filter((x) => x !== y) });

  const active = filterParts(filters);
  return (
    <form className="filter-bar" aria-label="筛选条件" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="years">
        <legend>年度</legend>
        {options.years.length === 0 ? <span className="muted">无</span> : null}
        {options.years.map((y) => (
          <label key={y} className="chip-check">
            <input
              type="checkbox"
              name="year"
              value={y}
              checked={filters.years.includes(y)}
              onChange={(e) => toggleYear(y, e.target.checked)}
            />
            {y}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-prov`}>省</label>
        <select id={`${id}-prov`} name="province" value={filters.province ?? ''} onChange={(e) => setFilters({ province: e.target.value || null })}>
          <option value="">全部省份</option>
          {withCurrent(provinces, filters.province).map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </div>
      <span className="sep" aria-hidden="true">›</span>
      <div className="field">
        <label htmlFor={`${id}-pref`}>市</label>
        <select
          id={`${id}-pref`}
          name="prefecture"
          value={filters.prefecture ?? ''}
          disabled={!filters.province && !filters.prefecture}
          onChange={(e) => setFilters({ prefecture: e.target.value || null })}
        >
          <option value="">{filters.province ? '全部地市' : '先选省份'}</option>
          {withCurrent(prefectures, filters.prefecture).map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </div>
      <span className="sep" aria-hidden="true">›</span>
      <div className="field">
        <label htmlFor={`${id}-county`}>县区</label>
        <select
          id={`${id}-county`}
          name="county"
          value={filters.county ?? ''}
          disabled={!filters.province && !filters.county}
          onChange={(e) => setFilters({ county: e.target.value || null })}
        >
          <option value="">{filters.province ? '全部县区' : '先选省份'}</option>
          {withCurrent(counties, filters.county).map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-level`}>层级</label>
        <select id={`${id}-level`} name="level" value={filters.level ?? ''} onChange={(e) => setFilters({ level: (e.target.value || null) as Level | null })}>
          <option value="">全部层级</option>
          {withCurrent(options.levels, filters.level).map((l) => (
            <option key={l} value={l}>{levelLabel(l)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sector`}>行业</label>
        <select id={`${id}-sector`} name="sector" value={filters.sector ?? ''} onChange={(e) => setFilters({ sector: e.target.value || null })}>
          <option value="">全部行业</option>
          {withCurrent(options.sectors, filters.sector).map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>报告类型</label>
        <select id={`${id}-kind`} name="kind" value={filters.kind ?? ''} onChange={(e) => setFilters({ kind: (e.target.value || null) as ReportKind | null })}>
          <option value="">全部类型</option>
          {withCurrent(options.kinds, filters.kind).map((k) => (
            <option key={k} value={k}>{kindLabel(k)}</option>
          ))}
        </select>
      </div>
      <button type="button" className="btn-link" onClick={resetFilters} disabled={!hasFilters(filters)}>
        清除筛选
      </button>
      <p className="active-filters" aria-live="polite">
        {active.length ? `已筛选：${active.join('；')}` : '未筛选：显示全部报告'}
      </p>
    </form>
  );
}
