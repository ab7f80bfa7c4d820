/**
 * Pre-trade checks. Every rule measures one thing, compares it with the limits of the current
 * environment and answers with a tier: warn (tell the trader), confirm (send only with the
 * trader's explicit yes to that rule) or block (never send). Decisions carry the rule, the numbers
 * and a sentence in Korean and English. Pure functions: the order service gathers the inputs.
 */
import type { RiskLimits, RuleTier, SafetySettings, Thresholds } from '../../../shared/contract/safety';
import { isOnTick, tickSize, ticksBetween, type InstrumentKind } from '../../../shared/domain/krx';
import type { Quote } from '../../../shared/domain/market';
import type { Mode } from '../../../shared/domain/mode';
import {
  isPricedOrderType,
  type OrderTicket,
  type RiskDecision,
  type RiskRuleId,
  type RiskTier,
} from '../../../shared/domain/orders';

/** KRX trading phases (kis-protocol.md §8.1). */
export type MarketPhase = 'closed' | 'preOpen' | 'continuous' | 'closingAuction' | 'afterHours';

/** Where the session comes from: the wall clock in KST (paper/real) or the broker (demo's simulator). */
export type SessionSource = () => MarketPhase;

const KST_OFFSET_MS = 9 * 3600_000;

/** The KRX phase at an instant, by the KST wall clock (weekends closed; holidays are not known here). */
export function krxPhaseAt(epochMs: number): MarketPhase {
  const d = new Date(epochMs + KST_OFFSET_MS);
  const wd = d.getUTCDay();
  if (wd === 0 || wd === 6) return 'closed';
  const s = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  if (s < 8 * 3600 + 30 * 60) return 'closed';
  if (s < 9 * 3600) return 'preOpen';
  if (s < 15 * 3600 + 20 * 60) return 'continuous';
  if (s < 15 * 3600 + 30 * 60) return 'closingAuction';
  if (s < 18 * 3600) return 'afterHours';
  return 'closed';
}

/** The wall-clock session source (paper and real). */
export function wallClockSession(now: () => number = Date.now): SessionSource {
  return () => krxPhaseAt(now());
}

/** Market-type orders are taken in the opening call, continuous trading and the closing call. */
export function phaseTakesMarketOrders(phase: MarketPhase): boolean {
  return phase === 'preOpen' || phase === 'continuous' || phase === 'closingAuction';
}

const PHASE_KO: Record<MarketPhase, string> = {
  closed: '장 마감',
  preOpen: '장 시작 전 동시호가',
  continuous: '정규장',
  closingAuction: '장 마감 동시호가',
  afterHours: '시간외',
};

export function defaultRiskLimits(mode: Mode): RiskLimits {
  switch (mode) {
    case 'real':
      return {
        tickSize: 'block',
        priceLimit: 'block',
        distancePct: { warn: 3, confirm: 10 },
        distanceTicks: { warn: 20, confirm: 50 },
        maxQty: { warn: 1_000, confirm: 10_000 },
        maxValue: { warn: 10_000_000, confirm: 50_000_000 },
        buyingPowerPct: { warn: 50, confirm: 90, block: 100 },
        duplicate: { tier: 'confirm', windowSec: 10 },
        rate: { confirm: 2, block: 5 },
        marketSession: 'confirm',
        dailyLossLimit: null,
      };
    case 'paper':
      return {
        tickSize: 'block',
        priceLimit: 'block',
        distancePct: { warn: 10 },
        distanceTicks: { warn: 100 },
        maxQty: { warn: 10_000, confirm: 100_000 },
        maxValue: { warn: 50_000_000, confirm: 500_000_000 },
        buyingPowerPct: { warn: 90, block: 100 },
        duplicate: { tier: 'confirm', windowSec: 5 },
        rate: { warn: 2, block: 10 },
        marketSession: 'confirm',
        dailyLossLimit: null,
      };
    default:
      return {
        tickSize: 'block',
        priceLimit: 'block',
        distancePct: { warn: 10 },
        distanceTicks: { warn: 100 },
        maxQty: { warn: 100_000 },
        maxValue: { warn: 1_000_000_000 },
        buyingPowerPct: { warn: 100 },
        duplicate: { tier: 'warn', windowSec: 2 },
        rate: { warn: 10 },
        marketSession: 'block',
        dailyLossLimit: null,
      };
  }
}

export function defaultSafetySettings(): SafetySettings {
  return {
    demo: defaultRiskLimits('demo'),
    paper: defaultRiskLimits('paper'),
    real: defaultRiskLimits('real'),
  };
}

/** The most severe tier whose threshold `value` exceeds (strictly above); at the threshold is fine. */
export function tierFor(value: number, t: Thresholds): { tier: RiskTier; limit: number } | undefined {
  if (t.block !== undefined && value > t.block) return { tier: 'block', limit: t.block };
  if (t.confirm !== undefined && value > t.confirm) return { tier: 'confirm', limit: t.confirm };
  if (t.warn !== undefined && value > t.warn) return { tier: 'warn', limit: t.warn };
  return undefined;
}

function onTier(t: RuleTier): RiskTier | undefined {
  return t === 'off' ? undefined : t;
}

export const won = (n: number): string => Math.round(n).toLocaleString('ko-KR');
const pct = (n: number): string => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');

/** One order sent recently: for the duplicate and rate rules. */
export interface SentRecord {
  at: number;
  code: string;
  side: string;
  price: number;
  qty: number;
  type: string;
}

export interface RiskInput {
  ticket: OrderTicket;
  limits: RiskLimits;
  kind: InstrumentKind;
  /** Needed for price rules; absent when the quote could not be fetched (price rules then skip). */
  quote?: Pick<Quote, 'price' | 'upperLimit' | 'lowerLimit' | 'prevClose'>;
  /** Cash available for orders (buys), when known. */
  buyingPower?: number;
  /** Orders sent recently (newest last). */
  recent: readonly SentRecord[];
  phase: MarketPhase;
  now: number;
}

function decision(
  rule: RiskRuleId,
  tier: RiskTier,
  message: string,
  messageEn: string,
  value?: number,
  limit?: number,
): RiskDecision {
  return {
    rule,
    tier,
    message,
    messageEn,
    ...(value !== undefined ? { value } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/**
 * A value against tiered thresholds: the decision of the highest tier it goes above, worded with
 * that tier's limit; undefined when it stays within all of them.
 */
function tiered(
  rule: RiskRuleId,
  value: number,
  thresholds: Thresholds,
  words: (limit: number) => [ko: string, en: string],
  reported: number | undefined = value,
): RiskDecision | undefined {
  const hit = tierFor(value, thresholds);
  if (!hit) return undefined;
  const [ko, en] = words(hit.limit);
  return decision(rule, hit.tier, ko, en, reported, hit.limit);
}

/** Every decision the rules take about one ticket (empty = nothing to say). */
export function evaluateRisk(input: RiskInput): RiskDecision[] {
  const { ticket, limits, kind, quote, recent, now } = input;
  const out: RiskDecision[] = [];
  const add = (d: RiskDecision | undefined) => d && out.push(d);
  const priced = isPricedOrderType(ticket.type);
  const price = priced ? (ticket.price ?? 0) : undefined;

  // Tick grid.
  const tickTier = onTier(limits.tickSize);
  if (tickTier && price !== undefined && !isOnTick(price, kind)) {
    const t = tickSize(price, kind);
    out.push(
      decision(
        'tick-size',
        tickTier,
        `${won(price)}원은 호가단위에 맞지 않습니다 (호가단위 ${won(t)}원)`,
        `${won(price)} won is off the tick grid (tick ${won(t)} won)`,
        price,
        t,
      ),
    );
  }

  if (quote && price !== undefined) {
    const limitTier = onTier(limits.priceLimit);
    if (limitTier && quote.upperLimit > 0 && price > quote.upperLimit) {
      out.push(
        decision(
          'price-limit',
          limitTier,
          `가격 ${won(price)}원이 상한가 ${won(quote.upperLimit)}원을 넘습니다`,
          `${won(price)} won is above today's upper limit ${won(quote.upperLimit)} won`,
          price,
          quote.upperLimit,
        ),
      );
    } else if (limitTier && quote.lowerLimit > 0 && price < quote.lowerLimit) {
      out.push(
        decision(
          'price-limit',
          limitTier,
          `가격 ${won(price)}원이 하한가 ${won(quote.lowerLimit)}원보다 낮습니다`,
          `${won(price)} won is below today's lower limit ${won(quote.lowerLimit)} won`,
          price,
          quote.lowerLimit,
        ),
      );
    }
    if (quote.price > 0) {
      const distance = (Math.abs(price - quote.price) / quote.price) * 100;
      const above = price > quote.price;
      add(
        tiered('distance-pct', distance, limits.distancePct, (limit) => [
          `가격이 현재가 대비 ${pct(distance)}% ${above ? '높습니다' : '낮습니다'} (한도 ${pct(limit)}%)`,
          `Price is ${pct(distance)}% ${above ? 'above' : 'below'} the last price ${won(quote.price)} won (limit ${pct(limit)}%)`,
        ]),
      );
      // Counted on the grid inside today's band only (outside it the price-limit rule speaks).
      const inBand = price >= quote.lowerLimit && price <= quote.upperLimit && isOnTick(price, kind);
      if (inBand) {
        const ticks = Math.abs(ticksBetween(quote.price, price, kind));
        add(
          tiered('distance-ticks', ticks, limits.distanceTicks, (limit) => [
            `가격이 현재가에서 ${won(ticks)}틱 떨어져 있습니다 (한도 ${won(limit)}틱)`,
            `Price is ${won(ticks)} ticks from the last price (limit ${won(limit)} ticks)`,
          ]),
        );
      }
    }
  }

  add(
    tiered('max-qty', ticket.qty, limits.maxQty, (limit) => [
      `수량 ${won(ticket.qty)}주가 한도 ${won(limit)}주를 넘습니다`,
      `${won(ticket.qty)} shares exceed the limit of ${won(limit)} shares`,
    ]),
  );

  const unit = price ?? quote?.price;
  if (unit !== undefined && unit > 0) {
    const value = unit * ticket.qty;
    add(
      tiered('max-value', value, limits.maxValue, (limit) => [
        `주문금액 ${won(value)}원이 한도 ${won(limit)}원을 넘습니다`,
        `Order value ${won(value)} won exceeds the limit of ${won(limit)} won`,
      ]),
    );
  }

  if (ticket.side === 'buy' && input.buyingPower !== undefined) {
    // KIS reserves buying power for a market order at the upper limit (§3.5).
    const reserve = price ?? quote?.upperLimit ?? quote?.price;
    if (reserve !== undefined && reserve > 0) {
      const value = reserve * ticket.qty;
      const share = input.buyingPower > 0 ? (value / input.buyingPower) * 100 : Number.POSITIVE_INFINITY;
      const available = input.buyingPower;
      const shown = Number.isFinite(share) ? `${pct(share)}%` : '∞';
      add(
        tiered(
          'buying-power',
          share,
          limits.buyingPowerPct,
          (limit) => [
            `주문금액 ${won(value)}원이 주문가능금액 ${won(available)}원의 ${shown}입니다 (한도 ${pct(limit)}%)`,
            `Order value ${won(value)} won is ${shown} of the ${won(available)} won available (limit ${pct(limit)}%)`,
          ],
          Number.isFinite(share) ? share : undefined,
        ),
      );
    }
  }

  const dupTier = onTier(limits.duplicate.tier);
  if (dupTier) {
    const windowMs = limits.duplicate.windowSec * 1000;
    const same = [...recent]
      .reverse()
      .find(
        (r) =>
          r.code === ticket.code &&
          r.side === ticket.side &&
          r.qty === ticket.qty &&
          r.type === ticket.type &&
          r.price === (price ?? 0) &&
          now - r.at < windowMs,
      );
    if (same) {
      const ago = (now - same.at) / 1000;
      out.push(
        decision(
          'duplicate',
          dupTier,
          `같은 주문(종목·매매·가격·수량)을 ${pct(ago)}초 전에 보냈습니다 (간격 ${pct(limits.duplicate.windowSec)}초)`,
          `The same order (symbol, side, price, quantity) was sent ${pct(ago)} s ago (window ${pct(limits.duplicate.windowSec)} s)`,
          ago,
          limits.duplicate.windowSec,
        ),
      );
    }
  }

  const lastSecond = recent.filter((r) => now - r.at < 1000).length + 1;
  add(
    tiered('rate', lastSecond, limits.rate, (limit) => [
      `1초 안에 ${lastSecond}번째 주문입니다 (한도 초당 ${limit}건)`,
      `Order ${lastSecond} within one second (limit ${limit} per second)`,
    ]),
  );

  const sessionTier = onTier(limits.marketSession);
  if (sessionTier && !priced && !phaseTakesMarketOrders(input.phase)) {
    out.push(
      decision(
        'market-session',
        sessionTier,
        `지금은 시장가 주문을 받지 않습니다 (${PHASE_KO[input.phase]})`,
        `Market orders are not taken now (session: ${input.phase})`,
      ),
    );
  }
  return out;
}

/** The decisions still needing the trader's yes, given the rule ids confirmed. */
export function unconfirmed(
  decisions: readonly RiskDecision[],
  confirmed: readonly string[] = [],
): RiskDecision[] {
  return decisions.filter((d) => d.tier === 'confirm' && !confirmed.includes(d.rule));
}

export function summarize(decisions: readonly RiskDecision[]): string {
  return decisions.map((d) => d.message).join(' · ');
}
