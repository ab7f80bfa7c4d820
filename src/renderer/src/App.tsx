import { useEffect, useMemo } from 'react';
import type { WindowInit } from '../../shared/contract';
import type { OrderNotice } from '../../shared/domain/market';
import { getBridge } from './bridge';
import { useHotkeys } from './hotkeys/useHotkeys';
import { translate, useT } from './i18n';
import { describeError } from './lib/errors';
import { formatWon } from './lib/format';
import {
  DockBackButton,
  popOutLayout,
  watchlistWindowLayout,
  windowLayoutStore,
  Workspace,
} from './layout/Workspace';
import { useApp } from './stores/app';
import { loadLinks, useLinks, watchLinks } from './stores/link';
import { useMarket, watchFeeds } from './stores/market';
import { usePrefs } from './stores/prefs';
import { watchSafety } from './stores/safety';
import { loadSettings, useSettings, watchSettings } from './stores/settings';
import { beep, toast } from './stores/toasts';
import { useWindow, windowReady } from './stores/window';
import { watchTrading } from './stores/trading';
import { ConfirmDialog, Toasts } from './ui/Overlays';
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
    const load = () => {
      // The handshake first: who this window is and what it was handed, before panels subscribe.
      windowReady().catch(() => {
        // Not connected yet: retried on the link's next 'open'.
      });
      api.app
        .info()
        .then((info) => !cancelled && setInfo(info))
        .catch(() => {
          // Not connected yet: the link's next 'open' retries.
        });
      loadSettings().catch((e: unknown) => useSettings.setState({ error: describeError(e) }));
      loadLinks().catch(() => {
        // Not connected yet: retried on the link's next 'open'.
      });
    };
    load();
    const offOpen = link?.onState((s) => s === 'open' && load());
    // Feed states arrive only as they change (no snapshot on subscribe), so this stream opens
    // before any panel subscribes to a symbol.
    const offFeeds = watchFeeds();
    const dispose = api.app.status({}, (events) => {
      const last = events[events.length - 1];
      if (last) setStatus(last);
    });
    return () => {
      cancelled = true;
      dispose();
      offFeeds();
      offLink?.();
      offOpen?.();
    };
  }, [setInfo, setStatus, setLink, setFatal]);
}

function noticeToast(n: OrderNotice): void {
  const locale = usePrefs.getState().locale;
  const tr = (k: Parameters<typeof translate>[1]) => translate(locale, k);
  const name = n.name ?? useMarket.getState().names[n.code] ?? '';
  const sideText = tr(n.side === 'buy' ? 'tk.buy' : 'tk.sell');
  const body = `${n.code} ${name} · ${sideText} ${formatWon(n.qty)} @ ${formatWon(n.price)} · #${n.orderNo}`;
  const sounds = useSettings.getState().settings?.preferences.sounds;
  if (n.kind === 'fill') {
    toast({ kind: 'fill', side: n.side, title: `${tr('nt.fill')} · ${sideText}`, body, orderNo: n.orderNo });
    if (sounds) beep('fill');
  } else if (n.kind === 'rejected') {
    toast({
      kind: 'reject',
      side: n.side,
      title: `${tr('nt.rejected')} · ${sideText}`,
      body,
      orderNo: n.orderNo,
    });
    if (sounds) beep('reject');
  }
}

/** Streams every panel relies on: orders, balance, notices, feed states, settings changes. */
function useSessionStreams(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const offTrading = watchTrading((ns) => ns.forEach(noticeToast));
    const offSettings = watchSettings();
    const offLinks = watchLinks();
    const offSafety = watchSafety();
    return () => {
      offLinks();
      offSafety();
      offTrading();
      offSettings();
    };
  }, [enabled]);
}

/** The main window's workspace, a pop-out's single panel, or a watchlist window. */
function WindowBody({ init }: { init: WindowInit }) {
  const props = useMemo(() => {
    if (init.kind === 'popout')
      return { store: windowLayoutStore(init), defaults: popOutLayout(init), extraTools: <DockBackButton /> };
    if (init.kind === 'watchlist')
      return { store: windowLayoutStore(init), defaults: watchlistWindowLayout(init) };
    return {};
  }, [init]);
  return <Workspace {...props} />;
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
  const settings = useSettings((s) => s.settings);
  const settingsError = useSettings((s) => s.error);
  const convention = settings?.preferences.colorConvention ?? 'korean';
  const linksLoaded = useLinks((s) => s.loaded);
  const init = useWindow((s) => s.init);
  const ready = info !== null && status !== null && settings !== null && linksLoaded && init !== null;
  const mode = status?.mode ?? info?.mode;
  useSessionStreams(ready);
  useHotkeys();

  // The host's preferences are the truth for every window; the local copy only paints the first
  // frame before they arrive. A theme or language chosen in one window reaches the others here.
  const hostTheme = settings?.preferences.theme;
  const hostLocale = settings?.preferences.locale;
  useEffect(() => {
    if (hostTheme && hostTheme !== usePrefs.getState().theme) usePrefs.getState().setTheme(hostTheme);
  }, [hostTheme]);
  useEffect(() => {
    if (hostLocale && hostLocale !== usePrefs.getState().locale) usePrefs.getState().setLocale(hostLocale);
  }, [hostLocale]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.convention = convention;
    document.documentElement.lang = locale;
  }, [theme, locale, convention]);

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
      {ready && init ? (
        <WindowBody init={init} />
      ) : (
        <div className="splash">
          {settingsError ? <span className="error-text">{settingsError}</span> : t('app.loading')}
        </div>
      )}
      <StatusBar />
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}
