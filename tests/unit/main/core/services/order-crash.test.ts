/**
 * Crash safety: a host process (tests/unit/helpers/order-crash-child.ts) is SIGKILLed between
 * journaling and sending, between sending and recording the answer, and while the broker holds the
 * answer. A second boot reconciles from the journal; the simulator's day orders and the journal
 * agree, and no order is ever sent twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KisBroker } from '../../../../../src/main/core/broker/kis-broker';
import { KisClient, resolveKisConfig } from '../../../../../src/main/core/kis';
import { OrderJournal } from '../../../../../src/main/core/services/journal';
import { createKisSimulator, type KisSimulator } from '../../../../../src/main/core/sim';
import type { OrderTicket } from '../../../../../src/shared/domain/orders';

const ROOT = path.resolve(__dirname, '../../../../..');
const CHILD = path.join(ROOT, 'tests/unit/helpers/order-crash-child.ts');

let sim: KisSimulator;
let probe: KisBroker;
const dirs: string[] = [];
const children = new Set<ChildProcess>();

function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'observer-crash-'));
  dirs.push(d);
  return d;
}

beforeAll(async () => {
  sim = await createKisSimulator({ seed: 'order-crash', tickIntervalMs: 50 });
  const c = sim.credentials.real;
  probe = new KisBroker(
    new KisClient(
      resolveKisConfig({
        env: 'demo',
        appKey: c.appKey,
        appSecret: c.appSecret,
        restUrl: sim.restUrl,
        wsUrl: sim.wsUrl,
        account: c.accountNo,
        htsId: c.htsId,
        dataDir: tmp(),
        configFile: false,
        envVars: {},
      }),
    ),
  );
});

afterAll(async () => {
  for (const ch of children) ch.kill('SIGKILL');
  probe?.dispose();
  await sim?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcess;
  lines: string[];
  /** Resolves with the first line starting with `prefix`. */
  line(prefix: string): Promise<string>;
  exited: Promise<number | null>;
}

function boot(dataDir: string, opts: { ticket?: OrderTicket; stopAt?: string }): Child {
  sim.control.resetTokenThrottle();
  const c = sim.credentials.real;
  // node itself with the tsx loader: SIGKILL then hits the process that holds the order.
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      OBSERVER_TEST_DATA: dataDir,
      OBSERVER_TEST_REST: sim.restUrl,
      OBSERVER_TEST_WS: sim.wsUrl,
      OBSERVER_TEST_APP_KEY: c.appKey,
      OBSERVER_TEST_APP_SECRET: c.appSecret,
      OBSERVER_TEST_ACCOUNT: c.accountNo,
      OBSERVER_TEST_HTS: c.htsId,
      OBSERVER_TEST_STOP_AT: opts.stopAt ?? '',
      OBSERVER_TEST_TICKET: opts.ticket ? JSON.stringify(opts.ticket) : '',
      OBSERVER_TEST_GRACE_MS: '0',
    },
  });
  children.add(proc);
  const lines: string[] = [];
  const waiters: Array<{ prefix: string; resolve: (l: string) => void }> = [];
  let buf = '';
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(l);
      for (const w of [...waiters]) {
        if (l.startsWith(w.prefix)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      children.delete(proc);
      resolve(code);
    }),
  );
  return {
    proc,
    lines,
    exited,
    line: (prefix) =>
      new Promise<string>((resolve, reject) => {
        const hit = lines.find((l) => l.startsWith(prefix));
        if (hit) return resolve(hit);
        waiters.push({ prefix, resolve });
        void exited.then(() =>
          reject(
            new Error(`child exited before "${prefix}"\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr}`),
          ),
        );
      }),
  };
}

async function kill(c: Child): Promise<void> {
  c.proc.kill('SIGKILL');
  await c.exited;
}

async function simOrders(code: string) {
  return (await probe.getDailyOrders()).filter((o) => o.code === code);
}

/** A resting buy at today's lower limit: it stays open, so the day's orders show exactly it. */
async function restingBuy(code: string, qty: number): Promise<OrderTicket> {
  const q = await probe.getQuote(code);
  return { code, side: 'buy', qty, price: q.lowerLimit, type: 'limit' };
}

function tracked(line: string): Array<{ id: string; state: string; orderNo?: string; code: string }> {
  return JSON.parse(line.slice('TRACKED '.length)) as Array<{
    id: string;
    state: string;
    orderNo?: string;
    code: string;
  }>;
}

function journalStates(dataDir: string, id: string): string[] {
  const j = new OrderJournal({ dir: path.join(dataDir, 'journal'), mode: 'demo' });
  return j
    .read()
    .entries.filter((e) => e.id === id && e.kind === 'transition')
    .map((e) => String(e.data.to));
}

// Each boot is a fresh Node process with the TypeScript loader (a few seconds each).
describe('order crash safety (child process SIGKILLed mid-order)', { timeout: 60_000 }, () => {
  it('killed after journaling, before sending: nothing reached KIS; the restart marks it lost and sends nothing', async () => {
    const dataDir = tmp();
    const ticket = await restingBuy('035720', 3);
    const first = boot(dataDir, { ticket, stopAt: 'before-send' });
    await first.line('AT before-send');
    await kill(first);
    expect(await simOrders('035720')).toEqual([]);

    const second = boot(dataDir, {});
    const after = tracked(await second.line('TRACKED'));
    await second.exited;
    expect(after).toHaveLength(1);
    expect(after[0]!.state).toBe('lost');
    expect(journalStates(dataDir, after[0]!.id)).toEqual(['checked', 'sent', 'lost']);
    expect(await simOrders('035720')).toEqual([]);
  });

  it('killed after sending, before the answer was recorded: the restart finds the one order', async () => {
    const dataDir = tmp();
    const ticket = await restingBuy('000660', 2);
    const first = boot(dataDir, { ticket, stopAt: 'after-send' });
    await first.line('AT after-send');
    await kill(first);
    const onSim = await simOrders('000660');
    expect(onSim).toHaveLength(1);

    const second = boot(dataDir, {});
    const after = tracked(await second.line('TRACKED'));
    await second.exited;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ state: 'accepted', orderNo: onSim[0]!.orderNo });
    expect(journalStates(dataDir, after[0]!.id)).toEqual(['checked', 'sent', 'unknown', 'accepted']);
    // Nothing was sent twice.
    expect(await simOrders('000660')).toHaveLength(1);
  });

  it('killed while the broker held the answer (timeout): the restart agrees with KIS; a retry is the trader’s', async () => {
    const dataDir = tmp();
    const ticket = await restingBuy('035420', 4);
    const first = boot(dataDir, { ticket, stopAt: 'before-send' });
    await first.line('AT before-send');
    sim.control.failNext(1, 'timeout');
    first.proc.stdin!.write('go\n');
    // The held request has reached the simulator once its injected fault is used up.
    await expect.poll(() => sim.control.status().pendingFailures.length, { timeout: 20_000 }).toBe(0);
    await kill(first);
    const onSim = await simOrders('035420');

    const second = boot(dataDir, {});
    const after = tracked(await second.line('TRACKED'));
    await second.exited;
    expect(after).toHaveLength(1);
    // Whatever KIS did with the held request, the journal now says the same.
    if (onSim.length === 0) expect(after[0]!.state).toBe('lost');
    else expect(after[0]).toMatchObject({ state: 'accepted', orderNo: onSim[0]!.orderNo });
    expect(await simOrders('035420')).toHaveLength(onSim.length);

    // The trader sends it again explicitly: exactly one more, never an automatic resend.
    const third = boot(dataDir, { ticket });
    const result = await third.line('RESULT');
    await third.exited;
    expect(JSON.parse(result.slice('RESULT '.length))).toMatchObject({ outcome: 'accepted' });
    expect(await simOrders('035420')).toHaveLength(onSim.length + 1);
  });
});
