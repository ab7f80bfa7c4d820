/**
 * THE bridge contract: every channel the renderer may use, one file per domain. Main, preload,
 * renderer and tests import it from here.
 */
import { account } from './account';
import { app } from './app';
import type { ContractApi } from './define';
import { links } from './links';
import { market } from './market';
import { orders } from './orders';
import { safety } from './safety';
import { settings } from './settings';
import { credentials, windows } from './windows';

export const contract = {
  app,
  market,
  orders,
  account,
  settings,
  links,
  safety,
  windows,
  credentials,
} as const;

export type Contract = typeof contract;
export type ObserverApi = ContractApi<Contract>;

export * from './define';
export * from './errors';
export { AppInfo, AppStatus } from './app';
export { FeedState } from './market';
export { CancelAllResult, OrderSource, PlaceRequest } from './orders';
export { BuyingPower } from './account';
export { LinkColor, LinkGroups, LinkState } from './links';
export { DEFAULT_PREFERENCES, Keymap, Preferences, Settings, SettingsPatch, Watchlist } from './settings';
export { RiskLimits, SafetySettings, SafetyState, JournalEntry, TrackedOrder, Capabilities } from './safety';
export {
  CredentialStatus,
  CredentialInput,
  WindowEvent,
  WindowInfo,
  WindowInit,
  WindowKind,
} from './windows';
export * from './api';
export * from './wire';
