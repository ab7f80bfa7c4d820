import { useEffect, useState } from 'react';
import { useT, type MessageKey } from '../i18n';
import { formatKstDateTime, formatKstTime } from '../lib/format';
import { krxSession } from '../lib/session';
import { useApp } from '../stores/app';
import { useMarket } from '../stores/market';
import { usePrefs } from '../stores/prefs';
import { updateSettings } from '../stores/settings';
import { useSafety } from '../stores/safety';
import { useTrading } from '../stores/trading';
import { killSwitch, unlockTrading } from '../trading/actions';

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

function ClockAndSession({ demo }: { demo: boolean }) {
  const t = useT();
  const now = useNow();
  const session = krxSession(now);
  return (
    <>
      <span className="sb-item" data-testid="market-session" data-session={demo ? 'demo' : session}>
        {demo ? t('sess.demo') : t(`sess.${session}` as MessageKey)}
      </span>
      <span className="sb-item" data-testid="kst-clock" title="Korea Standard Time">
        KST {formatKstTime(now)}
      </span>
    </>
  );
}

function ArmState() {
  const t = useT();
  const armed = useTrading((s) => s.armed);
  const setArmed = useTrading((s) => s.setArmed);
  const [hint, setHint] = useState(false);
  useEffect(() => {
    let id: ReturnType<typeof setTimeout> | undefined;
    const off = useTrading.subscribe((s, prev) => {
      if (s.disarmedHintAt === prev.disarmedHintAt) return;
      setHint(true);
      clearTimeout(id);
      id = setTimeout(() => setHint(false), 1500);
    });
    return () => {
      off();
      clearTimeout(id);
    };
  }, []);
  return (
    <>
      <button
        type="button"
        className={`sb-button arm ${armed ? 'armed' : 'disarmed'}`}
        data-testid="arm-state"
        data-armed={armed ? 'true' : 'false'}
        aria-pressed={armed}
        title={t('arm.toggle')}
        onClick={() => setArmed(!armed)}
      >
        {armed ? '● ' : '○ '}
        {t(armed ? 'arm.armed' : 'arm.disarmed')}
      </button>
      {hint && (
        <span className="sb-item disarmed-hint" role="status" data-testid="disarmed-hint">
          {t('arm.hint')}
        </span>
      )}
    </>
  );
}

/** Always visible; one click cancels and locks (it never sends an order), so no confirmation. */
function KillSwitchButton() {
  const t = useT();
  const locked = useSafety((s) => s.state?.locked ?? false);
  return (
    <button
      type="button"
      className="sb-button kill-switch"
      data-testid="kill-switch"
      data-locked={locked ? 'true' : 'false'}
      aria-label={t('safety.kill')}
      title={t('safety.killHint')}
      onClick={() => void killSwitch('button')}
    >
      ■ {t('safety.kill')}
    </button>
  );
}

function SafetyLock() {
  const t = useT();
  const state = useSafety((s) => s.state);
  const error = useSafety((s) => s.error);
  if (error) {
    return (
      <span className="sb-item dim" data-testid="safety-state" data-locked="unknown" title={error}>
        {t('safety.na')}
      </span>
    );
  }
  if (!state?.locked) return null;
  return (
    <span
      className="sb-item safety-locked"
      data-testid="safety-state"
      data-locked="true"
      data-reason={state.reason ?? ''}
      role="alert"
    >
      ⛔ {t('safety.locked')}
      {state.reason ? ` (${t(`safety.reason.${state.reason}` as MessageKey)})` : ''}
      {state.message ? ` · ${state.message}` : ''}
      {state.reason === 'kill-switch' && (
        <button
          type="button"
          className="sb-button"
          onClick={() => void unlockTrading()}
          data-testid="safety-unlock"
        >
          {t('safety.unlock')}
        </button>
      )}
    </span>
  );
}

function FeedSummary() {
  const t = useT();
  const feeds = useMarket((s) => s.feeds);
  const list = Object.values(feeds);
  if (!list.length) return null;
  const count = (f: string) => list.filter((x) => x.feed === f).length;
  const stale = list.filter((x) => x.feed === 'stale').map((x) => x.code);
  return (
    <span className="sb-item" data-testid="feed-states" title={stale.length ? stale.join(', ') : ''}>
      {t('feed.realtime')} {count('realtime')}
      {count('polling') ? ` · ${t('feed.polling')} ${count('polling')}` : ''}
      {stale.length ? (
        <span className="warn-text">
          {' '}
          · {t('feed.stale')} {stale.length}
        </span>
      ) : (
        ''
      )}
    </span>
  );
}

export function StatusBar() {
  const t = useT();
  const status = useApp((s) => s.status);
  const info = useApp((s) => s.info);
  const theme = usePrefs((s) => s.theme);
  const locale = usePrefs((s) => s.locale);
  const setTheme = usePrefs((s) => s.setTheme);
  const setLocale = usePrefs((s) => s.setLocale);
  const mode = status?.mode ?? info?.mode;
  const conn = status?.connection;

  return (
    <footer className="status-bar" role="status" aria-label="status bar">
      {mode && (
        <span className={`mode-badge mode-${mode}`} data-testid="mode-badge" data-mode={mode}>
          {mode.toUpperCase()}
          <span className="mode-badge-sub">{t(`mode.${mode}`)}</span>
        </span>
      )}
      <KillSwitchButton />
      <ArmState />
      <SafetyLock />
      {conn && (
        <span
          className={`sb-item conn conn-${conn.state}`}
          data-testid="connection-state"
          data-state={conn.state}
          title={conn.detail ?? ''}
        >
          <span className="dot" aria-hidden="true" />
          {t('status.broker')}: {t(`conn.${conn.state}`)}
          {conn.detail ? <span className="sb-detail"> · {conn.detail}</span> : null}
        </span>
      )}
      <FeedSummary />
      {status?.slots && (
        <span className="sb-item" data-testid="slots">
          {t('status.slots')} {status.slots.used}/{status.slots.max}
        </span>
      )}
      {status?.tokenExpiresAt !== undefined && (
        <span className="sb-item" data-testid="token-expiry">
          {t('status.token')} ~{formatKstDateTime(status.tokenExpiresAt)}
        </span>
      )}
      <span className="sb-spacer" />
      <ClockAndSession demo={mode === 'demo'} />
      <span className="sb-item" data-testid="app-version">
        {t('status.version')} {status?.version ?? info?.version}
      </span>
      <button
        type="button"
        className="sb-button"
        onClick={() => {
          const next = theme === 'dark' ? 'light' : 'dark';
          setTheme(next);
          void updateSettings({ preferences: { theme: next } }).catch(() => undefined);
        }}
        aria-label={t('status.theme')}
        title={t('status.theme')}
        data-testid="theme-toggle"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
      <button
        type="button"
        className="sb-button"
        onClick={() => {
          const next = locale === 'ko' ? 'en' : 'ko';
          setLocale(next);
          void updateSettings({ preferences: { locale: next } }).catch(() => undefined);
        }}
        data-testid="locale-toggle"
      >
        {t('status.language')}
      </button>
    </footer>
  );
}
