/** Working orders (modify price, cancel, cancel all) and today's executions. */
import { useEffect, useRef, useState } from 'react';
import type { OrderRecord } from '../../../shared/domain/market';
import { useT, type MessageKey } from '../i18n';
import { formatHms, formatWon } from '../lib/format';
import { remainingOf } from '../lib/ladder';
import { stepPrice } from '../lib/ticket';
import { useMarket } from '../stores/market';
import { useOrderFocus } from '../stores/order-focus';
import { useTrading } from '../stores/trading';
import { cancelAll, cancelOrder, modifyOrder } from '../trading/actions';
import { Empty, PanelFrame, type PanelProps } from './frame';

function ModifyCell({ order, onDone }: { order: OrderRecord; onDone(): void }) {
  const t = useT();
  const quote = useMarket((s) => s.quotes[order.code]);
  const [price, setPrice] = useState(order.price);
  const lim = {
    ...(quote?.upperLimit ? { upperLimit: quote.upperLimit } : {}),
    ...(quote?.lowerLimit ? { lowerLimit: quote.lowerLimit } : {}),
  };
  return (
    <form
      className="modify-form"
      onSubmit={(e) => {
        e.preventDefault();
        void modifyOrder(order, price).then(onDone);
      }}
    >
      <input
        className="num-input"
        autoFocus
        aria-label={t('or.newPrice')}
        data-testid="modify-price"
        value={formatWon(price)}
        onChange={(e) => setPrice(Number(e.target.value.replace(/[^\d]/g, '')) || 0)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            setPrice((p) => stepPrice(p, e.key === 'ArrowUp' ? 1 : -1, lim));
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <button type="submit" className="tb-button" data-testid="modify-send">
        {t('common.ok')}
      </button>
      <button type="button" className="tb-button" onClick={onDone}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

/** The cells an open order and an execution share: time, order number, name, side. */
function OrderCells({
  row,
  names,
}: {
  row: {
    time?: string | undefined;
    orderNo: string;
    name?: string | undefined;
    code: string;
    side: 'buy' | 'sell';
  };
  names: Record<string, string>;
}) {
  const t = useT();
  return (
    <>
      <td>{formatHms(row.time)}</td>
      <td>{row.orderNo}</td>
      <td>
        {row.name ?? names[row.code] ?? ''} <span className="dim">{row.code}</span>
      </td>
      <td className={row.side}>{t(row.side === 'buy' ? 'tk.buy' : 'tk.sell')}</td>
    </>
  );
}

export function OrdersPanel(_props: PanelProps) {
  const t = useT();
  const [tab, setTab] = useState<'open' | 'exec'>('open');
  // A clicked fill/reject notification: this tab, that order's rows marked and scrolled to.
  const focus = useOrderFocus((s) => s.focus);
  const [shownFocus, setShownFocus] = useState<number | null>(null);
  if (focus && focus.seq !== shownFocus) {
    setShownFocus(focus.seq);
    setTab(focus.tab);
  }
  const focusedNo = focus?.orderNo;
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus) return;
    body.current
      ?.querySelector(`tr[data-order-no="${CSS.escape(focus.orderNo)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [focus]);
  const [editing, setEditing] = useState<string | null>(null);
  const open = useTrading((s) => s.open);
  const executions = useTrading((s) => s.executions);
  const error = useTrading((s) => s.ordersError);
  const names = useMarket((s) => s.names);
  const working = open.filter((o) => o.status === 'open' || o.status === 'partial');

  return (
    <PanelFrame
      kind="orders"
      titleKey="panel.orders"
      tools={
        <>
          <div className="tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'open'}
              className={`tab ${tab === 'open' ? 'on' : ''}`}
              onClick={() => setTab('open')}
              data-testid="orders-tab-open"
            >
              {t('or.open')} ({working.length})
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'exec'}
              className={`tab ${tab === 'exec' ? 'on' : ''}`}
              onClick={() => setTab('exec')}
              data-testid="orders-tab-exec"
            >
              {t('or.executions')} ({executions.length})
            </button>
          </div>
          <button
            type="button"
            className="tb-button danger"
            disabled={working.length === 0}
            onClick={() => void cancelAll()}
            data-testid="orders-cancel-all"
          >
            {t('or.cancelAll')}
          </button>
        </>
      }
    >
      {/* No box of its own: only scopes the scroll-to-order to this panel. */}
      <div ref={body} style={{ display: 'contents' }}>
        {error && (
          <div className="error-text" role="alert">
            {error}
          </div>
        )}
        {tab === 'open' ? (
          working.length === 0 ? (
            <Empty>{t('or.none')}</Empty>
          ) : (
            <table className="data-table" data-testid="open-orders">
              <thead>
                <tr>
                  <th>{t('or.time')}</th>
                  <th>{t('or.no')}</th>
                  <th>{t('wl.name')}</th>
                  <th>{t('or.side')}</th>
                  <th className="num">{t('or.price')}</th>
                  <th className="num">{t('or.qty')}</th>
                  <th className="num">{t('or.filled')}</th>
                  <th className="num">{t('or.remaining')}</th>
                  <th>{t('or.status')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {working.map((o) => (
                  <tr
                    key={o.orderNo}
                    className={o.orderNo === focusedNo ? 'row-focus' : undefined}
                    data-testid="open-order"
                    data-order-no={o.orderNo}
                    data-side={o.side}
                    data-price={o.price}
                  >
                    <OrderCells row={o} names={names} />
                    <td className="num">
                      {editing === o.orderNo ? (
                        <ModifyCell order={o} onDone={() => setEditing(null)} />
                      ) : (
                        formatWon(o.price)
                      )}
                    </td>
                    <td className="num">{formatWon(o.qty)}</td>
                    <td className="num">{formatWon(o.filledQty)}</td>
                    <td className="num">{formatWon(remainingOf(o))}</td>
                    <td>{t(`st.${o.status}` as MessageKey)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="tb-button"
                        onClick={() => setEditing(o.orderNo)}
                        data-testid="order-modify"
                      >
                        {t('or.modify')}
                      </button>
                      <button
                        type="button"
                        className="tb-button danger"
                        onClick={() => void cancelOrder(o)}
                        data-testid="order-cancel"
                      >
                        {t('or.cancel')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : executions.length === 0 ? (
          <Empty>{t('or.noExec')}</Empty>
        ) : (
          <table className="data-table" data-testid="executions">
            <thead>
              <tr>
                <th>{t('or.time')}</th>
                <th>{t('or.no')}</th>
                <th>{t('wl.name')}</th>
                <th>{t('or.side')}</th>
                <th className="num">{t('or.price')}</th>
                <th className="num">{t('or.qty')}</th>
              </tr>
            </thead>
            <tbody>
              {executions.map((x, i) => (
                <tr
                  key={`${x.orderNo}-${i}`}
                  className={x.orderNo === focusedNo ? 'row-focus' : undefined}
                  data-testid="execution"
                  data-order-no={x.orderNo}
                >
                  <OrderCells row={x} names={names} />
                  <td className="num">{formatWon(x.price)}</td>
                  <td className="num">{formatWon(x.qty)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </PanelFrame>
  );
}
