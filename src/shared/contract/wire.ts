/**
 * Messages of the web-mode WebSocket transport (and the names of the Electron IPC channels).
 * The host parses every incoming message with these schemas before acting on it.
 */
import { z } from 'zod';
import { BridgeErrorData } from './errors';

export const IPC = {
  invoke: 'observer:invoke',
  subscribe: 'observer:subscribe',
  unsubscribe: 'observer:unsubscribe',
  /** main → renderer: a StreamBatch */
  batch: 'observer:batch',
} as const;

export const ClientMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('invoke'),
    id: z.number().int(),
    channel: z.string(),
    payload: z.unknown().optional(),
  }),
  z.object({
    t: z.literal('sub'),
    id: z.number().int(),
    sub: z.string(),
    channel: z.string(),
    args: z.unknown().optional(),
  }),
  z.object({ t: z.literal('unsub'), sub: z.string() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.union([
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: BridgeErrorData }),
  z.object({
    t: z.literal('batch'),
    items: z.array(z.tuple([z.string(), z.array(z.unknown())])),
    /** epoch ms when the oldest event of the batch was queued on the host (latency probes) */
    oldestAt: z.number().optional(),
  }),
  z.object({ t: z.literal('error'), error: BridgeErrorData }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Close codes the web transport uses (4000–4999 are application codes). */
export const WS_CLOSE = {
  badToken: 4401,
  badOrigin: 4403,
  protocol: 4400,
  shutdown: 4503,
} as const;
