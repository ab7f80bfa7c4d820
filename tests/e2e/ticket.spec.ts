import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { OrdersPage } from './pages/orders';
import { TicketPage } from './pages/ticket';

test('order ticket: tick stepping, inline validation, F3 for sell, Enter to send', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const orders = new OrdersPage(page);
  const tp = new TicketPage(page);
  const ticket = tp.form;
  const price = tp.price;
  await expect.poll(() => tp.priceValue()).toBeGreaterThan(0);

  // 삼성전자 trades in the 50,000–200,000 band: one tick is 100 won.
  const p0 = await tp.priceValue();
  await price.press('ArrowUp');
  await expect.poll(() => tp.priceValue()).toBe(p0 + 100);
  await price.press('ArrowDown');
  await price.press('ArrowDown');
  await expect.poll(() => tp.priceValue()).toBe(p0 - 100);

  // Off the tick grid: said in words, and the button refuses.
  await price.fill(String(p0 - 150));
  await expect(ticket.getByTestId('ticket-problems')).toContainText(/호가단위|tick/);
  await expect(ticket.getByTestId('ticket-submit')).toBeDisabled();
  await price.press('ArrowDown');
  await expect(ticket.getByTestId('ticket-problems')).toHaveCount(0);

  // F3 flips to sell; more than is held is refused inline.
  await ticket.getByTestId('ticket-qty').fill('5000000');
  await page.getByTestId('panel-quote').click();
  await page.keyboard.press('F3');
  await expect(ticket).toHaveAttribute('data-side', 'sell');
  await expect(ticket.getByTestId('ticket-problems')).toContainText(/매도가능|sell/);
  await expect(ticket.getByTestId('ticket-submit')).toBeDisabled();
  await page.keyboard.press('F2');
  await expect(ticket).toHaveAttribute('data-side', 'buy');

  // A buy well under the market, sent with Enter from the quantity field.
  await price.fill(String(p0 - 1000));
  const qty = ticket.getByTestId('ticket-qty');
  await qty.fill('2');
  await expect(ticket.getByTestId('ticket-amount')).toHaveText(((p0 - 1000) * 2).toLocaleString('ko-KR'));
  const before = await orders.orderNos();
  await qty.press('Enter');
  await terminal.confirm();
  await expect.poll(async () => (await orders.orderNos()).filter((n) => !before.includes(n)).length).toBe(1);
  await page.screenshot({ path: 'test-results/screenshots/ticket-order.png' });
});
