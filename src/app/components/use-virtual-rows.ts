/**
 * Row virtualization for the data tables (comparison table, SQL results): only the rows in view are rendered,
 * with spacer rows above and below so the scrollbar still reflects every row.
 */
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export function useVirtualRows(count: number, rowHeight: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 16,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return { scrollRef, items, padTop, padBottom };
}
