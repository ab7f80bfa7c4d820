/** What the host says about itself: info once, then the live status stream. */
import { create } from 'zustand';
import type { AppInfo, AppStatus } from '../../../shared/contract';
import type { BridgeLinkState } from '../bridge';
import type { MessageKey } from '../i18n/messages';

interface AppState {
  info: AppInfo | null;
  status: AppStatus | null;
  link: BridgeLinkState;
  fatal: MessageKey | null;
  setInfo(info: AppInfo): void;
  setStatus(status: AppStatus): void;
  setLink(link: BridgeLinkState): void;
  setFatal(message: MessageKey): void;
}

export const useApp = create<AppState>((set) => ({
  info: null,
  status: null,
  link: 'connecting',
  fatal: null,
  setInfo: (info) => set({ info }),
  setStatus: (status) => set({ status }),
  setLink: (link) => set({ link }),
  setFatal: (fatal) => set({ fatal }),
}));
