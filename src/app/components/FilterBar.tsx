/** Global filters: native, keyboard-usable controls; every change is a new URL (so back undoes it). */
import { useId } from 'react';
import type { Filters } from '../../metrics/filters';
import type { Level, ReportKind } from '../../model/report';
import { useData } from '../data';
import { filterParts } from '../format';
import { kindLabel, levelLabel } from '../i18n/labels';
import { hasFilters, resetFilters, setFilters } from '../url-state';
import { useLang } from '../i18n/use-t';
import { t } from '../i18n/messages';

const uniq = (xs: (string | null)[]) =>
  [...new Set(xs.filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));

export function FilterBar({ filters }: { filters: Filters }) {
  const { options } = useData();
  const lang = useLang();
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

  const active = filterParts(filters, lang);
  return (
    <form className="filter-bar" aria-label={t(lang, 'filters.label')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="years">
        <legend>{t(lang, 'filters.year')}</legend>
        {options.years.length === 0 ? <span className="muted">{t(lang, 'filters.none')}</span> : null}
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
        <label htmlFor={`${id}-prov`}>{t(lang, 'filters.province')}</label>
        <select id={`${id}-prov`} name="province" value={filters.province ?? ''} onChange={(e) => setFilters({ province: e.target.value || null })}>
          <option value="">{t(lang, 'filters.allProvinces')}</option>
          {withCurrent(provinces, filters.province).map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </div>
      <span className="sep" aria-hidden="true">›</span>
      <div className="field">
        <label htmlFor={`${id}-pref`}>{t(lang, 'filters.prefecture')}</label>
        <select
          id={`${id}-pref`}
          name="prefecture"
          value={filters.prefecture ?? ''}
          disabled={!filters.province && !filters.prefecture}
          onChange={(e) => setFilters({ prefecture: e.target.value || null })}
        >
          <option value="">{t(lang, filters.province ? 'filters.allPrefectures' : 'filters.chooseProvince')}</option>
          {withCurrent(prefectures, filters.prefecture).map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </div>
      <span className="sep" aria-hidden="true">›</span>
      <div className="field">
        <label htmlFor={`${id}-county`}>{t(lang, 'filters.county')}</label>
        <select
          id={`${id}-county`}
          name="county"
          value={filters.county ?? ''}
          disabled={!filters.province && !filters.county}
          onChange={(e) => setFilters({ county: e.target.value || null })}
        >
          <option value="">{t(lang, filters.province ? 'filters.allCounties' : 'filters.chooseProvince')}</option>
          {withCurrent(counties, filters.county).map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-level`}>{t(lang, 'filters.level')}</label>
        <select id={`${id}-level`} name="level" value={filters.level ?? ''} onChange={(e) => setFilters({ level: (e.target.value || null) as Level | null })}>
          <option value="">{t(lang, 'filters.allLevels')}</option>
          {withCurrent(options.levels, filters.level).map((l) => (
            <option key={l} value={l}>{levelLabel(l, lang)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sector`}>{t(lang, 'filters.sector')}</label>
        <select id={`${id}-sector`} name="sector" value={filters.sector ?? ''} onChange={(e) => setFilters({ sector: e.target.value || null })}>
          <option value="">{t(lang, 'filters.allSectors')}</option>
          {withCurrent(options.sectors, filters.sector).map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t(lang, 'filters.kind')}</label>
        <select id={`${id}-kind`} name="kind" value={filters.kind ?? ''} onChange={(e) => setFilters({ kind: (e.target.value || null) as ReportKind | null })}>
          <option value="">{t(lang, 'filters.allKinds')}</option>
          {withCurrent(options.kinds, filters.kind).map((k) => (
            <option key={k} value={k}>{kindLabel(k, lang)}</option>
          ))}
        </select>
      </div>
      <button type="button" className="btn-link" onClick={resetFilters} disabled={!hasFilters(filters)}>
        {t(lang, 'filters.reset')}
      </button>
      <p className="active-filters" aria-live="polite">
        {active.length ? t(lang, 'filters.active', { parts: active.join(t(lang, 'filters.sep')) }) : t(lang, 'filters.inactive')}
      </p>
    </form>
  );
}
