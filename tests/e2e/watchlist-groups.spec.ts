import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { WatchlistPage } from './pages/watchlist';

test('watchlist groups: add, rename, fill, switch and remove', async ({ page, served }) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const watchlist = new WatchlistPage(page);
  const groups = watchlist.panel.getByTestId('watchlist-group');
  const before = await groups.count();

  await watchlist.panel.getByTestId('watchlist-add-group').click();
  await expect(groups).toHaveCount(before + 1);
  await expect(groups.last()).toHaveAttribute('aria-selected', 'true');
  await expect(watchlist.panel.locator('.ag-row[row-id]')).toHaveCount(0);

  await watchlist.panel.getByTestId('watchlist-rename-group').click();
  const input = watchlist.panel.getByTestId('watchlist-rename-input');
  await input.fill('반도체');
  await input.press('Enter');
  await expect(groups.last()).toHaveText('반도체');

  await watchlist.addBySearch('hynix', '000660');
  await expect.poll(() => watchlist.codes()).toEqual(['000660']);

  await groups.first().click();
  await expect.poll(() => watchlist.codes()).toContain('005930');

  await groups.last().click();
  await watchlist.panel.getByTestId('watchlist-remove-group').click();
  await expect(groups).toHaveCount(before);
  await expect(groups.filter({ hasText: '반도체' })).toHaveCount(0);
});
