/**
 * The desktop app: lifecycle, one runtime, the IPC transport and the windows. Everything that
 * is not about Electron itself lives in core and is tested under plain Node.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, type WebContents } from 'electron';
import Store from 'electron-store';
import type { Mode } from '../../shared/domain/mode';
import { bootObserver } from '../core/boot';
import { defaultDataDir } from '../core/kis';
import type { CallerContext } from '../core/host';
import type { ObserverRuntime } from '../core/runtime';
import { resolveStartMode, StartModeFile } from '../core/services/mode-switch';
import { registerIpcTransport } from '../core/transports/ipc';
import { CredentialVault, SafeStorageTokenStore } from './credential-vault';
import { electronCredentialsHandlers, vaultConnectionTest } from './credentials-handlers';
import { attachContextMenu, FillAlerts, installAppMenu, type Locale } from './desktop';
import { hardenSession } from './security';
import { WindowManager, type SavedWindow, type WindowBounds } from './window-manager';
import { electronWindowsHandlers } from './windows-handlers';

const here = path.dirname(fileURLToPath(import.meta.url));

function rendererUrl(): string {
  const dev = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && dev) return dev;
  return pathToFileURL(path.join(here, '../renderer/index.html')).href;
}

interface WindowState {
  windowSet: SavedWindow[];
  /** The single-window shape of earlier versions; read once to seed the main window. */
  windows?: Record<string, WindowBounds>;
}

export async function startDesktop(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession(session.defaultSession);

  const store = new Store<WindowState>({ name: 'window-state', defaults: { windowSet: [] } });
  const legacyMain = store.get('windows')?.['main'];
  if (store.get('windowSet').length === 0 && legacyMain)
    store.set('windowSet', [{ id: 'main', kind: 'main', bounds: legacyMain }]);

  const dataDir = defaultDataDir(process.env);
  const tokenStore = new SafeStorageTokenStore(dataDir, safeStorage);
  const booted: { runtime?: ObserverRuntime } = {};
  const vault = new CredentialVault({
    dataDir,
    safeStorage,
    revoke: async () => {
      if (booted.runtime && booted.runtime.mode !== 'demo') await booted.runtime.broker.logout();
    },
    tokenStores: [tokenStore],
  });
  // The desktop app starts in demo; paper/real only as the trader's stored choice (REAL confirmed
  // by typing it) with keys in the vault, or OBSERVER_MODE=demo|paper for development.
  const startModes = new StartModeFile(dataDir);
  const decision = resolveStartMode({
    envMode: process.env['OBSERVER_MODE'],
    stored: startModes.load(),
    status: await vault.status(),
  });
  if (decision.note) console.warn(`[mode] ${decision.note}`);
  const secureTokens = vault.availability().available;
  const boot = async (mode: Mode): Promise<ObserverRuntime> => {
    const brokerEnv = mode === 'demo' ? undefined : await vault.kisEnvVars(mode).catch(() => undefined);
    return bootObserver({
      mode,
      dataDir,
      // Stored keys fill in what the environment does not set.
      ...(brokerEnv ? { envVars: { ...brokerEnv, ...process.env } } : {}),
      ...(mode !== 'demo' && secureTokens ? { client: { tokenStore } } : {}),
      // Packaged builds carry the simulator's listings as an extra resource (electron-builder.yml).
      ...(app.isPackaged ? { resourcesDir: path.join(process.resourcesPath, 'sim') } : {}),
    });
  };
  let runtime: ObserverRuntime;
  try {
    runtime = await boot(decision.mode);
  } catch (e) {
    if (decision.mode === 'demo') throw e;
    console.warn(`[mode] Starting in demo: ${decision.mode} could not start: ${(e as Error).message}`);
    runtime = await boot('demo');
  }
  console.info(`[mode] Observer runs in ${runtime.mode} mode.`);
  booted.runtime = runtime;
  const locale = (): Locale => runtime.settings.get().preferences.locale;

  const windows = new WindowManager({
    preloadPath: path.join(here, '../preload/index.cjs'),
    rendererUrl: rendererUrl(),
    store: {
      load: () => store.get('windowSet'),
      save: (set) => store.set('windowSet', set),
    },
    locale,
    onCloseAll: () => app.quit(),
  });
  const ipc = registerIpcTransport({
    host: runtime.host,
    ipcMain: ipcMain as unknown as Parameters<typeof registerIpcTransport>[0]['ipcMain'],
    isTrustedSender: (sender) => windows.isTrusted(sender.id),
    onRejectedSender: (sender, channel) =>
      console.warn(`[ipc] rejected ${channel} from webContents ${sender.id}`),
  });
  const webContentsOf = (ctx: CallerContext): number | undefined =>
    windows
      .all()
      .map((w) => w.webContents.id)
      .find((id) => ipc.sessionFor(id)?.ctx.sessionId === ctx.sessionId);
  runtime.shell.use({
    windows: electronWindowsHandlers(windows, webContentsOf),
    credentials: electronCredentialsHandlers(
      vault,
      async () => {
        const parent = windows.focusedOrMain();
        const options = {
          title: 'kis_devlp.yaml',
          properties: ['openFile' as const],
          filters: [{ name: 'YAML', extensions: ['yaml', 'yml'] }],
        };
        const r = parent
          ? await dialog.showOpenDialog(parent, options)
          : await dialog.showOpenDialog(options);
        return r.canceled ? undefined : r.filePaths[0];
      },
      {
        mode: runtime.mode,
        startModes,
        testConnection: vaultConnectionTest({
          vault,
          dataDir,
          envVars: process.env,
          ...(secureTokens ? { client: { tokenStore } } : {}),
        }),
        // After the answer has reached the renderer: the trader's choice now wins over
        // OBSERVER_MODE, and quitting (not exiting) lets the runtime flush the journal first.
        restart: () => {
          setTimeout(() => {
            delete process.env['OBSERVER_MODE'];
            app.relaunch();
            app.quit();
          }, 300);
        },
      },
    ),
  });

  const killSwitch = () => {
    void runtime.orders
      .killSwitch('단축키/메뉴 킬 스위치 (menu kill switch)')
      .catch((e: unknown) => dialog.showErrorBox('Observer', `Kill switch failed: ${(e as Error).message}`));
  };
  const menuActions = {
    newWatchlist: () => void windows.newWatchlist(),
    killSwitch,
    focusMain: () => windows.focusMain(),
  };
  let menuLocale = locale();
  installAppMenu(menuLocale, menuActions);
  const settingsSub = runtime.settings.onDidChange((s) => {
    if (s.preferences.locale === menuLocale) return;
    menuLocale = s.preferences.locale;
    installAppMenu(menuLocale, menuActions);
  });

  const alerts = new FillAlerts({
    onNotice: (l) => runtime.orders.onNotice(l),
    locale,
    target: () => windows.focusedOrMain(),
    appFocused: () => BrowserWindow.getFocusedWindow() !== null,
    showOrder: (win, n) => {
      const id = windows.windowIdOf(win.webContents.id);
      if (id) windows.focusOrder(id, n.orderNo, n.kind === 'fill');
    },
  });
  app.on('browser-window-focus', () => alerts.markRead());

  app.on('second-instance', () => windows.focusMain());
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    attachContextMenu(contents, locale);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (windows.count === 0) windows.restore();
  });

  let shuttingDown = false;
  app.on('before-quit', (event) => {
    windows.prepareQuit();
    if (shuttingDown) return;
    shuttingDown = true;
    event.preventDefault();
    alerts.dispose();
    settingsSub.dispose();
    ipc.dispose();
    void runtime.dispose().finally(() => app.exit(0));
  });

  windows.restore();
}
