/**
 * Who this window is, from the ready handshake (`windows:ready`): the main window, a pop-out
 * holding one panel, or a watchlist window; with the hand-over state and its saved layout. In web
 * mode every browser tab is a main window of its own and `desktop` is false.
 */
import { create } from 'zustand';
import type { WindowInit } from '../../../shared/contract';
import { getBridge } from '../bridge';

interface WindowStore {
  init: WindowInit | null;
}

export const useWindow = create<WindowStore>(() => ({ init: null }));

export async function windowReady(): Promise<WindowInit> {
  const current = useWindow.getState().init;
  if (current) return current;
  const init = await getBridge().api.windows.ready();
  useWindow.setState({ init });
  return init;
}
