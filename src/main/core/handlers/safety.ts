import type { safety } from '../../../shared/contract/safety';
import type { HandlerFor } from '../host';
import type { OrderJournal } from '../services/journal';
import type { OrderService } from '../services/orders';
import { capabilitiesFor } from '../services/safety';

type Domain = typeof safety;

export function safetyHandlers(deps: {
  orders: OrderService;
  journal: OrderJournal | undefined;
  paper: boolean;
}): {
  [K in keyof Domain]: HandlerFor<Domain[K]>;
} {
  const { orders } = deps;
  const svc = orders.safety;
  return {
    state: (_args, emit) => {
      emit(svc.state);
      const sub = svc.onDidChange(emit);
      return () => sub.dispose();
    },
    killSwitch: (payload) => orders.killSwitch(payload?.reason),
    unlock: () => svc.unlock(),
    settings: () => svc.getSettings(),
    updateSettings: ({ mode, limits }) => svc.updateSettings(mode, limits),
    journal: (payload) => {
      if (!deps.journal) return { date: payload?.date ?? '', entries: [], damaged: 0 };
      const page = deps.journal.read(payload?.date);
      const limit = payload?.limit;
      return limit !== undefined ? { ...page, entries: page.entries.slice(-limit) } : page;
    },
    orders: () => orders.tracked(),
    capabilities: () => capabilitiesFor(orders.mode, deps.paper),
  };
}
