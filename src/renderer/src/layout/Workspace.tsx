/**
 * The dockview workspace: panels can be added, closed, split and tabbed; the layout is saved on
 * every change and restored on load, with a reset to the default arrangement.
 */
import { useCallback, useEffect, useRef } from 'react';
import {
  DockviewReact,
  themeDark,
  themeLight,
  type DockviewApi,
  type DockviewReadyEvent,
} from 'dockview-react';
import { translate, useT } from '../i18n';
import { usePrefs } from '../stores/prefs';
import { PANEL_KINDS, panelComponents } from './registry';

const LAYOUT_KEY = 'observer.layout.v1';

function applyDefaultLayout(api: DockviewApi, locale: 'ko' | 'en'): void {
  api.clear();
  api.addPanel({
    id: 'session',
    component: 'session',
    title: translate(locale, PANEL_KINDS.session!.titleKey),
  });
}

export function Workspace() {
  const t = useT();
  const theme = usePrefs((s) => s.theme);
  const locale = usePrefs((s) => s.locale);
  const apiRef = useRef<DockviewApi | null>(null);

  const onReady = useCallback(
    (event: DockviewReadyEvent) => {
      apiRef.current = event.api;
      const saved = localStorage.getItem(LAYOUT_KEY);
      let restored = false;
      if (saved) {
        try {
          event.api.fromJSON(JSON.parse(saved));
          restored = event.api.panels.length > 0;
        } catch {
          localStorage.removeItem(LAYOUT_KEY);
        }
      }
      if (!restored) applyDefaultLayout(event.api, locale);
      event.api.onDidLayoutChange(() => {
        localStorage.setItem(LAYOUT_KEY, JSON.stringify(event.api.toJSON()));
      });
    },
    // The layout is read once; later locale changes retitle panels below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    for (const panel of api.panels) {
      const kind = PANEL_KINDS[panel.api.component];
      if (kind) panel.api.setTitle(translate(locale, kind.titleKey));
    }
  }, [locale]);

  return (
    <div className="workspace">
      <div className="workspace-toolbar" role="toolbar" aria-label="workspace">
        <button
          type="button"
          className="tb-button"
          data-testid="layout-reset"
          onClick={() => apiRef.current && applyDefaultLayout(apiRef.current, locale)}
        >
          {t('layout.reset')}
        </button>
      </div>
      <DockviewReact
        className="dockview-host"
        components={panelComponents}
        onReady={onReady}
        theme={theme === 'dark' ? themeDark : themeLight}
      />
    </div>
  );
}
