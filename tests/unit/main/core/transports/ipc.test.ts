import { afterEach, describe, expect, it } from 'vitest';
import { IPC } from '../../../../../src/shared/contract';
import type { ObserverRuntime } from '../../../../../src/main/core/runtime';
import { fakeRuntime } from '../../../helpers/runtime';
import {
  registerIpcTransport,
  type IpcMainLike,
  type IpcSender,
} from '../../../../../src/main/core/transports/ipc';

type Listener = (event: { sender: IpcSender }, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  call(channel: string, sender: IpcSender, ...args: unknown[]) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler ${channel}`);
    return h({ sender }, ...args);
  }
}

function fakeSender(id: number) {
  const sent: Array<[string, unknown[]]> = [];
  let onDestroyed: (() => void) | undefined;
  let destroyed = false;
  const sender: IpcSender = {
    id,
    send: (channel, ...args) => sent.push([channel, args]),
    isDestroyed: () => destroyed,
    once: (_e, l) => (onDestroyed = l),
  };
  return {
    sender,
    sent,
    destroy() {
      destroyed = true;
      onDestroyed?.();
    },
  };
}

describe('Electron IPC transport', () => {
  let runtime: ObserverRuntime;
  afterEach(async () => runtime?.dispose());

  async function setup() {
    runtime = await fakeRuntime('demo', { batchIntervalMs: 1 });
    const ipcMain = new FakeIpcMain();
    const trusted = new Set([1]);
    const rejected: Array<[number, string]> = [];
    const transport = registerIpcTransport({
      host: runtime.host,
      ipcMain,
      isTrustedSender: (s) => trusted.has(s.id),
      onRejectedSender: (s, c) => rejected.push([s.id, c]),
    });
    return { ipcMain, trusted, rejected, transport };
  }

  it('answers a window we created', async () => {
    const { ipcMain } = await setup();
    const r = await ipcMain.call(IPC.invoke, fakeSender(1).sender, 'app:info', undefined);
    expect(r).toMatchObject({ ok: true, value: { mode: 'demo', transport: 'electron' } });
  });

  it('rejects an unknown sender on every channel without opening a session', async () => {
    const { ipcMain, rejected } = await setup();
    const stranger = fakeSender(99);
    for (const [channel, args] of [
      [IPC.invoke, ['app:info', undefined]],
      [IPC.subscribe, ['s1', 'app:status', {}]],
      [IPC.unsubscribe, ['s1']],
    ] as const) {
      const r = await ipcMain.call(channel, stranger.sender, ...args);
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(rejected.map(([id]) => id)).toEqual([99, 99, 99]);
    expect(runtime.host.sessionCount).toBe(0);
    expect(stranger.sent).toEqual([]);
  });

  it('rejects a malformed payload from a trusted window, naming the field', async () => {
    const { ipcMain } = await setup();
    const r = await ipcMain.call(IPC.invoke, fakeSender(1).sender, 'app:info', { bogus: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('delivers stream batches to the subscribing window and cleans up when it is destroyed', async () => {
    const { ipcMain, transport } = await setup();
    const win = fakeSender(1);
    expect(await ipcMain.call(IPC.subscribe, win.sender, 's1', 'app:status', {})).toEqual({
      ok: true,
      value: null,
    });
    await expect.poll(() => win.sent.length).toBeGreaterThan(0);
    const [channel, [batch]] = win.sent[0]!;
    expect(channel).toBe(IPC.batch);
    expect((batch as Array<[string, unknown[]]>)[0]![0]).toBe('s1');
    expect(runtime.host.sessionCount).toBe(1);
    win.destroy();
    expect(runtime.host.sessionCount).toBe(0);
    expect(transport.sessionFor(1)).toBeUndefined();
  });

  it('removes its handlers on dispose', async () => {
    const { ipcMain, transport } = await setup();
    transport.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
