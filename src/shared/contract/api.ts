/**
 * Builds the typed API (`api.app.info()`, `api.app.status({}, onEvents)`) over any transport.
 * The preload, the renderer's web-mode bridge and the in-process test client all use this, so the
 * renderer cannot tell them apart.
 */
import type { ContractDef, ContractApi, Disposer } from './define';
import { BridgeError, type BridgeErrorData, type InvokeResult } from './errors';

export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<InvokeResult>;
  subscribe(
    channel: string,
    args: unknown,
    listener: (events: unknown[]) => void,
    onError: (error: BridgeErrorData) => void,
  ): Disposer;
}

export function createApi<C extends ContractDef>(contract: C, transport: BridgeTransport): ContractApi<C> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [domain, defs] of Object.entries(contract)) {
    const domainApi: Record<string, unknown> = {};
    for (const [verb, def] of Object.entries(defs)) {
      const channel = def.channel;
      if (def.kind === 'request') {
        domainApi[verb] = async (payload?: unknown) => {
          const result = await transport.invoke(channel, payload);
          if (!result.ok) throw new BridgeError(result.error);
          return result.value;
        };
      } else {
        domainApi[verb] = (
          args: unknown,
          listener: (events: unknown[]) => void,
          onError: (error: BridgeErrorData) => void = (e) =>
            console.error(`[observer] ${channel}: ${e.message}`),
        ) => transport.subscribe(channel, args, listener, onError);
      }
    }
    api[domain] = Object.freeze(domainApi);
  }
  return Object.freeze(api) as unknown as ContractApi<C>;
}

/**
 * Client-side bookkeeping for streams: hands out subscription ids and routes each delivered batch
 * to its listener. Shared by every transport's client half.
 */
export class StreamRouter {
  private readonly listeners = new Map<string, (events: unknown[]) => void>();
  private next = 1;

  constructor(private readonly prefix = 's') {}

  get size(): number {
    return this.listeners.size;
  }

  add(listener: (events: unknown[]) => void): string {
    const id = `${this.prefix}${this.next++}`;
    this.listeners.set(id, listener);
    return id;
  }

  remove(id: string): boolean {
    return this.listeners.delete(id);
  }

  route(batch: ReadonlyArray<readonly [string, unknown[]]>): void {
    for (const item of batch) {
      // Batches skip full schema validation on the hot path; a malformed item is dropped, not fatal.
      if (!Array.isArray(item) || typeof item[0] !== 'string' || !Array.isArray(item[1])) continue;
      const [id, events] = item;
      const l = this.listeners.get(id);
      if (!l) continue;
      try {
        l(events);
      } catch (e) {
        // One panel's bug must not starve the others of data.
        console.error(`[bridge] listener for ${id} threw`, e);
      }
    }
  }
}
