/**
 * The chart's last bar follows live ticks: on the 1-minute chart, the last candle's close, high,
 * low and volume are exactly the candle of the bars loaded once plus every trade the renderer
 * received since — no reload of bars. The simulator is paused to take exact readings and sent into
 * burst mode in between, so the price has to move and the chart has to follow it.
 */
import { ownHostTest as test, expect, simControl } from './fixtures';
import { BridgeTap, ChartPage, type LastBar, type TapTick } from './pages/chart';
import { TerminalPage } from './pages/terminal';

/** Today in KST as YYYYMMDD, the date the renderer gives live minute bars. */
function kstYmd(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** A candle folded forward by trades: same minute updates it, a later minute starts a new one. */
function fold(base: LastBar, trades: readonly TapTick[], ymd: string): LastBar {
  const bar = { ...base };
  for (const t of trades) {
    const minute = `${ymd}${t.time.slice(0, 4)}00`;
    if (minute === bar.time) {
      bar.high = Math.max(bar.high, t.price);
      bar.low = Math.min(bar.low, t.price);
      bar.close = t.price;
      bar.volume += t.volume;
    } else if (minute > bar.time) {
      Object.assign(bar, { bars: bar.bars + 1, time: minute, volume: t.volume });
      bar.open = bar.high = bar.low = bar.close = t.price;
    }
  }
  return bar;
}

test('the 1-minute chart updates its last bar from live ticks without reloading bars', async ({
  page,
  ownHost,
  request,
}) => {
  const sim = simControl(ownHost, request);

  const tap = new BridgeTap(page);
  const terminal = new TerminalPage(page);
  await terminal.open(ownHost.appUrl);
  const chart = new ChartPage(page);
  const quotePrice = page.getByTestId('panel-quote').getByTestId('quote-price');

  await chart.showPeriod('1m');
  const code = await chart.code();
  expect(code).toMatch(/^\d{6}$/);
  await expect(page.getByTestId('panel-quote')).toHaveAttribute('data-code', code);
  const loads = tap.barLoads(code);
  expect(loads, 'the chart loaded its bars over the bridge').toBeGreaterThan(0);
  // The feed is live before anything is measured.
  const seen = tap.trades(code).length;
  await expect.poll(() => tap.trades(code).length).toBeGreaterThan(seen);

  /**
   * With the simulator paused, waits until nothing moves any more and the chart's close is the
   * last trade received and the quote's price; returns the chart's last bar then.
   */
  const settled = async (): Promise<LastBar> => {
    let previous = '';
    let bar: LastBar | undefined;
    await expect
      .poll(
        async () => {
          const b = await chart.lastBar();
          const trades = tap.trades(code);
          const quote = Number(await quotePrice.getAttribute('data-price'));
          const now = JSON.stringify([b, trades.length, quote]);
          const steady = now === previous && b.close === trades.at(-1)?.price && quote === b.close;
          previous = now;
          bar = b;
          return steady;
        },
        { message: 'chart, quote and ticks come to rest on one price', intervals: [300], timeout: 20_000 },
      )
      .toBe(true);
    return bar!;
  };

  await sim('pause');
  const before = await settled();
  const mark = tap.received.length;
  expect(before.bars).toBeGreaterThan(0);
  expect(before.time.slice(0, 8)).toBe(kstYmd());

  // Many trades over every symbol: wait until this symbol's price has left the last candle's
  // close and pushed its range (or started the next minute's candle).
  await sim('burst', { ticksPerSecond: 2000 });
  await sim('resume');
  await expect
    .poll(
      () => {
        const e = fold(before, tap.trades(code, mark), kstYmd());
        return (
          e.close !== before.close && (e.high > before.high || e.low < before.low || e.bars > before.bars)
        );
      },
      { message: 'the simulator moved the price', timeout: 30_000 },
    )
    .toBe(true);
  await sim('pause');
  await sim('burst', { ticksPerSecond: 0 });

  const after = await settled();
  const trades = tap.trades(code, mark);
  expect(trades.length).toBeGreaterThan(0);
  expect(after, 'last bar = loaded bar + every trade since').toEqual(fold(before, trades, kstYmd()));
  expect(after.close).not.toBe(before.close);
  expect(after.volume === before.volume && after.bars === before.bars).toBe(false);
  await expect(chart.chart).toHaveAttribute('data-period', '1m');
  await expect(chart.chart).toHaveAttribute('data-state', 'ready');
  expect(tap.barLoads(code), 'no bars were reloaded').toBe(loads);
});

test('a chart loaded while trades stream counts each trade once', async ({ page, ownHost, request }) => {
  const sim = simControl(ownHost, request);
  const tap = new BridgeTap(page);
  const terminal = new TerminalPage(page);
  await terminal.open(ownHost.appUrl);
  const chart = new ChartPage(page);
  const code = await chart.code();

  // Reload the daily bars while thousands of trades a second are in flight: the ones the
  // snapshot already holds arrive after it and must not be added again.
  await sim('burst', { ticksPerSecond: 2000 });
  await chart.showPeriod('W');
  await expect(chart.chart).toHaveAttribute('data-state', 'ready');
  const mark = tap.received.length;
  await chart.showPeriod('D');
  await expect(chart.chart).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => tap.trades(code, mark).length).toBeGreaterThan(20);
  await sim('pause');
  await sim('burst', { ticksPerSecond: 0 });

  // At rest, today's daily bar holds exactly the day's volume: the last trade's cumulative volume.
  await expect
    .poll(
      async () => {
        const last = tap.trades(code).at(-1);
        const bar = await chart.lastBar();
        return last ? [bar.volume - last.cumVolume, bar.close - last.price] : undefined;
      },
      { message: "today's bar = the day's cumulative volume, at the last price", timeout: 20_000 },
    )
    .toEqual([0, 0]);
});
