/**
 * A small stand-in for the parts of electron the shell uses, for vi.mock('electron', …). No
 * Electron binary exists on CI machines without a display; these fakes keep the shell testable.
 */
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => void;

class Events {
  private readonly handlers = new Map<string, Handler[]>();
  on(event: string, h: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), h]);
    return this;
  }
  once(event: string, h: Handler): this {
    const wrap: Handler = (...a) => {
      this.off(event, wrap);
      h(...a);
    };
    return this.on(event, wrap);
  }
  off(event: string, h: Handler): this {
    this.handlers.set(
      event,
      (this.handlers.get(event) ?? []).filter((x) => x !== h),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) h(...args);
  }
}

let nextWebContentsId = 100;

export class FakeWebContents extends Events {
  readonly id = nextWebContentsId++;
  readonly setWindowOpenHandler = vi.fn();
  readonly send = vi.fn();
}

export interface FakeWindowOptions {
  x?: number;
  y?: number;
  width: number;
  height: number;
  title?: string;
  webPreferences?: Record<string, unknown>;
}

export class FakeBrowserWindow extends Events {
  static readonly created: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }

  readonly webContents = new FakeWebContents();
  readonly options: FakeWindowOptions;
  destroyed = false;
  maximized = false;
  minimized = false;
  url = '';
  bounds: { x: number; y: number; width: number; height: number };
  readonly show = vi.fn();
  readonly flashFrame = vi.fn();

  constructor(options: FakeWindowOptions) {
    super();
    this.options = options;
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width, height: options.height };
    FakeBrowserWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isFocused(): boolean {
    return FakeBrowserWindow.focused === this;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    FakeBrowserWindow.focused = this;
    this.emit('focus');
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  /** Moves the window as a user would, firing 'moved'. */
  moveTo(x: number, y: number): void {
    this.bounds = { ...this.bounds, x, y };
    this.emit('moved');
  }
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null;
    this.emit('closed');
    this.webContents.emit('destroyed');
  }
}

export interface Display {
  workArea: { x: number; y: number; width: number; height: number };
}

export const fakeScreen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] as Display[],
  getAllDisplays(): Display[] {
    return fakeScreen.displays;
  },
  getPrimaryDisplay(): Display {
    return fakeScreen.displays[0]!;
  },
};

export function resetFakes(): void {
  FakeBrowserWindow.created.length = 0;
  FakeBrowserWindow.focused = null;
  fakeScreen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
}
