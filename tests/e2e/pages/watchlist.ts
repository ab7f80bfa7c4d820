/** Page object for the 관심종목 panel (ag-grid rows keyed by code). */
import { expect, type Page } from '@playwright/test';

export class WatchlistPage {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('panel-watchlist');
  }

  get search() {
    return this.panel.getByTestId('symbol-search');
  }

  row(code: string) {
    return this.panel.locator(`.ag-row[row-id="${code}"]`).first();
  }

  cell(code: string, col: string) {
    return this.row(code).locator(`[col-id="${col}"]`);
  }

  async priceOf(code: string): Promise<number> {
    if ((await this.row(code).count()) === 0) return 0;
    const text = (await this.cell(code, 'price').textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, '')) || 0;
  }

  async codes(): Promise<string[]> {
    return this.panel.locator('.ag-row[row-id]').evaluateAll((rows) =>
      rows
        .map((r) => [Number(r.getAttribute('row-index')), r.getAttribute('row-id') ?? ''] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, id]) => id),
    );
  }

  async addBySearch(query: string, code: string): Promise<void> {
    await this.search.fill(query);
    const result = this.panel.locator(`[data-testid="search-result"][data-code="${code}"]`);
    await expect(result).toBeVisible();
    await result.click();
    await expect(this.row(code)).toBeVisible();
  }

  async select(code: string): Promise<void> {
    await this.cell(code, 'name').click();
  }
}
