/** Transient messages: fills, rejects, errors. */
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'fill' | 'reject' | 'info' | 'error' | 'ok';
  title: string;
  body?: string | undefined;
  side?: 'buy' | 'sell';
  /** Fill and reject toasts: a click shows the order in the orders panel. */
  orderNo?: string;
}

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

let next = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(t) {
    const id = next++;
    set({ toasts: [...get().toasts.slice(-5), { ...t, id }] });
    setTimeout(() => get().dismiss(id), t.kind === 'error' || t.kind === 'reject' ? 9000 : 5000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((x) => x.id !== id) });
  },
}));

export function toast(t: Omit<Toast, 'id'>): void {
  useToasts.getState().push(t);
}

/** A short beep (WebAudio, generated — no sound files). */
let ctx: AudioContext | undefined;
export function beep(kind: 'fill' | 'reject'): void {
  try {
    ctx ??= new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = kind === 'fill' ? 880 : 330;
    gain.gain.setValueAtTime(0.08, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.2);
  } catch {
    // No audio device: the toast is enough.
  }
}
