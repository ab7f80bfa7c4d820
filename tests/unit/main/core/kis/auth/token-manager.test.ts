import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalKeyManager } from '../../../../../../src/main/core/kis/auth/approval-key';
import { TokenManager } from '../../../../../../src/main/core/kis/auth/token-manager';
import {
  FileTokenStore,
  MemoryTokenStore,
  type TokenStore,
} from '../../../../../../src/main/core/kis/auth/token-store';
import { KisApiError, KisTokenError } from '../../../../../../src/main/core/kis/errors';
import { HttpTransport } from '../../../../../../src/main/core/kis/rest/http';
import {
  ManualClock,
  TOKEN_PATH,
  flush,
  startFakeKis,
  tokenReply,
  waitFor,
  type FakeKisServer,
  type FakeReply,
} from '../helpers';

const APP_KEY = 'PSabcdefghijklmnopqrstuvwxyz0123456789';
const APP_SECRET = 'secret-'.repeat(20);

let dir: string;
let server: FakeKisServer;
let replies: FakeReply[];
const disposables: Array<{ dispose(): void }> = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kis-token-'));
  replies = [];
  server = await startFakeKis((req) => {
    if (req.path === TOKEN_PATH) return replies.shift() ?? tokenReply();
    if (req.path === '/oauth2/revokeP')
      return { body: { code: '200', message: '접근토큰 폐기에 성공하였습니다' } };
    if (req.path === '/oauth2/Approval') return { body: { approval_key: 'APPROVAL-1' } };
    return { status: 404, body: {} };
  });
});

afterEach(async () => {
  for (const d of disposables.splice(0)) d.dispose();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function manager(store: TokenStore, clock = new ManualClock(), env = 'real'): TokenManager {
  const http = new HttpTransport({ baseUrl: server.url });
  const m = new TokenManager({
    http,
    env,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    restUrl: server.url,
    store,
    clock,
  });
  disposables.push(http, m);
  return m;
}

describe('TokenManager', () => {
  it('issues with the documented body and caches the token on disk, mode 0600, file name without the key', async () => {
    const m = manager(new FileTokenStore(dir));
    expect(await m.getToken()).toBe('TOKEN-1');
    const [req] = server.to(TOKEN_PATH);
    expect(req!.method).toBe('POST');
    expect(req!.body).toEqual({ grant_type: 'client_credentials', appkey: APP_KEY, appsecret: APP_SECRET });
    const files = readdirSync(join(dir, 'tokens'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    expect(files[0]).not.toContain(APP_KEY);
    const file = join(dir, 'tokens', files[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ accessToken: 'TOKEN-1' });
  });

  it('two processes sharing a data dir issue exactly once within the token life', async () => {
    const clock = new ManualClock();
    const first = manager(new FileTokenStore(dir), clock);
    expect(await first.getToken()).toBe('TOKEN-1');
    await clock.advance(5 * 3_600_000);
    const second = manager(new FileTokenStore(dir), clock);
    expect(await second.getToken()).toBe('TOKEN-1');
    expect(server.to(TOKEN_PATH)).toHaveLength(1);
  });

  it('two processes starting together still issue once (issuance lock)', async () => {
    const a = manager(new FileTokenStore(dir, { pollMs: 5 }));
    const b = manager(new FileTokenStore(dir, { pollMs: 5 }));
    const tokens = await Promise.all([a.getToken(), b.getToken(), a.getToken(), b.getToken()]);
    expect(tokens).toEqual(['TOKEN-1', 'TOKEN-1', 'TOKEN-1', 'TOKEN-1']);
    expect(server.to(TOKEN_PATH)).toHaveLength(1);
  });

  it('single-flight: concurrent callers share one request', async () => {
    const m = manager(new MemoryTokenStore());
    const all = await Promise.all(Array.from({ length: 10 }, () => m.getToken()));
    expect(new Set(all)).toEqual(new Set(['TOKEN-1']));
    expect(server.to(TOKEN_PATH)).toHaveLength(1);
  });

  it('refreshes 10 minutes before expiry, not earlier', async () => {
    const clock = new ManualClock();
    const m = manager(new MemoryTokenStore(), clock);
    replies.push(tokenReply('A', 3600), tokenReply('B', 3600));
    expect(await m.getToken()).toBe('A');
    await clock.advance(49 * 60_000);
    expect(await m.getToken()).toBe('A');
    await clock.advance(2 * 60_000); // 51 min: inside the 10-minute margin
    expect(await m.getToken()).toBe('B');
    expect(server.to(TOKEN_PATH)).toHaveLength(2);
  });

  it('uses the earlier of expires_in and access_token_token_expired (KST)', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 5, 0, 0, 0)); // 09:00 KST
    const m = manager(new MemoryTokenStore(), clock);
    replies.push({
      body: { access_token: 'OLD', expires_in: 86_400, access_token_token_expired: '2026-03-05 10:00:00' },
    });
    await m.getToken();
    await clock.advance(49 * 60_000);
    expect(await m.getToken()).toBe('OLD');
    await clock.advance(2 * 60_000); // 09:51 KST: within 10 min of 10:00 KST
    await m.getToken();
    expect(server.to(TOKEN_PATH)).toHaveLength(2);
  });

  it('EGW00133: waits out the minute, then tries exactly once more', async () => {
    const clock = new ManualClock();
    const m = manager(new MemoryTokenStore(), clock);
    replies.push({
      status: 403,
      body: { error_description: '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)', error_code: 'EGW00133' },
    });
    const pending = m.getToken();
    await waitFor(() => server.to(TOKEN_PATH).length === 1 && clock.pendingTimers === 1, 'the throttle wait');
    await clock.advance(30_000);
    await flush();
    expect(server.to(TOKEN_PATH)).toHaveLength(1); // no hammering inside the minute
    await clock.advance(31_000);
    expect(await pending).toBe('TOKEN-1');
    expect(server.to(TOKEN_PATH)).toHaveLength(2);
  });

  it('EGW00133 twice: gives up with KisTokenError after two requests, never loops', async () => {
    const clock = new ManualClock();
    const m = manager(new MemoryTokenStore(), clock);
    const throttled: FakeReply = {
      status: 403,
      body: { error_description: '1분당 1회', error_code: 'EGW00133' },
    };
    replies.push(throttled, throttled, throttled);
    const pending = m.getToken().catch((e: unknown) => e);
    await waitFor(() => clock.pendingTimers === 1, 'the throttle wait');
    await clock.advance(61_000);
    const err = await pending;
    expect(err).toBeInstanceOf(KisTokenError);
    expect((err as KisTokenError).msgCd).toBe('EGW00133');
    expect((err as KisTokenError).httpStatus).toBe(403);
    expect((err as KisTokenError).hint).toMatch(/1분/);
    expect(server.to(TOKEN_PATH)).toHaveLength(2);
  });

  it('an invalid app key stays a configuration error (EGW00103)', async () => {
    const m = manager(new MemoryTokenStore());
    replies.push({
      status: 403,
      body: { error_code: 'EGW00103', error_description: '유효하지 않은 AppKey입니다.' },
    });
    const err = await m.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KisApiError);
    expect(err).not.toBeInstanceOf(KisTokenError);
    expect((err as KisApiError).hint).toMatch(/App key invalid/);
  });

  it('after invalidate, reissues no sooner than a minute after the last issuance', async () => {
    const clock = new ManualClock();
    const m = manager(new MemoryTokenStore(), clock);
    replies.push(tokenReply('A'), tokenReply('B'));
    expect(await m.getToken()).toBe('A');
    await clock.advance(10_000);
    await m.invalidate('A');
    const pending = m.getToken();
    await waitFor(() => clock.pendingTimers === 1, 'the issuance wait');
    expect(server.to(TOKEN_PATH)).toHaveLength(1);
    await clock.advance(51_000);
    expect(await pending).toBe('B');
  });

  it('revoke() calls revokeP with the token and deletes the cache', async () => {
    const store = new FileTokenStore(dir);
    const m = manager(store);
    await m.getToken();
    await m.revoke();
    expect(server.to('/oauth2/revokeP')[0]!.body).toEqual({
      appkey: APP_KEY,
      appsecret: APP_SECRET,
      token: 'TOKEN-1',
    });
    expect(await store.load(m.cacheKey)).toBeUndefined();
  });

  it('keeps tokens of different environments / servers apart', async () => {
    const store = new MemoryTokenStore();
    const real = manager(store, new ManualClock(), 'real');
    const paper = manager(store, new ManualClock(), 'paper');
    replies.push(tokenReply('R'), tokenReply('P'));
    expect(await real.getToken()).toBe('R');
    expect(await paper.getToken()).toBe('P');
    expect(real.cacheKey).not.toBe(paper.cacheKey);
  });
});

describe('ApprovalKeyManager', () => {
  it('posts secretkey (not appsecret) and caches the key in memory', async () => {
    const http = new HttpTransport({ baseUrl: server.url });
    disposables.push(http);
    const a = new ApprovalKeyManager({ http, appKey: APP_KEY, appSecret: APP_SECRET });
    expect(await Promise.all([a.getKey(), a.getKey()])).toEqual(['APPROVAL-1', 'APPROVAL-1']);
    expect(await a.getKey()).toBe('APPROVAL-1');
    const reqs = server.to('/oauth2/Approval');
    expect(reqs).toHaveLength(1);
    expect(reqs[0]!.body).toEqual({
      grant_type: 'client_credentials',
      appkey: APP_KEY,
      secretkey: APP_SECRET,
    });
    a.invalidate();
    await a.getKey();
    expect(server.to('/oauth2/Approval')).toHaveLength(2);
  });
});
