import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { LadderPage } from './pages/ladder';
import { OrdersPage } from './pages/orders';

test('cancel a resting order from the ladder and another from the orders panel', async ({ page, served }) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const ladder = new LadderPage(page);
  const orders = new OrdersPage(page);
  await expect(ladder.rows).toHaveCount(20);
  const start = (await orders.orderNos()).length;

  // Two buys well under the market (deep enough not to fill, shallow enough to stay on the ladder).
  await ladder.activate('bid', 6);
  await terminal.confirm();
  await expect(orders.openOrders).toHaveCount(start + 1);
  await ladder.activate('bid', 7);
  await terminal.confirm();
  await expect(orders.openOrders).toHaveCount(start + 2);
  await expect(ladder.ownOrder('buy').first()).toBeVisible();

  // Own order on the ladder: it is keyboard reachable, and Enter cancels (after confirming).
  // (Rows are fixed by level, so a slow double-click can land after the book moved.)
  await ladder.ownOrder('buy').first().press('Enter');
  await expect(terminal.confirmDialog).toContainText(/취소|cancel/i);
  await terminal.confirm();
  await expect(orders.openOrders).toHaveCount(start + 1);

  // The last one from the orders panel.
  await orders.openOrders.last().getByTestId('order-cancel').click();
  await terminal.confirm();
  await expect(orders.openOrders).toHaveCount(start);
  await expect(ladder.ownOrder('buy')).toHaveCount(0);
});
