/**
 * Manual corrections on the import review screen (pure code, unit-tested).
 *
 *   parseCorrection(field, text, lang)  the user's input → the field's value, or the reason it is refused (in `lang`)
 *   applyCorrections(report, edits)     a new Report with the edits applied, derived values recomputed (sector from
 *                                       the department, grade from the score unless the report states one, execution
 *                                       and adjustment rates, jurisdiction level and code), one warning per changed
 *                                       field {field, message: '人工更正：原值 X，改为 Y'} so the provenance stays honest
 *                                       (the quotes still show what the extractor read), and the checks re-run
 *                                       (runChecks; checks the pipeline adds outside runChecks are kept)
 *   → { report, records }               records: what changed, kept with the stored batch
 *
 * The original report is never mutated; an edit equal to the extracted value is not a correction.
 */
import type { Jurisdiction, Report, ReportKind } from '../../model/report';
import { REPORT_KINDS } from '../../model/report';
import { canonical, changeRate, ratio } from '../../money/decimal';
import { runChecks } from '../../extract/checks';
import { gradeForScore } from '../../extract/checks/grade';
import { sectorOf } from '../../extract/fields/sector';
import { formatPlace } from '../format';
import { kindLabel, type Lang } from '../i18n/labels';
import { t as tr } from '../i18n/messages';
import { jurisdictionOf, type PlacePick } from './places';

export const MONEY_FIELDS = ['budget.initial', 'budget.adjusted', 'budget.actual'] as const;
export type MoneyField = (typeof MONEY_FIELDS)[number];

export type CorrectableField = 'kind' | 'fiscalYear' | 'department.name' | 'jurisdiction' | 'score' | MoneyField;

export interface Edits {
  kind?: ReportKind;
  fiscalYear?: number | null;
  'department.name'?: string | null;
  jurisdiction?: PlacePick;
  score?: string | null;
  'budget.initial'?: string | null;
  'budget.adjusted'?: string | null;
  'budget.actual'?: string | null;
}

export interface CorrectionRecord {
  reportId: string;
  file: string;
  field: CorrectableField;
  label: string;
  from: string;
  to: string;
}

export const FIELD_LABELS: Record<CorrectableField, string> = {
  kind: '报告类型',
  fiscalYear: '年度',
  'department.name': '单位',
  jurisdiction: '地区',
  score: '自评得分',
  'budget.initial': '年初预算数',
  'budget.adjusted': '全年预算数（调整后）',
  'budget.actual': '全年执行数',
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Input text for a money / score cell: full-width digits and separators, thousands separators and units removed. */
function cleanNumber(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．]/g, '.')
    .replace(/[－]/g, '-')
    .replace(/[,，\s]/g, '')
    .replace(/(万元|分)$/, '');
}

export function parseCorrection(field: 'fiscalYear', text: string, lang?: Lang): Parsed<number | null>;
export function parseCorrection(field: 'kind', text: string, lang?: Lang): Parsed<ReportKind>;
export function parseCorrection(field: 'department.name' | 'score' | MoneyField, text: string, lang?: Lang): Parsed<string | null>;
export function parseCorrection(field: Exclude<CorrectableField, 'jurisdiction'>, text: string, lang?: Lang): Parsed<string | number | null>;
export function parseCorrection(field: Exclude<CorrectableField, 'jurisdiction'>, text: string, lang: Lang = 'zh'): Parsed<string | number | null> {
  const t = text.trim();
  const no = (message: string): Parsed<never> => ({ ok: false, message });
  switch (field) {
    case 'kind':
      return (REPORT_KINDS as readonly string[]).includes(t) ? { ok: true, value: t } : no(tr(lang, 'rc.fix.kind', { v: t }));
    case 'fiscalYear': {
      if (t === '') return { ok: true, value: null };
      const y = cleanNumber(t).replace(/年度?$/, '');
      if (!/^\d{4}$/.test(y)) return no(tr(lang, 'rc.fix.yearDigits'));
      const n = Number(y);
      if (n < 1990 || n > 2100) return no(tr(lang, 'rc.fix.yearRange'));
      return { ok: true, value: n };
    }
    case 'department.name': {
      if (t === '') return { ok: true, value: null };
      if (t.length > 200) return no(tr(lang, 'rc.fix.nameLong'));
      return { ok: true, value: t };
    }
    case 'score': {
      if (t === '') return { ok: true, value: null };
      const s = cleanNumber(t);
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return no(tr(lang, 'rc.fix.score'));
      if (Number(s) > 100) return no(tr(lang, 'rc.fix.scoreRange'));
      return { ok: true, value: canonical(s) };
    }
    default: {
      if (t === '') return { ok: true, value: null };
      const s = cleanNumber(t);
      if (!/^-?\d{1,14}(\.\d{1,4})?$/.test(s)) return no(tr(lang, 'rc.fix.money'));
      return { ok: true, value: canonical(s) };
    }
  }
}

function show(field: CorrectableField, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  switch (field) {
    case 'kind':
      return kindLabel(String(v));
    case 'jurisdiction': {
      const p = formatPlace(v as PlacePick);
      return p === '—' ? '（空）' : p.replace(/ › /g, '');
    }
    case 'budget.initial':
    case 'budget.adjusted':
    case 'budget.actual':
      return `${String(v)} 万元`;
    default:
      return String(v);
  }
}

function sameMoney(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return canonical(a) === canonical(b);
}

function samePlace(a: Jurisdiction, b: Jurisdiction): boolean {
  return a.province === b.province && a.prefecture === b.prefecture && a.county === b.county;
}

/** Multiset difference of checks by content: what `all` has beyond `base`. */
function extraChecks(all: Report['checks'], base: Report['checks']): Report['checks'] {
  const pool = base.map((c) => JSON.stringify(c));
  const out: Report['checks'] = [];
  for (const c of all) {
    const k = JSON.stringify(c);
    const i = pool.indexOf(k);
    if (i >= 0) pool.splice(i, 1);
    else out.push(c);
  }
  return out;
}

export function hasEdits(report: Report, edits: Edits): boolean {
  return applyCorrections(report, edits).records.length > 0;
}

export function applyCorrections(original: Report, edits: Edits): { report: Report; records: CorrectionRecord[] } {
  if (!Object.values(edits).some((v) => v !== undefined)) return { report: original, records: [] };
  const r: Report = structuredClone(original);
  const records: CorrectionRecord[] = [];
  const note = (field: CorrectableField, from: unknown, to: unknown) => {
    const rec: CorrectionRecord = {
      reportId: original.id,
      file: original.source.file,
      field,
      label: FIELD_LABELS[field],
      from: show(field, from),
      to: show(field, to),
    };
    records.push(rec);
    r.warnings.push({ field, message: `人工更正：原值 ${rec.from}，改为 ${rec.to}` });
  };

  if (edits.kind !== undefined && edits.kind !== original.kind) {
    r.kind = edits.kind;
    note('kind', original.kind, edits.kind);
  }
  if (edits.fiscalYear !== undefined && edits.fiscalYear !== original.fiscalYear) {
    r.fiscalYear = edits.fiscalYear;
    note('fiscalYear', original.fiscalYear, edits.fiscalYear);
  }
  if (edits['department.name'] !== undefined) {
    const name = edits['department.name']?.trim() || null;
    if (name !== original.department.name) {
      r.department = { name, sector: sectorOf(name) };
      note('department.name', original.department.name, name);
    }
  }
  if (edits.jurisdiction !== undefined) {
    const j = jurisdictionOf(edits.jurisdiction);
    if (!samePlace(j, original.jurisdiction)) {
      r.jurisdiction = j;
      note('jurisdiction', original.jurisdiction, j);
    }
  }
  if (edits.score !== undefined && !sameMoney(edits.score, original.score)) {
    r.score = edits.score;
    if (original.gradeSource !== 'stated') {
      r.grade = r.score === null ? null : gradeForScore(r.score);
      r.gradeSource = r.grade ? 'derived' : null;
    }
    note('score', original.score, edits.score);
  }
  let money = false;
  for (const f of MONEY_FIELDS) {
    const v = edits[f];
    const key = f.slice('budget.'.length) as 'initial' | 'adjusted' | 'actual';
    if (v !== undefined && !sameMoney(v, original.budget[key])) {
      r.budget[key] = v;
      money = true;
      note(f, original.budget[key], v);
    }
  }
  if (money) {
    r.budget.executionRate = ratio(r.budget.actual, r.budget.adjusted);
    r.budget.adjustmentRate = changeRate(r.budget.initial, r.budget.adjusted);
  }
  if (records.length) {
    // Checks the pipeline adds after runChecks (e.g. narrative vs table) do not depend on the corrected fields.
    const kept = extraChecks(original.checks, runChecks(original));
    r.checks = [...runChecks(r), ...kept];
  }
  return { report: r, records };
}
