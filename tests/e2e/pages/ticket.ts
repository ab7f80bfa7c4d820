/** Page object for the order ticket. */
import { type Page } from '@playwright/test';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

export class TicketPage {
  constructor(readonly page: Page) {}

  get form() {
    return this.page.getByTestId('ticket');
  }

  get price() {
    return this.form.getByTestId('ticket-price');
  }

  get qty() {
    return this.form.getByTestId('ticket-qty');
  }

  get problems() {
    return this.form.getByTestId('ticket-problems');
  }

  get submit() {
    return this.form.getByTestId('ticket-submit');
  }

  get amount() {
    return this.form.getByTestId('ticket-amount');
  }

  async priceValue(): Promise<number> {
    return num(await this.price.inputValue());
  }
}
