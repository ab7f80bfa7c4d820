/**
 * Every TR id the client sends, in its REAL form, and the one rule that turns it into the paper id
 * (kis-protocol.md §1.1–1.2). Callers always name the real id; `trIdFor` maps it.
 */
import { KisPaperUnsupportedError } from './errors';

export const TR = {
  // Quotes: identical in real and paper.
  inquirePrice: 'FHKST01010100',
  askingPrice: 'FHKST01010200',
  dailyChart: 'FHKST03010100',
  minuteChart: 'FHKST03010200',
  pastMinuteChart: 'FHKST03010230',
  multiPrice: 'FHKST11300006',
  overseasPrice: 'HHDFS00000300',
  // Domestic orders (current ids; the legacy 0801U/0802U/0803U "may be blocked without notice").
  orderCashSell: 'TTTC0011U',
  orderCashBuy: 'TTTC0012U',
  orderModifyCancel: 'TTTC0013U',
  creditSell: 'TTTC0051U',
  creditBuy: 'TTTC0052U',
  reservationOrder: 'CTSC0008U',
  // Domestic account inquiries.
  buyingPower: 'TTTC8908R',
  sellableQty: 'TTTC8408R',
  balance: 'TTTC8434R',
  dailyOrders: 'TTTC0081R',
  dailyOrdersOld: 'CTSC9215R',
  openOrders: 'TTTC0084R',
  holidays: 'CTCA0903R',
  accountBalance: 'CTRP6548R',
  // Overseas orders.
  usBuy: 'TTTT1002U',
  usSell: 'TTTT1006U',
  usModifyCancel: 'TTTT1004U',
  usDaytimeBuy: 'TTTS6036U',
  usDaytimeSell: 'TTTS6037U',
  // WebSocket.
  wsTick: 'H0STCNT0',
  wsBook: 'H0STASP0',
  wsNotice: 'H0STCNI0',
  wsOverseasNotice: 'H0GSCNI0',
  wsExpectedFill: 'H0STANC0',
  wsOverseasTick: 'HDFSCNT0',
  wsOverseasBook: 'HDFSASP0',
  wsOverseasBookDelayed: 'HDFSASP1',
} as const;

/** Paper ids that do not follow the V-prefix rule (§1.1). */
const PAPER_EXCEPTIONS: Readonly<Record<string, string>> = {
  TTTT1006U: 'VTTT1001U', // US sell: the V-prefixed VTTT1006U answers 90000000.
  H0STCNI0: 'H0STCNI9',
  H0GSCNI0: 'H0GSCNI9',
};

/** TRs the paper server does not offer (§1.2); refused before sending. */
const PAPER_UNSUPPORTED: ReadonlySet<string> = new Set([
  TR.openOrders,
  TR.sellableQty,
  TR.creditBuy,
  TR.creditSell,
  TR.reservationOrder,
  TR.holidays,
  TR.pastMinuteChart,
  TR.accountBalance,
  TR.usDaytimeBuy,
  TR.usDaytimeSell,
  TR.wsExpectedFill,
  TR.wsOverseasTick,
  TR.wsOverseasBook,
  TR.wsOverseasBookDelayed,
]);

export function isPaperSupported(realTrId: string): boolean {
  // Every NXT (H0NX…) and integrated (H0UN…) real-time variant is real-only.
  if (realTrId.startsWith('H0NX') || realTrId.startsWith('H0UN')) return false;
  return !PAPER_UNSUPPORTED.has(realTrId);
}

/**
 * The id to send. Real: unchanged. Paper: documented exception, else ids starting with T/J/C get
 * their first letter replaced by V (what the official client does), others (quotes) unchanged.
 * Throws KisPaperUnsupportedError for TRs paper does not offer, so nothing is sent.
 */
export function trIdFor(realTrId: string, paperLike: boolean): string {
  if (!paperLike) return realTrId;
  if (!isPaperSupported(realTrId)) {
    throw new KisPaperUnsupportedError({
      msgCd: 'EGW02006',
      msg1: `모의투자 미지원 TR (${realTrId})`,
      trId: realTrId,
    });
  }
  const exception = PAPER_EXCEPTIONS[realTrId];
  if (exception) return exception;
  const first = realTrId.charAt(0);
  if (first === 'T' || first === 'J' || first === 'C') return `V${realTrId.slice(1)}`;
  return realTrId;
}
