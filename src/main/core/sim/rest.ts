/**
 * The KIS REST surface (kis-protocol.md §2–§5): OAuth endpoints, hashkey, the gateway checks
 * every /uapi call goes through (app key, secret, Bearer token, custtype, rate limit, tr_id),
 * and the domestic endpoints. Envelopes: every value a string, `rt_cd/msg_cd/msg1` always
 * present, paged APIs answer with the lower-case `tr_cont` header and ctx_area_* body keys.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimAccount } from './accounts';
import { MSG, withHint } from './errors';
import { fail, type Body, type Call, type Endpoint, type Reply, type RestContext } from './rest-common';
import { askingPrice, dailyChart, inquirePrice, minuteChart, multiPrice, overseasPrice } from './rest-quotes';
import { balance, dailyCcld, orderCash, orderRevise, psblOrder, psblRvsecncl } from './rest-trading';

export type { FailureMode, RestContext } from './rest-common';

const ENDPOINTS: Record<string, Endpoint> = {
  '/uapi/domestic-stock/v1/quotations/inquire-price': inquirePrice,
  '/uapi/domestic-stock/v1/quotations/inquire-asking-price-exp-ccn': askingPrice,
  '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice': dailyChart,
  '/uapi/domestic-stock/v1/quotations/inquire-time-itemchartprice': minuteChart,
  '/uapi/domestic-stock/v1/quotations/intstock-multprice': multiPrice,
  '/uapi/domestic-stock/v1/trading/order-cash': orderCash,
  '/uapi/domestic-stock/v1/trading/order-rvsecncl': orderRevise,
  '/uapi/domestic-stock/v1/trading/inquire-psbl-order': psblOrder,
  '/uapi/domestic-stock/v1/trading/inquire-balance': balance,
  '/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl': psblRvsecncl,
  '/uapi/domestic-stock/v1/trading/inquire-daily-ccld': dailyCcld,
  '/uapi/overseas-price/v1/quotations/price': overseasPrice,
};

export const REST_PATHS = Object.keys(ENDPOINTS);

/** tr_id check: environment rules of §1.1 and the legacy ids of §1.1's table. */
function checkTrId(ep: Endpoint, trId: string, account: SimAccount): Reply | undefined {
  if (!trId) return fail(withHint(MSG.routing, 'tr_id header missing'), 500);
  if (ep.legacy?.includes(trId)) return fail(withHint(MSG.legacyTr, `${trId} is a legacy TR id`), 500);
  const paper = account.info.kind === 'paper';
  if ((paper ? ep.paper : ep.real).includes(trId)) return undefined;
  if (paper) {
    if (ep.paper.length === 0 && (ep.real.includes(trId) || ep.real.includes(`T${trId.slice(1)}`)))
      return fail(MSG.notPaperTr, 500);
    if (ep.real.includes(trId)) return fail(withHint(MSG.paperKeyOnRealTr, `use V${trId.slice(1)}`), 500);
  } else if (ep.paper.includes(trId)) {
    return fail(
      withHint(MSG.realKeyOnPaperTr, `use ${ep.real[ep.paper.indexOf(trId)] ?? 'the real TR id'}`),
      500,
    );
  }
  return fail(withHint(MSG.routing, `tr_id ${trId} is not served by this path`), 500);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(ctx: RestContext, res: ServerResponse, reply: Reply, trId = '', paged = false): void {
  const text = JSON.stringify(reply.body);
  // Lower-case KIS headers must be identifiers; standard ones keep their usual case (§2.6, §12).
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    tr_id: trId,
    tr_cont: paged ? (reply.trCont ?? '') : '',
    gt_uid: `SIM${String(++ctx.gtUidSerial).padStart(29, '0')}`,
  };
  res.writeHead(reply.status, headers);
  res.end(text);
}

function sendOAuthError(res: ServerResponse, status: number, code: string, description: string): void {
  const text = JSON.stringify({ error_description: description, error_code: code });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function parseJsonObject(raw: string): Body | undefined {
  if (raw.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Body) : undefined;
  } catch {
    return undefined;
  }
}

function hashOf(appSecret: string, rawBody: string): string {
  return createHmac('sha256', appSecret).update(rawBody).digest('base64');
}

/** Handles one KIS REST request (the caller has read the body). */
export function handleKisRequest(
  ctx: RestContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  raw: string,
): void {
  const injected = ctx.failures.shift();
  if (injected === 'timeout') {
    ctx.hung.add(res);
    res.on('close', () => ctx.hung.delete(res));
    return;
  }
  if (injected === 'http500') {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal Server Error (simulated fault)');
    return;
  }
  if (injected === 'egw00201') {
    send(ctx, res, fail(MSG.rateLimited, 500), header(req, 'tr_id') ?? '');
    return;
  }

  const method = req.method ?? 'GET';
  if (path === '/oauth2/tokenP' || path === '/oauth2/revokeP' || path === '/oauth2/Approval') {
    if (method !== 'POST') return sendOAuthError(res, 405, 'EGW00002', `${path} accepts POST only`);
    const body = parseJsonObject(raw);
    if (!body) return sendOAuthError(res, 400, 'EGW00003', 'request body is not a JSON object');
    const str = (k: string): string | undefined =>
      typeof body[k] === 'string' ? (body[k] as string) : undefined;
    if (path === '/oauth2/tokenP') {
      if (str('grant_type') !== 'client_credentials')
        return sendOAuthError(res, 403, 'EGW00001', 'grant_type must be "client_credentials"');
      const r = ctx.tokens.issue(str('appkey'), str('appsecret'));
      if (!r.ok) return sendOAuthError(res, r.status, r.errorCode, r.description);
      return sendJson(res, 200, {
        access_token: r.accessToken,
        access_token_token_expired: r.expiresText,
        token_type: 'Bearer',
        expires_in: r.expiresInSec,
      });
    }
    if (path === '/oauth2/revokeP') {
      const bad = ctx.tokens.checkCredentials(str('appkey'), str('appsecret'));
      if (bad) return sendOAuthError(res, 403, bad.msg_cd, bad.msg1);
      const done = ctx.tokens.revoke(str('token') ?? '');
      return sendJson(
        res,
        200,
        done
          ? { code: '200', message: '접근토큰 폐기에 성공하였습니다' }
          : { code: '400', message: 'token을 확인하세요' },
      );
    }
    // Approval: the secret travels as `secretkey`, not `appsecret` (§2.3).
    if (str('grant_type') !== 'client_credentials')
      return sendOAuthError(res, 403, 'EGW00001', 'grant_type must be "client_credentials"');
    if (str('secretkey') === undefined && str('appsecret') !== undefined)
      return sendOAuthError(
        res,
        403,
        'EGW00104',
        'Approval expects the app secret in "secretkey" (not "appsecret")',
      );
    const bad = ctx.tokens.checkCredentials(str('appkey'), str('secretkey'));
    if (bad) return sendOAuthError(res, 403, bad.msg_cd, bad.msg1);
    return sendJson(res, 200, { approval_key: ctx.tokens.approvalKeyFor(str('appkey') ?? '') });
  }

  const trId = header(req, 'tr_id') ?? '';
  const ep = ENDPOINTS[path];
  const isHashkey = path === '/uapi/hashkey';
  if (!ep && !isHashkey) {
    return send(ctx, res, fail(withHint(MSG.routing, `no KIS API at ${path}`), 404), trId);
  }

  // Gateway checks, in the order a client is most likely to get wrong first.
  const appKey = header(req, 'appkey');
  const credErr = ctx.tokens.checkCredentials(appKey, header(req, 'appsecret'));
  if (credErr) return send(ctx, res, fail(credErr, 500), trId);
  const account = ctx.engine.byAppKey(appKey ?? '');
  if (!account) return send(ctx, res, fail(MSG.appKeyInvalid, 500), trId);
  if (ctx.rateLimits) {
    const limit = account.info.kind === 'paper' ? ctx.rateLimits.paper : ctx.rateLimits.real;
    if (!ctx.limiter.tryAcquire(account.info.appKey, limit))
      return send(ctx, res, fail(MSG.rateLimited, 500), trId);
  }
  if (isHashkey) {
    if (method !== 'POST')
      return send(ctx, res, fail(withHint(MSG.routing, 'hashkey accepts POST only'), 500));
    const body = parseJsonObject(raw);
    if (!body) return send(ctx, res, fail(MSG.jsonParse, 500));
    return sendJson(res, 200, { BODY: body, HASH: hashOf(account.info.appSecret, raw) });
  }
  if (!ep) return;

  const auth = header(req, 'authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/.exec(auth.trim());
  if (!m || !m[1])
    return send(
      ctx,
      res,
      fail(withHint(MSG.credentialsType, 'send "authorization: Bearer <access_token>"'), 500),
      trId,
    );
  const check = ctx.tokens.verify(m[1], account.info.appKey);
  if (!check.ok) return send(ctx, res, fail(check.error, 500), trId);
  const custtype = header(req, 'custtype');
  if (custtype !== 'P' && custtype !== 'B')
    return send(ctx, res, fail(withHint(MSG.custtype, 'send custtype: P'), 500), trId);
  const trErr = checkTrId(ep, trId, account);
  if (trErr) return send(ctx, res, trErr, trId);
  if (method !== ep.method)
    return send(ctx, res, fail(withHint(MSG.routing, `${path} expects ${ep.method}`), 500), trId);

  let body: Body = {};
  if (ep.method === 'POST') {
    const parsed = parseJsonObject(raw);
    if (!parsed) return send(ctx, res, fail(MSG.jsonParse, 500), trId);
    body = parsed;
    const hk = header(req, 'hashkey');
    if (hk && hk !== hashOf(account.info.appSecret, raw))
      return send(ctx, res, fail(MSG.hashkeyMismatch), trId);
  }
  const call: Call = {
    account,
    trId,
    query,
    body: ep.method === 'POST' ? body : {},
    trCont: header(req, 'tr_cont') ?? '',
    rawBody: raw,
    headers: req.headers,
  };
  const paged = ep === balance || ep === dailyCcld || ep === psblRvsecncl;
  send(ctx, res, ep.handle(ctx, call), trId, paged);
}
