/**
 * End to end: every broker command of the `observer` CLI, in --json, through the real KIS client
 * against the built-in simulator over HTTP and WebSocket on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../src/main/cli/main';
import { EXIT } from '../../../../../src/main/cli/exit-codes';
import { createKisSimulator, type KisSimulator } from '../../../../../src/main/core/sim';
import { recordingIO } from '../../../helpers/cli-io';

let sim: KisSimulator;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await createKisSimulator({ seed: 'cli-e2e', tickIntervalMs: 20 });
  home = mkdtempSync(path.join(tmpdir(), 'observer-cli-'));
  const real = sim.credentials.real;
  env = {
    OBSERVER_HOME: home,
    KIS_APP_KEY_REAL: real.appKey,
    KIS_APP_SECRET_REAL: real.appSecret,
    KIS_ACCOUNT_NUMBER: real.accountNo,
    KIS_HTS_ID: real.htsId,
  };
});

afterAll(async () => {
  await sim?.close();
  rmSync(home, { recursive: true, force: true });
});

/** Runs `observer --env real --rest-url … --ws-url … <args> --json` against the simulator. */
async function cli(...args: string[]) {
  const r = recordingIO({ env });
  const code = await runCli(
    ['--env', 'real', '--rest-url', sim.restUrl, '--ws-url', sim.wsUrl, '--json', ...args],
    r.io,
  );
  return { code, out: r.out, err: r.err.join('\n'), json: () => JSON.parse(r.out.join('\n')) as unknown };
}

describe('observer CLI against the simulator (--json)', () => {
  it('quote', async () => {
    const r = await cli('quote', '005930');
    expect(r.code).toBe(EXIT.ok);
    const q = r.json() as Record<string, number | string>;
    expect(Object.keys(q).sort()).toEqual(
      [
        'change',
        'changeRate',
        'code',
        'high',
        'low',
        'lowerLimit',
        'open',
        'prevClose',
        'price',
        'upperLimit',
        'volume',
      ].sort(),
    );
    expect(q.code).toBe('005930');
    for (const k of ['price', 'prevClose', 'upperLimit', 'lowerLimit', 'volume'])
      expect(typeof q[k]).toBe('number');
    expect(q.upperLimit as number).toBeGreaterThan(q.price as number);
    expect(q.lowerLimit as number).toBeLessThan(q.price as number);
  });

  it('book: 10 levels each side, best first', async () => {
    const b = (await cli('book', '000660')).json() as {
      asks: Array<{ price: number; qty: number }>;
      bids: Array<{ price: number; qty: number }>;
      totalAskQty: number;
      time: string;
    };
    expect(b.asks).toHaveLength(10);
    expect(b.bids).toHaveLength(10);
    expect(b.asks[0]!.price).toBeGreaterThan(b.bids[0]!.price);
    for (let i = 1; i < 10; i++) {
      expect(b.asks[i]!.price).toBeGreaterThan(b.asks[i - 1]!.price);
      expect(b.bids[i]!.price).toBeLessThan(b.bids[i - 1]!.price);
    }
    expect(b.totalAskQty).toBe(b.asks.reduce((s, l) => s + l.qty, 0));
    expect(b.time).toMatch(/^\d{6}$/);
  });

  it('chart: ascending bars past the 100-row cap, weekly and monthly', async () => {
    const daily = (await cli('chart', '005930', '--period', 'D', '--from', '20250101')).json() as Array<{
      date: string;
      high: number;
      low: number;
      open: number;
      close: number;
    }>;
    expect(daily.length).toBeGreaterThan(100);
    for (let i = 1; i < daily.length; i++) expect(daily[i]!.date > daily[i - 1]!.date).toBe(true);
    for (const b of daily) expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close, b.low));
    const weekly = (await cli('chart', '005930', '--period', 'W', '--from', '20250101')).json() as unknown[];
    const monthly = (await cli('chart', '005930', '--period', 'M', '--from', '20250101')).json() as unknown[];
    expect(weekly.length).toBeLessThan(daily.length);
    expect(monthly.length).toBeLessThan(weekly.length);
    expect((await cli('chart', '005930', '--from', '2025-01-01')).code).toBe(EXIT.usage);
  });

  it('buy, orders, orders --open, modify, cancel, balance: one journey', async () => {
    const before = (await cli('balance')).json() as { cash: number };
    const q = (await cli('quote', '035720')).json() as { lowerLimit: number; price: number };
    // A resting buy far below the market.
    const placed = await cli('buy', '035720', '3', '--price', String(q.lowerLimit), '--yes');
    expect(placed.code).toBe(EXIT.ok);
    const { orderNo, status } = placed.json() as { orderNo: string; status: string };
    expect(status).toBe('accepted');
    expect(orderNo).toMatch(/^\d{10}$/);

    const open = (await cli('orders', '--open')).json() as Array<Record<string, unknown>>;
    expect(open).toContainEqual({
      orderNo,
      code: '035720',
      side: 'buy',
      qty: 3,
      price: q.lowerLimit,
      filledQty: 0,
      status: 'open',
    });

    // Modifying the whole remainder replaces the order with a new order number (KIS semantics).
    const modified = await cli('modify', orderNo, '--price', String(q.lowerLimit), '--yes');
    expect(modified.code).toBe(EXIT.ok);
    const newNo = (modified.json() as { orderNo: string }).orderNo;

    const cancelled = await cli('cancel', newNo, '--yes');
    expect(cancelled.code, cancelled.err).toBe(EXIT.ok);
    const openAfter = (await cli('orders', '--open')).json() as Array<{ orderNo: string }>;
    expect(openAfter.find((o) => o.orderNo === orderNo || o.orderNo === newNo)).toBeUndefined();

    // A market buy fills at once and shows in the balance.
    const mkt = await cli('buy', '005930', '5', '--market', '--yes');
    expect(mkt.code).toBe(EXIT.ok);
    await expect
      .poll(
        async () =>
          (
            (await cli('balance')).json() as { positions: Array<{ code: string; qty: number }> }
          ).positions.find((p) => p.code === '005930')?.qty,
      )
      .toBe(5);
    const after = (await cli('balance')).json() as {
      cash: number;
      positions: Array<Record<string, unknown>>;
    };
    expect(after.cash).toBeLessThan(before.cash);
    const pos = after.positions.find((p) => p.code === '005930')!;
    expect(Object.keys(pos).sort()).toEqual(['avgPrice', 'code', 'name', 'pnl', 'price', 'qty'].sort());
    expect(pos.name).toBe('삼성전자');

    const all = (await cli('orders')).json() as Array<{ orderNo: string; status: string; code: string }>;
    expect(all.some((o) => o.code === '005930' && o.status === 'filled')).toBe(true);
  });

  it('sell more than held is rejected with exit 4 and the KIS message', async () => {
    const r = await cli('sell', '000660', '999999', '--market', '--yes');
    expect(r.code).toBe(EXIT.broker);
    expect(r.json()).toMatchObject({ orderNo: null, status: 'rejected' });
    expect(r.err).toMatch(/Rejected/);
  });

  it('a REAL order without --yes is refused when stdin is not a terminal, and nothing is sent', async () => {
    const before = ((await cli('orders')).json() as unknown[]).length;
    const r = await cli('buy', '005930', '1', '--market');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/REAL mode without confirmation/);
    expect(((await cli('orders')).json() as unknown[]).length).toBe(before);
  });

  it('a REAL order at a terminal asks first: "yes" sends it, anything else does not', async () => {
    const count = async () => ((await cli('orders')).json() as unknown[]).length;
    const before = await count();
    const args = [
      '--env',
      'real',
      '--rest-url',
      sim.restUrl,
      '--ws-url',
      sim.wsUrl,
      '--json',
      'buy',
      '005930',
      '1',
      '--market',
    ];
    const no = recordingIO({ env, tty: true, answers: ['n'] });
    expect(await runCli(args, no.io)).toBe(EXIT.usage);
    expect(no.err.join('\n')).toMatch(/not confirmed/);
    expect(await count()).toBe(before);
    const yes = recordingIO({ env, tty: true, answers: ['yes'] });
    expect(await runCli(args, yes.io)).toBe(EXIT.ok);
    expect(await count()).toBe(before + 1);
  });

  it('stream: JSON lines of ticks, books and notices, stopping at --count', async () => {
    const r = await cli('stream', '005930', '000660', '--book', '--count', '12', '--duration', '20');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toHaveLength(12);
    const events = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    const tick = events.find((e) => e.type === 'tick')!;
    expect(Object.keys(tick).sort()).toEqual(['code', 'cumVolume', 'price', 'time', 'type', 'volume'].sort());
    const book = events.find((e) => e.type === 'book') as { asks: unknown[] } | undefined;
    expect(book?.asks).toHaveLength(10);
  });

  it('stream --notices sees the fills of an order placed meanwhile', async () => {
    const r = recordingIO({ env });
    const streaming = runCli(
      [
        '--env',
        'real',
        '--rest-url',
        sim.restUrl,
        '--ws-url',
        sim.wsUrl,
        '--json',
        'stream',
        '035420',
        '--notices',
        '--duration',
        '20',
      ],
      r.io,
    );
    // Notices are registered before ticks on the same socket: the first tick means both are live.
    await expect.poll(() => r.out.some((l) => l.includes('"type":"tick"')), { timeout: 15_000 }).toBe(true);
    // A second process cannot share the app key's socket (OPSP8996), but REST orders go through.
    await cli('buy', '035420', '1', '--market', '--yes');
    await expect
      .poll(() => r.out.some((l) => l.includes('"type":"notice"') && l.includes('"kind":"fill"')), {
        timeout: 15_000,
      })
      .toBe(true)
      .catch((e: Error) => {
        throw new Error(`${e.message}\nstdout: ${r.out.join('\n')}\nstderr: ${r.err.join('\n')}`);
      });
    r.stop();
    expect(await streaming).toBe(EXIT.ok);
    const notice = r.out
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.type === 'notice' && e.kind === 'fill')!;
    expect(notice).toMatchObject({ code: '035420', side: 'buy', qty: 1 });
    expect(Object.keys(notice).sort()).toEqual(
      ['code', 'kind', 'orderNo', 'price', 'qty', 'side', 'type'].sort(),
    );
  });

  it('bad codes and missing config are specific errors with their exit codes', async () => {
    const bad = await cli('quote', 'ABC');
    expect(bad.code).toBe(EXIT.usage);
    const r = recordingIO({ env: { OBSERVER_HOME: home } });
    const code = await runCli(['--env', 'paper', 'quote', '005930'], r.io);
    expect(code).toBe(EXIT.config);
    expect(r.err.join('\n')).toMatch(/KIS_APP_KEY_VIRTUAL|paper_app/);
  });
});

describe('observer CLI against the simulator with a paper (모의투자) account', () => {
  async function paper(...args: string[]) {
    const p = sim.credentials.paper;
    const r = recordingIO({
      env: {
        OBSERVER_HOME: home,
        KIS_APP_KEY_VIRTUAL: p.appKey,
        KIS_APP_SECRET_VIRTUAL: p.appSecret,
        KIS_VIRTUAL_ACCOUNT: p.accountNo,
        KIS_HTS_ID: p.htsId,
      },
    });
    const code = await runCli(
      ['--env', 'paper', '--rest-url', sim.restUrl, '--ws-url', sim.wsUrl, '--json', ...args],
      r.io,
    );
    return { code, err: r.err.join('\n'), json: () => JSON.parse(r.out.join('\n')) as unknown };
  }

  it('places, lists (paper fallback for open orders) and cancels with V-prefixed TR ids', async () => {
    const q = (await paper('quote', '035420')).json() as { lowerLimit: number };
    const placed = await paper('buy', '035420', '2', '--price', String(q.lowerLimit));
    expect(placed.code, placed.err).toBe(EXIT.ok);
    const { orderNo } = placed.json() as { orderNo: string };
    const open = (await paper('orders', '--open')).json() as Array<{ orderNo: string; status: string }>;
    expect(open.find((o) => o.orderNo === orderNo)).toMatchObject({ status: 'open' });
    const cancelled = await paper('cancel', orderNo);
    expect(cancelled.code, cancelled.err).toBe(EXIT.ok);
    expect(
      ((await paper('orders', '--open')).json() as Array<{ orderNo: string }>).some(
        (o) => o.orderNo === orderNo,
      ),
    ).toBe(false);
  });
});
