/** Shared helpers for the consistency rules: tolerant decimal parsing, formatting for messages, tolerances. */
import { Decimal } from '../../money/decimal';
import type { Check, DecimalString, Severity } from '../../model/report';

/** Parses a decimal string; null for null, empty or malformed input (a rule then treats the figure as missing). */
export function dec(s: DecimalString | null | undefined): Decimal | null {
  if (s === null || s === undefined) return null;
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return new Decimal(t);
}

/** Number of decimal places as written ("0.9300" → 4, "214" → 0). */
export function writtenDecimals(s: DecimalString): number {
  const t = s.trim();
  const i = t.indexOf('.');
  return i < 0 ? 0 : t.length - i - 1;
}

/** Plain decimal string (no exponent, no trailing-zero noise beyond what toFixed gives). */
export function str(d: Decimal): string {
  return d.isZero() ? '0' : d.toFixed();
}

/** Money for messages: at least two decimals, never grouped ("214" → "214.00", "0.0125" → "0.0125"). */
export function money(d: Decimal | DecimalString): string {
  const x = new Decimal(d);
  return x.toFixed(Math.max(2, x.decimalPlaces()));
}

/** Fraction → percent text with `digits` decimals ("0.92944" → "92.94%"). */
export function pct(frac: Decimal | DecimalString, digits = 2): string {
  return `${new Decimal(frac).mul(100).toFixed(digits)}%`;
}

/** Percent digits to show for a stated fraction: as many as it was printed with, at least 2 (fraction "0.931" → 1 → 2). */
export function pctDigitsFor(stated: DecimalString): number {
  return Math.max(2, writtenDecimals(stated) - 2);
}

/**
 * Tolerance for a stated rate given as a fraction string: 1.1 units of its last written decimal, with the
 * written precision clamped to 2..4 fraction decimals ("0.9294" → 0.00011, "0.931" → 0.0011, "0.93" or "1" → 0.011).
 * One full unit (not half) because reports truncate as often as they round; the extra 0.1 absorbs the rounding
 * of the amounts themselves.
 */
export function rateTolerance(stated: DecimalString): Decimal {
  const dp = Math.min(4, Math.max(2, writtenDecimals(stated)));
  return new Decimal('1.1').div(new Decimal(10).pow(dp));
}

/**
 * Tolerance when comparing a total in 万元 with the sum of `parts` amounts printed with two decimals:
 * half a cent (0.005 万元) per rounded figure involved, total included (2 parts → 0.015, 3 → 0.02).
 */
export function sumTolerance(parts: number): Decimal {
  return new Decimal('0.005').mul(parts + 1);
}

/** Builds a Check; fields are omitted when empty. */
export function check(
  rule: string,
  severity: Severity,
  passed: boolean,
  message: string,
  figures: Record<string, string>,
  fields: string[] = [],
): Check {
  const c: Check = { rule, severity, passed, message, figures };
  if (fields.length) c.fields = fields;
  return c;
}

/** Sum of decimals (0 for an empty list). */
export function total(ds: readonly Decimal[]): Decimal {
  return ds.reduce((a, b) => a.plus(b), new Decimal(0));
}

export interface RateComparison {
  /** actual ÷ adjusted at the comparison precision (≥ 4 fraction decimals). */
  computed: Decimal;
  /** |stated − computed|. */
  diff: Decimal;
  tolerance: Decimal;
  passed: boolean;
  /** The report printed 100% for an over-executed budget (actual > adjusted): accepted as a capped rate. */
  capped: boolean;
}

/**
 * Compares a stated rate (fraction string) with numerator ÷ denominator. Null when the denominator is zero
 * or any input is malformed. `allowCap` (default true) accepts a printed 100% for a computed rate above 100%.
 * The computed rate is rounded half-up to max(4, written decimals) before comparing.
 */
export function compareRate(
  stated: DecimalString,
  num: DecimalString,
  den: DecimalString,
  opts: { allowCap?: boolean } = {},
): RateComparison | null {
  const s = dec(stated);
  const n = dec(num);
  const d = dec(den);
  if (!s || !n || !d || d.isZero()) return null;
  const places = Math.max(4, writtenDecimals(stated));
  const computed = n.div(d).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const diff = s.minus(computed).abs();
  const tolerance = rateTolerance(stated);
  const capped = (opts.allowCap ?? true) && s.eq(1) && computed.gt(1) && diff.gt(tolerance);
  return { computed, diff, tolerance, passed: diff.lte(tolerance) || capped, capped };
}

/** "相差 0.10 个百分点" for a fraction difference. */
export function ppDiff(diff: Decimal, digits: number): string {
  return `${diff.mul(100).toFixed(digits)} 个百分点`;
}
