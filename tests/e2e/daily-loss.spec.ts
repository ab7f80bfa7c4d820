import { ownHostTest as test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { OrdersPage, BalancePage } from './pages/orders';
import { SafetyPage } from './pages/safety';
import { TicketPage } from './pages/ticket';

// A daily-loss lock lasts the KST day, so each test gets its own host (ownHost).

test('a 1-won daily loss limit locks new buys after a market round trip loses the spread', async ({
  page,
  ownHost: app,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(app.appUrl);
  const orders = new OrdersPage(page);
  const balance = new BalancePage(page);
  const safety = new SafetyPage(page);
  const tp = new TicketPage(page);
  await expect.poll(() => tp.priceValue()).toBeGreaterThan(0);

  await terminal.showTab(/^(설정|Settings)$/);
  await expect(safety.dailyLoss).toBeVisible();
  await safety.setDailyLossLimit(1);
  await expect(safety.lock).toHaveCount(0);

  const code = await page.getByTestId('panel-ticket').getAttribute('data-code');
  expect(code).toBeTruthy();
  const held = await balance.positionQty(code ?? '');

  // Buy 5 at market (at the ask), then sell at market (at the bid): the spread is a realized loss.
  await tp.form.getByTestId('ticket-type').selectOption('market');
  await tp.qty.fill('5');
  await tp.submit.click();
  await terminal.confirm();
  await terminal.showTab(/^(잔고|Balance)$/);
  await expect.poll(() => balance.positionQty(code ?? '')).toBe(held + 5);
  // Sell all five: the position is closed, and the loss (spread, commission, sell tax) shows in
  // the account's equity, which is what the host measures.
  await tp.form.getByTestId('ticket-side-sell').click();
  await tp.form.getByTestId('ticket-type').selectOption('market');
  await tp.qty.fill('5');
  await tp.submit.click();
  await terminal.confirm();

  await expect(safety.lock).toHaveAttribute('data-locked', 'true', { timeout: 30_000 });
  await expect(safety.lock).toHaveAttribute('data-reason', 'daily-loss');
  await expect(safety.lock).toContainText(/일일 손실 한도|daily loss limit/);
  await terminal.showTab(/^(설정|Settings)$/);
  // The lock stays for the rest of the KST day.
  await expect(safety.dailyPnl).toHaveAttribute('data-limit', '1');
  await expect(safety.dailyPnl).toHaveAttribute('data-pnl', /^-?\d+$/);
  await page.screenshot({ path: 'test-results/screenshots/daily-loss-locked.png' });

  // A new buy is refused by the host, and nothing new is sent.
  await terminal.showTab(/^(미체결\/체결|Orders)$/);
  const execBefore = await orders.count('exec');
  const refusal = terminal.toasts().filter({ hasText: /일일 손실 한도로|daily loss limit/ });
  const refusalsBefore = await refusal.count();
  await tp.form.getByTestId('ticket-side-buy').click();
  await tp.form.getByTestId('ticket-type').selectOption('market');
  await tp.qty.fill('1');
  await tp.submit.click();
  await terminal.confirm();
  await expect(refusal).toHaveCount(refusalsBefore + 1);
  await expect(orders.openOrders).toHaveCount(0);
  expect(await orders.count('exec')).toBe(execBefore);
});
