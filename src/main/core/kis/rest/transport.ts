/**
 * One KIS REST call: TR id mapping, headers (§2.5), pacing, envelope parsing, and the retry policy.
 *
 * Retry policy, by design:
 * - reads (idempotent): EGW00201/00215 → back off and retry (bounded); EGW00121/122/123 → reissue the
 *   token once and replay once; a network failure after sending → one resend;
 * - anything not idempotent (order POSTs): never replayed. A rejected token is still invalidated so
 *   the *next* call gets a fresh one, but the caller decides whether to resend.
 */
import { KisNetworkError, KisRateLimitError, TOKEN_INVALID_CODES, kisErrorFrom } from '../errors';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type KisLogger } from '../logger';
import { trIdFor } from '../tr-ids';
import type { TokenManager } from '../auth/token-manager';
import { isRecord, rawStr, responseError, str, type KisRecord } from './envelope';
import type { HttpTransport } from './http';
import type { RateLimiter, RequestPriority } from './rate-limiter';

export interface KisCall {
  method: 'GET' | 'POST';
  path: string;
  /** The REAL tr id; mapped to paper here. */
  trId: string;
  query?: Readonly<Record<string, string>>;
  body?: Readonly<Record<string, string>>;
  priority: RequestPriority;
  /** True for inquiries; false for anything that changes state (never replayed). */
  idempotent: boolean;
  /** '' first page, 'N' continuation. */
  trCont?: '' | 'N';
}

export interface KisCallResult {
  body: KisRecord;
  /** Response header tr_cont ('' when absent). */
  trCont: string;
  /** The tr id actually sent. */
  trId: string;
  httpStatus: number;
}

export interface KisRestTransportOptions {
  http: HttpTransport;
  tokens: TokenManager;
  limiter: RateLimiter;
  appKey: string;
  appSecret: string;
  paperLike: boolean;
  clock?: Clock;
  logger?: KisLogger;
  /** Pause after EGW00201/00215 before a read is retried; doubled each retry. Default 1000 ms. */
  rateLimitBackoffMs?: number;
  /** Default 3. */
  maxRateLimitRetries?: number;
  /**
   * Reads only: resend after a network failure this many times (a keep-alive socket the server
   * closed just as we wrote to it fails with ECONNRESET). Default 1.
   */
  maxNetworkRetries?: number;
  /** Send POST bodies through /uapi/hashkey first (§2.4). Default false. */
  useHashkey?: boolean;
}

export interface PagedResult {
  pages: KisRecord[];
  /** True when the loop guard stopped paging (too many pages, or the keys repeated). */
  truncated: boolean;
}

export class KisRestTransport {
  private readonly clock: Clock;
  private readonly logger: KisLogger;
  private readonly abort = new AbortController();
  /** Requests that reached the HTTP layer (diagnostics and tests). */
  sent = 0;

  constructor(private readonly options: KisRestTransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  get paperLike(): boolean {
    return this.options.paperLike;
  }

  private baseHeaders(token: string, trId: string, trCont: string): Record<string, string> {
    return {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${token}`,
      appkey: this.options.appKey,
      appsecret: this.options.appSecret,
      tr_id: trId,
      custtype: 'P',
      tr_cont: trCont,
    };
  }

  async call(spec: KisCall): Promise<KisCallResult> {
    // Throws KisPaperUnsupportedError for real-only TRs: nothing leaves the machine.
    const trId = trIdFor(spec.trId, this.options.paperLike);
    const body = spec.body ? JSON.stringify(spec.body) : undefined;
    const maxRetries = this.options.maxRateLimitRetries ?? 3;
    const backoff = this.options.rateLimitBackoffMs ?? 1000;
    const maxNetworkRetries = this.options.maxNetworkRetries ?? 1;
    let rateRetries = 0;
    let networkRetries = 0;
    let tokenReplayed = false;
    for (;;) {
      await this.options.limiter.acquire(spec.priority, this.abort.signal);
      const token = await this.options.tokens.getToken();
      const headers = this.baseHeaders(token, trId, spec.trCont ?? '');
      if (body !== undefined && this.options.useHashkey)
        headers.hashkey = await this.hashkey(body, spec.priority);
      this.sent++;
      let res;
      try {
        res = await this.options.http.send({
          method: spec.method,
          path: spec.path,
          headers,
          query: spec.query,
          body,
          trId,
        });
      } catch (e) {
        // Never for orders: a lost answer to an order is an "unknown" outcome for the caller to reconcile.
        if (
          e instanceof KisNetworkError &&
          e.requestSent &&
          spec.idempotent &&
          networkRetries < maxNetworkRetries
        ) {
          networkRetries++;
          this.logger.warn(`${e.message}; retrying the read once`);
          continue;
        }
        throw e;
      }
      const err = responseError(res, trId);
      if (!err) {
        return {
          body: res.json as KisRecord,
          trCont: (res.headers.tr_cont ?? '').trim(),
          trId,
          httpStatus: res.status,
        };
      }
      const tokenRejected = TOKEN_INVALID_CODES.has(err.msgCd);
      if (tokenRejected) await this.options.tokens.invalidate(token);
      if (!spec.idempotent) throw err;
      if (err instanceof KisRateLimitError && rateRetries < maxRetries) {
        const wait = backoff * 2 ** rateRetries++;
        this.logger.warn(`KIS rate limit (${err.msgCd}) on ${trId}; retrying in ${wait} ms`);
        await this.clock.sleep(wait, this.abort.signal);
        continue;
      }
      if (tokenRejected && !tokenReplayed) {
        tokenReplayed = true;
        this.logger.info(
          `KIS rejected the access token (${err.msgCd}); reissuing and replaying ${trId} once`,
        );
        continue;
      }
      throw err;
    }
  }

  /**
   * tr_cont paging (§3.11): repeat with header tr_cont N and the previous body's CTX keys verbatim
   * until the response header says D/E. Stops on `maxPages` or when the keys repeat.
   */
  async paged(spec: KisCall, options: { maxPages?: number; ctxSuffix?: string } = {}): Promise<PagedResult> {
    const suffix = options.ctxSuffix ?? '100';
    const fkName = `CTX_AREA_FK${suffix}`;
    const nkName = `CTX_AREA_NK${suffix}`;
    const maxPages = options.maxPages ?? 50;
    const pages: KisRecord[] = [];
    const seen = new Set<string>(['\u0000']);
    let fk = '';
    let nk = '';
    let trCont: '' | 'N' = '';
    for (let i = 0; i < maxPages; i++) {
      const res = await this.call({ ...spec, query: { ...spec.query, [fkName]: fk, [nkName]: nk }, trCont });
      pages.push(res.body);
      if (res.trCont !== 'M' && res.trCont !== 'F') return { pages, truncated: false };
      fk = rawStr(res.body, fkName);
      nk = rawStr(res.body, nkName);
      const signature = `${fk}\u0000${nk}`;
      if (seen.has(signature)) {
        this.logger.warn(`KIS paging for ${res.trId} returned the same continuation keys twice; stopping`);
        return { pages, truncated: true };
      }
      seen.add(signature);
      trCont = 'N';
    }
    this.logger.warn(`KIS paging for ${spec.trId} stopped after ${maxPages} pages`);
    return { pages, truncated: true };
  }

  /** POST /uapi/hashkey; the caller must send exactly `body` afterwards. */
  async hashkey(body: string, priority: RequestPriority = 'order'): Promise<string> {
    await this.options.limiter.acquire(priority, this.abort.signal);
    this.sent++;
    const res = await this.options.http.send({
      method: 'POST',
      path: '/uapi/hashkey',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        appkey: this.options.appKey,
        appsecret: this.options.appSecret,
      },
      body,
      trId: 'hashkey',
    });
    const json = isRecord(res.json) ? res.json : undefined;
    const hash = json ? str(json, 'HASH') : '';
    if (res.status === 200 && hash) return hash;
    throw (
      responseError(res, 'hashkey') ??
      kisErrorFrom({ msgCd: `HTTP${res.status}`, msg1: 'no HASH in the hashkey response', trId: 'hashkey' })
    );
  }

  /** Cancels backoff waits and queued requests. */
  dispose(): void {
    this.abort.abort();
  }
}
