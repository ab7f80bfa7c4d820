import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { WatchlistPage } from './pages/watchlist';

test('choosing a symbol in a linked watchlist drives the ladder, chart, quote and ticket of that colour', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const watchlist = new WatchlistPage(page);
  const linked = ['ladder', 'chart', 'quote', 'ticket'];

  await watchlist.select('000660');
  for (const kind of linked) {
    await expect(page.getByTestId(`panel-${kind}`)).toHaveAttribute('data-code', '000660');
  }
  // The watchlist marks the group's symbol, and only it.
  await expect(watchlist.row('000660')).toHaveClass(/row-selected-symbol/);
  await expect(watchlist.row('005930')).not.toHaveClass(/row-selected-symbol/);
  await expect(page.getByTestId('panel-ladder').getByTestId('panel-symbol')).toContainText('SK하이닉스');
  await expect(page.getByTestId('panel-ladder').locator('tr.ladder-row')).toHaveCount(20);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-state', 'ready');

  // Unlink the chart: it keeps its symbol while the group moves on.
  await page.getByTestId('panel-chart').getByTestId('link-picker').selectOption('none');
  await expect(page.getByTestId('panel-chart')).toHaveAttribute('data-link', 'none');
  await watchlist.select('035420');
  await expect(page.getByTestId('panel-ladder')).toHaveAttribute('data-code', '035420');
  await expect(page.getByTestId('panel-quote')).toHaveAttribute('data-code', '035420');
  await expect(page.getByTestId('panel-chart')).toHaveAttribute('data-code', '000660');

  // Put the chart in another colour and drive it from its own search box.
  await page.getByTestId('panel-chart').getByTestId('link-picker').selectOption('amber');
  await page.getByTestId('chart-search').fill('ㅎㄷㅊ');
  await page.locator('[data-testid="chart-search-results"] [data-code="005380"]').click();
  await expect(page.getByTestId('panel-chart')).toHaveAttribute('data-code', '005380');
  await expect(page.getByTestId('panel-ladder')).toHaveAttribute('data-code', '035420');

  // Periods load bars from the host.
  await page.getByTestId('chart-period-W').click();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-period', 'W');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-state', 'ready');
});
