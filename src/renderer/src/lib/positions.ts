/** A position re-priced at the latest trade. */
import type { Position } from '../../../shared/domain/market';

export function livePosition(
  p: Position,
  price: number | undefined,
): { price: number; evalAmount: number; pnl: number; pnlRate: number } {
  const px = price ?? p.price;
  const cost = p.avgPrice * p.qty;
  const evalAmount = px * p.qty;
  const pnl = evalAmount - cost;
  return { price: px, evalAmount, pnl, pnlRate: cost > 0 ? (pnl / cost) * 100 : 0 };
}
