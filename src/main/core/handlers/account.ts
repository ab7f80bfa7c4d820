import type { account } from '../../../shared/contract/account';
import type { HandlerFor } from '../host';
import type { AccountService } from '../services/account';

type Domain = typeof account;

export function accountHandlers(deps: { account: AccountService }): {
  [K in keyof Domain]: HandlerFor<Domain[K]>;
} {
  const svc = deps.account;
  return {
    balance: () => svc.balance(),
    buyingPower: ({ code, price }) => svc.buyingPower(code, price),
    updates: (_args, emit) => {
      const sub = svc.onDidUpdate(emit);
      // Snapshot first, then deltas.
      void svc.balance().then(emit, () => {});
      return () => sub.dispose();
    },
  };
}
