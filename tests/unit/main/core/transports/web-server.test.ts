import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerMessage } from '../../../../../src/shared/contract';
import type { ObserverRuntime } from '../../../../../src/main/core/runtime';
import { fakeRuntime } from '../../../helpers/runtime';
import {
  isLoopbackHost,
  NonLoopbackBindError,
  startWebServer,
  type WebServer,
} from '../../../../../src/main/core/transports/web-server';

let runtime: ObserverRuntime | undefined;
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  await runtime?.dispose();
  server = undefined;
  runtime = undefined;
});

async function setup(staticDir?: string) {
  runtime = await fakeRuntime('demo', { batchIntervalMs: 1 });
  server = await startWebServer({ host: runtime.host, ...(staticDir ? { staticDir } : {}) });
  return server;
}

/** Attempts an upgrade and reports the HTTP status it was refused with, or 101. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

describe('web transport guards', () => {
  it('refuses a non-loopback bind before listening', async () => {
    runtime = await fakeRuntime('demo');
    for (const host of ['0.0.0.0', '192.168.0.10', '::', 'example.com']) {
      await expect(startWebServer({ host: runtime.host, bindHost: host })).rejects.toBeInstanceOf(
        NonLoopbackBindError,
      );
    }
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.0.0.256')).toBe(false);
  });

  it('binds 127.0.0.1 and mints a long random token', async () => {
    const s = await setup();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.token).toMatch(/^[0-9a-f]{64}$/);
    expect(s.appUrl).toBe(`${s.url}/#token=${s.token}`);
  });

  it('rejects a missing or wrong token', async () => {
    const s = await setup();
    const base = s.wsUrl.replace(/\?token=.*/, '');
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(`${base}?token=`)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${'0'.repeat(64)}`)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${s.token.slice(0, 10)}`)).toBe(401);
    expect(await upgradeStatus(s.wsUrl)).toBe(101);
  });

  it('rejects a foreign Origin and accepts its own', async () => {
    const s = await setup();
    expect(await upgradeStatus(s.wsUrl, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(s.wsUrl, { Origin: 'http://127.0.0.1:1' })).toBe(403);
    expect(await upgradeStatus(s.wsUrl, { Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(s.wsUrl, { Origin: s.url })).toBe(101);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const s = await setup();
    expect(await upgradeStatus(s.wsUrl, { Host: `evil.example:${s.port}` })).toBe(421);
    expect((await get(`${s.url}/`, { Host: 'evil.example' })).status).toBe(421);
  });

  it('serves the renderer with security headers and never outside its folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'observer-static-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><p>hi</p>');
    writeFileSync(path.join(dir, 'assets', 'a.js'), 'console.log(1)');
    const s = await setup(dir);
    const index = await get(`${s.url}/`);
    expect(index.status).toBe(200);
    expect(index.body).toContain('<p>hi</p>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await get(`${s.url}/assets/a.js`)).headers['content-type']).toContain('javascript');
    expect((await get(`${s.url}/../../etc/passwd`)).status).not.toBe(200);
    const encoded = await get(`${s.url}/%2e%2e/%2e%2e/etc/passwd`);
    expect(encoded.status).not.toBe(200);
    expect(encoded.body).not.toContain('root:');
    // An encoded slash survives URL normalisation and reaches the folder guard.
    const raw = await new Promise<number>((resolve, reject) =>
      http
        .get({ host: '127.0.0.1', port: s.port, path: '/..%2f..%2f..%2fetc%2fpasswd' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject),
    );
    expect(raw).toBe(403);
  });
});

describe('web transport bridge', () => {
  it('carries invokes and streams, and reports malformed messages', async () => {
    const s = await setup();
    const ws = new WebSocket(s.wsUrl, { headers: { Origin: s.url } });
    const messages: Array<Record<string, unknown>> = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      // Every message the host sends must be one the browser-side parser accepts.
      expect(ServerMessage.safeParse(m).success).toBe(true);
      messages.push(m);
    });
    await new Promise((r) => ws.on('open', r));
    ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'app:info', payload: undefined }));
    ws.send(JSON.stringify({ t: 'invoke', id: 2, channel: 'app:info', payload: { x: 1 } }));
    ws.send(JSON.stringify({ t: 'sub', id: 3, sub: 'w1', channel: 'app:status', args: {} }));
    ws.send('{not json');
    await expect.poll(() => messages.length).toBeGreaterThanOrEqual(5);
    expect(messages.find((m) => m.id === 1)).toMatchObject({
      t: 'result',
      ok: true,
      value: { transport: 'web', mode: 'demo' },
    });
    expect(messages.find((m) => m.id === 2)).toMatchObject({
      t: 'result',
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(messages.find((m) => m.id === 3)).toMatchObject({ t: 'result', ok: true });
    const batch = messages.find((m) => m.t === 'batch') as { items: Array<[string, unknown[]]> };
    expect(batch.items[0]![0]).toBe('w1');
    expect(messages.find((m) => m.t === 'error')).toMatchObject({ error: { code: 'invalid_payload' } });
    expect(s.connectionCount).toBe(1);
    ws.close();
    await expect.poll(() => runtime!.host.sessionCount).toBe(0);
  });
});
