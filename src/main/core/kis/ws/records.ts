/**
 * Field layouts of the real-time TRs (kis-protocol.md §7) mapped into the shared types.
 * Mappers read fields by index from the indexed payload (see PayloadFields): no per-field regexes,
 * no intermediate arrays. Blank fields are legal and read as 0.
 */
import type { BookLevel, NoticeKind, OrderBook, OrderNotice, Tick } from '../../../../shared/domain/market';
import type { RecordLayout } from './frames';

type Sign = Tick['sign'];
function sign(s: string): Sign {
  return s === '1' || s === '2' || s === '3' || s === '4' || s === '5' ? s : '3';
}

/** H0STCNT0, 46 fields (§7.1). */
export const TICK_LAYOUT: RecordLayout<Tick> = {
  trId: 'H0STCNT0',
  fieldCount: 46,
  map: (f, o) => ({
    code: f.str(o),
    time: f.str(o + 1),
    price: f.num(o + 2),
    change: f.num(o + 4),
    changeRate: f.num(o + 5),
    sign: sign(f.str(o + 3)),
    open: f.num(o + 7),
    high: f.num(o + 8),
    low: f.num(o + 9),
    volume: f.num(o + 12),
    cumVolume: f.num(o + 13),
    cumValue: f.num(o + 14),
    askPrice: f.num(o + 10),
    bidPrice: f.num(o + 11),
  }),
};

/** H0STASP0, 59 fields (§7.2): asks 3–12, bids 13–22, ask qty 23–32, bid qty 33–42, totals 43–44. */
export const BOOK_LAYOUT: RecordLayout<OrderBook> = {
  trId: 'H0STASP0',
  fieldCount: 59,
  map: (f, o) => {
    const asks = new Array<BookLevel>(10);
    const bids = new Array<BookLevel>(10);
    for (let i = 0; i < 10; i++) {
      asks[i] = { price: f.num(o + 3 + i), qty: f.num(o + 23 + i) };
      bids[i] = { price: f.num(o + 13 + i), qty: f.num(o + 33 + i) };
    }
    return {
      code: f.str(o),
      time: f.str(o + 1),
      asks,
      bids,
      totalAskQty: f.num(o + 43),
      totalBidQty: f.num(o + 44),
    };
  },
};

/**
 * Receipt vs fill vs reject vs cancel vs modify (§7.3):
 * CNTG_YN 2 → fill; else RFUS_YN 1 → rejected; else RCTF_CLS 2 → cancelled, 1 → modified;
 * else ACPT_YN 3 → cancelled (the IOC/FOK remainder KRX cancels); else accepted.
 */
export function noticeKind(cntgYn: string, rfusYn: string, rctfCls: string, acptYn: string): NoticeKind {
  if (cntgYn === '2') return 'fill';
  if (rfusYn === '1') return 'rejected';
  if (rctfCls === '2') return 'cancelled';
  if (rctfCls === '1') return 'modified';
  if (acptYn === '3') return 'cancelled';
  return 'accepted';
}

/** Trimmed, or undefined when blank or all zeros (an absent original order number). */
function nonBlank(s: string): string | undefined {
  const t = s.trim();
  return t && !/^0+$/.test(t) ? t : undefined;
}

/** H0STCNI0 / H0STCNI9, 26 fields (§7.3), after decryption. */
export const NOTICE_LAYOUT: RecordLayout<OrderNotice> = {
  trId: 'H0STCNI0',
  fieldCount: 26,
  map: (f, o) => {
    const kind = noticeKind(
      f.str(o + 13).trim(),
      f.str(o + 12).trim(),
      f.str(o + 5).trim(),
      f.str(o + 14).trim(),
    );
    // On receipts CNTG_QTY/CNTG_UNPR hold the order's qty/price; on fills, the fill's.
    const qty = f.num(o + 9);
    const orderQtyBlank = f.str(o + 16).trim() === '';
    const name = f.str(o + 24).trim();
    return {
      kind,
      orderNo: f.str(o + 2).trim(),
      origOrderNo: nonBlank(f.str(o + 3)),
      branchNo: f.str(o + 15).trim() || undefined,
      account: f.str(o + 1).trim() || undefined,
      code: f.str(o + 8).trim(),
      side: f.str(o + 4).trim() === '01' ? 'sell' : 'buy',
      qty,
      price: f.num(o + 10),
      orderQty: orderQtyBlank ? (kind === 'fill' ? undefined : qty) : f.num(o + 16),
      time: f.str(o + 11).trim(),
      name: name || undefined,
    };
  },
};
