/** Shared helpers for the consistency rules: tolerant decimal parsing, formatting for messages, tolerances. */
import { Decimal } from '../../money/decimal';
import type { Check, DecimalString, Report, Severity } from '../../model/report';
import { prep } from '../text/numbers';

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
 * Tolerance for a stated rate given as a fraction string: 1.1 units of its last printed decimal, with the
 * precision clamped to 2..4 fraction decimals ("0.9294" → 0.00011, "0.931" → 0.0011, "0.93" or "1" → 0.011).
 * One full unit (not half) because reports truncate as often as they round; the extra 0.1 absorbs the rounding
 * of the amounts themselves. `printedDecimals` (fraction decimals the rate was printed with, see
 * printedRateDecimals) overrides the stored string's written decimals, which the model pads to 4.
 */
export function rateTolerance(stated: DecimalString, printedDecimals?: number | null): Decimal {
  const dp = Math.min(4, Math.max(2, printedDecimals ?? writtenDecimals(stated)));
  return new Decimal('1.1').div(new Decimal(10).pow(dp));
}

/** A printed figure as ASCII without any space ("９ ５ ％" → "95%"): numbers.ts's prep, plus OCR gaps and en dashes. */
function plainRaw(s: string): string {
  return prep(s).replace(/\s+/g, '').replace(/–/g, '-');
}

/**
 * Fraction decimals a stated rate was printed with, read from the `raw` of its provenance entry for `field`
 * ("95%" → 2, "94.6%" → 3, "94.62%" → 4, "5‰" → 3, a bare "0.95" → 2, a bare percent "95" → 2). Needed because the
 * model stores every rate padded to at least 4 decimals ("95%" → "0.9500"), which on its own would read a
 * whole-percent rate as exact to 0.01% and flag "执行率 95%" for 94.62% although it is correctly rounded.
 * Only a raw whose value equals the stored rate is used; otherwise (no provenance, unreadable or stale raw) null,
 * and the stored string's written decimals apply.
 */
export function printedRateDecimals(r: Report, field: string, stated: DecimalString): number | null {
  const s = dec(stated);
  if (!s) return null;
  for (const p of r.provenance) {
    if (p.field !== field || typeof p.raw !== 'string') continue;
    const m = /^([+-]?\d+(?:\.(\d*))?)(%|‰)?o?$/.exec(plainRaw(p.raw));
    if (!m) continue;
    const v = new Decimal(m[1]!);
    const dp = (m[2] ?? '').length;
    if (m[3] === '%') {
      if (v.div(100).eq(s)) return dp + 2;
    } else if (m[3] === '‰') {
      if (v.div(1000).eq(s)) return dp + 3;
    } else if (v.eq(s)) {
      return dp; // a bare fraction ("0.95")
    } else if (v.div(100).eq(s)) {
      return dp + 2; // a bare percent whose sign was left off ("95")
    }
  }
  return null;
}

/**
 * Rounding slack of a score or weight printed with two or more decimals: half a unit of its last written decimal
 * ("9.33" → 0.005, "9.333" → 0.0005). Such figures are the rounded results of a formula (actual ÷ target × weight,
 * a block split into thirds). Whole and one-decimal figures ("10", "8", "9.5") give 0: they are full marks, set
 * weights or half / tenth-point deductions, normally exact, and allowing slack for each would hide real mismatches.
 */
export function decimalRoundingSlack(raw: DecimalString): Decimal {
  const dp = writtenDecimals(raw);
  return dp < 2 ? new Decimal(0) : new Decimal('0.5').div(new Decimal(10).pow(dp));
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
 * `printedDecimals` is the precision the rate was printed with (see printedRateDecimals; default: as stored).
 * The computed rate is rounded half-up to max(4, written decimals) before comparing.
 */
export function compareRate(
  stated: DecimalString,
  num: DecimalString,
  den: DecimalString,
  opts: { allowCap?: boolean; printedDecimals?: number | null } = {},
): RateComparison | null {
  const s = dec(stated);
  const n = dec(num);
  const d = dec(den);
  if (!s || !n || !d || d.isZero()) return null;
  const places = Math.max(4, writtenDecimals(stated));
  const computed = n.div(d).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const diff = s.minus(computed).abs();
  const tolerance = rateTolerance(stated, opts.printedDecimals);
  const capped = (opts.allowCap ?? true) && s.eq(1) && computed.gt(1) && diff.gt(tolerance);
  return { computed, diff, tolerance, passed: diff.lte(tolerance) || capped, capped };
}

/** "相差 0.10 个百分点" for a fraction difference. */
export function ppDiff(diff: Decimal, digits: number): string {
  return `${diff.mul(100).toFixed(digits)} 个百分点`;
}
