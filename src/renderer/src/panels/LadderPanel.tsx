/**
 * 호가 ladder: 10 asks above 10 bids with size bars, totals, the last price marked and the
 * trader's own working orders. Clicking the bid side buys at that price, the ask side sells;
 * clicking an own order cancels it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n';
import { buildLadderRows, type LadderRow } from '../lib/ladder';
import { directionOfSign, formatRate, formatSigned, formatWon } from '../lib/format';
import { useMarket, watchBook, watchQuote } from '../stores/market';
import { usePreference } from '../stores/settings';
import { useTrading } from '../stores/trading';
import { cancelOrder, placeOrder } from '../trading/actions';
import { SymbolSearch } from '../ui/SymbolSearch';
import { Empty, PanelFrame, usePanelSymbol, type PanelProps } from './frame';

type Where = 'price' | 'own-buy' | 'own-sell';

export function LadderPanel(props: PanelProps) {
  const t = useT();
  const { link, code, setLink, setCode } = usePanelSymbol(props);
  const book = useMarket((s) => (code ? s.books[code] : undefined));
  const quote = useMarket((s) => (code ? s.quotes[code] : undefined));
  const error = useMarket((s) => (code ? s.errors[code] : undefined));
  const open = useTrading((s) => s.open);
  const clickMode = usePreference('ladderClick');
  const defaultQty = usePreference('hotkeyQty');
  const [qtyOverride, setQty] = useState<number | null>(null);
  const qty = qtyOverride ?? defaultQty;

  useEffect(() => {
    if (!code) return;
    const a = watchBook(code);
    const b = watchQuote(code);
    return () => {
      a();
      b();
    };
  }, [code]);

  const rows = useMemo(
    () => (book ? buildLadderRows(book, quote?.price, open) : []),
    [book, quote?.price, open],
  );

  const act = (row: LadderRow, where: Where) => {
    if (!code) return;
    if (where !== 'price') {
      const side = where === 'own-buy' ? 'buy' : 'sell';
      const mine = row.ownOrders.find((o) => o.side === side);
      if (mine) void cancelOrder(mine);
      return;
    }
    void placeOrder(
      { code, side: row.side === 'bid' ? 'buy' : 'sell', qty, price: row.price, type: 'limit' },
      'ladder',
    );
  };
  const ownKeys = (row: LadderRow, where: Where) => ({
    tabIndex: 0,
    role: 'button',
    'aria-label': `${t('or.cancel')} ${formatWon(row.price)}`,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        act(row, where);
      }
    },
  });
  // Rows are fixed by level and the book moves between the two clicks of a double-click: the
  // order goes to what was under the pointer at the first press, not what slid in since.
  const aim = useRef<{ row: LadderRow; at: number } | null>(null);
  const handlers = (row: LadderRow, where: Where) =>
    clickMode === 'single'
      ? { onClick: () => act(row, where) }
      : {
          onMouseDown: (e: React.MouseEvent) => {
            if (e.detail === 1) aim.current = { row, at: performance.now() };
          },
          onDoubleClick: () => {
            const a = aim.current;
            aim.current = null;
            act(a && performance.now() - a.at < 800 ? a.row : row, where);
          },
        };

  const dir = quote ? directionOfSign(quote.sign, quote.change) : 'flat';
  const prevClose = quote?.prevClose;
  const priceClass = (p: number) =>
    !prevClose ? '' : p > prevClose ? 'up' : p < prevClose ? 'down' : 'flat';

  return (
    <PanelFrame
      kind="ladder"
      titleKey="panel.ladder"
      link={link}
      onLink={setLink}
      code={code}
      tools={
        <>
          <label className="inline-field">
            {t('ld.qtyLabel')}
            <input
              type="number"
              min={1}
              value={qty}
              onChange={(e) => setQty(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
              data-testid="ladder-qty"
              className="num-input"
            />
          </label>
          <SymbolSearch onPick={(i) => setCode(i.code)} testId="ladder-search" />
        </>
      }
    >
      {!code ? (
        <Empty>{t('common.noSymbol')}</Empty>
      ) : !book ? (
        <Empty>{error ? <span className="error-text">{error}</span> : t('common.loading')}</Empty>
      ) : (
        <div className="ladder" data-testid="ladder" data-click={clickMode}>
          <div className="ladder-summary">
            {quote && (
              <span className={dir}>
                {formatWon(quote.price)} {formatSigned(quote.change)} ({formatRate(quote.changeRate)})
              </span>
            )}
            <span
              className="dim ladder-hint"
              title={t(clickMode === 'single' ? 'ld.hintSingle' : 'ld.hintDouble')}
            >
              {t(clickMode === 'single' ? 'ld.hintSingleShort' : 'ld.hintDoubleShort')}
            </span>
          </div>
          <table className="ladder-table" role="grid" aria-label={t('panel.ladder')}>
            <thead>
              <tr>
                <th>{t('ld.own')}</th>
                <th>{t('ld.ask')}</th>
                <th>{t('ld.price')}</th>
                <th>{t('ld.bid')}</th>
                <th>{t('ld.own')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={`${r.side}-${r.price}`}
                  className={`ladder-row ${r.side} ${r.isLast ? 'last' : ''}`}
                  data-testid={`ladder-${r.side}-${r.level}`}
                  data-price={r.price}
                >
                  <td
                    className="own own-sell"
                    data-testid={r.ownSell ? 'ladder-own-sell' : undefined}
                    {...handlers(r, 'own-sell')}
                    {...(r.ownSell ? ownKeys(r, 'own-sell') : {})}
                    title={r.ownSell ? t('or.cancel') : ''}
                  >
                    {r.ownSell ? formatWon(r.ownSell) : ''}
                  </td>
                  <td className="qty ask-qty">
                    {r.side === 'ask' && (
                      <>
                        <span className="bar" style={{ width: `${Math.round(r.bar * 100)}%` }} />
                        <span className="qty-text">{formatWon(r.qty)}</span>
                      </>
                    )}
                  </td>
                  <td
                    className={`price ${priceClass(r.price)}`}
                    role="button"
                    tabIndex={0}
                    aria-label={`${r.side === 'bid' ? t('tk.buy') : t('tk.sell')} ${formatWon(r.price)}`}
                    data-testid={`ladder-price-${r.side}-${r.level}`}
                    {...handlers(r, 'price')}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        e.stopPropagation();
                        act(r, 'price');
                      }
                    }}
                  >
                    {r.isLast && <span className="last-mark">▶</span>}
                    {formatWon(r.price)}
                  </td>
                  <td className="qty bid-qty">
                    {r.side === 'bid' && (
                      <>
                        <span className="bar" style={{ width: `${Math.round(r.bar * 100)}%` }} />
                        <span className="qty-text">{formatWon(r.qty)}</span>
                      </>
                    )}
                  </td>
                  <td
                    className="own own-buy"
                    data-testid={r.ownBuy ? 'ladder-own-buy' : undefined}
                    {...handlers(r, 'own-buy')}
                    {...(r.ownBuy ? ownKeys(r, 'own-buy') : {})}
                    title={r.ownBuy ? t('or.cancel') : ''}
                  >
                    {r.ownBuy ? formatWon(r.ownBuy) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td />
                <td className="qty ask-qty" data-testid="ladder-total-ask">
                  {formatWon(book.totalAskQty)}
                </td>
                <td className="dim">{t('ld.totals')}</td>
                <td className="qty bid-qty" data-testid="ladder-total-bid">
                  {formatWon(book.totalBidQty)}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </PanelFrame>
  );
}
