/**
 * The desktop app: lifecycle, one runtime, the IPC transport and the windows. Everything that
 * is not about Electron itself lives in core and is tested under plain Node.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, ipcMain, session, type WebContents } from 'electron';
import Store from 'electron-store';
import { Mode } from '../../shared/domain/mode';
import { bootObserver } from '../core/boot';
import type { ObserverRuntime } from '../core/runtime';
import { registerIpcTransport } from '../core/transports/ipc';
import { hardenSession } from './security';
import { WindowManager, type WindowBounds } from './window-manager';

const here = path.dirname(fileURLToPath(import.meta.url));

function rendererUrl(): string {
  const dev = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && dev) return dev;
  return pathToFileURL(path.join(here, '../renderer/index.html')).href;
}

export async function startDesktop(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const envMode = Mode.safeParse(process.env['OBSERVER_MODE']);
  // The desktop app starts in demo; paper/real come from explicit settings, never by default.
  const mode = envMode.success && envMode.data !== 'real' ? envMode.data : 'demo';

  await app.whenReady();
  hardenSession(session.defaultSession);

  const store = new Store<{ windows: Record<string, WindowBounds> }>({
    name: 'window-state',
    defaults: { windows: {} },
  });
  const runtime: ObserverRuntime = await bootObserver({
    mode,
    // Packaged builds carry the simulator's listings as an extra resource (electron-builder.yml).
    ...(app.isPackaged ? { resourcesDir: path.join(process.resourcesPath, 'sim') } : {}),
  });
  const windows = new WindowManager({
    preloadPath: path.join(here, '../preload/index.cjs'),
    rendererUrl: rendererUrl(),
    bounds: {
      get: (key) => store.get('windows')[key],
      set: (key, b) => store.set('windows', { ...store.get('windows'), [key]: b }),
    },
  });
  const ipc = registerIpcTransport({
    host: runtime.host,
    ipcMain: ipcMain as unknown as Parameters<typeof registerIpcTransport>[0]['ipcMain'],
    isTrustedSender: (sender) => windows.isTrusted(sender.id),
    onRejectedSender: (sender, channel) =>
      console.warn(`[ipc] rejected ${channel} from webContents ${sender.id}`),
  });

  app.on('second-instance', () => windows.focusMain());
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (windows.count === 0) windows.createMainWindow();
  });

  let shuttingDown = false;
  app.on('before-quit', (event) => {
    if (shuttingDown) return;
    shuttingDown = true;
    event.preventDefault();
    ipc.dispose();
    void runtime.dispose().finally(() => app.exit(0));
  });

  windows.createMainWindow();
}
