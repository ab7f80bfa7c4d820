/**
 * The sandboxed preload: exposes `window.observer` with one method per contract channel and
 * nothing else — never ipcRenderer itself. Built as one CommonJS bundle.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { contract, createApi, IPC, StreamRouter, type InvokeResult } from '../shared/contract';

const router = new StreamRouter('e');
ipcRenderer.on(IPC.batch, (_event, batch: Array<[string, unknown[]]>) => router.route(batch));

const api = createApi(contract, {
  invoke: (channel, payload) => ipcRenderer.invoke(IPC.invoke, channel, payload) as Promise<InvokeResult>,
  subscribe(channel, args, listener, onError) {
    const id = router.add(listener);
    void (ipcRenderer.invoke(IPC.subscribe, id, channel, args) as Promise<InvokeResult>).then((r) => {
      if (!r.ok) {
        router.remove(id);
        onError(r.error);
      }
    });
    return () => {
      if (router.remove(id)) void ipcRenderer.invoke(IPC.unsubscribe, id);
    };
  },
});

contextBridge.exposeInMainWorld('observer', api);
