/**
 * Demo credentials, access tokens, WebSocket approval keys and the per-app-key REST limiter.
 *
 * Tokens are HMAC-signed JWT-shaped strings carrying their own app key and expiry, so a
 * restarted simulator with the same seed (or `secret`) still accepts them — the official Python
 * sample caches its token for the day and never re-issues on EGW00123 (kis-protocol.md §12).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccountKind, SimAccountInfo } from './accounts';
import { kstDateTimeText, type SimClock } from './clock';
import { MSG, type KisMessage } from './errors';
import { ALNUM, Prng } from './prng';

export const TOKEN_REISSUE_SAME_MS = 6 * 3600_000;
export const TOKEN_THROTTLE_MS = 60_000;

/** Deterministic demo credentials for one account kind (same seed → same keys, account, HTS ID). */
export function makeDemoAccount(seed: string, kind: AccountKind, startingCash: number): SimAccountInfo {
  const rng = new Prng(`${seed}:credentials:${kind}`);
  const digits = '0123456789';
  return {
    kind,
    // KIS app keys start with "PS"; 36 chars in total. Secrets are 180 chars (§2.1).
    appKey: `PS${rng.chars(34, ALNUM)}`,
    appSecret: rng.chars(180, `${ALNUM}+/`),
    // Paper accounts are numbered 5xxxxxxx at KIS; the real demo account uses 6xxxxxxx.
    cano: `${kind === 'paper' ? '5' : '6'}${rng.chars(7, digits)}`,
    acntPrdtCd: '01',
    htsId: `sim${kind}${rng.chars(4, 'abcdefghijklmnopqrstuvwxyz')}`,
    holderName: kind === 'paper' ? '모의투자' : '시뮬레이터',
    startingCash,
  };
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

export interface TokenClaims {
  /** App key the token belongs to. */
  sub: string;
  /** Issued at, epoch ms. */
  iat: number;
  /** Expires at, epoch ms. */
  exp: number;
  jti: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; error: KisMessage };

export type IssueResult =
  | { ok: true; accessToken: string; expiresInSec: number; expiresText: string }
  | { ok: false; status: number; errorCode: string; description: string };

export class TokenService {
  private readonly lastIssueAt = new Map<string, number>();
  private readonly current = new Map<string, { token: string; claims: TokenClaims }>();
  private readonly revoked = new Set<string>();
  private expiredBefore = Number.NEGATIVE_INFINITY;
  private serial = 0;

  constructor(
    private readonly secret: string,
    private readonly clock: SimClock,
    private readonly accounts: () => readonly SimAccountInfo[],
    public lifetimeSec: number,
  ) {}

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }

  private findAccount(appKey: string): SimAccountInfo | undefined {
    return this.accounts().find((a) => a.appKey === appKey);
  }

  /** Checks an app key / secret pair (OAuth endpoints and the REST gateway). */
  checkCredentials(appKey: string | undefined, appSecret: string | undefined): KisMessage | undefined {
    if (!appKey) return MSG.appKeyMissing;
    const account = this.findAccount(appKey);
    if (!account) return MSG.appKeyInvalid;
    if (!appSecret) return MSG.appSecretMissing;
    if (appSecret !== account.appSecret) return MSG.appSecretInvalid;
    return undefined;
  }

  /** POST /oauth2/tokenP semantics (§2.1): 1/min throttle, same token for 6 h, fixed expiry. */
  issue(appKey: string | undefined, appSecret: string | undefined): IssueResult {
    const bad = this.checkCredentials(appKey, appSecret);
    if (bad || !appKey)
      return { ok: false, status: 403, errorCode: bad?.msg_cd ?? 'EGW00103', description: bad?.msg1 ?? '' };
    const now = this.clock.now();
    const last = this.lastIssueAt.get(appKey);
    if (last !== undefined && now - last < TOKEN_THROTTLE_MS) {
      return {
        ok: false,
        status: 403,
        errorCode: 'EGW00133',
        description: '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)',
      };
    }
    this.lastIssueAt.set(appKey, now);
    const cached = this.current.get(appKey);
    if (
      cached &&
      now - cached.claims.iat < TOKEN_REISSUE_SAME_MS &&
      now < cached.claims.exp &&
      cached.claims.iat > this.expiredBefore &&
      !this.revoked.has(cached.claims.jti)
    ) {
      return this.describe(cached.token, cached.claims, now);
    }
    const claims: TokenClaims = {
      sub: appKey,
      iat: now,
      exp: now + this.lifetimeSec * 1000,
      jti: `${now.toString(36)}${(this.serial++).toString(36)}`,
    };
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const body = b64url(JSON.stringify(claims));
    const token = `${head}.${body}.${this.sign(`${head}.${body}`)}`;
    this.current.set(appKey, { token, claims });
    return this.describe(token, claims, now);
  }

  private describe(token: string, claims: TokenClaims, now: number): IssueResult {
    return {
      ok: true,
      accessToken: token,
      expiresInSec: Math.max(0, Math.floor((claims.exp - now) / 1000)),
      expiresText: kstDateTimeText(claims.exp),
    };
  }

  verify(token: string, appKey: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, error: MSG.invalidToken };
    const [head, body, sig] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, error: MSG.invalidToken };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, error: MSG.invalidToken };
    }
    if (claims.sub !== appKey) return { ok: false, error: MSG.invalidToken };
    if (this.revoked.has(claims.jti)) return { ok: false, error: MSG.invalidToken };
    if (this.clock.now() >= claims.exp || claims.iat <= this.expiredBefore)
      return { ok: false, error: MSG.tokenExpired };
    return { ok: true, claims };
  }

  /** POST /oauth2/revokeP. The 1/min issuance throttle still applies afterwards (§2.2). */
  revoke(token: string): boolean {
    const [, body] = token.split('.');
    if (!body) return false;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      if (typeof claims.jti !== 'string') return false;
      this.revoked.add(claims.jti);
      const cached = this.current.get(claims.sub);
      if (cached?.claims.jti === claims.jti) this.current.delete(claims.sub);
      return true;
    } catch {
      return false;
    }
  }

  /** Fault injection: every token issued so far now answers EGW00123. */
  expireAll(): void {
    this.expiredBefore = this.clock.now();
    this.current.clear();
  }

  /** Fault injection helper: lets a test issue again without waiting a minute. */
  resetThrottle(): void {
    this.lastIssueAt.clear();
  }

  /**
   * WebSocket approval key: a UUID-shaped HMAC of the app key, so it is stable across restarts
   * with the same secret and can be mapped back to its app key without storage.
   */
  approvalKeyFor(appKey: string): string {
    const h = createHmac('sha256', this.secret).update(`approval:${appKey}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  appKeyForApproval(approvalKey: string): string | undefined {
    return this.accounts().find((a) => this.approvalKeyFor(a.appKey) === approvalKey)?.appKey;
  }
}

/** Sliding one-second window per app key (kis-protocol.md §5: 20/s real, 2/s paper). */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: SimClock,
    private readonly windowMs = 1000,
  ) {}

  /** Records a call; false when it exceeds `limit` calls within the window. Rejected calls do not count. */
  tryAcquire(key: string, limit: number): boolean {
    const now = this.clock.now();
    let list = this.hits.get(key);
    if (!list) {
      list = [];
      this.hits.set(key, list);
    }
    while (list.length > 0 && (list[0] ?? 0) <= now - this.windowMs) list.shift();
    if (list.length >= limit) return false;
    list.push(now);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }
}
