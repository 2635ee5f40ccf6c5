/** 对比表: one row per unit and year; sort, text filter, column chooser, CSV export, virtualized rows. */
import { useEffect, useMemo, useState } from 'react';
import { useVirtualRows } from '../components/use-virtual-rows';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef as TColumnDef,
  type Row,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { comparisonRows } from '../../metrics/comparison';
import type { Filters } from '../../metrics/filters';
import { PageHead } from '../components/bits';
import { useQuery } from '../data';
import { emptyReason, formatCount } from '../format';
import { downloadText, toCsvExport } from '../csv-export';
import {
  COLUMNS,
  cellText,
  compareDecimalStrings,
  csvHeader,
  csvValue,
  headerOf,
  parseCols,
  parseSort,
  searchText,
  type ComparisonRow,
} from '../table-columns';
import { hrefTo, setView, type ViewState } from '../url-state';
import { useLang } from '../i18n/use-t';
import { t } from '../i18n/messages';
import { tn } from '../i18n/plural';

const ROW_HEIGHT = 32;
/**
 * Chinese order for text columns: the same order as localeCompare(…, 'zh-Hans-CN'), from one collator (about twice
 * as fast per comparison — a sort of 100k rows makes 1.7M of them).
 */
const ZH_ORDER = new Intl.Collator('zh-Hans-CN');
/** One empty array while loading (a new `[]` each render would re-run the search index and sort). */
const NO_ROWS: ComparisonRow[] = [];

function sortValue(row: Row<ComparisonRow>, id: string): string | number | null {
  return row.original[id as keyof ComparisonRow] as string | number | null;
}

export function TableView({ filters, view }: { filters: Filters; view: ViewState }) {
  const lang = useLang();
  const q = useQuery((db) => comparisonRows(db, filters), ['comparison', filters]);
  const rows = (q.data ?? NO_ROWS) as ComparisonRow[];
  const [text, setText] = useState(view.q ?? '');
  useEffect(() => setText(view.q ?? ''), [view.q]);
  // Typing rewrites the current history entry (after a short pause) so back still leaves the page.
  useEffect(() => {
    if (text === (view.q ?? '')) return;
    const t = setTimeout(() => setView({ q: text || null }, { replace: true }), 250);
    return () => clearTimeout(t);
  }, [text, view.q]);

  const indexed = useMemo(() => rows.map((r) => ({ r, s: searchText(r) })), [rows]);
  const needle = (view.q ?? '').trim().toLowerCase();
  const data = useMemo(
    () => (needle ? indexed.filter((x) => needle.split(/\s+/).every((w) => x.s.includes(w))).map((x) => x.r) : rows),
    [indexed, rows, needle],
  );

  const sorting: SortingState = useMemo(() => parseSort(view.sort), [view.sort]);
  const visible = useMemo(() => parseCols(view.cols), [view.cols]);
  const columnVisibility: VisibilityState = useMemo(
    () => Object.fromEntries(COLUMNS.map((c) => [c.id, visible.includes(c.id)])),
    [visible],
  );

  const columns = useMemo<TColumnDef<ComparisonRow>[]>(
    () =>
      COLUMNS.map((c) => ({
        id: c.id,
        accessorFn: (r) => r[c.id],
        header: headerOf(c, lang),
        size: c.width,
        sortDescFirst: c.type !== 'text',
        sortingFn:
          c.type === 'money' || c.type === 'rate' || c.type === 'score'
            ? (a, b, id) => {
                const x = sortValue(a, id);
                const y = sortValue(b, id);
                if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
                return compareDecimalStrings(String(x), String(y));
              }
            : c.type === 'int'
              ? 'basic'
              : (a, b, id) => ZH_ORDER.compare(String(sortValue(a, id) ?? ''), String(sortValue(b, id) ?? '')),
        cell: (ctx) =>
          c.id === 'department_name' ? (
            <a href={hrefTo({ page: 'report', id: ctx.row.original.report_id }, filters)} title={ctx.row.original.department_name ?? ''}>
              {cellText(c, ctx.row.original, lang)}
            </a>
          ) : (
            cellText(c, ctx.row.original, lang)
          ),
      })),
    [filters, lang],
  );

  const table = useReactTable({
    data,
    columns,
    state: { sorting, columnVisibility },
    onSortingChange: (u) => {
      const next = typeof u === 'function' ? u(sorting) : u;
      const s = next[0];
      setView({ sort: s ? `${s.id}:${s.desc ? 'desc' : 'asc'}` : null });
    },
    onColumnVisibilityChange: (u) => {
      const next = typeof u === 'function' ? u(columnVisibility) : u;
      const ids = COLUMNS.filter((c) => next[c.id] !== false).map((c) => c.id);
      setView({ cols: ids.join(',') === COLUMNS.filter((c) => c.visible).map((c) => c.id).join(',') ? null : ids.join(',') });
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    enableMultiSort: false,
  });

  // Missing values go last whichever the direction (TanStack 8.11 flips them with the order).
  const sortedRows = table.getRowModel().rows;
  const tableRows = useMemo(() => {
    const s = sorting[0];
    if (!s) return sortedRows;
    const present: Row<ComparisonRow>[] = [];
    const missing: Row<ComparisonRow>[] = [];
    for (const r of sortedRows) {
      const v = r.original[s.id as keyof ComparisonRow];
      (v === null || v === undefined || v === '' ? missing : present).push(r);
    }
    return missing.length ? present.concat(missing) : sortedRows;
  }, [sortedRows, sorting]);
  const { scrollRef, items, padTop, padBottom } = useVirtualRows(tableRows.length, ROW_HEIGHT);
  const visibleCols = table.getVisibleLeafColumns();
  const totalWidth = visibleCols.reduce((a, c) => a + c.getSize(), 0);

  const exportCsv = () => {
    const cols = COLUMNS.filter((c) => visible.includes(c.id));
    const csv = toCsvExport(
      [t(lang, 'f.reportId'), ...cols.map((c) => csvHeader(c, lang))],
      tableRows.map((r) => [r.original.report_id, ...cols.map((c) => csvValue(c, r.original, lang))]),
    );
    downloadText(`perfatlas-${t(lang, 'tablePage.fileName')}-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  };

  return (
    <div className="page table-page">
      <PageHead title={t(lang, 'tablePage.title')}>{t(lang, 'tablePage.lead')}</PageHead>
      <div className="table-tools">
        <label className="search">
          <span>{t(lang, 'tablePage.search')}</span>
          <input type="search" value={text} placeholder={t(lang, 'tablePage.searchPlaceholder')} onChange={(e) => setText(e.target.value)} aria-label={t(lang, 'tablePage.searchLabel')} />
        </label>
        <details className="col-chooser">
          <summary>{t(lang, 'tablePage.columns', { n: visible.length, total: COLUMNS.length })}</summary>
          <div className="col-list">
            {table.getAllLeafColumns().map((col) => (
              <label key={col.id}>
                <input type="checkbox" checked={col.getIsVisible()} onChange={col.getToggleVisibilityHandler()} />
                {String(col.columnDef.header)}
              </label>
            ))}
          </div>
        </details>
        <button type="button" className="btn" onClick={exportCsv} disabled={!tableRows.length}>
          {t(lang, 'tablePage.export')}
        </button>
        <span className="muted" aria-live="polite">
          {q.loading && !q.data
            ? t(lang, 'common.querying')
            : needle
              ? tn(lang, 'common.rowsOf', { n: tableRows.length }, { n: formatCount(tableRows.length, lang), total: formatCount(rows.length, lang) })
              : tn(lang, 'common.rows', { n: tableRows.length }, { n: formatCount(tableRows.length, lang) })}
        </span>
      </div>
      {q.error ? <p className="warn">{t(lang, 'common.queryFailedMsg', { msg: q.error.message })}</p> : null}
      {q.data && !tableRows.length ? (
        <div className="empty-state" role="status">
          <strong>{t(lang, 'common.noData')}</strong>
          <span>
            {emptyReason(filters, undefined, lang)}
            {needle ? t(lang, 'tablePage.withText', { q: view.q }) : ''}
          </span>
        </div>
      ) : null}
      <div className="virtual-scroll" ref={scrollRef} role="region" aria-label={t(lang, 'tablePage.title')} tabIndex={0}>
        <table className="data compare" style={{ width: totalWidth }}>
          <colgroup>
            {visibleCols.map((c) => (
              <col key={c.id} style={{ width: c.getSize() }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const def = COLUMNS.find((c) => c.id === h.column.id)!;
                  const s = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      className={def.type === 'text' ? '' : 'num'}
                      aria-sort={s === 'asc' ? 'ascending' : s === 'desc' ? 'descending' : 'none'}
                    >
                      <button type="button" className="th-sort" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden="true">{s === 'asc' ? ' ▲' : s === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 ? (
              <tr aria-hidden="true" style={{ height: padTop }}>
                <td colSpan={visibleCols.length} />
              </tr>
            ) : null}
            {items.map((vi) => {
              const row = tableRows[vi.index]!;
              return (
                <tr key={row.id} data-index={vi.index} style={{ height: ROW_HEIGHT }}>
                  {row.getVisibleCells().map((cell) => {
                    const def = COLUMNS.find((c) => c.id === cell.column.id)!;
                    return (
                      <td key={cell.id} className={def.type === 'text' ? '' : 'num'}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden="true" style={{ height: padBottom }}>
                <td colSpan={visibleCols.length} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export default TableView;
