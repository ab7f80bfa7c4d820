/**
 * The "switch link colour" hotkey (Ctrl+L by default) moves the focused panel through
 * none → green → amber → violet → cyan → none; the panel's link badge shows the colour, and a panel
 * moved into a colour group shows that group's symbol (and follows it when the group moves on).
 */
import { test, expect } from './fixtures';
import type { Locator } from '@playwright/test';
import { TerminalPage } from './pages/terminal';
import { LadderPage } from './pages/ladder';

async function expectLink(panel: Locator, colour: string): Promise<void> {
  await expect(panel).toHaveAttribute('data-link', colour);
  const badge = panel.getByTestId('link-picker');
  await expect(badge).toHaveValue(colour);
  await expect(badge).toHaveClass(new RegExp(`\\blink-${colour}\\b`));
}

test('Ctrl+L cycles the focused panel through the link colours and it follows each group', async ({
  page,
  served,
}) => {
  // A long journey (two searches, a dozen hotkey steps): on a busy two-core runner it can pass 40 s.
  test.slow();
  const terminal = new TerminalPage(page);
  await terminal.open(served.appUrl);
  const ladder = new LadderPage(page);
  const chart = page.getByTestId('panel-chart');
  const quote = page.getByTestId('panel-quote');

  // The default layout links everything in green, on the green group's symbol.
  await expectLink(ladder.panel, 'green');
  await expectLink(chart, 'green');
  const green = await quote.getAttribute('data-code');
  expect(green).toMatch(/^\d{6}$/);
  await expect(ladder.panel).toHaveAttribute('data-code', green!);

  // Focus the chart and move it to amber; give the amber group its own symbol from the chart's search.
  await page.getByTestId('chart').click();
  await page.keyboard.press('Control+L');
  await expectLink(chart, 'amber');
  await expectLink(ladder.panel, 'green');
  await page.getByTestId('chart-search').fill('ㅎㄷㅊ');
  await page.locator('[data-testid="chart-search-results"] [data-code="005380"]').click();
  await expect(chart).toHaveAttribute('data-code', '005380');
  await expect(ladder.panel).toHaveAttribute('data-code', green!);

  // Focus the ladder: one press moves it from green into amber, where it shows amber's symbol.
  await ladder.panel.locator('.ladder-summary').click();
  await page.keyboard.press('Control+L');
  await expectLink(ladder.panel, 'amber');
  await expect(ladder.panel.getByTestId('panel-symbol')).toHaveAttribute('data-code', '005380');
  await expect(ladder.panel.getByTestId('panel-symbol')).toContainText(/현대차|Hyundai/);
  await expect(ladder.panel).toHaveAttribute('data-code', '005380');
  // Only the ladder moved: the chart keeps amber, the quote stays in green.
  await expectLink(chart, 'amber');
  await expectLink(quote, 'green');
  await expect(quote).toHaveAttribute('data-code', green!);

  // In amber it follows the group: the chart picks another symbol and the ladder goes with it.
  await page.getByTestId('chart-search').fill('000660');
  await page.locator('[data-testid="chart-search-results"] [data-code="000660"]').click();
  await expect(chart).toHaveAttribute('data-code', '000660');
  await expect(ladder.panel).toHaveAttribute('data-code', '000660');
  await expect(quote).toHaveAttribute('data-code', green!);

  // The rest of the cycle: violet and cyan (nobody picked a symbol there yet) and none keep the
  // symbol the ladder showed; round again to green, it shows green's symbol.
  await ladder.panel.locator('.ladder-summary').click();
  for (const colour of ['violet', 'cyan', 'none']) {
    await page.keyboard.press('Control+L');
    await expectLink(ladder.panel, colour);
    await expect(ladder.panel).toHaveAttribute('data-code', '000660');
    await expect(ladder.rows).toHaveCount(20);
  }
  await expectLink(chart, 'amber');
  await page.keyboard.press('Control+L');
  await expectLink(ladder.panel, 'green');
  await expect(ladder.panel.getByTestId('panel-symbol')).toHaveAttribute('data-code', green!);
  await expect(ladder.panel).toHaveAttribute('data-code', green!);
  await expect(chart).toHaveAttribute('data-code', '000660');
});
