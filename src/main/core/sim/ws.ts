/**
 * The KIS WebSocket surface at /tryitout (kis-protocol.md §6, §7, §12): approval-key checks,
 * subscribe/unsubscribe acks, the 41-registration cap, one session per app key, PINGPONG,
 * plain market-data frames and AES-encrypted order/fill notices. Text frames only.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { OrderEngine, SimAccount } from './accounts';
import type { TokenService } from './auth';
import { kstDate, kstTime } from './clock';
import {
  BOOK_TR,
  NOTICE_TR_PAPER,
  NOTICE_TR_REAL,
  TRADE_TR,
  bookRecord,
  encryptedFrame,
  noticeRecord,
  plainFrames,
  type NoticeFields,
} from './frames';
import type { SimMarket, SymbolState } from './market';
import { ALNUM, Prng } from './prng';

export const MAX_REGISTRATIONS = 41;
/** A consumer this far behind stops receiving market data until it catches up (notices still go). */
const SLOW_CONSUMER_BYTES = 16 * 1024 * 1024;

interface Registration {
  trId: string;
  trKey: string;
  key: string;
  iv: string;
}

class Session {
  appKey: string | undefined;
  readonly registrations = new Map<string, Registration>();
  /** PINGPONGs sent since the last echo (text or pong frame). */
  unansweredPings = 0;
  constructor(readonly socket: WebSocket) {}

  /** Holds its app key only while open; a closing socket frees the key at once (§12). */
  get live(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }
}

interface AckBody {
  rt_cd: string;
  msg_cd: string;
  msg1: string;
  output?: { iv: string; key: string };
}

export interface HubOptions {
  seed: string;
  market: SimMarket;
  engine: OrderEngine;
  tokens: TokenService;
  pingIntervalMs: number;
  /**
   * Close a session after this many unanswered PINGPONGs (0 = never). KIS's own grace period is
   * not established (§10); the drop mimics a lost connection (clients see 1006).
   */
  pingMissLimit: number;
}

export class KisWebSocketHub {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<Session>();
  /** tr_id → tr_key → sessions registered for it. */
  private readonly index = new Map<string, Map<string, Set<Session>>>();
  private readonly keyRng: Prng;
  private lastPing: number | undefined;
  framesSent = 0;
  recordsSent = 0;

  constructor(private readonly options: HubOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
    this.keyRng = new Prng(`${options.seed}:aes`);
    options.engine.onNotice = (account, notice) => this.sendNotice(account, notice);
  }

  /** Accepts /tryitout (current samples), /tryitout/<TR> (portal) and / (legacy samples). */
  static acceptsPath(path: string): boolean {
    return path === '/' || path === '/tryitout' || path.startsWith('/tryitout/');
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private onConnection(ws: WebSocket): void {
    const session = new Session(ws);
    this.sessions.add(session);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        this.ack(session, '', '', 'N', {
          rt_cd: '9',
          msg_cd: 'OPSP9999',
          msg1: 'JSON PARSING ERROR : binary frames are not accepted',
        });
        return;
      }
      try {
        this.onText(session, data.toString());
      } catch (e) {
        // Never let one bad message crash the process; answer like KIS's internal error.
        this.ack(session, '', '', 'N', {
          rt_cd: '9',
          msg_cd: 'OPSP0007',
          msg1: `SUBSCRIBE INTERNAL ERROR (${String(e)})`,
        });
      }
    });
    // A PINGPONG echo may come back as a pong control frame (official sample).
    ws.on('pong', () => {
      session.unansweredPings = 0;
    });
    ws.on('close', () => this.remove(session));
    ws.on('error', () => this.remove(session));
  }

  private remove(session: Session): void {
    if (!this.sessions.delete(session)) return;
    for (const r of session.registrations.values()) this.index.get(r.trId)?.get(r.trKey)?.delete(session);
    session.registrations.clear();
  }

  private ack(session: Session, trId: string, trKey: string, encrypt: 'Y' | 'N', body: AckBody): void {
    // header.tr_key and header.encrypt are always present: the official client reads them (§12).
    this.send(session, JSON.stringify({ header: { tr_id: trId, tr_key: trKey, encrypt }, body }));
  }

  private send(session: Session, text: string): void {
    if (session.socket.readyState !== WebSocket.OPEN) return;
    session.socket.send(text);
    this.framesSent++;
  }

  private onText(session: Session, text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      this.ack(session, '', '', 'N', {
        rt_cd: '9',
        msg_cd: 'OPSP9999',
        msg1: 'JSON PARSING ERROR : invalid json format',
      });
      return;
    }
    const m = msg as { header?: Record<string, unknown>; body?: { input?: Record<string, unknown> } };
    const header = m?.header;
    if (typeof header !== 'object' || header === null) {
      this.ack(session, '', '', 'N', {
        rt_cd: '9',
        msg_cd: 'OPSP9998',
        msg1: 'JSON PARSING ERROR : header not found',
      });
      return;
    }
    if (header.tr_id === 'PINGPONG') {
      session.unansweredPings = 0; // heartbeat echo as a text frame
      return;
    }
    const input = m.body?.input;
    const trId = typeof input?.tr_id === 'string' ? input.tr_id : '';
    const trKey = typeof input?.tr_key === 'string' ? input.tr_key : '';
    const fail = (msg_cd: string, msg1: string, rt = '1'): void =>
      this.ack(session, trId, trKey, 'N', { rt_cd: rt, msg_cd, msg1 });

    if (typeof input !== 'object' || input === null)
      return fail('OPSP9997', 'JSON PARSING ERROR : body.input not found', '9');
    const approvalKey = typeof header.approval_key === 'string' ? header.approval_key : '';
    const appKey = approvalKey ? this.options.tokens.appKeyForApproval(approvalKey) : undefined;
    if (!appKey) return fail('OPSP0011', 'invalid approval(appkey) : NOT FOUND');
    if (header.custtype !== 'P' && header.custtype !== 'B')
      return fail('OPSP8998', 'JSON PARSING ERROR : invalid custtype');
    const trType = header.tr_type;
    if (trType !== '1' && trType !== '2') return fail('OPSP8997', 'JSON PARSING ERROR : invalid tr_type');

    if (session.appKey === undefined) {
      for (const other of this.sessions) {
        if (other !== session && other.live && other.appKey === appKey)
          return fail('OPSP8996', 'ALREADY IN USE appkey');
      }
      session.appKey = appKey;
    } else if (session.appKey !== appKey) {
      return fail('OPSP8996', 'ALREADY IN USE appkey');
    }
    const account = this.options.engine.byAppKey(appKey);
    if (!account) return fail('OPSP0011', 'invalid approval(appkey) : NOT FOUND');

    const notice = trId === NOTICE_TR_REAL || trId === NOTICE_TR_PAPER;
    if (trId === TRADE_TR || trId === BOOK_TR) {
      if (!this.options.market.get(trKey)) return fail('OPSP8992', 'SUBSCRIBE ERROR : invalid tr_key');
    } else if (notice) {
      const expected = account.info.kind === 'paper' ? NOTICE_TR_PAPER : NOTICE_TR_REAL;
      if (trId !== expected) return fail('OPSP8991', 'SUBSCRIBE ERROR : invalid tr_id');
      // Notices are keyed by HTS ID (§7.3); any other key would silently receive nothing.
      if (trKey !== account.info.htsId) return fail('OPSP8992', 'SUBSCRIBE ERROR : invalid tr_key');
    } else {
      return fail('OPSP8991', 'SUBSCRIBE ERROR : invalid tr_id');
    }

    const id = `${trId}|${trKey}`;
    const encrypt = notice ? 'Y' : 'N';
    const existing = session.registrations.get(id);
    if (trType === '2') {
      if (!existing) return fail('OPSP0003', 'UNSUBSCRIBE ERROR(not found!)');
      session.registrations.delete(id);
      this.index.get(trId)?.get(trKey)?.delete(session);
      this.ack(session, trId, trKey, encrypt, {
        rt_cd: '0',
        msg_cd: 'OPSP0001',
        msg1: 'UNSUBSCRIBE SUCCESS',
      });
      return;
    }
    if (existing) {
      // "Not an error" (§6.2): rt_cd 0 and the pair already in force, so a client that re-reads
      // key/iv from every ack stays able to decrypt.
      this.ack(session, trId, trKey, encrypt, {
        rt_cd: '0',
        msg_cd: 'OPSP0002',
        msg1: 'ALREADY IN SUBSCRIBE',
        output: { iv: existing.iv, key: existing.key },
      });
      return;
    }
    if (session.registrations.size >= MAX_REGISTRATIONS) return fail('OPSP0008', 'MAX SUBSCRIBE OVER');
    const reg: Registration = {
      trId,
      trKey,
      key: this.keyRng.chars(32, ALNUM),
      iv: this.keyRng.chars(16, ALNUM),
    };
    session.registrations.set(id, reg);
    let byKey = this.index.get(trId);
    if (!byKey) this.index.set(trId, (byKey = new Map()));
    let set = byKey.get(trKey);
    if (!set) byKey.set(trKey, (set = new Set()));
    set.add(session);
    this.ack(session, trId, trKey, encrypt, {
      rt_cd: '0',
      msg_cd: 'OPSP0000',
      msg1: 'SUBSCRIBE SUCCESS',
      output: { iv: reg.iv, key: reg.key },
    });
  }

  private subscribers(trId: string, trKey: string): Set<Session> | undefined {
    const set = this.index.get(trId)?.get(trKey);
    return set && set.size > 0 ? set : undefined;
  }

  /** Sends one delivery interval's trades and book updates, one frame per symbol and TR. */
  deliver(
    deliveries: ReadonlyArray<{ sym: SymbolState; ticks: string[]; bookChanged: boolean }>,
    t: number,
  ): void {
    for (const d of deliveries) {
      const bookSubs = d.bookChanged ? this.subscribers(BOOK_TR, d.sym.code) : undefined;
      // Only built when someone listens; its *_ICDC fields compare with the last record sent.
      const book = bookSubs ? bookRecord(d.sym, t) : undefined;
      const tradeSubs = d.ticks.length > 0 ? this.subscribers(TRADE_TR, d.sym.code) : undefined;
      if (tradeSubs) {
        const frames = plainFrames(TRADE_TR, d.ticks);
        for (const session of tradeSubs) {
          if (session.socket.bufferedAmount > SLOW_CONSUMER_BYTES) continue;
          for (const f of frames) this.send(session, f);
          this.recordsSent += d.ticks.length;
        }
      }
      if (bookSubs && book) {
        const frame = plainFrames(BOOK_TR, [book])[0] ?? '';
        for (const session of bookSubs) {
          if (session.socket.bufferedAmount > SLOW_CONSUMER_BYTES) continue;
          this.send(session, frame);
        }
      }
    }
  }

  /** Encrypts the notice separately for each subscriber with that registration's key/iv. */
  sendNotice(account: SimAccount, notice: NoticeFields): void {
    const trId = account.info.kind === 'paper' ? NOTICE_TR_PAPER : NOTICE_TR_REAL;
    const subs = this.subscribers(trId, account.info.htsId);
    if (!subs) return;
    const record = noticeRecord(notice);
    for (const session of subs) {
      const reg = session.registrations.get(`${trId}|${account.info.htsId}`);
      if (reg) this.send(session, encryptedFrame(trId, record, reg.key, reg.iv));
    }
  }

  /** PINGPONG every pingIntervalMs of simulator time; no body so it fits a control frame (§12). */
  heartbeat(t: number): void {
    if (this.lastPing === undefined) {
      this.lastPing = t;
      return;
    }
    if (t - this.lastPing < this.options.pingIntervalMs) return;
    this.lastPing = t;
    const text = JSON.stringify({ header: { tr_id: 'PINGPONG', datetime: `${kstDate(t)}${kstTime(t)}` } });
    for (const s of [...this.sessions]) {
      if (this.options.pingMissLimit > 0 && s.unansweredPings >= this.options.pingMissLimit) {
        s.socket.terminate();
        this.remove(s);
        continue;
      }
      this.send(s, text);
      s.unansweredPings++;
    }
  }

  /** Fault injection: abrupt loss of every connection (clients see code 1006). */
  dropAll(): number {
    const n = this.sessions.size;
    for (const s of [...this.sessions]) {
      s.socket.terminate();
      this.remove(s);
    }
    return n;
  }

  async close(): Promise<void> {
    for (const s of [...this.sessions]) {
      s.socket.terminate();
      this.remove(s);
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
