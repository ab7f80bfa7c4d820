import { ownHostTest as test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { LadderPage } from './pages/ladder';
import { OrdersPage } from './pages/orders';
import { SafetyPage } from './pages/safety';

// The lock is host-wide, so each test gets its own host (ownHost).

test('the kill-switch button cancels resting orders, locks, and refuses the next hotkey order', async ({
  page,
  ownHost: app,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(app.appUrl);
  const ladder = new LadderPage(page);
  const orders = new OrdersPage(page);
  const safety = new SafetyPage(page);
  await expect(safety.killSwitch).toBeVisible();
  await expect(safety.killSwitch).toHaveAccessibleName(/킬 스위치|Kill switch/);
  await expect(safety.killSwitch).toHaveAttribute('data-locked', 'false');
  await expect(ladder.rows).toHaveCount(20);

  // Two buys well under the market: they rest on the simulator.
  const start = (await orders.orderNos()).length;
  await ladder.activate('bid', 6);
  await terminal.confirm();
  await expect(orders.openOrders).toHaveCount(start + 1);
  await ladder.activate('bid', 7);
  await terminal.confirm();
  await expect(orders.openOrders).toHaveCount(start + 2);

  // One click, no confirmation: everything is cancelled and trading is locked.
  await safety.killSwitch.click();
  await expect(terminal.confirmDialog).toBeHidden();
  await expect(safety.lock).toHaveAttribute('data-locked', 'true');
  await expect(safety.lock).toHaveAttribute('data-reason', 'kill-switch');
  await expect(safety.killSwitch).toHaveAttribute('data-locked', 'true');
  await expect(orders.openOrders).toHaveCount(0);
  // The open-orders list is the broker's (the simulator's) answer: ask again, still none.
  await orders.showExecutions();
  await orders.showOpen();
  await expect(orders.openOrders).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/kill-switch-locked.png' });

  // Armed, a hotkey order is refused by the host while locked, and nothing new rests.
  await page.keyboard.press('Control+Shift+A');
  await expect(terminal.armState).toHaveAttribute('data-armed', 'true');
  await page.getByTestId('panel-ladder').locator('.ladder-summary').click();
  const refusal = terminal.toasts().filter({ hasText: /킬 스위치로 주문이 잠겨|locked by the kill switch/ });
  const refusalsBefore = await refusal.count();
  const execBefore = await orders.count('exec');
  await page.keyboard.press('Shift+B');
  await expect(refusal).toHaveCount(refusalsBefore + 1);
  await expect(orders.openOrders).toHaveCount(0);
  expect(await orders.count('exec')).toBe(execBefore);
  await page.keyboard.press('Escape');

  // Unlocking is an explicit act behind a confirmation.
  await safety.unlock.click();
  await terminal.confirm();
  await expect(safety.lock).toHaveCount(0);
  await expect(safety.killSwitch).toHaveAttribute('data-locked', 'false');

  // The journal tells the story, newest first: the unlock above the lock.
  await terminal.addPanel('journal');
  await expect(safety.journal).toBeVisible();
  const kinds = safety.journal.locator('tbody tr');
  await expect
    .poll(async () => kinds.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))))
    .toEqual(expect.arrayContaining(['lock', 'unlock', 'cancel']));
  const order = await kinds.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
  expect(order.indexOf('unlock')).toBeLessThan(order.indexOf('lock'));
  await safety.journal.getByTestId('journal-search').fill('unlock');
  await expect(kinds.first()).toHaveAttribute('data-kind', 'unlock');
  await safety.journal.getByTestId('journal-search').fill('');
  await page.screenshot({ path: 'test-results/screenshots/journal-panel.png' });
});
