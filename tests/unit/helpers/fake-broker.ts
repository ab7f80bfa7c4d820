/**
 * An in-memory Broker for unit tests of the host, transports and services, where the broker's
 * behaviour is not what is under test. Tests that exercise KIS behaviour use the simulator.
 */
import type { ConnectionState } from '../../../src/shared/domain/mode';
import type {
  Balance,
  OrderBook,
  OrderNotice,
  OrderRecord,
  Quote,
  Tick,
} from '../../../src/shared/domain/market';
import type { OrderOutcome, OrderTicket } from '../../../src/shared/domain/orders';
import { Emitter, toDisposable, type Disposable } from '../../../src/shared/lifecycle';
import type {
  Broker,
  CancelRequest,
  ModifyRequest,
  RealtimeFeed,
} from '../../../src/main/core/services/broker';

export class FakeFeed implements RealtimeFeed {
  state: ConnectionState = 'connected';
  slots = { used: 0, max: 41 };
  readonly stateChanged = new Emitter<{ state: ConnectionState; detail?: string }>();
  readonly onDidChangeState = this.stateChanged.event;
  readonly slotsChanged = new Emitter<{ used: number; max: number }>();
  readonly onDidChangeSlots = this.slotsChanged.event;
  readonly reconnected = new Emitter<void>();
  readonly onDidReconnect = this.reconnected.event;
  readonly tickListeners = new Map<string, Set<(t: Tick) => void>>();
  readonly bookListeners = new Map<string, Set<(b: OrderBook) => void>>();
  readonly noticeListeners = new Set<(n: OrderNotice) => void>();
  registrations = 0;

  private register<T>(map: Map<string, Set<(v: T) => void>>, code: string, l: (v: T) => void): Disposable {
    let set = map.get(code);
    if (!set) {
      if (this.registrations >= this.slots.max)
        throw new Error(`No free real-time slot (${this.slots.max} in use)`);
      set = new Set();
      map.set(code, set);
      this.registrations++;
      this.slots = { ...this.slots, used: this.registrations };
      this.slotsChanged.fire(this.slots);
    }
    set.add(l);
    return toDisposable(() => {
      set.delete(l);
      if (set.size === 0) {
        map.delete(code);
        this.registrations--;
        this.slots = { ...this.slots, used: this.registrations };
        this.slotsChanged.fire(this.slots);
      }
    });
  }

  subscribeTicks(code: string, l: (t: Tick) => void): Disposable {
    return this.register(this.tickListeners, code, l);
  }

  subscribeBook(code: string, l: (b: OrderBook) => void): Disposable {
    return this.register(this.bookListeners, code, l);
  }

  subscribeNotices(l: (n: OrderNotice) => void): Disposable {
    this.noticeListeners.add(l);
    return toDisposable(() => this.noticeListeners.delete(l));
  }

  emitTick(t: Tick): void {
    for (const l of this.tickListeners.get(t.code) ?? []) l(t);
  }

  emitNotice(n: OrderNotice): void {
    for (const l of this.noticeListeners) l(n);
  }
}

export function quote(code: string, price = 70_000): Quote {
  return {
    code,
    price,
    change: 0,
    changeRate: 0,
    sign: '3',
    open: price,
    high: price,
    low: price,
    volume: 0,
    prevClose: price,
    upperLimit: Math.floor((price * 1.3) / 100) * 100,
    lowerLimit: Math.ceil((price * 0.7) / 100) * 100,
  };
}

export function tick(code: string, price: number, time = '090000'): Tick {
  return {
    code,
    time,
    price,
    change: 0,
    changeRate: 0,
    sign: '3',
    open: price,
    high: price,
    low: price,
    volume: 1,
    cumVolume: 1,
    cumValue: price,
    askPrice: price + 100,
    bidPrice: price,
  };
}

export class FakeBroker implements Broker {
  readonly kind = 'kis' as const;
  readonly paper = false;
  readonly realtime = new FakeFeed();
  tokenExpiresAt: number | undefined = undefined;
  readonly placed: OrderTicket[] = [];
  readonly calls: string[] = [];
  nextOutcome: OrderOutcome = { outcome: 'accepted', orderNo: '0000000001' };
  openOrders: OrderRecord[] = [];
  dailyOrders: OrderRecord[] = [];
  balance: Balance = {
    cash: 10_000_000,
    orderable: 10_000_000,
    totalEval: 10_000_000,
    pnl: 0,
    positions: [],
  };
  disposed = false;

  async getQuote(code: string): Promise<Quote> {
    this.calls.push(`quote:${code}`);
    return quote(code);
  }

  async getOrderBook(code: string): Promise<OrderBook> {
    this.calls.push(`book:${code}`);
    return { code, time: '090000', asks: [], bids: [], totalAskQty: 0, totalBidQty: 0 };
  }

  async getBars() {
    return [];
  }

  async getBalance(): Promise<Balance> {
    this.calls.push('balance');
    return this.balance;
  }

  async getBuyingPower() {
    return { cash: this.balance.cash, maxQty: 0, maxAmount: this.balance.cash };
  }

  async placeOrder(ticket: OrderTicket): Promise<OrderOutcome> {
    this.placed.push(ticket);
    return this.nextOutcome;
  }

  async modifyOrder(req: ModifyRequest): Promise<OrderOutcome> {
    this.calls.push(`modify:${req.orderNo}`);
    return { outcome: 'accepted', orderNo: '0000000099' };
  }

  async cancelOrder(req: CancelRequest): Promise<OrderOutcome> {
    this.calls.push(`cancel:${req.orderNo}`);
    return { outcome: 'accepted', orderNo: '0000000098' };
  }

  async getOpenOrders(): Promise<OrderRecord[]> {
    return this.openOrders;
  }

  async getDailyOrders(): Promise<OrderRecord[]> {
    return this.dailyOrders;
  }

  async logout(): Promise<void> {}

  dispose(): void {
    this.disposed = true;
  }
}
