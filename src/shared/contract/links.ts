/**
 * The `links` domain: which symbol each link colour follows. The host owns it so every window (an
 * Electron window or a browser tab on the same host) sees the same groups; it survives restarts.
 */
import { z } from 'zod';
import { LINK_COLORS } from '../domain/link';
import { StockCode } from '../domain/market';
import { NoInput, request, stream } from './define';

export const LinkColor = z.enum(LINK_COLORS);

export const LinkGroups = z
  .object({
    green: StockCode.optional(),
    amber: StockCode.optional(),
    violet: StockCode.optional(),
    cyan: StockCode.optional(),
  } satisfies Record<(typeof LINK_COLORS)[number], unknown>)
  .strict();
export type LinkGroups = z.infer<typeof LinkGroups>;

export const LinkState = z.object({
  groups: LinkGroups,
  /** Grows with every change; a window ignores states older than one it has applied. */
  rev: z.number().int().nonnegative(),
  /** Changes when the host restarts (rev starts again), so windows know to take its state as is. */
  epoch: z.string().min(1).max(40),
});
export type LinkState = z.infer<typeof LinkState>;

export const links = {
  get: request('links:get', NoInput, LinkState),
  set: request('links:set', z.object({ color: LinkColor, code: StockCode }).strict(), LinkState),
  /** Back to the default groups. */
  reset: request('links:reset', NoInput, LinkState),
  changes: stream('links:changes', NoInput, LinkState, { coalesceKey: () => 'links' }),
} as const;
