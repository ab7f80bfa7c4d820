/** The `settings` domain: watchlists, keymap and preferences, owned by the host and shared by all windows. */
import { z } from 'zod';
import { StockCode } from '../domain/market';
import { NoInput, request, stream } from './define';

export const Watchlist = z.object({
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(40),
  codes: z.array(StockCode).max(200),
});
export type Watchlist = z.infer<typeof Watchlist>;

export const Preferences = z.object({
  theme: z.enum(['dark', 'light']),
  locale: z.enum(['ko', 'en']),
  /** korean: 상승/매수 red, 하락/매도 blue; western: up green, down red. */
  colorConvention: z.enum(['korean', 'western']),
  ladderClick: z.enum(['single', 'double']),
  confirmOrders: z.boolean(),
  sounds: z.boolean(),
  hotkeyQty: z.number().int().positive().max(1_000_000),
});
export type Preferences = z.infer<typeof Preferences>;

/** A new install's preferences (the host's defaults; a window shows them until the host answers). */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  theme: 'dark',
  locale: 'ko',
  colorConvention: 'korean',
  ladderClick: 'double',
  confirmOrders: true,
  sounds: false,
  hotkeyQty: 1,
});

/** action id → key chord, e.g. "F2", "Ctrl+Shift+K" */
export const Keymap = z.record(z.string().min(1).max(40), z.string().min(1).max(40));
export type Keymap = z.infer<typeof Keymap>;

export const Settings = z.object({
  watchlists: z.array(Watchlist).min(1).max(30),
  keymap: Keymap,
  preferences: Preferences,
  /** Saved dockview layouts per window kind (opaque JSON the renderer owns). */
  layouts: z.record(z.string(), z.unknown()),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    watchlists: z.array(Watchlist).min(1).max(30).optional(),
    keymap: Keymap.optional(),
    preferences: Preferences.partial().optional(),
    layouts: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const settings = {
  get: request('settings:get', NoInput, Settings),
  update: request('settings:update', SettingsPatch, Settings),
  changes: stream('settings:changes', NoInput, Settings, { coalesceKey: () => 'settings' }),
} as const;
