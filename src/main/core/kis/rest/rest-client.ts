/**
 * Typed KIS REST endpoints (kis-protocol.md §3) returning the shared domain types.
 */
import type { Balance, Bar, OrderBook, OrderRecord, Quote, Side } from '../../../../shared/domain/market';
import { addDays, kstParts, systemClock, type Clock } from '../clock';
import { requireAccount, type ResolvedKisConfig } from '../config';
import { GATEWAY_TIMEOUT_CODES, KisApiError, KisError, KisNetworkError } from '../errors';
import { silentLogger, type KisLogger } from '../logger';
import { TR } from '../tr-ids';
import { asArray, asObject, num, optNum, str } from './envelope';
import {
  mapDailyBar,
  mapDailyOrder,
  mapMinuteBar,
  mapOpenOrder,
  mapOrderBook,
  mapPosition,
  mapQuote,
  toSign,
} from './mappers';
import type { KisCall, KisRestTransport } from './transport';

const P = {
  price: '/uapi/domestic-stock/v1/quotations/inquire-price',
  asking: '/uapi/domestic-stock/v1/quotations/inquire-asking-price-exp-ccn',
  daily: '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice',
  minute: '/uapi/domestic-stock/v1/quotations/inquire-time-itemchartprice',
  orderCash: '/uapi/domestic-stock/v1/trading/order-cash',
  rvsecncl: '/uapi/domestic-stock/v1/trading/order-rvsecncl',
  psblOrder: '/uapi/domestic-stock/v1/trading/inquire-psbl-order',
  balance: '/uapi/domestic-stock/v1/trading/inquire-balance',
  psblRvsecncl: '/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl',
  dailyCcld: '/uapi/domestic-stock/v1/trading/inquire-daily-ccld',
  overseasPrice: '/uapi/overseas-price/v1/quotations/price',
} as const;

/** ORD_DVSN codes (§3.12). '01' (market) sends ORD_UNPR "0". */
export type OrderDivision =
  | '00'
  | '01'
  | '02'
  | '03'
  | '04'
  | '05'
  | '06'
  | '07'
  | '11'
  | '12'
  | '13'
  | '14'
  | '15'
  | '16'
  | '21'
  | '22'
  | '23'
  | '24';
/** ORD_DVSN codes without a unit price. */
const PRICELESS: ReadonlySet<string> = new Set([
  '01',
  '03',
  '04',
  '05',
  '06',
  '13',
  '14',
  '15',
  '16',
  '21',
  '23',
  '24',
]);

export interface OrderRequest {
  side: Side;
  code: string;
  qty: number;
  /** Limit price in won; ignored (sent as "0") for market-type divisions. */
  price: number;
  /** Default '00' (limit). */
  ordDvsn?: OrderDivision;
}

export interface ModifyOrderRequest {
  orderNo: string;
  /** KRX_FWDG_ORD_ORGNO from the original order (accepted.branchNo or OrderRecord.branchNo). */
  branchNo: string;
  ordDvsn?: OrderDivision;
  price: number;
  /** Quantity to modify; omitted = the whole remaining quantity. */
  qty?: number;
}

export interface CancelOrderRequest {
  orderNo: string;
  branchNo: string;
  /** Quantity to cancel; omitted = the whole remaining quantity. */
  qty?: number;
  ordDvsn?: OrderDivision;
}

/**
 * The three possible ends of an order POST. Switch on `outcome`:
 * - accepted: KIS took it (not filled — fills come by notice or daily orders);
 * - rejected: KIS refused it, or it provably never left this machine: safe to fix and resend;
 * - unknown: the request left but no answer came (timeout, dropped connection, gateway timeout,
 *   a non-KIS error page). It may or may not be live: reconcile with getDailyOrders before resending.
 */
export type OrderOutcome =
  | { outcome: 'accepted'; orderNo: string; branchNo: string; time: string; msgCd: string; message: string }
  | { outcome: 'rejected'; error: KisError }
  | { outcome: 'unknown'; error: KisError; reconcileFrom: string };

export interface BuyingPower {
  /** ord_psbl_cash */
  orderableCash: number;
  /** nrcvb_buy_qty: buyable with cash only (no 미수). */
  cashBuyQty: number;
  /** nrcvb_buy_amt */
  cashBuyAmount: number;
  /** max_buy_qty: including 미수 (margin). */
  maxBuyQty: number;
  /** max_buy_amt */
  maxBuyAmount: number;
  /** psbl_qty_calc_unpr: the price KIS used. */
  calcPrice: number;
}

export interface OverseasQuote {
  exchange: string;
  symbol: string;
  /** rsym: the real-time symbol (D + this is the WebSocket tr_key). */
  realtimeSymbol: string;
  decimals: number;
  price: number;
  change: number;
  changeRate: number;
  sign: '1' | '2' | '3' | '4' | '5' | undefined;
  prevClose: number;
  volume: number;
  value: number;
  orderable: boolean;
}

export interface DailyOrdersQuery {
  /** YYYYMMDD */
  from: string;
  /** YYYYMMDD */
  to: string;
  unfilledOnly?: boolean;
  code?: string;
  side?: Side;
}

export interface KisRestClientOptions {
  transport: KisRestTransport;
  config: ResolvedKisConfig;
  clock?: Clock;
  logger?: KisLogger;
  /** Safety bound for date/time paging of chart endpoints. Default 100. */
  maxChartPages?: number;
}

/** Number of calendar days after which inquire-daily-ccld switches to the "older than 3 months" TR. */
const RECENT_ORDERS_DAYS = 90;

export class KisRestClient {
  private readonly t: KisRestTransport;
  private readonly clock: Clock;
  private readonly logger: KisLogger;

  constructor(private readonly options: KisRestClientOptions) {
    this.t = options.transport;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  private account(): { CANO: string; ACNT_PRDT_CD: string } {
    const a = requireAccount(this.options.config);
    return { CANO: a.cano, ACNT_PRDT_CD: a.productCode };
  }

  private quoteCall(path: string, trId: string, query: Record<string, string>): KisCall {
    return { method: 'GET', path, trId, query, priority: 'quote', idempotent: true };
  }

  async getQuote(code: string): Promise<Quote> {
    const res = await this.t.call(
      this.quoteCall(P.price, TR.inquirePrice, { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: code }),
    );
    return mapQuote(code, asObject(res.body.output) ?? {});
  }

  async getOrderBook(code: string): Promise<OrderBook> {
    const res = await this.t.call(
      this.quoteCall(P.asking, TR.askingPrice, { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: code }),
    );
    return mapOrderBook(code, asObject(res.body.output1) ?? {});
  }

  /**
   * Daily/weekly/monthly bars in [from, to] (YYYYMMDD), oldest first. KIS returns ≤100 rows per call,
   * newest first, and no tr_cont paging (§3.3): page by moving FID_INPUT_DATE_2 before the oldest row.
   */
  async getDailyBars(code: string, period: 'D' | 'W' | 'M', from: string, to: string): Promise<Bar[]> {
    const byDate = new Map<string, Bar>();
    let end = to;
    const maxPages = this.options.maxChartPages ?? 100;
    for (let page = 0; page < maxPages && end >= from; page++) {
      const res = await this.t.call(
        this.quoteCall(P.daily, TR.dailyChart, {
          FID_COND_MRKT_DIV_CODE: 'J',
          FID_INPUT_ISCD: code,
          FID_INPUT_DATE_1: from,
          FID_INPUT_DATE_2: end,
          FID_PERIOD_DIV_CODE: period,
          FID_ORG_ADJ_PRC: '0',
        }),
      );
      let oldest: string | undefined;
      for (const row of asArray(res.body.output2)) {
        const bar = mapDailyBar(row);
        if (!bar || bar.date < from || bar.date > to) continue;
        byDate.set(bar.date, bar);
        if (oldest === undefined || bar.date < oldest) oldest = bar.date;
      }
      // No rows in range, or no progress: done (also guards against a server that ignores DATE_2).
      if (oldest === undefined || oldest >= end) break;
      end = addDays(oldest, -1);
    }
    return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /**
   * Today's 1-minute bars, oldest first. KIS returns ≤30 rows per call, newest first, at or before
   * FID_INPUT_HOUR_1 (§3.4); page backwards one second before the oldest bar received.
   */
  async getMinuteBars(code: string, options: { until?: string } = {}): Promise<Bar[]> {
    const byTime = new Map<string, Bar>();
    let hour = options.until ?? kstParts(this.clock.now()).hms;
    const maxPages = this.options.maxChartPages ?? 100;
    for (let page = 0; page < maxPages; page++) {
      const res = await this.t.call(
        this.quoteCall(P.minute, TR.minuteChart, {
          FID_ETC_CLS_CODE: '',
          FID_COND_MRKT_DIV_CODE: 'J',
          FID_INPUT_ISCD: code,
          FID_INPUT_HOUR_1: hour,
          FID_PW_DATA_INCU_YN: 'Y',
        }),
      );
      let oldest: string | undefined;
      let rows = 0;
      for (const row of asArray(res.body.output2)) {
        const bar = mapMinuteBar(row);
        if (!bar) continue;
        rows++;
        byTime.set(bar.date, bar);
        if (oldest === undefined || bar.date < oldest) oldest = bar.date;
      }
      if (oldest === undefined) break;
      const oldestHour = oldest.slice(8);
      if (rows < 30 || oldestHour >= hour || oldestHour === '000000') break;
      hour = secondBefore(oldestHour);
    }
    return [...byTime.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  async getBuyingPower(code: string, price: number, ordDvsn: OrderDivision = '00'): Promise<BuyingPower> {
    const res = await this.t.call({
      method: 'GET',
      path: P.psblOrder,
      trId: TR.buyingPower,
      query: {
        ...this.account(),
        PDNO: code,
        ORD_UNPR: PRICELESS.has(ordDvsn) ? '0' : String(price),
        ORD_DVSN: ordDvsn,
        CMA_EVLU_AMT_ICLD_YN: 'N',
        OVRS_ICLD_YN: 'N',
      },
      priority: 'account',
      idempotent: true,
    });
    const o = asObject(res.body.output) ?? {};
    return {
      orderableCash: num(o, 'ord_psbl_cash'),
      cashBuyQty: num(o, 'nrcvb_buy_qty'),
      cashBuyAmount: num(o, 'nrcvb_buy_amt'),
      maxBuyQty: num(o, 'max_buy_qty'),
      maxBuyAmount: num(o, 'max_buy_amt'),
      calcPrice: num(o, 'psbl_qty_calc_unpr'),
    };
  }

  /** Holdings (all pages) and account totals. Rows with zero quantity (sold out, kept until D+2) are dropped. */
  async getBalance(): Promise<Balance> {
    const { pages, truncated } = await this.t.paged({
      method: 'GET',
      path: P.balance,
      trId: TR.balance,
      query: {
        ...this.account(),
        AFHR_FLPR_YN: 'N',
        OFL_YN: '',
        INQR_DVSN: '02',
        UNPR_DVSN: '01',
        FUND_STTL_ICLD_YN: 'N',
        FNCG_AMT_AUTO_RDPT_YN: 'N',
        PRCS_DVSN: '00',
      },
      priority: 'account',
      idempotent: true,
    });
    if (truncated)
      this.logger.warn('inquire-balance paging was cut short; the position list may be incomplete');
    const positions = pages
      .flatMap((p) => asArray(p.output1))
      .map(mapPosition)
      .filter((p) => p.qty > 0 && p.code);
    // Totals are repeated on every page; the last page's are the most recent.
    const totals = asObject(pages[pages.length - 1]?.output2) ?? {};
    return {
      cash: num(totals, 'dnca_tot_amt'),
      // D+2 settled cash is what can be spent without 미수; buying power per stock comes from getBuyingPower.
      orderable: num(totals, 'prvs_rcdl_excc_amt'),
      totalEval: num(totals, 'tot_evlu_amt'),
      pnl: num(totals, 'evlu_pfls_smtl_amt'),
      positions,
    };
  }

  /** order-cash (§3.5). Never retried; see OrderOutcome. */
  async placeOrder(req: OrderRequest): Promise<OrderOutcome> {
    const ordDvsn = req.ordDvsn ?? '00';
    const invalid = validateOrder(req.qty, req.price, ordDvsn);
    if (invalid) return { outcome: 'rejected', error: invalid };
    return this.sendOrder({
      method: 'POST',
      path: P.orderCash,
      trId: req.side === 'buy' ? TR.orderCashBuy : TR.orderCashSell,
      body: {
        ...this.account(),
        PDNO: req.code,
        ORD_DVSN: ordDvsn,
        ORD_QTY: String(req.qty),
        ORD_UNPR: PRICELESS.has(ordDvsn) ? '0' : String(req.price),
      },
      priority: 'order',
      idempotent: false,
    });
  }

  /** order-rvsecncl with RVSE_CNCL_DVSN_CD 01 (§3.6). */
  async modifyOrder(req: ModifyOrderRequest): Promise<OrderOutcome> {
    const ordDvsn = req.ordDvsn ?? '00';
    const invalid = validateOrder(req.qty ?? 1, req.price, ordDvsn);
    if (invalid) return { outcome: 'rejected', error: invalid };
    return this.sendOrder(
      this.rvsecncl(
        '01',
        req.orderNo,
        req.branchNo,
        ordDvsn,
        req.qty,
        PRICELESS.has(ordDvsn) ? 0 : req.price,
        'order',
      ),
    );
  }

  /** order-rvsecncl with RVSE_CNCL_DVSN_CD 02 (§3.6). */
  async cancelOrder(req: CancelOrderRequest): Promise<OrderOutcome> {
    if (req.qty !== undefined && !(Number.isSafeInteger(req.qty) && req.qty >= 1)) {
      return {
        outcome: 'rejected',
        error: new KisError(`cancel quantity must be a whole number ≥ 1, got ${req.qty}`),
      };
    }
    return this.sendOrder(
      this.rvsecncl('02', req.orderNo, req.branchNo, req.ordDvsn ?? '00', req.qty, 0, 'cancel'),
    );
  }

  private rvsecncl(
    kind: '01' | '02',
    orderNo: string,
    branchNo: string,
    ordDvsn: string,
    qty: number | undefined,
    price: number,
    priority: 'order' | 'cancel',
  ): KisCall {
    return {
      method: 'POST',
      path: P.rvsecncl,
      trId: TR.orderModifyCancel,
      body: {
        ...this.account(),
        KRX_FWDG_ORD_ORGNO: branchNo,
        ORGN_ODNO: orderNo,
        ORD_DVSN: ordDvsn,
        RVSE_CNCL_DVSN_CD: kind,
        ORD_QTY: qty === undefined ? '0' : String(qty),
        ORD_UNPR: String(price),
        QTY_ALL_ORD_YN: qty === undefined ? 'Y' : 'N',
      },
      priority,
      idempotent: false,
    };
  }

  private async sendOrder(call: KisCall): Promise<OrderOutcome> {
    const reconcileFrom = kstParts(this.clock.now()).ymd;
    try {
      const res = await this.t.call(call);
      const o = asObject(res.body.output) ?? {};
      return {
        outcome: 'accepted',
        // Upper-case keys from order-cash, lower-case from order-rvsecncl (§9.17): str() reads either.
        orderNo: str(o, 'ODNO'),
        branchNo: str(o, 'KRX_FWDG_ORD_ORGNO'),
        time: str(o, 'ORD_TMD'),
        msgCd: str(res.body, 'msg_cd'),
        message: str(res.body, 'msg1'),
      };
    } catch (e) {
      if (e instanceof KisNetworkError) {
        return e.requestSent
          ? { outcome: 'unknown', error: e, reconcileFrom }
          : { outcome: 'rejected', error: e };
      }
      if (e instanceof KisApiError) {
        // A gateway timeout, or any answer without a KIS envelope (an HTTP error page, a truncated
        // body: pseudo-code HTTPnnn): nothing says KIS refused it, so it may be live.
        if (GATEWAY_TIMEOUT_CODES.has(e.msgCd) || /^HTTP\d{3}$/.test(e.msgCd)) {
          return { outcome: 'unknown', error: e, reconcileFrom };
        }
        return { outcome: 'rejected', error: e };
      }
      if (e instanceof KisError) return { outcome: 'rejected', error: e };
      throw e;
    }
  }

  /** inquire-daily-ccld (§3.10), all pages, in KIS's order (newest first). */
  async getDailyOrders(q: DailyOrdersQuery): Promise<OrderRecord[]> {
    const today = kstParts(this.clock.now()).ymd;
    const old = q.from < addDays(today, -RECENT_ORDERS_DAYS);
    const { pages, truncated } = await this.t.paged({
      method: 'GET',
      path: P.dailyCcld,
      trId: old ? TR.dailyOrdersOld : TR.dailyOrders,
      query: {
        ...this.account(),
        INQR_STRT_DT: q.from,
        INQR_END_DT: q.to,
        SLL_BUY_DVSN_CD: q.side === 'sell' ? '01' : q.side === 'buy' ? '02' : '00',
        INQR_DVSN: '00',
        PDNO: q.code ?? '',
        CCLD_DVSN: q.unfilledOnly ? '02' : '00',
        ORD_GNO_BRNO: '',
        ODNO: '',
        INQR_DVSN_3: '00',
        INQR_DVSN_1: '',
        EXCG_ID_DVSN_CD: 'KRX',
      },
      priority: 'account',
      idempotent: true,
    });
    if (truncated)
      this.logger.warn('inquire-daily-ccld paging was cut short; the order list may be incomplete');
    return pages
      .flatMap((p) => asArray(p.output1))
      .filter((r) => str(r, 'odno'))
      .map(mapDailyOrder);
  }

  /**
   * Orders that can still be modified or cancelled. Real: inquire-psbl-rvsecncl (TTTC0084R). Paper
   * does not offer it (§3.9): today's unfilled orders from inquire-daily-ccld (CCLD_DVSN 02) instead.
   */
  async getOpenOrders(): Promise<OrderRecord[]> {
    if (this.t.paperLike) {
      const today = kstParts(this.clock.now()).ymd;
      const rows = await this.getDailyOrders({ from: today, to: today, unfilledOnly: true });
      return rows.filter((r) => r.status === 'open' || r.status === 'partial');
    }
    const { pages, truncated } = await this.t.paged({
      method: 'GET',
      path: P.psblRvsecncl,
      trId: TR.openOrders,
      query: { ...this.account(), INQR_DVSN_1: '0', INQR_DVSN_2: '0' },
      priority: 'account',
      idempotent: true,
    });
    if (truncated)
      this.logger.warn('inquire-psbl-rvsecncl paging was cut short; the open-order list may be incomplete');
    return pages
      .flatMap((p) => asArray(p.output))
      .filter((r) => str(r, 'odno'))
      .map(mapOpenOrder);
  }

  /** Overseas current price (§3.13), e.g. ('NAS', 'AAPL'). */
  async getOverseasQuote(excd: string, symbol: string): Promise<OverseasQuote> {
    const res = await this.t.call(
      this.quoteCall(P.overseasPrice, TR.overseasPrice, { AUTH: '', EXCD: excd, SYMB: symbol }),
    );
    const o = asObject(res.body.output) ?? {};
    return {
      exchange: excd,
      symbol,
      realtimeSymbol: str(o, 'rsym'),
      decimals: num(o, 'zdiv'),
      price: num(o, 'last'),
      change: num(o, 'diff'),
      changeRate: num(o, 'rate'),
      sign: toSign(str(o, 'sign')),
      prevClose: num(o, 'base'),
      volume: num(o, 'tvol'),
      value: optNum(o, 'tamt') ?? 0,
      orderable: str(o, 'ordy') !== '' && !/불가|N/.test(str(o, 'ordy')),
    };
  }
}

function validateOrder(qty: number, price: number, ordDvsn: string): KisError | undefined {
  if (!Number.isSafeInteger(qty) || qty < 1)
    return new KisError(`order quantity must be a whole number ≥ 1, got ${qty}`);
  if (!PRICELESS.has(ordDvsn) && (!Number.isSafeInteger(price) || price <= 0)) {
    return new KisError(`a limit order (ORD_DVSN ${ordDvsn}) needs a whole-won price > 0, got ${price}`);
  }
  return undefined;
}

function secondBefore(hms: string): string {
  let s = Number(hms.slice(0, 2)) * 3600 + Number(hms.slice(2, 4)) * 60 + Number(hms.slice(4, 6)) - 1;
  if (s < 0) s = 0;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${p2(Math.floor(s / 3600))}${p2(Math.floor((s % 3600) / 60))}${p2(s % 60)}`;
}
