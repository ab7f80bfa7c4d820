import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedWindow } from '../../../../src/main/electron/window-manager';
import type { WindowEvent } from '../../../../src/shared/contract/windows';
import { FakeBrowserWindow, fakeScreen, resetFakes } from './fake-electron';

const showMessageBox = vi.hoisted(() => vi.fn());
vi.mock('electron', async () => {
  const f = await import('./fake-electron');
  return {
    BrowserWindow: f.FakeBrowserWindow,
    screen: f.fakeScreen,
    dialog: { showMessageBox },
    shell: { openExternal: vi.fn() },
  };
});

const { WindowManager, placeWindow, visibleOnSomeDisplay } =
  await import('../../../../src/main/electron/window-manager');

function memoryStore(initial: SavedWindow[] = []) {
  let set = structuredClone(initial);
  return {
    load: () => structuredClone(set),
    save: vi.fn((s: SavedWindow[]) => void (set = structuredClone(s))),
    get current() {
      return set;
    },
  };
}

function manager(store = memoryStore(), onCloseAll = vi.fn()) {
  const wm = new WindowManager({
    preloadPath: '/app/preload/index.cjs',
    rendererUrl: 'file:///app/renderer/index.html',
    store,
    locale: () => 'en',
    onCloseAll,
  });
  return { wm, store, onCloseAll };
}

const wins = () => FakeBrowserWindow.created;

beforeEach(() => {
  resetFakes();
  showMessageBox.mockReset();
});

describe('WindowManager registry', () => {
  it('trusts only webContents of live windows it created', () => {
    const { wm } = manager();
    const main = wm.createMainWindow() as unknown as FakeBrowserWindow;
    expect(wm.isTrusted(main.webContents.id)).toBe(true);
    expect(wm.isTrusted(99_999)).toBe(false);
    const id = wm.popOut('ladder', { code: '005930' });
    const pop = wm.windowById(id) as unknown as FakeBrowserWindow;
    expect(wm.isTrusted(pop.webContents.id)).toBe(true);
    pop.close();
    expect(wm.isTrusted(pop.webContents.id)).toBe(false);
    expect(wm.count).toBe(1);
  });

  it('gives every window the sandboxed preferences and one renderer each', () => {
    const { wm } = manager();
    wm.createMainWindow();
    wm.popOut('chart');
    wm.newWatchlist('wl-1');
    expect(wins()).toHaveLength(3);
    for (const w of wins()) {
      expect(w.options.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
      });
      expect(w.url).toBe('file:///app/renderer/index.html');
    }
    expect(new Set(wins().map((w) => w.webContents.id)).size).toBe(3);
  });
});

describe('pop-out and dock back', () => {
  it('hands the panel state over in the ready handshake, then docks it back into the main window', async () => {
    const { wm } = manager();
    const main = wm.createMainWindow() as unknown as FakeBrowserWindow;
    const mainEvents: WindowEvent[] = [];
    wm.subscribe(
      's-main',
      () => 'main',
      (e) => mainEvents.push(e),
    );
    expect(mainEvents[0]).toMatchObject({ type: 'list', windows: [{ windowId: 'main', kind: 'main' }] });

    const id = wm.popOut('ladder', { code: '005930' }, 'Ladder 005930');
    const pop = wm.windowById(id) as unknown as FakeBrowserWindow;
    expect(id).toMatch(/^popout-\d+$/);
    expect(wm.isReady(id)).toBe(false);
    expect(wm.ready(pop.webContents.id)).toEqual({
      windowId: id,
      kind: 'popout',
      panel: 'ladder',
      state: { code: '005930' },
      desktop: true,
    });
    expect(wm.isReady(id)).toBe(true);
    expect(mainEvents.at(-1)).toMatchObject({ type: 'list' });
    expect((mainEvents.at(-1) as { windows: unknown[] }).windows).toHaveLength(2);

    expect(wm.dockBack(id, { code: '000660' })).toBe(true);
    expect(mainEvents).toContainEqual({
      type: 'dockBack',
      fromWindowId: id,
      panel: 'ladder',
      state: { code: '000660' },
    });
    await vi.waitFor(() => expect(pop.isDestroyed()).toBe(true));
    expect(wm.list().map((w) => w.windowId)).toEqual(['main']);
    expect(main.isDestroyed()).toBe(false);
    // Not a pop-out, or gone: nothing to dock.
    expect(wm.dockBack('main')).toBe(false);
    expect(wm.dockBack(id)).toBe(false);

    // A clicked notification: the window comes forward and is told which order to show.
    expect(wm.focusOrder('main', '0000000042', true)).toBe(true);
    expect(mainEvents.at(-1)).toEqual({ type: 'focusOrder', orderNo: '0000000042', fill: true });
    expect(wm.focusOrder(id, '0000000042', true)).toBe(false);
  });

  it('keeps a layout per window', () => {
    const { wm, store } = manager();
    wm.createMainWindow();
    const w = wm.newWatchlist();
    expect(wm.saveLayout(w, { grid: ['watchlist'] })).toBe(true);
    expect(wm.layoutOf(w)).toEqual({ grid: ['watchlist'] });
    expect(wm.layoutOf('main')).toBeUndefined();
    expect(store.current.find((s) => s.id === w)?.layout).toEqual({ grid: ['watchlist'] });
    expect(wm.saveLayout('popout-99', {})).toBe(false);
  });
});

describe('saving and restoring the window set', () => {
  it('restores every window with its bounds, state and layout', () => {
    const store = memoryStore([
      { id: 'main', kind: 'main', bounds: { x: 10, y: 20, width: 1300, height: 800, maximized: true } },
      {
        id: 'popout-4',
        kind: 'popout',
        panel: 'chart',
        state: { code: '005930' },
        bounds: { x: 1500, y: 100, width: 600, height: 400 },
      },
      {
        id: 'watchlist-7',
        kind: 'watchlist',
        layout: { l: 1 },
        bounds: { x: 50, y: 60, width: 400, height: 600 },
      },
    ]);
    const { wm } = manager(store);
    wm.restore();
    expect(wins().map((w) => [w.options.x, w.options.y, w.options.width, w.options.height])).toEqual([
      [10, 20, 1300, 800],
      [1500, 100, 600, 400],
      [50, 60, 400, 600],
    ]);
    expect(wins()[0]!.maximized).toBe(true);
    expect(wm.ready(wins()[1]!.webContents.id)).toMatchObject({
      windowId: 'popout-4',
      panel: 'chart',
      state: { code: '005930' },
    });
    expect(wm.ready(wins()[2]!.webContents.id)).toMatchObject({ windowId: 'watchlist-7', layout: { l: 1 } });
    // New ids never collide with restored ones.
    expect(wm.popOut('book')).toBe('popout-8');
  });

  it('falls back safely when the display a window was on is gone', () => {
    fakeScreen.displays = [{ workArea: { x: 0, y: 0, width: 1280, height: 720 } }];
    const store = memoryStore([
      { id: 'main', kind: 'main', bounds: { x: 2000, y: 100, width: 2400, height: 1300 } },
      {
        id: 'popout-1',
        kind: 'popout',
        panel: 'ladder',
        bounds: { x: -1900, y: 0, width: 500, height: 500 },
      },
    ]);
    const { wm } = manager(store);
    wm.restore();
    const [main, pop] = wins();
    // No position (the OS centres it on the primary display) and a size that fits there.
    expect(main!.options).toMatchObject({ width: 1280, height: 720 });
    expect(main!.options.x).toBeUndefined();
    expect(pop!.options).toMatchObject({ width: 500, height: 500 });
    expect(pop!.options.x).toBeUndefined();
  });

  it('places windows by rule', () => {
    const displays = [
      { x: 0, y: 0, width: 1920, height: 1080 },
      { x: 1920, y: 0, width: 1920, height: 1080 },
    ];
    expect(visibleOnSomeDisplay({ x: 2000, y: 10, width: 500, height: 500 }, displays)).toBe(true);
    expect(visibleOnSomeDisplay({ x: 4000, y: 10, width: 500, height: 500 }, displays)).toBe(false);
    expect(placeWindow('popout', undefined, displays, displays[0])).toEqual({ width: 640, height: 560 });
    expect(placeWindow('main', { x: 2000, y: 10, width: 900, height: 700 }, displays, displays[0])).toEqual({
      x: 2000,
      y: 10,
      width: 900,
      height: 700,
    });
  });

  it('saves moves, forgets windows the trader closes, and keeps all of them on quit', () => {
    const { wm, store } = manager();
    const main = wm.createMainWindow() as unknown as FakeBrowserWindow;
    const a = wm.popOut('ladder');
    const b = wm.newWatchlist();
    main.moveTo(300, 200);
    expect(store.current.find((s) => s.id === 'main')?.bounds).toMatchObject({ x: 300, y: 200 });
    (wm.windowById(a) as unknown as FakeBrowserWindow).close();
    expect(store.current.map((s) => s.id)).toEqual(['main', b]);
    wm.prepareQuit();
    wm.closeAll();
    expect(store.current.map((s) => s.id)).toEqual(['main', b]);
  });
});

describe('closing the main window', () => {
  it('asks before closing everything, and cancel keeps every window', async () => {
    const { wm, onCloseAll } = manager();
    const main = wm.createMainWindow() as unknown as FakeBrowserWindow;
    wm.popOut('chart');
    showMessageBox.mockResolvedValueOnce({ response: 1 });
    main.close();
    await vi.waitFor(() => expect(showMessageBox).toHaveBeenCalledTimes(1));
    expect(showMessageBox.mock.calls[0]![1]).toMatchObject({ buttons: ['Close all', 'Cancel'], cancelId: 1 });
    await Promise.resolve();
    expect(main.isDestroyed()).toBe(false);
    expect(wm.count).toBe(2);
    expect(onCloseAll).not.toHaveBeenCalled();
  });

  it('closes all windows when the trader agrees, keeping the set for next time', async () => {
    const { wm, store, onCloseAll } = manager();
    const main = wm.createMainWindow() as unknown as FakeBrowserWindow;
    const pop = wm.popOut('chart');
    showMessageBox.mockResolvedValueOnce({ response: 0 });
    main.close();
    await vi.waitFor(() => expect(onCloseAll).toHaveBeenCalledTimes(1));
    expect(wm.count).toBe(0);
    expect(store.current.map((s) => s.id)).toEqual(['main', pop]);
  });

  it('closes at once when it is the only window', () => {
    const { wm, store } = manager();
    const main = wm.createMainWindow() as unknown as FakeBrowserWindow;
    main.close();
    expect(showMessageBox).not.toHaveBeenCalled();
    expect(main.isDestroyed()).toBe(true);
    expect(store.current.map((s) => s.id)).toEqual(['main']);
  });
});
