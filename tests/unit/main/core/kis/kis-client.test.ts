import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { Tick } from '../../../../../src/shared/domain/market';
import { KisClient } from '../../../../../src/main/core/kis';
import { ok, startFakeKis, tickFields, tokenReply, waitFor, type FakeKisServer } from './helpers';

let dir: string;
let rest: FakeKisServer;
let wss: WebSocketServer;
let wsMessages: string[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kis-client-'));
  rest = await startFakeKis((req) => {
    if (req.path === '/oauth2/tokenP') return tokenReply('DEMO-TOKEN');
    if (req.path === '/oauth2/Approval') return { body: { approval_key: 'DEMO-APPROVAL' } };
    return ok({ output: { stck_prpr: '71000', prdy_vrss: '0', prdy_vrss_sign: '3' } });
  });
  wsMessages = [];
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      wsMessages.push(String(data));
      socket.send(`0|H0STCNT0|001|${tickFields(7).join('^')}`);
    });
  });
});

afterEach(async () => {
  await rest.close();
  await new Promise<void>((r) => {
    for (const c of wss.clients) c.terminate();
    wss.close(() => r());
  });
  rmSync(dir, { recursive: true, force: true });
});

describe('KisClient', () => {
  it('create() wires config, token cache, REST and WebSocket for a demo server; dispose() closes everything', async () => {
    const client = KisClient.create(
      {
        env: 'demo',
        appKey: 'demo-key',
        appSecret: 'demo-secret',
        restUrl: rest.url,
        wsUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
        account: '00000000-01',
        htsId: 'demo',
        dataDir: dir,
        envVars: {},
      },
      { sendGapMs: 0 },
    );
    expect((await client.rest.getQuote('005930')).price).toBe(71_000);
    expect(rest.to('/uapi/domestic-stock/v1/quotations/inquire-price')[0]!.headers.authorization).toBe(
      'Bearer DEMO-TOKEN',
    );
    expect(readdirSync(join(dir, 'tokens'))).toHaveLength(1);
    expect(client.limiter.limit).toBe(18); // demo behaves as real unless paperLike

    const ticks: Tick[] = [];
    client.realtime.onTick((t) => ticks.push(t));
    client.realtime.subscribeTicks('005930');
    await waitFor(() => ticks.length === 1, 'a tick through the facade');
    expect(ticks[0]!.price).toBe(71_700);
    expect(JSON.parse(wsMessages[0]!).header.approval_key).toBe('DEMO-APPROVAL');

    client.dispose();
    expect(client.realtime.state).toBe('down');
    await waitFor(() => wss.clients.size === 0, 'the socket to close');
    client.dispose(); // idempotent
  });

  it('hands its recent request times to the next client of the same app key (a back-to-back CLI run)', async () => {
    const config = {
      env: 'demo' as const,
      appKey: 'demo-key',
      appSecret: 'demo-secret',
      restUrl: rest.url,
      wsUrl: 'ws://127.0.0.1:1',
      dataDir: dir,
      envVars: {},
    };
    const first = KisClient.create(config, { requestsPerSecond: 2 });
    await first.rest.getQuote('005930');
    first.dispose();
    expect(readdirSync(join(dir, 'ratelimit'))).toHaveLength(1);
    const second = KisClient.create(config, { requestsPerSecond: 2 });
    // One of the two slots of this window is already taken by the first client.
    expect(second.limiter.recent()).toHaveLength(1);
    second.dispose();
  });
});
