import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { LadderPage } from './pages/ladder';
import { WatchlistPage } from './pages/watchlist';

test.describe('full terminal screenshots', () => {
  test('dark and light, with live data on screen', async ({ page, served }) => {
    const terminal = new TerminalPage(page);
    await terminal.open(served.appUrl);
    const watchlist = new WatchlistPage(page);
    const ladder = new LadderPage(page);
    await expect.poll(() => watchlist.priceOf('005930')).toBeGreaterThan(0);
    await expect(ladder.rows).toHaveCount(20);
    await expect(page.getByTestId('chart')).toHaveAttribute('data-state', 'ready');
    await page.screenshot({ path: 'test-results/screenshots/terminal-dark.png' });
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.locator('.chart-host')).toHaveAttribute('data-drawn-theme', 'light');
    await page.screenshot({ path: 'test-results/screenshots/terminal-light.png' });
  });
});
