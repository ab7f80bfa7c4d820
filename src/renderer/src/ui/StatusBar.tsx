import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { useApp } from '../stores/app';
import { usePrefs } from '../stores/prefs';
import { formatKstDateTime, formatKstTime } from './format';

function KstClock() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="sb-item" data-testid="kst-clock" title="Korea Standard Time">
      KST {formatKstTime(now)}
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
      <KstClock />
      <span className="sb-item" data-testid="app-version">
        {t('status.version')} {status?.version ?? info?.version}
      </span>
      <button
        type="button"
        className="sb-button"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={t('status.theme')}
        title={t('status.theme')}
        data-testid="theme-toggle"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
      <button
        type="button"
        className="sb-button"
        onClick={() => setLocale(locale === 'ko' ? 'en' : 'ko')}
        data-testid="locale-toggle"
      >
        {t('status.language')}
      </button>
    </footer>
  );
}
