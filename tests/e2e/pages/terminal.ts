/** Page object for the terminal frame: the ready marker and the status bar. */
import { expect, type Page } from '@playwright/test';

export class TerminalPage {
  constructor(readonly page: Page) {}

  async open(appUrl: string): Promise<void> {
    await this.page.goto(appUrl);
    await expect(this.page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  }

  get modeBadge() {
    return this.page.getByTestId('mode-badge');
  }

  get version() {
    return this.page.getByTestId('app-version');
  }

  get connection() {
    return this.page.getByTestId('connection-state');
  }
}
