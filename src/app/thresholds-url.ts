/**
 * Watch-list thresholds in the URL (part of the v=1 address scheme, see ./url-state.ts):
 *
 *   th=low_execution:0.85,high_adjustment:0.3
 *
 * Only thresholds that differ from the rule's default are written, in FLAG_RULES order, so the default view has no
 * `th` at all and equal settings give equal addresses. Parsing never fails: unknown rule ids, rules without a
 * threshold and malformed values are ignored; values out of range are clamped into the rule's range (thresholdFor).
 * Values are fractions for rates (0.85 = 85%), points for scores, counts for counts — the unit of FlagRule.threshold.
 */
import { Decimal } from '../money/decimal';
import { FLAG_RULES, defaultThresholds, thresholdFor, type FlagRule, type Thresholds } from '../metrics/flags';
import type { Lang } from './i18n/labels';
import { t } from './i18n/messages';
import { pluralKey } from './i18n/plural';

export const THRESHOLD_KEY = 'th';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Canonical text of a threshold value: "0.85", "90", "1" (no exponent, no trailing zeros). */
export function thresholdText(v: number): string {
  return new Decimal(v).toFixed();
}

/** Snaps a value onto the rule's step grid (from its minimum), exactly, then clamps it into range. */
export function snapThreshold(rule: FlagRule, v: number): number {
  if (!rule.threshold) return 0;
  const { min, step } = rule.threshold;
  const clamped = thresholdFor(rule, { [rule.id]: v });
  const steps = new Decimal(clamped).minus(min).div(step).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return thresholdFor(rule, { [rule.id]: steps.mul(step).plus(min).toNumber() });
}

/** The `th` value → overrides (only rules whose value differs from the default). */
export function parseThresholds(raw: string | null | undefined): Thresholds {
  const out: Thresholds = {};
  if (!raw) return out;
  for (const part of raw.split(',')) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const id = part.slice(0, i).trim();
    const text = part.slice(i + 1).trim();
    const rule = FLAG_RULES.find((r) => r.id === id);
    if (!rule?.threshold || !NUMBER.test(text)) continue;
    const v = thresholdFor(rule, { [id]: new Decimal(text).toNumber() });
    if (v !== rule.threshold.default) out[id] = v;
    else delete out[id];
  }
  return out;
}

/** Overrides → the `th` value ('' when every threshold is at its default). */
export function thresholdsParam(t: Thresholds): string {
  const parts: string[] = [];
  for (const rule of FLAG_RULES) {
    if (!rule.threshold || t[rule.id] === undefined) continue;
    const v = thresholdFor(rule, t);
    if (v !== rule.threshold.default) parts.push(`${rule.id}:${thresholdText(v)}`);
  }
  return parts.join(',');
}

/** Overrides on top of the defaults: what the metric functions take. */
export function effectiveThresholds(overrides: Thresholds): Thresholds {
  const t = defaultThresholds();
  for (const rule of FLAG_RULES) if (rule.threshold) t[rule.id] = thresholdFor(rule, { ...t, ...overrides });
  return t;
}

/** Only what differs from the defaults (normalised, clamped). */
export function thresholdOverrides(t: Thresholds): Thresholds {
  return parseThresholds(thresholdsParam(t));
}

// ---------------------------------------------------------------------------------------------------------------
// Display units of the threshold inputs: rates in percent, scores in 分, counts in 项.

export const UNIT_TEXT = { rate: '%', score: '分', count: '项' } as const;

/** Stored value (fraction for rates) → the number shown in the input ("90" for 0.9). */
export function toDisplay(rule: FlagRule, v: number): string {
  const d = new Decimal(v);
  return rule.threshold?.unit === 'rate' ? d.mul(100).toFixed() : d.toFixed();
}

/** Input text → stored value, or null when it is not a number. */
export function fromDisplay(rule: FlagRule, text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  const d = new Decimal(t);
  return rule.threshold?.unit === 'rate' ? d.div(100).toNumber() : d.toNumber();
}

/** "90%", "90 分", "1 项" (en: "90 points", "1 check"). */
export function thresholdDisplay(rule: FlagRule, v: number, lang: Lang = 'zh'): string {
  const u = rule.threshold?.unit ?? 'rate';
  return u === 'rate' ? `${toDisplay(rule, v)}%` : `${toDisplay(rule, v)} ${unitText(u, lang, Number(toDisplay(rule, v)))}`;
}

/**
 * The thresholds that differ from their defaults, worded for a reader ("项目（资金）执行率偏低 50%"), in FLAG_RULES
 * order: the note under an embedded chart and in its embed dialog.
 */
export function adjustedThresholdTexts(overrides: Thresholds, lang: Lang = 'zh'): string[] {
  const over = thresholdOverrides(overrides);
  const eff = effectiveThresholds(over);
  return FLAG_RULES.filter((r) => r.threshold && over[r.id] !== undefined).map((r) => `${lang === 'en' ? r.en : r.zh} ${thresholdDisplay(r, eff[r.id]!, lang)}`);
}

/** Display unit of a threshold in the chosen language; with the value it follows, singular for 1 ("1 check"). */
export function unitText(u: keyof typeof UNIT_TEXT, lang: Lang = 'zh', value?: number): string {
  if (lang === 'zh') return UNIT_TEXT[u];
  const key = `th.unit.${u}` as const;
  return t(lang, value === undefined ? key : pluralKey(key, { n: value }));
}
