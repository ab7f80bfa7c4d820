/**
 * The desktop app's start (src/main/electron/main.ts) with a mocked electron: which mode it boots
 * from the stored choice and the vault, and the restart after a mode switch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mode } from '../../../../src/shared/domain/mode';

const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (t: string) => Buffer.from(Buffer.from(t, 'utf8').map((b) => b ^ 0x41)),
  decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x41)).toString('utf8'),
};

const app = {
  isPackaged: false,
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: vi.fn(async () => {}),
  on: vi.fn(),
  quit: vi.fn(),
  exit: vi.fn(),
  relaunch: vi.fn(),
};

vi.mock('electron', () => ({
  app,
  BrowserWindow: { getFocusedWindow: () => null },
  dialog: { showOpenDialog: vi.fn(), showErrorBox: vi.fn() },
  ipcMain: {},
  safeStorage: fakeSafeStorage,
  session: { defaultSession: {} },
}));
vi.mock('electron-store', () => ({
  default: class {
    private readonly data: Record<string, unknown> = { windowSet: [] };
    get(k: string) {
      return this.data[k];
    }
    set(k: string, v: unknown) {
      this.data[k] = v;
    }
  },
}));
vi.mock('../../../../src/main/electron/security', () => ({ hardenSession: vi.fn() }));
vi.mock('../../../../src/main/electron/desktop', () => ({
  attachContextMenu: vi.fn(),
  installAppMenu: vi.fn(),
  FillAlerts: class {
    markRead() {}
    dispose() {}
  },
}));
vi.mock('../../../../src/main/electron/window-manager', () => ({
  WindowManager: class {
    count = 1;
    restore() {}
    all() {
      return [];
    }
    isTrusted() {
      return true;
    }
    focusedOrMain() {
      return undefined;
    }
    prepareQuit() {}
  },
}));
vi.mock('../../../../src/main/core/transports/ipc', () => ({
  registerIpcTransport: () => ({ dispose: vi.fn(), sessionFor: () => undefined }),
}));

interface BootCall {
  mode: Mode;
  envVars?: Record<string, string | undefined>;
  client?: unknown;
}
const boots: BootCall[] = [];
let failModes: Mode[] = [];
const installed: Array<{ credentials?: Record<string, (p: unknown, ctx: unknown) => Promise<unknown>> }> = [];

vi.mock('../../../../src/main/core/boot', () => ({
  bootObserver: vi.fn(async (options: BootCall) => {
    boots.push(options);
    if (failModes.includes(options.mode)) throw new Error(`cannot start ${options.mode}`);
    return {
      mode: options.mode,
      host: {},
      broker: { logout: vi.fn() },
      settings: { get: () => ({ preferences: { locale: 'en' } }), onDidChange: () => ({ dispose() {} }) },
      orders: { onNotice: () => ({ dispose() {} }), killSwitch: vi.fn() },
      shell: { use: (impl: (typeof installed)[number]) => installed.push(impl) },
      dispose: vi.fn(async () => {}),
    };
  }),
}));

const { startDesktop } = await import('../../../../src/main/electron/main');
const { CredentialVault } = await import('../../../../src/main/electron/credential-vault');
const { StartModeFile } = await import('../../../../src/main/core/services/mode-switch');

const REAL = {
  env: 'real' as const,
  appKey: 'PSrealAppKey0123456789abcdefghij',
  appSecret: 'realSecret0123456789abcdefghijklmnopqrstuv',
  account: '12345678-01',
  htsId: 'trader01',
};

let home: string;
let warn: ReturnType<typeof vi.spyOn>;
const savedEnv = { home: process.env['OBSERVER_HOME'], mode: process.env['OBSERVER_MODE'] };
const restoreEnv = (name: string, value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'observer-start-'));
  process.env['OBSERVER_HOME'] = home;
  delete process.env['OBSERVER_MODE'];
  boots.length = 0;
  installed.length = 0;
  failModes = [];
  vi.clearAllMocks();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  restoreEnv('OBSERVER_HOME', savedEnv.home);
  restoreEnv('OBSERVER_MODE', savedEnv.mode);
  rmSync(home, { recursive: true, force: true });
});

const vault = () => new CredentialVault({ dataDir: home, safeStorage: fakeSafeStorage, platform: 'linux' });

describe('the desktop app start mode', () => {
  it('starts in demo when nothing was chosen', async () => {
    await startDesktop();
    expect(boots.map((b) => b.mode)).toEqual(['demo']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('starts in REAL with the vault’s real keys when REAL was confirmed', async () => {
    await vault().save(REAL);
    new StartModeFile(home).save({ mode: 'real', confirmedAt: 1 });
    await startDesktop();
    expect(boots).toHaveLength(1);
    expect(boots[0]!.mode).toBe('real');
    expect(boots[0]!.envVars).toMatchObject({
      KIS_APP_KEY_REAL: REAL.appKey,
      KIS_ACCOUNT_NUMBER: '12345678-01',
    });
    expect(boots[0]!.client).toBeDefined();
  });

  it('falls back to demo with a clear log line when REAL has no keys', async () => {
    new StartModeFile(home).save({ mode: 'real', confirmedAt: 1 });
    await startDesktop();
    expect(boots.map((b) => b.mode)).toEqual(['demo']);
    expect(warn).toHaveBeenCalledWith(
      '[mode] Starting in demo: REAL (실전) was chosen, but no real keys are available.',
    );
  });

  it('ignores OBSERVER_MODE=real', async () => {
    await vault().save(REAL);
    process.env['OBSERVER_MODE'] = 'real';
    await startDesktop();
    expect(boots.map((b) => b.mode)).toEqual(['demo']);
    expect(warn.mock.calls[0]![0]).toMatch(/OBSERVER_MODE=real is ignored/);
  });

  it('falls back to demo when the chosen mode cannot start', async () => {
    await vault().save({ ...REAL, env: 'paper', account: '50123456-01' });
    new StartModeFile(home).save({ mode: 'paper' });
    failModes = ['paper'];
    await startDesktop();
    expect(boots.map((b) => b.mode)).toEqual(['paper', 'demo']);
    expect(warn).toHaveBeenCalledWith('[mode] Starting in demo: paper could not start: cannot start paper');
  });

  it('a mode switch stores the choice and relaunches the app once the answer is out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await vault().save(REAL);
    process.env['OBSERVER_MODE'] = 'demo';
    await startDesktop();
    const credentials = installed.find((i) => i.credentials)!.credentials!;
    const ctx = { sessionId: 'e-1', transport: 'electron' };
    expect(await credentials['status']!(undefined, ctx)).toMatchObject({ mode: 'demo', startMode: 'demo' });
    await expect(credentials['switchMode']!({ mode: 'real', confirm: 'nope' }, ctx)).rejects.toMatchObject({
      code: 'refused',
      field: 'confirm',
    });
    expect(await credentials['switchMode']!({ mode: 'real', confirm: 'REAL' }, ctx)).toEqual({
      mode: 'real',
      restart: true,
    });
    expect(app.relaunch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
    // The trader's choice wins over the variable the first start had.
    expect(process.env['OBSERVER_MODE']).toBeUndefined();
    expect(new StartModeFile(home).load()).toMatchObject({ mode: 'real' });
  });
});
