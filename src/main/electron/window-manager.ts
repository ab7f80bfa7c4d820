/**
 * WindowManager: the single creator of windows and the registry the IPC sender check trusts.
 * A webContents is trusted only while its window, created here, is alive.
 */
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { guardWindow, secureWebPreferences } from './security';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface BoundsStore {
  get(key: string): WindowBounds | undefined;
  set(key: string, bounds: WindowBounds): void;
}

export interface WindowManagerOptions {
  preloadPath: string;
  /** file:// path of the built renderer, or the dev server URL. */
  rendererUrl: string;
  bounds: BoundsStore;
}

/** A saved position is only used when it still lands on a connected display. */
export function visibleOnSomeDisplay(bounds: WindowBounds, displays: Rectangle[]): boolean {
  if (bounds.x === undefined || bounds.y === undefined) return false;
  const cx = bounds.x + Math.min(bounds.width, 200) / 2;
  const cy = bounds.y + 20;
  return displays.some((d) => cx >= d.x && cx < d.x + d.width && cy >= d.y && cy < d.y + d.height);
}

export class WindowManager {
  private readonly windows = new Map<number, { win: BrowserWindow; key: string }>();

  constructor(private readonly options: WindowManagerOptions) {}

  isTrusted(webContentsId: number): boolean {
    const w = this.windows.get(webContentsId);
    return !!w && !w.win.isDestroyed();
  }

  get count(): number {
    return this.windows.size;
  }

  all(): BrowserWindow[] {
    return [...this.windows.values()].map((w) => w.win);
  }

  createMainWindow(): BrowserWindow {
    return this.create('main');
  }

  private create(key: string): BrowserWindow {
    const saved = this.options.bounds.get(key);
    const displays = screen.getAllDisplays().map((d) => d.workArea);
    const usePosition = saved && visibleOnSomeDisplay(saved, displays);
    const win = new BrowserWindow({
      width: saved?.width ?? 1440,
      height: saved?.height ?? 900,
      ...(usePosition ? { x: saved.x, y: saved.y } : {}),
      minWidth: 800,
      minHeight: 500,
      show: false,
      backgroundColor: '#101418',
      title: 'Observer',
      webPreferences: secureWebPreferences(this.options.preloadPath),
    });
    const id = win.webContents.id;
    this.windows.set(id, { win, key });
    guardWindow(win, (url) =>
      url.startsWith(this.options.rendererUrl.split('#')[0]!.replace(/index\.html$/, '')),
    );
    if (saved?.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    const persist = () => {
      if (win.isDestroyed()) return;
      const b = win.getNormalBounds();
      this.options.bounds.set(key, { ...b, maximized: win.isMaximized() });
    };
    win.on('resized', persist);
    win.on('moved', persist);
    win.on('maximize', persist);
    win.on('unmaximize', persist);
    win.on('close', persist);
    win.on('closed', () => this.windows.delete(id));
    void win.loadURL(this.options.rendererUrl);
    return win;
  }

  focusMain(): void {
    const main = [...this.windows.values()].find((w) => w.key === 'main')?.win;
    if (!main) return;
    if (main.isMinimized()) main.restore();
    main.focus();
  }

  closeAll(): void {
    for (const { win } of this.windows.values()) if (!win.isDestroyed()) win.close();
  }
}
