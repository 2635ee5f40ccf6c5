/**
 * Shape check for nested Report objects (the CLI's {"reports": [...], "errors": [...]} output) before they are
 * flattened into table rows. Values (decimal format, ranges) are checked afterwards on the flattened rows by
 * validateRow; this only makes sure flattenReport can read the object.
 *
 *   reportShapeError(x): { path: string; message: string } | null
 *   normalizeReport(x): fills fields older outputs may omit (synthetic → false, checks[].fields → []).
 */
import {
  AMOUNT_UNITS,
  GRADES,
  LEVELS,
  LINE_SCOPES,
  PROBLEM_CATEGORIES,
  REPORT_KINDS,
  SANGONG_CATEGORIES,
  SEVERITIES,
  SOURCE_FORMATS,
  type Report,
} from '../model/report';

type Check = (v: unknown, path: string) => { path: string; message: string } | null;

const fail = (path: string, message: string) => ({ path, message });
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : JSON.stringify(v));

const str: Check = (v, p) => (typeof v === 'string' ? null : fail(p, `must be text, got ${describe(v)}`));
const int: Check = (v, p) => (typeof v === 'number' && Number.isInteger(v) ? null : fail(p, `must be a whole number, got ${describe(v)}`));
const bool: Check = (v, p) => (typeof v === 'boolean' ? null : fail(p, `must be true or false, got ${describe(v)}`));
/** Decimal fields are strings (the value itself is validated after flattening). */
const dec: Check = (v, p) => (typeof v === 'string' ? null : fail(p, `must be a decimal string like "4124.28", got ${describe(v)}`));
const oneOf =
  (values: readonly string[]): Check =>
  (v, p) =>
    typeof v === 'string' && values.includes(v) ? null : fail(p, `must be one of ${values.join(' | ')}, got ${describe(v)}`);
const nullable =
  (c: Check): Check =>
  (v, p) =>
    v === null ? null : c(v, p);
const optional =
  (c: Check): Check =>
  (v, p) =>
    v === undefined || v === null ? null : c(v, p);
const arr =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, `must be a list, got ${describe(v)}`);
    for (let i = 0; i < v.length; i++) {
      const e = item(v[i], `${p}[${i}]`);
      if (e) return e;
    }
    return null;
  };
const obj =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(p, `must be an object, got ${describe(v)}`);
    const o = v as Record<string, unknown>;
    for (const [k, c] of Object.entries(shape)) {
      const e = c(o[k], p ? `${p}.${k}` : k);
      if (e) return e;
    }
    return null;
  };
const textRecord: Check = (v, p) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(p, `must be an object of texts, got ${describe(v)}`);
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x !== 'string') return fail(`${p}.${k}`, `must be text, got ${describe(x)}`);
  }
  return null;
};

const nstr = nullable(str);
const ndec = nullable(dec);

const reportShape = obj({
  id: (v, p) => (typeof v === 'string' && v.trim() !== '' ? null : fail(p, `must be a non-empty text id, got ${describe(v)}`)),
  source: obj({ file: str, sha256: str, bytes: int, format: oneOf(SOURCE_FORMATS) }),
  title: nstr,
  kind: oneOf(REPORT_KINDS),
  fiscalYear: nullable(int),
  publishedDate: nstr,
  department: obj({ name: nstr, sector: nstr }),
  jurisdiction: obj({ province: nstr, prefecture: nstr, county: nstr, level: nullable(oneOf(LEVELS)), code: nstr }),
  score: ndec,
  grade: nullable(oneOf(GRADES)),
  gradeSource: nullable(oneOf(['stated', 'derived'])),
  budget: obj({
    initial: ndec,
    adjusted: ndec,
    actual: ndec,
    executionRate: ndec,
    statedExecutionRate: ndec,
    adjustmentRate: ndec,
    statedAdjustmentRate: ndec,
  }),
  lines: arr(obj({ name: str, scope: oneOf(LINE_SCOPES), initial: ndec, adjusted: ndec, actual: ndec, statedRate: ndec })),
  sangong: arr(obj({ year: int, category: oneOf(SANGONG_CATEGORIES), budget: ndec, actual: ndec })),
  indicators: arr(
    obj({ level1: nstr, level2: nstr, level3: str, target: nstr, actual: nstr, weight: ndec, score: ndec, deviation: nstr }),
  ),
  problems: arr(obj({ text: str, categories: arr(oneOf(PROBLEM_CATEGORIES)), matched: arr(str) })),
  checks: arr(
    obj({ rule: str, severity: oneOf(SEVERITIES), passed: bool, message: str, figures: textRecord, fields: optional(arr(str)) }),
  ),
  warnings: arr(obj({ field: str, message: str })),
  provenance: arr(
    obj({ field: str, file: str, start: int, end: int, quote: str, raw: optional(str), unit: optional(oneOf(AMOUNT_UNITS)) }),
  ),
  synthetic: optional(bool),
});

export function reportShapeError(x: unknown): { path: string; message: string } | null {
  return reportShape(x, '');
}

/** A shape-checked report with the optional fields filled in (does not modify `x`). */
export function normalizeReport(x: unknown): Report {
  const r = x as Report;
  return { ...r, synthetic: r.synthetic === true };
}

/** Does this array look like nested reports (the CLI output) rather than table rows? */
export function looksLikeReports(list: readonly unknown[]): boolean {
  const first = list.find((e) => e !== null && typeof e === 'object' && !Array.isArray(e)) as Record<string, unknown> | undefined;
  if (!first) return false;
  return !('report_id' in first) && ('id' in first || 'source' in first || 'budget' in first);
}
