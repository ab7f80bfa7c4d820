/**
 * "Show me that order": a fill or reject toast, or a native notification clicked in the desktop
 * app, brings the orders panel forward on the right tab with the order's rows marked.
 */
import { create } from 'zustand';
import { translate } from '../i18n';
import { getDockApi } from '../layout/dock';
import { usePrefs } from './prefs';

export interface OrderFocus {
  orderNo: string;
  /** executions for a fill, open orders otherwise */
  tab: 'open' | 'exec';
  /** distinguishes two requests for the same order */
  seq: number;
}

export const useOrderFocus = create<{ focus: OrderFocus | null }>(() => ({ focus: null }));

let seq = 0;

export function focusOrder(orderNo: string, tab: OrderFocus['tab']): void {
  useOrderFocus.setState({ focus: { orderNo, tab, seq: ++seq } });
  const dock = getDockApi();
  if (!dock) return;
  const panel = dock.panels.find((p) => p.api.component === 'orders');
  if (panel) panel.api.setActive();
  else
    dock.addPanel({
      id: 'orders',
      component: 'orders',
      title: translate(usePrefs.getState().locale, 'panel.orders'),
    });
}
