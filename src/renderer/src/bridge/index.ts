/**
 * The only code that touches `window.observer`. In the desktop app the preload provides it; in web
 * mode the same API is built over the WebSocket transport, with the session token taken from the
 * page URL's fragment (never sent to the server in a request line).
 */
import { contract, createApi, type ObserverApi } from '../../../shared/contract';
import { createWebTransport, type BridgeLinkState, type WebTransport } from './web-transport';

declare global {
  interface Window {
    observer?: ObserverApi;
  }
}

export interface Bridge {
  api: ObserverApi;
  kind: 'electron' | 'web';
  /** Web mode only: the link to the host. Electron IPC is always up while the window lives. */
  link?: WebTransport;
}

let bridge: Bridge | undefined;

export function webBridgeUrl(location: Location): string | undefined {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!token) return undefined;
  return `ws://${location.host}/bridge?token=${encodeURIComponent(token)}`;
}

export function getBridge(): Bridge {
  if (bridge) return bridge;
  if (window.observer) {
    bridge = { api: window.observer, kind: 'electron' };
    return bridge;
  }
  const url = webBridgeUrl(window.location);
  if (!url) throw new Error('missing-token');
  const link = createWebTransport(url);
  bridge = { api: createApi(contract, link), kind: 'web', link };
  return bridge;
}

export type { BridgeLinkState };
