/**
 * Order tickets and their outcomes, broker-neutral. Every path that sends an order (ticket, ladder
 * click, hotkey, command line) builds an OrderTicket; the host's order service turns it into a KIS
 * order-cash body. An outcome is exactly one of accepted / rejected / unknown — callers cannot
 * mistake a timeout for a rejection.
 */
import { z } from 'zod';
import { Side, StockCode } from './market';

/** Order types a retail terminal offers, with their KIS ORD_DVSN codes (kis-protocol.md §3.12). */
export const ORDER_TYPES = {
  limit: '00',
  market: '01',
  'ioc-limit': '11',
  'fok-limit': '12',
  'ioc-market': '13',
  'fok-market': '14',
} as const;
export const OrderType = z.enum(['limit', 'market', 'ioc-limit', 'fok-limit', 'ioc-market', 'fok-market']);
export type OrderType = z.infer<typeof OrderType>;

/** Market-type orders carry no price (ORD_UNPR "0"). */
export function isPricedOrderType(type: OrderType): boolean {
  return type === 'limit' || type === 'ioc-limit' || type === 'fok-limit';
}

export function ordDvsnOf(type: OrderType): string {
  return ORDER_TYPES[type];
}

export function orderTypeOfOrdDvsn(code: string): OrderType | undefined {
  return (Object.entries(ORDER_TYPES) as Array<[OrderType, string]>).find(([, c]) => c === code)?.[0];
}

/** Largest quantity one ticket may carry, whatever the risk settings say (a fat-finger backstop). */
export const MAX_ORDER_QTY = 10_000_000;

export const OrderTicket = z
  .object({
    code: StockCode,
    side: Side,
    qty: z
      .number()
      .int('quantity must be a whole number of shares')
      .positive('quantity must be at least 1')
      .max(MAX_ORDER_QTY),
    /** Whole won; 0 (or absent) for market-type orders. */
    price: z.number().int('price must be whole won').nonnegative().optional(),
    type: OrderType,
  })
  .strict()
  .superRefine((t, ctx) => {
    if (isPricedOrderType(t.type) && !(t.price && t.price > 0)) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: `a ${t.type} order needs a price` });
    }
    if (!isPricedOrderType(t.type) && t.price) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: `a ${t.type} order carries no price` });
    }
  });
export type OrderTicket = z.infer<typeof OrderTicket>;

const Accepted = z.object({
  outcome: z.literal('accepted'),
  orderNo: z.string(),
  branchNo: z.string().optional(),
  time: z.string().optional(),
  message: z.string().optional(),
});
const Rejected = z.object({
  outcome: z.literal('rejected'),
  msgCd: z.string().optional(),
  message: z.string(),
  hint: z.string().optional(),
});
/** The request left but no answer came back (timeout, dropped connection): reconcile, never resend. */
const Unknown = z.object({ outcome: z.literal('unknown'), message: z.string() });

export const OrderOutcome = z.discriminatedUnion('outcome', [Accepted, Rejected, Unknown]);
export type OrderOutcome = z.infer<typeof OrderOutcome>;

export const Execution = z.object({
  orderNo: z.string(),
  code: StockCode,
  name: z.string().optional(),
  side: Side,
  qty: z.number().int().positive(),
  price: z.number().int().positive(),
  time: z.string(),
});
export type Execution = z.infer<typeof Execution>;

/** Pre-trade rules (risk.ts); every decision names one. */
export const RiskRuleId = z.enum([
  'invalid-ticket',
  'kill-switch',
  'daily-loss',
  'reconciling',
  'unknown-outcome',
  'tick-size',
  'price-limit',
  'distance-pct',
  'distance-ticks',
  'max-qty',
  'max-value',
  'buying-power',
  'duplicate',
  'rate',
  'market-session',
]);
export type RiskRuleId = z.infer<typeof RiskRuleId>;

/** warn: tell the trader; confirm: send only with the trader's confirmation; block: never send. */
export const RiskTier = z.enum(['warn', 'confirm', 'block']);
export type RiskTier = z.infer<typeof RiskTier>;

/** One pre-trade decision: which rule, how severe, the numbers, and a sentence (Korean, then English). */
export const RiskDecision = z.object({
  rule: RiskRuleId,
  tier: RiskTier,
  /** Korean sentence with the numbers, e.g. "가격이 현재가 대비 12.4% 높습니다 (한도 10%)". */
  message: z.string(),
  /** The same in English. */
  messageEn: z.string(),
  value: z.number().optional(),
  limit: z.number().optional(),
});
export type RiskDecision = z.infer<typeof RiskDecision>;

/**
 * What orders:place answers: an OrderOutcome, possibly with the warn-tier decisions that let it
 * through, or "needs-confirmation" when confirm-tier decisions need the trader's explicit yes
 * (send again with `confirm: [rule ids]`). Block-tier decisions are a `refused` bridge error.
 */
const withChecks = { checks: z.array(RiskDecision).optional() };
export const PlaceOutcome = z.discriminatedUnion('outcome', [
  Accepted.extend(withChecks),
  Rejected.extend(withChecks),
  Unknown.extend(withChecks),
  z.object({
    outcome: z.literal('needs-confirmation'),
    /** A one-line summary of the decisions (Korean). */
    message: z.string(),
    /** Every decision; the confirm-tier ones must be confirmed by rule id. */
    checks: z.array(RiskDecision),
  }),
]);
export type PlaceOutcome = z.infer<typeof PlaceOutcome>;

/** The host's order lifecycle (order-lifecycle.ts). */
export const OrderState = z.enum([
  'draft',
  'checked',
  'refused',
  'sent',
  'accepted',
  'rejected',
  'unknown',
  'partial',
  'filled',
  'cancelled',
  /** An unknown outcome that reconciliation showed never reached the broker. */
  'lost',
]);
export type OrderState = z.infer<typeof OrderState>;
