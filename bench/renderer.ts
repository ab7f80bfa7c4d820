/**
 * Renderer benchmark: the real terminal (built renderer, `observer serve`, demo simulator in burst
 * mode at 2,000 ticks/s over every listed symbol) in Debian's Chromium, with a 40-symbol
 * watchlist, the ladder and the chart on screen. Reports frames per second, p95 tick-to-paint
 * latency and renderer heap growth over the run (default 300 s; BENCH_SECONDS to change).
 *
 * Tick-to-paint is measured from the moment the host queued the oldest event of a batch (stamped
 * on each web batch) to the first task after the animation frame that follows the batch's arrival
 * — the renderer applies ticks in that frame, and a task queued from its rAF callback runs once the
 * frame has been rendered.
 *
 * Needs `npm run build` first and /usr/bin/chromium (or OBSERVER_CHROMIUM).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
const BURST = Number(process.env.BENCH_BURST ?? 2000);
const WARMUP_S = Math.min(20, Math.max(5, SECONDS / 10));

if (!existsSync('out/renderer/index.html')) {
  console.log('BENCH renderer: skipped — run `npm run build` first (out/renderer is missing)');
  process.exit(0);
}
const executablePath = process.env.OBSERVER_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.log(`BENCH renderer: skipped — no Chromium at ${executablePath}`);
  process.exit(0);
}

const home = mkdtempSync(path.join(tmpdir(), 'observer-bench-'));
const child = spawn(
  process.execPath,
  ['bin/observer.mjs', 'serve', '--json', '--exit-on-stdin-close', '--sim-burst', String(BURST)],
  {
    env: { ...process.env, OBSERVER_HOME: home },
    stdio: 'pipe',
  },
);
const first = await new Promise<string>((resolve, reject) => {
  readline.createInterface({ input: child.stdout }).once('line', resolve);
  child.once('exit', (code) => reject(new Error(`observer serve exited with ${code}`)));
});
const { url } = JSON.parse(first) as { url: string };
const token = new URL(url).hash.replace('#token=', '');
const wsUrl = `${url.replace(/^http/, 'ws').replace(/\/#.*$/, '')}/bridge?token=${token}`;

/** One request over the bridge from Node (sets up the watchlist the way a trader would). */
async function invoke(channel: string, payload: unknown): Promise<unknown> {
  const ws = new WebSocket(wsUrl);
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  const answer = new Promise<unknown>((resolve) => {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as {
        t: string;
        id?: number;
        ok?: boolean;
        value?: unknown;
        error?: unknown;
      };
      if (m.t === 'result' && m.id === 1)
        resolve(m.ok ? m.value : Promise.reject(new Error(JSON.stringify(m.error))));
    });
  });
  ws.send(JSON.stringify({ t: 'invoke', id: 1, channel, payload }));
  const v = await answer;
  ws.close();
  return v;
}

const found: Array<{ code: string }> = [];
for (const digit of '0123456789')
  found.push(...((await invoke('market:search', { query: digit, limit: 100 })) as Array<{ code: string }>));
const codes = [...new Set(found.map((i) => i.code))].slice(0, 40);
await invoke('settings:update', { watchlists: [{ id: 'main', name: '관심종목', codes }] });

const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--no-first-run',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
  ],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
// Page-side scripts are plain strings: tsx would otherwise inject its helpers into them.
const PROBE = `
  const probe = { frames: 0, latencies: [], measuring: false };
  globalThis.__benchProbe = probe;
  const countFrame = () => { if (probe.measuring) probe.frames++; requestAnimationFrame(countFrame); };
  requestAnimationFrame(countFrame);
  const Native = WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(u, p) {
      super(u, p);
      this.addEventListener('message', (ev) => {
        if (!probe.measuring) return;
        const m = /"oldestAt":(\\d+)/.exec(typeof ev.data === 'string' ? ev.data : '');
        if (!m) return;
        const oldestAt = Number(m[1]);
        requestAnimationFrame(() => setTimeout(() => probe.latencies.push(performance.timeOrigin + performance.now() - oldestAt), 0));
      });
    }
  };
`;
await page.addInitScript({ content: PROBE });
await page.goto(url);
await page.waitForSelector('#root[data-app-state="ready"]', { timeout: 30_000 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const heap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
};

await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
const heapStart = await heap();
await page.evaluate(
  '(() => { const p = globalThis.__benchProbe; p.frames = 0; p.latencies = []; p.measuring = true; })()',
);
const t0 = Date.now();
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const result = (await page.evaluate(`(() => {
  const p = globalThis.__benchProbe;
  p.measuring = false;
  const sorted = [...p.latencies].sort((a, b) => a - b);
  const q = (f) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * f))] ?? NaN;
  return { frames: p.frames, batches: sorted.length, p50: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1] ?? NaN };
})()`)) as { frames: number; batches: number; p50: number; p95: number; max: number };
const elapsed = (Date.now() - t0) / 1000;
const heapEnd = await heap();
const rows = await page.locator('[role="row"]').count();

const fps = result.frames / elapsed;
const growth = ((heapEnd - heapStart) / heapStart) * 100;
console.log(
  `BENCH renderer setup: ${codes.length} watchlist symbols (${rows} grid rows rendered), simulator burst ${BURST} ticks/s, ${elapsed.toFixed(0)} s measured after ${WARMUP_S} s warm-up`,
);
console.log(`BENCH renderer fps: ${fps.toFixed(1)} frames/s (target >= 55)`);
console.log(
  `BENCH renderer tick-to-paint p95: ${result.p95.toFixed(1)} ms (p50 ${result.p50.toFixed(1)} ms, max ${result.max.toFixed(1)} ms over ${result.batches} batches; target <= 50)`,
);
console.log(
  `BENCH renderer heap: ${(heapStart / 1e6).toFixed(1)} MB -> ${(heapEnd / 1e6).toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %; target <= 10 %)`,
);

await browser.close();
child.stdin.end();
await new Promise((r) => child.once('exit', r));
rmSync(home, { recursive: true, force: true });
