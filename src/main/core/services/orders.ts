/**
 * OrderService: the one path every order takes (ticket, ladder, hotkey, command line). It checks
 * what can be checked before sending (tick grid, the instrument exists, no identical order is still
 * unresolved), sends once — never retried — and tells every window that the order list changed.
 * Risk tiers, the kill switch and the journal build on this (order-safety work).
 */
import { isOnTick, tickSize, type InstrumentKind } from '../../../shared/domain/krx';
import type { OrderNotice, OrderRecord } from '../../../shared/domain/market';
import {
  isPricedOrderType,
  type Execution,
  type OrderOutcome,
  type OrderTicket,
} from '../../../shared/domain/orders';
import { BridgeError } from '../../../shared/contract/errors';
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import type { Broker } from './broker';
import type { InstrumentService } from './instruments';

export type OrderSource = 'ticket' | 'ladder' | 'hotkey' | 'cli';

export class OrderRefusedError extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'OrderRefusedError';
  }

  toBridgeError(): BridgeError {
    return new BridgeError({ code: 'refused', message: this.message, hint: this.rule });
  }
}

export class OrderService implements Disposable {
  private readonly changed = new Emitter<number>();
  readonly onDidChange = this.changed.event;
  private readonly notices = new Emitter<OrderNotice>();
  readonly onNotice = this.notices.event;
  /** symbol|side of orders whose outcome is unknown: no new order there until reconciled. */
  private readonly unresolved = new Map<string, { ticket: OrderTicket; at: number }>();
  private readonly noticeSub: Disposable;

  constructor(
    private readonly broker: Broker,
    private readonly instruments: InstrumentService,
  ) {
    this.noticeSub = broker.realtime.subscribeNotices((n) => {
      this.notices.fire(n);
      this.changed.fire(Date.now());
    });
  }

  async place(ticket: OrderTicket, _source: OrderSource): Promise<OrderOutcome> {
    const key = `${ticket.code}|${ticket.side}`;
    if (this.unresolved.has(key)) await this.reconcile();
    if (this.unresolved.has(key)) {
      throw new OrderRefusedError(
        `An earlier ${ticket.side} order for ${ticket.code} has an unknown outcome; check open orders before sending another.`,
        'unknown-outcome',
      );
    }
    const instrument = this.instruments.get(ticket.code);
    const kind: InstrumentKind = instrument?.kind ?? 'stock';
    if (isPricedOrderType(ticket.type) && ticket.price !== undefined && !isOnTick(ticket.price, kind)) {
      throw new OrderRefusedError(
        `${ticket.price.toLocaleString('ko-KR')}원 is not on the tick grid (호가단위 ${tickSize(ticket.price, kind).toLocaleString('ko-KR')}원).`,
        'tick-size',
      );
    }
    const outcome = await this.broker.placeOrder(ticket);
    if (outcome.outcome === 'unknown') this.unresolved.set(key, { ticket, at: Date.now() });
    this.changed.fire(Date.now());
    return outcome;
  }

  async modify(orderNo: string, price: number, qty?: number): Promise<OrderOutcome> {
    if (!isOnTick(price)) {
      throw new OrderRefusedError(`${price.toLocaleString('ko-KR')}원 is not on the tick grid.`, 'tick-size');
    }
    const outcome = await this.broker.modifyOrder({ orderNo, price, ...(qty !== undefined ? { qty } : {}) });
    this.changed.fire(Date.now());
    return outcome;
  }

  async cancel(orderNo: string, qty?: number): Promise<OrderOutcome> {
    const outcome = await this.broker.cancelOrder({ orderNo, ...(qty !== undefined ? { qty } : {}) });
    this.changed.fire(Date.now());
    return outcome;
  }

  async cancelAll(code?: string): Promise<{
    requested: number;
    cancelled: number;
    failures: Array<{ orderNo: string; message: string }>;
  }> {
    const open = (await this.broker.getOpenOrders()).filter((o) => !code || o.code === code);
    const failures: Array<{ orderNo: string; message: string }> = [];
    let cancelled = 0;
    for (const o of open) {
      try {
        const r = await this.broker.cancelOrder({
          orderNo: o.orderNo,
          ...(o.branchNo ? { branchNo: o.branchNo } : {}),
        });
        if (r.outcome === 'accepted') cancelled++;
        else failures.push({ orderNo: o.orderNo, message: r.message });
      } catch (e) {
        failures.push({ orderNo: o.orderNo, message: (e as Error).message });
      }
    }
    this.changed.fire(Date.now());
    return { requested: open.length, cancelled, failures };
  }

  open(): Promise<OrderRecord[]> {
    return this.broker.getOpenOrders();
  }

  /** Today's orders that traded, as executions (one per order, at its average fill price). */
  async executions(): Promise<Execution[]> {
    const orders = await this.broker.getDailyOrders();
    const out: Execution[] = [];
    for (const o of orders) {
      if (o.filledQty <= 0) continue;
      const e: Execution = {
        orderNo: o.orderNo,
        code: o.code,
        side: o.side,
        qty: o.filledQty,
        price: Math.round(o.avgFillPrice ?? o.price),
        time: o.time ?? '',
      };
      if (o.name) e.name = o.name;
      out.push(e);
    }
    return out;
  }

  /**
   * Resolves unknown outcomes against the day's orders: an order of the same symbol, side and
   * quantity means it reached the broker; none after 30 s means it did not. Never re-sends.
   */
  async reconcile(): Promise<void> {
    if (this.unresolved.size === 0) return;
    const orders = await this.broker.getDailyOrders();
    for (const [key, u] of this.unresolved) {
      const reached = orders.some(
        (o) => o.code === u.ticket.code && o.side === u.ticket.side && o.qty === u.ticket.qty,
      );
      if (reached || Date.now() - u.at > 30_000) this.unresolved.delete(key);
    }
  }

  dispose(): void {
    this.noticeSub.dispose();
    this.changed.dispose();
    this.notices.dispose();
  }
}
