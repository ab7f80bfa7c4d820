import { describe, expect, it } from 'vitest';
import { estimatedAmount, stepPrice, validateTicket } from '../../../src/renderer/src/lib/ticket';

const base = { side: 'buy' as const, code: '005930', qty: 1, price: 70000, type: 'limit' as const };
const lim = { upperLimit: 91000, lowerLimit: 49000, maxBuyQty: 100 };

describe('ticket validation', () => {
  it('accepts a clean limit order', () => {
    expect(validateTicket(base, lim)).toEqual([]);
  });

  it('names tick, limit, quantity and buying-power problems', () => {
    expect(validateTicket({ ...base, price: 70050 }, lim)).toEqual([{ key: 'ticket.err.tick', tick: 100 }]);
    expect(validateTicket({ ...base, price: 91100 }, lim)).toEqual([
      { key: 'ticket.err.upper', limit: 91000 },
    ]);
    expect(validateTicket({ ...base, price: 48900 }, lim)).toEqual([
      { key: 'ticket.err.lower', limit: 49000 },
    ]);
    expect(validateTicket({ ...base, qty: 0 }, lim)).toEqual([{ key: 'ticket.err.qty' }]);
    expect(validateTicket({ ...base, qty: 101 }, lim)).toEqual([{ key: 'ticket.err.power', max: 100 }]);
    expect(validateTicket({ ...base, side: 'sell', qty: 5 }, { ...lim, sellableQty: 2 })).toEqual([
      { key: 'ticket.err.sellable', max: 2 },
    ]);
  });

  it('needs no price for market orders', () => {
    expect(validateTicket({ ...base, type: 'market', price: 0 }, lim)).toEqual([]);
  });

  it('steps by the band-aware tick and stays inside the limits', () => {
    expect(stepPrice(1999, 1, {})).toBe(2000);
    expect(stepPrice(2000, 1, {})).toBe(2005);
    expect(stepPrice(2000, -1, {})).toBe(1999);
    expect(stepPrice(70000, 1, lim)).toBe(70100);
    expect(stepPrice(91000, 1, lim)).toBe(91000);
    expect(stepPrice(49000, -1, lim)).toBe(49000);
    expect(stepPrice(10000, 1, { kind: 'etf' })).toBe(10005);
  });

  it('estimates the amount, using the reference price for market orders', () => {
    expect(estimatedAmount({ qty: 3, price: 70000, type: 'limit' })).toBe(210000);
    expect(estimatedAmount({ qty: 3, price: 0, type: 'market' }, 71000)).toBe(213000);
  });
});
