/**
 * The WebSocket approval key (POST /oauth2/Approval, kis-protocol.md §2.3). Valid 24 h and only
 * checked when a subscription is sent, so it is cached in memory and re-issued only when the server
 * says OPSP0011 (invalid approval) or it is older than its lifetime.
 */
import { KisTokenError } from '../errors';
import { systemClock, type Clock } from '../clock';
import { isRecord, responseError, str } from '../rest/envelope';
import type { HttpTransport } from '../rest/http';

export interface ApprovalKeyManagerOptions {
  http: HttpTransport;
  appKey: string;
  appSecret: string;
  clock?: Clock;
  /** Default 23 h (KIS: 24 h). */
  lifetimeMs?: number;
}

export class ApprovalKeyManager {
  private key: string | undefined;
  private issuedAt = 0;
  private inflight: Promise<string> | undefined;
  private readonly clock: Clock;
  issueCount = 0;

  constructor(private readonly options: ApprovalKeyManagerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async getKey(): Promise<string> {
    const lifetime = this.options.lifetimeMs ?? 23 * 3_600_000;
    if (this.key && this.clock.now() - this.issuedAt < lifetime) return this.key;
    this.inflight ??= this.issue().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  invalidate(): void {
    this.key = undefined;
  }

  private async issue(): Promise<string> {
    this.issueCount++;
    const res = await this.options.http.send({
      method: 'POST',
      path: '/oauth2/Approval',
      headers: { 'content-type': 'application/json; utf-8' },
      // The field is `secretkey` here, not `appsecret` as in tokenP (§2.3).
      body: JSON.stringify({
        grant_type: 'client_credentials',
        appkey: this.options.appKey,
        secretkey: this.options.appSecret,
      }),
      trId: 'Approval',
    });
    const body = isRecord(res.json) ? res.json : undefined;
    const key = body ? str(body, 'approval_key') : '';
    if (res.status !== 200 || !key) {
      const err = responseError(res, 'Approval');
      throw (
        err ??
        new KisTokenError({
          msgCd: `HTTP${res.status}`,
          msg1: 'no approval_key in the response',
          httpStatus: res.status,
        })
      );
    }
    this.key = key;
    this.issuedAt = this.clock.now();
    return key;
  }
}
