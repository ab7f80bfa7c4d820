/**
 * The dockview workspace: panels can be added from the panel menu, closed, split, tabbed and (in
 * the desktop app) popped out into windows of their own; the layout is saved on every change and
 * restored on load, with a reset to the window's default arrangement. The main window keeps its
 * layout in the host's settings (layouts.main); pop-outs and watchlist windows in the window set.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DockviewReact,
  themeDark,
  themeLight,
  type DockviewApi,
  type DockviewReadyEvent,
  type IDockviewHeaderActionsProps,
} from 'dockview-react';
import type { WindowInit } from '../../../shared/contract';
import { getBridge } from '../bridge';
import { translate, useT } from '../i18n';
import type { Locale } from '../i18n/messages';
import { describeError } from '../lib/errors';
import { usePrefs } from '../stores/prefs';
import { updateSettings, useSettings } from '../stores/settings';
import { focusOrder } from '../stores/order-focus';
import { toast } from '../stores/toasts';
import { useWindow } from '../stores/window';
import { getDockApi, setDockApi } from './dock';
import { PANEL_KINDS, panelComponents } from './registry';

export const LAYOUT_KEY = 'main';

function title(locale: Locale, kind: string): string {
  return translate(locale, PANEL_KINDS[kind]!.titleKey);
}

/** Watchlist left; quote above the ladder; chart in the middle; ticket right; orders/balance below. */
export function applyDefaultLayout(api: DockviewApi, locale: Locale): void {
  api.clear();
  const linked = { link: 'green' };
  api.addPanel({
    id: 'watchlist',
    component: 'watchlist',
    title: title(locale, 'watchlist'),
    params: linked,
  });
  api.addPanel({
    id: 'chart',
    component: 'chart',
    title: title(locale, 'chart'),
    params: linked,
    position: { referencePanel: 'watchlist', direction: 'right' },
  });
  api.addPanel({
    id: 'ladder',
    component: 'ladder',
    title: title(locale, 'ladder'),
    params: linked,
    position: { referencePanel: 'chart', direction: 'right' },
  });
  api.addPanel({
    id: 'ticket',
    component: 'ticket',
    title: title(locale, 'ticket'),
    params: linked,
    position: { referencePanel: 'ladder', direction: 'right' },
  });
  api.addPanel({
    id: 'quote',
    component: 'quote',
    title: title(locale, 'quote'),
    params: linked,
    position: { referencePanel: 'ticket', direction: 'below' },
  });
  api.addPanel({
    id: 'orders',
    component: 'orders',
    title: title(locale, 'orders'),
    position: { referencePanel: 'chart', direction: 'below' },
  });
  api.addPanel({
    id: 'balance',
    component: 'balance',
    title: title(locale, 'balance'),
    position: { referencePanel: 'orders', direction: 'within' },
    inactive: true,
  });
  api.addPanel({
    id: 'settings',
    component: 'settings',
    title: title(locale, 'settings'),
    position: { referencePanel: 'orders', direction: 'within' },
    inactive: true,
  });
  api.addPanel({
    id: 'session',
    component: 'session',
    title: title(locale, 'session'),
    position: { referencePanel: 'orders', direction: 'within' },
    inactive: true,
  });
  try {
    api.getGroup(api.getPanel('watchlist')!.group.id)?.api.setSize({ width: 560 });
    api.getGroup(api.getPanel('ladder')!.group.id)?.api.setSize({ width: 340 });
    api.getGroup(api.getPanel('ticket')!.group.id)?.api.setSize({ width: 300, height: 430 });
    api.getGroup(api.getPanel('orders')!.group.id)?.api.setSize({ height: 260 });
  } catch {
    // Sizes are a nicety; the layout works without them.
  }
}

function nextPanelId(api: DockviewApi, kind: string): string {
  if (!api.getPanel(kind)) return kind;
  let n = 2;
  while (api.getPanel(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/** Where a window's layout is kept. */
export interface LayoutStore {
  load(): unknown;
  save(layout: unknown): Promise<unknown>;
}

/** The main window: the host's settings, shared with the web tabs of the same host. */
export const mainLayoutStore: LayoutStore = {
  load: () => useSettings.getState().settings?.layouts[LAYOUT_KEY],
  save: (json) =>
    updateSettings({ layouts: { ...(useSettings.getState().settings?.layouts ?? {}), [LAYOUT_KEY]: json } }),
};

/** A pop-out or watchlist window: its entry in the desktop app's window set. */
export function windowLayoutStore(init: WindowInit): LayoutStore {
  return {
    load: () => init.layout,
    save: (layout) => getBridge().api.windows.saveLayout({ layout }),
  };
}

export type DefaultLayout = (api: DockviewApi, locale: Locale) => void;

function paramsOf(state: unknown): Record<string, unknown> {
  return state && typeof state === 'object' && !Array.isArray(state) ? { ...(state as object) } : {};
}

/** A pop-out: the one panel it was opened with, with the state handed over. */
export function popOutLayout(init: WindowInit): DefaultLayout {
  return (api, locale) => {
    api.clear();
    const kind = init.panel && PANEL_KINDS[init.panel] ? init.panel : 'watchlist';
    api.addPanel({ id: kind, component: kind, title: title(locale, kind), params: paramsOf(init.state) });
  };
}

/** A watchlist window: one watchlist (the group it was opened for), linked green. */
export function watchlistWindowLayout(init: WindowInit): DefaultLayout {
  return (api, locale) => {
    api.clear();
    const { watchlistId } = paramsOf(init.state);
    api.addPanel({
      id: 'watchlist',
      component: 'watchlist',
      title: title(locale, 'watchlist'),
      params: { link: 'green', ...(typeof watchlistId === 'string' ? { group: watchlistId } : {}) },
    });
  };
}

/** The active panel's kind, state and title, as a pop-out or a dock-back hands them over. */
function handOver(panel: NonNullable<IDockviewHeaderActionsProps['activePanel']>) {
  return { panel: panel.api.component, state: panel.params ?? {}, title: panel.title ?? panel.api.component };
}

/** A pop-out's way home: closes this window and puts its panel back into the main window. */
export function DockBackButton() {
  const t = useT();
  return (
    <button
      type="button"
      className="tb-button"
      data-testid="dock-back"
      title={t('win.dockBack')}
      onClick={() => {
        const panel = getDockApi()?.panels[0];
        getBridge()
          .api.windows.dockBack({ state: panel?.params ?? {} })
          .catch((e: unknown) => toast({ kind: 'error', title: t('win.failed'), body: describeError(e) }));
      }}
    >
      ⇲ {t('win.dockBack')}
    </button>
  );
}

/** In every tab group's header: pop the active panel out into its own window (desktop only). */
function GroupActions({ activePanel }: IDockviewHeaderActionsProps) {
  const t = useT();
  const init = useWindow((s) => s.init);
  if (!activePanel || !init || init.kind === 'popout') return null;
  const desktop = init.desktop;
  return (
    <div className="group-actions">
      <button
        type="button"
        className="icon-btn"
        disabled={!desktop}
        aria-disabled={!desktop}
        title={desktop ? t('win.popOut') : t('win.needsApp')}
        aria-label={t('win.popOut')}
        data-testid="panel-popout"
        onClick={() => {
          const h = handOver(activePanel);
          getBridge()
            .api.windows.popOut({ panel: h.panel, state: h.state, title: h.title.slice(0, 80) })
            .then(() => activePanel.api.close())
            .catch((e: unknown) => toast({ kind: 'error', title: t('win.failed'), body: describeError(e) }));
        }}
      >
        ⧉
      </button>
    </div>
  );
}

function PanelMenu({ onAdd }: { onAdd(kind: string): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="menu">
      <button
        type="button"
        className="tb-button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="panel-menu"
        onClick={() => setOpen((o) => !o)}
      >
        + {t('panel.add')}
      </button>
      {open && (
        <ul className="menu-list" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {Object.entries(PANEL_KINDS).map(([kind, k]) => (
            <li key={kind} role="none">
              <button
                type="button"
                role="menuitem"
                autoFocus={kind === 'watchlist'}
                data-testid={`add-panel-${kind}`}
                onClick={() => {
                  setOpen(false);
                  onAdd(kind);
                }}
              >
                {t(k.titleKey)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Workspace({
  extraTools,
  store = mainLayoutStore,
  defaults = applyDefaultLayout,
}: {
  extraTools?: React.ReactNode;
  store?: LayoutStore;
  defaults?: DefaultLayout;
}) {
  const t = useT();
  const init = useWindow((s) => s.init);
  const theme = usePrefs((s) => s.theme);
  const locale = usePrefs((s) => s.locale);
  const apiRef = useRef<DockviewApi | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const onReady = useCallback(
    (event: DockviewReadyEvent) => {
      apiRef.current = event.api;
      setDockApi(event.api);
      const saved = store.load();
      let restored = false;
      if (saved && typeof saved === 'object') {
        try {
          event.api.fromJSON(saved as Parameters<DockviewApi['fromJSON']>[0]);
          restored = event.api.panels.length > 0;
        } catch {
          restored = false;
        }
      }
      if (!restored) defaults(event.api, locale);
      // Only a layout that differs from what is on the host is saved: dockview also reports
      // "changes" while it settles after loading, and saving those could overwrite a layout
      // another window (or the page before a reload) saved a moment earlier.
      let lastSaved = JSON.stringify(event.api.toJSON());
      const save = () => {
        clearTimeout(saveTimer.current);
        saveTimer.current = undefined;
        const json = event.api.toJSON();
        const text = JSON.stringify(json);
        if (text === lastSaved) return;
        lastSaved = text;
        store
          .save(json)
          .catch((e: unknown) => toast({ kind: 'error', title: t('layout.reset'), body: describeError(e) }));
      };
      event.api.onDidLayoutChange(() => {
        clearTimeout(saveTimer.current);
        saveTimer.current = setTimeout(save, 300);
      });
      // A reload or a closing window must not lose a change still waiting for its debounce.
      window.addEventListener('pagehide', () => {
        if (saveTimer.current !== undefined) save();
      });
    },
    // The layout is read once; later locale changes retitle panels below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  useEffect(() => () => setDockApi(null), []);

  // Desktop window events: a clicked notification shows its order here; the main window also
  // takes back what a pop-out docks back, with the state it handed over.
  useEffect(() => {
    if (!init || !init.desktop) return;
    return getBridge().api.windows.events(undefined, (events) => {
      const api = apiRef.current;
      if (!api) return;
      for (const e of events) {
        if (e.type === 'focusOrder') focusOrder(e.orderNo, e.fill ? 'exec' : 'open');
        if (e.type !== 'dockBack' || init.kind !== 'main' || !PANEL_KINDS[e.panel]) continue;
        api.addPanel({
          id: nextPanelId(api, e.panel),
          component: e.panel,
          title: title(usePrefs.getState().locale, e.panel),
          params: paramsOf(e.state),
          ...(api.activePanel
            ? { position: { referencePanel: api.activePanel.id, direction: 'within' as const } }
            : {}),
        });
      }
    });
  }, [init]);

  useEffect(() => {
    const api = apiRef.current;
    if (!api) return;
    for (const panel of api.panels) {
      const kind = PANEL_KINDS[panel.api.component];
      if (kind) panel.api.setTitle(translate(locale, kind.titleKey));
    }
  }, [locale]);

  const add = (kind: string) => {
    const api = apiRef.current;
    if (!api) return;
    const k = PANEL_KINDS[kind]!;
    api.addPanel({
      id: nextPanelId(api, kind),
      component: kind,
      title: translate(locale, k.titleKey),
      ...(k.linkable ? { params: { link: 'green' } } : {}),
      ...(api.activePanel
        ? { position: { referencePanel: api.activePanel.id, direction: 'within' as const } }
        : {}),
    });
  };

  return (
    <div className="workspace">
      <div className="workspace-toolbar" role="toolbar" aria-label="workspace">
        <PanelMenu onAdd={add} />
        <button
          type="button"
          className="tb-button"
          data-testid="layout-reset"
          onClick={() => apiRef.current && defaults(apiRef.current, locale)}
        >
          {t('layout.reset')}
        </button>
        {init?.kind === 'main' && (
          <button
            type="button"
            className="tb-button"
            data-testid="new-watchlist-window"
            disabled={!init.desktop}
            aria-disabled={!init.desktop}
            title={init.desktop ? t('win.newWatchlist') : t('win.needsApp')}
            onClick={() =>
              void getBridge()
                .api.windows.newWatchlist({})
                .catch((e: unknown) =>
                  toast({ kind: 'error', title: t('win.failed'), body: describeError(e) }),
                )
            }
          >
            ⊞ {t('win.newWatchlist')}
          </button>
        )}
        <span className="sb-spacer" />
        {extraTools}
      </div>
      <DockviewReact
        className="dockview-host"
        components={panelComponents}
        onReady={onReady}
        rightHeaderActionsComponent={GroupActions}
        theme={theme === 'dark' ? themeDark : themeLight}
      />
    </div>
  );
}
