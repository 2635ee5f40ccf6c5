/**
 * Watch-list thresholds: one number input per rule that has a threshold, in the rule's display unit (rates in %,
 * scores in 分, counts in 项), labelled with the rule's Chinese name and explanation. Every committed change is a new
 * URL (`th=…`), so back/forward undo it; typing commits after a short pause, on Enter or when leaving the field.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { FLAG_RULES, type FlagRule, type Thresholds } from '../../metrics/flags';
import { flagGroup, flagGroupLabel } from '../../charts/watch';
import { fromDisplay, snapThreshold, thresholdDisplay, thresholdOverrides, toDisplay, unitText } from '../thresholds-url';
import { setThresholds } from '../url-state';
import type { Lang } from '../i18n/labels';
import { tOr, t as tr } from '../i18n/messages';
import { useLang } from '../i18n/use-t';

/** How each rule compares with its threshold, in words (see the rules' SQL in src/metrics/flags.ts): `th.op.<rule>`. */
const operator = (rule: string, lang: Lang) => tOr(lang, `th.op.${rule}`, tr(lang, 'th.op.default'));
const ruleName = (r: FlagRule, lang: Lang) => (lang === 'en' ? r.en : r.zh);
const ruleExplain = (r: FlagRule, lang: Lang) => (lang === 'en' ? r.explainEn : r.explainZh);

function ThresholdInput({ rule, value, all }: { rule: FlagRule; value: number; all: Thresholds }) {
  const id = useId();
  const lang = useLang();
  const t = rule.threshold!;
  const [draft, setDraft] = useState(toDisplay(rule, value));
  const timer = useRef<number | undefined>(undefined);
  // The URL is the truth: back/forward or a reset elsewhere update the field.
  useEffect(() => setDraft(toDisplay(rule, value)), [rule, value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commit = (text: string) => {
    window.clearTimeout(timer.current);
    const v = fromDisplay(rule, text);
    if (v === null) {
      setDraft(toDisplay(rule, value));
      return;
    }
    const snapped = snapThreshold(rule, v);
    setDraft(toDisplay(rule, snapped));
    if (snapped !== value) setThresholds(thresholdOverrides({ ...all, [rule.id]: snapped }));
  };
  const inRange = (text: string) => {
    const v = fromDisplay(rule, text);
    return v !== null && v >= t.min && v <= t.max;
  };
  const changed = value !== t.default;
  const unit = t.unit;
  return (
    <div className={`th-control${changed ? ' changed' : ''}`} title={ruleExplain(rule, lang)}>
      <div className="th-head">
        <label htmlFor={id}>
          {ruleName(rule, lang)}
          <span className="th-info" aria-hidden="true">
            ⓘ
          </span>
        </label>
        <span className={`th-group ${flagGroup(rule.id)}`}>{flagGroupLabel(flagGroup(rule.id), lang)}</span>
      </div>
      <div className="th-input">
        <span className="th-op" aria-hidden="true">
          {operator(rule.id, lang)}
        </span>
        <input
          id={id}
          type="number"
          name={`th-${rule.id}`}
          inputMode="decimal"
          min={toDisplay(rule, t.min)}
          max={toDisplay(rule, t.max)}
          step={toDisplay(rule, t.step)}
          value={draft}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            window.clearTimeout(timer.current);
            if (inRange(text)) timer.current = window.setTimeout(() => commit(text), 600);
          }}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit((e.target as HTMLInputElement).value);
            }
          }}
        />
        <span className="th-unit">{unitText(unit, lang, Number(draft))}</span>
        {changed ? (
          <button
            type="button"
            className="btn-link th-default"
            onClick={() => setThresholds(thresholdOverrides({ ...all, [rule.id]: t.default }))}
            title={tr(lang, 'th.restoreOne')}
          >
            {tr(lang, 'th.defaultIs', { v: thresholdDisplay(rule, t.default, lang) })}
          </button>
        ) : (
          <span className="muted th-default">{tr(lang, 'th.default')}</span>
        )}
      </div>
      <p className="th-help" id={`${id}-help`}>
        {ruleExplain(rule, lang)}
        <span className="muted">{tr(lang, 'th.range', { a: thresholdDisplay(rule, t.min, lang), b: thresholdDisplay(rule, t.max, lang) })}</span>
      </p>
    </div>
  );
}

export function ThresholdPanel({ thresholds, overrides }: { thresholds: Thresholds; overrides: Thresholds }) {
  const [explain, setExplain] = useState(false);
  const lang = useLang();
  const adjustable = FLAG_RULES.filter((r) => r.threshold);
  const fixed = FLAG_RULES.filter((r) => !r.threshold);
  const n = Object.keys(overrides).length;
  return (
    <section className={`card threshold-panel${explain ? ' explain' : ''}`} aria-labelledby="th-title">
      <header className="card-head">
        <h3 id="th-title">{tr(lang, 'th.title')}</h3>
        <div className="card-actions">
          <span className={n ? 'warn small' : 'muted small'}>{n ? tr(lang, 'th.changed', { n }) : tr(lang, 'th.allDefault')}</span>
          <button type="button" className="btn-link" aria-expanded={explain} onClick={() => setExplain((x) => !x)}>
            {tr(lang, explain ? 'th.hideHelp' : 'th.showHelp')}
          </button>
          <button type="button" className="btn-link" disabled={!n} onClick={() => setThresholds({})}>
            {tr(lang, 'th.restoreAll')}
          </button>
        </div>
      </header>
      <div className="th-grid">
        {adjustable.map((r) => (
          <ThresholdInput key={r.id} rule={r} value={thresholds[r.id] ?? r.threshold!.default} all={thresholds} />
        ))}
      </div>
      <p className="card-note th-fixed">
        {tr(lang, 'th.fixed')}
        {fixed.map((r, i) => (
          <span key={r.id} title={ruleExplain(r, lang)}>
            {i ? tr(lang, 'filters.listSep') : ''}
            <abbr title={ruleExplain(r, lang)}>{ruleName(r, lang)}</abbr>
          </span>
        ))}
        {tr(lang, 'th.fixedEnd')}
      </p>
    </section>
  );
}
