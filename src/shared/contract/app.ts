/** The `app` domain: who the host is, and a live status stream for the status bar. */
import { z } from 'zod';
import { ConnectionState, Mode } from '../domain/mode';
import { NoInput, request, stream } from './define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: Mode,
  /** How this window reaches the host. */
  transport: z.enum(['electron', 'web', 'in-process']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AppStatus = z.object({
  mode: Mode,
  version: z.string(),
  /** The broker's real-time connection (KIS WebSocket). */
  connection: z.object({
    state: ConnectionState,
    /** epoch ms of the last change */
    since: z.number(),
    detail: z.string().optional(),
  }),
  /** Real-time registrations in use of the session budget (KIS: 41). */
  slots: z.object({ used: z.number().int(), max: z.number().int() }).optional(),
  /** epoch ms at which the REST access token lapses, when one is held. */
  tokenExpiresAt: z.number().optional(),
  /** epoch ms on the host's clock when this status was produced. */
  at: z.number(),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const app = {
  info: request('app:info', NoInput, AppInfo),
  status: stream('app:status', NoInput, AppStatus, { coalesceKey: () => 'status' }),
} as const;
