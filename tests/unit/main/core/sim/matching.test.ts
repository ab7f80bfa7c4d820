/** Order matching and account bookkeeping (src/main/core/sim/accounts.ts) on a manual clock. */
import { beforeEach, describe, expect, it } from 'vitest';
import { OrderEngine, type SimAccount } from '../../../../../src/main/core/sim/accounts';
import { makeDemoAccount } from '../../../../../src/main/core/sim/auth';
import { ManualClock, kstToEpoch } from '../../../../../src/main/core/sim/clock';
import type { NoticeFields } from '../../../../../src/main/core/sim/frames';
import { loadListings } from '../../../../../src/main/core/sim/listings';
import { SimMarket, type SymbolState } from '../../../../../src/main/core/sim/market';
import { stepTick } from '../../../../../src/shared/domain/krx';

const FEE = 0.00015;
const TAX = 0.0018;
/** Large enough for orders that sweep ten book levels. */
const CASH = 10_000_000_000;
const listings = loadListings();

interface Rig {
  clock: ManualClock;
  market: SimMarket;
  engine: OrderEngine;
  real: SimAccount;
  paper: SimAccount;
  notices: NoticeFields[];
}

function rig(start = kstToEpoch(2026, 3, 4, 10, 0, 0), sessions: 'always' | 'krx' = 'always'): Rig {
  const clock = new ManualClock(start);
  const market = new SimMarket({ seed: 'match', listings, startMs: start, sessions, historyDays: 30 });
  const engine = new OrderEngine(market, clock, { commissionRate: FEE, sellTaxRate: TAX });
  const real = engine.addAccount(makeDemoAccount('match', 'real', CASH));
  const paper = engine.addAccount(makeDemoAccount('match', 'paper', CASH));
  const notices: NoticeFields[] = [];
  engine.onNotice = (_a, n) => notices.push(n);
  return { clock, market, engine, real, paper, notices };
}

/** Steps the market until `done` holds (bounded), like the simulator's driver does. */
function runUntil(r: Rig, done: () => boolean, maxSteps = 20_000): void {
  for (let i = 0; i < maxSteps && !done(); i++) {
    r.clock.advanceBy(100);
    r.market.step(r.clock.now(), 100);
    r.engine.matchMarketable();
    r.market.drainDeliveries();
  }
}

let r: Rig;
let sym: SymbolState;
beforeEach(() => {
  r = rig();
  sym = r.market.get('005930')!;
});

describe('crossing the book', () => {
  it('fills a limit buy partially at the best ask and rests the remainder', () => {
    const ask = sym.bestAsk;
    const available = sym.askQtyAt(0);
    const res = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '00',
      qty: available + 50,
      price: ask,
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const o = res.order;
    expect(o.filledQty).toBe(available);
    expect(o.remaining).toBe(50);
    expect(o.open).toBe(true);
    const amount = ask * available;
    expect(r.real.cash).toBe(CASH - amount - Math.floor(amount * FEE));
    expect(r.real.reservedCash(FEE)).toBe(Math.ceil(50 * ask * (1 + FEE)));
    expect(r.notices.map((n) => [n.fill, n.qty, n.price, n.acptYn])).toEqual([
      [false, available + 50, ask, '1'],
      [true, available, ask, '2'],
    ]);
    expect(r.notices[1]!.orderQty).toBe(available + 50);
    // The book moved: the level was consumed, so the best bid is now the old ask.
    expect(sym.bestBid).toBe(ask);
  });

  it('walks several levels with a market order, filling level by level', () => {
    const p1 = sym.askPrice(0);
    const p2 = sym.askPrice(1);
    const p3 = sym.askPrice(2);
    const q1 = sym.askQtyAt(0);
    const q2 = sym.askQtyAt(1);
    const res = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '01',
      qty: q1 + q2 + 7,
      price: 0,
    });
    expect(res.ok).toBe(true);
    const fills = r.notices.filter((n) => n.fill).map((n) => [n.qty, n.price]);
    expect(fills).toEqual([
      [q1, p1],
      [q2, p2],
      [7, p3],
    ]);
    const pos = r.real.positions.get('005930')!;
    expect(pos.qty).toBe(q1 + q2 + 7);
    expect(pos.avgPrice).toBeCloseTo((q1 * p1 + q2 * p2 + 7 * p3) / (q1 + q2 + 7), 9);
    expect(p2).toBe(stepTick(p1, 1));
  });

  it('IOC cancels what cannot fill at the limit; FOK fills nothing when the book is too thin', () => {
    const ask = sym.bestAsk;
    const q1 = sym.askQtyAt(0);
    const ioc = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '11',
      qty: q1 + 10,
      price: ask,
    });
    expect(ioc.ok && ioc.order.filledQty).toBe(q1);
    expect(ioc.ok && ioc.order.cancelledQty).toBe(10);
    expect(ioc.ok && ioc.order.open).toBe(false);
    const last = r.notices[r.notices.length - 1]!;
    expect([last.fill, last.acptYn, last.qty, last.cond]).toEqual([false, '3', 10, '1']);

    r.notices.length = 0;
    const total = Array.from({ length: 10 }, (_, i) => sym.askQtyAt(i)).reduce((a, b) => a + b, 0);
    const fok = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '12',
      qty: total + 1,
      price: sym.askPrice(9),
    });
    expect(fok.ok && fok.order.filledQty).toBe(0);
    expect(r.notices.map((n) => [n.fill, n.acptYn, n.cond])).toEqual([
      [false, '1', '2'],
      [false, '3', '2'],
    ]);
  });
});

describe('resting orders', () => {
  it('fills a resting bid when the market trades at its price, at the limit price', () => {
    const bid = sym.bestBid;
    const res = r.engine.place(r.real, { side: 'buy', code: '005930', ordDvsn: '00', qty: 5, price: bid });
    expect(res.ok && res.order.filledQty).toBe(0);
    runUntil(r, () => res.ok && res.order.filledQty === 5);
    expect(res.ok && res.order.filledQty).toBe(5);
    const fills = r.notices.filter((n) => n.fill);
    expect(fills.every((n) => n.price === bid)).toBe(true);
    expect(fills.reduce((s, n) => s + n.qty, 0)).toBe(5);
    expect(r.real.positions.get('005930')!.avgPrice).toBe(bid);
  });
});

describe('positions, fees and P&L', () => {
  it('averages buys and books realized P&L net of commission, tax and the buy-fee share', () => {
    const b1 = r.engine.place(r.real, { side: 'buy', code: '005930', ordDvsn: '01', qty: 10, price: 0 });
    const b2 = r.engine.place(r.real, { side: 'buy', code: '005930', ordDvsn: '01', qty: 10, price: 0 });
    expect(b1.ok && b2.ok).toBe(true);
    const buys = r.notices.filter((n) => n.fill);
    const buyAmount = buys.reduce((s, n) => s + n.qty * n.price, 0);
    const buyFees = buys.reduce((s, n) => s + Math.floor(n.qty * n.price * FEE), 0);
    const pos = r.real.positions.get('005930')!;
    expect(pos.avgPrice).toBeCloseTo(buyAmount / 20, 9);
    expect(r.real.cash).toBe(CASH - buyAmount - buyFees);

    r.notices.length = 0;
    const s1 = r.engine.place(r.real, { side: 'sell', code: '005930', ordDvsn: '01', qty: 5, price: 0 });
    expect(s1.ok).toBe(true);
    const sells = r.notices.filter((n) => n.fill);
    const sellAmount = sells.reduce((s, n) => s + n.qty * n.price, 0);
    const sellFee = sells.reduce((s, n) => s + Math.floor(n.qty * n.price * FEE), 0);
    const sellTax = sells.reduce((s, n) => s + Math.floor(n.qty * n.price * TAX), 0);
    const expected = sellAmount - (buyAmount / 20) * 5 - sellFee - sellTax - (buyFees * 5) / 20;
    expect(r.real.realizedPnl).toBeCloseTo(expected, 6);
    expect(pos.qty).toBe(15);
    expect(r.real.cash).toBe(CASH - buyAmount - buyFees + sellAmount - sellFee - sellTax);
    expect(r.real.taxesToday).toBe(sellTax);
  });

  it('charges no transaction tax on ETF sells', () => {
    r.engine.place(r.real, { side: 'buy', code: '069500', ordDvsn: '01', qty: 10, price: 0 });
    r.engine.place(r.real, { side: 'sell', code: '069500', ordDvsn: '01', qty: 10, price: 0 });
    expect(r.real.taxesToday).toBe(0);
    expect(r.real.feesToday).toBeGreaterThan(0);
  });

  it('reserves market buys at the upper limit and refuses what cash cannot cover', () => {
    const maxQty = Math.floor(CASH / (sym.upper * (1 + FEE)));
    const tooMany = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '01',
      qty: maxQty + 1,
      price: 0,
    });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.error.msg_cd).toBe('APBK0919');
    expect(r.notices[r.notices.length - 1]!.rejected).toBe(true);
    const paperTooMany = r.engine.place(r.paper, {
      side: 'buy',
      code: '005930',
      ordDvsn: '01',
      qty: maxQty + 1,
      price: 0,
    });
    expect(paperTooMany.ok).toBe(false);
    if (!paperTooMany.ok)
      expect(paperTooMany.error).toEqual({ msg_cd: '40250000', msg1: '모의투자 주문가능금액이 부족합니다.' });
    expect(r.engine.buyingPower(r.real, '005930', 0).qty).toBe(maxQty);
  });

  it('refuses selling more than the sellable quantity (real and paper wording)', () => {
    const real = r.engine.place(r.real, { side: 'sell', code: '000660', ordDvsn: '01', qty: 1, price: 0 });
    expect(real.ok).toBe(false);
    if (!real.ok) expect(real.error.msg_cd).toBe('APBK0918');
    const paper = r.engine.place(r.paper, { side: 'sell', code: '000660', ordDvsn: '01', qty: 1, price: 0 });
    expect(paper.ok).toBe(false);
    if (!paper.ok) expect(paper.error.msg_cd).toBe('40240000');
  });

  it('refuses off-tick or out-of-limit prices and unsupported order types', () => {
    const off = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '00',
      qty: 1,
      price: sym.bestBid + 50,
    });
    expect(!off.ok && off.error.msg_cd).toBe('APBK0503');
    const above = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '00',
      qty: 1,
      price: stepTick(sym.upper, 1),
    });
    expect(!above.ok && above.error.msg_cd).toBe('APBK0503');
    const stop = r.engine.place(r.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '22',
      qty: 1,
      price: sym.bestBid,
    });
    expect(!stop.ok && stop.error.msg_cd).toBe('APBK1531');
  });
});

describe('modify and cancel', () => {
  it('cancels part, then the rest, of a resting order', () => {
    const low = stepTick(sym.bestBid, -5);
    const res = r.engine.place(r.real, { side: 'buy', code: '005930', ordDvsn: '00', qty: 10, price: low });
    if (!res.ok) throw new Error('order refused');
    const part = r.engine.revise(r.real, {
      originalOdno: res.order.odno,
      branchNo: res.order.branchNo,
      action: '02',
      ordDvsn: '00',
      qty: 4,
      price: 0,
      all: false,
    });
    expect(part.ok).toBe(true);
    expect(res.order.remaining).toBe(6);
    expect(r.real.reservedCash(FEE)).toBe(Math.ceil(6 * low * (1 + FEE)));
    const notice = r.notices[r.notices.length - 1]!;
    expect([notice.rctfCls, notice.qty, notice.originalOrderNo, notice.acptYn]).toEqual([
      '2',
      4,
      res.order.odno,
      '2',
    ]);
    const rest = r.engine.revise(r.real, {
      originalOdno: res.order.odno,
      branchNo: '',
      action: '02',
      ordDvsn: '',
      qty: 0,
      price: 0,
      all: true,
    });
    expect(rest.ok).toBe(true);
    expect(res.order.open).toBe(false);
    expect(r.real.reservedCash(FEE)).toBe(0);
    const again = r.engine.revise(r.real, {
      originalOdno: res.order.odno,
      branchNo: '',
      action: '02',
      ordDvsn: '',
      qty: 0,
      price: 0,
      all: true,
    });
    expect(!again.ok && again.error.msg_cd).toBe('APBK0901');
  });

  it('modifies the price into the market: a new order number that fills immediately', () => {
    const low = stepTick(sym.bestBid, -5);
    const res = r.engine.place(r.real, { side: 'buy', code: '005930', ordDvsn: '00', qty: 3, price: low });
    if (!res.ok) throw new Error('order refused');
    const ask = sym.bestAsk;
    const mod = r.engine.revise(r.real, {
      originalOdno: res.order.odno,
      branchNo: res.order.branchNo,
      action: '01',
      ordDvsn: '00',
      qty: 0,
      price: ask,
      all: true,
    });
    expect(mod.ok).toBe(true);
    if (!mod.ok) return;
    expect(mod.order.odno).not.toBe(res.order.odno);
    expect(mod.order.orgnOdno).toBe(res.order.odno);
    expect(mod.order.filledQty).toBe(3);
    expect(res.order.open).toBe(false);
    const receipt = r.notices.find((n) => n.orderNo === mod.order.odno && !n.fill)!;
    expect([receipt.rctfCls, receipt.qty, receipt.price]).toEqual(['1', 3, ask]);
    expect(r.real.positions.get('005930')!.qty).toBe(3);
  });
});

describe('KRX sessions', () => {
  it('refuses paper orders before the open and after the close; real gets an APBK message when closed', () => {
    const early = rig(kstToEpoch(2026, 3, 4, 8, 10, 0), 'krx');
    const p = early.engine.place(early.paper, {
      side: 'buy',
      code: '005930',
      ordDvsn: '01',
      qty: 1,
      price: 0,
    });
    expect(!p.ok && p.error).toEqual({ msg_cd: '40570000', msg1: '모의투자 장시작전 입니다.' });
    const q = early.engine.place(early.real, {
      side: 'buy',
      code: '005930',
      ordDvsn: '01',
      qty: 1,
      price: 0,
    });
    expect(!q.ok && q.error.msg_cd).toBe('APBK0919');
    const late = rig(kstToEpoch(2026, 3, 4, 16, 0, 0), 'krx');
    const lp = late.engine.place(late.paper, {
      side: 'buy',
      code: '005930',
      ordDvsn: '01',
      qty: 1,
      price: 0,
    });
    expect(!lp.ok && lp.error.msg_cd).toBe('40580000');
    const weekend = rig(kstToEpoch(2026, 3, 7, 11, 0, 0), 'krx');
    const wp = weekend.engine.place(weekend.paper, {
      side: 'buy',
      code: '005930',
      ordDvsn: '01',
      qty: 1,
      price: 0,
    });
    expect(!wp.ok && wp.error.msg_cd).toMatch(/^405[78]0000$/);
  });

  it('generates no trades outside continuous trading', () => {
    const closed = rig(kstToEpoch(2026, 3, 4, 7, 0, 0), 'krx');
    runUntil(closed, () => false, 600);
    expect(closed.market.get('005930')!.volume).toBe(0);
  });
});

describe('market invariants', () => {
  it('keeps every symbol on the tick grid, inside ±30 %, with best ask > best bid over a simulated hour', () => {
    const ticks: Array<[string, number]> = [];
    r.market.onPrint = (s, p) => ticks.push([s.code, p.price]);
    runUntil(r, () => false, 36_000);
    expect(ticks.length).toBeGreaterThan(10_000);
    for (const s of r.market.order) {
      expect(s.bestAsk).toBeGreaterThan(s.bestBid);
      expect(s.last).toBeLessThanOrEqual(s.upper);
      expect(s.last).toBeGreaterThanOrEqual(s.lower);
      for (let i = 0; i < 10; i++) if (s.askPrice(i) > 0) expect(s.askQtyAt(i)).toBeGreaterThan(0);
    }
    for (const [code, price] of ticks) {
      const s = r.market.get(code)!;
      expect(
        price %
          (s.kind === 'etf'
            ? 5
            : price < 2000
              ? 1
              : price < 5000
                ? 5
                : price < 20000
                  ? 10
                  : price < 50000
                    ? 50
                    : price < 200000
                      ? 100
                      : price < 500000
                        ? 500
                        : 1000),
      ).toBe(0);
    }
    // History ends exactly at today's previous close for every symbol.
    for (const s of r.market.order) expect(s.history[s.history.length - 1]!.close).toBe(s.prevClose);
  });
});
