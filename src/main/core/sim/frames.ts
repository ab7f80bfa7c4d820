/**
 * WebSocket data frames (kis-protocol.md §6.4, §7): `<enc>|<tr_id>|<NNN>|<payload>` where
 * several records of one TR are concatenated with `^` and NNN is the zero-padded count.
 */
import { createCipheriv } from 'node:crypto';
import { signCode } from '../../../shared/domain/krx';
import { kstDate, kstSecondOfDay, kstTime } from './clock';
import { BOOK_LEVELS, type SymbolState, type TradePrint } from './market';
import { sessionCode, type SessionPhase } from './sessions';

export const TRADE_TR = 'H0STCNT0';
export const BOOK_TR = 'H0STASP0';
export const NOTICE_TR_REAL = 'H0STCNI0';
export const NOTICE_TR_PAPER = 'H0STCNI9';
export const TRADE_FIELDS = 46;
export const BOOK_FIELDS = 59;
export const NOTICE_FIELDS = 26;

/** Two decimals, as KIS prints rates ("1.23", "-0.50"). */
export function rate(numerator: number, denominator: number): string {
  if (denominator === 0) return '0.00';
  return ((numerator / denominator) * 100).toFixed(2);
}

/** Sign of `a` relative to `b` with the KIS 1–5 codes (no limit codes: used for vs-open/high/low). */
function relSign(a: number, b: number): string {
  return a > b ? '2' : a < b ? '5' : '3';
}

/** Share of the 09:00–15:30 session elapsed at t (1 outside it). */
function sessionFraction(t: number): number {
  const s = kstSecondOfDay(t) - 9 * 3600;
  return s <= 0 || s >= 23_400 ? 1 : s / 23_400;
}

/** One H0STCNT0 record (46 fields, §7.1) describing `print` and the state right after it. */
export function tradeRecord(sym: SymbolState, print: TradePrint, phase: SessionPhase): string {
  const price = print.price;
  const change = price - sym.prevClose;
  const prevVol = sym.prevDayVolume();
  const total = sym.buyVolume + sym.sellVolume;
  // Yesterday's volume by this time of day, assuming it traded evenly over the session.
  const sameTimeVolume = Math.round(prevVol * sessionFraction(print.time));
  const f: string[] = [
    sym.code,
    kstTime(print.time),
    String(price),
    signCode(price, sym.prevClose, { upper: sym.upper, lower: sym.lower }),
    String(change),
    rate(change, sym.prevClose),
    String(sym.vwap()),
    String(sym.open),
    String(sym.high),
    String(sym.low),
    String(sym.askPrice(0)),
    String(sym.bidPrice(0)),
    String(print.volume),
    String(sym.volume),
    String(sym.value),
    String(sym.sellCount),
    String(sym.buyCount),
    String(sym.buyCount - sym.sellCount),
    sym.sellVolume === 0 ? '0.00' : rate(sym.buyVolume, sym.sellVolume),
    String(sym.sellVolume),
    String(sym.buyVolume),
    print.aggressor === 'buy' ? '1' : '5',
    rate(sym.buyVolume, total),
    rate(sym.volume, prevVol),
    sym.openTime,
    relSign(price, sym.open),
    String(price - sym.open),
    sym.highTime,
    relSign(price, sym.high),
    String(price - sym.high),
    sym.lowTime,
    relSign(price, sym.low),
    String(price - sym.low),
    kstDate(print.time),
    sessionCode(phase),
    'N',
    String(sym.askQtyAt(0)),
    String(sym.bidQtyAt(0)),
    String(sym.totalAsk()),
    String(sym.totalBid()),
    rate(sym.volume, sym.listing.listedShares),
    String(sameTimeVolume),
    rate(sym.volume, sameTimeVolume),
    '0',
    '',
    String(sym.prevClose),
  ];
  return f.join('^');
}

/** One H0STASP0 record (59 fields, §7.2) for the current book. */
export function bookRecord(sym: SymbolState, t: number): string {
  const f: string[] = [sym.code, kstTime(t), '0'];
  for (let i = 0; i < BOOK_LEVELS; i++) f.push(String(sym.askPrice(i)));
  for (let i = 0; i < BOOK_LEVELS; i++) f.push(String(sym.bidPrice(i)));
  for (let i = 0; i < BOOK_LEVELS; i++) f.push(String(sym.askQtyAt(i)));
  for (let i = 0; i < BOOK_LEVELS; i++) f.push(String(sym.bidQtyAt(i)));
  const totalAsk = sym.totalAsk();
  const totalBid = sym.totalBid();
  f.push(String(totalAsk), String(totalBid), '0', '0');
  // Expected-match fields are meaningful only in call auctions; continuous trading sends zeros.
  f.push('0', '0', '0', '0', '3', '0.00');
  f.push(String(sym.volume));
  f.push(String(totalAsk - sym.lastTotalAsk), String(totalBid - sym.lastTotalBid), '0', '0', '0');
  sym.lastTotalAsk = totalAsk;
  sym.lastTotalBid = totalBid;
  return f.join('^');
}

/** Plain frame: records concatenated with `^`, count zero-padded to 3 digits (max 999 per frame). */
export function plainFrame(trId: string, records: readonly string[]): string {
  return `0|${trId}|${String(records.length).padStart(3, '0')}|${records.join('^')}`;
}

/** Splits records into frames of at most 999 (the count field is three digits). */
export function plainFrames(trId: string, records: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < records.length; i += 999) out.push(plainFrame(trId, records.slice(i, i + 999)));
  return out;
}

/** AES-256-CBC + PKCS7 + base64 with the ack's key/iv strings used as raw UTF-8 bytes (§6.4). */
export function encryptPayload(plaintext: string, key: string, iv: string): string {
  const cipher = createCipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function encryptedFrame(trId: string, record: string, key: string, iv: string): string {
  return `1|${trId}|001|${encryptPayload(record, key, iv)}`;
}

/** Order/fill notice fields (§7.3), filled by the account engine. */
export interface NoticeFields {
  htsId: string;
  accountNo: string;
  orderNo: string;
  originalOrderNo: string;
  side: 'buy' | 'sell';
  /** 0 normal, 1 modify, 2 cancel. */
  rctfCls: '0' | '1' | '2';
  ordDvsn: string;
  /** 0 none, 1 IOC, 2 FOK. */
  cond: '0' | '1' | '2';
  code: string;
  /** Receipt: order qty; fill: fill qty. */
  qty: number;
  /** Receipt: order price; fill: fill price. */
  price: number;
  time: number;
  rejected: boolean;
  fill: boolean;
  /** 1 received, 2 confirmed, 3 cancelled (IOC/FOK remainder). */
  acptYn: '1' | '2' | '3';
  branchNo: string;
  orderQty: number;
  accountName: string;
  name: string;
  orderPrice: number;
}

export function noticeRecord(n: NoticeFields): string {
  const f: string[] = [
    n.htsId,
    n.accountNo,
    n.orderNo,
    n.originalOrderNo,
    n.side === 'sell' ? '01' : '02',
    n.rctfCls,
    n.ordDvsn,
    n.cond,
    n.code,
    String(n.qty),
    String(n.price),
    kstTime(n.time),
    n.rejected ? '1' : '0',
    n.fill ? '2' : '1',
    n.acptYn,
    n.branchNo,
    String(n.orderQty),
    n.accountName,
    '',
    '1',
    'Y',
    '',
    '',
    '',
    n.name,
    String(n.orderPrice),
  ];
  return f.join('^');
}
