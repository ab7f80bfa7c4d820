/** Link groups of this window: colour → symbol. Window-local; multi-window linking comes later. */
import { create } from 'zustand';
import { LINK_COLORS, type LinkColor } from '../lib/link';

interface LinkState {
  groups: Partial<Record<LinkColor, string>>;
  setSymbol(color: LinkColor, code: string): void;
}

const KEY = 'observer.links.v1';

function load(): Partial<Record<LinkColor, string>> {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, unknown>;
    const out: Partial<Record<LinkColor, string>> = {};
    for (const c of LINK_COLORS) if (typeof raw[c] === 'string') out[c] = raw[c];
    return out;
  } catch {
    return {};
  }
}

export const useLinks = create<LinkState>((set, get) => ({
  groups: { green: '005930', ...load() },
  setSymbol(color, code) {
    set({ groups: { ...get().groups, [color]: code } });
    localStorage.setItem(KEY, JSON.stringify(get().groups));
  },
}));

/** The symbol the hotkeys act on: the last one chosen anywhere. */
interface FocusState {
  code: string | undefined;
  setCode(code: string): void;
}
export const useFocusSymbol = create<FocusState>((set) => ({
  code: undefined,
  setCode: (code) => set({ code }),
}));
