import type { market } from '../../../shared/contract/market';
import { DisposableStore } from '../../../shared/lifecycle';
import type { HandlerFor } from '../host';
import type { Broker } from '../services/broker';
import type { InstrumentService } from '../services/instruments';
import type { MarketDataHub } from '../services/market-data-hub';

type Domain = typeof market;

export function marketHandlers(deps: {
  broker: Broker;
  hub: MarketDataHub;
  instruments: InstrumentService;
}): { [K in keyof Domain]: HandlerFor<Domain[K]> } {
  const { broker, hub, instruments } = deps;
  return {
    search: ({ query, limit }) => instruments.search(query, limit ?? 20),
    instrument: ({ code }) => instruments.get(code) ?? null,
    quote: async ({ code }) => {
      const q = await broker.getQuote(code);
      const name = instruments.get(code)?.name;
      return name && !q.name ? { ...q, name } : q;
    },
    book: ({ code }) => broker.getOrderBook(code),
    bars: ({ code, period, from, to }) => broker.getBars(code, period, from, to),
    ticks: ({ codes }, emit) => {
      const store = new DisposableStore();
      for (const code of new Set(codes)) store.add(hub.subscribeTicks(code, emit));
      return () => store.dispose();
    },
    books: ({ codes }, emit) => {
      const store = new DisposableStore();
      for (const code of new Set(codes)) store.add(hub.subscribeBook(code, emit));
      return () => store.dispose();
    },
    feeds: (_args, emit) => {
      for (const f of hub.feeds()) emit(f);
      const sub = hub.onDidChangeFeed(emit);
      return () => sub.dispose();
    },
  };
}
