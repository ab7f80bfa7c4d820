/**
 * Starts `observer serve` (the real CLI, the real built renderer) for each worker, on 127.0.0.1
 * with a free port and a throw-away data directory, and stops it when the worker ends.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { expect, test as base, type APIRequestContext } from '@playwright/test';
import WebSocket from 'ws';

export interface ServedApp {
  /** URL with the session token in its fragment */
  appUrl: string;
  port: number;
  mode: string;
  home: string;
  /** Demo simulator admin base (only when started with --sim-admin). */
  simAdminUrl?: string;
  stderr: () => string;
}

export async function startServe(
  args: string[] = [],
): Promise<{ app: ServedApp; stop: () => Promise<void> }> {
  const home = mkdtempSync(path.join(tmpdir(), 'observer-e2e-'));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['bin/observer.mjs', 'serve', '--json', '--exit-on-stdin-close', ...args],
    { env: { ...process.env, OBSERVER_HOME: home }, stdio: 'pipe' },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`observer serve did not start: ${stderr}`)), 30_000);
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`observer serve exited with ${code}: ${stderr}`)));
  });
  const info = JSON.parse(first) as { url: string; port: number; mode: string; simAdminUrl?: string };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(kill);
    }
    rmSync(home, { recursive: true, force: true });
  };
  return {
    app: {
      appUrl: info.url,
      port: info.port,
      mode: info.mode,
      home,
      ...(info.simAdminUrl ? { simAdminUrl: info.simAdminUrl } : {}),
      stderr: () => stderr,
    },
    stop,
  };
}

/** One bridge request from the test process, over the app's own WebSocket with its session token. */
export async function invokeBridge(app: ServedApp, channel: string, payload?: unknown): Promise<unknown> {
  const url = new URL(app.appUrl);
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/bridge?token=${encodeURIComponent(token)}`, {
    headers: { Origin: url.origin },
  });
  try {
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answer = new Promise<unknown>((resolve, reject) => {
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as {
          t: string;
          id?: number;
          ok?: boolean;
          value?: unknown;
          error?: unknown;
        };
        if (m.t !== 'result' || m.id !== 1) return;
        if (m.ok) resolve(m.value);
        else reject(new Error(`${channel}: ${JSON.stringify(m.error)}`));
      });
    });
    ws.send(JSON.stringify({ t: 'invoke', id: 1, channel, payload }));
    return await answer;
  } finally {
    ws.close();
  }
}

/** The demo simulator's admin operations (pause, resume, burst …) of a host started with --sim-admin. */
export function simControl(app: ServedApp, request: APIRequestContext) {
  const admin = app.simAdminUrl;
  expect(admin, 'serve --sim-admin prints the simulator admin URL').toBeTruthy();
  return async (op: string, data: object = {}): Promise<void> => {
    expect((await request.post(`${admin}/${op}`, { data })).ok(), `sim ${op}`).toBe(true);
  };
}

export const test = base.extend<object, { served: ServedApp }>({
  // Link groups and theme/language live on the host, which the tests of a worker share: each test
  // starts from the defaults.
  page: async ({ page, served }, use) => {
    await invokeBridge(served, 'links:reset');
    await invokeBridge(served, 'settings:update', { preferences: { theme: 'dark', locale: 'ko' } });
    await use(page);
  },
  served: [
    // Playwright requires a destructuring pattern for the (empty) fixture dependencies.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { app, stop } = await startServe();
      await use(app);
      await stop();
    },
    { scope: 'worker' },
  ],
});

/**
 * A host of the test's own (with the simulator's admin URL), for journeys that change host-wide
 * state — a trading lock, a dropped socket — which must not leak into other tests.
 */
export const ownHostTest = base.extend<{ ownHost: ServedApp }>({
  ownHost: async (
    // eslint-disable-next-line no-empty-pattern
    {},
    use,
  ) => {
    const { app, stop } = await startServe(['--sim-admin']);
    await use(app);
    await stop();
  },
});

export { expect } from '@playwright/test';
