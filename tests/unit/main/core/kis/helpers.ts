/**
 * Test doubles for the KIS client: a fake KIS REST server on 127.0.0.1:0, a manual clock, and
 * builders for real-time records from the field lists of kis-protocol.md §7.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../../../src/main/core/kis/clock';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown> | undefined;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Destroy the socket without answering (simulates a dropped connection). */
  destroy?: boolean;
  /** Never answer (simulates a timeout; the client's timeout fires). */
  hang?: boolean;
}

export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeKisServer {
  url: string;
  requests: RecordedRequest[];
  /** Requests to one path. */
  to(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export const TOKEN_PATH = '/oauth2/tokenP';

/** A default tokenP answer (24 h, as individual accounts see it). */
export function tokenReply(token = 'TOKEN-1', expiresIn = 86_400): FakeReply {
  return {
    body: {
      access_token: token,
      token_type: 'Bearer',
      expires_in: expiresIn,
      access_token_token_expired: '2099-01-01 00:00:00',
    },
  };
}

export function ok(body: Record<string, unknown>, headers: Record<string, string> = {}): FakeReply {
  return {
    status: 200,
    headers,
    body: { rt_cd: '0', msg_cd: 'MCA00000', msg1: '정상처리 되었습니다.', ...body },
  };
}

export function kisError(msgCd: string, msg1: string, status = 500): FakeReply {
  return { status, body: { rt_cd: '1', msg_cd: msgCd, msg1 } };
}

export async function startFakeKis(handler: FakeHandler): Promise<FakeKisServer> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        raw,
        body,
      };
      requests.push(rec);
      void Promise.resolve(handler(rec)).then((reply) => {
        if (reply.destroy) return req.socket.destroy();
        if (reply.hang) return void hanging.add(res);
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json; charset=utf-8',
          ...reply.headers,
        });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

interface Timer {
  at: number;
  resolve: () => void;
}

/** A clock that only moves when told. `sleep` resolves when `advance` passes its deadline. */
export class ManualClock implements Clock {
  private t: number;
  private timers: Timer[] = [];
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 2, 5, 1, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      const timer: Timer = { at: this.t + Math.max(0, ms), resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        },
        { once: true },
      );
    });
  }

  /** Moves time forward, firing due timers in order and letting promise chains run between them. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.t = next.at;
      next.resolve();
      await flush();
    }
    this.t = target;
    await flush();
  }
}

export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Polls until `cond` is true (no timing assertions: the test's own timeout is the only limit). */
export async function waitFor(
  cond: () => boolean,
  what: string | (() => string) = 'condition',
): Promise<void> {
  for (let i = 0; i < 4000; i++) {
    if (cond()) return;
    await new Promise<void>((r) => setTimeout(r, 2));
  }
  throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
}

/** One H0STCNT0 record (46 fields) with values derived from `i`. */
export function tickFields(i: number, code = '005930'): string[] {
  const f = new Array<string>(46).fill('');
  f[0] = code;
  f[1] = `0900${String(i % 60).padStart(2, '0')}`;
  f[2] = String(71_000 + i * 100);
  f[3] = '2';
  f[4] = String(500 + i);
  f[5] = '0.71';
  f[6] = '70950.12';
  f[7] = '70500';
  f[8] = String(72_000 + i);
  f[9] = '70100';
  f[10] = String(71_100 + i * 100);
  f[11] = String(70_900 + i * 100);
  f[12] = String(10 + i);
  f[13] = String(1_000_000 + i);
  f[14] = String(71_000_000_000 + i);
  f[21] = '1';
  f[33] = '20260305';
  f[34] = '20';
  f[35] = 'N';
  f[43] = '0';
  return f;
}

/** One H0STASP0 record (59 fields). Ask level k (0-based) = 71_100 + 100k, bid = 71_000 − 100k. */
export function bookFields(i: number, code = '005930'): string[] {
  const f = new Array<string>(59).fill('0');
  f[0] = code;
  f[1] = `0901${String(i % 60).padStart(2, '0')}`;
  f[2] = '0';
  for (let k = 0; k < 10; k++) {
    f[3 + k] = String(71_100 + 100 * k);
    f[13 + k] = String(71_000 - 100 * k);
    f[23 + k] = String(1000 + k + i);
    f[33 + k] = String(2000 + k + i);
  }
  f[43] = String(50_000 + i);
  f[44] = String(60_000 + i);
  f[58] = '';
  return f;
}

export interface NoticeSpec {
  orderNo: string;
  origOrderNo?: string;
  side: '01' | '02';
  rctfCls?: '0' | '1' | '2';
  code?: string;
  qty: number;
  price: number;
  time?: string;
  rfusYn?: '0' | '1';
  cntgYn: '1' | '2';
  acptYn?: '1' | '2' | '3';
  orderQty?: number | '';
  name?: string;
}

/** One H0STCNI0 record (26 fields, §7.3). */
export function noticeFields(s: NoticeSpec): string[] {
  const f = new Array<string>(26).fill('');
  f[0] = 'kimtrader';
  f[1] = '5001234501';
  f[2] = s.orderNo;
  f[3] = s.origOrderNo ?? '';
  f[4] = s.side;
  f[5] = s.rctfCls ?? '0';
  f[6] = '00';
  f[7] = '0';
  f[8] = s.code ?? '005930';
  f[9] = String(s.qty);
  f[10] = String(s.price);
  f[11] = s.time ?? '093015';
  f[12] = s.rfusYn ?? '0';
  f[13] = s.cntgYn;
  f[14] = s.acptYn ?? '2';
  f[15] = '06010';
  f[16] = s.orderQty === undefined ? '' : String(s.orderQty);
  f[17] = '김투자';
  f[19] = '1';
  f[20] = 'Y';
  f[24] = s.name ?? '삼성전자';
  f[25] = String(s.price);
  return f;
}

export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz012345'; // 32 chars
export const AES_IV = '0123456789abcdef'; // 16 chars
