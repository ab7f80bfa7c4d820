/**
 * The connection test against the built-in simulator on 127.0.0.1: the real KIS client, real HTTP,
 * each step's failure in plain words with KIS's code, and the token cache honoured (KIS issues one
 * token per minute per app key).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MemoryTokenStore,
  testKisConnection,
  type ConnectionStepReport,
  type KisConfigOptions,
} from '../../../../../src/main/core/kis';
import { createKisSimulator, type KisSimulator } from '../../../../../src/main/core/sim';
import { ConnectionTestResult } from '../../../../../src/shared/contract/windows';

let sim: KisSimulator;
let dataDir: string;

beforeAll(async () => {
  sim = await createKisSimulator({ seed: 'connection-test', tickIntervalMs: 50 });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'observer-conntest-'));
  sim.control.resetTokenThrottle();
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function config(env: 'paper' | 'real', overrides: Partial<KisConfigOptions> = {}): KisConfigOptions {
  const c = sim.credentials[env];
  return {
    env,
    appKey: c.appKey,
    appSecret: c.appSecret,
    account: c.accountNo,
    htsId: c.htsId,
    restUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    dataDir,
    configFile: false,
    envVars: {},
    ...overrides,
  };
}

const summary = (steps: ConnectionStepReport[]) =>
  steps.map((s) => `${s.step}:${s.ok ? 'ok' : s.skipped ? 'skipped' : 'failed'}`);

describe('testKisConnection', () => {
  it('issues a token, an approval key and quotes 005930; the report fits the contract', async () => {
    const seen: string[] = [];
    const report = await testKisConnection({
      config: config('paper'),
      client: { tokenStore: new MemoryTokenStore() },
      onStep: (s) => seen.push(s.step),
    });
    expect(report.ok).toBe(true);
    expect(report.message).toBeUndefined();
    expect(summary(report.steps)).toEqual(['token:ok', 'approval:ok', 'quote:ok']);
    expect(seen).toEqual(['token', 'approval', 'quote']);
    const quote = report.steps[2]!;
    expect(quote).toMatchObject({ code: '005930', price: expect.any(Number) });
    expect(quote.price).toBeGreaterThan(0);
    for (const s of report.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(ConnectionTestResult.strict().safeParse({ ...report, env: 'paper' }).success).toBe(true);
    // Nothing secret in the report.
    const text = JSON.stringify(report);
    const c = sim.credentials.paper;
    for (const secret of [c.appKey, c.appSecret, c.cano, c.approvalKey]) expect(text).not.toContain(secret);
  });

  it('reuses a cached token instead of issuing another (one per minute at KIS)', async () => {
    const store = new MemoryTokenStore();
    const first = await testKisConnection({ config: config('real'), client: { tokenStore: store } });
    expect(first.steps[0]).toMatchObject({ ok: true, message: 'Access token issued.' });
    // Within the minute KIS would answer EGW00133; the cached token is used and nothing is issued.
    const second = await testKisConnection({ config: config('real'), client: { tokenStore: store } });
    expect(second.ok).toBe(true);
    expect(second.steps[0]!.message).toMatch(/Reused the access token/);
  });

  it('reports EGW00133 at once, in plain words, when a token was issued elsewhere this minute', async () => {
    await testKisConnection({ config: config('real'), client: { tokenStore: new MemoryTokenStore() } });
    const started = Date.now();
    const report = await testKisConnection({
      config: config('real'),
      client: { tokenStore: new MemoryTokenStore() },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.steps[0]).toMatchObject({ step: 'token', ok: false, msgCd: 'EGW00133' });
    expect(report.steps[0]!.hint).toMatch(/once per minute/);
    expect(report.steps[2]).toMatchObject({ step: 'quote', ok: false, skipped: true });
  });

  it('a wrong app secret fails the token step with the KIS code and what to do', async () => {
    const report = await testKisConnection({
      config: config('paper', { appSecret: 'x'.repeat(180) }),
      client: { tokenStore: new MemoryTokenStore() },
    });
    expect(report.ok).toBe(false);
    expect(summary(report.steps)).toEqual(['token:failed', 'approval:failed', 'quote:skipped']);
    const token = report.steps[0]!;
    expect(token).toMatchObject({ msgCd: 'EGW00105' });
    expect(token.hint).toMatch(/App secret invalid; check your configuration/);
    expect(token.hint).toMatch(/앱시크릿이 올바르지 않습니다/);
    expect(token.message).toMatch(/^KIS refused: EGW00105 /);
    expect(report.message).toMatch(/^The access token step failed\. KIS refused: EGW00105/);
    expect(report.message).not.toContain('x'.repeat(20));
  });

  it('an unknown app key is named as such', async () => {
    const report = await testKisConnection({
      config: config('paper', { appKey: `PS${'Z'.repeat(34)}` }),
      client: { tokenStore: new MemoryTokenStore() },
    });
    expect(report.steps[0]).toMatchObject({ ok: false, msgCd: 'EGW00103' });
    expect(report.steps[0]!.hint).toMatch(/App key invalid/);
  });

  it('an approval failure is reported on its own step; token and quote still work', async () => {
    const report = await testKisConnection({
      config: config('paper'),
      client: { tokenStore: new MemoryTokenStore() },
      // The next request after the token is the approval key.
      onStep: (s) => s.step === 'token' && sim.control.failNext(1, 'http500'),
    });
    expect(summary(report.steps)).toEqual(['token:ok', 'approval:failed', 'quote:ok']);
    expect(report.steps[1]).toMatchObject({ msgCd: 'HTTP500' });
    expect(report.steps[1]!.hint).toMatch(/KIS server error/);
    expect(report.message).toMatch(/^The WebSocket approval key step failed\./);
  });

  it('a quote failure is reported with the KIS answer', async () => {
    const report = await testKisConnection({
      config: config('real'),
      client: { tokenStore: new MemoryTokenStore() },
      onStep: (s) => s.step === 'approval' && sim.control.failNext(1, 'http500'),
    });
    expect(summary(report.steps)).toEqual(['token:ok', 'approval:ok', 'quote:failed']);
    expect(report.steps[2]).toMatchObject({ step: 'quote', msgCd: 'HTTP500' });
    expect(report.message).toMatch(/^The quote step failed\./);
  });

  it('an unreachable server is a network failure, not a crash', async () => {
    const closed = await createKisSimulator({ seed: 'gone' });
    const url = closed.restUrl;
    await closed.close();
    const report = await testKisConnection({
      config: config('paper', { restUrl: url }),
      client: { tokenStore: new MemoryTokenStore(), timeoutMs: 3_000 },
    });
    expect(report.ok).toBe(false);
    expect(report.steps[0]!.message).toMatch(/^Could not reach KIS at http:\/\/127\.0\.0\.1:\d+/);
    expect(report.steps[0]!.hint).toMatch(/could not be reached/);
  });

  it('incomplete settings fail every step with the configuration message', async () => {
    const report = await testKisConnection({ config: config('real', { appKey: '', envVars: {} }) });
    expect(report.ok).toBe(false);
    expect(report.steps.every((s) => !s.ok && s.skipped)).toBe(true);
    expect(report.message).toMatch(/^The KIS settings are incomplete: /);
  });
});
