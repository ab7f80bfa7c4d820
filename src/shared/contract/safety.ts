/**
 * The `safety` domain: the kill switch, the daily loss limit, the pre-trade risk settings per
 * environment, the order journal, and what a paper account cannot do (so the UI can disable an
 * action with a reason). The host is authoritative; windows subscribe to `safety:state`.
 */
import { z } from 'zod';
import { Mode } from '../domain/mode';
import { Side } from '../domain/market';
import { OrderState } from '../domain/orders';
import { NoInput, request, stream } from './define';
import { CancelAllResult } from './orders';

/** How a rule acts: off, or the tier its decision takes. */
export const RuleTier = z.enum(['off', 'warn', 'confirm', 'block']);
export type RuleTier = z.infer<typeof RuleTier>;

/**
 * Thresholds of a measured rule: a value ABOVE a threshold takes that tier (at the threshold is
 * still fine); the most severe tier whose threshold is exceeded wins. Absent = that tier is off.
 */
export const Thresholds = z
  .object({
    warn: z.number().nonnegative().optional(),
    confirm: z.number().nonnegative().optional(),
    block: z.number().nonnegative().optional(),
  })
  .strict();
export type Thresholds = z.infer<typeof Thresholds>;

export const RiskLimits = z
  .object({
    /** A limit price off the tick grid (호가단위). */
    tickSize: RuleTier,
    /** A limit price outside today's upper/lower limit (±30 % of the base price). */
    priceLimit: RuleTier,
    /** Distance of a limit price from the last price, in %. */
    distancePct: Thresholds,
    /** Distance of a limit price from the last price, in ticks. */
    distanceTicks: Thresholds,
    /** Shares per order. */
    maxQty: Thresholds,
    /** Order value in won (market orders: at the last price). */
    maxValue: Thresholds,
    /** Buys: order value as % of the cash available for orders. */
    buyingPowerPct: Thresholds,
    /** The same symbol, side, price and quantity again within windowSec seconds. */
    duplicate: z.object({ tier: RuleTier, windowSec: z.number().positive().max(3600) }).strict(),
    /** Orders sent in the last second, this one included. */
    rate: Thresholds,
    /** A market-type order while the exchange session does not take one. */
    marketSession: RuleTier,
    /** Realized + unrealized P&L below minus this (won) cancels open orders and locks buys for the day. */
    dailyLossLimit: z.number().positive().nullable(),
  })
  .strict();
export type RiskLimits = z.infer<typeof RiskLimits>;

export const SafetySettings = z.object({ demo: RiskLimits, paper: RiskLimits, real: RiskLimits }).strict();
export type SafetySettings = z.infer<typeof SafetySettings>;

export const SafetySettingsUpdate = z.object({ mode: Mode, limits: RiskLimits.partial() }).strict();
export type SafetySettingsUpdate = z.infer<typeof SafetySettingsUpdate>;

export const LockReason = z.enum(['kill-switch', 'daily-loss', 'reconciling']);
export type LockReason = z.infer<typeof LockReason>;

export const SafetyState = z.object({
  mode: Mode,
  /** No new orders (daily-loss: no new buys) while locked. */
  locked: z.boolean(),
  reason: LockReason.optional(),
  /** A sentence for the status bar (Korean / English). */
  message: z.string().optional(),
  /** epoch ms the lock began. */
  since: z.number().optional(),
  /** The daily loss limit is configured and watched. */
  armed: z.boolean().optional(),
  /** Today's realized + unrealized P&L as last measured, won. */
  dailyPnl: z.number().optional(),
  dailyLossLimit: z.number().nullable().optional(),
  /** Orders whose outcome is not yet known (sent / unknown); they block their symbol and side. */
  unresolved: z.number().int().nonnegative(),
});
export type SafetyState = z.infer<typeof SafetyState>;

export const JournalKind = z.enum([
  'request',
  'decision',
  'sent',
  'response',
  'notice',
  'modify',
  'cancel',
  'transition',
  'reconcile',
  'lock',
  'unlock',
  'settings',
]);
export type JournalKind = z.infer<typeof JournalKind>;

export const JournalEntry = z.object({
  /** epoch ms */
  at: z.number(),
  kind: JournalKind,
  mode: Mode,
  /** The host's id of the order this entry is about (stable across restarts). */
  id: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const JournalQuery = z
  .object({
    /** KST day YYYYMMDD; default today. */
    date: z
      .string()
      .regex(/^\d{8}$/, 'a KST day as YYYYMMDD')
      .optional(),
    /** Only the last N entries. */
    limit: z.number().int().positive().max(100_000).optional(),
  })
  .strict()
  .optional();

export const JournalPage = z.object({
  date: z.string(),
  entries: z.array(JournalEntry),
  /** Lines that could not be read (a torn last line after a crash). */
  damaged: z.number().int().nonnegative(),
});
export type JournalPage = z.infer<typeof JournalPage>;

/** One order as the host's lifecycle tracks it. */
export const TrackedOrder = z.object({
  id: z.string(),
  state: OrderState,
  code: z.string(),
  side: Side,
  qty: z.number().int(),
  price: z.number().int().optional(),
  type: z.string(),
  orderNo: z.string().optional(),
  filledQty: z.number().int().nonnegative(),
  message: z.string().optional(),
  updatedAt: z.number(),
});
export type TrackedOrder = z.infer<typeof TrackedOrder>;

export const CapabilityId = z.enum([
  'modifiableOrdersQuery',
  'nxtRouting',
  'extendedHours',
  'reservationOrders',
  'creditOrders',
  'holidayQuery',
  'expectedFills',
]);
export type CapabilityId = z.infer<typeof CapabilityId>;

export const Capabilities = z.object({
  mode: Mode,
  paper: z.boolean(),
  /** REAL is only ever entered by an explicit choice; the host never switches to it. */
  real: z.boolean(),
  items: z.array(z.object({ id: CapabilityId, available: z.boolean(), reason: z.string().optional() })),
});
export type Capabilities = z.infer<typeof Capabilities>;

export const KillSwitchResult = z.object({ cancel: CancelAllResult, state: SafetyState });
export type KillSwitchResult = z.infer<typeof KillSwitchResult>;

export const safety = {
  /** Lock state as it changes (snapshot first). */
  state: stream('safety:state', NoInput, SafetyState, { coalesceKey: () => 'state' }),
  /** Cancels every open order and locks trading until `safety:unlock`. */
  killSwitch: request(
    'safety:killSwitch',
    z
      .object({ reason: z.string().max(200).optional() })
      .strict()
      .optional(),
    KillSwitchResult,
  ),
  /** Lifts a kill-switch lock (a daily-loss lock lasts until the KST day ends). */
  unlock: request('safety:unlock', NoInput, SafetyState),
  settings: request('safety:settings', NoInput, SafetySettings),
  updateSettings: request('safety:updateSettings', SafetySettingsUpdate, SafetySettings),
  journal: request('safety:journal', JournalQuery, JournalPage),
  /** The orders the lifecycle tracks today (including unknown outcomes). */
  orders: request('safety:orders', NoInput, z.array(TrackedOrder)),
  /** What this account can do (paper lacks several KIS features). */
  capabilities: request('safety:capabilities', NoInput, Capabilities),
} as const;
