/**
 * Any query result as a virtualized table (TanStack Table + react-virtual, as in the comparison table): fixed
 * column widths estimated from the header and the first values, sticky header, full cell text in a tooltip.
 */
import { useMemo } from 'react';
import { useVirtualRows } from './use-virtual-rows';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { Row } from '../../db/client';
import { cellText, looksNumeric } from '../sql-console';

const ROW_HEIGHT = 30;

/** Rough rendered width of a string: CJK glyphs are about twice as wide as Latin ones. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 13.5 : 7.4;
  return w;
}

export function ResultTable({ rows, columns, label }: { rows: Row[]; columns: string[]; label: string }) {
  const defs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((c) => {
        const sample = rows.slice(0, 60).map((r) => cellText(r[c]).slice(0, 60));
        const width = Math.round(Math.min(360, Math.max(64, textWidth(c) + 22, ...sample.map((s) => textWidth(s) + 18))));
        return {
          id: c,
          header: c,
          size: width,
          accessorFn: (r: Row) => r[c],
          meta: { numeric: looksNumeric(rows, c) },
        };
      }),
    [columns, rows],
  );
  const table = useReactTable({ data: rows, columns: defs, getCoreRowModel: getCoreRowModel() });
  const tableRows = table.getRowModel().rows;
  const { scrollRef, items, padTop, padBottom } = useVirtualRows(tableRows.length, ROW_HEIGHT);
  const cols = table.getVisibleLeafColumns();
  const totalWidth = cols.reduce((a, c) => a + c.getSize(), 0) + 52;
  const numeric = (id: string) => (defs.find((d) => d.id === id)?.meta as { numeric?: boolean } | undefined)?.numeric === true;

  return (
    <div className="virtual-scroll result-scroll" ref={scrollRef} role="region" aria-label={label} tabIndex={0}>
      <table className="data compare result-table" style={{ width: totalWidth }}>
        <colgroup>
          <col style={{ width: 52 }} />
          {cols.map((c) => (
            <col key={c.id} style={{ width: c.getSize() }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              <th className="num rownum" aria-label="行号">
                #
              </th>
              {hg.headers.map((h) => (
                <th key={h.id} className={numeric(h.column.id) ? 'num' : ''} title={h.column.id}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" style={{ height: padTop }}>
              <td colSpan={cols.length + 1} />
            </tr>
          ) : null}
          {items.map((vi) => {
            const row = tableRows[vi.index]!;
            return (
              <tr key={row.id} data-index={vi.index} style={{ height: ROW_HEIGHT }}>
                <td className="num rownum">{vi.index + 1}</td>
                {row.getVisibleCells().map((cell) => {
                  const v = cell.getValue();
                  const t = cellText(v);
                  return (
                    <td key={cell.id} className={`${numeric(cell.column.id) ? 'num' : ''}${v === null || v === undefined ? ' null' : ''}`} title={t.length > 20 ? t : undefined}>
                      {t}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" style={{ height: padBottom }}>
              <td colSpan={cols.length + 1} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
