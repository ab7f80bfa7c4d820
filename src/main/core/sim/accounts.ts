/**
 * Demo accounts and the order engine: user orders match against the simulated book (partial
 * fills level by level), resting limit orders fill when the market trades through them, and
 * every state change produces an H0STCNI notice.
 *
 * Money rules (stated because real brokers differ in detail):
 * - commission `commissionRate` (default 0.015 %) on both sides, floored to the won;
 * - sell-side transaction tax `sellTaxRate` (default 0.18 %, the 2024 KOSPI 0.03 % tax + 0.15 %
 *   rural special tax / KOSDAQ 0.18 %) on stocks only — ETFs are exempt, as in Korea;
 * - cash moves at fill time (T+2 settlement is not modelled: D+1/D+2 amounts equal cash);
 * - the average price excludes fees (as KIS's pchs_avg_pric); realized P&L is net of the sell
 *   fee, the sell tax and the matching share of the buy fees.
 */
import { isOnTick, priceLimits } from '../../../shared/domain/krx';
import type { SimClock } from './clock';
import { MSG, type KisMessage } from './errors';
import type { NoticeFields } from './frames';
import type { BookFill, SimMarket, Side, SymbolState, TradePrint } from './market';

export type AccountKind = 'real' | 'paper';

export interface SimAccountInfo {
  kind: AccountKind;
  appKey: string;
  appSecret: string;
  /** 8-digit account number. */
  cano: string;
  /** Product code, "01" (stocks). */
  acntPrdtCd: string;
  htsId: string;
  /** Account holder name shown in notices. */
  holderName: string;
  startingCash: number;
}

export interface Position {
  code: string;
  qty: number;
  avgPrice: number;
  /** Buy commission not yet matched against sells (allocated pro rata on sells). */
  unallocatedBuyFees: number;
  buyQtyToday: number;
  sellQtyToday: number;
  realizedPnl: number;
}

/** Order types the engine implements (kis-protocol.md §3.12). */
export const SUPPORTED_ORD_DVSN = ['00', '01', '11', '12', '13', '14'] as const;
const MARKET_TYPES = new Set(['01', '13', '14']);
const IOC_TYPES = new Set(['11', '13']);
const FOK_TYPES = new Set(['12', '14']);

export const BRANCH_NO = '91252';

export interface SimOrder {
  odno: string;
  orgnOdno: string;
  branchNo: string;
  account: SimAccount;
  code: string;
  name: string;
  side: Side;
  ordDvsn: string;
  /** 0 none, 1 IOC, 2 FOK. */
  cond: '0' | '1' | '2';
  kind: 'new' | 'modify' | 'cancel';
  qty: number;
  /** 0 for market-type orders. */
  price: number;
  /** Price buying power is reserved at (the upper limit for market buys). */
  reservePrice: number;
  time: number;
  filledQty: number;
  filledAmount: number;
  fees: number;
  remaining: number;
  /** Quantity cancelled (user cancel, IOC/FOK remainder) or moved into a modify order. */
  cancelledQty: number;
  rejected: boolean;
  open: boolean;
}

export class SimAccount {
  readonly info: SimAccountInfo;
  cash: number;
  readonly positions = new Map<string, Position>();
  readonly orders: SimOrder[] = [];
  buyAmountToday = 0;
  sellAmountToday = 0;
  feesToday = 0;
  taxesToday = 0;
  realizedPnl = 0;

  constructor(info: SimAccountInfo) {
    this.info = info;
    this.cash = info.startingCash;
  }

  get accountNo(): string {
    return this.info.cano + this.info.acntPrdtCd;
  }

  /** Cash held for open buy orders (remaining × reserve price, plus commission). */
  reservedCash(commissionRate: number): number {
    let r = 0;
    for (const o of this.orders)
      if (o.open && o.side === 'buy') r += Math.ceil(o.remaining * o.reservePrice * (1 + commissionRate));
    return r;
  }

  availableCash(commissionRate: number): number {
    return Math.max(0, this.cash - this.reservedCash(commissionRate));
  }

  /** Holdings not already committed to open sell orders. */
  sellableQty(code: string): number {
    const held = this.positions.get(code)?.qty ?? 0;
    let committed = 0;
    for (const o of this.orders) if (o.open && o.side === 'sell' && o.code === code) committed += o.remaining;
    return Math.max(0, held - committed);
  }

  openOrders(): SimOrder[] {
    return this.orders.filter((o) => o.open);
  }
}

export interface PlaceOrderRequest {
  side: Side;
  code: string;
  ordDvsn: string;
  qty: number;
  price: number;
}

export interface ReviseRequest {
  originalOdno: string;
  branchNo: string;
  /** 01 modify, 02 cancel. */
  action: '01' | '02';
  ordDvsn: string;
  qty: number;
  price: number;
  all: boolean;
}

export type OrderResult = { ok: true; order: SimOrder } | { ok: false; error: KisMessage };

export interface EngineOptions {
  commissionRate: number;
  sellTaxRate: number;
}

export class OrderEngine {
  readonly accounts: SimAccount[] = [];
  private nextOrderNo = 1;
  /** Delivered to the WebSocket layer (encrypted per subscriber there). */
  onNotice: ((account: SimAccount, notice: NoticeFields) => void) | undefined;

  constructor(
    private readonly market: SimMarket,
    private readonly clock: SimClock,
    readonly options: EngineOptions,
  ) {
    market.onPrint = (sym, print) => this.fillRestingFromPrint(sym, print);
  }

  addAccount(info: SimAccountInfo): SimAccount {
    const a = new SimAccount(info);
    this.accounts.push(a);
    return a;
  }

  findAccount(cano: string, acntPrdtCd: string): SimAccount | undefined {
    return this.accounts.find((a) => a.info.cano === cano && a.info.acntPrdtCd === acntPrdtCd);
  }

  byAppKey(appKey: string): SimAccount | undefined {
    return this.accounts.find((a) => a.info.appKey === appKey);
  }

  /** Whether orders are accepted now; the refusal follows paper's or real's wording. */
  sessionRefusal(account: SimAccount): KisMessage | undefined {
    const t = this.clock.now();
    const phase = this.market.phase(t);
    if (phase === 'continuous' || phase === 'closingAuction') return undefined;
    if (account.info.kind === 'paper') {
      // Paper takes orders in the regular session only (§1.2).
      if (phase === 'preOpen') return MSG.paperBeforeOpen;
      const hour = Number(new Date(t + 9 * 3600_000).getUTCHours());
      return hour < 9 ? MSG.paperBeforeOpen : MSG.paperAfterClose;
    }
    if (phase === 'preOpen') return undefined; // real accounts may queue for the opening auction
    return MSG.realMarketClosed;
  }

  private newOrderNo(): string {
    return String(this.nextOrderNo++).padStart(10, '0');
  }

  private validatePrice(sym: SymbolState, ordDvsn: string, price: number): KisMessage | undefined {
    if (MARKET_TYPES.has(ordDvsn)) return price === 0 ? undefined : MSG.badPrice;
    if (!isOnTick(price, sym.kind) || price > sym.upper || price < sym.lower) {
      return {
        msg_cd: MSG.badPrice.msg_cd,
        msg1: `${MSG.badPrice.msg1} (${sym.code}: ${sym.lower}~${sym.upper}, 호가단위 확인)`,
      };
    }
    return undefined;
  }

  place(account: SimAccount, req: PlaceOrderRequest): OrderResult {
    const sym = this.market.get(req.code);
    if (!sym) return { ok: false, error: MSG.noSuchProduct };
    if (!(SUPPORTED_ORD_DVSN as readonly string[]).includes(req.ordDvsn))
      return { ok: false, error: MSG.unsupportedOrdDvsn };
    if (!Number.isSafeInteger(req.qty) || req.qty < 1) return { ok: false, error: MSG.badQty };
    const priceError = this.validatePrice(sym, req.ordDvsn, req.price);
    if (priceError) return { ok: false, error: priceError };
    const closed = this.sessionRefusal(account);
    if (closed) return { ok: false, error: closed };

    const isMarket = MARKET_TYPES.has(req.ordDvsn);
    const order: SimOrder = {
      odno: this.newOrderNo(),
      orgnOdno: '',
      branchNo: BRANCH_NO,
      account,
      code: sym.code,
      name: sym.listing.name,
      side: req.side,
      ordDvsn: req.ordDvsn,
      cond: IOC_TYPES.has(req.ordDvsn) ? '1' : FOK_TYPES.has(req.ordDvsn) ? '2' : '0',
      kind: 'new',
      qty: req.qty,
      price: isMarket ? 0 : req.price,
      reservePrice: isMarket ? sym.upper : req.price,
      time: this.clock.now(),
      filledQty: 0,
      filledAmount: 0,
      fees: 0,
      remaining: req.qty,
      cancelledQty: 0,
      rejected: false,
      open: true,
    };

    const paper = account.info.kind === 'paper';
    let refusal: KisMessage | undefined;
    if (req.side === 'buy') {
      const need = Math.ceil(order.reservePrice * order.qty * (1 + this.options.commissionRate));
      const avail = account.availableCash(this.options.commissionRate);
      if (need > avail)
        refusal = paper
          ? MSG.paperInsufficientCash
          : {
              msg_cd: MSG.realInsufficientCash.msg_cd,
              msg1: `${MSG.realInsufficientCash.msg1} (주문가능금액 ${avail}원)`,
            };
    } else {
      const sellable = account.sellableQty(sym.code);
      if (order.qty > sellable)
        refusal = paper
          ? MSG.paperInsufficientQty
          : {
              msg_cd: MSG.realInsufficientQty.msg_cd,
              msg1: `${MSG.realInsufficientQty.msg1} (주문가능수량 ${sellable}주)`,
            };
    }
    account.orders.push(order);
    if (refusal) {
      order.rejected = true;
      order.open = false;
      order.remaining = 0;
      this.notify(order, { rejected: true, fill: false, acptYn: '1', qty: order.qty, price: order.price });
      return { ok: false, error: refusal };
    }
    this.notify(order, { rejected: false, fill: false, acptYn: '1', qty: order.qty, price: order.price });
    this.executeIfPossible(order);
    return { ok: true, order };
  }

  revise(account: SimAccount, req: ReviseRequest): OrderResult {
    const original = account.orders.find((o) => o.odno === req.originalOdno.padStart(10, '0'));
    if (!original || !original.open || original.remaining <= 0)
      return { ok: false, error: MSG.orderNotFound };
    if (req.branchNo && req.branchNo !== original.branchNo) return { ok: false, error: MSG.orderNotFound };
    const closed = this.sessionRefusal(account);
    if (closed) return { ok: false, error: closed };
    const qty = req.all ? original.remaining : req.qty;
    if (!Number.isSafeInteger(qty) || qty < 1) return { ok: false, error: MSG.badQty };
    if (qty > original.remaining) return { ok: false, error: MSG.modifyQtyTooLarge };
    const sym = this.market.get(original.code);
    if (!sym) return { ok: false, error: MSG.noSuchProduct };
    const now = this.clock.now();

    if (req.action === '02') {
      original.remaining -= qty;
      original.cancelledQty += qty;
      if (original.remaining === 0) original.open = false;
      const cancel: SimOrder = {
        ...original,
        odno: this.newOrderNo(),
        orgnOdno: original.odno,
        kind: 'cancel',
        qty,
        time: now,
        filledQty: 0,
        filledAmount: 0,
        fees: 0,
        remaining: 0,
        cancelledQty: 0,
        open: false,
      };
      account.orders.push(cancel);
      this.notify(cancel, {
        rejected: false,
        fill: false,
        acptYn: '2',
        qty,
        price: original.price,
        rctfCls: '2',
      });
      return { ok: true, order: cancel };
    }

    const ordDvsn = req.ordDvsn || original.ordDvsn;
    if (!(SUPPORTED_ORD_DVSN as readonly string[]).includes(ordDvsn))
      return { ok: false, error: MSG.unsupportedOrdDvsn };
    const priceError = this.validatePrice(sym, ordDvsn, req.price);
    if (priceError) return { ok: false, error: priceError };
    const isMarket = MARKET_TYPES.has(ordDvsn);
    const reservePrice = isMarket ? sym.upper : req.price;
    if (original.side === 'buy') {
      // The moved quantity releases its old reservation and takes a new one.
      const released = Math.ceil(qty * original.reservePrice * (1 + this.options.commissionRate));
      const need = Math.ceil(qty * reservePrice * (1 + this.options.commissionRate));
      if (need - released > account.availableCash(this.options.commissionRate))
        return {
          ok: false,
          error: account.info.kind === 'paper' ? MSG.paperInsufficientCash : MSG.realInsufficientCash,
        };
    }
    original.remaining -= qty;
    original.cancelledQty += qty;
    if (original.remaining === 0) original.open = false;
    const modified: SimOrder = {
      ...original,
      odno: this.newOrderNo(),
      orgnOdno: original.odno,
      kind: 'modify',
      ordDvsn,
      cond: IOC_TYPES.has(ordDvsn) ? '1' : FOK_TYPES.has(ordDvsn) ? '2' : '0',
      qty,
      price: isMarket ? 0 : req.price,
      reservePrice,
      time: now,
      filledQty: 0,
      filledAmount: 0,
      fees: 0,
      remaining: qty,
      cancelledQty: 0,
      rejected: false,
      open: true,
    };
    account.orders.push(modified);
    this.notify(modified, {
      rejected: false,
      fill: false,
      acptYn: '2',
      qty,
      price: modified.price,
      rctfCls: '1',
    });
    this.executeIfPossible(modified);
    return { ok: true, order: modified };
  }

  /** Crosses a new or modified order with the book when the session allows continuous matching. */
  private executeIfPossible(order: SimOrder, auctionEnd = false): void {
    const phase = this.market.phase(this.clock.now());
    if (phase !== 'continuous' && !auctionEnd) return; // auction phases: the order rests until they end
    const limit = order.price === 0 ? null : order.price;
    if (order.cond === '2') {
      const sym = this.market.get(order.code);
      // FOK: fill completely at once or not at all. Market FOK inside the limits is judged on
      // the visible ten levels (the simulated book refills beyond them, KRX's would not).
      if (!sym || this.market.availableTo(order.code, order.side, limit, order.remaining) < order.remaining) {
        this.cancelRemainder(order);
        return;
      }
    }
    const fills = this.market.takeLiquidity(order.code, order.side, order.remaining, limit, this.clock.now());
    for (const f of fills) this.applyFill(order, f);
    if (order.remaining > 0 && (order.cond !== '0' || order.price === 0)) this.cancelRemainder(order);
  }

  private cancelRemainder(order: SimOrder): void {
    if (order.remaining <= 0) return;
    const qty = order.remaining;
    order.cancelledQty += qty;
    order.remaining = 0;
    order.open = false;
    this.notify(order, { rejected: false, fill: false, acptYn: '3', qty, price: order.price });
  }

  private applyFill(order: SimOrder, fill: BookFill): void {
    const account = order.account;
    const { commissionRate, sellTaxRate } = this.options;
    const amount = fill.price * fill.qty;
    const fee = Math.floor(amount * commissionRate);
    const sym = this.market.get(order.code);
    let pos = account.positions.get(order.code);
    if (!pos) {
      pos = {
        code: order.code,
        qty: 0,
        avgPrice: 0,
        unallocatedBuyFees: 0,
        buyQtyToday: 0,
        sellQtyToday: 0,
        realizedPnl: 0,
      };
      account.positions.set(order.code, pos);
    }
    if (order.side === 'buy') {
      account.cash -= amount + fee;
      pos.avgPrice = (pos.avgPrice * pos.qty + amount) / (pos.qty + fill.qty);
      pos.qty += fill.qty;
      pos.unallocatedBuyFees += fee;
      pos.buyQtyToday += fill.qty;
      account.buyAmountToday += amount;
    } else {
      const tax = sym && sym.kind === 'stock' ? Math.floor(amount * sellTaxRate) : 0;
      const buyFeeShare = pos.qty > 0 ? (pos.unallocatedBuyFees * fill.qty) / pos.qty : 0;
      const pnl = (fill.price - pos.avgPrice) * fill.qty - fee - tax - buyFeeShare;
      pos.unallocatedBuyFees -= buyFeeShare;
      pos.realizedPnl += pnl;
      account.realizedPnl += pnl;
      account.cash += amount - fee - tax;
      account.taxesToday += tax;
      pos.qty -= fill.qty;
      if (pos.qty === 0) pos.avgPrice = 0;
      pos.sellQtyToday += fill.qty;
      account.sellAmountToday += amount;
      order.fees += tax;
    }
    account.feesToday += fee;
    order.fees += fee;
    order.filledQty += fill.qty;
    order.filledAmount += amount;
    order.remaining -= fill.qty;
    if (order.remaining === 0) order.open = false;
    this.notify(order, { rejected: false, fill: true, acptYn: '2', qty: fill.qty, price: fill.price });
  }

  /**
   * A synthetic print at or through a resting limit order fills it at the order's price (the
   * user's order was in the queue at that level), up to the printed volume.
   */
  private fillRestingFromPrint(sym: SymbolState, print: TradePrint): void {
    let volume = print.volume;
    for (const account of this.accounts) {
      for (const o of account.orders) {
        if (volume <= 0) return;
        if (!o.open || o.code !== sym.code || o.price === 0) continue;
        const through =
          o.side === 'buy'
            ? print.aggressor === 'sell' && print.price <= o.price
            : print.aggressor === 'buy' && print.price >= o.price;
        if (!through) continue;
        const qty = Math.min(o.remaining, volume);
        volume -= qty;
        this.applyFill(o, { price: o.price, qty });
      }
    }
  }

  /**
   * After each market step: resting orders that the moving quotes made marketable take liquidity.
   * `auctionEnd` is set once when a call auction (pre-open, closing) ends: the simulator does not
   * compute a single auction price; marketable orders simply cross the book at that moment.
   */
  matchMarketable(auctionEnd = false): void {
    const phase = this.market.phase(this.clock.now());
    if (phase !== 'continuous' && !auctionEnd) return;
    for (const account of this.accounts) {
      for (const o of account.orders) {
        if (!o.open) continue;
        const sym = this.market.get(o.code);
        if (!sym) continue;
        const marketable =
          o.price === 0 || (o.side === 'buy' ? sym.bestAsk <= o.price : sym.bestBid >= o.price);
        if (marketable) this.executeIfPossible(o, auctionEnd);
      }
    }
  }

  /**
   * End of a trading day: KRX day orders expire (their remainder is cancelled with an
   * ACPT_YN 3 notice), today's counters restart and holdings become the previous day's.
   */
  endOfDay(): void {
    for (const a of this.accounts) {
      for (const o of a.orders) if (o.open) this.cancelRemainder(o);
      a.orders.length = 0;
      a.buyAmountToday = a.sellAmountToday = a.feesToday = a.taxesToday = 0;
      for (const [code, p] of a.positions) {
        if (p.qty === 0) a.positions.delete(code);
        else p.buyQtyToday = p.sellQtyToday = 0;
      }
    }
  }

  /** Buying power for inquire-psbl-order. */
  buyingPower(
    account: SimAccount,
    code: string,
    price: number,
  ): { cash: number; unitPrice: number; qty: number } {
    const sym = this.market.get(code);
    const unitPrice = price > 0 ? price : (sym?.upper ?? 0);
    const cash = account.availableCash(this.options.commissionRate);
    const qty = unitPrice > 0 ? Math.floor(cash / (unitPrice * (1 + this.options.commissionRate))) : 0;
    return { cash, unitPrice, qty };
  }

  private notify(
    order: SimOrder,
    n: {
      rejected: boolean;
      fill: boolean;
      acptYn: '1' | '2' | '3';
      qty: number;
      price: number;
      rctfCls?: '0' | '1' | '2';
    },
  ): void {
    if (!this.onNotice) return;
    const a = order.account;
    this.onNotice(a, {
      htsId: a.info.htsId,
      accountNo: a.accountNo,
      orderNo: order.odno,
      originalOrderNo: order.orgnOdno,
      side: order.side,
      rctfCls: n.rctfCls ?? (order.kind === 'modify' ? '1' : order.kind === 'cancel' ? '2' : '0'),
      ordDvsn: order.ordDvsn,
      cond: order.cond,
      code: order.code,
      qty: n.qty,
      price: n.price,
      time: this.clock.now(),
      rejected: n.rejected,
      fill: n.fill,
      acptYn: n.acptYn,
      branchNo: order.branchNo,
      orderQty: order.qty,
      accountName: a.info.holderName,
      name: order.name,
      orderPrice: order.price,
    });
  }
}

/** Daily price limits for a symbol, exported for the REST layer's convenience. */
export function limitsOf(sym: SymbolState): { upper: number; lower: number } {
  return priceLimits(sym.prevClose, sym.kind);
}
