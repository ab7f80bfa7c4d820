/**
 * The accounts panel in web mode: the browser cannot keep KIS keys or switch modes, so the panel
 * says why up front and every action is disabled with that reason as its title — nothing is left
 * to fail after a click.
 */
import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';

test('web mode: the accounts panel shows why keys cannot be stored and disables every action', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  await terminal.addPanel('accounts');

  const panel = page.getByTestId('panel-accounts');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAccessibleName(/계정·키|Accounts & keys/);
  await expect(panel.getByTestId('credentials')).toHaveAttribute('data-available', 'false');
  const reason = panel.getByTestId('cred-reason');
  await expect(reason).toContainText(/데스크톱 앱|desktop app/);
  const text = (await reason.textContent())!.trim();

  // The vault holds nothing here.
  const rows = panel.getByTestId('cred-env');
  await expect(rows).toHaveCount(2);
  for (const env of ['paper', 'real'])
    await expect(panel.locator(`[data-testid="cred-env"][data-env="${env}"]`)).toHaveAttribute(
      'data-configured',
      'false',
    );

  // Every action: disabled, with the reason as its title.
  const actions = panel.locator(
    '[data-testid="cred-import"], [data-testid="cred-logout"], [data-testid="cred-save"], ' +
      '[data-testid="cred-test"], [data-testid="cred-forget"]',
  );
  await expect(actions).toHaveCount(2 + 3 * 2);
  for (const action of await actions.all()) {
    await expect(action).toBeDisabled();
    await expect(action).toHaveAttribute('title', text);
  }
  for (const field of ['appKey', 'appSecret', 'account', 'htsId']) {
    const inputs = panel.getByTestId(`cred-input-${field}`);
    await expect(inputs).toHaveCount(2);
    for (const input of await inputs.all()) await expect(input).toBeDisabled();
  }
  // Secrets are password fields even when they could be typed.
  await expect(panel.getByTestId('cred-input-appSecret').first()).toHaveAttribute('type', 'password');

  // The mode is the host's: fixed by `observer serve --env`.
  await expect(panel.getByTestId('cred-mode-now')).toHaveText(/데모|Demo/);
  for (const mode of ['demo', 'paper', 'real']) {
    const button = panel.getByTestId(`cred-mode-${mode}`);
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute(
      'title',
      new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*observer serve --env`),
    );
  }
  await expect(page.getByTestId('real-confirm-dialog')).toHaveCount(0);
  // Nothing failed behind the trader's back.
  await expect(terminal.toasts('error')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/accounts-web.png' });
  await panel.screenshot({ path: 'test-results/screenshots/accounts-panel-web.png' });
});
