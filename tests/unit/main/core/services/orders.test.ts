import { describe, expect, it } from 'vitest';
import { OrderRefusedError, OrderService } from '../../../../../src/main/core/services/orders';
import { FakeBroker, quote } from '../../../helpers/fake-broker';
import { testInstruments } from '../../../helpers/runtime';

describe('OrderService', () => {
  it('sends a valid ticket once and announces the change', async () => {
    const broker = new FakeBroker();
    const svc = new OrderService(broker, testInstruments);
    let changes = 0;
    svc.onDidChange(() => changes++);
    const r = await svc.place(
      { code: '005930', side: 'buy', qty: 1, price: 71_000, type: 'limit' },
      'ticket',
    );
    expect(r).toEqual({ outcome: 'accepted', orderNo: '0000000001' });
    expect(broker.placed).toHaveLength(1);
    expect(changes).toBe(1);
  });

  it('refuses an off-tick price before anything is sent, with the tick in the message', async () => {
    const broker = new FakeBroker();
    const svc = new OrderService(broker, testInstruments);
    await expect(
      svc.place({ code: '005930', side: 'buy', qty: 1, price: 71_050, type: 'limit' }, 'ticket'),
    ).rejects.toThrow(/호가단위 100원/);
    // ETFs trade on a 5-won tick at any price.
    broker.getQuote = async (code) => quote(code, 35_000);
    await svc.place({ code: '069500', side: 'buy', qty: 1, price: 35_005, type: 'limit' }, 'ticket');
    expect(broker.placed.map((t) => t.code)).toEqual(['069500']);
  });

  it('blocks the same symbol and side after an unknown outcome until reconciled', async () => {
    const broker = new FakeBroker();
    const svc = new OrderService(broker, testInstruments);
    broker.nextOutcome = { outcome: 'unknown', message: 'timeout' };
    await svc.place({ code: '005930', side: 'buy', qty: 3, price: 71_000, type: 'limit' }, 'hotkey');
    broker.nextOutcome = { outcome: 'accepted', orderNo: '0000000002' };
    const again = svc.place({ code: '005930', side: 'buy', qty: 1, price: 71_000, type: 'limit' }, 'hotkey');
    await expect(again).rejects.toBeInstanceOf(OrderRefusedError);
    // The other side is not blocked.
    await svc.place({ code: '005930', side: 'sell', qty: 1, price: 71_000, type: 'limit' }, 'ticket');
    // The day's orders show the first order reached KIS: the block lifts.
    broker.dailyOrders = [
      {
        orderNo: '0000000001',
        code: '005930',
        side: 'buy',
        qty: 3,
        price: 71_000,
        filledQty: 0,
        status: 'open',
      },
    ];
    await svc.place({ code: '005930', side: 'buy', qty: 1, price: 71_000, type: 'limit' }, 'hotkey');
    expect(broker.placed).toHaveLength(3);
  });

  it('cancels every open order and reports failures', async () => {
    const broker = new FakeBroker();
    broker.openOrders = [
      { orderNo: '0000000001', code: '005930', side: 'buy', qty: 1, price: 1, filledQty: 0, status: 'open' },
      { orderNo: '0000000002', code: '000660', side: 'sell', qty: 1, price: 1, filledQty: 0, status: 'open' },
    ];
    const svc = new OrderService(broker, testInstruments);
    expect(await svc.cancelAll()).toEqual({ requested: 2, cancelled: 2, failures: [] });
    expect(await svc.cancelAll('000660')).toEqual({ requested: 1, cancelled: 1, failures: [] });
    expect(broker.calls.filter((c) => c.startsWith('cancel:'))).toEqual([
      'cancel:0000000001',
      'cancel:0000000002',
      'cancel:0000000002',
    ]);
  });

  it('turns filled orders into executions at their average price', async () => {
    const broker = new FakeBroker();
    broker.dailyOrders = [
      {
        orderNo: '1',
        code: '005930',
        side: 'buy',
        qty: 10,
        price: 71_000,
        filledQty: 4,
        avgFillPrice: 70_950.5,
        status: 'partial',
        time: '091500',
      },
      { orderNo: '2', code: '005930', side: 'buy', qty: 10, price: 60_000, filledQty: 0, status: 'open' },
    ];
    const svc = new OrderService(broker, testInstruments);
    expect(await svc.executions()).toEqual([
      { orderNo: '1', code: '005930', side: 'buy', qty: 4, price: 70_951, time: '091500' },
    ]);
  });
});
