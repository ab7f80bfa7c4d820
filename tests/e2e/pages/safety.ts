/** Page object for order safety: the kill switch, the lock, the daily loss setting, the journal. */
import { expect, type Page } from '@playwright/test';

export class SafetyPage {
  constructor(readonly page: Page) {}

  get killSwitch() {
    return this.page.getByTestId('kill-switch');
  }

  get lock() {
    return this.page.getByTestId('safety-state');
  }

  get unlock() {
    return this.page.getByTestId('safety-unlock');
  }

  get dailyLoss() {
    return this.page.getByTestId('daily-loss');
  }

  get dailyPnl() {
    return this.page.getByTestId('daily-pnl');
  }

  async setDailyLossLimit(won: number): Promise<void> {
    await this.dailyLoss.getByTestId('daily-loss-limit').fill(String(won));
    await this.dailyLoss.getByTestId('daily-loss-save').click();
    await expect(this.dailyPnl).toHaveAttribute('data-limit', String(won));
  }

  get journal() {
    return this.page.getByTestId('panel-journal');
  }
}
