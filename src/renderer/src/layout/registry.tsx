/** Every panel kind the workspace can host, with its title key. Later panels register here. */
import type { FunctionComponent } from 'react';
import type { IDockviewPanelProps } from 'dockview-react';
import type { MessageKey } from '../i18n';
import { SessionPanel } from '../panels/SessionPanel';

export interface PanelKind {
  titleKey: MessageKey;
  component: FunctionComponent<IDockviewPanelProps>;
}

export const PANEL_KINDS: Record<string, PanelKind> = {
  session: { titleKey: 'panel.session', component: () => <SessionPanel /> },
};

export const panelComponents: Record<string, FunctionComponent<IDockviewPanelProps>> = Object.fromEntries(
  Object.entries(PANEL_KINDS).map(([id, kind]) => [id, kind.component]),
);
