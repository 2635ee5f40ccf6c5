/** `npm run data` is deterministic and the committed data/ is what it produces from ../shared/corpus. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/cli/build-data';
import { fromCsv } from '../../src/model/csv';
import { TABLE_NAMES } from '../../src/model/tables';

const CORPUS = join(__dirname, '../../../shared/corpus');
const DATA = join(__dirname, '../../data');

describe.skipIf(!existsSync(CORPUS))('default dataset', () => {
  it('rebuilds byte-identical, and the committed data/ is up to date', async () => {
    const a = await buildDataset(CORPUS);
    const b = await buildDataset(CORPUS);
    expect(a.files).toEqual(b.files);
    expect(a.errors).toEqual([]);
    for (const [name, text] of Object.entries(a.files)) {
      expect(readFileSync(join(DATA, name), 'utf8'), `data/${name} is stale: run npm run data`).toBe(text);
    }
  });
});

describe('committed data/', () => {
  it('every table validates row by row against the model', () => {
    const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
    for (const t of TABLE_NAMES) {
      const parsed = fromCsv(t, readFileSync(join(DATA, manifest.tables[t].file), 'utf8'));
      expect(parsed.errors, t).toEqual([]);
      expect(parsed.rows.length).toBe(manifest.tables[t].rows);
    }
    expect(manifest.tables.reports.rows).toBeGreaterThan(0);
  });
});
