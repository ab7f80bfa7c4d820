/**
 * The composition root: builds the services for a mode around one broker and the host that serves
 * them. Every face (desktop app, web mode, tests) starts the same runtime; only the transport
 * differs.
 */
import path from 'node:path';
import { contract } from '../../shared/contract';
import type { Mode } from '../../shared/domain/mode';
import { DisposableStore, toDisposable } from '../../shared/lifecycle';
import { accountHandlers } from './handlers/account';
import { appHandlers } from './handlers/app';
import { marketHandlers } from './handlers/market';
import { orderHandlers } from './handlers/orders';
import { safetyHandlers } from './handlers/safety';
import { linkHandlers } from './handlers/links';
import { settingsHandlers } from './handlers/settings';
import { Host, type HostOptions } from './host';
import { AccountService } from './services/account';
import type { Broker } from './services/broker';
import { type InstrumentService } from './services/instruments';
import { MarketDataHub, type MarketDataHubOptions } from './services/market-data-hub';
import { OrderJournal } from './services/journal';
import { OrderService, type OrderHooks } from './services/orders';
import type { SessionSource } from './services/risk';
import { measureDailyPnl, SafetyService } from './services/safety';
import { LinkService } from './services/links';
import { SettingsService } from './services/settings';
import { StatusService } from './services/status';
import { ShellHandlers } from './services/windows';
import { APP_VERSION } from './version';

export interface RuntimeOptions {
  mode: Mode;
  /** The connected broker (demo: the KIS client on the built-in simulator). Disposed with the runtime. */
  broker: Broker;
  /** Where settings (and later the journal) live. */
  dataDir: string;
  instruments: InstrumentService;
  host?: HostOptions;
  hub?: MarketDataHubOptions;
  /** The KRX session for the market-order rule (demo: the simulator's; default: KST wall clock, demo always open). */
  session?: SessionSource;
  /** Crash-test hooks inside order placement. */
  orderHooks?: OrderHooks;
  /** Extra cleanup run after the broker is disposed (e.g. an in-process simulator). */
  onDispose?: () => Promise<void> | void;
}

export interface ObserverRuntime {
  readonly mode: Mode;
  readonly host: Host;
  readonly status: StatusService;
  readonly broker: Broker;
  readonly settings: SettingsService;
  readonly orders: OrderService;
  readonly safety: SafetyService;
  readonly journal: OrderJournal;
  readonly hub: MarketDataHub;
  /** The desktop-shell domains (windows, credentials): web defaults until the Electron shell installs its own. */
  readonly shell: ShellHandlers;
  dispose(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<ObserverRuntime> {
  const store = new DisposableStore();
  const { broker, mode } = options;
  const status = store.add(new StatusService(mode, APP_VERSION));

  const feed = broker.realtime;
  const syncStatus = () => {
    status.setConnection(feed.state);
    status.setSlots(feed.slots.used, feed.slots.max);
    status.setTokenExpiry(broker.tokenExpiresAt);
  };
  syncStatus();
  store.add(
    feed.onDidChangeState(
      ({ state, detail }) => (
        status.setConnection(state, detail),
        status.setTokenExpiry(broker.tokenExpiresAt)
      ),
    ),
  );
  store.add(feed.onDidChangeSlots(({ used, max }) => status.setSlots(used, max)));
  // The access token is issued lazily by the first REST call and renewed before it lapses.
  const tokenTimer = setInterval(() => status.setTokenExpiry(broker.tokenExpiresAt), 5_000);
  tokenTimer.unref?.();
  store.add(toDisposable(() => clearInterval(tokenTimer)));

  const settings = store.add(new SettingsService(path.join(options.dataDir, 'settings.json')));
  const links = store.add(new LinkService(path.join(options.dataDir, 'links.json')));
  const hub = store.add(new MarketDataHub(broker, options.hub));
  // Order safety: the journal and the lock live in the data directory; the mode is only ever the
  // one asked for (REAL is never implied).
  const journal = new OrderJournal({ dir: path.join(options.dataDir, 'journal'), mode });
  const safety = store.add(
    new SafetyService({ mode, file: path.join(options.dataDir, 'safety.json'), journal }),
  );
  const orders = store.add(
    new OrderService(broker, options.instruments, {
      mode,
      journal,
      safety,
      ...(options.session ? { session: options.session } : {}),
      ...(options.orderHooks ? { hooks: options.orderHooks } : {}),
    }),
  );
  const lossMonitor = safety.startMonitor(
    () => measureDailyPnl(broker, safety),
    () => orders.cancelAll(),
  );
  store.add(orders.onNotice((n) => n.kind === 'fill' && lossMonitor.poke()));
  const account = store.add(new AccountService(broker));
  store.add(orders.onDidChange(() => account.refreshSoon()));

  const shell = new ShellHandlers();
  const host = new Host(
    contract,
    {
      app: appHandlers({ mode, status }),
      market: marketHandlers({ broker, hub, instruments: options.instruments }),
      orders: orderHandlers({ orders }),
      account: accountHandlers({ account }),
      settings: settingsHandlers({ settings }),
      links: linkHandlers({ links }),
      safety: safetyHandlers({ orders, journal, paper: broker.paper }),
      windows: shell.windows,
      credentials: shell.credentials,
    },
    options.host,
  );
  store.add(toDisposable(() => host.dispose()));

  let disposing: Promise<void> | undefined;
  return {
    mode,
    host,
    status,
    broker,
    settings,
    orders,
    safety,
    journal,
    hub,
    shell,
    dispose() {
      disposing ??= (async () => {
        store.dispose();
        broker.dispose();
        await options.onDispose?.();
      })();
      return disposing;
    },
  };
}
