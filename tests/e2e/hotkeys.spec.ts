import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { LadderPage } from './pages/ladder';
import { OrdersPage } from './pages/orders';

test('Shift+B does nothing while disarmed; armed it buys at the best ask; Escape disarms', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const ladder = new LadderPage(page);
  const orders = new OrdersPage(page);
  await expect(ladder.rows).toHaveCount(20);
  await expect(terminal.armState).toHaveAttribute('data-armed', 'false');
  await page.getByTestId('panel-ladder').locator('.ladder-summary').click();

  const placed = () => terminal.toasts('ok').count();
  const before = await placed();
  await page.keyboard.press('Shift+B');
  await expect(page.getByTestId('disarmed-hint')).toBeVisible();
  await expect(terminal.confirmDialog).toBeHidden();
  expect(await placed()).toBe(before);

  await page.keyboard.press('Control+Shift+A');
  await expect(terminal.armState).toHaveAttribute('data-armed', 'true');
  const execBefore = await orders.count('exec');
  const openBefore = await orders.count('open');
  await page.keyboard.press('Shift+B');
  await expect(terminal.toasts('ok')).toHaveCount(before + 1);
  await expect(terminal.toasts('ok').last()).toContainText(/매수|Buy/);
  // Marketable at the best ask: it fills (or at worst rests as an open order).
  await expect
    .poll(async () => (await orders.count('exec')) + (await orders.count('open')))
    .toBeGreaterThan(execBefore + openBefore);

  await page.keyboard.press('Escape');
  await expect(terminal.armState).toHaveAttribute('data-armed', 'false');
  await page.keyboard.press('Shift+B');
  await expect(page.getByTestId('disarmed-hint')).toBeVisible();
  await expect(terminal.toasts('ok')).toHaveCount(before + 1);
});
