/**
 * Link groups (colour → symbol), owned by the host and shared by every window on it. A local
 * choice shows at once; the host's state wins once it has answered. States older than one already
 * applied are ignored (`rev`), and while this window's own change is in flight the colour keeps the
 * local choice, so a quick second pick is never undone by the echo of the first.
 */
import { create } from 'zustand';
import type { LinkState } from '../../../shared/contract';
import { getBridge } from '../bridge';
import { describeError } from '../lib/errors';
import type { LinkColor } from '../lib/link';
import { toast } from './toasts';

interface LinksStore {
  groups: Partial<Record<LinkColor, string>>;
  /** False until the host's state has arrived once. */
  loaded: boolean;
  setSymbol(color: LinkColor, code: string): void;
}

let host: LinkState | undefined;
/** Colour → the local pick still waiting for the host's answer, with its sequence number. */
const pending = new Map<LinkColor, { code: string; seq: number }>();
let seq = 0;

function publish(): void {
  const groups: Partial<Record<LinkColor, string>> = { ...(host?.groups ?? {}) };
  for (const [color, p] of pending) groups[color] = p.code;
  useLinks.setState({ groups, loaded: host !== undefined });
}

/** Takes a host state unless it is older than the one already applied (same host run). */
export function applyLinkState(state: LinkState): void {
  if (!host || host.epoch !== state.epoch || state.rev >= host.rev) host = state;
  publish();
}

export const useLinks = create<LinksStore>(() => ({
  groups: {},
  loaded: false,
  setSymbol(color, code) {
    const mine = ++seq;
    pending.set(color, { code, seq: mine });
    publish();
    const settle = () => {
      if (pending.get(color)?.seq === mine) pending.delete(color);
    };
    getBridge()
      .api.links.set({ color, code })
      .then((state) => {
        settle();
        // The answer may be older than a state another window's change already brought.
        applyLinkState(state);
      })
      .catch((e: unknown) => {
        settle();
        publish();
        toast({ kind: 'error', title: 'Link', body: describeError(e) });
      });
  },
}));

export async function loadLinks(): Promise<void> {
  applyLinkState(await getBridge().api.links.get());
}

export function watchLinks(): () => void {
  return getBridge().api.links.changes(undefined, (events) => {
    const last = events[events.length - 1];
    if (last) applyLinkState(last);
  });
}

/** Back to the host's default groups (with the layout reset). */
export async function resetLinks(): Promise<void> {
  pending.clear();
  applyLinkState(await getBridge().api.links.reset());
}

/** For tests: forget everything this window knows. */
export function __resetLinkStore(): void {
  host = undefined;
  pending.clear();
  seq = 0;
  useLinks.setState({ groups: {}, loaded: false });
}

/** The symbol the hotkeys act on: the last one chosen anywhere. */
interface FocusState {
  code: string | undefined;
  setCode(code: string): void;
}
export const useFocusSymbol = create<FocusState>((set) => ({
  code: undefined,
  setCode: (code) => set({ code }),
}));
