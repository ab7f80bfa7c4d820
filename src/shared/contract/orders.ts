/** The `orders` domain: place, modify, cancel, cancel-all, open orders, executions, notices. */
import { z } from 'zod';
import { OrderNotice, OrderRecord } from '../domain/market';
import { Execution, OrderOutcome, OrderTicket, PlaceOutcome, RiskRuleId } from '../domain/orders';
import { NoInput, request, stream } from './define';

const OrderNo = z.string().regex(/^\d{1,10}$/, 'an order number of up to 10 digits');

/** Where an order came from; the journal and the risk checks record it. */
export const OrderSource = z.enum(['ticket', 'ladder', 'hotkey', 'cli']);

export const PlaceRequest = z
  .object({
    ticket: OrderTicket,
    source: OrderSource,
    /**
     * The trader's confirmation of confirm-tier risk decisions, by rule id, after a
     * `needs-confirmation` answer. It confirms exactly those rules, nothing else.
     */
    confirm: z.array(RiskRuleId).max(20).optional(),
  })
  .strict();

export const CancelAllResult = z.object({
  requested: z.number().int(),
  cancelled: z.number().int(),
  failures: z.array(z.object({ orderNo: z.string(), message: z.string() })),
});

export const orders = {
  place: request('orders:place', PlaceRequest, PlaceOutcome),
  modify: request(
    'orders:modify',
    z
      .object({
        orderNo: OrderNo,
        price: z.number().int().positive(),
        qty: z.number().int().positive().optional(),
      })
      .strict(),
    OrderOutcome,
  ),
  cancel: request(
    'orders:cancel',
    z.object({ orderNo: OrderNo, qty: z.number().int().positive().optional() }).strict(),
    OrderOutcome,
  ),
  cancelAll: request(
    'orders:cancelAll',
    z.object({ code: z.string().optional() }).strict().optional(),
    CancelAllResult,
  ),
  open: request('orders:open', NoInput, z.array(OrderRecord)),
  executions: request('orders:executions', NoInput, z.array(Execution)),
  /** Order and fill notices as they arrive (H0STCNI0/9). */
  notices: stream('orders:notices', NoInput, OrderNotice),
  /** The working-order list changed: fetch `orders:open` again (coalesced). */
  changed: stream('orders:changed', NoInput, z.object({ at: z.number() }), { coalesceKey: () => 'changed' }),
} as const;
