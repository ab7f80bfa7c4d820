/**
 * 관심종목: named groups as tabs, search-to-add (code, name, 초성), remove, drag to reorder, sort,
 * CSV export. Ticks reach the grid as async transactions on changed rows only.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CellClassRules, ColDef, GridOptions, ICellRendererParams } from 'ag-grid-community';
import type { FeedState, Watchlist } from '../../../shared/contract';
import { useT, type MessageKey } from '../i18n';
import { toCsv } from '../lib/csv';
import { describeError } from '../lib/errors';
import { directionOfSign, formatRate, formatSigned, formatWon, type Direction } from '../lib/format';
import { addCode, addGroup, removeCode, removeGroup, renameGroup, reorderCodes } from '../lib/watchlist';
import { ensureName, useMarket, watchQuote, type QuoteView } from '../stores/market';
import { updateSettings, useSettings } from '../stores/settings';
import { toast } from '../stores/toasts';
import { useGrid } from '../ui/grid';
import { SymbolSearch } from '../ui/SymbolSearch';
import { PanelFrame, usePanelSymbol, type PanelProps } from './frame';

interface Row {
  code: string;
  name: string;
  price: number | null;
  change: number | null;
  rate: number | null;
  volume: number | null;
  dir: Direction;
  /** realtime / polling / stale, from the host's feed states */
  feed: string;
}

function rowOf(code: string, q: QuoteView | undefined, name: string | undefined, feed?: FeedState): Row {
  return {
    code,
    name: name || q?.name || '',
    price: q ? q.price : null,
    change: q ? q.change : null,
    rate: q ? q.changeRate : null,
    volume: q ? q.volume : null,
    dir: q ? directionOfSign(q.sign, q.change) : 'flat',
    feed: feed?.feed ?? '',
  };
}

const dirRules: CellClassRules<Row> = {
  up: (p) => p.data?.dir === 'up',
  down: (p) => p.data?.dir === 'down',
};

export function WatchlistPanel(props: PanelProps) {
  const t = useT();
  const { link, code: selected, setLink, setCode } = usePanelSymbol(props);
  const lists = useSettings((s) => s.settings?.watchlists);
  const [groupId, setGroupId] = useState<string>(
    typeof props.params?.group === 'string' ? props.params.group : 'main',
  );
  const group: Watchlist | undefined = lists?.find((w) => w.id === groupId) ?? lists?.[0];
  const codes = useMemo(() => group?.codes ?? [], [group]);
  const codesKey = codes.join(',');
  const hostRef = useRef<HTMLDivElement>(null);
  const [renaming, setRenaming] = useState(false);

  const save = useCallback(
    async (next: Watchlist[]) => {
      try {
        await updateSettings({ watchlists: next });
      } catch (e) {
        toast({ kind: 'error', title: t('panel.watchlist'), body: describeError(e) });
      }
    },
    [t],
  );

  useEffect(() => {
    const offs = codes.map((c) => {
      ensureName(c);
      return watchQuote(c);
    });
    return () => offs.forEach((off) => off());
    // codesKey captures the list's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codesKey]);

  // Rows are rebuilt when the list changes; ticks go through transactions (below).
  const rowData = useMemo(() => {
    const m = useMarket.getState();
    return codes.map((c) => rowOf(c, m.quotes[c], m.names[c], m.feeds[c]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codesKey]);

  // The grid's callbacks are bound once; they read the panel's current state from here.
  const live = useRef({ lists, group, selected, setCode, save });
  useLayoutEffect(() => {
    live.current = { lists, group, selected, setCode, save };
  });

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'code', headerName: t('wl.code'), width: 86, rowDrag: true, sortable: true },
      {
        field: 'name',
        headerName: t('wl.name'),
        flex: 1,
        minWidth: 90,
        sortable: true,
        // Polling or stale symbols are marked so a frozen price is never mistaken for a quiet one.
        cellClassRules: {
          'feed-stale': (p) => p.data?.feed === 'stale',
          'feed-polling': (p) => p.data?.feed === 'polling',
        },
        tooltipValueGetter: (p) =>
          p.data?.feed && p.data.feed !== 'realtime' ? t(`feed.${p.data.feed}` as MessageKey) : undefined,
      },
      {
        field: 'price',
        headerName: t('wl.price'),
        width: 84,
        type: 'rightAligned',
        enableCellChangeFlash: true,
        cellClassRules: dirRules,
        valueFormatter: (p) => (p.value == null ? '—' : formatWon(p.value as number)),
      },
      {
        field: 'change',
        headerName: t('wl.change'),
        width: 74,
        type: 'rightAligned',
        cellClassRules: dirRules,
        valueFormatter: (p) => (p.value == null ? '—' : formatSigned(p.value as number)),
      },
      {
        field: 'rate',
        headerName: t('wl.rate'),
        width: 76,
        type: 'rightAligned',
        cellClassRules: dirRules,
        valueFormatter: (p) => (p.value == null ? '—' : formatRate(p.value as number)),
      },
      {
        field: 'volume',
        headerName: t('wl.volume'),
        width: 96,
        type: 'rightAligned',
        valueFormatter: (p) => (p.value == null ? '—' : formatWon(p.value as number)),
      },
      {
        colId: 'remove',
        headerName: '',
        width: 34,
        sortable: false,
        suppressMovable: true,
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'icon-btn';
          b.textContent = '×';
          b.title = t('wl.removeSymbol');
          b.setAttribute('aria-label', `${t('wl.removeSymbol')} ${p.data?.code ?? ''}`);
          b.dataset['testid'] = 'watchlist-remove';
          b.addEventListener('click', (e) => {
            e.stopPropagation();
            const { lists: ls, group: g } = live.current;
            if (ls && g && p.data) void save(removeCode(ls, g.id, p.data.code));
          });
          return b;
        },
      },
    ],
    [t, save],
  );

  const gridOptions = useMemo<GridOptions<Row>>(
    () => ({
      getRowId: (p) => p.data.code,
      rowDragManaged: true,
      animateRows: false,
      asyncTransactionWaitMillis: 50,
      cellFlashDuration: 150,
      cellFadeDuration: 350,
      onRowClicked: (e) => e.data && live.current.setCode(e.data.code),
      onCellKeyDown: (e) => {
        const ev = e.event as KeyboardEvent | undefined;
        const { lists: ls, group: g } = live.current;
        if (ev?.key === 'Enter' && e.data) live.current.setCode(e.data.code);
        if (ev?.key === 'Delete' && e.data && ls && g)
          void live.current.save(removeCode(ls, g.id, e.data.code));
      },
      onRowDragEnd: (e) => {
        const { lists: ls, group: g } = live.current;
        if (!ls || !g) return;
        const order: string[] = [];
        e.api.forEachNode((n) => n.data && order.push(n.data.code));
        void live.current.save(reorderCodes(ls, g.id, order));
      },
      rowClassRules: { 'row-selected-symbol': (p) => p.data?.code === live.current.selected },
    }),
    [],
  );
  const api = useGrid<Row>(hostRef, gridOptions, { rowData, columnDefs: columns });
  // Ticks reach the grid as async transactions on changed rows only.
  useEffect(() => {
    if (!api) return;
    const inList = new Set(codes);
    return useMarket.subscribe((s, prev) => {
      if (s.quotes === prev.quotes && s.names === prev.names && s.feeds === prev.feeds) return;
      const update: Row[] = [];
      for (const c of inList) {
        if (s.quotes[c] !== prev.quotes[c] || s.names[c] !== prev.names[c] || s.feeds[c] !== prev.feeds[c])
          update.push(rowOf(c, s.quotes[c], s.names[c], s.feeds[c]));
      }
      if (update.length) api.applyTransactionAsync({ update });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, codesKey]);

  useEffect(() => {
    if (api) api.setGridOption('overlayNoRowsTemplate', `<span class="dim">${t('wl.empty')}</span>`);
  }, [api, t]);
  // The selected row's mark follows the linked symbol: only the rows it left and reached redraw.
  const marked = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!api) return;
    const rowNodes = [marked.current, selected].flatMap((c) => {
      const node = c ? api.getRowNode(c) : undefined;
      return node ? [node] : [];
    });
    marked.current = selected;
    if (rowNodes.length) api.redrawRows({ rowNodes });
  }, [api, selected]);

  const switchGroup = (id: string) => {
    setGroupId(id);
    props.api.updateParameters({ ...(props.params ?? {}), group: id });
  };

  return (
    <PanelFrame
      kind="watchlist"
      titleKey="panel.watchlist"
      link={link}
      onLink={setLink}
      code={selected}
      tools={
        <button
          type="button"
          className="tb-button"
          onClick={() => {
            if (!api) return;
            // Our own CSV: a BOM so Excel reads the Korean names, rows in the on-screen order.
            const rows: Array<Array<string | number>> = [];
            api.forEachNodeAfterFilterAndSort((n) => {
              const r = n.data;
              if (r) rows.push([r.code, r.name, r.price ?? '', r.change ?? '', r.rate ?? '', r.volume ?? '']);
            });
            const csv = toCsv(
              [t('wl.code'), t('wl.name'), t('wl.price'), t('wl.change'), t('wl.rate'), t('wl.volume')],
              rows,
            );
            const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
            const a = document.createElement('a');
            a.href = url;
            a.download = `watchlist-${group?.name ?? 'list'}.csv`;
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          }}
          data-testid="watchlist-export"
        >
          {t('wl.export')}
        </button>
      }
    >
      <div className="watchlist">
        <div className="group-tabs" role="tablist" aria-label={t('panel.watchlist')}>
          {lists?.map((w) =>
            renaming && w.id === group?.id ? (
              <input
                key={w.id}
                autoFocus
                defaultValue={w.name}
                aria-label={t('wl.groupName')}
                data-testid="watchlist-rename-input"
                className="group-rename"
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    setRenaming(false);
                    void save(renameGroup(lists, w.id, e.currentTarget.value));
                  } else if (e.key === 'Escape') {
                    e.stopPropagation();
                    setRenaming(false);
                  }
                }}
                onBlur={(e) => {
                  setRenaming(false);
                  void save(renameGroup(lists, w.id, e.currentTarget.value));
                }}
              />
            ) : (
              <button
                key={w.id}
                type="button"
                role="tab"
                aria-selected={w.id === group?.id}
                className={`tab ${w.id === group?.id ? 'on' : ''}`}
                onClick={() => switchGroup(w.id)}
                onDoubleClick={() => setRenaming(true)}
                data-testid="watchlist-group"
                data-group={w.id}
              >
                {w.name}
              </button>
            ),
          )}
          <button
            type="button"
            className="icon-btn"
            title={t('wl.addGroup')}
            aria-label={t('wl.addGroup')}
            data-testid="watchlist-add-group"
            onClick={() => {
              if (!lists) return;
              const r = addGroup(lists, t('wl.newGroup'));
              void save(r.lists).then(() => switchGroup(r.id));
            }}
          >
            +
          </button>
          <button
            type="button"
            className="icon-btn"
            title={t('wl.renameGroup')}
            aria-label={t('wl.renameGroup')}
            data-testid="watchlist-rename-group"
            onClick={() => setRenaming(true)}
          >
            ✎
          </button>
          <button
            type="button"
            className="icon-btn"
            title={t('wl.removeGroup')}
            aria-label={t('wl.removeGroup')}
            data-testid="watchlist-remove-group"
            disabled={!lists || lists.length <= 1}
            onClick={() => lists && group && void save(removeGroup(lists, group.id))}
          >
            −
          </button>
          <span className="sb-spacer" />
          <SymbolSearch
            testId="symbol-search"
            onPick={(i) => {
              if (lists && group) void save(addCode(lists, group.id, i.code));
              setCode(i.code);
            }}
          />
        </div>
        <div className="grid-host" data-testid="watchlist-grid" ref={hostRef} />
      </div>
    </PanelFrame>
  );
}
