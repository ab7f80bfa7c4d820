import type { orders } from '../../../shared/contract/orders';
import type { HandlerFor } from '../host';
import type { OrderService } from '../services/orders';

type Domain = typeof orders;

export function orderHandlers(deps: { orders: OrderService }): {
  [K in keyof Domain]: HandlerFor<Domain[K]>;
} {
  const svc = deps.orders;
  return {
    place: ({ ticket, source, confirm }) => svc.place(ticket, source, confirm),
    modify: ({ orderNo, price, qty }) => svc.modify(orderNo.padStart(10, '0'), price, qty),
    cancel: ({ orderNo, qty }) => svc.cancel(orderNo.padStart(10, '0'), qty),
    cancelAll: (payload) => svc.cancelAll(payload?.code),
    open: () => svc.open(),
    executions: () => svc.executions(),
    notices: (_args, emit) => {
      const sub = svc.onNotice(emit);
      return () => sub.dispose();
    },
    changed: (_args, emit) => {
      const sub = svc.onDidChange((at) => emit({ at }));
      return () => sub.dispose();
    },
  };
}
