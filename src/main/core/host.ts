/**
 * The host: one handler table for the whole bridge contract, reached through several transports
 * (Electron IPC, the web-mode WebSocket, in-process for tests). Every payload is `unknown` until
 * its zod schema has parsed it; a bad payload answers with a typed error naming the field.
 *
 * Streams are per session (one session = one window): events are queued and delivered in one
 * batch per ~16 ms at most (an event after a quiet spell goes out at once), with latest-wins coalescing where the stream declares a key (order books).
 */
import type { z } from 'zod';
import {
  BridgeError,
  channelsOf,
  payloadError,
  type ChannelDef,
  type ContractDef,
  type Disposer,
  type InvokeResult,
  type RequestDef,
  type StreamDef,
} from '../../shared/contract';
import type { Disposable } from '../../shared/lifecycle';

export type TransportKind = 'electron' | 'web' | 'in-process';

export interface CallerContext {
  readonly sessionId: string;
  readonly transport: TransportKind;
}

export type RequestHandler<D extends RequestDef> = (
  payload: z.output<D['request']>,
  ctx: CallerContext,
) => Promise<z.input<D['response']>> | z.input<D['response']>;

export type StreamHandler<D extends StreamDef> = (
  args: z.output<D['args']>,
  emit: (event: z.input<D['event']>) => void,
  ctx: CallerContext,
) => Disposer;

export type HandlerFor<D> = D extends RequestDef
  ? RequestHandler<D>
  : D extends StreamDef
    ? StreamHandler<D>
    : never;

export type HandlerTable<C extends ContractDef> = {
  readonly [Dom in keyof C]: { readonly [Verb in keyof C[Dom]]: HandlerFor<C[Dom][Verb]> };
};

/** One delivery: for each subscription id, the events since the last delivery. */
export type StreamBatch = Array<[subscriptionId: string, events: unknown[]]>;

export interface BatchInfo {
  /** epoch ms at which the oldest event of this batch was queued (for latency measurement). */
  oldestAt: number;
}

export interface HostOptions {
  /** Delivery interval for stream batches, ms. */
  batchIntervalMs?: number;
  /** Validate outgoing stream events against their schema (tests; costs time on hot paths). */
  validateEvents?: boolean;
  /** Where unexpected handler errors are reported (never to the renderer). */
  onInternalError?: (channel: string, error: unknown) => void;
}

interface Entry {
  def: ChannelDef;
  handler: unknown;
}

export class Host<C extends ContractDef = ContractDef> implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly sessions = new Set<HostSession>();
  private nextSession = 1;
  private disposed = false;
  readonly batchIntervalMs: number;
  readonly validateEvents: boolean;
  private readonly onInternalError: (channel: string, error: unknown) => void;

  constructor(contract: C, handlers: HandlerTable<C>, options: HostOptions = {}) {
    this.batchIntervalMs = options.batchIntervalMs ?? 16;
    this.validateEvents = options.validateEvents ?? false;
    this.onInternalError =
      options.onInternalError ?? ((channel, e) => console.error(`[host] ${channel}:`, e));
    for (const { domain, verb, def } of channelsOf(contract)) {
      const handler = (handlers as Record<string, Record<string, unknown>>)[domain]?.[verb];
      if (typeof handler !== 'function') throw new Error(`No handler for ${def.channel}`);
      if (this.entries.has(def.channel)) throw new Error(`Channel ${def.channel} is defined twice`);
      this.entries.set(def.channel, { def, handler });
    }
  }

  get channels(): string[] {
    return [...this.entries.keys()];
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** A session is one window's view of the host; `deliver` receives its stream batches. */
  openSession(transport: TransportKind, deliver: (batch: StreamBatch, info: BatchInfo) => void): HostSession {
    if (this.disposed) throw new BridgeError({ code: 'unavailable', message: 'The host is shutting down.' });
    const ctx: CallerContext = { sessionId: `${transport}-${this.nextSession++}`, transport };
    const session = new HostSession(this, ctx, deliver, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  /** @internal */
  lookup(channel: string): Entry | undefined {
    return this.entries.get(channel);
  }

  /** @internal */
  reportInternal(channel: string, error: unknown): void {
    this.onInternalError(channel, error);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of [...this.sessions]) s.close();
  }
}

interface Subscription {
  def: StreamDef;
  dispose: Disposer;
  pending: unknown[];
  /** coalesce key → index in pending */
  keys: Map<string, number> | undefined;
}

export class HostSession {
  private readonly subs = new Map<string, Subscription>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = 0;
  private closed = false;
  private oldestAt: number | undefined;

  constructor(
    private readonly host: Host,
    readonly ctx: CallerContext,
    private readonly deliver: (batch: StreamBatch, info: BatchInfo) => void,
    private readonly onClose: () => void,
  ) {}

  get subscriptionCount(): number {
    return this.subs.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async invoke(channel: unknown, payload: unknown): Promise<InvokeResult> {
    try {
      if (this.closed) throw new BridgeError({ code: 'unavailable', message: 'This session is closed.' });
      const entry = this.requireEntry(channel, 'request');
      const def = entry.def as RequestDef;
      const parsed = def.request.safeParse(payload);
      if (!parsed.success) throw payloadError(def.channel, parsed.error);
      const value = await (entry.handler as RequestHandler<RequestDef>)(parsed.data, this.ctx);
      // The response is checked too: a handler must not leak fields the contract does not know.
      const out = def.response.safeParse(value);
      if (!out.success) {
        this.host.reportInternal(def.channel, out.error);
        throw new BridgeError({
          code: 'internal',
          message: `The host produced an invalid answer for ${def.channel}.`,
        });
      }
      return { ok: true, value: out.data };
    } catch (e) {
      return { ok: false, error: this.toErrorData(String(channel), e) };
    }
  }

  subscribe(subscriptionId: unknown, channel: unknown, args: unknown): InvokeResult {
    try {
      if (this.closed) throw new BridgeError({ code: 'unavailable', message: 'This session is closed.' });
      if (typeof subscriptionId !== 'string' || subscriptionId.length === 0 || subscriptionId.length > 64) {
        throw new BridgeError({
          code: 'invalid_payload',
          field: 'subscriptionId',
          message: 'A subscription needs an id.',
        });
      }
      if (this.subs.has(subscriptionId)) {
        throw new BridgeError({
          code: 'invalid_payload',
          field: 'subscriptionId',
          message: `Subscription ${subscriptionId} already exists.`,
        });
      }
      const entry = this.requireEntry(channel, 'stream');
      const def = entry.def as StreamDef;
      const parsed = def.args.safeParse(args);
      if (!parsed.success) throw payloadError(def.channel, parsed.error, 'arguments');
      const sub: Subscription = {
        def,
        dispose: () => {},
        pending: [],
        keys: def.coalesceKey ? new Map() : undefined,
      };
      this.subs.set(subscriptionId, sub);
      const emit = (event: unknown) => this.enqueue(subscriptionId, sub, event);
      try {
        sub.dispose = (entry.handler as StreamHandler<StreamDef>)(parsed.data, emit, this.ctx);
      } catch (e) {
        this.subs.delete(subscriptionId);
        throw e;
      }
      return { ok: true, value: null };
    } catch (e) {
      return { ok: false, error: this.toErrorData(String(channel), e) };
    }
  }

  unsubscribe(subscriptionId: unknown): void {
    if (typeof subscriptionId !== 'string') return;
    const sub = this.subs.get(subscriptionId);
    if (!sub) return;
    this.subs.delete(subscriptionId);
    this.safeDispose(sub);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const sub of this.subs.values()) this.safeDispose(sub);
    this.subs.clear();
    this.onClose();
  }

  /** Delivers whatever is queued now (tests, and the ready handshake's snapshot). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlushAt = Date.now();
    const batch: StreamBatch = [];
    for (const [id, sub] of this.subs) {
      if (sub.pending.length === 0) continue;
      batch.push([id, sub.pending]);
      sub.pending = [];
      sub.keys?.clear();
    }
    const oldestAt = this.oldestAt;
    this.oldestAt = undefined;
    if (batch.length > 0 && !this.closed) this.deliver(batch, { oldestAt: oldestAt ?? Date.now() });
  }

  private enqueue(id: string, sub: Subscription, event: unknown): void {
    if (this.closed || this.subs.get(id) !== sub) return;
    if (this.host.validateEvents) {
      const r = sub.def.event.safeParse(event);
      if (!r.success) {
        this.host.reportInternal(sub.def.channel, r.error);
        return;
      }
    }
    if (sub.keys && sub.def.coalesceKey) {
      const key = sub.def.coalesceKey(event);
      const at = sub.keys.get(key);
      if (at !== undefined) {
        sub.pending[at] = event;
      } else {
        sub.keys.set(key, sub.pending.length);
        sub.pending.push(event);
      }
    } else {
      sub.pending.push(event);
    }
    const now = Date.now();
    this.oldestAt ??= now;
    // At most one batch per interval, but an event after a quiet spell goes out at once (with
    // whatever else arrives in the same turn) instead of waiting out a whole interval.
    this.timer ??= setTimeout(
      () => this.flush(),
      Math.max(0, this.lastFlushAt + this.host.batchIntervalMs - now),
    );
  }

  private requireEntry(channel: unknown, kind: 'request' | 'stream'): Entry {
    if (typeof channel !== 'string') {
      throw new BridgeError({
        code: 'invalid_payload',
        field: 'channel',
        message: 'The channel must be a string.',
      });
    }
    const entry = this.host.lookup(channel);
    if (!entry) throw new BridgeError({ code: 'unknown_channel', message: `Unknown channel "${channel}".` });
    if (entry.def.kind !== kind) {
      throw new BridgeError({
        code: 'unknown_channel',
        message: `"${channel}" is a ${entry.def.kind}, not a ${kind}.`,
      });
    }
    return entry;
  }

  private safeDispose(sub: Subscription): void {
    try {
      sub.dispose();
    } catch (e) {
      this.host.reportInternal(sub.def.channel, e);
    }
  }

  private toErrorData(channel: string, e: unknown) {
    if (e instanceof BridgeError) return e.toData();
    // Services throw their own typed errors; they map themselves via toBridgeError when they can.
    const mapped = (e as { toBridgeError?: () => BridgeError } | null)?.toBridgeError?.();
    if (mapped instanceof BridgeError) return mapped.toData();
    this.host.reportInternal(channel, e);
    return new BridgeError({ code: 'internal', message: `Something went wrong in ${channel}.` }).toData();
  }
}
