/**
 * The accessible table behind a chart: a caption, column headers that are buttons (keyboard-focusable) with aria-sort,
 * numbers right-aligned. Shows the same rows as the CSV export, formatted for reading.
 */
import { useMemo, useState } from 'react';
import type { Lang } from '../i18n/labels';
import { t } from '../i18n/messages';
import { tn } from '../i18n/plural';
import type { Cell, ColumnType } from '../embed/registry';
import { compareCells, displayValue } from '../embed/registry';

export interface TableColumn {
  key: string;
  header: string;
  type: ColumnType;
}

const LIMIT = 500;

export function DataTable({
  id,
  caption,
  columns,
  rows,
  lang,
}: {
  id?: string;
  caption: string;
  columns: readonly TableColumn[];
  /** One record per row: column key → raw cell. */
  rows: readonly Record<string, Cell>[];
  lang: Lang;
}) {
  const [sort, setSort] = useState<{ key: string; desc: boolean } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const c = columns.find((x) => x.key === sort.key);
    if (!c) return rows;
    const out = [...rows].sort((a, b) => compareCells(c, a[c.key] ?? null, b[c.key] ?? null, lang));
    return sort.desc ? out.reverse() : out;
  }, [rows, columns, sort, lang]);
  if (!rows.length) return <p className="muted data-table-empty">{t(lang, 'table.empty')}</p>;
  const shown = sorted.slice(0, LIMIT);
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? (s.desc ? null : { key, desc: true }) : { key, desc: false }));
  return (
    <div className="table-scroll chart-data-table" id={id}>
      <table className="data">
        <caption>{tn(lang, 'table.caption', { n: rows.length }, { title: caption })}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const s = sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none';
              return (
                <th key={c.key} scope="col" className={c.type === 'text' ? '' : 'num'} aria-sort={s}>
                  <button type="button" className="th-sort" onClick={() => toggle(c.key)} title={t(lang, 'table.sortBy', { col: c.header })}>
                    {c.header}
                    <span aria-hidden="true">{s === 'ascending' ? ' ▲' : s === 'descending' ? ' ▼' : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} className={c.type === 'text' ? '' : 'num'}>
                  {displayValue(c, r[c.key] ?? null, lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > LIMIT ? <p className="muted">{t(lang, 'table.more', { shown: LIMIT, total: rows.length })}</p> : null}
    </div>
  );
}
