/**
 * Candles + volume (echarts): 1m, 5m, day, week, month; the last bar follows live ticks with a
 * setOption on the last bar only; crosshair (axisPointer), zoom and pan (dataZoom).
 */
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts';
import type { Bar, BarPeriod, Tick } from '../../../shared/domain/market';
import { getBridge } from '../bridge';
import { useT, type MessageKey } from '../i18n';
import { applyTrade, barLabel, volumeInBars } from '../lib/bars';
import { describeError } from '../lib/errors';
import { kstParts } from '../lib/format';
import { onTicks, watchQuote } from '../stores/market';
import { usePrefs } from '../stores/prefs';
import { usePreference } from '../stores/settings';
import { Empty, PanelFrame, usePanelSymbol, type PanelProps } from './frame';
import { SymbolSearch } from '../ui/SymbolSearch';

const PERIODS: BarPeriod[] = ['1m', '5m', 'D', 'W', 'M'];

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function seriesData(bars: Bar[]) {
  return {
    labels: bars.map((b) => b.date),
    candles: bars.map((b) => [b.open, b.close, b.low, b.high]),
    volumes: bars.map((b) => [b.date, b.volume, b.close >= b.open ? 1 : -1]),
  };
}

const LAST_BAR_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Mirrors what the chart was last given onto its container: the bar count and the last bar
 * (data-bars, data-last-time, data-last-open … data-last-volume), for tests and tooling to read.
 */
function markLastBar(el: HTMLElement | null, all: readonly Bar[]): void {
  if (!el) return;
  const last = all[all.length - 1];
  el.dataset.bars = String(all.length);
  if (last) el.dataset.lastTime = last.date;
  else delete el.dataset.lastTime;
  for (const f of LAST_BAR_FIELDS) {
    const attr = `last${f.charAt(0).toUpperCase()}${f.slice(1)}`;
    if (last) el.dataset[attr] = String(last[f]);
    else delete el.dataset[attr];
  }
}

export function ChartPanel(props: PanelProps) {
  const t = useT();
  const { link, code, setLink, setCode } = usePanelSymbol(props);
  const [period, setPeriod] = useState<BarPeriod>(
    PERIODS.includes(props.params?.period as BarPeriod) ? (props.params?.period as BarPeriod) : 'D',
  );
  const key = `${code ?? ''}|${period}`;
  const [result, setResult] = useState<{ key: string; state: 'ready' | 'empty' | 'error'; error?: string }>({
    key: '',
    state: 'empty',
  });
  const state = result.key === key ? result.state : 'loading';
  const error = result.error;
  const host = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const bars = useRef<Bar[]>([]);
  const theme = usePrefs((s) => s.theme);
  const convention = usePreference('colorConvention');

  useEffect(() => (code ? watchQuote(code) : undefined), [code]);

  // One echarts instance per panel; resized with the panel.
  useEffect(() => {
    if (!host.current) return;
    const c = echarts.init(host.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(host.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const draw = (all: Bar[], p: BarPeriod) => {
    const c = chart.current;
    if (!c) return;
    const up = cssVar('--up');
    const down = cssVar('--down');
    const text = cssVar('--text-dim');
    const grid = cssVar('--border');
    const d = seriesData(all);
    // Lets tests (and screenshots) wait until the palette in use is the current theme's.
    host.current?.setAttribute('data-drawn-theme', document.documentElement.dataset.theme ?? '');
    c.setOption(
      {
        animation: false,
        backgroundColor: 'transparent',
        textStyle: { color: text },
        axisPointer: { link: [{ xAxisIndex: 'all' }], label: { backgroundColor: '#555' } },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'cross' },
          backgroundColor: cssVar('--bg-raised'),
          borderColor: grid,
          textStyle: { color: cssVar('--text') },
        },
        grid: [
          { left: 64, right: 16, top: 12, height: '62%' },
          { left: 64, right: 16, top: '78%', height: '14%' },
        ],
        xAxis: [
          {
            type: 'category',
            data: d.labels,
            boundaryGap: true,
            axisLine: { lineStyle: { color: grid } },
            axisLabel: { formatter: (v: string) => barLabel(p, v) },
            min: 'dataMin',
            max: 'dataMax',
          },
          {
            type: 'category',
            gridIndex: 1,
            data: d.labels,
            axisLabel: { show: false },
            axisTick: { show: false },
            axisLine: { lineStyle: { color: grid } },
          },
        ],
        yAxis: [
          {
            scale: true,
            splitLine: { lineStyle: { color: grid } },
            axisLabel: { formatter: (v: number) => v.toLocaleString('ko-KR') },
          },
          {
            scale: true,
            gridIndex: 1,
            splitNumber: 2,
            axisLabel: { show: false },
            splitLine: { show: false },
          },
        ],
        dataZoom: [
          {
            type: 'inside',
            xAxisIndex: [0, 1],
            start: all.length > 120 ? 100 - (120 / all.length) * 100 : 0,
            end: 100,
          },
          { type: 'slider', xAxisIndex: [0, 1], bottom: 2, height: 14, borderColor: grid },
        ],
        visualMap: {
          show: false,
          seriesIndex: 1,
          dimension: 2,
          pieces: [
            { value: 1, color: up },
            { value: -1, color: down },
          ],
        },
        series: [
          {
            name: code,
            type: 'candlestick',
            data: d.candles,
            itemStyle: { color: up, color0: down, borderColor: up, borderColor0: down },
          },
          { name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: d.volumes },
        ],
      },
      { notMerge: true },
    );
    markLastBar(wrap.current, all);
  };

  // Load bars for the symbol and period; then fold live ticks into the last bar.
  useEffect(() => {
    if (!code) return;
    let live = true;
    // Ticks wait for the history; those traded before its snapshot (cumulative day volume not
    // above what the bars hold) are already in it and are not added twice.
    let loaded = false;
    let early: Tick[] = [];
    let inBars: number | undefined;
    const myKey = `${code}|${period}`;
    bars.current = [];
    chart.current?.clear();
    markLastBar(wrap.current, bars.current);
    const fold = (ticks: readonly Tick[]): 'none' | 'update' | 'append' => {
      let changed: 'none' | 'update' | 'append' = 'none';
      const ymd = kstParts(Date.now()).ymd;
      for (const tk of ticks) {
        if (tk.code !== code || !tk.volume) continue;
        if (inBars !== undefined && tk.cumVolume <= inBars) continue;
        const r = applyTrade(bars.current, period, { ymd, hms: tk.time, price: tk.price, volume: tk.volume });
        if (r === 'append' || (r === 'update' && changed === 'none')) changed = r;
      }
      return changed;
    };
    getBridge()
      .api.market.bars({ code, period })
      .then((b) => {
        if (!live) return;
        bars.current = b.slice();
        inBars = volumeInBars(b, period, kstParts(Date.now()).ymd);
        loaded = true;
        // Weeks and months cannot tell which early ticks they hold: those are dropped, as before.
        if (inBars !== undefined) fold(early);
        early = [];
        setResult({ key: myKey, state: bars.current.length ? 'ready' : 'empty' });
        draw(bars.current, period);
      })
      .catch((e: unknown) => {
        if (!live) return;
        early = [];
        setResult({ key: myKey, state: 'error', error: describeError(e) });
      });
    const off = onTicks((ticks: Tick[]) => {
      if (!loaded) {
        if (early.length < 20_000) early.push(...ticks.filter((tk) => tk.code === code));
        return;
      }
      const changed = fold(ticks);
      if (changed === 'none') return;
      if (bars.current.length === 1) {
        setResult({ key: myKey, state: 'ready' });
        draw(bars.current, period);
        return;
      }
      // The hot path: series data only (merge keeps axes, zoom and pan); new labels on a new bar.
      const d = seriesData(bars.current);
      chart.current?.setOption(
        {
          ...(changed === 'append' ? { xAxis: [{ data: d.labels }, { data: d.labels }] } : {}),
          series: [{ data: d.candles }, { data: d.volumes }],
        },
        { notMerge: false, lazyUpdate: true },
      );
      markLastBar(wrap.current, bars.current);
    });
    return () => {
      live = false;
      off();
    };
    // draw reads colours at call time
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, period]);

  // Theme or colour convention changed: redraw with the new palette.
  useEffect(() => {
    // The app sets the theme attribute in its own (parent) effect, after this one: read the
    // new colours on the next frame.
    const id = requestAnimationFrame(() => {
      if (bars.current.length) draw(bars.current, period);
    });
    return () => cancelAnimationFrame(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [theme, convention]);

  return (
    <PanelFrame
      kind="chart"
      titleKey="panel.chart"
      link={link}
      onLink={setLink}
      code={code}
      tools={
        <>
          <div className="tabs" role="tablist" aria-label="period">
            {PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                role="tab"
                aria-selected={p === period}
                className={`tab ${p === period ? 'on' : ''}`}
                data-testid={`chart-period-${p}`}
                onClick={() => {
                  setPeriod(p);
                  props.api.updateParameters({ ...(props.params ?? {}), period: p });
                }}
              >
                {t(`ch.${p}` as MessageKey)}
              </button>
            ))}
          </div>
          <SymbolSearch onPick={(i) => setCode(i.code)} testId="chart-search" />
        </>
      }
    >
      <div ref={wrap} className="chart-wrap" data-testid="chart" data-state={state} data-period={period}>
        <div ref={host} className="chart-host" />
        {!code && <Empty>{t('common.noSymbol')}</Empty>}
        {code && state === 'loading' && <div className="chart-overlay dim">{t('common.loading')}</div>}
        {code && state === 'empty' && <div className="chart-overlay dim">{t('ch.noBars')}</div>}
        {code && state === 'error' && <div className="chart-overlay error-text">{error}</div>}
      </div>
    </PanelFrame>
  );
}
