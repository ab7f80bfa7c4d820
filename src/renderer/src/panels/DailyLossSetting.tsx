/** The daily loss limit for the current mode, with today's P&L as the host last measured it. */
import { useEffect, useState } from 'react';
import type { Mode } from '../../../shared/domain/mode';
import { getBridge } from '../bridge';
import { useT } from '../i18n';
import { describeError } from '../lib/errors';
import { formatSigned, formatWon } from '../lib/format';
import { useApp } from '../stores/app';
import { loadCapabilities, useCapabilities } from '../stores/capabilities';
import { useSafety } from '../stores/safety';
import { toast } from '../stores/toasts';

export function DailyLossSetting() {
  const t = useT();
  const mode = useApp((s) => s.status?.mode ?? s.info?.mode) as Mode | undefined;
  const state = useSafety((s) => s.state);
  const [limit, setLimit] = useState<number | null | undefined>(undefined);
  const [draft, setDraft] = useState('');
  useEffect(() => {
    if (!mode) return;
    let live = true;
    getBridge()
      .api.safety.settings()
      .then((s) => {
        if (!live) return;
        setLimit(s[mode].dailyLossLimit);
        setDraft(s[mode].dailyLossLimit === null ? '' : String(s[mode].dailyLossLimit));
      })
      .catch((e: unknown) => toast({ kind: 'error', title: t('safety.dailyLoss'), body: describeError(e) }));
    return () => {
      live = false;
    };
  }, [mode, t]);
  if (!mode) return null;
  const parsed = draft.trim() === '' ? null : Number(draft);
  const valid = parsed === null || (Number.isFinite(parsed) && parsed > 0);
  const save = () => {
    if (!valid) return;
    getBridge()
      .api.safety.updateSettings({ mode, limits: { dailyLossLimit: parsed } })
      .then((s) => {
        setLimit(s[mode].dailyLossLimit);
        toast({ kind: 'ok', title: t('safety.saved') });
      })
      .catch((e: unknown) => toast({ kind: 'error', title: t('safety.dailyLoss'), body: describeError(e) }));
  };
  const pnl = state?.dailyPnl;
  const shownLimit = state?.dailyLossLimit ?? limit;
  const over = pnl !== undefined && typeof shownLimit === 'number' && pnl < -shownLimit;
  return (
    <div className="daily-loss" data-testid="daily-loss">
      <h3>
        {t('safety.dailyLoss')} · {mode.toUpperCase()}
      </h3>
      <div className="settings-grid">
        <label htmlFor="daily-loss-limit">{t('safety.dailyLossLimit')}</label>
        <span>
          <input
            id="daily-loss-limit"
            className="num-input"
            type="number"
            min={1}
            step={1}
            value={draft}
            aria-invalid={!valid}
            data-testid="daily-loss-limit"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
            }}
          />{' '}
          <button
            type="button"
            className="tb-button"
            disabled={!valid || parsed === limit}
            data-testid="daily-loss-save"
            onClick={save}
          >
            {t('common.save')}
          </button>
        </span>
        <span>{t('safety.dailyPnl')}</span>
        <span
          data-testid="daily-pnl"
          data-pnl={pnl ?? ''}
          data-limit={shownLimit ?? ''}
          className={over ? 'over' : ''}
        >
          {pnl === undefined ? '–' : formatSigned(pnl)} /{' '}
          {typeof shownLimit === 'number' ? `-${formatWon(shownLimit)}` : t('safety.off')}
        </span>
      </div>
    </div>
  );
}

/** Features this account lacks, each with the host's reason (shown where the action would be). */
export function CapabilityNotes() {
  const t = useT();
  const caps = useCapabilities((s) => s.caps);
  useEffect(() => {
    if (!caps) void loadCapabilities();
  }, [caps]);
  const missing = caps?.items.filter((i) => !i.available) ?? [];
  if (!missing.length) return null;
  return (
    <div className="capability-notes" data-testid="capability-notes">
      <h3>{t('safety.paperLacks')}</h3>
      <ul>
        {missing.map((i) => (
          <li key={i.id} data-capability={i.id} data-available="false">
            <button type="button" className="tb-button" disabled title={i.reason} aria-disabled="true">
              {i.id}
            </button>{' '}
            <span className="dim">{i.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
