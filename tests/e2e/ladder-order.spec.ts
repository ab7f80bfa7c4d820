import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { LadderPage } from './pages/ladder';
import { BalancePage, OrdersPage } from './pages/orders';

test('ladder click with confirmation → open order → modified to the ask → fills → balance updates', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const ladder = new LadderPage(page);
  const orders = new OrdersPage(page);
  const balance = new BalancePage(page);
  await expect(ladder.rows).toHaveCount(20);
  const code = await ladder.code();
  const before = await orders.orderNos();

  // A buy five levels under the best bid rests in the book.
  await ladder.activate('bid', 5);
  await expect(terminal.confirmDialog).toContainText(/매수 주문 확인|Confirm buy/);
  await page.screenshot({ path: 'test-results/screenshots/ladder-confirm.png' });
  await terminal.confirm();
  await expect.poll(async () => (await orders.orderNos()).filter((n) => !before.includes(n)).length).toBe(1);
  const orderNo = (await orders.orderNos()).find((n) => !before.includes(n))!;
  const row = orders.order(orderNo);
  await expect(row).toHaveAttribute('data-side', 'buy');
  await expect(row).toHaveAttribute('data-price', /^\d+$/);
  await expect(ladder.ownOrder('buy').first()).toBeVisible();

  // Open the balance tab to watch it, then move the order up through the ask so it fills.
  await terminal.showTab(/잔고|Balance/);
  const cashBefore = await balance.cash();
  const qtyBefore = await balance.positionQty(code);
  await terminal.showTab(/미체결|Orders/);
  await row.getByTestId('order-modify').click();
  const input = orders.panel.getByTestId('modify-price');
  for (let i = 0; i < 9; i++) await input.press('ArrowUp');
  await orders.panel.getByTestId('modify-send').click();
  await expect(row).toHaveCount(0);
  await expect(terminal.toasts('fill').first()).toBeVisible();
  await expect.poll(() => orders.count('exec')).toBeGreaterThan(0);

  await terminal.showTab(/잔고|Balance/);
  await expect.poll(() => balance.positionQty(code)).toBe(qtyBefore + 1);
  await expect.poll(() => balance.cash()).toBeLessThan(cashBefore);
  await page.screenshot({ path: 'test-results/screenshots/balance-after-fill.png' });
});
