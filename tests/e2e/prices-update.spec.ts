import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';
import { WatchlistPage } from './pages/watchlist';

test('prices and volumes update live in the watchlist, the quote and the status bar', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const watchlist = new WatchlistPage(page);
  const volume = async () =>
    Number(((await watchlist.cell('005930', 'volume').textContent()) ?? '').replace(/[^\d]/g, ''));
  await expect.poll(volume).toBeGreaterThan(0);
  const first = await volume();
  await expect.poll(volume).toBeGreaterThan(first);

  const quote = page.getByTestId('panel-quote');
  const quoteVolume = async () =>
    Number(((await quote.getByTestId('quote-volume').textContent()) ?? '').replace(/[^\d]/g, ''));
  const q1 = await quoteVolume();
  await expect.poll(quoteVolume).toBeGreaterThan(q1);

  await expect(page.getByTestId('feed-states')).toContainText(/실시간|Realtime/);
  await expect(page.getByTestId('slots')).toContainText(/\d+\/41/);
  await expect(page.getByTestId('market-session')).toHaveAttribute('data-session', 'demo');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
});
