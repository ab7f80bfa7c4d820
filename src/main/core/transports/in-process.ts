/** The in-process transport: the same typed API, straight into a host session (tests, CLI). */
import { contract, createApi, StreamRouter, type ObserverApi } from '../../../shared/contract';
import type { Host, HostSession } from '../host';

export interface InProcessClient {
  api: ObserverApi;
  session: HostSession;
  close(): void;
}

export function connectInProcess(host: Host): InProcessClient {
  const router = new StreamRouter();
  const session = host.openSession('in-process', (batch) => router.route(batch));
  const api = createApi(contract, {
    invoke: (channel, payload) => session.invoke(channel, payload),
    subscribe(channel, args, listener, onError) {
      const id = router.add(listener);
      const r = session.subscribe(id, channel, args);
      if (!r.ok) {
        router.remove(id);
        onError(r.error);
        return () => {};
      }
      return () => {
        router.remove(id);
        session.unsubscribe(id);
      };
    },
  });
  return { api, session, close: () => session.close() };
}
