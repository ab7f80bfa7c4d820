/**
 * Order ticket: side, symbol, quantity, price stepped by the KRX tick with ArrowUp/ArrowDown,
 * order type, inline validation against the day's limits and buying power, estimated amount.
 */
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { BuyingPower as BuyingPowerSchema } from '../../../shared/contract';
import { tickSize } from '../../../shared/domain/krx';
import { isPricedOrderType, OrderType } from '../../../shared/domain/orders';
import { getBridge } from '../bridge';
import { useT, type MessageKey } from '../i18n';
import { describeError } from '../lib/errors';
import { formatWon } from '../lib/format';
import { estimatedAmount, stepPrice, validateTicket, type TicketProblem } from '../lib/ticket';
import { useMarket, watchQuote } from '../stores/market';
import { useTicketBus } from '../stores/ticket';
import { useTrading } from '../stores/trading';
import { placeOrder } from '../trading/actions';
import { SymbolSearch } from '../ui/SymbolSearch';
import { Empty, PanelFrame, usePanelSymbol, type PanelProps } from './frame';

type BuyingPower = z.infer<typeof BuyingPowerSchema>;

export function TicketPanel(props: PanelProps) {
  const t = useT();
  const { link, code, setLink, setCode } = usePanelSymbol(props);
  const quote = useMarket((s) => (code ? s.quotes[code] : undefined));
  const kind = useMarket((s) => (code ? s.kinds[code] : undefined));
  const position = useTrading((s) => s.balance?.positions.find((p) => p.code === code));
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [qty, setQty] = useState(1);
  const [priceState, setPriceState] = useState<{ code: string | undefined; price: number }>({
    code: undefined,
    price: 0,
  });
  // A new symbol starts at its price when the quote first arrives, then stays where the trader
  // put it (a ticket price that moves with the market would be a trap).
  if (code && quote && priceState.code !== code) setPriceState({ code, price: quote.price });
  const price = priceState.code === code ? priceState.price : (quote?.price ?? 0);
  const setPrice = (p: number) => setPriceState({ code, price: p });
  const [type, setType] = useState<OrderType>('limit');
  const [power, setPower] = useState<BuyingPower | null>(null);
  const [powerError, setPowerError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const qtyRef = useRef<HTMLInputElement>(null);

  useEffect(() => (code ? watchQuote(code) : undefined), [code]);

  const codeRef = useRef(code);
  useEffect(() => {
    codeRef.current = code;
  }, [code]);
  useEffect(
    () =>
      useTicketBus.subscribe((s, prev) => {
        const command = s.command;
        if (!command || command === prev.command) return;
        setSide(command.side);
        if (command.price) setPriceState({ code: codeRef.current, price: command.price });
        qtyRef.current?.focus();
        qtyRef.current?.select();
      }),
    [],
  );

  const priced = isPricedOrderType(type);
  const refPrice = priced ? price : (quote?.upperLimit ?? quote?.price ?? 0);
  useEffect(() => {
    if (!code || !refPrice) return;
    let live = true;
    const id = setTimeout(() => {
      getBridge()
        .api.account.buyingPower({ code, price: refPrice })
        .then((p) => {
          if (!live) return;
          setPower(p);
          setPowerError(null);
        })
        .catch((e: unknown) => live && setPowerError(describeError(e)));
    }, 200);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [code, refPrice]);

  const lim = {
    ...(quote?.upperLimit ? { upperLimit: quote.upperLimit } : {}),
    ...(quote?.lowerLimit ? { lowerLimit: quote.lowerLimit } : {}),
    ...(power ? { maxBuyQty: power.maxQty } : {}),
    ...(position ? { sellableQty: position.orderableQty ?? position.qty } : {}),
    ...(kind ? { kind } : {}),
  };
  const draft = { side, code: code ?? '', qty, price, type };
  const problems = code
    ? validateTicket(draft, side === 'sell' && !position ? { ...lim, sellableQty: 0 } : lim)
    : [];
  const amount = estimatedAmount(draft, quote?.price);

  const problemText = (p: TicketProblem) => {
    const vars: Record<string, string> = {};
    if ('tick' in p) vars.tick = formatWon(p.tick);
    if ('limit' in p) vars.limit = formatWon(p.limit);
    if ('max' in p) vars.max = formatWon(p.max);
    return t(p.key, vars);
  };

  const submit = async () => {
    if (!code || problems.length || sending) return;
    setSending(true);
    try {
      await placeOrder({ code, side, qty, type, ...(priced ? { price } : {}) }, 'ticket');
    } finally {
      setSending(false);
    }
  };

  return (
    <PanelFrame
      kind="ticket"
      titleKey="panel.ticket"
      link={link}
      onLink={setLink}
      code={code}
      tools={<SymbolSearch onPick={(i) => setCode(i.code)} testId="ticket-search" />}
    >
      {!code ? (
        <Empty>{t('common.noSymbol')}</Empty>
      ) : (
        <form
          className={`ticket ticket-${side}`}
          data-testid="ticket"
          data-side={side}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="side-switch" role="radiogroup" aria-label={t('or.side')}>
            {(['buy', 'sell'] as const).map((s) => (
              <button
                key={s}
                type="button"
                role="radio"
                aria-checked={side === s}
                className={`side-btn ${s} ${side === s ? 'on' : ''}`}
                onClick={() => setSide(s)}
                data-testid={`ticket-side-${s}`}
              >
                {t(s === 'buy' ? 'tk.buy' : 'tk.sell')}
              </button>
            ))}
          </div>
          <label className="field">
            <span>{t('tk.type')}</span>
            <select
              value={type}
              onChange={(e) => setType(e.target.value as OrderType)}
              data-testid="ticket-type"
            >
              {OrderType.options.map((o) => (
                <option key={o} value={o}>
                  {t(`ot.${o}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('tk.price')}</span>
            <input
              className="num-input"
              inputMode="numeric"
              disabled={!priced}
              value={priced ? formatWon(price) : t('tk.market')}
              data-testid="ticket-price"
              onChange={(e) => setPrice(Number(e.target.value.replace(/[^\d]/g, '')) || 0)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                  e.preventDefault();
                  const steps = (e.key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 10 : 1);
                  setPrice(stepPrice(price || quote?.price || 0, steps, lim));
                }
              }}
              aria-describedby="ticket-tick"
            />
          </label>
          {priced && price > 0 && (
            <div className="hint dim" id="ticket-tick">
              ↑↓ {formatWon(tickSize(price, kind))}
              {quote?.lowerLimit ? ` · ${formatWon(quote.lowerLimit)} ~ ${formatWon(quote.upperLimit)}` : ''}
            </div>
          )}
          <label className="field">
            <span>{t('tk.qty')}</span>
            <input
              ref={qtyRef}
              className="num-input"
              inputMode="numeric"
              value={qty ? formatWon(qty) : ''}
              data-testid="ticket-qty"
              onChange={(e) => setQty(Number(e.target.value.replace(/[^\d]/g, '')) || 0)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowUp') {
                  e.preventDefault();
                  setQty((q) => q + 1);
                } else if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  setQty((q) => Math.max(1, q - 1));
                }
              }}
            />
          </label>
          <div className="kv-line">
            <span className="dim">{t('tk.amount')}</span>
            <b data-testid="ticket-amount">{formatWon(amount)}</b>
          </div>
          <div className="kv-line">
            <span className="dim">{t('tk.power')}</span>
            <span data-testid="ticket-power">
              {side === 'buy'
                ? power
                  ? `${formatWon(power.cash)} · ${t('tk.maxQty', { qty: formatWon(power.maxQty) })}`
                  : (powerError ?? '—')
                : t('tk.maxQty', { qty: formatWon(position?.orderableQty ?? position?.qty ?? 0) })}
            </span>
          </div>
          {problems.length > 0 && (
            <ul className="problems" role="alert" data-testid="ticket-problems">
              {problems.map((p) => (
                <li key={p.key}>{problemText(p)}</li>
              ))}
            </ul>
          )}
          <button
            type="submit"
            className={`submit ${side}`}
            disabled={problems.length > 0 || sending}
            data-testid="ticket-submit"
          >
            {t(side === 'buy' ? 'tk.submitBuy' : 'tk.submitSell')}
          </button>
        </form>
      )}
    </PanelFrame>
  );
}
