import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';

test('a panel added from the panel menu survives a reload; reset restores the default', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  await expect(page.getByTestId('panel-quote')).toHaveCount(1);
  await terminal.addPanel('quote');
  await expect(page.locator('[data-testid="panel-quote"]')).toHaveCount(2);
  // The new quote panel follows the green group like the first one.
  await expect(page.locator('[data-testid="panel-quote"]').last()).toHaveAttribute('data-link', 'green');

  // Saved to the host's settings (layouts.main): a reload brings it back.
  await expect
    .poll(async () => {
      await page.reload();
      await terminal.waitReady();
      return page
        .locator('.dv-tab')
        .filter({ hasText: /현재가|Quote/ })
        .count();
    })
    .toBe(2);

  await page.getByTestId('layout-reset').click();
  await expect(page.locator('.dv-tab').filter({ hasText: /현재가|Quote/ })).toHaveCount(1);
});
