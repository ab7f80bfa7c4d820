import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { WatchlistPage } from './pages/watchlist';

test('search by 초성 and add to the watchlist; remove; the list survives a reload', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const watchlist = new WatchlistPage(page);
  await expect(watchlist.row('005930')).toBeVisible();

  // Remove 삼성전자, then find it again by its initials.
  await watchlist.row('005930').getByTestId('watchlist-remove').click();
  await expect(watchlist.row('005930')).toHaveCount(0);
  await watchlist.search.fill('ㅅㅅㅈㅈ');
  const hit = watchlist.panel.locator('[data-testid="search-result"][data-code="005930"]');
  await expect(hit).toContainText('삼성전자');
  await watchlist.search.press('Enter');
  await expect(watchlist.row('005930')).toBeVisible();
  await expect.poll(() => watchlist.codes()).toContain('005930');
  expect((await watchlist.codes()).at(-1)).toBe('005930');

  // English names and codes work too.
  await watchlist.addBySearch('Kia', '000270');
  await expect(watchlist.cell('000270', 'name')).toHaveText('기아');

  // CSV export: a BOM for Excel, the on-screen rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    watchlist.panel.getByTestId('watchlist-export').click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('000270,기아,');

  await page.reload();
  await terminal.waitReady();
  await expect(watchlist.row('000270')).toBeVisible();
  await expect.poll(() => watchlist.codes()).toEqual(expect.arrayContaining(['005930', '000270']));
});
