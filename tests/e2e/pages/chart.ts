/**
 * Page object for the chart panel, and a tap on the renderer's bridge WebSocket that records the
 * bar loads it asks for and the ticks it receives (what the chart is fed), without changing either.
 */
import { expect, type Page, type WebSocket } from '@playwright/test';

/** The last bar as the chart's container reports it (data-bars, data-last-*). */
export interface LastBar {
  bars: number;
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export class ChartPage {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('panel-chart');
  }

  get chart() {
    return this.page.getByTestId('chart');
  }

  async code(): Promise<string> {
    return (await this.panel.getAttribute('data-code')) ?? '';
  }

  async showPeriod(period: '1m' | '5m' | 'D' | 'W' | 'M'): Promise<void> {
    await this.page.getByTestId(`chart-period-${period}`).click();
    await expect(this.chart).toHaveAttribute('data-period', period);
    await expect(this.chart).toHaveAttribute('data-state', 'ready');
  }

  async lastBar(): Promise<LastBar> {
    // One read of every attribute, so the fields always describe the same bar.
    return this.chart.evaluate((el) => {
      const num = (name: string) => Number(el.getAttribute(`data-${name}`) ?? NaN);
      return {
        bars: num('bars'),
        time: el.getAttribute('data-last-time') ?? '',
        open: num('last-open'),
        high: num('last-high'),
        low: num('last-low'),
        close: num('last-close'),
        volume: num('last-volume'),
      };
    });
  }
}

/** The fields of a market:ticks event a candle is built from. */
export interface TapTick {
  code: string;
  time: string;
  price: number;
  volume: number;
  /** the day's cumulative volume after this trade */
  cumVolume: number;
}

interface Frame {
  t?: string;
  channel?: string;
  sub?: string;
  payload?: unknown;
  args?: { codes?: unknown };
  items?: unknown;
}

/** Attach before the page opens the app: it listens for the bridge socket from its start. */
export class BridgeTap {
  /** Every invoke the renderer sent, in order. */
  readonly invokes: Array<{ channel: string; payload: unknown }> = [];
  /** Every tick event the renderer received on a market:ticks stream, in order. */
  readonly received: TapTick[] = [];
  private readonly tickSubs = new Set<string>();

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).pathname === '/bridge') this.watch(ws);
    });
  }

  private watch(ws: WebSocket): void {
    const parse = (payload: string | Buffer): Frame | undefined => {
      try {
        return JSON.parse(String(payload)) as Frame;
      } catch {
        return undefined;
      }
    };
    ws.on('framesent', ({ payload }) => {
      const m = parse(payload);
      if (m?.t === 'invoke' && typeof m.channel === 'string')
        this.invokes.push({ channel: m.channel, payload: m.payload });
      if (m?.t === 'sub' && m.channel === 'market:ticks' && typeof m.sub === 'string')
        this.tickSubs.add(m.sub);
    });
    ws.on('framereceived', ({ payload }) => {
      const m = parse(payload);
      if (m?.t !== 'batch' || !Array.isArray(m.items)) return;
      for (const item of m.items as unknown[]) {
        if (!Array.isArray(item) || !this.tickSubs.has(item[0] as string) || !Array.isArray(item[1]))
          continue;
        for (const e of item[1] as TapTick[])
          this.received.push({
            code: e.code,
            time: e.time,
            price: e.price,
            volume: e.volume,
            cumVolume: e.cumVolume,
          });
      }
    });
  }

  /** Trades (ticks with volume) of one symbol, from index `from` of everything received. */
  trades(code: string, from = 0): TapTick[] {
    return this.received.slice(from).filter((t) => t.code === code && t.volume > 0);
  }

  barLoads(code: string): number {
    return this.invokes.filter(
      (i) => i.channel === 'market:bars' && (i.payload as { code?: unknown } | undefined)?.code === code,
    ).length;
  }
}
