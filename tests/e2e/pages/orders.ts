/** Page object for the orders panel (open orders, executions) and the balance panel. */
import { type Page } from '@playwright/test';

export class OrdersPage {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('panel-orders');
  }

  get openOrders() {
    return this.panel.getByTestId('open-order');
  }

  order(orderNo: string) {
    return this.panel.locator(`[data-testid="open-order"][data-order-no="${orderNo}"]`);
  }

  async showOpen(): Promise<void> {
    await this.panel.getByTestId('orders-tab-open').click();
  }

  async showExecutions(): Promise<void> {
    await this.panel.getByTestId('orders-tab-exec').click();
  }

  /** "(n)" on a tab, read without switching to it. */
  async count(tab: 'open' | 'exec'): Promise<number> {
    const text = (await this.panel.getByTestId(`orders-tab-${tab}`).textContent()) ?? '';
    return Number(/\((\d+)\)/.exec(text)?.[1] ?? NaN);
  }

  async orderNos(): Promise<string[]> {
    return this.openOrders.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-no') ?? ''));
  }
}

export class BalancePage {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('panel-balance');
  }

  async cash(): Promise<number> {
    return Number(await this.panel.getByTestId('balance-cash').getAttribute('data-value'));
  }

  async positionQty(code: string): Promise<number> {
    const row = this.panel.locator(`[data-testid="position"][data-code="${code}"]`);
    if ((await row.count()) === 0) return 0;
    return Number(await row.getAttribute('data-qty'));
  }
}
