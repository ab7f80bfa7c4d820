/** 잔고: cash, orderable, total evaluation, P&L; positions re-priced live from ticks. */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Position } from '../../../shared/domain/market';
import { useT } from '../i18n';
import { direction, formatRate, formatSigned, formatWon } from '../lib/format';
import { livePosition } from '../lib/positions';
import { useFocusSymbol, useLinks } from '../stores/link';
import { useMarket, watchQuote } from '../stores/market';
import { useTrading } from '../stores/trading';
import { Empty, PanelFrame, type PanelProps } from './frame';

function PositionRow({ p }: { p: Position }) {
  const price = useMarket((s) => s.quotes[p.code]?.price);
  useEffect(() => watchQuote(p.code), [p.code]);
  const live = livePosition(p, price);
  const dir = direction(live.pnl);
  return (
    <tr
      data-testid="position"
      data-code={p.code}
      data-qty={p.qty}
      tabIndex={0}
      onDoubleClick={() => {
        useLinks.getState().setSymbol('green', p.code);
        useFocusSymbol.getState().setCode(p.code);
      }}
    >
      <td>
        {p.name} <span className="dim">{p.code}</span>
      </td>
      <td className="num">{formatWon(p.qty)}</td>
      <td className="num">{formatWon(p.avgPrice)}</td>
      <td className={`num ${dir}`}>{formatWon(live.price)}</td>
      <td className="num">{formatWon(live.evalAmount)}</td>
      <td className={`num ${dir}`} data-testid="position-pnl">
        {formatSigned(Math.round(live.pnl))}
      </td>
      <td className={`num ${dir}`}>{formatRate(live.pnlRate)}</td>
    </tr>
  );
}

export function BalancePanel(_props: PanelProps) {
  const t = useT();
  const balance = useTrading((s) => s.balance);
  const error = useTrading((s) => s.balanceError);
  const prices = useMarket(
    useShallow((s) => (balance?.positions ?? []).map((p) => s.quotes[p.code]?.price ?? p.price)),
  );
  if (!balance) {
    return (
      <PanelFrame kind="balance" titleKey="panel.balance">
        <Empty>{error ? <span className="error-text">{error}</span> : t('common.loading')}</Empty>
      </PanelFrame>
    );
  }
  // Live P&L: the host's figures re-priced with this window's latest ticks.
  let livePnl = 0;
  let liveEval = 0;
  balance.positions.forEach((p, i) => {
    const lp = livePosition(p, prices[i]);
    livePnl += lp.pnl;
    liveEval += lp.evalAmount;
  });
  const hostEval = balance.positions.reduce((s, p) => s + livePosition(p, undefined).evalAmount, 0);
  const totalEval = balance.totalEval - hostEval + liveEval;
  return (
    <PanelFrame kind="balance" titleKey="panel.balance">
      {error && (
        <div className="error-text" role="alert">
          {error}
        </div>
      )}
      <dl className="balance-summary">
        <div>
          <dt>{t('bl.cash')}</dt>
          <dd data-testid="balance-cash" data-value={balance.cash}>
            {formatWon(balance.cash)}
          </dd>
        </div>
        <div>
          <dt>{t('bl.orderable')}</dt>
          <dd data-testid="balance-orderable" data-value={balance.orderable}>
            {formatWon(balance.orderable)}
          </dd>
        </div>
        <div>
          <dt>{t('bl.totalEval')}</dt>
          <dd data-testid="balance-total">{formatWon(totalEval)}</dd>
        </div>
        <div>
          <dt>{t('bl.pnl')}</dt>
          <dd className={direction(livePnl)} data-testid="balance-pnl">
            {formatSigned(Math.round(balance.positions.length ? livePnl : balance.pnl))}
          </dd>
        </div>
      </dl>
      {balance.positions.length === 0 ? (
        <Empty>{t('bl.none')}</Empty>
      ) : (
        <table className="data-table" data-testid="positions">
          <thead>
            <tr>
              <th>{t('wl.name')}</th>
              <th className="num">{t('bl.qty')}</th>
              <th className="num">{t('bl.avg')}</th>
              <th className="num">{t('bl.price')}</th>
              <th className="num">{t('bl.eval')}</th>
              <th className="num">{t('bl.pnl')}</th>
              <th className="num">{t('bl.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {balance.positions.map((p) => (
              <PositionRow key={p.code} p={p} />
            ))}
          </tbody>
        </table>
      )}
    </PanelFrame>
  );
}
