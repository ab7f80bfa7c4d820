/**
 * Web mode's half of the bridge: the same typed API as the preload, over one WebSocket to
 * `observer serve`. Reconnects by itself and re-opens every live stream, so panels never notice
 * more than a pause; calls made while disconnected fail with a network error instead of hanging.
 */
import {
  ServerMessage,
  StreamRouter,
  type BridgeErrorData,
  type BridgeTransport,
  type ClientMessage,
  type InvokeResult,
} from '../../../shared/contract';

export type BridgeLinkState = 'connecting' | 'open' | 'reconnecting' | 'closed';

interface LiveStream {
  channel: string;
  args: unknown;
  onError: (e: BridgeErrorData) => void;
}

export interface WebTransport extends BridgeTransport {
  readonly state: BridgeLinkState;
  onState(listener: (s: BridgeLinkState) => void): () => void;
  close(): void;
}

export function createWebTransport(url: string, options: { maxBackoffMs?: number } = {}): WebTransport {
  const router = new StreamRouter('w');
  const live = new Map<string, LiveStream>();
  const pending = new Map<number, (r: InvokeResult) => void>();
  const stateListeners = new Set<(s: BridgeLinkState) => void>();
  let state: BridgeLinkState = 'connecting';
  let ws: WebSocket | undefined;
  let nextId = 1;
  let attempt = 0;
  let closedByUs = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (s: BridgeLinkState) => {
    if (state === s) return;
    state = s;
    for (const l of stateListeners) l(s);
  };

  const sendRaw = (msg: ClientMessage) => {
    if (ws?.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(msg));
      return true;
    }
    return false;
  };

  const openStream = (sub: string, s: LiveStream) => {
    const id = nextId++;
    pending.set(id, (r) => {
      if (!r.ok) {
        live.delete(sub);
        router.remove(sub);
        s.onError(r.error);
      }
    });
    sendRaw({ t: 'sub', id, sub, channel: s.channel, args: s.args });
  };

  const connect = () => {
    ws = new WebSocket(url);
    ws.onopen = () => {
      attempt = 0;
      setState('open');
      for (const [sub, s] of live) openStream(sub, s);
    };
    ws.onmessage = (ev) => {
      const raw = JSON.parse(String(ev.data)) as { t?: unknown; items?: unknown };
      // Stream batches are the hot path (many per second, hundreds of events each): check their
      // shape cheaply and route; each stream's consumer reads typed events. Everything else is
      // small and fully validated.
      if (raw.t === 'batch') {
        if (Array.isArray(raw.items)) router.route(raw.items as Array<[string, unknown[]]>);
        return;
      }
      const parsed = ServerMessage.safeParse(raw);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.t === 'batch') router.route(msg.items);
      else if (msg.t === 'result') {
        const resolve = pending.get(msg.id);
        pending.delete(msg.id);
        resolve?.(msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error });
      } else if (msg.t === 'error') console.error('[bridge]', msg.error.message);
    };
    ws.onclose = () => {
      for (const resolve of pending.values()) {
        resolve({
          ok: false,
          error: { code: 'network_error', message: 'The connection to the Observer host was lost.' },
        });
      }
      pending.clear();
      if (closedByUs) {
        setState('closed');
        return;
      }
      setState('reconnecting');
      const backoff = Math.min(options.maxBackoffMs ?? 5000, 250 * 2 ** attempt++);
      retryTimer = setTimeout(connect, backoff * (0.5 + Math.random() / 2));
    };
  };
  connect();

  return {
    get state() {
      return state;
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    invoke(channel, payload) {
      const id = nextId++;
      return new Promise<InvokeResult>((resolve) => {
        pending.set(id, resolve);
        if (!sendRaw({ t: 'invoke', id, channel, payload })) {
          pending.delete(id);
          resolve({
            ok: false,
            error: { code: 'network_error', message: 'Not connected to the Observer host.' },
          });
        }
      });
    },
    subscribe(channel, args, listener, onError) {
      const sub = router.add(listener);
      const s: LiveStream = { channel, args, onError };
      live.set(sub, s);
      openStream(sub, s);
      return () => {
        if (!live.delete(sub)) return;
        router.remove(sub);
        sendRaw({ t: 'unsub', sub });
      };
    },
    close() {
      closedByUs = true;
      if (retryTimer) clearTimeout(retryTimer);
      ws?.close();
    },
  };
}
