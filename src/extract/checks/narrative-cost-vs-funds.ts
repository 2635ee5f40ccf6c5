/**
 * narrative.cost_vs_funds — a 成本 indicator (level1 or level2 matching /成本/) whose target or actual value
 * states an amount in 万元 / 亿元 ("1024.16万元") should match one of the funds figures: budget.initial,
 * budget.adjusted, budget.actual or a 'total' line's 年初 / 全年 / 执行数, within 0.01 万元 or, when the amount is
 * printed less precisely, half a unit of its last printed digit in its unit ("1016万元" ± 0.5 万元, "0.10亿元" ± 50 万元):
 * a cost rounded to whole 万元 or to 亿元 is a faithful statement of 1016.17 万元, not a mismatch.
 *
 * Conservative by design, to stay quiet on cost indicators that describe only part of the money:
 *  - values written as a bound (≥ ≤ < > 以内 不超过 不高于 不低于 控制在 …) are not compared;
 *  - an amount matching no funds figure is flagged only when it lies within 0.8–1.25× of one of them (it is then
 *    evidently meant as the whole budget); amounts outside that band produce no check.
 * Example: 全年预算成本 1024.16万元 against a funds table total of 1016.17 → warning.
 */
import { Decimal } from '../../money/decimal';
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { check, dec, money, str, writtenDecimals } from './util';

const ID = 'narrative.cost_vs_funds';
const MATCH_TOL = new Decimal('0.01');
const BAND_LOW = new Decimal('0.8');
const BAND_HIGH = new Decimal('1.25');
const BOUND = /[≥≤≧≦<>＜＞]|以内|以下|以上|不超过|不高于|不低于|不少于|控制在|不大于|不小于|至少|最多/;
const AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元)/g;

interface Funds {
  name: string;
  field: string;
  raw: string;
  value: Decimal;
}

/** Full-width digits and punctuation to ASCII, so "１０２４．１６万元" reads as an amount. */
function halfWidth(s: string): string {
  return s.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Amounts in 万元 stated in an indicator value, each with its match tolerance; [] for bounds and values without an amount. */
export function costAmounts(text: string | null): { raw: string; wan: Decimal; tol: Decimal }[] {
  if (text === null) return [];
  const t = halfWidth(text);
  if (BOUND.test(t)) return [];
  const out: { raw: string; wan: Decimal; tol: Decimal }[] = [];
  for (const m of t.matchAll(AMOUNT)) {
    const n = m[1]!.replace(/,/g, '');
    if (!/^\d+(\.\d+)?$/.test(n)) continue;
    const v = new Decimal(n);
    const scale = m[2] === '亿元' ? new Decimal(10000) : new Decimal(1);
    // Half a unit of the last printed digit, in 万元; never below MATCH_TOL.
    const half = new Decimal('0.5').div(new Decimal(10).pow(writtenDecimals(n))).mul(scale);
    out.push({ raw: m[0].replace(/\s+/g, ''), wan: v.mul(scale), tol: Decimal.max(MATCH_TOL, half) });
  }
  return out;
}

function fundsFigures(r: Report): Funds[] {
  const out: Funds[] = [];
  const add = (name: string, field: string, raw: string | null) => {
    const v = dec(raw);
    if (v && raw !== null && !v.isZero()) out.push({ name, field, raw, value: v });
  };
  add('年初预算', 'budget.initial', r.budget.initial);
  add('全年预算', 'budget.adjusted', r.budget.adjusted);
  add('全年执行数', 'budget.actual', r.budget.actual);
  r.lines.forEach((l, i) => {
    if (l.scope !== 'total') return;
    add(`“${l.name}”年初预算数`, `lines[${i}].initial`, l.initial);
    add(`“${l.name}”全年预算数`, `lines[${i}].adjusted`, l.adjusted);
    add(`“${l.name}”全年执行数`, `lines[${i}].actual`, l.actual);
  });
  return out;
}

export const narrativeCostVsFunds: CheckRule = {
  id: ID,
  zh: '成本指标金额与资金数一致',
  en: 'Cost indicator amounts match the funds figures',
  run(r: Report): Check[] {
    const funds = fundsFigures(r);
    if (!funds.length) return [];
    const out: Check[] = [];
    r.indicators.forEach((ind, i) => {
      if (![ind.level1, ind.level2].some((t) => t !== null && /成本/.test(t))) return;
      for (const key of ['target', 'actual'] as const) {
        const fieldZh = key === 'target' ? '指标值' : '实际完成值';
        for (const a of costAmounts(ind[key])) {
          const hit = funds.find((f) => f.value.minus(a.wan).abs().lte(a.tol));
          const fields = [`indicators[${i}].${key}`];
          if (hit) {
            out.push(
              check(
                ID,
                'warning',
                true,
                `成本指标“${ind.level3}”${fieldZh} ${a.raw}，与${hit.name} ${money(hit.raw)} 万元一致`,
                { amount: str(a.wan), [hit.field]: hit.raw },
                [...fields, hit.field],
              ),
            );
            continue;
          }
          const near = funds.filter((f) => {
            const q = a.wan.div(f.value);
            return q.gte(BAND_LOW) && q.lte(BAND_HIGH);
          });
          if (!near.length) continue;
          const closest = near.reduce((b, f) => (f.value.minus(a.wan).abs().lt(b.value.minus(a.wan).abs()) ? f : b));
          const figures: Record<string, string> = { amount: str(a.wan) };
          for (const f of funds) figures[f.field] = f.raw;
          out.push(
            check(
              ID,
              'warning',
              false,
              `成本指标“${ind.level3}”${fieldZh} ${a.raw}，与资金数均不一致：` +
                funds.map((f) => `${f.name} ${money(f.raw)}`).join('，') +
                `；与最接近的${closest.name}相差 ${money(a.wan.minus(closest.value).abs())} 万元`,
              figures,
              [...fields, ...funds.map((f) => f.field)],
            ),
          );
        }
      }
    });
    return out;
  },
};
