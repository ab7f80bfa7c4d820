/**
 * ag-grid without its React wrapper. The wrapper keeps every row and cell as React state and calls
 * their setters on each row refresh with mostly unchanged values; React keeps such bailed-out
 * updates queued on components that never re-render, so a watchlist refreshed by thousands of ticks
 * grew the renderer heap without bound. The vanilla grid writes the DOM itself: no queue, and no
 * React reconciliation per tick.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import {
  AllCommunityModule,
  createGrid,
  ModuleRegistry,
  themeQuartz,
  type GridApi,
  type GridOptions,
} from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

/** The grid's colours come from our CSS variables, so dark/light follow the app theme. */
export const gridTheme = themeQuartz.withParams({
  backgroundColor: 'var(--bg-panel)',
  foregroundColor: 'var(--text)',
  headerBackgroundColor: 'var(--bg-raised)',
  headerTextColor: 'var(--text-dim)',
  borderColor: 'var(--border)',
  rowHoverColor: 'var(--bg-raised)',
  selectedRowBackgroundColor: 'var(--bg-raised)',
  accentColor: 'var(--accent)',
  valueChangeValueHighlightBackgroundColor: 'color-mix(in srgb, var(--accent) 22%, transparent)',
  oddRowBackgroundColor: 'var(--bg-panel)',
  fontFamily: 'inherit',
  fontSize: 13,
  rowHeight: 28,
  headerHeight: 28,
  spacing: 4,
  wrapperBorderRadius: 0,
  cellHorizontalPadding: 8,
});

/**
 * Creates a grid in `host` once (options read at mount), destroys it on unmount, and pushes later
 * changes of `rowData` and `columnDefs` through the grid API. Callbacks in `options` should read
 * live values through refs: they are not re-bound.
 */
export function useGrid<Row>(
  host: RefObject<HTMLDivElement | null>,
  options: GridOptions<Row>,
  live: Pick<GridOptions<Row>, 'rowData' | 'columnDefs'>,
): GridApi<Row> | null {
  const [api, setApi] = useState<GridApi<Row> | null>(null);
  const first = useRef({ options, live });
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const created = createGrid<Row>(el, {
      theme: gridTheme,
      ...first.current.options,
      ...first.current.live,
    });
    setApi(created);
    return () => {
      setApi(null);
      created.destroy();
    };
  }, [host]);
  useEffect(() => {
    if (api && live.rowData !== first.current.live.rowData) api.setGridOption('rowData', live.rowData);
  }, [api, live.rowData]);
  useEffect(() => {
    if (api && live.columnDefs !== first.current.live.columnDefs)
      api.setGridOption('columnDefs', live.columnDefs);
  }, [api, live.columnDefs]);
  return api;
}
