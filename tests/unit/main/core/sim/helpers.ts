/** Test helpers: real HTTP / WebSocket clients against a simulator on 127.0.0.1. */
import { request } from 'node:http';
import { WebSocket } from 'ws';
import {
  createKisSimulator,
  type KisSimulator,
  type KisSimulatorOptions,
  type SimCredentials,
} from '../../../../../src/main/core/sim';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function startSim(options: KisSimulatorOptions = {}): Promise<KisSimulator> {
  return createKisSimulator({ clock: 'manual', seed: 'test-seed', ...options });
}

export interface RawResponse {
  status: number;
  /** Header names exactly as sent on the wire. */
  rawHeaders: string[];
  headers: Record<string, string>;
  text: string;
  json: Json;
}

/** Plain node:http request so the wire-level header case can be asserted. */
export function httpRequest(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // agent: false — a fresh connection per call, so a long synchronous advance() cannot leave a
    // stale keep-alive socket behind.
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Json;
        try {
          json = JSON.parse(text) as Json;
        } catch {
          json = {};
        }
        const h: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          h[(res.rawHeaders[i] ?? '').toLowerCase()] = res.rawHeaders[i + 1] ?? '';
        resolve({
          status: res.statusCode ?? 0,
          rawHeaders: res.rawHeaders.filter((_, i) => i % 2 === 0),
          headers: h,
          text,
          json,
        });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function issueToken(sim: KisSimulator, cred: SimCredentials): Promise<string> {
  const r = await httpRequest(
    `${sim.restUrl}/oauth2/tokenP`,
    'POST',
    { 'Content-Type': 'application/json' },
    JSON.stringify({ grant_type: 'client_credentials', appkey: cred.appKey, appsecret: cred.appSecret }),
  );
  if (r.status !== 200) throw new Error(`tokenP failed: ${r.status} ${r.text}`);
  return r.json.access_token as string;
}

export function kisHeaders(
  cred: SimCredentials,
  token: string,
  trId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    authorization: `Bearer ${token}`,
    appkey: cred.appKey,
    appsecret: cred.appSecret,
    tr_id: trId,
    custtype: 'P',
    ...extra,
  };
}

/** Query string the way the official Python client builds it (requests: spaces as '+'). */
export function pyQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
    .join('&');
}

export function kisGet(
  sim: KisSimulator,
  cred: SimCredentials,
  token: string,
  path: string,
  trId: string,
  params: Record<string, string>,
  extra: Record<string, string> = {},
): Promise<RawResponse> {
  return httpRequest(`${sim.restUrl}${path}?${pyQuery(params)}`, 'GET', kisHeaders(cred, token, trId, extra));
}

export function kisPost(
  sim: KisSimulator,
  cred: SimCredentials,
  token: string,
  path: string,
  trId: string,
  body: Record<string, string>,
): Promise<RawResponse> {
  return httpRequest(`${sim.restUrl}${path}`, 'POST', kisHeaders(cred, token, trId), JSON.stringify(body));
}

/** A raw `ws` client that records every text message and lets a test await one. */
export class WsProbe {
  readonly messages: string[] = [];
  private waiters: Array<{ pred: (m: string) => boolean; from: number; resolve: (m: string) => void }> = [];
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      this.messages.push(text);
      const idx = this.messages.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (idx >= w.from && w.pred(text)) {
          w.resolve(text);
          return false;
        }
        return true;
      });
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  }

  static async open(url: string): Promise<WsProbe> {
    const socket = new WebSocket(url);
    const probe = new WsProbe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return probe;
  }

  /** Resolves with the first message (at or after index `from`) matching `pred`. */
  waitFor(pred: (m: string) => boolean, from = 0): Promise<string> {
    for (let i = from; i < this.messages.length; i++) {
      const m = this.messages[i];
      if (m !== undefined && pred(m)) return Promise.resolve(m);
    }
    return new Promise((resolve) => this.waiters.push({ pred, from, resolve }));
  }

  send(obj: unknown): void {
    this.socket.send(JSON.stringify(obj));
  }

  /** Sends a (un)registration and resolves with its ack. */
  async register(approvalKey: string, trId: string, trKey: string, trType: '1' | '2' = '1'): Promise<Json> {
    const from = this.messages.length;
    this.send({
      header: { approval_key: approvalKey, custtype: 'P', tr_type: trType, 'content-type': 'utf-8' },
      body: { input: { tr_id: trId, tr_key: trKey } },
    });
    const text = await this.waitFor((m) => m.startsWith('{') && !m.includes('PINGPONG'), from);
    return JSON.parse(text) as Json;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed;
  }
}

export const PATHS = {
  price: '/uapi/domestic-stock/v1/quotations/inquire-price',
  asking: '/uapi/domestic-stock/v1/quotations/inquire-asking-price-exp-ccn',
  daily: '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice',
  minute: '/uapi/domestic-stock/v1/quotations/inquire-time-itemchartprice',
  multi: '/uapi/domestic-stock/v1/quotations/intstock-multprice',
  orderCash: '/uapi/domestic-stock/v1/trading/order-cash',
  revise: '/uapi/domestic-stock/v1/trading/order-rvsecncl',
  psblOrder: '/uapi/domestic-stock/v1/trading/inquire-psbl-order',
  balance: '/uapi/domestic-stock/v1/trading/inquire-balance',
  psblRvsecncl: '/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl',
  dailyCcld: '/uapi/domestic-stock/v1/trading/inquire-daily-ccld',
  overseas: '/uapi/overseas-price/v1/quotations/price',
} as const;
