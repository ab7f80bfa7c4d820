/** Every panel kind the workspace can host, with its title key. */
import type { FunctionComponent } from 'react';
import type { IDockviewPanelProps } from 'dockview-react';
import type { MessageKey } from '../i18n';
import { BalancePanel } from '../panels/BalancePanel';
import { ChartPanel } from '../panels/ChartPanel';
import { CredentialsPanel } from '../panels/CredentialsPanel';
import type { PanelParams } from '../panels/frame';
import { JournalPanel } from '../panels/JournalPanel';
import { LadderPanel } from '../panels/LadderPanel';
import { OrdersPanel } from '../panels/OrdersPanel';
import { QuotePanel } from '../panels/QuotePanel';
import { SessionPanel } from '../panels/SessionPanel';
import { SettingsPanel } from '../panels/SettingsPanel';
import { TicketPanel } from '../panels/TicketPanel';
import { WatchlistPanel } from '../panels/WatchlistPanel';

export interface PanelKind {
  titleKey: MessageKey;
  component: FunctionComponent<IDockviewPanelProps<PanelParams>>;
  /** Follows a symbol (gets a link colour). */
  linkable: boolean;
}

export const PANEL_KINDS: Record<string, PanelKind> = {
  watchlist: { titleKey: 'panel.watchlist', component: WatchlistPanel, linkable: true },
  quote: { titleKey: 'panel.quote', component: QuotePanel, linkable: true },
  ladder: { titleKey: 'panel.ladder', component: LadderPanel, linkable: true },
  chart: { titleKey: 'panel.chart', component: ChartPanel, linkable: true },
  ticket: { titleKey: 'panel.ticket', component: TicketPanel, linkable: true },
  orders: { titleKey: 'panel.orders', component: OrdersPanel, linkable: false },
  balance: { titleKey: 'panel.balance', component: BalancePanel, linkable: false },
  settings: { titleKey: 'panel.settings', component: SettingsPanel, linkable: false },
  journal: { titleKey: 'panel.journal', component: JournalPanel, linkable: false },
  session: { titleKey: 'panel.session', component: () => <SessionPanel />, linkable: false },
  accounts: { titleKey: 'panel.accounts', component: CredentialsPanel, linkable: false },
};

export const panelComponents = Object.fromEntries(
  Object.entries(PANEL_KINDS).map(([id, kind]) => [id, kind.component]),
) as Record<string, FunctionComponent<IDockviewPanelProps>>;
