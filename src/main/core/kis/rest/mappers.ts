/**
 * KIS wire records (strings, kis-protocol.md §3) → the shared domain types (numbers).
 * Pure functions, so each mapping is testable from a captured body.
 */
import type {
  Bar,
  BookLevel,
  OrderBook,
  OrderRecord,
  OrderStatus,
  Position,
  Quote,
} from '../../../../shared/domain/market';
import { num, optNum, str, type KisRecord } from './envelope';

type Sign = '1' | '2' | '3' | '4' | '5';
export function toSign(s: string): Sign | undefined {
  return s === '1' || s === '2' || s === '3' || s === '4' || s === '5' ? s : undefined;
}

/** inquire-price `output` (§3.1). inquire-price has no name field; `name` stays undefined. */
export function mapQuote(code: string, o: KisRecord): Quote {
  const price = num(o, 'stck_prpr');
  const change = num(o, 'prdy_vrss');
  const quote: Quote = {
    code: str(o, 'stck_shrn_iscd') || code,
    price,
    change,
    changeRate: num(o, 'prdy_ctrt'),
    sign: toSign(str(o, 'prdy_vrss_sign')),
    open: num(o, 'stck_oprc'),
    high: num(o, 'stck_hgpr'),
    low: num(o, 'stck_lwpr'),
    volume: num(o, 'acml_vol'),
    value: optNum(o, 'acml_tr_pbmn'),
    // No prev-close field in inquire-price: price − change is exact (stck_sdpr is the base price,
    // which differs from the previous close after ex-rights days).
    prevClose: price - change,
    upperLimit: num(o, 'stck_mxpr'),
    lowerLimit: num(o, 'stck_llam'),
    tickSize: optNum(o, 'aspr_unit'),
    w52High: optNum(o, 'w52_hgpr'),
    w52Low: optNum(o, 'w52_lwpr'),
    per: optNum(o, 'per'),
    pbr: optNum(o, 'pbr'),
  };
  return quote;
}

/** inquire-asking-price-exp-ccn `output1` (§3.2). */
export function mapOrderBook(code: string, o: KisRecord): OrderBook {
  const asks: BookLevel[] = [];
  const bids: BookLevel[] = [];
  for (let i = 1; i <= 10; i++) {
    asks.push({ price: num(o, `askp${i}`), qty: num(o, `askp_rsqn${i}`) });
    bids.push({ price: num(o, `bidp${i}`), qty: num(o, `bidp_rsqn${i}`) });
  }
  return {
    code,
    time: str(o, 'aspr_acpt_hour'),
    asks,
    bids,
    totalAskQty: num(o, 'total_askp_rsqn'),
    totalBidQty: num(o, 'total_bidp_rsqn'),
  };
}

/** inquire-daily-itemchartprice `output2[]` row (§3.3); undefined for KIS's blank filler rows. */
export function mapDailyBar(o: KisRecord): Bar | undefined {
  const date = str(o, 'stck_bsop_date');
  if (!/^\d{8}$/.test(date)) return undefined;
  return {
    date,
    open: num(o, 'stck_oprc'),
    high: num(o, 'stck_hgpr'),
    low: num(o, 'stck_lwpr'),
    close: num(o, 'stck_clpr'),
    volume: num(o, 'acml_vol'),
  };
}

/** inquire-time-itemchartprice `output2[]` row (§3.4). */
export function mapMinuteBar(o: KisRecord): Bar | undefined {
  const date = str(o, 'stck_bsop_date');
  const hour = str(o, 'stck_cntg_hour');
  if (!/^\d{8}$/.test(date) || !/^\d{6}$/.test(hour)) return undefined;
  return {
    date: date + hour,
    open: num(o, 'stck_oprc'),
    high: num(o, 'stck_hgpr'),
    low: num(o, 'stck_lwpr'),
    close: num(o, 'stck_prpr'),
    volume: num(o, 'cntg_vol'),
  };
}

/** inquire-balance `output1[]` row (§3.8). */
export function mapPosition(o: KisRecord): Position {
  return {
    code: str(o, 'pdno'),
    name: str(o, 'prdt_name'),
    qty: num(o, 'hldg_qty'),
    orderableQty: optNum(o, 'ord_psbl_qty'),
    avgPrice: num(o, 'pchs_avg_pric'),
    price: num(o, 'prpr'),
    evalAmount: optNum(o, 'evlu_amt'),
    pnl: num(o, 'evlu_pfls_amt'),
    pnlRate: optNum(o, 'evlu_pfls_rt'),
  };
}

function sideOf(code: string): 'buy' | 'sell' {
  return code === '01' ? 'sell' : 'buy';
}

/** inquire-daily-ccld `output1[]` row (§3.10). */
export function mapDailyOrder(o: KisRecord): OrderRecord {
  const qty = num(o, 'ord_qty');
  const filled = num(o, 'tot_ccld_qty');
  const remaining = optNum(o, 'rmn_qty');
  const rejected = num(o, 'rjct_qty');
  let status: OrderStatus;
  if (str(o, 'cncl_yn') === 'Y') status = 'cancelled';
  else if (filled >= qty && qty > 0) status = 'filled';
  else if (rejected > 0 && filled === 0) status = 'rejected';
  else if (filled > 0) status = remaining === 0 ? 'filled' : 'partial';
  else status = 'open';
  const avg = optNum(o, 'avg_prvs');
  return {
    ...orderIdentity(o),
    qty,
    filledQty: filled,
    avgFillPrice: avg !== undefined && filled > 0 ? avg : undefined,
    remainingQty: remaining,
    status,
  };
}

/** The fields daily-ccld and psbl-rvsecncl rows share, under the same names (§3.9, §3.10). */
function orderIdentity(o: KisRecord) {
  const orig = str(o, 'orgn_odno');
  return {
    orderNo: str(o, 'odno'),
    origOrderNo: orig && !/^0*$/.test(orig) ? orig : undefined,
    branchNo: str(o, 'ord_gno_brno') || undefined,
    code: str(o, 'pdno'),
    name: str(o, 'prdt_name') || undefined,
    side: sideOf(str(o, 'sll_buy_dvsn_cd')),
    price: num(o, 'ord_unpr'),
    orderType: str(o, 'ord_dvsn_cd') || undefined,
    time: str(o, 'ord_tmd') || undefined,
  };
}

/** inquire-psbl-rvsecncl `output[]` row (§3.9): every row is still open. */
export function mapOpenOrder(o: KisRecord): OrderRecord {
  const qty = num(o, 'ord_qty');
  const filled = num(o, 'tot_ccld_qty');
  return {
    ...orderIdentity(o),
    qty,
    filledQty: filled,
    avgFillPrice: filled > 0 ? num(o, 'tot_ccld_amt') / filled : undefined,
    remainingQty: num(o, 'psbl_qty'),
    status: filled > 0 ? 'partial' : 'open',
  };
}
