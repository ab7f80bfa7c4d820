/** The preload exposes one verb per contract channel as `window.observer`, and never ipcRenderer. */
import { describe, expect, it, vi } from 'vitest';

const fx = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: { windowId: 'popout-1' } })),
  on: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fx.exposed.set(key, api) },
  ipcRenderer: { invoke: fx.invoke, on: fx.on },
}));

await import('../../../src/preload/index');
const { contract, IPC } = await import('../../../src/shared/contract');

describe('preload bridge', () => {
  const api = fx.exposed.get('observer') as Record<string, Record<string, unknown>>;

  it('exposes exactly the contract, including the windows and credentials domains', () => {
    expect([...fx.exposed.keys()]).toEqual(['observer']);
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
    for (const [domain, defs] of Object.entries(contract))
      expect(Object.keys(api[domain]!).sort()).toEqual(Object.keys(defs).sort());
    expect(Object.isFrozen(api)).toBe(true);
    const flat = JSON.stringify(Object.keys(api));
    expect(flat).not.toMatch(/ipcRenderer|send|invoke/);
  });

  it('maps a verb to one invoke on the single invoke channel', async () => {
    const popOut = api['windows']!['popOut'] as (p: unknown) => Promise<unknown>;
    await expect(popOut({ panel: 'ladder' })).resolves.toEqual({ windowId: 'popout-1' });
    expect(fx.invoke).toHaveBeenCalledWith(IPC.invoke, 'windows:popOut', { panel: 'ladder' });
  });
});
