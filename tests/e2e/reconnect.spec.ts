/**
 * When the simulator drops the KIS WebSocket, the status bar says "reconnecting" and recovers by
 * itself to "connected" — no reload, no click.
 */
import { ownHostTest as test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';

test('the status bar shows reconnecting when the simulator drops the socket, then recovers', async ({
  page,
  ownHost: demo,
  request,
}) => {
  expect(demo.simAdminUrl, 'serve --sim-admin prints the simulator admin URL').toBeTruthy();
  const terminal = new TerminalPage(page);
  await terminal.open(demo.appUrl);
  await expect(terminal.connection).toHaveAttribute('data-state', 'connected');

  // Drop every KIS socket the simulator holds (the host's one); the client backs off, then reconnects.
  const dropped = await request.post(`${demo.simAdminUrl}/drop-websockets`, { data: {} });
  expect(dropped.ok()).toBe(true);
  expect((await dropped.json()) as { dropped: number }).toMatchObject({ dropped: 1 });
  await expect(terminal.connection).toHaveAttribute('data-state', 'reconnecting');
  await page.screenshot({ path: 'test-results/screenshots/status-reconnecting.png' });
  await expect(terminal.connection).toHaveAttribute('data-state', 'connected');
});
