/**
 * OrderService: the one path every order takes (ticket, ladder, hotkey, command line).
 *
 *   validate → (journal's unresolved orders reconciled) → lock / unknown-outcome gate → risk checks
 *   → journal "sent" (fsync) → broker, once, never retried → lifecycle from the answer, notices and
 *   the day's orders.
 *
 * An unknown outcome (timeout, dropped connection after sending) holds its symbol and side until
 * reconciliation with the day's orders resolves it; the order is never re-sent automatically.
 */
import type { TrackedOrder } from '../../../shared/contract/safety';
import { BridgeError } from '../../../shared/contract/errors';
import { isOnTick, tickSize, type InstrumentKind } from '../../../shared/domain/krx';
import type { OrderNotice, OrderRecord } from '../../../shared/domain/market';
import type { Mode } from '../../../shared/domain/mode';
import {
  isPricedOrderType,
  OrderTicket,
  type Execution,
  type OrderOutcome,
  type PlaceOutcome,
  type RiskDecision,
  type RiskRuleId,
} from '../../../shared/domain/orders';
import { Emitter, type Disposable } from '../../../shared/lifecycle';
import { BrokerError, type Broker } from './broker';
import type { Instrument } from '../../../shared/domain/instruments';
import { kstDay, kstTime, type OrderJournal } from './journal';
import { OrderLifecycle, type LifecycleOrder } from './order-lifecycle';
import {
  evaluateRisk,
  summarize,
  unconfirmed,
  wallClockSession,
  won,
  type SentRecord,
  type SessionSource,
} from './risk';
import { SafetyService, type CancelAllSummary } from './safety';

export type OrderSource = 'ticket' | 'ladder' | 'hotkey' | 'cli';

export class OrderRefusedError extends Error {
  constructor(
    message: string,
    readonly rule: string,
    readonly checks: RiskDecision[] = [],
  ) {
    super(message);
    this.name = 'OrderRefusedError';
  }

  toBridgeError(): BridgeError {
    return new BridgeError({ code: 'refused', message: this.message, hint: this.rule });
  }
}

/** Points in place() where a crash test can stop the process. */
export interface OrderHooks {
  /** The "sent" entry is on disk; the broker has not been called. */
  beforeSend?(id: string): void | Promise<void>;
  /** The broker answered; nothing about the answer is on disk yet. */
  afterSend?(id: string, outcome: OrderOutcome): void | Promise<void>;
}

export interface OrderServiceOptions {
  mode?: Mode;
  journal?: OrderJournal;
  /** Lock and limits; default an in-memory SafetyService with the mode's defaults. */
  safety?: SafetyService;
  /** KRX session: default the wall clock in KST, except demo (the simulator is always open). */
  session?: SessionSource;
  now?: () => number;
  /** An unknown outcome with no trace in the day's orders after this long never reached KIS. */
  reconcileGraceMs?: number;
  hooks?: OrderHooks;
  /** Follow the broker's order notices (default true; the command line, a short-lived process, does not). */
  notices?: boolean;
}

type InstrumentLookup = { get(code: string): Pick<Instrument, 'kind'> | undefined };

/** The first zod issue as "field: reason". */
function ticketProblem(raw: unknown): string | undefined {
  const r = OrderTicket.safeParse(raw);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'ticket';
  return `${field}: ${issue?.message ?? 'invalid'}`;
}

export class OrderService implements Disposable {
  private readonly changed = new Emitter<number>();
  readonly onDidChange = this.changed.event;
  private readonly notices = new Emitter<OrderNotice>();
  readonly onNotice = this.notices.event;
  readonly lifecycle: OrderLifecycle;
  readonly safety: SafetyService;
  readonly mode: Mode;
  private readonly journal: OrderJournal | undefined;
  private readonly session: SessionSource;
  private readonly now: () => number;
  private readonly graceMs: number;
  private readonly hooks: OrderHooks;
  private readonly noticeSub: Disposable;
  private readonly ownsSafety: boolean;
  /** Orders this process is waiting on the broker for: reconciliation leaves them alone. */
  private readonly inFlight = new Set<string>();
  private recent: SentRecord[] = [];
  private ready: Promise<void>;
  private disposed = false;

  constructor(
    private readonly broker: Broker,
    private readonly instruments: InstrumentLookup,
    options: OrderServiceOptions = {},
  ) {
    this.mode = options.mode ?? 'demo';
    this.journal = options.journal;
    this.now = options.now ?? Date.now;
    this.graceMs = options.reconcileGraceMs ?? 30_000;
    this.hooks = options.hooks ?? {};
    this.ownsSafety = !options.safety;
    this.safety = options.safety ?? new SafetyService({ mode: this.mode, now: this.now });
    this.session =
      options.session ?? (this.mode === 'demo' ? () => 'continuous' : wallClockSession(this.now));
    this.lifecycle = new OrderLifecycle(this.now, ({ order, from, to }) => {
      this.journal?.append(
        'transition',
        {
          from,
          to,
          ticket: order.ticket,
          filledQty: order.filledQty,
          ...(order.orderNo ? { orderNo: order.orderNo } : {}),
          ...(order.branchNo ? { branchNo: order.branchNo } : {}),
          ...(order.message ? { message: order.message } : {}),
          ...(order.sentAt !== undefined ? { sentAt: order.sentAt } : {}),
        },
        order.id,
      );
      this.safety.setUnresolved(this.lifecycle.unresolved().length);
    });
    this.noticeSub = (options.notices ?? true) ? this.followNotices() : { dispose: () => {} };
    this.ready = this.restore();
    // The failure is reported to the first order; nothing else waits on it.
    this.ready.catch(() => undefined);
  }

  private followNotices(): Disposable {
    return this.broker.realtime.subscribeNotices((n) => {
      this.journal?.append('notice', { ...n });
      try {
        this.lifecycle.applyNotice(n);
      } catch {
        // A notice out of order (e.g. before the REST answer) must not break the feed.
      }
      this.notices.fire(n);
      this.changed.fire(this.now());
    });
  }

  /** Resolves once the journal's unresolved orders were reconciled with the day's orders. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /**
   * Places one order. `raw` is validated here too (the contract already did for the bridge):
   * nothing malformed reaches the broker. Answers `needs-confirmation` when confirm-tier checks
   * are not all in `confirm`; throws OrderRefusedError for block-tier checks.
   */
  async place(raw: unknown, source: OrderSource, confirm: readonly string[] = []): Promise<PlaceOutcome> {
    const problem = ticketProblem(raw);
    if (problem !== undefined) {
      this.journal?.append('request', { source, invalid: problem, raw });
      throw new OrderRefusedError(
        `주문 내용이 올바르지 않습니다 (invalid ticket) — ${problem}`,
        'invalid-ticket',
      );
    }
    const ticket = OrderTicket.parse(raw);
    await this.ensureReconciled();

    const order = this.lifecycle.create(ticket);
    this.journal?.append('request', { ticket, source, confirm: [...confirm] }, order.id);
    const refuse = (d: RiskDecision, checks: RiskDecision[]): never => {
      this.journal?.append('decision', { checks }, order.id);
      this.lifecycle.transition(order.id, 'refused', { message: d.message });
      throw new OrderRefusedError(`${d.message} — ${d.messageEn}`, d.rule, checks);
    };

    const locked = this.safety.gate(ticket);
    if (locked) refuse(locked, [locked]);

    if (this.holding(ticket)) await this.reconcile().catch(() => undefined);
    if (this.holding(ticket)) refuse(this.unknownOutcome(ticket), []);

    let checks: RiskDecision[];
    try {
      checks = await this.assess(ticket);
    } catch (e) {
      this.lifecycle.transition(order.id, 'refused', { message: (e as Error).message });
      throw e;
    }
    const t = this.now();
    const priced = isPricedOrderType(ticket.type);
    const block = checks.find((c) => c.tier === 'block');
    if (block) refuse(block, checks);
    const pending = unconfirmed(checks, confirm);
    if (pending.length > 0) {
      this.journal?.append('decision', { checks, needsConfirmation: pending.map((c) => c.rule) }, order.id);
      this.lifecycle.transition(order.id, 'refused', { message: 'needs confirmation' });
      return { outcome: 'needs-confirmation', message: summarize(pending), checks };
    }
    if (checks.length > 0) this.journal?.append('decision', { checks, confirmed: [...confirm] }, order.id);

    this.lifecycle.transition(order.id, 'checked');
    this.recent.push({
      at: t,
      code: ticket.code,
      side: ticket.side,
      price: priced ? (ticket.price ?? 0) : 0,
      qty: ticket.qty,
      type: ticket.type,
    });
    this.inFlight.add(order.id);
    // The "sent" transition is journaled and fsync'd before the broker is called.
    this.lifecycle.transition(order.id, 'sent');
    let outcome: OrderOutcome;
    try {
      await this.hooks.beforeSend?.(order.id);
      try {
        outcome = await this.broker.placeOrder(ticket);
      } catch (e) {
        const reached = !(e instanceof BrokerError) || e.kind === 'network';
        this.journal?.append('response', { error: (e as Error).message, reached }, order.id);
        this.lifecycle.transition(order.id, reached ? 'unknown' : 'rejected', {
          message: (e as Error).message,
        });
        throw e;
      }
      await this.hooks.afterSend?.(order.id, outcome);
    } finally {
      this.inFlight.delete(order.id);
    }
    this.journal?.append('response', { ...outcome }, order.id);
    const current = this.lifecycle.get(order.id)!;
    if (current.state === 'sent') {
      if (outcome.outcome === 'accepted') {
        this.lifecycle.transition(order.id, 'accepted', {
          orderNo: outcome.orderNo,
          ...(outcome.branchNo ? { branchNo: outcome.branchNo } : {}),
        });
      } else if (outcome.outcome === 'rejected') {
        this.lifecycle.transition(order.id, 'rejected', { message: outcome.message });
      } else {
        this.lifecycle.transition(order.id, 'unknown', { message: outcome.message });
      }
    }
    this.changed.fire(this.now());
    const warnings = checks.filter((c) => c.tier !== 'block');
    return warnings.length > 0 ? { ...outcome, checks: warnings } : outcome;
  }

  /**
   * The decisions placing `raw` would meet now, without sending anything (they are journaled): the lock,
   * an unresolved order on the same symbol and side, and every risk rule. The command line uses it
   * to show the decisions before it asks for confirmation. Throws for an invalid ticket.
   */
  async check(raw: unknown): Promise<RiskDecision[]> {
    const problem = ticketProblem(raw);
    if (problem !== undefined) {
      throw new OrderRefusedError(
        `주문 내용이 올바르지 않습니다 (invalid ticket) — ${problem}`,
        'invalid-ticket',
      );
    }
    const ticket = OrderTicket.parse(raw);
    await this.ensureReconciled();
    const out: RiskDecision[] = [];
    const locked = this.safety.gate(ticket);
    if (locked) out.push(locked);
    if (this.holding(ticket)) await this.reconcile().catch(() => undefined);
    if (this.holding(ticket)) out.push(this.unknownOutcome(ticket));
    const checks = [...out, ...(await this.assess(ticket))];
    if (checks.length > 0) this.journal?.append('decision', { preview: true, ticket, checks });
    return checks;
  }

  /** An unresolved order of this symbol and side that is not simply awaiting its answer now. */
  private holding(ticket: OrderTicket): LifecycleOrder | undefined {
    return this.lifecycle
      .unresolved()
      .find(
        (o) => o.ticket.code === ticket.code && o.ticket.side === ticket.side && !this.inFlight.has(o.id),
      );
  }

  private unknownOutcome(ticket: OrderTicket): RiskDecision {
    const sideKo = ticket.side === 'buy' ? '매수' : '매도';
    return {
      rule: 'unknown-outcome',
      tier: 'block',
      message: `${ticket.code} ${sideKo} 주문의 결과를 아직 모릅니다. 미체결·체결 내역을 확인한 뒤 다시 주문하세요`,
      messageEn: `An earlier ${ticket.side} order for ${ticket.code} has an unknown outcome; check open orders before sending another.`,
    };
  }

  /** Runs the risk rules (quote and buying power from the broker). */
  private async assess(ticket: OrderTicket): Promise<RiskDecision[]> {
    const kind: InstrumentKind = this.instruments.get(ticket.code)?.kind ?? 'stock';
    const limits = this.safety.limits;
    const priced = isPricedOrderType(ticket.type);
    const quote = await this.broker.getQuote(ticket.code);
    let buyingPower: number | undefined;
    const bp = limits.buyingPowerPct;
    if (
      ticket.side === 'buy' &&
      (bp.warn !== undefined || bp.confirm !== undefined || bp.block !== undefined)
    ) {
      const unit = priced ? (ticket.price ?? 0) : quote.price;
      buyingPower = (await this.broker.getBuyingPower(ticket.code, unit)).cash;
    }
    const t = this.now();
    this.recent = this.recent.filter((r) => t - r.at < 3_600_000);
    return evaluateRisk({
      ticket,
      limits,
      kind,
      quote,
      ...(buyingPower !== undefined ? { buyingPower } : {}),
      recent: this.recent,
      phase: this.session(),
      now: t,
    });
  }

  async modify(orderNo: string, price: number, qty?: number): Promise<OrderOutcome> {
    this.journal?.append('modify', { orderNo, price, ...(qty !== undefined ? { qty } : {}) });
    const locked = this.safety.gate(undefined);
    if (locked?.rule === 'kill-switch')
      throw new OrderRefusedError(`${locked.message} — ${locked.messageEn}`, locked.rule);
    const tracked = this.lifecycle.byOrderNo(orderNo);
    const kind: InstrumentKind = (tracked && this.instruments.get(tracked.ticket.code)?.kind) || 'stock';
    if (!Number.isSafeInteger(price) || price <= 0 || !isOnTick(price, kind)) {
      const t = Number.isFinite(price) && price > 0 ? tickSize(price, kind) : 0;
      throw new OrderRefusedError(
        `${won(price)}원은 호가단위에 맞지 않습니다 (호가단위 ${won(t)}원) — ${price} won is not on the tick grid.`,
        'tick-size',
      );
    }
    const outcome = await this.broker.modifyOrder({ orderNo, price, ...(qty !== undefined ? { qty } : {}) });
    this.journal?.append('response', { for: 'modify', orderNo, ...outcome });
    if (tracked && outcome.outcome === 'accepted' && qty === undefined) {
      // Modifying the whole remainder gives the order a new number (KIS); follow it.
      this.lifecycle.renumber(tracked.id, outcome.orderNo);
    }
    this.changed.fire(this.now());
    return outcome;
  }

  async cancel(orderNo: string, qty?: number): Promise<OrderOutcome> {
    this.journal?.append('cancel', { orderNo, ...(qty !== undefined ? { qty } : {}) });
    const outcome = await this.broker.cancelOrder({ orderNo, ...(qty !== undefined ? { qty } : {}) });
    this.journal?.append('response', { for: 'cancel', orderNo, ...outcome });
    this.changed.fire(this.now());
    return outcome;
  }

  async cancelAll(code?: string): Promise<CancelAllSummary> {
    this.journal?.append('cancel', { all: true, ...(code ? { code } : {}) });
    const open = (await this.broker.getOpenOrders()).filter((o) => !code || o.code === code);
    const failures: Array<{ orderNo: string; message: string }> = [];
    let cancelled = 0;
    for (const o of open) {
      try {
        const r = await this.broker.cancelOrder({
          orderNo: o.orderNo,
          ...(o.branchNo ? { branchNo: o.branchNo } : {}),
        });
        this.journal?.append('response', { for: 'cancel', orderNo: o.orderNo, ...r });
        if (r.outcome === 'accepted') cancelled++;
        else failures.push({ orderNo: o.orderNo, message: r.message });
      } catch (e) {
        failures.push({ orderNo: o.orderNo, message: (e as Error).message });
      }
    }
    this.changed.fire(this.now());
    return { requested: open.length, cancelled, failures };
  }

  /** Kill switch: lock, then cancel every open order. */
  killSwitch(reason?: string) {
    return this.safety.killSwitch(() => this.cancelAll(), reason);
  }

  open(): Promise<OrderRecord[]> {
    return this.broker.getOpenOrders();
  }

  tracked(): TrackedOrder[] {
    return this.lifecycle.all().map((o) => this.lifecycle.toTracked(o));
  }

  /** Today's orders that traded, as executions (one per order, at its average fill price). */
  async executions(): Promise<Execution[]> {
    const orders = await this.broker.getDailyOrders();
    const out: Execution[] = [];
    for (const o of orders) {
      if (o.filledQty <= 0) continue;
      const e: Execution = {
        orderNo: o.orderNo,
        code: o.code,
        side: o.side,
        qty: o.filledQty,
        price: Math.round(o.avgFillPrice ?? o.price),
        time: o.time ?? '',
      };
      if (o.name) e.name = o.name;
      out.push(e);
    }
    return out;
  }

  /**
   * Resolves orders in `sent` (from a previous run) or `unknown` against the day's orders: an
   * unclaimed order of the same symbol, side, quantity (and price, for limit orders) placed from
   * about the time it was sent means it reached the broker; none after the grace period means it
   * did not (`lost`). Never re-sends.
   */
  async reconcile(): Promise<void> {
    const pending = this.lifecycle.unresolved().filter((o) => !this.inFlight.has(o.id));
    if (pending.length === 0) return;
    const daily = await this.broker.getDailyOrders();
    const claimed = new Set(
      this.lifecycle
        .all()
        .map((o) => o.orderNo)
        .filter((n): n is string => n !== undefined),
    );
    for (const o of pending) {
      const match = daily.find((r) => this.matches(o, r, claimed));
      if (match) {
        claimed.add(match.orderNo.padStart(10, '0'));
        this.journal?.append('reconcile', { found: match.orderNo, status: match.status }, o.id);
        if (o.state === 'sent') this.lifecycle.transition(o.id, 'unknown');
        this.lifecycle.applyRecord(o.id, match);
      } else if (this.now() - (o.sentAt ?? o.createdAt) >= this.graceMs) {
        this.journal?.append('reconcile', { found: null }, o.id);
        this.lifecycle.transition(o.id, 'lost', {
          message: 'not in the day’s orders: it never reached the broker',
        });
      } else if (o.state === 'sent') {
        this.lifecycle.transition(o.id, 'unknown', { message: 'interrupted before the answer' });
      }
    }
    this.safety.setUnresolved(this.lifecycle.unresolved().length);
    this.changed.fire(this.now());
  }

  private matches(o: LifecycleOrder, r: OrderRecord, claimed: Set<string>): boolean {
    if (claimed.has(r.orderNo.padStart(10, '0'))) return false;
    if (r.origOrderNo && r.origOrderNo.replace(/^0+/, '') !== '') return false; // a modify/cancel, not a new order
    if (r.code !== o.ticket.code || r.side !== o.ticket.side || r.qty !== o.ticket.qty) return false;
    if (isPricedOrderType(o.ticket.type) && r.price !== o.ticket.price) return false;
    const sentAt = o.sentAt ?? o.createdAt;
    if (r.time && /^\d{6}$/.test(r.time) && kstDay(sentAt - 60_000) === kstDay(sentAt)) {
      if (r.time < kstTime(sentAt - 60_000)) return false;
    }
    return true;
  }

  /** Before any new order: the journal's unresolved orders are reconciled (retried once here). */
  private async ensureReconciled(): Promise<void> {
    try {
      await this.ready;
    } catch {
      this.ready = this.reconcile();
      try {
        await this.ready;
      } catch (e) {
        this.ready.catch(() => undefined);
        this.ready = Promise.reject(e as Error);
        this.ready.catch(() => undefined);
        throw new OrderRefusedError(
          `이전 실행의 주문 결과를 확인할 수 없어 주문을 보내지 않습니다 (${(e as Error).message}) — the outcome of earlier orders could not be reconciled; no new order until it is.`,
          'reconciling' satisfies RiskRuleId,
        );
      }
    }
  }

  /** Rebuilds today's orders from the journal, then reconciles the unresolved ones. */
  private async restore(): Promise<void> {
    if (!this.journal) return;
    const page = this.journal.read(kstDay(this.now()));
    const last = new Map<string, { to: string; data: Record<string, unknown>; at: number }>();
    for (const e of page.entries) {
      if (e.mode !== this.mode || e.kind !== 'transition' || !e.id) continue;
      last.set(e.id, { to: String(e.data.to), data: e.data, at: e.at });
    }
    for (const [id, { to, data, at }] of last) {
      const ticket = OrderTicket.safeParse(data.ticket);
      if (!ticket.success) continue;
      if (to === 'draft' || to === 'checked' || to === 'refused') continue;
      const o: LifecycleOrder = {
        id,
        ticket: ticket.data,
        state: to as LifecycleOrder['state'],
        filledQty: typeof data.filledQty === 'number' ? data.filledQty : 0,
        createdAt: at,
        updatedAt: at,
        ...(typeof data.orderNo === 'string' ? { orderNo: data.orderNo } : {}),
        ...(typeof data.branchNo === 'string' ? { branchNo: data.branchNo } : {}),
        ...(typeof data.message === 'string' ? { message: data.message } : {}),
        ...(typeof data.sentAt === 'number' ? { sentAt: data.sentAt } : {}),
      };
      this.lifecycle.restore(o);
    }
    this.safety.setUnresolved(this.lifecycle.unresolved().length);
    if (this.lifecycle.unresolved().length > 0) await this.reconcile();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.noticeSub.dispose();
    this.changed.dispose();
    this.notices.dispose();
    if (this.ownsSafety) this.safety.dispose();
  }
}
