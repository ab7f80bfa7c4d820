import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

test.describe('terminal shell over observer serve', () => {
  test('loads, reaches ready, and shows the host mode and version in the status bar', async ({
    page,
    served,
  }) => {
    const terminal = new TerminalPage(page);
    await terminal.open(served.appUrl);
    await expect(terminal.modeBadge).toHaveAttribute('data-mode', served.mode);
    await expect(terminal.modeBadge).toContainText(served.mode.toUpperCase());
    await expect(terminal.version).toContainText(pkg.version);
    await expect(terminal.connection).toHaveAttribute('data-state', /connecting|connected|reconnecting|down/);
    await expect(page.getByRole('status', { name: 'status bar' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/shell-dark.png' });
  });

  test('switches to the light theme and English, and keeps them across a reload', async ({
    page,
    served,
  }) => {
    const terminal = new TerminalPage(page);
    await terminal.open(served.appUrl);
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('locale-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByText('Session').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/shell-light.png' });
  });

  test('without the session token the page says how to open it and the host refuses the bridge', async ({
    page,
    served,
  }) => {
    await page.goto(served.appUrl.replace(/#.*/, ''));
    await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'error');
    await expect(page.getByRole('alert')).toContainText('#token=');
  });
});
