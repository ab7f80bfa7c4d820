import { test, expect } from './fixtures';
import { TerminalPage } from './pages/terminal';

test('the hotkey editor shows a conflict and refuses to save it, then saves a clean change', async ({
  page,
  served,
}) => {
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  await terminal.showTab(/설정|Settings/);
  const editor = page.getByTestId('keymap-editor');
  const row = (action: string) => editor.locator(`[data-testid="keymap-row"][data-action="${action}"]`);

  // Bind "sell at bid" to F2, which the ticket's buy already uses.
  await row('hotkey.sellAtBid').getByTestId('keymap-key').click();
  await page.keyboard.press('F2');
  await expect(row('hotkey.sellAtBid').getByTestId('keymap-key')).toHaveText('F2');
  await expect(row('ticket.buy').getByTestId('keymap-conflict')).toBeVisible();
  await expect(page.getByTestId('keymap-save')).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/keymap-conflict.png' });

  // F9 is free.
  await row('hotkey.sellAtBid').getByTestId('keymap-key').click();
  await page.keyboard.press('F9');
  await expect(editor.getByTestId('keymap-conflict')).toHaveCount(0);
  await page.getByTestId('keymap-save').click();
  await expect(page.getByTestId('keymap-save')).toBeDisabled();

  await page.reload();
  await terminal.waitReady();
  await terminal.showTab(/설정|Settings/);
  await expect(row('hotkey.sellAtBid').getByTestId('keymap-key')).toHaveText('F9');
});
