/** A KisClient wired to a fake KIS server, with a manual clock and an in-memory token store. */
import { MemoryTokenStore } from '../../../../../../src/main/core/kis/auth/token-store';
import type { ResolvedKisConfig } from '../../../../../../src/main/core/kis/config';
import { KisClient, type KisClientOptions } from '../../../../../../src/main/core/kis/kis-client';
import { ManualClock, TOKEN_PATH, tokenReply, type FakeHandler, type FakeReply } from '../helpers';

export function configFor(url: string, paperLike = false): ResolvedKisConfig {
  return {
    env: paperLike ? 'paper' : 'real',
    paperLike,
    appKey: 'APPKEY',
    appSecret: 'APPSECRET',
    restUrl: url,
    wsUrl: url.replace('http', 'ws'),
    account: { cano: '12345678', productCode: '01' },
    htsId: 'kimtrader',
    dataDir: '/nonexistent-kis-test-dir',
    configFile: undefined,
  };
}

export function makeClient(
  url: string,
  options: KisClientOptions & { paperLike?: boolean } = {},
): { client: KisClient; clock: ManualClock } {
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
  const client = new KisClient(configFor(url, options.paperLike), {
    tokenStore: new MemoryTokenStore(),
    // The data dir here is fictional: nothing may be written for it.
    shareRateLedger: false,
    requestsPerSecond: 1000,
    rateLimitBackoffMs: 1000,
    timeoutMs: 2000,
    ...options,
    clock,
  });
  return { client, clock };
}

/** Routes tokenP to a fixed token and everything else to `api`. */
export function withToken(api: FakeHandler, token: () => FakeReply = () => tokenReply()): FakeHandler {
  return (req) => (req.path === TOKEN_PATH ? token() : api(req));
}
