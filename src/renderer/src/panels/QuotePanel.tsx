/** 현재가: price, change, OHLC, volume, value, limits, previous close, 52-week range, PER/PBR. */
import { useEffect } from 'react';
import { useT } from '../i18n';
import { directionOfSign, formatBigWon, formatHms, formatRate, formatSigned, formatWon } from '../lib/format';
import { useMarket, watchQuote } from '../stores/market';
import { usePrefs } from '../stores/prefs';
import { Empty, PanelFrame, usePanelSymbol, type PanelProps } from './frame';
import { SymbolSearch } from '../ui/SymbolSearch';

export function QuotePanel(props: PanelProps) {
  const t = useT();
  const locale = usePrefs((s) => s.locale);
  const { link, code, setLink, setCode } = usePanelSymbol(props);
  const q = useMarket((s) => (code ? s.quotes[code] : undefined));
  const error = useMarket((s) => (code ? s.errors[code] : undefined));
  useEffect(() => (code ? watchQuote(code) : undefined), [code]);

  const dir = q ? directionOfSign(q.sign, q.change) : 'flat';
  const cell = (v: number | undefined, fmt: (n: number) => string = formatWon) =>
    v === undefined || v === 0 ? <span className="dim">—</span> : fmt(v);
  const na = <span className="dim">{t('common.na')}</span>;
  const rel = (p: number | undefined) => {
    if (!q || !p) return '';
    return p > q.prevClose ? 'up' : p < q.prevClose ? 'down' : 'flat';
  };

  return (
    <PanelFrame
      kind="quote"
      titleKey="panel.quote"
      link={link}
      onLink={setLink}
      code={code}
      tools={<SymbolSearch onPick={(i) => setCode(i.code)} testId="quote-search" />}
    >
      {!code ? (
        <Empty>{t('common.noSymbol')}</Empty>
      ) : error && !q ? (
        <Empty>
          <span className="error-text">{error}</span>
        </Empty>
      ) : !q ? (
        <Empty>{t('common.loading')}</Empty>
      ) : (
        <div className="quote">
          <div className={`quote-main ${dir}`} data-testid="quote-price" data-price={q.price}>
            <span className="quote-price">{formatWon(q.price)}</span>
            <span className="quote-change">
              {dir === 'up' ? '▲' : dir === 'down' ? '▼' : ''} {formatSigned(q.change)} (
              {formatRate(q.changeRate)})
            </span>
          </div>
          <dl className="quote-grid">
            <dt>{t('q.open')}</dt>
            <dd className={rel(q.open)}>{cell(q.open)}</dd>
            <dt>{t('q.prevClose')}</dt>
            <dd>{cell(q.prevClose)}</dd>
            <dt>{t('q.high')}</dt>
            <dd className={rel(q.high)}>{cell(q.high)}</dd>
            <dt>{t('q.upper')}</dt>
            <dd className="up">{cell(q.upperLimit)}</dd>
            <dt>{t('q.low')}</dt>
            <dd className={rel(q.low)}>{cell(q.low)}</dd>
            <dt>{t('q.lower')}</dt>
            <dd className="down">{cell(q.lowerLimit)}</dd>
            <dt>{t('q.volume')}</dt>
            <dd data-testid="quote-volume">{formatWon(q.volume)}</dd>
            <dt>{t('q.value')}</dt>
            <dd>{q.value !== undefined ? formatBigWon(q.value, locale) : na}</dd>
            <dt>{t('q.w52')}</dt>
            <dd>
              {q.w52Low !== undefined && q.w52High !== undefined
                ? `${formatWon(q.w52Low)} ~ ${formatWon(q.w52High)}`
                : na}
            </dd>
            <dt>{t('q.time')}</dt>
            <dd>{q.time ? formatHms(q.time) : '—'}</dd>
            <dt>{t('q.per')}</dt>
            <dd>{q.per !== undefined ? q.per.toFixed(2) : na}</dd>
            <dt>{t('q.pbr')}</dt>
            <dd>{q.pbr !== undefined ? q.pbr.toFixed(2) : na}</dd>
          </dl>
        </div>
      )}
    </PanelFrame>
  );
}
