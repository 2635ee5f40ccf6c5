/**
 * The five real reports in ../shared/corpus against ground truth written by hand (test/fixtures/corpus-truth.json).
 * Skipped with a message when ../shared is not beside the repo.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../src/extract/pipeline';
import { readDocument } from '../../src/extract/read';
import type { Report } from '../../src/model/report';

const CORPUS = join(__dirname, '../../../shared/corpus');
const truth = JSON.parse(readFileSync(join(__dirname, '../fixtures/corpus-truth.json'), 'utf8')) as Record<string, any>;
const present = existsSync(CORPUS);

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return new Decimal(a).eq(new Decimal(b));
}

async function extract(file: string): Promise<Report> {
  const bytes = new Uint8Array(readFileSync(join(CORPUS, file)));
  return extractReport(await readDocument(file, bytes));
}

describe.skipIf(!present)('corpus ground truth', () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort() : [];

  it('has ground truth for every corpus file', () => {
    expect(files.filter((f) => !truth[f])).toEqual([]);
  });

  for (const file of Object.keys(truth).filter((k) => !k.startsWith('_'))) {
    describe(file, () => {
      const t = truth[file];
      let r: Report;
      it('extracts kind, year, department and jurisdiction', async () => {
        r = await extract(file);
        expect(r.kind).toBe(t.kind);
        expect(r.fiscalYear).toBe(t.fiscalYear);
        expect(r.department).toEqual(t.department);
        expect(r.jurisdiction).toEqual(t.jurisdiction);
      });
      it('extracts score and grade', () => {
        expect(r.score === null ? null : new Decimal(r.score).toString()).toBe(t.score);
        expect(r.grade).toBe(t.grade);
        if (t.gradeSource) expect(r.gradeSource).toBe(t.gradeSource);
      });
      it('extracts the funds totals exactly', () => {
        for (const [k, v] of Object.entries(t.budget)) {
          expect(same((r.budget as any)[k], v as string | null), `budget.${k}: got ${(r.budget as any)[k]}, want ${v}`).toBe(true);
        }
      });
      it('extracts every verifiable budget line', () => {
        for (const want of t.lines as any[]) {
          const hit = r.lines.find(
            (l) =>
              l.name.includes(want.name) &&
              ['initial', 'adjusted', 'actual', 'statedRate'].every((f) => !(f in want) || same((l as any)[f], want[f])),
          );
          expect(hit, `line ${JSON.stringify(want)} among ${JSON.stringify(r.lines.map((l) => [l.name, l.initial, l.adjusted, l.actual, l.statedRate]))}`).toBeTruthy();
        }
      });
      it('extracts every 三公 figure with its year, and nothing else', () => {
        const norm = (xs: any[]) =>
          xs
            .map((s) => `${s.year}|${s.category}|${s.budget === null ? '-' : new Decimal(s.budget).toString()}|${s.actual === null ? '-' : new Decimal(s.actual).toString()}`)
            .sort();
        expect(norm(r.sangong)).toEqual(norm(t.sangong));
      });
      it('classifies the problems the report admits', () => {
        const got = new Set(r.problems.flatMap((p) => p.categories));
        for (const c of t.problemCategories) expect(got.has(c), `category ${c} in ${[...got].join(',')}`).toBe(true);
        expect(got.has('none')).toBe(false);
      });
      it('reads the indicator table', () => {
        expect(r.indicators.length).toBe(t.indicatorCount);
        if (t.indicatorScoreSum) {
          const total = r.indicators.reduce((acc, i) => acc.plus(i.score ?? 0), new Decimal(0));
          expect(total.toString()).toBe(t.indicatorScoreSum);
        }
      });
      it('runs the consistency checks', () => {
        // Exactly the disagreements a careful reader finds: no spurious failures on figures that do add up.
        const failed = [...new Set(r.checks.filter((c) => !c.passed).map((c) => c.rule))].sort();
        expect(failed).toEqual([...(t.failedChecks ?? [])].sort());
        // Every check names the figures it compared.
        for (const c of r.checks) expect(Object.keys(c.figures).length).toBeGreaterThan(0);
      });
      it('keeps provenance that quotes the source for every money figure', () => {
        const text = readFileSync(join(CORPUS, file), 'utf8');
        const moneyFields = r.provenance.filter((p) => p.unit);
        for (const p of moneyFields) {
          expect(p.end).toBeGreaterThan(p.start);
          const raw = text.slice(p.start, p.end).replace(/\s+/g, '');
          expect(raw.length).toBeGreaterThan(0);
          expect(p.quote.length).toBeGreaterThan(0);
        }
        if (r.budget.actual) expect(r.provenance.some((p) => p.field === 'budget.actual')).toBe(true);
      });
    });
  }
});
