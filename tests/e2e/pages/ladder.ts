/** Page object for the 호가 ladder. */
import { expect, type Page } from '@playwright/test';

export class LadderPage {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('panel-ladder');
  }

  get rows() {
    return this.panel.locator('tr.ladder-row');
  }

  price(side: 'ask' | 'bid', level: number) {
    return this.panel.getByTestId(`ladder-price-${side}-${level}`);
  }

  async priceAt(side: 'ask' | 'bid', level: number): Promise<number> {
    return Number(await this.panel.getByTestId(`ladder-${side}-${level}`).getAttribute('data-price'));
  }

  async code(): Promise<string> {
    return (await this.panel.getAttribute('data-code')) ?? '';
  }

  /** Clicks as the ladder is configured (double-click by default). */
  async activate(side: 'ask' | 'bid', level: number): Promise<number> {
    const row = this.panel.getByTestId(`ladder-${side}-${level}`);
    const price = Number(await row.getAttribute('data-price'));
    const mode = await this.panel.getByTestId('ladder').getAttribute('data-click');
    const target = this.price(side, level);
    if (mode === 'single') await target.click();
    else await target.dblclick();
    return price;
  }

  ownOrder(side: 'buy' | 'sell') {
    return this.panel.getByTestId(side === 'buy' ? 'ladder-own-buy' : 'ladder-own-sell');
  }

  async setQty(qty: number): Promise<void> {
    await this.panel.getByTestId('ladder-qty').fill(String(qty));
    await expect(this.panel.getByTestId('ladder-qty')).toHaveValue(String(qty));
  }
}
