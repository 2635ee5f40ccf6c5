/** Exact money and rate arithmetic. Every amount in PerfAtlas passes through here, never through JS floats. */
import Decimal from 'decimal.js';
import type { AmountUnit, DecimalString } from '../model/report';

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export { Decimal };

const UNIT_TO_WAN: Record<AmountUnit, Decimal> = {
  元: new Decimal('0.0001'),
  万元: new Decimal(1),
  亿元: new Decimal(10000),
};

/** Converts an amount in `unit` to 万元, as a canonical decimal string (no trailing zeros). */
export function toWan(amount: DecimalString | Decimal, unit: AmountUnit): DecimalString {
  return canonical(new Decimal(amount).mul(UNIT_TO_WAN[unit]));
}

/** "4124.2800" → "4124.28", "-0" → "0". */
export function canonical(d: Decimal | DecimalString): DecimalString {
  const x = new Decimal(d);
  if (x.isZero()) return '0';
  return x.toFixed();
}

/** a ÷ b as a fraction string with 4 decimals, or null when b is missing or zero. */
export function ratio(a: DecimalString | null, b: DecimalString | null, decimals = 4): DecimalString | null {
  if (a === null || b === null) return null;
  const den = new Decimal(b);
  if (den.isZero()) return null;
  return new Decimal(a).div(den).toFixed(decimals);
}

/** (adjusted − initial) ÷ initial. */
export function changeRate(from: DecimalString | null, to: DecimalString | null): DecimalString | null {
  if (from === null || to === null) return null;
  const f = new Decimal(from);
  if (f.isZero()) return null;
  return new Decimal(to).minus(f).div(f).toFixed(4);
}

export function sum(values: readonly (DecimalString | null)[]): DecimalString | null {
  const present = values.filter((v): v is string => v !== null);
  if (!present.length) return null;
  return canonical(present.reduce((acc, v) => acc.plus(v), new Decimal(0)));
}

/** Percent text ("92.94") → fraction string ("0.9294"). */
export function percentToFraction(pct: DecimalString): DecimalString {
  return new Decimal(pct).div(100).toFixed(Math.max(4, new Decimal(pct).decimalPlaces() + 2));
}

/** |a − b| ≤ tol. */
export function near(a: DecimalString, b: DecimalString, tol: DecimalString): boolean {
  return new Decimal(a).minus(b).abs().lte(tol);
}

/**
 * Formats an amount in 万元. Chinese: "1,234.56 万元", ≥ 10000 万元 as "1.23 亿元". English: million CNY
 * ("12.35 million CNY" for 1,234.56 万元, "123.00 million CNY" for 1.23 亿元); amounts under one million in whole
 * yuan ("23,500 CNY"), so small 三公 figures keep their precision.
 */
export function formatWan(wan: DecimalString | null, opts: { lang?: 'zh' | 'en'; digits?: number } = {}): string {
  if (wan === null || wan === undefined) return '—';
  const d = new Decimal(wan);
  const lang = opts.lang ?? 'zh';
  if (lang === 'en') {
    if (d.abs().gte(100)) return `${group(d.div(100).toFixed(opts.digits ?? 2))} million CNY`;
    return `${group(d.mul(10000).toFixed(0))} CNY`;
  }
  if (d.abs().gte(10000)) {
    const yi = d.div(10000);
    return `${group(yi.toFixed(opts.digits ?? 2))} 亿元`;
  }
  return `${group(d.toFixed(opts.digits ?? 2))} 万元`;
}

/** Fraction → "92.94%". */
export function formatRate(frac: DecimalString | null, digits = 2): string {
  if (frac === null || frac === undefined) return '—';
  return `${new Decimal(frac).mul(100).toFixed(digits)}%`;
}

function group(fixed: string): string {
  const [i, f] = fixed.split('.');
  const neg = i!.startsWith('-');
  const digits = neg ? i!.slice(1) : i!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${f !== undefined ? '.' + f : ''}`;
}
