/**
 * The broker as the services see it: broker-neutral verbs over the shared domain types. The KIS
 * client is adapted to this in kis-broker.ts; services, the host and the CLI depend only on this.
 */
import { BridgeError } from '../../../shared/contract/errors';
import type { ConnectionState } from '../../../shared/domain/mode';
import type {
  Balance,
  Bar,
  BarPeriod,
  OrderBook,
  OrderNotice,
  OrderRecord,
  Quote,
  Tick,
} from '../../../shared/domain/market';
import type { OrderOutcome, OrderTicket } from '../../../shared/domain/orders';
import type { Disposable, Event } from '../../../shared/lifecycle';

export interface BuyingPower {
  /** Cash available for orders (ord_psbl_cash). */
  cash: number;
  /** Shares purchasable with cash only at the given price (nrcvb_buy_qty). */
  maxQty: number;
  /** Amount purchasable with cash only (nrcvb_buy_amt). */
  maxAmount: number;
}

export interface ModifyRequest {
  orderNo: string;
  branchNo?: string;
  /** New whole-won price (limit orders). */
  price: number;
  /** New quantity; absent = the whole remainder. */
  qty?: number;
}

export interface CancelRequest {
  orderNo: string;
  branchNo?: string;
  /** Quantity to cancel; absent = the whole remainder. */
  qty?: number;
}

export interface RealtimeFeed {
  readonly state: ConnectionState;
  readonly onDidChangeState: Event<{ state: ConnectionState; detail?: string }>;
  /** Registrations in use and the session budget (KIS: 41). */
  readonly slots: { used: number; max: number };
  readonly onDidChangeSlots: Event<{ used: number; max: number }>;
  /** Fires after a reconnect once registrations are re-sent: fetch snapshots to fill the gap. */
  readonly onDidReconnect: Event<void>;
  /** Throws when the registration budget is exhausted (nothing is sent then). */
  subscribeTicks(code: string, listener: (tick: Tick) => void): Disposable;
  subscribeBook(code: string, listener: (book: OrderBook) => void): Disposable;
  subscribeNotices(listener: (notice: OrderNotice) => void): Disposable;
}

export interface Broker extends Disposable {
  readonly kind: 'kis';
  /** Whether this is a paper (모의투자) account: some queries are not offered there. */
  readonly paper: boolean;
  readonly realtime: RealtimeFeed;
  /** epoch ms of the current access token's expiry, when one is held. */
  readonly tokenExpiresAt: number | undefined;
  getQuote(code: string): Promise<Quote>;
  getOrderBook(code: string): Promise<OrderBook>;
  getBars(code: string, period: BarPeriod, from?: string, to?: string): Promise<Bar[]>;
  getBalance(): Promise<Balance>;
  getBuyingPower(code: string, price: number): Promise<BuyingPower>;
  placeOrder(ticket: OrderTicket): Promise<OrderOutcome>;
  modifyOrder(req: ModifyRequest): Promise<OrderOutcome>;
  cancelOrder(req: CancelRequest): Promise<OrderOutcome>;
  /** Orders that can still be modified or cancelled. */
  getOpenOrders(): Promise<OrderRecord[]>;
  /** Today's orders with their fills (or a date range, YYYYMMDD). */
  getDailyOrders(from?: string, to?: string): Promise<OrderRecord[]>;
  /** Revokes the access token (explicit logout). */
  logout(): Promise<void>;
}

export type BrokerErrorKind = 'api' | 'rate-limit' | 'token' | 'paper-unsupported' | 'network' | 'config';

/**
 * A broker failure in words a trader can act on. The KIS adapter translates its typed errors into
 * this; the host turns it into a bridge error and the CLI into an exit code.
 */
export class BrokerError extends Error {
  constructor(
    readonly kind: BrokerErrorKind,
    message: string,
    readonly details: { msgCd?: string; msg1?: string; hint?: string; trId?: string } = {},
  ) {
    super(message);
    this.name = 'BrokerError';
  }

  toBridgeError(): BridgeError {
    const code =
      this.kind === 'network'
        ? 'network_error'
        : this.kind === 'paper-unsupported'
          ? 'refused'
          : 'broker_error';
    return new BridgeError({
      code,
      message: this.message,
      ...(this.details.msgCd !== undefined ? { msgCd: this.details.msgCd } : {}),
      ...(this.details.msg1 !== undefined ? { msg1: this.details.msg1 } : {}),
      ...(this.details.hint !== undefined ? { hint: this.details.hint } : {}),
    });
  }
}
