/**
 * Watch-list thresholds: one number input per rule that has a threshold, in the rule's display unit (rates in %,
 * scores in 分, counts in 项), labelled with the rule's Chinese name and explanation. Every committed change is a new
 * URL (`th=…`), so back/forward undo it; typing commits after a short pause, on Enter or when leaving the field.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { FLAG_RULES, type FlagRule, type Thresholds } from '../../metrics/flags';
import { flagGroup, FLAG_GROUP_LABELS } from '../../charts/watch';
import { UNIT_TEXT, fromDisplay, snapThreshold, thresholdDisplay, thresholdOverrides, toDisplay } from '../thresholds-url';
import { setThresholds } from '../url-state';

/** How each rule compares with its threshold, in words (see the rules' SQL in src/metrics/flags.ts). */
const OPERATOR: Record<string, string> = {
  low_execution: '低于',
  low_line_execution: '低于',
  high_adjustment: '绝对值超过',
  sangong_overrun: '控制率超过',
  sangong_rising: '增幅超过',
  inflated_self_eval: '得分不低于',
  failed_checks: '未通过不少于',
};

function ThresholdInput({ rule, value, all }: { rule: FlagRule; value: number; all: Thresholds }) {
  const id = useId();
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
    <div className={`th-control${changed ? ' changed' : ''}`} title={rule.explainZh}>
      <div className="th-head">
        <label htmlFor={id}>
          {rule.zh}
          <span className="th-info" aria-hidden="true">
            ⓘ
          </span>
        </label>
        <span className={`th-group ${flagGroup(rule.id)}`}>{FLAG_GROUP_LABELS[flagGroup(rule.id)]}</span>
      </div>
      <div className="th-input">
        <span className="th-op" aria-hidden="true">
          {OPERATOR[rule.id] ?? '阈值'}
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
        <span className="th-unit">{UNIT_TEXT[unit]}</span>
        {changed ? (
          <button type="button" className="btn-link th-default" onClick={() => setThresholds(thresholdOverrides({ ...all, [rule.id]: t.default }))} title="恢复此项默认值">
            默认 {thresholdDisplay(rule, t.default)}
          </button>
        ) : (
          <span className="muted th-default">默认</span>
        )}
      </div>
      <p className="th-help" id={`${id}-help`}>
        {rule.explainZh}
        <span className="muted">（范围 {thresholdDisplay(rule, t.min)}–{thresholdDisplay(rule, t.max)}）</span>
      </p>
    </div>
  );
}

export function ThresholdPanel({ thresholds, overrides }: { thresholds: Thresholds; overrides: Thresholds }) {
  const [explain, setExplain] = useState(false);
  const adjustable = FLAG_RULES.filter((r) => r.threshold);
  const fixed = FLAG_RULES.filter((r) => !r.threshold);
  const n = Object.keys(overrides).length;
  return (
    <section className={`card threshold-panel${explain ? ' explain' : ''}`} aria-labelledby="th-title">
      <header className="card-head">
        <h3 id="th-title">阈值设置</h3>
        <div className="card-actions">
          <span className={n ? 'warn small' : 'muted small'}>{n ? `${n} 项已调整，链接中已记录` : '全部为默认值'}</span>
          <button type="button" className="btn-link" aria-expanded={explain} onClick={() => setExplain((x) => !x)}>
            {explain ? '隐藏说明' : '显示说明'}
          </button>
          <button type="button" className="btn-link" disabled={!n} onClick={() => setThresholds({})}>
            恢复默认
          </button>
        </div>
      </header>
      <div className="th-grid">
        {adjustable.map((r) => (
          <ThresholdInput key={r.id} rule={r} value={thresholds[r.id] ?? r.threshold!.default} all={thresholds} />
        ))}
      </div>
      <p className="card-note th-fixed">
        另有不设阈值的规则：
        {fixed.map((r, i) => (
          <span key={r.id} title={r.explainZh}>
            {i ? '、' : ''}
            <abbr title={r.explainZh}>{r.zh}</abbr>
          </span>
        ))}
        。将鼠标停在规则名上可查看说明，或点击右上角“显示说明”。
      </p>
    </section>
  );
}
