/**
 * Orders, executions and the balance as the host reports them, plus this window's trading arm
 * state (instant hotkey orders only work while armed; it always starts disarmed).
 */
import { create } from 'zustand';
import type { Balance, OrderNotice, OrderRecord } from '../../../shared/domain/market';
import type { Execution } from '../../../shared/domain/orders';
import { getBridge } from '../bridge';
import { describeError } from '../lib/errors';

interface TradingState {
  open: OrderRecord[];
  executions: Execution[];
  balance: Balance | null;
  ordersError: string | null;
  balanceError: string | null;
  armed: boolean;
  /** Brief hint shown when a hotkey was pressed while disarmed (epoch ms). */
  disarmedHintAt: number;
  setArmed(armed: boolean): void;
}

export const useTrading = create<TradingState>((set) => ({
  open: [],
  executions: [],
  balance: null,
  ordersError: null,
  balanceError: null,
  armed: false,
  disarmedHintAt: 0,
  setArmed: (armed) => set({ armed }),
}));

export async function refreshOrders(): Promise<void> {
  const { api } = getBridge();
  try {
    const [open, executions] = await Promise.all([api.orders.open(), api.orders.executions()]);
    useTrading.setState({ open, executions, ordersError: null });
  } catch (e) {
    useTrading.setState({ ordersError: describeError(e) });
  }
}

export async function refreshBalance(): Promise<void> {
  try {
    const balance = await getBridge().api.account.balance();
    useTrading.setState({ balance, balanceError: null });
  } catch (e) {
    useTrading.setState({ balanceError: describeError(e) });
  }
}

/** Keeps orders and balance in step with the host; notices go to `onNotice` (toasts). */
export function watchTrading(onNotice: (n: OrderNotice[]) => void): () => void {
  const { api } = getBridge();
  void refreshOrders();
  void refreshBalance();
  const offChanged = api.orders.changed(undefined, () => void refreshOrders());
  const offBalance = api.account.updates(undefined, (events) => {
    const last = events[events.length - 1];
    if (last) useTrading.setState({ balance: last, balanceError: null });
  });
  const offNotices = api.orders.notices(undefined, (events) => {
    onNotice(events);
    // Fills change executions even when the open list is unchanged.
    if (events.some((n) => n.kind === 'fill')) void refreshOrders();
  });
  return () => {
    offChanged();
    offBalance();
    offNotices();
  };
}
