/**
 * SafetyService: the kill switch, the daily loss limit and the risk settings per environment.
 * The lock and the settings live in `<dataDir>/safety.json`, so a lock set in the app also holds
 * for the command line (and survives a restart) until the trader lifts it. A daily-loss lock ends
 * with the KST day; a kill-switch lock only with `unlock()`.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  RiskLimits,
  SafetySettings,
  type Capabilities,
  type LockReason,
  type SafetyState,
} from '../../../shared/contract/safety';
import { BridgeError } from '../../../shared/contract/errors';
import type { Mode } from '../../../shared/domain/mode';
import type { OrderTicket, RiskDecision } from '../../../shared/domain/orders';
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import type { Broker } from './broker';
import type { OrderJournal } from './journal';
import { kstDay } from './journal';
import { defaultSafetySettings, won } from './risk';
import { moveAside, writeJsonFile } from './json-file';

interface Lock {
  reason: LockReason;
  since: number;
  message: string;
  /** KST day a daily-loss lock applies to. */
  day?: string;
}

export interface CancelAllSummary {
  requested: number;
  cancelled: number;
  failures: Array<{ orderNo: string; message: string }>;
}

export interface SafetyServiceOptions {
  mode: Mode;
  /** `<dataDir>/safety.json`; absent = in memory only (tests). */
  file?: string;
  journal?: OrderJournal;
  now?: () => number;
}

export class SafetyService implements Disposable {
  private settings: SafetySettings;
  private lockState: Lock | undefined;
  /** The account's total evaluation when first seen on the current KST day (persisted). */
  private dayStart: { day: string; equity: number } | undefined;
  private dailyPnl: number | undefined;
  private unresolvedCount = 0;
  private readonly changed = new Emitter<SafetyState>();
  readonly onDidChange = this.changed.event;
  private monitor: ReturnType<typeof setInterval> | undefined;
  readonly mode: Mode;
  private readonly now: () => number;

  constructor(private readonly options: SafetyServiceOptions) {
    this.mode = options.mode;
    this.now = options.now ?? Date.now;
    const loaded = this.load();
    this.settings = loaded.settings;
    this.lockState = loaded.lock;
    this.dayStart = loaded.dayStart;
  }

  /**
   * Today's P&L from account equity (cash + evaluation, fees and tax included): the difference
   * from the first equity seen this KST day. Realized and unrealized, whether or not a position
   * is still held. Deposits or withdrawals during the day would count as P&L.
   */
  pnlFromEquity(equity: number): number {
    const day = kstDay(this.now());
    if (this.dayStart?.day !== day) {
      this.dayStart = { day, equity };
      this.save();
    }
    return equity - this.dayStart.equity;
  }

  get limits(): RiskLimits {
    return this.settings[this.mode];
  }

  getSettings(): SafetySettings {
    return structuredClone(this.settings);
  }

  updateSettings(mode: Mode, patch: Partial<RiskLimits>): SafetySettings {
    const next = RiskLimits.parse({ ...this.settings[mode], ...patch });
    this.settings = { ...this.settings, [mode]: next };
    this.options.journal?.append('settings', { for: mode, limits: next });
    this.save();
    this.fire();
    return this.getSettings();
  }

  get state(): SafetyState {
    this.expireDailyLock();
    const l = this.lockState;
    const limit = this.limits.dailyLossLimit;
    return {
      mode: this.mode,
      locked: l !== undefined,
      ...(l ? { reason: l.reason, message: l.message, since: l.since } : {}),
      armed: limit !== null,
      ...(this.dailyPnl !== undefined ? { dailyPnl: this.dailyPnl } : {}),
      dailyLossLimit: limit,
      unresolved: this.unresolvedCount,
    };
  }

  /** The order service reports how many orders are unresolved (for the state stream). */
  setUnresolved(n: number): void {
    if (n === this.unresolvedCount) return;
    this.unresolvedCount = n;
    this.fire();
  }

  /** The lock's verdict on a ticket: kill switch blocks everything, a daily-loss lock new buys. */
  gate(ticket: Pick<OrderTicket, 'side'> | undefined): RiskDecision | undefined {
    this.expireDailyLock();
    const l = this.lockState;
    if (!l) return undefined;
    if (l.reason === 'kill-switch') {
      return {
        rule: 'kill-switch',
        tier: 'block',
        message: `킬 스위치로 주문이 잠겨 있습니다: ${l.message}`,
        messageEn: `Trading is locked by the kill switch: ${l.message}. Unlock it to trade again.`,
      };
    }
    if (l.reason === 'daily-loss' && (!ticket || ticket.side === 'buy')) {
      return {
        rule: 'daily-loss',
        tier: 'block',
        message: `일일 손실 한도로 오늘은 신규 매수가 잠겨 있습니다: ${l.message}`,
        messageEn: `New buys are locked for the rest of the day by the daily loss limit: ${l.message}`,
      };
    }
    return undefined;
  }

  /** Locks trading and cancels every open order. */
  async killSwitch(
    cancelAll: () => Promise<CancelAllSummary>,
    reason?: string,
  ): Promise<{ cancel: CancelAllSummary; state: SafetyState }> {
    this.lock('kill-switch', reason?.trim() || '수동 실행 (manual)');
    const cancel = await cancelAll();
    this.options.journal?.append('lock', { reason: 'kill-switch', cancel });
    return { cancel, state: this.state };
  }

  unlock(): SafetyState {
    this.expireDailyLock();
    const l = this.lockState;
    if (l?.reason === 'daily-loss') {
      throw new BridgeError({
        code: 'refused',
        message:
          '일일 손실 한도 잠금은 오늘 장이 끝날 때까지 유지됩니다 (the daily-loss lock lasts until the KST day ends).',
        hint: 'daily-loss',
      });
    }
    if (l) {
      this.lockState = undefined;
      this.options.journal?.append('unlock', { reason: l.reason, since: l.since });
      this.save();
      this.fire();
    }
    return this.state;
  }

  /**
   * Measures today's P&L against the limit; below minus the limit, locks buys for the day and
   * cancels open orders. Returns whether it locked now.
   */
  async checkDailyLoss(pnl: number, cancelAll: () => Promise<CancelAllSummary>): Promise<boolean> {
    const changed = this.dailyPnl !== pnl;
    this.dailyPnl = pnl;
    const limit = this.limits.dailyLossLimit;
    this.expireDailyLock();
    if (
      limit !== null &&
      pnl < -limit &&
      this.lockState?.reason !== 'daily-loss' &&
      this.lockState?.reason !== 'kill-switch'
    ) {
      this.lock(
        'daily-loss',
        `손익 ${won(pnl)}원이 한도 -${won(limit)}원 아래입니다 (P&L ${won(pnl)} won is below the limit of -${won(limit)} won)`,
        kstDay(this.now()),
      );
      const cancel = await cancelAll();
      this.options.journal?.append('lock', { reason: 'daily-loss', pnl, limit, cancel });
      return true;
    }
    if (changed) this.fire();
    return false;
  }

  /** Measures P&L every intervalMs (and when asked) while the limit is configured. */
  startMonitor(
    measure: () => Promise<number>,
    cancelAll: () => Promise<CancelAllSummary>,
    intervalMs = 15_000,
  ): { poke(): void } {
    let running = false;
    const run = () => {
      if (running || this.limits.dailyLossLimit === null) return;
      running = true;
      void measure()
        .then((pnl) => this.checkDailyLoss(pnl, cancelAll))
        .catch(() => undefined)
        .finally(() => (running = false));
    };
    this.monitor = setInterval(run, intervalMs);
    this.monitor.unref?.();
    return { poke: run };
  }

  private lock(reason: LockReason, message: string, day?: string): void {
    this.lockState = { reason, since: this.now(), message, ...(day ? { day } : {}) };
    this.options.journal?.append('lock', { reason, message, ...(day ? { day } : {}) });
    this.save();
    this.fire();
  }

  private expireDailyLock(): void {
    const l = this.lockState;
    if (l?.reason === 'daily-loss' && l.day !== kstDay(this.now())) {
      this.lockState = undefined;
      this.save();
    }
  }

  private fire(): void {
    this.changed.fire(this.state);
  }

  private load(): {
    settings: SafetySettings;
    lock: Lock | undefined;
    dayStart?: { day: string; equity: number } | undefined;
  } {
    const defaults = defaultSafetySettings();
    const file = this.options.file;
    if (!file || !existsSync(file)) return { settings: defaults, lock: undefined };
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as {
        settings?: unknown;
        lock?: Lock;
        dayStart?: unknown;
      };
      const parsed = SafetySettings.safeParse(raw.settings);
      const lock = raw.lock && typeof raw.lock.reason === 'string' ? raw.lock : undefined;
      const ds = raw.dayStart as { day?: unknown; equity?: unknown } | undefined;
      const dayStart =
        ds && typeof ds.day === 'string' && typeof ds.equity === 'number' && Number.isFinite(ds.equity)
          ? { day: ds.day, equity: ds.equity }
          : undefined;
      return { settings: parsed.success ? parsed.data : defaults, lock, dayStart };
    } catch {
      // A damaged file is kept aside, never silently overwritten; a lock in it cannot be read, so
      // we lock (kill switch) to be safe and let the trader unlock.
      moveAside(file, this.now());
      return {
        settings: defaults,
        lock: {
          reason: 'kill-switch',
          since: this.now(),
          message: 'safety.json was damaged; check and unlock',
        },
      };
    }
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    writeJsonFile(file, { settings: this.settings, lock: this.lockState, dayStart: this.dayStart });
  }

  dispose(): void {
    if (this.monitor) clearInterval(this.monitor);
    this.monitor = undefined;
    this.changed.dispose();
  }
}

/** What this account can do; paper lacks several KIS features (kis-protocol.md §1.2). */
export function capabilitiesFor(mode: Mode, paper: boolean): Capabilities {
  const no = (why: string) => ({ available: false, reason: why });
  const yes = { available: true };
  const paperOnly = (why: string) => (paper ? no(why) : yes);
  return {
    mode,
    paper,
    real: mode === 'real',
    items: [
      {
        id: 'modifiableOrdersQuery',
        ...paperOnly(
          '모의투자는 정정·취소 가능 주문 조회를 제공하지 않습니다 (paper: open orders come from the daily orders)',
        ),
      },
      { id: 'nxtRouting', ...paperOnly('모의투자는 KRX만 가능합니다 (paper routes to KRX only)') },
      {
        id: 'extendedHours',
        ...paperOnly(
          '모의투자는 정규장에만 주문을 받습니다 (paper takes orders in the regular session only)',
        ),
      },
      {
        id: 'reservationOrders',
        ...paperOnly('모의투자는 예약주문을 제공하지 않습니다 (no reservation orders in paper)'),
      },
      {
        id: 'creditOrders',
        ...paperOnly('모의투자는 신용주문을 제공하지 않습니다 (no credit orders in paper)'),
      },
      {
        id: 'holidayQuery',
        ...paperOnly('모의투자는 휴장일 조회를 제공하지 않습니다 (no holiday query in paper)'),
      },
      {
        id: 'expectedFills',
        ...paperOnly('모의투자는 예상체결 실시간을 제공하지 않습니다 (no H0STANC0 in paper)'),
      },
    ],
  };
}

/**
 * Today's P&L for the daily loss limit: unrealized (the balance's evaluation P&L) plus realized on
 * today's sells against the position's average price where the balance still lists it (KIS keeps
 * sold-out positions until D+2). An approximation until fills are booked per lot.
 */
export async function measureDailyPnl(
  broker: Pick<Broker, 'getBalance'>,
  safety: Pick<SafetyService, 'pnlFromEquity'>,
): Promise<number> {
  const balance = await broker.getBalance();
  return safety.pnlFromEquity(balance.totalEval);
}
