import { z } from 'zod';

/** demo = the built-in simulator; paper = KIS 모의투자; real = KIS 실전. Real is never implied. */
export const Mode = z.enum(['demo', 'paper', 'real']);
export type Mode = z.infer<typeof Mode>;

export const ConnectionState = z.enum(['connecting', 'connected', 'reconnecting', 'down']);
export type ConnectionState = z.infer<typeof ConnectionState>;
