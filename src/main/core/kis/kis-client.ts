/**
 * KisClient: everything needed to talk to KIS (or a KIS-compatible demo server) built from one
 * resolved config — HTTP transport, token and approval-key managers, rate limiter, typed REST
 * endpoints and the real-time socket. Plain Node; the Observer host, the CLI and demo mode share it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable } from '../../../shared/lifecycle';
import { ApprovalKeyManager } from './auth/approval-key';
import { TokenManager } from './auth/token-manager';
import { FileTokenStore, type TokenStore } from './auth/token-store';
import { systemClock, type Clock } from './clock';
import { resolveKisConfig, type KisConfigOptions, type ResolvedKisConfig } from './config';
import { silentLogger, type KisLogger } from './logger';
import { HttpTransport } from './rest/http';
import { RateLimiter } from './rest/rate-limiter';
import { KisRestClient } from './rest/rest-client';
import { KisRestTransport } from './rest/transport';
import { RealtimeClient, type ReconnectPolicy } from './ws/realtime-client';

/** Requests per second: a margin under KIS's 20 (real) and exactly its 2 (paper) (§5). */
export const DEFAULT_RATE_LIMITS = { real: 18, paper: 2 } as const;

/** The rate window with a jitter margin (see the constructor). */
export const RATE_WINDOW_MS = 1_150;

export interface KisClientOptions {
  /** Default: FileTokenStore under `<dataDir>/tokens`. The desktop app plugs an encrypted store. */
  tokenStore?: TokenStore;
  /**
   * A limiter shared with other clients of the same app key in this process (KIS counts per key).
   * Not disposed by this client. Default: a limiter of its own.
   */
  limiter?: RateLimiter;
  /** Requests per second for this app key. Default 18 real, 2 paper-like. */
  requestsPerSecond?: number;
  rateWindowMs?: number;
  /** REST timeout, default 10 s. */
  timeoutMs?: number;
  rateLimitBackoffMs?: number;
  maxRateLimitRetries?: number;
  maxNetworkRetries?: number;
  useHashkey?: boolean;
  reconnect?: ReconnectPolicy;
  appKeyInUseDelayMs?: number;
  sendGapMs?: number;
  tokenRefreshMarginMs?: number;
  tokenIssueIntervalMs?: number;
  /** False: EGW00133 fails at once instead of waiting a minute for one retry (see TokenManager). */
  tokenThrottleRetry?: boolean;
  clock?: Clock;
  logger?: KisLogger;
  /**
   * Hand recent request times on to the next process using the same app key (a file under
   * `<dataDir>/ratelimit/`), so back-to-back CLI commands stay within KIS's per-second limit.
   * Default true. Processes running at the same time are not coordinated.
   */
  shareRateLedger?: boolean;
}

export class KisClient implements Disposable {
  /** Resolves the configuration (options, env vars, kis_devlp.yaml) and builds a client. */
  static create(configOptions: KisConfigOptions, options: KisClientOptions = {}): KisClient {
    return new KisClient(resolveKisConfig(configOptions), options);
  }

  readonly http: HttpTransport;
  readonly tokens: TokenManager;
  readonly approval: ApprovalKeyManager;
  readonly limiter: RateLimiter;
  readonly transport: KisRestTransport;
  readonly rest: KisRestClient;
  readonly realtime: RealtimeClient;
  private readonly ownsLimiter: boolean;
  private disposed = false;
  private readonly rateLedgerFile: string | undefined;

  constructor(
    readonly config: ResolvedKisConfig,
    options: KisClientOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? silentLogger;
    this.http = new HttpTransport({ baseUrl: config.restUrl, timeoutMs: options.timeoutMs });
    this.tokens = new TokenManager({
      http: this.http,
      env: config.env,
      appKey: config.appKey,
      appSecret: config.appSecret,
      restUrl: config.restUrl,
      store: options.tokenStore ?? new FileTokenStore(config.dataDir),
      clock,
      refreshMarginMs: options.tokenRefreshMarginMs,
      issueIntervalMs: options.tokenIssueIntervalMs,
      ...(options.tokenThrottleRetry === false ? { throttleRetry: false } : {}),
    });
    this.approval = new ApprovalKeyManager({
      http: this.http,
      appKey: config.appKey,
      appSecret: config.appSecret,
      clock,
    });
    this.ownsLimiter = !options.limiter;
    this.limiter =
      options.limiter ??
      new RateLimiter({
        limit:
          options.requestsPerSecond ??
          (config.paperLike ? DEFAULT_RATE_LIMITS.paper : DEFAULT_RATE_LIMITS.real),
        // A margin over KIS's 1-second window: our clock stamps a request when it is granted, KIS
        // when it arrives; a slow first request and a prompt next one would otherwise overrun it.
        windowMs: options.rateWindowMs ?? RATE_WINDOW_MS,
        clock,
      });
    // A limiter handed in is shared and owned elsewhere: only a client's own limiter keeps a ledger.
    if (options.shareRateLedger !== false && this.ownsLimiter) {
      const name = createHash('sha256')
        .update(`${config.appKey}|${config.restUrl}`)
        .digest('hex')
        .slice(0, 32);
      this.rateLedgerFile = join(config.dataDir, 'ratelimit', `${name}.json`);
      try {
        const times = JSON.parse(readFileSync(this.rateLedgerFile, 'utf8')) as unknown;
        if (Array.isArray(times)) this.limiter.seed(times.filter((t): t is number => typeof t === 'number'));
      } catch {
        // No ledger yet (or unreadable): nothing recent to account for.
      }
    }
    this.transport = new KisRestTransport({
      http: this.http,
      tokens: this.tokens,
      limiter: this.limiter,
      appKey: config.appKey,
      appSecret: config.appSecret,
      paperLike: config.paperLike,
      clock,
      logger,
      rateLimitBackoffMs: options.rateLimitBackoffMs,
      maxRateLimitRetries: options.maxRateLimitRetries,
      maxNetworkRetries: options.maxNetworkRetries,
      useHashkey: options.useHashkey,
    });
    this.rest = new KisRestClient({ transport: this.transport, config, clock, logger });
    this.realtime = new RealtimeClient({
      wsUrl: config.wsUrl,
      getApprovalKey: () => this.approval.getKey(),
      invalidateApprovalKey: () => this.approval.invalidate(),
      paperLike: config.paperLike,
      htsId: config.htsId,
      reconnect: options.reconnect,
      appKeyInUseDelayMs: options.appKeyInUseDelayMs,
      sendGapMs: options.sendGapMs,
      clock,
      logger,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.rateLedgerFile) {
      try {
        mkdirSync(join(this.rateLedgerFile, '..'), { recursive: true });
        writeFileSync(this.rateLedgerFile, JSON.stringify(this.limiter.recent()), { mode: 0o600 });
      } catch {
        // Best effort: the next process simply starts with a fresh window.
      }
    }
    this.realtime.dispose();
    this.transport.dispose();
    if (this.ownsLimiter) this.limiter.dispose();
    this.tokens.dispose();
    this.http.dispose();
  }
}
