/**
 * The REST access token (POST /oauth2/tokenP, kis-protocol.md §2.1–2.2).
 *
 * Rules it enforces: one token per (environment, app key, server) shared through a TokenStore by
 * every process; reused until shortly before expiry; one request in flight per manager (concurrent
 * callers share it); at most one issuance attempt per minute — EGW00133 makes it wait out the
 * minute and try exactly once more, never loop.
 */
import { KisTokenError, TOKEN_THROTTLE_CODE, type KisApiError } from '../errors';
import { systemClock, parseKstDateTime, type Clock } from '../clock';
import { responseError, isRecord, str } from '../rest/envelope';
import type { HttpTransport } from '../rest/http';
import { tokenCacheKey, type StoredToken, type TokenStore } from './token-store';

export interface TokenManagerOptions {
  http: HttpTransport;
  env: string;
  appKey: string;
  appSecret: string;
  /** Identifies the server in the cache key (a demo server and KIS must not share tokens). */
  restUrl: string;
  store: TokenStore;
  clock?: Clock;
  /** Refresh this long before the expiry KIS announced. Default 10 min. */
  refreshMarginMs?: number;
  /** KIS's issuance window. Default 61 s (one minute plus a second of clock skew). */
  issueIntervalMs?: number;
  /**
   * On EGW00133 (issued within the last minute) wait out the minute and try once more (default).
   * False: throw the EGW00133 error at once — the connection test reports it instead of making
   * the trader watch a spinner for a minute.
   */
  throttleRetry?: boolean;
}

export class TokenManager {
  readonly cacheKey: string;
  private current: StoredToken | undefined;
  private inflight: Promise<StoredToken> | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private readonly clock: Clock;
  private readonly refreshMarginMs: number;
  private readonly issueIntervalMs: number;
  private readonly abort = new AbortController();
  /** Issuance requests sent by this manager (diagnostics and tests). */
  issueCount = 0;

  constructor(private readonly options: TokenManagerOptions) {
    this.cacheKey = tokenCacheKey(options.env, options.appKey, options.restUrl);
    this.clock = options.clock ?? systemClock;
    this.refreshMarginMs = options.refreshMarginMs ?? 10 * 60_000;
    this.issueIntervalMs = options.issueIntervalMs ?? 61_000;
  }

  /** epoch ms at which the token held in memory lapses (for the status bar); undefined when none. */
  get expiresAt(): number | undefined {
    return this.current?.expiresAt;
  }

  private usable(t: StoredToken | undefined): t is StoredToken {
    return !!t && this.clock.now() < t.expiresAt - this.refreshMarginMs;
  }

  /** A valid access token, from memory, the store, or (at most once per minute) KIS. */
  async getToken(): Promise<string> {
    if (this.usable(this.current)) return this.current.accessToken;
    this.inflight ??= this.obtain().finally(() => {
      this.inflight = undefined;
    });
    return (await this.inflight).accessToken;
  }

  /** Forget a token KIS rejected (EGW00121/122/123) so the next getToken issues a new one. */
  async invalidate(rejected: string): Promise<void> {
    if (this.current?.accessToken === rejected) this.current = undefined;
    const stored = await this.options.store.load(this.cacheKey);
    if (stored?.accessToken === rejected) {
      // Keep its issue time: the 1/min rule still counts from it.
      this.lastAttemptAt = Math.max(this.lastAttemptAt, stored.issuedAt);
      await this.options.store.delete(this.cacheKey);
    }
  }

  private async obtain(): Promise<StoredToken> {
    const store = this.options.store;
    const cached = await store.load(this.cacheKey);
    if (this.usable(cached)) return (this.current = cached);
    const release = store.lock ? await store.lock(this.cacheKey) : undefined;
    try {
      // Another process may have issued while we waited for the lock.
      const again = await store.load(this.cacheKey);
      if (this.usable(again)) return (this.current = again);
      const issued = await this.issueRespectingThrottle();
      await store.save(this.cacheKey, issued);
      return (this.current = issued);
    } finally {
      await release?.();
    }
  }

  private async issueRespectingThrottle(): Promise<StoredToken> {
    const wait = this.lastAttemptAt + this.issueIntervalMs - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait, this.abort.signal);
    try {
      return await this.requestToken();
    } catch (e) {
      if (!(e instanceof KisTokenError) || e.msgCd !== TOKEN_THROTTLE_CODE) throw e;
      if (this.options.throttleRetry === false) throw e;
      // Someone (another app, a script) issued within the minute: wait it out, then exactly one retry.
      await this.clock.sleep(this.issueIntervalMs, this.abort.signal);
      return await this.requestToken();
    }
  }

  private async requestToken(): Promise<StoredToken> {
    this.lastAttemptAt = this.clock.now();
    this.issueCount++;
    const res = await this.options.http.send({
      method: 'POST',
      path: '/oauth2/tokenP',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        appkey: this.options.appKey,
        appsecret: this.options.appSecret,
      }),
      trId: 'tokenP',
    });
    const body = isRecord(res.json) ? res.json : undefined;
    const accessToken = body ? str(body, 'access_token') : '';
    if (res.status !== 200 || !accessToken) throw asTokenError(responseError(res, 'tokenP'), res.status);
    const now = this.clock.now();
    const expiresIn = typeof body?.expires_in === 'number' ? body.expires_in : Number(body?.expires_in);
    const fromText = parseKstDateTime(str(body, 'access_token_token_expired'));
    const candidates = [
      Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : NaN,
      fromText,
    ].filter(Number.isFinite);
    // Both present: trust the earlier (a re-issue within 6 h returns the old token and its old expiry).
    const expiresAt = candidates.length ? Math.min(...candidates) : now + 23 * 3_600_000;
    return { accessToken, expiresAt, issuedAt: now };
  }

  /** POST /oauth2/revokeP and forget the token everywhere. */
  async revoke(): Promise<void> {
    const token = this.current ?? (await this.options.store.load(this.cacheKey));
    this.current = undefined;
    await this.options.store.delete(this.cacheKey);
    if (!token) return;
    const res = await this.options.http.send({
      method: 'POST',
      path: '/oauth2/revokeP',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify({
        appkey: this.options.appKey,
        appsecret: this.options.appSecret,
        token: token.accessToken,
      }),
      trId: 'revokeP',
    });
    const body = isRecord(res.json) ? res.json : undefined;
    const code = body ? str(body, 'code') : '';
    if (res.status !== 200 || (code && code !== '200')) {
      throw asTokenError(responseError(res, 'revokeP'), res.status, body ? str(body, 'message') : undefined);
    }
  }

  /** Cancels any wait for the issuance window. */
  dispose(): void {
    this.abort.abort();
  }
}

function asTokenError(err: KisApiError | undefined, status: number, message?: string): KisApiError {
  if (!err)
    return new KisTokenError({
      msgCd: `HTTP${status}`,
      msg1: message ?? 'no access_token in the response',
      httpStatus: status,
    });
  // App key/secret problems stay configuration errors; everything else is a token problem.
  if (/^EGW0010[2-5]$/.test(err.msgCd) || err instanceof KisTokenError) return err;
  return new KisTokenError({ msgCd: err.msgCd, msg1: err.msg1, trId: err.trId, httpStatus: err.httpStatus });
}
