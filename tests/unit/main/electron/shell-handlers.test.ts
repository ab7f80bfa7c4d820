import { describe, expect, it, vi } from 'vitest';
import { resetFakes, type FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => {
  const f = await import('./fake-electron');
  return { BrowserWindow: f.FakeBrowserWindow, screen: f.fakeScreen, dialog: {}, shell: {} };
});

const { Host } = await import('../../../../src/main/core/host');
const { ShellHandlers } = await import('../../../../src/main/core/services/windows');
const { credentials, windows } = await import('../../../../src/shared/contract/windows');
const { WindowManager } = await import('../../../../src/main/electron/window-manager');
const { electronWindowsHandlers } = await import('../../../../src/main/electron/windows-handlers');
const { contract } = await import('../../../../src/shared/contract');

const shellContract = { windows, credentials } as const;

describe('the windows and credentials domains in the host', () => {
  it('are part of the one contract', () => {
    expect(contract.windows).toBe(windows);
    expect(contract.credentials).toBe(credentials);
    for (const def of [...Object.values(windows), ...Object.values(credentials)])
      expect(def.channel).toMatch(/^(windows|credentials):[a-zA-Z]+$/);
  });

  it('answer with web-mode defaults: pop-outs refused, a browser tab is its own main window', async () => {
    const shell = new ShellHandlers();
    const host = new Host(shellContract, shell);
    const s = host.openSession('web', () => {});
    const ready = await s.invoke('windows:ready', undefined);
    expect(ready).toMatchObject({ ok: true, value: { kind: 'main', desktop: false } });
    expect(await s.invoke('windows:popOut', { panel: 'ladder' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/desktop app/) },
    });
    expect(await s.invoke('windows:newWatchlist', undefined)).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(await s.invoke('credentials:status', undefined)).toMatchObject({
      ok: true,
      value: {
        available: false,
        environments: [
          { env: 'paper', configured: false },
          { env: 'real', configured: false },
        ],
      },
    });
    expect(
      await s.invoke('credentials:save', {
        env: 'paper',
        appKey: 'k'.repeat(20),
        appSecret: 's'.repeat(20),
        account: '12345678-01',
      }),
    ).toMatchObject({ ok: false, error: { code: 'refused' } });
    host.dispose();
  });

  it('are replaced by the Electron shell, which knows which window is calling', async () => {
    resetFakes();
    const shell = new ShellHandlers();
    const host = new Host(shellContract, shell, { batchIntervalMs: 1 });
    const wm = new WindowManager({
      preloadPath: '/p.cjs',
      rendererUrl: 'file:///app/index.html',
      store: { load: () => [], save: () => {} },
    });
    const main = wm.createMainWindow() as unknown as FakeBrowserWindow;
    const session = host.openSession('electron', () => {});
    shell.use({
      windows: electronWindowsHandlers(wm, (ctx) =>
        ctx.sessionId === session.ctx.sessionId ? main.webContents.id : undefined,
      ),
    });

    expect(await session.invoke('windows:ready', undefined)).toEqual({
      ok: true,
      value: { windowId: 'main', kind: 'main', desktop: true },
    });
    const popped = await session.invoke('windows:popOut', { panel: 'chart', state: { code: '005930' } });
    expect(popped).toMatchObject({ ok: true, value: { windowId: expect.stringMatching(/^popout-/) } });
    expect(await session.invoke('windows:saveLayout', { layout: { a: 1 } })).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(await session.invoke('windows:getLayout', undefined)).toEqual({
      ok: true,
      value: { layout: { a: 1 } },
    });
    const list = await session.invoke('windows:list', undefined);
    expect(list).toMatchObject({
      ok: true,
      value: [{ windowId: 'main' }, { kind: 'popout', panel: 'chart' }],
    });
    // A session that maps to no window of ours is refused.
    const stranger = host.openSession('electron', () => {});
    expect(await stranger.invoke('windows:ready', undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await session.invoke('windows:popOut', { panel: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'panel' },
    });
    host.dispose();
  });
});
