/** Page object for the terminal frame: the ready marker, the status bar, the workspace toolbar. */
import { expect, type Page } from '@playwright/test';

export class TerminalPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the terminal. The host keeps the layout across tests of a worker, so each test starts
   * from the default arrangement unless it asks to keep what was saved.
   */
  async open(appUrl: string, options: { keepLayout?: boolean } = {}): Promise<void> {
    await this.page.goto(appUrl);
    await this.waitReady();
    if (!options.keepLayout) {
      await this.page.getByTestId('layout-reset').click();
      await expect(this.page.getByTestId('panel-orders')).toBeVisible();
    }
  }

  async waitReady(): Promise<void> {
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

  get armState() {
    return this.page.getByTestId('arm-state');
  }

  get confirmDialog() {
    return this.page.getByTestId('confirm-dialog');
  }

  async confirm(): Promise<void> {
    await expect(this.confirmDialog).toBeVisible();
    await this.page.getByTestId('confirm-ok').click();
    await expect(this.confirmDialog).toBeHidden();
  }

  toasts(kind?: string) {
    return kind
      ? this.page.locator(`[data-testid="toast"][data-kind="${kind}"]`)
      : this.page.getByTestId('toast');
  }

  async addPanel(kind: string): Promise<void> {
    await this.page.getByTestId('panel-menu').click();
    await this.page.getByTestId(`add-panel-${kind}`).click();
  }

  /** Shows a panel's tab when it shares a group with others. */
  async showTab(title: string | RegExp): Promise<void> {
    await this.page.locator('.dv-tab').filter({ hasText: title }).first().click();
  }
}
