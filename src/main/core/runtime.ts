/**
 * The composition root: builds the services for a mode and the host that serves them. Every face
 * (desktop app, web mode, tests) starts the same runtime; only the transport differs.
 */
import { contract } from '../../shared/contract';
import type { Mode } from '../../shared/domain/mode';
import { DisposableStore, toDisposable } from '../../shared/lifecycle';
import { appHandlers } from './handlers/app';
import { Host, type HostOptions } from './host';
import { StatusService } from './services/status';
import { APP_VERSION } from './version';

export interface RuntimeOptions {
  mode: Mode;
  host?: HostOptions;
}

export interface ObserverRuntime {
  readonly mode: Mode;
  readonly host: Host;
  readonly status: StatusService;
  dispose(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<ObserverRuntime> {
  const store = new DisposableStore();
  const status = store.add(new StatusService(options.mode, APP_VERSION));
  // No broker is attached yet: say so rather than pretend to be connected.
  status.setConnection('down', 'broker not connected');
  const host = new Host(contract, { app: appHandlers({ mode: options.mode, status }) }, options.host);
  store.add(toDisposable(() => host.dispose()));
  return {
    mode: options.mode,
    host,
    status,
    async dispose() {
      store.dispose();
    },
  };
}
