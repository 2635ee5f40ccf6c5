/**
 * Partitioned datasets, loaded on demand. A manifest may list, next to (or instead of) one CSV per table, Arrow IPC
 * stream files split by fiscal year:
 *
 *   "partitions": { "by": "fiscal_year", "format": "arrow",
 *                   "tables": { "reports": [{ "key": 2023, "file": "reports.2023.arrow", "rows": 3292 }, …], … } }
 *
 * Every row of every table belongs to the partition of its report's fiscal year (key null: reports without a year,
 * file "<table>.none.arrow"). Files are flat names in the data folder (same rules as the CSVs).
 *
 *   new PartitionLoader(db, manifest, fetchBytes)
 *     .years                      every partition key the manifest lists (numbers; null for "no year")
 *     .prefetch(years)            starts downloading those partitions (before DuckDB is ready, at boot)
 *     .ensure(years | null)       loads every partition of those years (null = all) that is not loaded yet, then
 *                                 rebuilds the analysis tables (src/metrics/views.ts); resolves with the errors.
 *                                 Calls share one queue: a second call waits for the first.
 *     .loadedYears / .isLoaded(years)
 *   gatedClient(db, loader, neededYears)   a QueryClient whose queries first ensure neededYears() is loaded, so a
 *                                 filter asking for a year not loaded yet waits for its partitions instead of
 *                                 answering from partial data.
 *   hasArrowPartitions(manifest, db)   true when the manifest has partitions and the client can insert Arrow.
 *
 * Loading a table's partitions: each IPC stream is appended to a staging table (insertArrowIPC, no extension),
 * then one INSERT … SELECT casts every column to the table spec's type (DECIMAL travels as exact text) — a bad
 * value fails that table's partitions for the year, reported in `errors`, the rest still loads.
 */
import type { QueryClient, QueryOptions, Row } from './client';
import { sqlType } from '../model/columns';
import { TABLE_NAMES, TABLES, type TableName } from '../model/tables';
import { refreshViews } from '../metrics/views';

export interface PartitionEntry {
  key: number | null;
  file: string;
  rows: number;
}

export interface PartitionSpec {
  by: 'fiscal_year';
  format: 'arrow';
  tables: Partial<Record<TableName, PartitionEntry[]>>;
}

const SAFE_ARROW = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.arrow$/;

/** The manifest's partition spec when it is well formed, else null (the CSV files are used). */
export function partitionSpec(manifest: { partitions?: unknown } | null): PartitionSpec | null {
  const p = manifest?.partitions as Partial<PartitionSpec> | undefined;
  if (!p || p.by !== 'fiscal_year' || p.format !== 'arrow' || !p.tables || typeof p.tables !== 'object') return null;
  for (const [t, list] of Object.entries(p.tables)) {
    if (!(TABLE_NAMES as readonly string[]).includes(t) || !Array.isArray(list)) return null;
    for (const e of list as PartitionEntry[]) {
      if (!e || typeof e.file !== 'string' || !SAFE_ARROW.test(e.file) || !(e.key === null || Number.isInteger(e.key))) return null;
    }
  }
  return p as PartitionSpec;
}

export function hasArrowPartitions(manifest: { partitions?: unknown } | null, db: QueryClient): boolean {
  return partitionSpec(manifest) !== null && typeof db.insertArrowIPC === 'function';
}

const q = (c: string) => `"${c.replace(/"/g, '""')}"`;

function castSelect(table: TableName): string {
  const spec = TABLES[table];
  return Object.entries(spec)
    .map(([c, s]) => {
      const free = s.kind === 'varchar' && !s.values;
      const v = free && !s.nullable ? `coalesce(${q(c)}, '')` : q(c);
      return `CAST(${v} AS ${sqlType(s)})`;
    })
    .join(', ');
}

export class PartitionLoader {
  readonly spec: PartitionSpec;
  readonly years: (number | null)[];
  private readonly loaded = new Set<string>();
  private readonly fetches = new Map<string, Promise<Uint8Array>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Resolves when no load is in progress. */
  pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: QueryClient,
    spec: PartitionSpec,
    private readonly fetchBytes: (file: string) => Promise<Uint8Array>,
  ) {
    this.spec = spec;
    const keys = new Set<number | null>();
    for (const list of Object.values(spec.tables)) for (const e of list ?? []) keys.add(e.key);
    this.years = [...keys].sort((a, b) => (a ?? -1) - (b ?? -1));
  }

  private wanted(years: readonly (number | null)[] | null): (number | null)[] {
    return years === null || years.length === 0 ? this.years : this.years.filter((y) => years.includes(y));
  }

  get loadedYears(): (number | null)[] {
    return this.years.filter((y) => this.loaded.has(String(y)));
  }

  isLoaded(years: readonly (number | null)[] | null): boolean {
    return this.wanted(years).every((y) => this.loaded.has(String(y)));
  }

  private fetchOnce(file: string): Promise<Uint8Array> {
    let p = this.fetches.get(file);
    if (!p) {
      p = this.fetchBytes(file);
      p.catch(() => undefined);
      this.fetches.set(file, p);
    }
    return p;
  }

  /** Starts downloading the partitions of `years` (null = all) without touching the database. */
  prefetch(years: readonly (number | null)[] | null): void {
    for (const y of this.wanted(years)) {
      for (const t of TABLE_NAMES) for (const e of this.spec.tables[t] ?? []) if (e.key === y) void this.fetchOnce(e.file);
    }
  }

  /** Loads the missing partitions of `years` (null or [] = all), then rebuilds the analysis tables. */
  ensure(years: readonly (number | null)[] | null): Promise<{ errors: string[]; loaded: (number | null)[] }> {
    const run = async () => {
      const todo = this.wanted(years).filter((y) => !this.loaded.has(String(y)));
      const errors: string[] = [];
      if (!todo.length) return { errors, loaded: [] };
      this.prefetch(todo);
      for (const t of TABLE_NAMES) {
        const parts = (this.spec.tables[t] ?? []).filter((e) => todo.includes(e.key));
        if (!parts.length) continue;
        errors.push(...(await this.loadTable(t, parts)));
      }
      for (const y of todo) this.loaded.add(String(y));
      // Downloaded bytes are in DuckDB now: let the browser free them.
      for (const t of TABLE_NAMES) for (const e of this.spec.tables[t] ?? []) if (todo.includes(e.key)) this.fetches.delete(e.file);
      try {
        await refreshViews(this.db);
      } catch (e) {
        errors.push(`views: ${message(e)}`);
      }
      return { errors, loaded: todo };
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    this.pending = this.queue;
    return next;
  }

  private async loadTable(t: TableName, parts: PartitionEntry[]): Promise<string[]> {
    const stage = `pa_stage_arrow_${t}`;
    const errors: string[] = [];
    const insert = this.db.insertArrowIPC!.bind(this.db);
    await this.db.exec(`DROP TABLE IF EXISTS ${stage}`);
    const ok: PartitionEntry[] = [];
    for (const e of parts) {
      try {
        const bytes = await this.fetchOnce(e.file);
        await insert(stage, bytes);
        ok.push(e);
      } catch (err) {
        errors.push(`${t} (${e.file}): could not read the partition: ${message(err)}; not loaded`);
      }
    }
    if (!ok.length) return errors;
    try {
      const cols = Object.keys(TABLES[t]).map(q).join(', ');
      await this.db.exec(`INSERT INTO ${t} (${cols}) SELECT ${castSelect(t)} FROM ${stage}`);
    } catch (err) {
      errors.push(`${t} (${ok.map((e) => e.file).join(', ')}): insert failed: ${message(err)}; not loaded`);
    } finally {
      await this.db.exec(`DROP TABLE IF EXISTS ${stage}`).catch(() => undefined);
    }
    return errors;
  }
}

/**
 * A client that makes every query wait until the partitions for `neededYears()` are loaded (starting that load
 * when they are not). Statements other than queries go straight through.
 */
export function gatedClient(db: QueryClient, loader: PartitionLoader, neededYears: () => number[]): QueryClient {
  const ready = async () => {
    const years = neededYears();
    if (!loader.isLoaded(years)) await loader.ensure(years);
    else await loader.pending;
  };
  return {
    async query<T extends Row = Row>(sql: string, opts?: QueryOptions): Promise<T[]> {
      await ready();
      return db.query<T>(sql, opts);
    },
    exec: (sql) => db.exec(sql),
    registerText: (name, text) => db.registerText(name, text),
    ...(db.insertArrowIPC ? { insertArrowIPC: (name: string, bytes: Uint8Array) => db.insertArrowIPC!(name, bytes) } : {}),
    // The SQL console's 取消 reaches the engine through this wrapper too.
    ...(db.cancel ? { cancel: () => db.cancel!() } : {}),
    close: () => db.close(),
  };
}

function message(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' — ');
}
