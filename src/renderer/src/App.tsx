import { useEffect } from 'react';
import { getBridge } from './bridge';
import { useT } from './i18n';
import { Workspace } from './layout/Workspace';
import { useApp } from './stores/app';
import { usePrefs } from './stores/prefs';
import { StatusBar } from './ui/StatusBar';

/** Connects to the host once: info, then the status stream; marks the app ready for tests. */
function useHostConnection(): void {
  const setInfo = useApp((s) => s.setInfo);
  const setStatus = useApp((s) => s.setStatus);
  const setLink = useApp((s) => s.setLink);
  const setFatal = useApp((s) => s.setFatal);
  useEffect(() => {
    let bridge;
    try {
      bridge = getBridge();
    } catch {
      setFatal('app.noToken');
      return;
    }
    const { api, link } = bridge;
    const offLink = link?.onState(setLink);
    if (!link) setLink('open');
    let cancelled = false;
    const load = () =>
      api.app
        .info()
        .then((info) => !cancelled && setInfo(info))
        .catch(() => {
          // Not connected yet: the link's next 'open' retries.
        });
    void load();
    const offOpen = link?.onState((s) => s === 'open' && void load());
    const dispose = api.app.status({}, (events) => {
      const last = events[events.length - 1];
      if (last) setStatus(last);
    });
    return () => {
      cancelled = true;
      dispose();
      offLink?.();
      offOpen?.();
    };
  }, [setInfo, setStatus, setLink, setFatal]);
}

export function App() {
  const t = useT();
  useHostConnection();
  const theme = usePrefs((s) => s.theme);
  const locale = usePrefs((s) => s.locale);
  const info = useApp((s) => s.info);
  const status = useApp((s) => s.status);
  const link = useApp((s) => s.link);
  const fatal = useApp((s) => s.fatal);
  const ready = info !== null && status !== null;
  const mode = status?.mode ?? info?.mode;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = locale;
  }, [theme, locale]);

  useEffect(() => {
    document
      .getElementById('root')
      ?.setAttribute('data-app-state', fatal ? 'error' : ready ? 'ready' : 'loading');
  }, [ready, fatal]);

  if (fatal) {
    return (
      <div className="splash error" role="alert">
        {t(fatal)}
      </div>
    );
  }
  return (
    <div className={`app-frame ${mode ? `frame-${mode}` : ''}`}>
      {link === 'reconnecting' && (
        <div className="banner banner-warn" role="alert" data-testid="bridge-banner">
          {t('app.bridgeDown')}
        </div>
      )}
      {ready ? <Workspace /> : <div className="splash">{t('app.loading')}</div>}
      <StatusBar />
    </div>
  );
}
