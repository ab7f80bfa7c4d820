/**
 * Shared pieces of the REST surface: the context every handler sees, the envelope builders
 * (`rt_cd/msg_cd/msg1` always present, every value a string) and parameter readers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrderEngine, SimAccount } from './accounts';
import type { RateLimiter, TokenService } from './auth';
import type { SimClock } from './clock';
import { MSG, withHint, type KisMessage } from './errors';
import type { SimMarket, SymbolState } from './market';
import type { OverseasMarket } from './overseas';

export type FailureMode = 'http500' | 'egw00201' | 'timeout';

export interface RestContext {
  clock: SimClock;
  market: SimMarket;
  engine: OrderEngine;
  tokens: TokenService;
  limiter: RateLimiter;
  overseas: OverseasMarket;
  /** Per-second REST limits per app key; null disables limiting. */
  rateLimits: { real: number; paper: number } | null;
  /** Queue of injected failures, consumed one request at a time. */
  failures: FailureMode[];
  /** Requests held open by the 'timeout' fault; ended when the simulator closes. */
  hung: Set<ServerResponse>;
  /** Counter behind the gt_uid response header. */
  gtUidSerial: number;
}

export type Body = Record<string, unknown>;

export interface Reply {
  status: number;
  body: Body;
  trCont?: string;
}

export interface Call {
  account: SimAccount;
  trId: string;
  query: URLSearchParams;
  body: Body;
  /** Request tr_cont header ('' or 'N'). */
  trCont: string;
  rawBody: string;
  headers: IncomingMessage['headers'];
}

export interface Endpoint {
  method: 'GET' | 'POST';
  real: readonly string[];
  paper: readonly string[];
  legacy?: readonly string[];
  handle(ctx: RestContext, call: Call): Reply;
}

export const ok = (extra: Body, msg: KisMessage = MSG.inquiryOk): Reply => ({
  status: 200,
  body: { rt_cd: '0', msg_cd: msg.msg_cd, msg1: msg.msg1, ...extra },
});
export const fail = (msg: KisMessage, status = 200): Reply => ({
  status,
  body: { rt_cd: '1', msg_cd: msg.msg_cd, msg1: msg.msg1 },
});
export const missing = (field: string): KisMessage => ({
  msg_cd: 'OPSQ2001',
  msg1: `ERROR : INPUT FIELD NOT FOUND [${field}]`,
});
export const invalid = (field: string, why: string): KisMessage => ({
  msg_cd: 'OPSQ2002',
  msg1: `ERROR : INPUT FIELD INVALID [${field}] (${why})`,
});

export const s = (n: number): string => String(n);

/** Reads a GET query or POST body field; POST values must be strings like KIS demands. */
export function field(call: Call, name: string): string | undefined {
  if (call.body && name in call.body) {
    const v = call.body[name];
    return typeof v === 'string' ? v : undefined;
  }
  return call.query.get(name) ?? undefined;
}

export function required(call: Call, name: string): string | KisMessage {
  if (call.body && name in call.body && typeof call.body[name] !== 'string')
    return invalid(name, 'values must be JSON strings, e.g. "10"');
  const v = field(call, name);
  return v === undefined || v === '' ? missing(name) : v;
}

export const isMsg = (v: unknown): v is KisMessage => typeof v === 'object' && v !== null && 'msg_cd' in v;

export function checkAccount(call: Call): KisMessage | undefined {
  const cano = field(call, 'CANO');
  const prdt = field(call, 'ACNT_PRDT_CD');
  if (!cano) return missing('CANO');
  if (!prdt) return missing('ACNT_PRDT_CD');
  if (cano !== call.account.info.cano || prdt !== call.account.info.acntPrdtCd)
    return withHint(
      MSG.badAccount,
      `this app key's account is ${call.account.info.cano}-${call.account.info.acntPrdtCd}`,
    );
  return undefined;
}

export function symbolParam(ctx: RestContext, call: Call, name = 'FID_INPUT_ISCD'): SymbolState | KisMessage {
  const code = required(call, name);
  if (isMsg(code)) return code;
  const sym = ctx.market.get(code.startsWith('Q') ? code.slice(1) : code);
  return sym ?? withHint(MSG.noSuchProduct, `${code} is not one of the simulator's listings`);
}

export function marketDivOk(call: Call, name = 'FID_COND_MRKT_DIV_CODE'): KisMessage | undefined {
  const v = field(call, name);
  if (v === undefined || v === '') return missing(name);
  if (v !== 'J' && v !== 'UN' && v !== 'NX') return MSG.badMarketCode;
  if (v !== 'J' && call.account.info.kind === 'paper')
    return withHint(MSG.badMarketCode, 'paper accepts J only');
  return undefined;
}
