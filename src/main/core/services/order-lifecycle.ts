/**
 * The order lifecycle: one state machine for every order the host sends.
 *
 *   draft → checked → sent → accepted | rejected | unknown → partial → filled | cancelled
 *
 * plus `refused` (a pre-trade check said no; nothing was sent) and `lost` (an unknown outcome that
 * reconciliation showed never reached the broker). REST answers, fill notices and the day's orders
 * drive it; a transition the table does not list is a bug and throws. An order in `sent` or
 * `unknown` blocks another order of the same symbol and side until it resolves.
 */
import type { OrderNotice, OrderRecord } from '../../../shared/domain/market';
import type { OrderState, OrderTicket } from '../../../shared/domain/orders';
import type { TrackedOrder } from '../../../shared/contract/safety';

export const TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  draft: ['checked', 'refused'],
  checked: ['sent', 'refused'],
  refused: [],
  sent: ['accepted', 'rejected', 'unknown', 'partial', 'filled', 'cancelled', 'lost'],
  accepted: ['partial', 'filled', 'cancelled'],
  rejected: [],
  // Reconciliation may find the order at any stage it reached meanwhile, or nowhere.
  unknown: ['accepted', 'rejected', 'partial', 'filled', 'cancelled', 'lost'],
  partial: ['partial', 'filled', 'cancelled'],
  filled: [],
  cancelled: [],
  lost: [],
};

/** Orders whose outcome is not known: they hold their symbol and side. */
export const UNRESOLVED_STATES: ReadonlySet<OrderState> = new Set<OrderState>(['sent', 'unknown']);
const TERMINAL: ReadonlySet<OrderState> = new Set<OrderState>([
  'refused',
  'rejected',
  'filled',
  'cancelled',
  'lost',
]);

export function canTransition(from: OrderState, to: OrderState): boolean {
  return TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly id: string,
    readonly from: OrderState,
    readonly to: OrderState,
  ) {
    super(`Order ${id}: ${from} → ${to} is not a lifecycle transition`);
    this.name = 'IllegalTransitionError';
  }
}

export interface LifecycleOrder {
  readonly id: string;
  readonly ticket: OrderTicket;
  state: OrderState;
  orderNo?: string;
  branchNo?: string;
  filledQty: number;
  message?: string;
  /** epoch ms the order was sent (for matching in reconciliation). */
  sentAt?: number;
  createdAt: number;
  updatedAt: number;
}

export interface TransitionEvent {
  order: LifecycleOrder;
  from: OrderState;
  to: OrderState;
}

export function sideKey(code: string, side: string): string {
  return `${code}|${side}`;
}

export class OrderLifecycle {
  private readonly orders = new Map<string, LifecycleOrder>();
  private seq = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly onTransition: (e: TransitionEvent) => void = () => {},
    /** Prefix of generated ids; makes ids unique across restarts (journal). */
    private readonly idPrefix: string = Date.now().toString(36),
  ) {}

  create(ticket: OrderTicket, id?: string): LifecycleOrder {
    const t = this.now();
    const order: LifecycleOrder = {
      id: id ?? `${this.idPrefix}-${++this.seq}`,
      ticket,
      state: 'draft',
      filledQty: 0,
      createdAt: t,
      updatedAt: t,
    };
    this.orders.set(order.id, order);
    return order;
  }

  /** Re-creates an order from the journal in the state it had (restart). */
  restore(order: LifecycleOrder): void {
    this.orders.set(order.id, order);
  }

  get(id: string): LifecycleOrder | undefined {
    return this.orders.get(id);
  }

  byOrderNo(orderNo: string): LifecycleOrder | undefined {
    const n = orderNo.padStart(10, '0');
    for (const o of this.orders.values()) if (o.orderNo === n) return o;
    return undefined;
  }

  all(): LifecycleOrder[] {
    return [...this.orders.values()];
  }

  unresolved(): LifecycleOrder[] {
    return this.all().filter((o) => UNRESOLVED_STATES.has(o.state));
  }

  /** The unresolved order holding this symbol and side, if any. */
  blocking(code: string, side: string): LifecycleOrder | undefined {
    const key = sideKey(code, side);
    return this.unresolved().find((o) => sideKey(o.ticket.code, o.ticket.side) === key);
  }

  transition(
    id: string,
    to: OrderState,
    patch: Partial<Pick<LifecycleOrder, 'orderNo' | 'branchNo' | 'message' | 'filledQty'>> = {},
  ): LifecycleOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`Unknown order ${id}`);
    const from = order.state;
    if (!canTransition(from, to)) throw new IllegalTransitionError(id, from, to);
    order.state = to;
    if (patch.orderNo !== undefined) order.orderNo = patch.orderNo.padStart(10, '0');
    if (patch.branchNo !== undefined) order.branchNo = patch.branchNo;
    if (patch.message !== undefined) order.message = patch.message;
    if (patch.filledQty !== undefined) order.filledQty = patch.filledQty;
    order.updatedAt = this.now();
    if (to === 'sent') order.sentAt = order.updatedAt;
    this.onTransition({ order, from, to });
    return order;
  }

  /** A whole-remainder modify replaced the order under a new number; follow it (no state change). */
  renumber(id: string, orderNo: string): void {
    const order = this.orders.get(id);
    if (!order) return;
    order.orderNo = orderNo.padStart(10, '0');
    order.updatedAt = this.now();
  }

  /**
   * A fill / cancel / reject notice for an order we know by number. Returns the order it moved,
   * if any. Notices for orders the host did not send (another app, the HTS) are ignored here.
   */
  applyNotice(n: OrderNotice): LifecycleOrder | undefined {
    const order = this.byOrderNo(n.orderNo) ?? (n.origOrderNo ? this.byOrderNo(n.origOrderNo) : undefined);
    if (!order || TERMINAL.has(order.state)) return undefined;
    switch (n.kind) {
      case 'accepted':
        if (order.state === 'sent' || order.state === 'unknown') return this.transition(order.id, 'accepted');
        return undefined;
      case 'fill': {
        const filled = Math.min(order.ticket.qty, order.filledQty + n.qty);
        const to: OrderState = filled >= order.ticket.qty ? 'filled' : 'partial';
        return this.transition(order.id, to, { filledQty: filled });
      }
      case 'cancelled':
        if (n.orderNo.padStart(10, '0') === order.orderNo || n.origOrderNo) {
          return this.transition(order.id, 'cancelled');
        }
        return undefined;
      case 'rejected':
        if (order.state === 'sent' || order.state === 'unknown') return this.transition(order.id, 'rejected');
        if (order.state === 'accepted' || order.state === 'partial')
          return this.transition(order.id, 'cancelled', { message: 'rejected by the exchange' });
        return undefined;
      default:
        return undefined;
    }
  }

  /** Brings an order to the state a daily-orders record shows (reconciliation). */
  applyRecord(id: string, r: OrderRecord): LifecycleOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`Unknown order ${id}`);
    const patch = {
      orderNo: r.orderNo,
      filledQty: r.filledQty,
      ...(r.branchNo ? { branchNo: r.branchNo } : {}),
    };
    const target: OrderState =
      r.status === 'filled'
        ? 'filled'
        : r.status === 'cancelled'
          ? 'cancelled'
          : r.status === 'rejected'
            ? 'rejected'
            : r.status === 'partial'
              ? 'partial'
              : 'accepted';
    if (order.state === target && target !== 'partial') return order;
    if (canTransition(order.state, target)) return this.transition(id, target, patch);
    // e.g. unknown → (accepted → partial) collapses to one step the table allows.
    return order;
  }

  toTracked(o: LifecycleOrder): TrackedOrder {
    return {
      id: o.id,
      state: o.state,
      code: o.ticket.code,
      side: o.ticket.side,
      qty: o.ticket.qty,
      ...(o.ticket.price !== undefined ? { price: o.ticket.price } : {}),
      type: o.ticket.type,
      ...(o.orderNo ? { orderNo: o.orderNo } : {}),
      filledQty: o.filledQty,
      ...(o.message ? { message: o.message } : {}),
      updatedAt: o.updatedAt,
    };
  }
}
