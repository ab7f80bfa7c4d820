/** The `account` domain: balance with positions, buying power, and a stream of balance changes. */
import { z } from 'zod';
import { Balance, StockCode } from '../domain/market';
import { NoInput, request, stream } from './define';

export const BuyingPower = z.object({ cash: z.number(), maxQty: z.number().int(), maxAmount: z.number() });

export const account = {
  balance: request('account:balance', NoInput, Balance),
  buyingPower: request(
    'account:buyingPower',
    z.object({ code: StockCode, price: z.number().int().positive() }).strict(),
    BuyingPower,
  ),
  /** A fresh balance after every fill or order change (coalesced). */
  updates: stream('account:updates', NoInput, Balance, { coalesceKey: () => 'balance' }),
} as const;
