import { describe, expect, it } from 'vitest';
import {
  canTransition,
  IllegalTransitionError,
  OrderLifecycle,
  TRANSITIONS,
} from '../../../../../src/main/core/services/order-lifecycle';
import { OrderState } from '../../../../../src/shared/domain/orders';
import type { OrderNotice, OrderRecord } from '../../../../../src/shared/domain/market';

const ticket = { code: '005930', side: 'buy', qty: 10, price: 70_000, type: 'limit' } as const;

function at(
  state: OrderState,
  lc = new OrderLifecycle(
    () => 1,
    () => {},
    't',
  ),
) {
  const o = lc.create(ticket);
  const paths: Record<OrderState, OrderState[]> = {
    draft: [],
    checked: ['checked'],
    refused: ['refused'],
    sent: ['checked', 'sent'],
    accepted: ['checked', 'sent', 'accepted'],
    rejected: ['checked', 'sent', 'rejected'],
    unknown: ['checked', 'sent', 'unknown'],
    partial: ['checked', 'sent', 'accepted', 'partial'],
    filled: ['checked', 'sent', 'accepted', 'filled'],
    cancelled: ['checked', 'sent', 'accepted', 'cancelled'],
    lost: ['checked', 'sent', 'unknown', 'lost'],
  };
  for (const s of paths[state]) lc.transition(o.id, s);
  return { lc, o };
}

function notice(kind: OrderNotice['kind'], qty: number, orderNo = '0000000007'): OrderNotice {
  return { kind, orderNo, code: '005930', side: 'buy', qty, price: 70_000, time: '090001' };
}

describe('OrderLifecycle', () => {
  it('allows exactly the transitions of the table, from every state', () => {
    for (const from of OrderState.options) {
      for (const to of OrderState.options) {
        const { lc, o } = at(from);
        if (TRANSITIONS[from].includes(to)) {
          expect(lc.transition(o.id, to).state, `${from} → ${to}`).toBe(to);
        } else {
          expect(() => lc.transition(o.id, to), `${from} → ${to}`).toThrow(IllegalTransitionError);
          expect(lc.get(o.id)!.state).toBe(from);
        }
      }
    }
  });

  it('terminal states go nowhere; sent and unknown hold their symbol and side', () => {
    for (const s of ['refused', 'rejected', 'filled', 'cancelled', 'lost'] as const) {
      expect(TRANSITIONS[s]).toEqual([]);
    }
    expect(canTransition('draft', 'sent')).toBe(false);
    const { lc, o } = at('unknown');
    expect(lc.blocking('005930', 'buy')?.id).toBe(o.id);
    expect(lc.blocking('005930', 'sell')).toBeUndefined();
    lc.transition(o.id, 'accepted', { orderNo: '7' });
    expect(lc.blocking('005930', 'buy')).toBeUndefined();
    expect(lc.get(o.id)!.orderNo).toBe('0000000007');
  });

  it('reports every transition with from and to, and stamps the send time', () => {
    const seen: string[] = [];
    let now = 100;
    const lc = new OrderLifecycle(
      () => now,
      (e) => seen.push(`${e.from}>${e.to}`),
      'x',
    );
    const o = lc.create(ticket);
    lc.transition(o.id, 'checked');
    now = 200;
    lc.transition(o.id, 'sent');
    expect(seen).toEqual(['draft>checked', 'checked>sent']);
    expect(lc.get(o.id)!.sentAt).toBe(200);
    expect(o.id).toBe('x-1');
  });

  it('fill notices move accepted → partial → filled; cancel notices cancel', () => {
    const { lc, o } = at('accepted');
    lc.transition(o.id, 'partial'); // partial → partial is allowed too
    const fresh = at('accepted');
    fresh.lc.get(fresh.o.id)!.orderNo = '0000000007';
    expect(fresh.lc.applyNotice(notice('fill', 4))?.state).toBe('partial');
    expect(fresh.lc.get(fresh.o.id)!.filledQty).toBe(4);
    expect(fresh.lc.applyNotice(notice('fill', 6))?.state).toBe('filled');
    expect(fresh.lc.applyNotice(notice('fill', 1))).toBeUndefined(); // terminal: ignored
    const c = at('partial');
    c.lc.get(c.o.id)!.orderNo = '0000000007';
    expect(c.lc.applyNotice(notice('cancelled', 6))?.state).toBe('cancelled');
    expect(lc.applyNotice(notice('fill', 1, '0000000999'))).toBeUndefined(); // not ours
  });

  it('unknown → reconciled by a daily-orders record, at the stage it reached', () => {
    const rec = (status: OrderRecord['status'], filledQty: number): OrderRecord => ({
      orderNo: '0000000042',
      code: '005930',
      side: 'buy',
      qty: 10,
      price: 70_000,
      filledQty,
      status,
    });
    for (const [status, filled, want] of [
      ['open', 0, 'accepted'],
      ['partial', 3, 'partial'],
      ['filled', 10, 'filled'],
      ['cancelled', 0, 'cancelled'],
      ['rejected', 0, 'rejected'],
    ] as const) {
      const { lc, o } = at('unknown');
      const r = lc.applyRecord(o.id, rec(status, filled));
      expect(r.state).toBe(want);
      expect(r.orderNo).toBe('0000000042');
      expect(r.filledQty).toBe(filled);
      expect(lc.unresolved()).toEqual([]);
    }
    const { lc, o } = at('unknown');
    expect(lc.transition(o.id, 'lost').state).toBe('lost');
  });

  it('exposes orders as tracked rows', () => {
    const { lc, o } = at('accepted');
    expect(lc.toTracked(lc.get(o.id)!)).toMatchObject({
      id: o.id,
      state: 'accepted',
      code: '005930',
      side: 'buy',
      qty: 10,
      price: 70_000,
      type: 'limit',
      filledQty: 0,
    });
  });
});
