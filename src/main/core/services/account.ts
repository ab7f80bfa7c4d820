/**
 * AccountService: balance and buying power from the broker, refreshed after every fill or order
 * change (debounced) and pushed to every window.
 */
import type { Balance } from '../../../shared/domain/market';
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import type { Broker, BuyingPower } from './broker';

export class AccountService implements Disposable {
  private readonly updated = new Emitter<Balance>();
  readonly onDidUpdate = this.updated.event;
  private last: Balance | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly noticeSub: Disposable;

  constructor(
    private readonly broker: Broker,
    private readonly debounceMs = 300,
  ) {
    this.noticeSub = broker.realtime.subscribeNotices(() => this.refreshSoon());
  }

  get lastBalance(): Balance | undefined {
    return this.last;
  }

  async balance(): Promise<Balance> {
    this.last = await this.broker.getBalance();
    return this.last;
  }

  buyingPower(code: string, price: number): Promise<BuyingPower> {
    return this.broker.getBuyingPower(code, price);
  }

  /** Called after anything that changes cash or positions. */
  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.updated.listenerCount === 0) return;
      this.balance().then(
        (b) => this.updated.fire(b),
        () => {
          // The next notice or request retries; the status bar shows connection problems.
        },
      );
    }, this.debounceMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.noticeSub.dispose();
    this.updated.dispose();
  }
}
