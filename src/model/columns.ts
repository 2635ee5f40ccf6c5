/**
 * Column specs: one definition from which the TypeScript row types, the runtime validators and the
 * DuckDB DDL are all derived, so the three cannot drift apart.
 */
import Decimal from 'decimal.js';

interface BaseSpec<K extends string, T> {
  kind: K;
  nullable: boolean;
  /** Phantom field carrying the TS value type (never set at run time). */
  readonly __type?: T;
}

export type VarcharSpec = BaseSpec<'varchar', string> & { values?: readonly string[] };
export type IntSpec = BaseSpec<'int', number> & { min?: number; max?: number };
/** DECIMAL(precision, scale), carried as a decimal string in JS. */
export type DecimalSpec = BaseSpec<'decimal', string> & { precision: number; scale: number };
export type BoolSpec = BaseSpec<'bool', boolean>;

export type ColumnSpec = VarcharSpec | IntSpec | DecimalSpec | BoolSpec;

type Nullable<S extends ColumnSpec, N extends boolean> = S & { nullable: N };

export const col = {
  varchar: <N extends boolean = false>(opts: { nullable?: N; values?: readonly string[] } = {}) =>
    ({ kind: 'varchar', nullable: (opts.nullable ?? false) as N, values: opts.values }) as Nullable<VarcharSpec, N>,
  enum: <const V extends readonly string[], N extends boolean = false>(values: V, opts: { nullable?: N } = {}) =>
    ({ kind: 'varchar', nullable: (opts.nullable ?? false) as N, values }) as Nullable<
      BaseSpec<'varchar', V[number]> & { values: V },
      N
    >,
  int: <N extends boolean = false>(opts: { nullable?: N; min?: number; max?: number } = {}) =>
    ({ kind: 'int', nullable: (opts.nullable ?? false) as N, min: opts.min, max: opts.max }) as Nullable<IntSpec, N>,
  decimal: <N extends boolean = false>(precision: number, scale: number, opts: { nullable?: N } = {}) =>
    ({ kind: 'decimal', nullable: (opts.nullable ?? false) as N, precision, scale }) as Nullable<DecimalSpec, N>,
  bool: () => ({ kind: 'bool', nullable: false }) as Nullable<BoolSpec, false>,
};

export type ValueOf<S> = S extends { __type?: infer T; nullable: infer N }
  ? N extends true
    ? T | null
    : T
  : never;

export type TableSpec = Record<string, ColumnSpec>;
export type RowOf<T extends TableSpec> = { [K in keyof T]: ValueOf<T[K]> };

export function sqlType(spec: ColumnSpec): string {
  switch (spec.kind) {
    case 'varchar':
      return 'VARCHAR';
    case 'int':
      return 'INTEGER';
    case 'decimal':
      return `DECIMAL(${spec.precision},${spec.scale})`;
    case 'bool':
      return 'BOOLEAN';
  }
}

/** Returns null when valid, else a message naming what is wrong. */
export function validateValue(spec: ColumnSpec, value: unknown): string | null {
  if (value === null || value === undefined) return spec.nullable ? null : 'is required';
  switch (spec.kind) {
    case 'varchar':
      if (typeof value !== 'string') return `must be text, got ${typeof value}`;
      if (spec.values && !spec.values.includes(value)) return `must be one of ${spec.values.join(' | ')}, got "${value}"`;
      return null;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `must be a whole number, got "${String(value)}"`;
      if (spec.min !== undefined && value < spec.min) return `must be ≥ ${spec.min}, got ${value}`;
      if (spec.max !== undefined && value > spec.max) return `must be ≤ ${spec.max}, got ${value}`;
      return null;
    case 'decimal': {
      if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) return `must be a decimal number, got "${String(value)}"`;
      const d = new Decimal(value);
      if (d.decimalPlaces() > spec.scale) return `has more than ${spec.scale} decimals: "${value}"`;
      const intDigits = d.abs().trunc().toFixed(0).replace(/^0$/, '').length;
      if (intDigits > spec.precision - spec.scale) return `is too large for DECIMAL(${spec.precision},${spec.scale}): "${value}"`;
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : `must be true or false, got "${String(value)}"`;
  }
}

/** Parses one CSV cell (text) into the column's JS value; throws with a reason on bad input. */
export function parseCell(spec: ColumnSpec, cell: string): unknown {
  const t = cell.trim();
  // CSV cannot tell NULL from an empty string: required text columns read back as '' (e.g. a check with no fields).
  if (t === '') return spec.kind === 'varchar' && !spec.nullable ? '' : null;
  switch (spec.kind) {
    case 'varchar':
      return cell;
    case 'int': {
      if (!/^-?\d+$/.test(t)) throw new Error(`must be a whole number, got "${t}"`);
      return Number(t);
    }
    case 'decimal':
      return t;
    case 'bool':
      if (/^(true|1)$/i.test(t)) return true;
      if (/^(false|0)$/i.test(t)) return false;
      throw new Error(`must be true or false, got "${t}"`);
  }
}
