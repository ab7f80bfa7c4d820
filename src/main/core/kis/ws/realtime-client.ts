/**
 * The KIS real-time socket (kis-protocol.md §6): one session per app key carrying every
 * registration, reference-counted subscriptions under the 41-registration budget, AES keys per
 * tr_id from the acks, PINGPONG echo, and reconnect with exponential backoff + jitter that re-sends
 * every registration.
 *
 * No library keepalive pings (§6.3, §9.9): the `ws` client sends none unless asked, and we don't ask.
 */
import WebSocket from 'ws';
import type { OrderBook, OrderNotice, Tick } from '../../../../shared/domain/market';
import type { ConnectionState } from '../../../../shared/domain/mode';
import { Emitter, toDisposable, type Disposable } from '../../../../shared/lifecycle';
import { systemClock, type Clock } from '../clock';
import { KisConfigError, SubscriptionBudgetError } from '../errors';
import { silentLogger, type KisLogger } from '../logger';
import { TR, trIdFor } from '../tr-ids';
import { OPSP, parseControl, subscriptionMessage } from './control';
import { AesKey } from './crypto';
import { parseFrameHeader, parseRecords } from './frames';
import { BOOK_LAYOUT, NOTICE_LAYOUT, TICK_LAYOUT } from './records';

export const MAX_REGISTRATIONS = 41;

export interface ReconnectPolicy {
  /** Default 1000 ms. */
  initialDelayMs?: number;
  /** Default 60 s. */
  maxDelayMs?: number;
  /** Default 2. */
  multiplier?: number;
  /** ± fraction of the delay, default 0.3. */
  jitter?: number;
  /** Consecutive failed attempts before giving up (state "down"). Default unlimited. */
  maxAttempts?: number;
  /**
   * A connection must stay up this long before the backoff starts again from `initialDelayMs`;
   * a server that accepts and immediately drops us keeps the delay growing (KIS blocks keys that
   * loop connect→close, §5). Default 10 s.
   */
  stableAfterMs?: number;
}

export interface RealtimeClientOptions {
  /** ws://host:port (no /tryitout). */
  wsUrl: string;
  getApprovalKey: () => Promise<string>;
  /** Called on OPSP0011 (invalid approval) so the next connection gets a fresh key. */
  invalidateApprovalKey?: () => void;
  paperLike: boolean;
  /** tr_key of the order/fill notice subscription. */
  htsId?: string;
  /** Default 41 (§6.5). */
  maxRegistrations?: number;
  reconnect?: ReconnectPolicy;
  /** Minimum wait after OPSP8996 "ALREADY IN USE appkey": another session holds the key. Default 60 s. */
  appKeyInUseDelayMs?: number;
  /** Gap between consecutive subscription messages (the official client paces them). Default 20 ms. */
  sendGapMs?: number;
  clock?: Clock;
  random?: () => number;
  logger?: KisLogger;
}

export interface SlotUsage {
  used: number;
  max: number;
}

export interface SubscriptionFailure {
  trId: string;
  trKey: string;
  msgCd: string;
  msg1: string;
}

interface Registration {
  trId: string;
  trKey: string;
  refs: number;
}

export class RealtimeClient implements Disposable {
  private readonly emitters = {
    state: new Emitter<ConnectionState>(),
    slots: new Emitter<SlotUsage>(),
    reconnect: new Emitter<void>(),
    tick: new Emitter<Tick>(),
    book: new Emitter<OrderBook>(),
    notice: new Emitter<OrderNotice>(),
    failure: new Emitter<SubscriptionFailure>(),
    frame: new Emitter<{ trId: string; count: number; payload: string; encrypted: boolean }>(),
  };
  readonly onDidChangeState = this.emitters.state.event;
  readonly onDidChangeSlots = this.emitters.slots.event;
  /** After a reconnection has queued every registration again: fetch a REST snapshot to fill the gap. */
  readonly onDidReconnect = this.emitters.reconnect.event;
  readonly onTick = this.emitters.tick.event;
  readonly onOrderBook = this.emitters.book.event;
  readonly onNotice = this.emitters.notice.event;
  readonly onSubscriptionError = this.emitters.failure.event;
  /** Data frames of TRs this client has no parser for (raw, decrypted when possible). */
  readonly onOtherFrame = this.emitters.frame.event;

  private readonly registrations = new Map<string, Registration>();
  private readonly keys = new Map<string, AesKey>();
  private readonly clock: Clock;
  private readonly logger: KisLogger;
  private readonly random: () => number;
  private readonly maxRegistrations: number;
  private readonly lifetime = new AbortController();
  private ws: WebSocket | undefined;
  private approvalKey = '';
  private _state: ConnectionState = 'down';
  private started = false;
  private disposed = false;
  private hasConnected = false;
  private attempts = 0;
  private openedAt = Number.NEGATIVE_INFINITY;
  private minNextDelay = 0;
  private sendQueue: string[] = [];
  private draining = false;
  /** Frames dropped as malformed (diagnostics). */
  droppedFrames = 0;

  constructor(private readonly options: RealtimeClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.random = options.random ?? Math.random;
    this.maxRegistrations = options.maxRegistrations ?? MAX_REGISTRATIONS;
  }

  get state(): ConnectionState {
    return this._state;
  }

  get slots(): SlotUsage {
    return { used: this.registrations.size, max: this.maxRegistrations };
  }

  private setState(s: ConnectionState): void {
    if (this._state === s) return;
    this._state = s;
    this.emitters.state.fire(s);
  }

  /** Starts the connection (subscribing does this too). */
  connect(): void {
    if (this.disposed || this.started) return;
    this.started = true;
    void this.open();
  }

  subscribeTicks(code: string): Disposable {
    return this.subscribe(TR.wsTick, code);
  }

  subscribeOrderBook(code: string): Disposable {
    return this.subscribe(TR.wsBook, code);
  }

  /** Order/fill notices for the HTS ID (H0STCNI0, paper H0STCNI9). */
  subscribeNotices(htsId = this.options.htsId): Disposable {
    if (!htsId)
      throw new KisConfigError('order notices need the HTS ID (KIS_HTS_ID or my_htsid in kis_devlp.yaml)');
    return this.subscribe(TR.wsNotice, htsId);
  }

  /**
   * A reference-counted registration of (real tr_id, tr_key). The paper id is derived here; TRs that
   * paper lacks throw KisPaperUnsupportedError, and a registration beyond the budget throws
   * SubscriptionBudgetError — in both cases before anything is sent.
   */
  subscribe(realTrId: string, trKey: string): Disposable {
    if (this.disposed) throw new Error('RealtimeClient disposed');
    const trId = trIdFor(realTrId, this.options.paperLike);
    const id = `${trId}|${trKey}`;
    let reg = this.registrations.get(id);
    if (reg) {
      reg.refs++;
    } else {
      if (this.registrations.size >= this.maxRegistrations) {
        throw new SubscriptionBudgetError(
          `KIS allows ${this.maxRegistrations} real-time registrations per session; all are in use ` +
            `(cannot add ${trId} ${trKey}). Unsubscribe something first.`,
        );
      }
      reg = { trId, trKey, refs: 1 };
      this.registrations.set(id, reg);
      this.emitters.slots.fire(this.slots);
      if (this._state === 'connected') this.enqueue(subscriptionMessage(this.approvalKey, '1', trId, trKey));
      this.connect();
    }
    const registration = reg;
    return toDisposable(() => this.release(id, registration));
  }

  private release(id: string, reg: Registration): void {
    if (this.disposed || this.registrations.get(id) !== reg) return;
    if (--reg.refs > 0) return;
    this.registrations.delete(id);
    this.emitters.slots.fire(this.slots);
    if (this._state === 'connected')
      this.enqueue(subscriptionMessage(this.approvalKey, '2', reg.trId, reg.trKey));
  }

  private async open(): Promise<void> {
    if (this.disposed) return;
    this.setState(this.hasConnected ? 'reconnecting' : 'connecting');
    try {
      this.approvalKey = await this.options.getApprovalKey();
    } catch (e) {
      this.logger.warn(`KIS approval key request failed: ${(e as Error).message}`);
      this.scheduleReconnect();
      return;
    }
    if (this.disposed) return;
    const url = `${this.options.wsUrl.replace(/\/+$/, '')}/tryitout`;
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 10_000 });
    this.ws = ws;
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data) => {
      if (this.ws !== ws) return;
      this.onMessage(ws, rawText(data));
    });
    ws.on('error', (e) => this.logger.warn(`KIS WebSocket error: ${e.message}`));
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.sendQueue = [];
      if (this.disposed) return;
      // Only a connection that opened and then held counts as a success (never-opened: openedAt = -∞).
      const heldFor = this.clock.now() - this.openedAt;
      if (Number.isFinite(heldFor) && heldFor >= (this.options.reconnect?.stableAfterMs ?? 10_000))
        this.attempts = 0;
      this.openedAt = Number.NEGATIVE_INFINITY;
      this.logger.info(`KIS WebSocket closed (${code}); reconnecting`);
      this.scheduleReconnect();
    });
  }

  private onOpen(ws: WebSocket): void {
    if (this.ws !== ws || this.disposed) return;
    const isReconnect = this.hasConnected;
    this.hasConnected = true;
    this.openedAt = this.clock.now();
    this.setState('connected');
    // Registrations never survive a reconnect (§6.5): re-send all of them.
    for (const reg of this.registrations.values()) {
      this.enqueue(subscriptionMessage(this.approvalKey, '1', reg.trId, reg.trKey));
    }
    if (isReconnect) this.emitters.reconnect.fire();
  }

  private scheduleReconnect(): void {
    if (this.disposed) return;
    const p = this.options.reconnect ?? {};
    const maxAttempts = p.maxAttempts ?? Number.POSITIVE_INFINITY;
    if (this.attempts >= maxAttempts) {
      this.logger.error(`KIS WebSocket: giving up after ${this.attempts} reconnect attempts`);
      this.started = false;
      this.setState('down');
      return;
    }
    const base = Math.min(
      p.maxDelayMs ?? 60_000,
      (p.initialDelayMs ?? 1000) * (p.multiplier ?? 2) ** this.attempts,
    );
    const jitter = p.jitter ?? 0.3;
    const delay = Math.max(this.minNextDelay, base * (1 - jitter + 2 * jitter * this.random()));
    this.minNextDelay = 0;
    this.attempts++;
    this.setState('reconnecting');
    this.clock.sleep(delay, this.lifetime.signal).then(
      () => void this.open(),
      () => undefined,
    );
  }

  private enqueue(message: string): void {
    this.sendQueue.push(message);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    const gap = this.options.sendGapMs ?? 20;
    try {
      while (this.sendQueue.length && this.ws?.readyState === WebSocket.OPEN) {
        this.ws.send(this.sendQueue.shift()!);
        if (gap > 0 && this.sendQueue.length) await this.clock.sleep(gap, this.lifetime.signal);
      }
    } catch {
      // disposed while waiting
    } finally {
      this.draining = false;
    }
  }

  private onMessage(ws: WebSocket, text: string): void {
    const c = text.charCodeAt(0);
    if (c === 48 || c === 49) this.onData(text);
    else this.onControl(ws, text);
  }

  private onData(text: string): void {
    const frame = parseFrameHeader(text);
    if (!frame) return this.drop(`unreadable frame header: ${text.slice(0, 40)}`);
    let payload = frame.payload;
    if (frame.encrypted) {
      const key = this.keys.get(frame.trId);
      if (!key) return this.drop(`${frame.trId}: encrypted frame before any key/iv ack`);
      try {
        payload = key.decrypt(payload);
      } catch (e) {
        return this.drop(`${frame.trId}: decryption failed (${(e as Error).message})`);
      }
    }
    switch (frame.trId) {
      case TR.wsTick: {
        const r = parseRecords(payload, frame.count, TICK_LAYOUT);
        if (!r.ok) return this.drop(r.reason);
        for (const t of r.records) this.emitters.tick.fire(t);
        return;
      }
      case TR.wsBook: {
        const r = parseRecords(payload, frame.count, BOOK_LAYOUT);
        if (!r.ok) return this.drop(r.reason);
        for (const b of r.records) this.emitters.book.fire(b);
        return;
      }
      case 'H0STCNI0':
      case 'H0STCNI9': {
        const r = parseRecords(payload, frame.count, NOTICE_LAYOUT);
        if (!r.ok) return this.drop(r.reason);
        for (const n of r.records) this.emitters.notice.fire(n);
        return;
      }
      default:
        this.emitters.frame.fire({
          trId: frame.trId,
          count: frame.count,
          payload,
          encrypted: frame.encrypted,
        });
    }
  }

  /** Malformed frames are logged and dropped; the socket stays up. */
  private drop(reason: string): void {
    this.droppedFrames++;
    this.logger.warn(`KIS frame dropped: ${reason}`);
  }

  private onControl(ws: WebSocket, text: string): void {
    const msg = parseControl(text);
    if (msg.type === 'pingpong') {
      // Echo unchanged as a text frame (§6.3).
      ws.send(msg.raw);
      return;
    }
    if (msg.type === 'unknown') {
      this.logger.warn(`KIS control message ignored (${msg.reason}): ${text.slice(0, 120)}`);
      return;
    }
    // Keys can change per session: take them from every ack that carries them.
    if (msg.key && msg.iv) {
      try {
        this.keys.set(msg.trId, new AesKey(msg.key, msg.iv));
      } catch (e) {
        this.logger.warn(`KIS ack for ${msg.trId} carried an unusable key/iv: ${(e as Error).message}`);
      }
    }
    if (msg.rtCd === '0' || msg.msgCd === OPSP.subscribed || msg.msgCd === OPSP.unsubscribed) return;
    // Already registered is the normal answer after a reconnect, not a failure.
    if (msg.msgCd === OPSP.alreadySubscribed || msg.msgCd === OPSP.notSubscribed) return;
    const failure: SubscriptionFailure = {
      trId: msg.trId,
      trKey: msg.trKey,
      msgCd: msg.msgCd,
      msg1: msg.msg1,
    };
    this.logger.warn(`KIS subscription ${msg.trId} ${msg.trKey} refused: ${msg.msgCd} ${msg.msg1}`);
    this.emitters.failure.fire(failure);
    if (msg.msgCd === OPSP.appKeyInUse) {
      // Another session (another app, a second process) holds this app key. Reconnecting at once
      // would loop against it and can get the key blocked (§5): back off for a long while.
      this.minNextDelay = this.options.appKeyInUseDelayMs ?? 60_000;
      ws.close();
    } else if (msg.msgCd === OPSP.invalidApproval) {
      this.options.invalidateApprovalKey?.();
      ws.close();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort();
    const ws = this.ws;
    this.ws = undefined;
    this.sendQueue = [];
    if (ws) {
      ws.removeAllListeners('message');
      ws.on('error', () => undefined);
      ws.terminate();
    }
    this.registrations.clear();
    this.setState('down');
    for (const e of Object.values(this.emitters)) e.dispose();
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
