/**
 * The order service with its safety parts: risk tiers and confirmation, the lock, the journal
 * written before sending, and reconciliation of unknown outcomes (at run time and on start).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderJournal } from '../../../../../src/main/core/services/journal';
import { OrderRefusedError, OrderService } from '../../../../../src/main/core/services/orders';
import { SafetyService } from '../../../../../src/main/core/services/safety';
import type { OrderTicket } from '../../../../../src/shared/domain/orders';
import { FakeBroker } from '../../../helpers/fake-broker';
import { testInstruments } from '../../../helpers/runtime';

const dirs: string[] = [];
const services: Array<{ dispose(): void }> = [];
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'observer-orders-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T: OrderTicket = { code: '005930', side: 'buy', qty: 1, price: 70_000, type: 'limit' };

function setup(
  opts: {
    mode?: 'demo' | 'paper' | 'real';
    dir?: string;
    now?: () => number;
    grace?: number;
    prepare?: (b: FakeBroker) => void;
  } = {},
) {
  const broker = new FakeBroker();
  opts.prepare?.(broker);
  const mode = opts.mode ?? 'real';
  const dir = opts.dir ?? tmp();
  const now = opts.now ?? Date.now;
  const journal = new OrderJournal({ dir: path.join(dir, 'journal'), mode, now });
  const safety = new SafetyService({ mode, file: path.join(dir, 'safety.json'), journal, now });
  const svc = new OrderService(broker, testInstruments, {
    mode,
    journal,
    safety,
    now,
    session: () => 'continuous',
    ...(opts.grace !== undefined ? { reconcileGraceMs: opts.grace } : {}),
  });
  services.push(svc, safety);
  return { broker, journal, safety, svc, dir };
}

describe('OrderService with order safety', () => {
  it('a confirm-tier decision answers needs-confirmation; confirming exactly that rule sends', async () => {
    const { broker, svc } = setup();
    const far = { ...T, price: 80_000 }; // 14.3 % above 70,000: confirm in REAL
    const first = await svc.place(far, 'ticket');
    expect(first.outcome).toBe('needs-confirmation');
    if (first.outcome !== 'needs-confirmation') throw new Error('unreachable');
    const rules = first.checks.filter((c) => c.tier === 'confirm').map((c) => c.rule);
    expect(rules).toContain('distance-pct');
    expect(first.message).toMatch(/가격이 현재가 대비 14\.3% 높습니다 \(한도 10%\)/);
    expect(broker.placed).toHaveLength(0);
    // Confirming another rule is not enough.
    expect((await svc.place(far, 'ticket', ['max-qty'])).outcome).toBe('needs-confirmation');
    const sent = await svc.place(far, 'ticket', rules);
    expect(sent).toMatchObject({ outcome: 'accepted', orderNo: '0000000001' });
    expect(broker.placed).toHaveLength(1);
  });

  it('a block-tier decision throws with the rule and numbers, and sends nothing', async () => {
    const { broker, svc } = setup();
    const err = await svc.place({ ...T, price: 95_000 }, 'ladder').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderRefusedError);
    expect((err as OrderRefusedError).rule).toBe('price-limit');
    expect((err as OrderRefusedError).message).toMatch(/95,000원이 상한가 91,000원/);
    expect((err as OrderRefusedError).toBridgeError().code).toBe('refused');
    expect(broker.placed).toHaveLength(0);
  });

  it('warnings ride along with the outcome', async () => {
    const { svc } = setup({ mode: 'demo' });
    const r = await svc.place({ ...T, price: 78_000 }, 'ticket'); // 11.4 %: warn in demo
    expect(r.outcome).toBe('accepted');
    expect(r.checks?.map((c) => `${c.rule}:${c.tier}`)).toEqual(['distance-pct:warn']);
  });

  it('journals the send (on disk) before the broker is called, and the answer after', async () => {
    const { broker, journal, svc } = setup();
    let kindsAtSend: string[] = [];
    const place = broker.placeOrder.bind(broker);
    broker.placeOrder = async (t) => {
      kindsAtSend = journal.read().entries.map((e) => `${e.kind}:${String(e.data.to ?? '')}`);
      return place(t);
    };
    await svc.place(T, 'hotkey');
    expect(kindsAtSend).toEqual(['request:', 'transition:checked', 'transition:sent']);
    const kinds = journal.read().entries.map((e) => `${e.kind}:${String(e.data.to ?? '')}`);
    expect(kinds.slice(3)).toEqual(['response:', 'transition:accepted']);
    expect(svc.tracked()).toMatchObject([{ state: 'accepted', orderNo: '0000000001' }]);
  });

  it('the kill switch cancels open orders and refuses every new order until unlocked', async () => {
    const { broker, svc } = setup();
    broker.openOrders = [
      { orderNo: '0000000001', code: '005930', side: 'buy', qty: 1, price: 1, filledQty: 0, status: 'open' },
    ];
    const r = await svc.killSwitch('test');
    expect(r.cancel).toEqual({ requested: 1, cancelled: 1, failures: [] });
    await expect(svc.place({ ...T, side: 'sell' }, 'ticket')).rejects.toMatchObject({ rule: 'kill-switch' });
    await expect(svc.modify('0000000001', 70_000)).rejects.toMatchObject({ rule: 'kill-switch' });
    expect(broker.placed).toHaveLength(0);
    svc.safety.unlock();
    expect((await svc.place(T, 'ticket')).outcome).toBe('accepted');
  });

  it('unknown → reconciled: found in the day’s orders, or lost after the grace period', async () => {
    let now = 1_000_000;
    const { broker, svc } = setup({ now: () => now, grace: 30_000 });
    broker.nextOutcome = { outcome: 'unknown', message: 'timeout' };
    await svc.place(T, 'ticket');
    expect(svc.tracked()[0]!.state).toBe('unknown');
    expect(svc.safety.state.unresolved).toBe(1);
    broker.nextOutcome = { outcome: 'accepted', orderNo: '0000000002' };
    await expect(svc.place({ ...T, qty: 2 }, 'ticket')).rejects.toMatchObject({ rule: 'unknown-outcome' });
    now += 30_000;
    await svc.reconcile();
    expect(svc.tracked()[0]!.state).toBe('lost');
    expect((await svc.place({ ...T, qty: 2 }, 'ticket')).outcome).toBe('accepted');

    broker.nextOutcome = { outcome: 'unknown', message: 'timeout' };
    await svc.place({ ...T, side: 'sell', qty: 5 }, 'ticket');
    broker.dailyOrders = [
      {
        orderNo: '0000000002',
        code: '005930',
        side: 'buy',
        qty: 2,
        price: 70_000,
        filledQty: 0,
        status: 'open',
      },
      {
        orderNo: '0000000003',
        code: '005930',
        side: 'sell',
        qty: 5,
        price: 70_000,
        filledQty: 5,
        status: 'filled',
      },
    ];
    await svc.reconcile();
    expect(svc.tracked().find((o) => o.side === 'sell')).toMatchObject({
      state: 'filled',
      orderNo: '0000000003',
    });
  });

  it('notices move the lifecycle (partial, filled)', async () => {
    const { broker, svc } = setup({ mode: 'demo' });
    await svc.place({ ...T, qty: 10 }, 'ticket');
    const n = {
      kind: 'fill' as const,
      orderNo: '0000000001',
      code: '005930',
      side: 'buy' as const,
      price: 70_000,
      time: '090000',
    };
    broker.realtime.emitNotice({ ...n, qty: 4 });
    expect(svc.tracked()[0]).toMatchObject({ state: 'partial', filledQty: 4 });
    broker.realtime.emitNotice({ ...n, qty: 6 });
    expect(svc.tracked()[0]).toMatchObject({ state: 'filled', filledQty: 10 });
  });

  it('on start, orders left sent/unknown in the journal are reconciled before any new order', async () => {
    const dir = tmp();
    let now = Date.now();
    const a = setup({ dir, now: () => now });
    a.broker.nextOutcome = { outcome: 'unknown', message: 'timeout' };
    await a.svc.place(T, 'ticket');
    await a.svc.place({ ...T, side: 'sell', qty: 7 }, 'ticket');
    a.svc.dispose();

    // Restart: the first reached KIS, the second did not. Reconciling fails once (network), so no
    // order goes out until it succeeds.
    now += 60_000;
    let calls = 0;
    const b = setup({
      dir,
      now: () => now,
      prepare: (broker) => {
        broker.getDailyOrders = async () => {
          calls++;
          if (calls === 1) throw new Error('ECONNRESET');
          return [
            {
              orderNo: '0000000009',
              code: '005930',
              side: 'buy',
              qty: 1,
              price: 70_000,
              filledQty: 0,
              status: 'open',
            },
          ];
        };
      },
    });
    await expect(b.svc.whenReady()).rejects.toThrow(/ECONNRESET/);
    const r = await b.svc.place({ ...T, code: '000660', price: 70_000 }, 'ticket');
    expect(r.outcome).toBe('accepted');
    expect(calls).toBe(2);
    const tracked = b.svc.tracked();
    expect(tracked.find((o) => o.side === 'buy' && o.code === '005930')).toMatchObject({
      state: 'accepted',
      orderNo: '0000000009',
    });
    expect(tracked.find((o) => o.side === 'sell')).toMatchObject({ state: 'lost' });
    expect(b.broker.placed.map((t) => t.code)).toEqual(['000660']);
  });

  it('refuses while the journal’s unresolved orders cannot be reconciled', async () => {
    const dir = tmp();
    const a = setup({ dir });
    a.broker.nextOutcome = { outcome: 'unknown', message: 'timeout' };
    await a.svc.place(T, 'ticket');
    a.svc.dispose();
    const b = setup({
      dir,
      prepare: (broker) => {
        broker.getDailyOrders = async () => {
          throw new Error('down');
        };
      },
    });
    await expect(b.svc.place({ ...T, code: '000660' }, 'ticket')).rejects.toMatchObject({
      rule: 'reconciling',
    });
    expect(b.broker.placed).toHaveLength(0);
  });
});
