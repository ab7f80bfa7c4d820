/**
 * WindowManager: the single creator of windows and the registry the IPC sender check trusts.
 * A webContents is trusted only while its window, created here, is alive.
 *
 * Kinds: the main window, pop-outs (one panel or tab group in its own sandboxed window, one
 * renderer per window) and any number of watchlist windows. The whole set — bounds per display,
 * maximized state, each window's layout and hand-over state — is saved and restored on start.
 */
import { BrowserWindow, dialog, screen, type Rectangle } from 'electron';
import type { WindowEvent, WindowInfo, WindowInit, WindowKind } from '../../shared/contract/windows';
import { guardWindow, secureWebPreferences } from './security';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

/** One window of the saved set. */
export interface SavedWindow {
  id: string;
  kind: WindowKind;
  panel?: string;
  state?: unknown;
  title?: string;
  bounds?: WindowBounds;
  layout?: unknown;
}

export interface WindowSetStore {
  load(): SavedWindow[];
  save(windows: SavedWindow[]): void;
}

export interface WindowManagerOptions {
  preloadPath: string;
  /** file:// path of the built renderer, or the dev server URL. */
  rendererUrl: string;
  store: WindowSetStore;
  /** Dialog texts follow the trader's language. */
  locale?: () => 'ko' | 'en';
  /** Called when the trader chose to close every window from the main window. */
  onCloseAll?: () => void;
}

/** A saved position is only used when it still lands on a connected display. */
export function visibleOnSomeDisplay(bounds: WindowBounds, displays: Rectangle[]): boolean {
  if (bounds.x === undefined || bounds.y === undefined) return false;
  const cx = bounds.x + Math.min(bounds.width, 200) / 2;
  const cy = bounds.y + 20;
  return displays.some((d) => cx >= d.x && cx < d.x + d.width && cy >= d.y && cy < d.y + d.height);
}

const DEFAULT_SIZE: Record<WindowKind, { width: number; height: number }> = {
  main: { width: 1440, height: 900 },
  popout: { width: 640, height: 560 },
  watchlist: { width: 420, height: 640 },
};

/**
 * Where a saved window goes now: its saved position when that lands on a connected display,
 * otherwise no position (the OS centres it) and a size that fits the primary work area.
 */
export function placeWindow(
  kind: WindowKind,
  saved: WindowBounds | undefined,
  displays: Rectangle[],
  primary: Rectangle | undefined,
): { x?: number; y?: number; width: number; height: number } {
  const size = {
    width: saved?.width ?? DEFAULT_SIZE[kind].width,
    height: saved?.height ?? DEFAULT_SIZE[kind].height,
  };
  if (saved && visibleOnSomeDisplay(saved, displays)) return { x: saved.x!, y: saved.y!, ...size };
  if (primary) {
    size.width = Math.min(size.width, primary.width);
    size.height = Math.min(size.height, primary.height);
  }
  return size;
}

interface Entry {
  win: BrowserWindow;
  saved: SavedWindow;
  ready: boolean;
}

type Listener = (event: WindowEvent) => void;

const TEXT = {
  ko: {
    closeAllTitle: '모든 창 닫기',
    closeAll: '다른 창도 모두 닫을까요? Observer가 종료됩니다. 창 배치는 다음 실행 때 복원됩니다.',
    yes: '모두 닫기',
    cancel: '취소',
  },
  en: {
    closeAllTitle: 'Close all windows',
    closeAll:
      'Close the other windows too? Observer will quit. Your windows come back as they are on the next start.',
    yes: 'Close all',
    cancel: 'Cancel',
  },
};

export class WindowManager {
  /** webContents id → window */
  private readonly windows = new Map<number, Entry>();
  private readonly listeners = new Map<string, { windowId: () => string | undefined; listener: Listener }>();
  private nextId = 1;
  private quitting = false;
  private confirmingClose = false;

  constructor(private readonly options: WindowManagerOptions) {}

  // ---- registry (what the IPC sender check trusts) ----------------------------------------

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

  /** The window id (`main`, `popout-2` …) of a webContents we created. */
  windowIdOf(webContentsId: number): string | undefined {
    return this.windows.get(webContentsId)?.saved.id;
  }

  windowById(windowId: string): BrowserWindow | undefined {
    return this.entryById(windowId)?.win;
  }

  get mainWindow(): BrowserWindow | undefined {
    return this.windowById('main');
  }

  /** The focused window of ours, or the main window. */
  focusedOrMain(): BrowserWindow | undefined {
    return this.all().find((w) => !w.isDestroyed() && w.isFocused()) ?? this.mainWindow;
  }

  // ---- creation ---------------------------------------------------------------------------

  createMainWindow(): BrowserWindow {
    const existing = this.mainWindow;
    if (existing) return existing;
    const saved = this.options.store.load().find((w) => w.id === 'main');
    return this.create({ ...saved, id: 'main', kind: 'main' });
  }

  /** Opens the main window and every saved pop-out and watchlist window. */
  restore(): BrowserWindow {
    const saved = this.options.store.load();
    const main = this.createMainWindow();
    for (const w of saved) {
      if (w.kind === 'main' || this.entryById(w.id)) continue;
      this.bumpIds(w.id);
      this.create(w);
    }
    return main;
  }

  popOut(panel: string, state?: unknown, title?: string, size?: { width: number; height: number }): string {
    const id = `popout-${this.nextId++}`;
    this.create({
      id,
      kind: 'popout',
      panel,
      ...(state !== undefined ? { state } : {}),
      ...(title ? { title } : {}),
      ...(size ? { bounds: size } : {}),
    });
    return id;
  }

  newWatchlist(watchlistId?: string): string {
    const id = `watchlist-${this.nextId++}`;
    this.create({ id, kind: 'watchlist', ...(watchlistId ? { state: { watchlistId } } : {}) });
    return id;
  }

  /** Closes a pop-out and tells the main window to put its panel back. */
  dockBack(windowId: string, state?: unknown): boolean {
    const entry = this.entryById(windowId);
    if (!entry || entry.saved.kind !== 'popout') return false;
    this.emitTo('main', {
      type: 'dockBack',
      fromWindowId: windowId,
      panel: entry.saved.panel ?? '',
      ...(state !== undefined || entry.saved.state !== undefined
        ? { state: state ?? entry.saved.state }
        : {}),
    });
    // Close after the current IPC reply has gone out (the caller may be this very window).
    setTimeout(() => {
      if (!entry.win.isDestroyed()) entry.win.close();
    }, 0);
    return true;
  }

  /** Brings a window forward and asks it to show an order (a clicked notification). */
  focusOrder(windowId: string, orderNo: string, fill: boolean): boolean {
    if (!this.focus(windowId)) return false;
    this.emitTo(windowId, { type: 'focusOrder', orderNo, fill });
    return true;
  }

  focus(windowId: string): boolean {
    const win = this.windowById(windowId);
    if (!win || win.isDestroyed()) return false;
    if (win.isMinimized()) win.restore();
    win.focus();
    return true;
  }

  focusMain(): void {
    this.focus('main');
  }

  // ---- handshake and layouts ---------------------------------------------------------------

  /** The ready handshake: the window's identity and saved state; streams start after this. */
  ready(webContentsId: number): WindowInit | undefined {
    const entry = this.windows.get(webContentsId);
    if (!entry) return undefined;
    entry.ready = true;
    const s = entry.saved;
    return {
      windowId: s.id,
      kind: s.kind,
      desktop: true,
      ...(s.panel !== undefined ? { panel: s.panel } : {}),
      ...(s.state !== undefined ? { state: s.state } : {}),
      ...(s.layout !== undefined ? { layout: s.layout } : {}),
    };
  }

  isReady(windowId: string): boolean {
    return this.entryById(windowId)?.ready ?? false;
  }

  layoutOf(windowId: string): unknown {
    return this.entryById(windowId)?.saved.layout;
  }

  saveLayout(windowId: string, layout: unknown): boolean {
    const entry = this.entryById(windowId);
    if (!entry) return false;
    entry.saved.layout = layout;
    this.persist();
    return true;
  }

  list(): WindowInfo[] {
    return [...this.windows.values()]
      .filter((e) => !e.win.isDestroyed())
      .map((e) => ({
        windowId: e.saved.id,
        kind: e.saved.kind,
        ...(e.saved.panel !== undefined ? { panel: e.saved.panel } : {}),
        title: e.saved.title ?? 'Observer',
        focused: e.win.isFocused(),
      }));
  }

  /** Window events for one subscriber; the first event is the current list (snapshot, then deltas). */
  subscribe(key: string, windowId: () => string | undefined, listener: Listener): () => void {
    this.listeners.set(key, { windowId, listener });
    listener({ type: 'list', windows: this.list() });
    return () => this.listeners.delete(key);
  }

  // ---- closing -----------------------------------------------------------------------------

  /** Saves the set as it is now and freezes it: windows closed from here on come back next start. */
  prepareQuit(): void {
    if (this.quitting) return;
    this.persist();
    this.quitting = true;
  }

  closeAll(): void {
    this.prepareQuit();
    for (const { win } of [...this.windows.values()]) if (!win.isDestroyed()) win.close();
  }

  /** The saved set as it would be written now (tests, diagnostics). */
  snapshot(): SavedWindow[] {
    return [...this.windows.values()].map((e) => ({ ...e.saved }));
  }

  private create(saved: SavedWindow): BrowserWindow {
    const displays = screen.getAllDisplays().map((d) => d.workArea);
    const primary = screen.getPrimaryDisplay()?.workArea;
    const place = placeWindow(saved.kind, saved.bounds, displays, primary);
    const win = new BrowserWindow({
      ...place,
      minWidth: saved.kind === 'main' ? 800 : 280,
      minHeight: saved.kind === 'main' ? 500 : 200,
      show: false,
      backgroundColor: '#101418',
      title: saved.title ?? 'Observer',
      webPreferences: secureWebPreferences(this.options.preloadPath),
    });
    const id = win.webContents.id;
    const entry: Entry = { win, saved: { ...saved }, ready: false };
    this.windows.set(id, entry);
    guardWindow(win, (url) =>
      url.startsWith(this.options.rendererUrl.split('#')[0]!.replace(/index\.html$/, '')),
    );
    if (saved.bounds?.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    const remember = () => {
      if (win.isDestroyed()) return;
      const b = win.getNormalBounds();
      entry.saved.bounds = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
      this.persist();
    };
    win.on('resized', remember);
    win.on('moved', remember);
    win.on('maximize', remember);
    win.on('unmaximize', remember);
    win.on('focus', () => this.broadcastList());
    win.on('close', (event) => {
      remember();
      if (saved.kind !== 'main' || this.quitting) return;
      if (this.othersOpen() > 0) {
        event.preventDefault();
        void this.confirmCloseAll(win);
      } else {
        this.prepareQuit();
      }
    });
    win.on('closed', () => {
      this.windows.delete(id);
      // A window the trader closed leaves the set; windows closed by quitting come back next time.
      if (!this.quitting) this.persist();
      this.broadcastList();
    });
    void win.loadURL(this.options.rendererUrl);
    this.persist();
    this.broadcastList();
    return win;
  }

  private async confirmCloseAll(main: BrowserWindow): Promise<void> {
    if (this.confirmingClose) return;
    this.confirmingClose = true;
    try {
      const t = TEXT[this.options.locale?.() ?? 'ko'];
      const { response } = await dialog.showMessageBox(main, {
        type: 'question',
        title: t.closeAllTitle,
        message: t.closeAll,
        buttons: [t.yes, t.cancel],
        defaultId: 0,
        cancelId: 1,
      });
      if (response !== 0) return;
      this.closeAll();
      this.options.onCloseAll?.();
    } finally {
      this.confirmingClose = false;
    }
  }

  private othersOpen(): number {
    return [...this.windows.values()].filter((e) => e.saved.kind !== 'main' && !e.win.isDestroyed()).length;
  }

  private entryById(windowId: string): Entry | undefined {
    for (const e of this.windows.values()) if (e.saved.id === windowId && !e.win.isDestroyed()) return e;
    return undefined;
  }

  private bumpIds(id: string): void {
    const n = Number(/-(\d+)$/.exec(id)?.[1]);
    if (Number.isFinite(n) && n >= this.nextId) this.nextId = n + 1;
  }

  private persist(): void {
    if (this.quitting) return;
    this.options.store.save(this.snapshot());
  }

  private emitTo(windowId: string, event: WindowEvent): void {
    for (const { windowId: of, listener } of this.listeners.values()) if (of() === windowId) listener(event);
  }

  private broadcastList(): void {
    if (this.listeners.size === 0) return;
    const event: WindowEvent = { type: 'list', windows: this.list() };
    for (const { listener } of this.listeners.values()) listener(event);
  }
}
