/**
 * Exact formatting for the synthetic generator. Amounts are integers in hundredths of 万元 ("cents": the two
 * decimals reports print), rates integers in ten-thousandths, scores integers in hundredths of a point.
 * Formatting is pure string work on integers: no float is ever formatted.
 */

/** Largest magnitude for which the integer arithmetic below stays exact (well under 2^53 / 20000). */
const MAX_SAFE_CENTS = 2 ** 53 / 40000;

function assertInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be a safe integer, got ${n}`);
}

/** Integer with `scale` implied decimals → canonical decimal string ("12345", 2 → "123.45"; 12300 → "123"; 0 → "0"). */
export function fmtScaled(n: number, scale: number): string {
  assertInt(n, 'scaled value');
  const neg = n < 0;
  const digits = String(Math.abs(n)).padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const s = frac ? `${int}.${frac}` : int;
  return neg && s !== '0' ? `-${s}` : s;
}

/** Integer with `scale` implied decimals → fixed decimal string keeping trailing zeros (9294, 4 → "0.9294"; 10000 → "1.0000"). */
export function fmtFixed(n: number, scale: number): string {
  assertInt(n, 'scaled value');
  const neg = n < 0;
  const digits = String(Math.abs(n)).padStart(scale + 1, '0');
  const s = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return neg && /[1-9]/.test(digits) ? `-${s}` : s;
}

/** Cents of 万元 → canonical 万元 string ("169.46", "214", "0.6"). */
export function wan(cents: number): string {
  return fmtScaled(cents, 2);
}

/**
 * round_half_up(num × scale ÷ den) for integers, half away from zero (decimal.js ROUND_HALF_UP, as
 * src/money/decimal.ts uses). Exact while |num| × scale stays below 2^53 / 2.
 */
export function divRound(num: number, den: number, scale: number): number {
  assertInt(num, 'numerator');
  assertInt(den, 'denominator');
  if (den === 0) throw new Error('division by zero');
  if (Math.abs(num) > MAX_SAFE_CENTS * 4) throw new Error(`numerator too large for exact rounding: ${num}`);
  const neg = num < 0 !== den < 0;
  const n = Math.abs(num) * scale;
  const d = Math.abs(den);
  const q = Math.floor((2 * n + d) / (2 * d));
  return neg && q !== 0 ? -q : q;
}

/** num ÷ den as a fraction string with 4 decimals, like ratio() in src/money/decimal.ts ("0.9294"). */
export function rate4(num: number, den: number): string {
  return fmtFixed(divRound(num, den, 10000), 4);
}

/** Float → integer cents (rounded). Floats only pick the integer; the integer is what gets formatted. */
export function toCents(wanFloat: number): number {
  const c = Math.round(wanFloat * 100);
  assertInt(c, 'cents');
  return c;
}

/**
 * Splits `total` (a non-negative integer) into parts proportional to `weights`, exactly (largest remainder),
 * so the parts always add up to the total.
 */
export function splitExact(total: number, weights: readonly number[]): number[] {
  assertInt(total, 'total');
  const wsum = weights.reduce((a, b) => a + b, 0);
  if (!weights.length) return [];
  if (wsum <= 0) {
    const out = weights.map(() => 0);
    out[0] = total;
    return out;
  }
  const raw = weights.map((w) => (total * w) / wsum);
  const out = raw.map((x) => Math.floor(x));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => ({ i, f: x - Math.floor(x) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length) {
    const i = order[k]!.i;
    if (weights[i]! > 0) {
      out[i]! += 1;
      rest--;
    }
  }
  return out;
}
