/**
 * Web mode's multi-window behaviour: a second browser window on the same host is a window of its
 * own (own session, own subscriptions) that shares the link groups and sees the account's fills.
 */
import { ownHostTest as test, expect } from './fixtures';
import { BalancePage, OrdersPage } from './pages/orders';
import { TerminalPage } from './pages/terminal';
import { TicketPage } from './pages/ticket';
import { WatchlistPage } from './pages/watchlist';

// A fill changes the account: this journey gets a host of its own.
test('two windows stay in sync on a link colour, and a fill in one shows in the other', async ({
  page: first,
  ownHost: app,
}) => {
  const second = await first.context().newPage();
  const a = new TerminalPage(first);
  const b = new TerminalPage(second);
  await a.open(app.appUrl);
  await b.open(app.appUrl);

  // Choosing a symbol in one window's green watchlist drives the other window's green panels.
  await new WatchlistPage(first).select('000660');
  for (const kind of ['ladder', 'quote', 'ticket']) {
    await expect(second.getByTestId(`panel-${kind}`)).toHaveAttribute('data-code', '000660');
  }
  await new WatchlistPage(second).select('035420');
  await expect(first.getByTestId('panel-ladder')).toHaveAttribute('data-code', '035420');
  await expect(first.getByTestId('panel-chart')).toHaveAttribute('data-code', '035420');

  // Another colour: the first window's chart joins amber and picks a symbol; the second
  // window's quote joins amber and follows, while both ladders stay on green.
  await first.getByTestId('panel-chart').getByTestId('link-picker').selectOption('amber');
  await first.getByTestId('chart-search').fill('ㅎㄷㅊ');
  await first.locator('[data-testid="chart-search-results"] [data-code="005380"]').click();
  await second.getByTestId('panel-quote').getByTestId('link-picker').selectOption('amber');
  await expect(second.getByTestId('panel-quote')).toHaveAttribute('data-code', '005380');
  await expect(second.getByTestId('panel-ladder')).toHaveAttribute('data-code', '035420');

  // A market buy in the first window: the second gets the fill toast, the execution and the position.
  const code = '035420';
  const ordersB = new OrdersPage(second);
  const balanceB = new BalancePage(second);
  await b.showTab(/^(미체결\/체결|Orders)$/);
  const execBefore = await ordersB.count('exec');
  await b.showTab(/^(잔고|Balance)$/);
  const held = await balanceB.positionQty(code);

  const ticket = new TicketPage(first);
  await expect(first.getByTestId('panel-ticket')).toHaveAttribute('data-code', code);
  await ticket.form.getByTestId('ticket-type').selectOption('market');
  await ticket.qty.fill('3');
  await ticket.submit.click();
  await a.confirm();

  await expect.poll(() => balanceB.positionQty(code)).toBe(held + 3);
  const fillToast = b.toasts('fill').first();
  await expect(fillToast).toBeVisible();
  await expect(fillToast).toContainText(code);
  const orderNo = await fillToast.getAttribute('data-order-no');
  expect(orderNo).toMatch(/^\d+$/);
  // Clicking the fill brings the orders panel forward on executions, with that order marked.
  await fillToast.click();
  await expect(ordersB.panel.getByTestId('orders-tab-exec')).toHaveAttribute('aria-selected', 'true');
  await expect(
    ordersB.panel.locator(`[data-testid="execution"][data-order-no="${orderNo}"]`).first(),
  ).toHaveClass(/row-focus/);
  await expect.poll(() => ordersB.count('exec')).toBeGreaterThan(execBefore);
  await second.screenshot({ path: 'test-results/screenshots/second-window-after-fill.png' });

  // A theme or language chosen in one window is the host's preference: the other follows.
  await first.getByTestId('theme-toggle').click();
  await expect(second.locator('html')).toHaveAttribute('data-theme', 'light');
  await second.getByTestId('locale-toggle').click();
  await expect(first.locator('html')).toHaveAttribute('lang', 'en');

  // Separate OS windows need the desktop app: the actions are there, disabled, with the reason.
  const popOut = first
    .locator('.dv-groupview', { has: first.getByTestId('panel-ladder') })
    .getByTestId('panel-popout');
  await expect(popOut).toBeDisabled();
  await expect(popOut).toHaveAttribute('title', /데스크톱 앱|desktop app/);
  await expect(first.getByTestId('new-watchlist-window')).toBeDisabled();
});
