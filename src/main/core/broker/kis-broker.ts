/**
 * KisBroker: the KIS client seen as a broker-neutral Broker. It translates KIS's typed errors into
 * BrokerError (what happened, in words, with msg_cd/msg1 and a hint), routes the socket's global
 * tick/book/notice events to per-symbol listeners, and finds the branch number KIS needs for
 * modify/cancel from the open-order list.
 */
import type { BarPeriod, OrderBook, OrderNotice, Tick } from '../../../shared/domain/market';
import { ordDvsnOf, type OrderOutcome, type OrderTicket } from '../../../shared/domain/orders';
import { Emitter, toDisposable, type Disposable } from '../../../shared/lifecycle';
import type { ConnectionState } from '../../../shared/domain/mode';
import {
  KisApiError,
  KisConfigError,
  KisError,
  KisNetworkError,
  KisPaperUnsupportedError,
  KisRateLimitError,
  KisTokenError,
  type KisClient,
  type OrderDivision,
} from '../kis';
import type { OrderOutcome as KisOrderOutcome } from '../kis';
import { addDays, kstParts } from '../kis/clock';
import {
  BrokerError,
  type Broker,
  type BuyingPower,
  type CancelRequest,
  type ModifyRequest,
  type RealtimeFeed,
} from '../services/broker';

/** KIS error → BrokerError; anything else passes through unchanged. */
export function toBrokerError(e: unknown): unknown {
  if (!(e instanceof KisError)) return e;
  if (e instanceof KisConfigError) return new BrokerError('config', e.message);
  if (e instanceof KisNetworkError) {
    return new BrokerError('network', `Could not reach KIS: ${e.message}`, {
      ...(e.trId ? { trId: e.trId } : {}),
      hint: 'Check the network connection; Observer retries reads by itself.',
    });
  }
  if (e instanceof KisApiError) {
    const kind =
      e instanceof KisRateLimitError
        ? 'rate-limit'
        : e instanceof KisTokenError
          ? 'token'
          : e instanceof KisPaperUnsupportedError
            ? 'paper-unsupported'
            : 'api';
    return new BrokerError(kind, `${e.msgCd} ${e.msg1}`.trim(), {
      msgCd: e.msgCd,
      msg1: e.msg1,
      hint: e.hint,
      ...(e.trId ? { trId: e.trId } : {}),
    });
  }
  return new BrokerError('api', e.message);
}

async function translate<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw toBrokerError(e);
  }
}

function outcomeOf(o: KisOrderOutcome): OrderOutcome {
  switch (o.outcome) {
    case 'accepted':
      return {
        outcome: 'accepted',
        orderNo: o.orderNo,
        branchNo: o.branchNo,
        time: o.time,
        message: o.message,
      };
    case 'rejected': {
      const err = toBrokerError(o.error) as BrokerError | Error;
      const r: OrderOutcome = { outcome: 'rejected', message: err.message };
      if (err instanceof BrokerError) {
        if (err.details.msgCd) r.msgCd = err.details.msgCd;
        if (err.details.msg1) r.message = err.details.msg1;
        if (err.details.hint) r.hint = err.details.hint;
      }
      return r;
    }
    case 'unknown':
      return { outcome: 'unknown', message: o.error.message };
  }
}

class KisFeed implements RealtimeFeed {
  private readonly ticks = new Map<string, Set<(t: Tick) => void>>();
  private readonly books = new Map<string, Set<(b: OrderBook) => void>>();
  private readonly notices = new Set<(n: OrderNotice) => void>();
  private readonly stateEmitter = new Emitter<{ state: ConnectionState; detail?: string }>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly subs: Disposable[] = [];

  constructor(private readonly client: KisClient) {
    const rt = client.realtime;
    this.subs.push(
      rt.onTick((t) => this.ticks.get(t.code)?.forEach((l) => l(t))),
      rt.onOrderBook((b) => this.books.get(b.code)?.forEach((l) => l(b))),
      rt.onNotice((n) => this.notices.forEach((l) => l(n))),
      rt.onDidChangeState((state) => this.stateEmitter.fire({ state })),
    );
  }

  get state(): ConnectionState {
    return this.client.realtime.state;
  }

  get slots() {
    return this.client.realtime.slots;
  }

  get onDidChangeSlots() {
    return this.client.realtime.onDidChangeSlots;
  }

  get onDidReconnect() {
    return this.client.realtime.onDidReconnect;
  }

  private route<T>(
    map: Map<string, Set<(v: T) => void>>,
    code: string,
    listener: (v: T) => void,
    register: () => Disposable,
  ) {
    // The client throws (budget, paper) before anything is registered: let it propagate.
    const registration = register();
    let set = map.get(code);
    if (!set) map.set(code, (set = new Set()));
    set.add(listener);
    return toDisposable(() => {
      set.delete(listener);
      if (set.size === 0) map.delete(code);
      registration.dispose();
    });
  }

  subscribeTicks(code: string, listener: (t: Tick) => void): Disposable {
    return this.route(this.ticks, code, listener, () => this.client.realtime.subscribeTicks(code));
  }

  subscribeBook(code: string, listener: (b: OrderBook) => void): Disposable {
    return this.route(this.books, code, listener, () => this.client.realtime.subscribeOrderBook(code));
  }

  subscribeNotices(listener: (n: OrderNotice) => void): Disposable {
    let registration: Disposable | undefined;
    if (this.notices.size === 0 || !this.noticeRegistration) {
      try {
        registration = this.client.realtime.subscribeNotices();
      } catch {
        // No HTS ID configured: notices cannot be had; orders still reconcile by polling.
        registration = undefined;
      }
      this.noticeRegistration ??= registration;
    }
    this.notices.add(listener);
    return toDisposable(() => {
      this.notices.delete(listener);
      if (this.notices.size === 0) {
        this.noticeRegistration?.dispose();
        this.noticeRegistration = undefined;
      }
    });
  }

  private noticeRegistration: Disposable | undefined;

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.stateEmitter.dispose();
  }
}

export class KisBroker implements Broker {
  readonly kind = 'kis' as const;
  readonly realtime: KisFeed;

  constructor(readonly client: KisClient) {
    this.realtime = new KisFeed(client);
  }

  get paper(): boolean {
    return this.client.config.paperLike;
  }

  get tokenExpiresAt(): number | undefined {
    return this.client.tokens.expiresAt;
  }

  getQuote(code: string) {
    return translate(this.client.rest.getQuote(code));
  }

  getOrderBook(code: string) {
    return translate(this.client.rest.getOrderBook(code));
  }

  async getBars(code: string, period: BarPeriod, from?: string, to?: string) {
    if (period === '1m' || period === '5m') {
      const bars = await translate(this.client.rest.getMinuteBars(code));
      return period === '1m' ? bars : aggregateMinutes(bars, 5);
    }
    const today = kstParts(Date.now()).ymd;
    const end = to ?? today;
    // Default span: enough bars for a chart without paging through years.
    const span = period === 'D' ? 200 : period === 'W' ? 3 * 365 : 10 * 365;
    return translate(this.client.rest.getDailyBars(code, period, from ?? addDays(end, -span), end));
  }

  getBalance() {
    return translate(this.client.rest.getBalance());
  }

  async getBuyingPower(code: string, price: number): Promise<BuyingPower> {
    const bp = await translate(this.client.rest.getBuyingPower(code, price, '00'));
    return { cash: bp.orderableCash, maxQty: bp.cashBuyQty, maxAmount: bp.cashBuyAmount };
  }

  async placeOrder(ticket: OrderTicket): Promise<OrderOutcome> {
    const o = await translate(
      this.client.rest.placeOrder({
        side: ticket.side,
        code: ticket.code,
        qty: ticket.qty,
        price: ticket.price ?? 0,
        ordDvsn: ordDvsnOf(ticket.type) as OrderDivision,
      }),
    );
    return outcomeOf(o);
  }

  /** KIS needs the order's branch number (KRX_FWDG_ORD_ORGNO) and its type for modify/cancel. */
  private async locate(orderNo: string, branchNo?: string) {
    const open = await translate(this.client.rest.getOpenOrders());
    const hit = open.find((o) => o.orderNo === orderNo);
    if (!hit) {
      throw new BrokerError(
        'api',
        `Order ${orderNo} is not open (already filled, cancelled, or not today's).`,
        {
          hint: 'Refresh the order list.',
        },
      );
    }
    return { branchNo: branchNo ?? hit.branchNo ?? '' };
  }

  async modifyOrder(req: ModifyRequest): Promise<OrderOutcome> {
    const { branchNo } = await this.locate(req.orderNo, req.branchNo);
    const o = await translate(
      this.client.rest.modifyOrder({
        orderNo: req.orderNo,
        branchNo,
        price: req.price,
        ordDvsn: '00',
        ...(req.qty !== undefined ? { qty: req.qty } : {}),
      }),
    );
    return outcomeOf(o);
  }

  async cancelOrder(req: CancelRequest): Promise<OrderOutcome> {
    const { branchNo } = await this.locate(req.orderNo, req.branchNo);
    const o = await translate(
      this.client.rest.cancelOrder({
        orderNo: req.orderNo,
        branchNo,
        ...(req.qty !== undefined ? { qty: req.qty } : {}),
      }),
    );
    return outcomeOf(o);
  }

  getOpenOrders() {
    return translate(this.client.rest.getOpenOrders());
  }

  getDailyOrders(from?: string, to?: string) {
    const today = kstParts(Date.now()).ymd;
    return translate(this.client.rest.getDailyOrders({ from: from ?? today, to: to ?? today }));
  }

  async logout(): Promise<void> {
    await translate(this.client.tokens.revoke());
  }

  dispose(): void {
    this.realtime.dispose();
    this.client.dispose();
  }
}

/** Folds ascending 1-minute bars into N-minute bars aligned to the hour. */
export function aggregateMinutes<
  T extends { date: string; open: number; high: number; low: number; close: number; volume: number },
>(bars: T[], n: number): T[] {
  const out: T[] = [];
  for (const b of bars) {
    const hh = Number(b.date.slice(8, 10));
    const mm = Number(b.date.slice(10, 12));
    const slot = Math.floor((hh * 60 + mm) / n) * n;
    const key = `${b.date.slice(0, 8)}${String(Math.floor(slot / 60)).padStart(2, '0')}${String(slot % 60).padStart(2, '0')}00`;
    const last = out[out.length - 1];
    if (last && last.date === key) {
      last.high = Math.max(last.high, b.high);
      last.low = Math.min(last.low, b.low);
      last.close = b.close;
      last.volume += b.volume;
    } else {
      out.push({ ...b, date: key });
    }
  }
  return out;
}
