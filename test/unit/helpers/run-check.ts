/** Runs one consistency rule (by id) on a report built from overrides; `one` expects exactly one check back. */
import { expect } from 'vitest';
import { CHECK_RULES, type CheckRule } from '../../../src/extract/checks';
import type { Check } from '../../../src/model/report';
import { makeReport, type ReportOverrides } from './make-report';

export function rule(id: string): CheckRule {
  const r = CHECK_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}
export function run(id: string, o: ReportOverrides): Check[] {
  return rule(id).run(makeReport(o));
}
export function one(id: string, o: ReportOverrides): Check {
  const cs = run(id, o);
  expect(cs).toHaveLength(1);
  return cs[0]!;
}
