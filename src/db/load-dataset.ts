/**
 * Loads the static dataset (data/manifest.json + one CSV per table, see src/model/tables.ts) into DuckDB and
 * creates the analysis views (src/metrics/views.ts).
 *
 * Final signatures:
 *   loadDataset(db, fetchText: (file: string) => Promise<string>)
 *     : Promise<{ manifest: DatasetManifest | null; counts: Record<TableName, number>; errors: string[] }>
 *       manifest is null (and every table empty, views created) when manifest.json cannot be read or parsed.
 *   loadTableCsv(db, table, text, opts?: { file?: string; replace?: boolean }): Promise<{ rows: number; errors: string[] }>
 *       one table from CSV text (also for user imports); with errors nothing is inserted.
 *   createEmptyTables(db): Promise<void>
 *   dataDirFetcher(base = './data/'): (file: string) => Promise<string>   same-origin fetch for the browser
 *
 * Each CSV is read with read_csv (built in, no extension) with every column as VARCHAR, checked column by
 * column against the spec (type, decimals, range, enum values, required), then inserted with a CAST per column.
 * A bad table is reported ("<table> (<file>): column <col> …") and left empty; the other tables still load.
 * Cells: an empty cell is NULL; a required text column that is empty becomes '' (toCsv cannot tell '' from NULL).
 */
import type { QueryClient } from './client';
import { sqlType, type ColumnSpec, type TableSpec } from '../model/columns';
import { createTableSql, TABLE_NAMES, TABLES, type TableName } from '../model/tables';
import { createViews } from '../metrics/views';
import { lit } from '../metrics/filters';

export interface ManifestTableEntry {
  file: string;
  rows: number;
}

export interface DatasetManifest {
  version: number;
  source: string;
  synthetic: boolean;
  tables: Partial<Record<TableName, ManifestTableEntry>>;
  [extra: string]: unknown;
}

export interface LoadResult {
  manifest: DatasetManifest | null;
  counts: Record<TableName, number>;
  errors: string[];
}

const SAFE_FILE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.csv$/;

export async function createEmptyTables(db: QueryClient): Promise<void> {
  for (const t of TABLE_NAMES) await db.exec(createTableSql(t, { orReplace: true }));
}

export async function loadDataset(
  db: QueryClient,
  fetchText: (file: string) => Promise<string>,
): Promise<LoadResult> {
  const errors: string[] = [];
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  await createEmptyTables(db);

  let manifest: DatasetManifest | null = null;
  try {
    manifest = parseManifest(await fetchText('manifest.json'));
  } catch (e) {
    errors.push(`manifest.json: ${message(e)}`);
  }

  if (manifest) {
    if (manifest.version !== 1) errors.push(`manifest.json: version ${String(manifest.version)} is not 1; reading it anyway`);
    for (const name of Object.keys(manifest.tables)) {
      if (!(TABLE_NAMES as string[]).includes(name)) errors.push(`manifest.json: unknown table "${name}" ignored`);
    }
    // Fetch every file at once (network-bound), then load one table at a time.
    const texts = new Map<TableName, Promise<string>>();
    for (const t of TABLE_NAMES) {
      const entry = manifest.tables[t];
      if (!entry) {
        errors.push(`${t}: manifest.json has no entry for this table; it stays empty`);
        continue;
      }
      if (!SAFE_FILE.test(entry.file)) {
        errors.push(`${t}: file name "${entry.file}" is not a plain .csv name in data/; not loaded`);
        continue;
      }
      const p = fetchText(entry.file);
      p.catch(() => undefined);
      texts.set(t, p);
    }
    for (const t of TABLE_NAMES) {
      const entry = manifest.tables[t];
      const pending = texts.get(t);
      if (!entry || !pending) continue;
      let text: string;
      try {
        text = await pending;
      } catch (e) {
        errors.push(`${t} (${entry.file}): could not read the file: ${message(e)}`);
        continue;
      }
      const res = await loadTableCsv(db, t, text, { file: entry.file });
      errors.push(...res.errors);
      counts[t] = res.rows;
      if (!res.errors.length && Number.isInteger(entry.rows) && entry.rows !== res.rows) {
        errors.push(`${t} (${entry.file}): manifest.json says ${entry.rows} rows, the file has ${res.rows}`);
      }
    }
  }

  try {
    await createViews(db);
  } catch (e) {
    errors.push(`views: ${message(e)}`);
  }
  return { manifest, counts, errors };
}

function parseManifest(text: string): DatasetManifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON (${message(e)})`, { cause: e });
  }
  if (!m || typeof m !== 'object') throw new Error('not a JSON object');
  const obj = m as Record<string, unknown>;
  const tables = obj.tables;
  if (!tables || typeof tables !== 'object') throw new Error('has no "tables" object');
  for (const [name, entry] of Object.entries(tables as Record<string, unknown>)) {
    const e = entry as Partial<ManifestTableEntry> | null;
    if (!e || typeof e.file !== 'string') throw new Error(`tables.${name} has no "file"`);
  }
  return {
    ...obj,
    version: typeof obj.version === 'number' ? obj.version : NaN,
    source: typeof obj.source === 'string' ? obj.source : '',
    synthetic: obj.synthetic === true,
    tables: tables as DatasetManifest['tables'],
  };
}

/**
 * Loads one table from CSV text (header row + the spec's columns in order). Checks every cell before
 * inserting; when anything is wrong nothing is inserted and `errors` names the table, file, column, row and value.
 * `replace` empties the table first (only when the new data is valid).
 */
export async function loadTableCsv(
  db: QueryClient,
  table: TableName,
  text: string,
  opts: { file?: string; replace?: boolean } = {},
): Promise<{ rows: number; errors: string[] }> {
  const file = opts.file ?? `${table}.csv`;
  const where = `${table} (${file})`;
  const spec: TableSpec = TABLES[table];
  const cols = Object.keys(spec);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  const header = headerCells(body);
  if (header === null) return { rows: 0, errors: [`${where}: the file is empty (no header row); table not loaded`] };
  if (header.join(',') !== cols.join(',')) {
    const missing = cols.filter((c) => !header.includes(c));
    const extra = header.filter((c) => !cols.includes(c));
    const detail = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `unexpected ${extra.join(', ')}` : '',
      !missing.length && !extra.length ? 'columns are out of order' : '',
    ]
      .filter(Boolean)
      .join('; ');
    return {
      rows: 0,
      errors: [`${where}: header does not match the table (${detail}); expected ${cols.join(',')}; table not loaded`],
    };
  }

  const vfile = `pa_load_${table}.csv`;
  const stage = `pa_stage_${table}`;
  const errors: string[] = [];
  try {
    await db.registerText(vfile, body);
    const columns = cols.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ');
    try {
      await db.exec(
        `CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT * FROM read_csv(${lit(vfile)}, header=true, ` +
          `auto_detect=false, delim=',', quote='"', escape='"', nullstr='', columns={${columns}})`,
      );
    } catch (e) {
      return { rows: 0, errors: [`${where}: could not read the CSV: ${message(e)}; table not loaded`] };
    }

    // Typed columns are trimmed, blank → NULL; free text is kept as is (empty → NULL, or '' when required).
    const cleaned = `(SELECT rowid AS pa_row, ${cols.map((c) => `${cleanExpr(c, spec[c]!)} AS ${q(c)}`).join(', ')} FROM ${stage})`;
    // One pass counts the bad cells per column; only failing columns are looked at again.
    const checks = cols
      .map((c, i) => ({ c, i, s: spec[c]!, bad: badCondition(c, spec[c]!) }))
      .filter((x): x is { c: string; i: number; s: ColumnSpec; bad: string } => x.bad !== null);
    // The row count comes with the bad-cell counts (one round trip to the engine instead of two).
    const counts = [`CAST(count(*) AS INTEGER) AS pa_rows`, ...checks.map(({ i, bad }) => `CAST(count_if(${bad}) AS INTEGER) AS n${i}`)].join(', ');
    const [res] = await db.query(`SELECT ${counts} FROM ${cleaned}`);
    const total = Number(res?.pa_rows ?? 0);
    if (checks.length) {
      for (const { c, i, s, bad } of checks) {
        const n = Number(res?.[`n${i}`] ?? 0);
        if (!n) continue;
        const [first] = await db.query(
          `SELECT CAST(t.pa_row AS INTEGER) AS r, st.${q(c)} AS v FROM ${cleaned} t JOIN ${stage} st ON st.rowid = t.pa_row ` +
            `WHERE ${bad.replaceAll(q(c), `t.${q(c)}`)} ORDER BY t.pa_row LIMIT 1`,
        );
        const row = Number(first?.r ?? 0) + 1;
        const v = first?.v;
        const shown = v === null || v === undefined ? '(empty)' : `"${truncate(String(v), 80)}"`;
        errors.push(
          `${where}: column ${c} expects ${expectation(s)}; data row ${row} has ${shown}` +
            `${n > 1 ? ` (${n} bad cells in this column)` : ''}; table not loaded`,
        );
      }
    }
    if (errors.length) return { rows: 0, errors };

    // One transaction: with `replace`, a failed insert leaves the old rows in place. Sent as one batch of
    // statements (one round trip); on any failure the transaction is rolled back.
    try {
      await db.exec(
        [
          'BEGIN TRANSACTION',
          ...(opts.replace ? [`DELETE FROM ${table}`] : []),
          `INSERT INTO ${table} (${cols.map(q).join(', ')}) SELECT ${cols.map((c) => castExpr(c, spec[c]!)).join(', ')} ` +
            `FROM ${cleaned} ORDER BY pa_row`,
          'COMMIT',
        ].join(';\n'),
      );
    } catch (e) {
      await db.exec('ROLLBACK').catch(() => undefined);
      return { rows: 0, errors: [`${where}: insert failed: ${message(e)}; table not loaded`] };
    }
    return { rows: total, errors: [] };
  } catch (e) {
    return { rows: 0, errors: [`${where}: ${message(e)}; table not loaded`] };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${stage}`).catch(() => undefined);
    await db.registerText(vfile, '').catch(() => undefined);
  }
}

function headerCells(text: string): string[] | null {
  const end = text.search(/\r?\n/);
  const line = (end < 0 ? text : text.slice(0, end)).trim();
  if (!line) return null;
  return line.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}

function q(c: string): string {
  return `"${c.replace(/"/g, '""')}"`;
}

function isFreeText(s: ColumnSpec): boolean {
  return s.kind === 'varchar' && !s.values;
}

/** The staged cell as the loader reads it: typed and enum columns trimmed with blank → NULL; free text as is. */
function cleanExpr(c: string, s: ColumnSpec): string {
  if (isFreeText(s)) return s.nullable ? q(c) : `coalesce(${q(c)}, '')`;
  return `nullif(trim(${q(c)}), '')`;
}

/** SQL over the cleaned cell that is TRUE when it is invalid for the spec (NULL counts as valid); null when no check. */
function badCondition(c: string, s: ColumnSpec): string | null {
  const v = q(c);
  const parts: string[] = [];
  if (!s.nullable && !isFreeText(s)) parts.push(`${v} IS NULL`);
  switch (s.kind) {
    case 'varchar':
      if (s.values) parts.push(`${v} NOT IN (${s.values.map(lit).join(', ')})`);
      break;
    case 'int': {
      const n = `TRY_CAST(${v} AS INTEGER)`;
      parts.push(`NOT regexp_full_match(${v}, '-?[0-9]{1,10}')`, `${n} IS NULL AND ${v} IS NOT NULL`);
      if (s.min !== undefined) parts.push(`${n} < ${s.min}`);
      if (s.max !== undefined) parts.push(`${n} > ${s.max}`);
      break;
    }
    case 'decimal': {
      const frac = s.scale > 0 ? `(\\.[0-9]{1,${s.scale}})?` : '';
      parts.push(`NOT regexp_full_match(${v}, '-?[0-9]{1,${Math.max(1, s.precision - s.scale)}}${frac}')`);
      break;
    }
    case 'bool':
      parts.push(`lower(${v}) NOT IN ('true', 'false', '1', '0')`);
      break;
  }
  return parts.length ? `coalesce(${parts.join(' OR ')}, false)` : null;
}

function castExpr(c: string, s: ColumnSpec): string {
  switch (s.kind) {
    case 'varchar':
      return q(c);
    case 'int':
    case 'decimal':
      return `CAST(${q(c)} AS ${sqlType(s)})`;
    case 'bool':
      return `lower(${q(c)}) IN ('true', '1')`;
  }
}

function expectation(s: ColumnSpec): string {
  const req = s.nullable ? '' : ' (required)';
  switch (s.kind) {
    case 'varchar':
      return s.values ? `one of ${s.values.join(' | ')}${req}` : `text${req}`;
    case 'int': {
      const range =
        s.min !== undefined && s.max !== undefined
          ? ` from ${s.min} to ${s.max}`
          : s.min !== undefined
            ? ` ≥ ${s.min}`
            : s.max !== undefined
              ? ` ≤ ${s.max}`
              : '';
      return `a whole number${range}${req}`;
    }
    case 'decimal':
      return `a decimal number for ${sqlType(s)} (at most ${s.scale} decimals)${req}`;
    case 'bool':
      return `true or false${req}`;
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** DuckDB messages can be long (CSV errors list every option): keep the first two meaningful lines. */
function message(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 2)
    .join(' — ');
}

/** Same-origin fetcher for loadDataset in the browser: './data/<file>' relative to the page. */
export function dataDirFetcher(base = './data/'): (file: string) => Promise<string> {
  return async (file: string) => {
    const baseUrl = new URL(base, globalThis.location.href);
    const url = new URL(file, baseUrl);
    if (url.origin !== globalThis.location.origin) throw new Error(`refusing to fetch ${url.href}: not this site`);
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${url.pathname}`);
    return res.text();
  };
}
