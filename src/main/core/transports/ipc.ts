/**
 * The Electron IPC transport, written against a minimal shape of ipcMain so it lives in core and is
 * tested without Electron. Every call first proves its sender is a window this app created (the
 * WindowManager's registry decides), then goes through the host like any other transport.
 * One host session per renderer (webContents); it closes when that renderer goes away.
 */
import { BridgeError, IPC, type InvokeResult } from '../../../shared/contract';
import type { Disposable } from '../../../shared/lifecycle';
import type { Host, HostSession, StreamBatch } from '../host';

/** The part of a webContents the transport needs. */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: { sender: IpcSender }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcTransportOptions {
  host: Host;
  ipcMain: IpcMainLike;
  /** True only for webContents of windows we created (WindowManager's registry). */
  isTrustedSender(sender: IpcSender): boolean;
  onRejectedSender?(sender: IpcSender, channel: string): void;
}

export function registerIpcTransport(
  options: IpcTransportOptions,
): Disposable & { sessionFor(id: number): HostSession | undefined } {
  const { host, ipcMain } = options;
  const sessions = new Map<number, HostSession>();

  const sessionOf = (sender: IpcSender): HostSession => {
    let s = sessions.get(sender.id);
    if (!s) {
      const deliver = (batch: StreamBatch) => {
        if (!sender.isDestroyed()) sender.send(IPC.batch, batch);
      };
      const created = host.openSession('electron', deliver);
      sessions.set(sender.id, created);
      sender.once('destroyed', () => {
        created.close();
        sessions.delete(sender.id);
      });
      s = created;
    }
    return s;
  };

  const forbidden = (sender: IpcSender, channel: string): InvokeResult => {
    options.onRejectedSender?.(sender, channel);
    return {
      ok: false,
      error: new BridgeError({
        code: 'forbidden',
        message: 'This window is not allowed to talk to Observer.',
      }).toData(),
    };
  };

  ipcMain.handle(IPC.invoke, (event, channel, payload) => {
    if (!options.isTrustedSender(event.sender)) return forbidden(event.sender, String(channel));
    return sessionOf(event.sender).invoke(channel, payload);
  });
  ipcMain.handle(IPC.subscribe, (event, subId, channel, args) => {
    if (!options.isTrustedSender(event.sender)) return forbidden(event.sender, String(channel));
    return sessionOf(event.sender).subscribe(subId, channel, args);
  });
  ipcMain.handle(IPC.unsubscribe, (event, subId) => {
    if (!options.isTrustedSender(event.sender)) return forbidden(event.sender, IPC.unsubscribe);
    sessions.get(event.sender.id)?.unsubscribe(subId);
    return { ok: true, value: null } satisfies InvokeResult;
  });

  return {
    sessionFor: (id) => sessions.get(id),
    dispose() {
      ipcMain.removeHandler(IPC.invoke);
      ipcMain.removeHandler(IPC.subscribe);
      ipcMain.removeHandler(IPC.unsubscribe);
      for (const s of sessions.values()) s.close();
      sessions.clear();
    },
  };
}
