/**
 * Simulator throughput: burst mode, one WebSocket client subscribed to H0STCNT0 for 40 symbols,
 * sustained tick records delivered per second over ~10 s, plus process CPU and heap.
 * Run: npx tsx bench/sim-throughput.ts   (add --expose-gc via NODE_OPTIONS for a cleaner heap figure)
 */
import { WebSocket } from 'ws';
import { createKisSimulator } from '../src/main/core/sim';

const TARGET_TICKS_PER_SEC = 20_000;
// Burst is spread over all 47 listings, so 40 subscribed symbols see ~85 % of it. SIM_BENCH_BURST overrides.
const BURST_TICKS_PER_SEC = Number(process.env.SIM_BENCH_BURST ?? 30_000);
const SYMBOLS = 40;
const WARMUP_MS = 1_500;
const MEASURE_MS = 10_000;

const gc = (globalThis as { gc?: () => void }).gc;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const sim = await createKisSimulator({ seed: 'bench', tickIntervalMs: 50, rateLimit: false });
  const codes = sim.market.order.slice(0, SYMBOLS).map((s) => s.code);
  const ws = new WebSocket(`${sim.wsUrl}/tryitout`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  let records = 0;
  let frames = 0;
  let acks = 0;
  let badFrames = 0;
  ws.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{')) {
      acks++;
      return;
    }
    // Count records the way a client must: 3-digit count, 46 fields each.
    const bar1 = text.indexOf('|');
    const bar2 = text.indexOf('|', bar1 + 1);
    const bar3 = text.indexOf('|', bar2 + 1);
    const n = Number(text.slice(bar2 + 1, bar3));
    if (!Number.isInteger(n) || n < 1) badFrames++;
    records += n;
    frames++;
  });
  for (const code of codes) {
    ws.send(
      JSON.stringify({
        header: {
          approval_key: sim.credentials.real.approvalKey,
          custtype: 'P',
          tr_type: '1',
          'content-type': 'utf-8',
        },
        body: { input: { tr_id: 'H0STCNT0', tr_key: code } },
      }),
    );
  }
  while (acks < SYMBOLS) await sleep(10);

  sim.control.setBurst(BURST_TICKS_PER_SEC);
  await sleep(WARMUP_MS);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const recordsBefore = records;
  const framesBefore = frames;
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  const delivered = records - recordsBefore;
  const deliveredFrames = frames - framesBefore;
  sim.control.setBurst(0);
  await sleep(200);
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  const ticksPerSec = delivered / (elapsedMs / 1000);
  const cpuPct = ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100;
  console.log(
    `BENCH sim-throughput ticks/s: ${Math.round(ticksPerSec)} ticks/s (target >= ${TARGET_TICKS_PER_SEC})`,
  );
  console.log(
    `BENCH sim-throughput frames/s: ${Math.round(deliveredFrames / (elapsedMs / 1000))} frames/s (info)`,
  );
  console.log(
    `BENCH sim-throughput records/frame: ${(delivered / Math.max(1, deliveredFrames)).toFixed(1)} records (info)`,
  );
  console.log(
    `BENCH sim-throughput cpu: ${cpuPct.toFixed(0)} % of one core, server+client in one process (info)`,
  );
  console.log(
    `BENCH sim-throughput heap delta: ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB (target <= 64, gc ${gc ? 'exposed' : 'not exposed'})`,
  );
  if (badFrames > 0) console.log(`BENCH sim-throughput malformed frames: ${badFrames} (target = 0)`);

  ws.close();
  await sim.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
