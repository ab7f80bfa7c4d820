/** Order-ticket validation that mirrors the host's risk checks so traders see problems inline. */
import { isOnTick, stepTick, tickSize, type InstrumentKind } from '../../../shared/domain/krx';
import { isPricedOrderType, type OrderType } from '../../../shared/domain/orders';

export interface TicketDraft {
  side: 'buy' | 'sell';
  code: string;
  qty: number;
  price: number;
  type: OrderType;
}

export interface TicketLimits {
  upperLimit?: number;
  lowerLimit?: number;
  /** Buy: max shares the account can pay for at this price. */
  maxBuyQty?: number;
  /** Sell: shares held that may be sold. */
  sellableQty?: number;
  kind?: InstrumentKind;
}

export type TicketProblem =
  | { key: 'ticket.err.code' }
  | { key: 'ticket.err.qty' }
  | { key: 'ticket.err.price' }
  | { key: 'ticket.err.tick'; tick: number }
  | { key: 'ticket.err.upper'; limit: number }
  | { key: 'ticket.err.lower'; limit: number }
  | { key: 'ticket.err.power'; max: number }
  | { key: 'ticket.err.sellable'; max: number };

export function validateTicket(d: TicketDraft, lim: TicketLimits): TicketProblem[] {
  const out: TicketProblem[] = [];
  if (!/^(?:[0-9A-Z]{6}|Q[0-9A-Z]{6})$/.test(d.code)) out.push({ key: 'ticket.err.code' });
  if (!Number.isInteger(d.qty) || d.qty < 1) out.push({ key: 'ticket.err.qty' });
  if (isPricedOrderType(d.type)) {
    if (!Number.isInteger(d.price) || d.price <= 0) out.push({ key: 'ticket.err.price' });
    else {
      if (!isOnTick(d.price, lim.kind))
        out.push({ key: 'ticket.err.tick', tick: tickSize(d.price, lim.kind) });
      if (lim.upperLimit && d.price > lim.upperLimit)
        out.push({ key: 'ticket.err.upper', limit: lim.upperLimit });
      if (lim.lowerLimit && d.price < lim.lowerLimit)
        out.push({ key: 'ticket.err.lower', limit: lim.lowerLimit });
    }
  }
  if (d.side === 'buy' && lim.maxBuyQty !== undefined && d.qty > lim.maxBuyQty)
    out.push({ key: 'ticket.err.power', max: lim.maxBuyQty });
  if (d.side === 'sell' && lim.sellableQty !== undefined && d.qty > lim.sellableQty)
    out.push({ key: 'ticket.err.sellable', max: lim.sellableQty });
  return out;
}

/** ArrowUp/Down on the price: one tick (band-aware), clamped to the day's limits. */
export function stepPrice(price: number, steps: number, lim: TicketLimits): number {
  let p = price > 0 ? stepTick(price, steps, lim.kind) : (lim.lowerLimit ?? tickSize(1, lim.kind));
  if (lim.upperLimit && p > lim.upperLimit) p = lim.upperLimit;
  if (lim.lowerLimit && p < lim.lowerLimit) p = lim.lowerLimit;
  return p;
}

export function estimatedAmount(d: Pick<TicketDraft, 'qty' | 'price' | 'type'>, refPrice?: number): number {
  const p = isPricedOrderType(d.type) ? d.price : (refPrice ?? 0);
  return Math.max(0, d.qty) * Math.max(0, p);
}
