/**
 * KisClient: everything needed to talk to KIS (or a KIS-compatible demo server) built from one
 * resolved config — HTTP transport, token and approval-key managers, rate limiter, typed REST
 * endpoints and the real-time socket. Plain Node; the Observer host, the CLI and demo mode share it.
 */
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
  clock?: Clock;
  logger?: KisLogger;
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
        windowMs: options.rateWindowMs,
        clock,
      });
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
    this.realtime.dispose();
    this.transport.dispose();
    if (this.ownsLimiter) this.limiter.dispose();
    this.tokens.dispose();
    this.http.dispose();
  }
}
