/**
 * The window's keymap: one keydown listener, chords looked up in settings.keymap. Instant hotkey
 * orders (buy at best ask / sell at best bid) only act while trading is ARMED; pressed while
 * disarmed they do nothing but flash a "disarmed" hint.
 */
import { useEffect } from 'react';
import { translate } from '../i18n';
import { buildLookup, chordOfEvent, isTypingChord } from '../lib/keymap';
import { bestPrices } from '../lib/ladder';
import { isLinkChoice, nextLink, symbolFor, withLink } from '../lib/link';
import { getDockApi } from '../layout/dock';
import { useFocusSymbol, useLinks } from '../stores/link';
import { useMarket } from '../stores/market';
import { usePrefs } from '../stores/prefs';
import { useSettings } from '../stores/settings';
import { useTicketBus } from '../stores/ticket';
import { toast } from '../stores/toasts';
import { useTrading } from '../stores/trading';
import { cancelAll, killSwitch, placeOrder } from '../trading/actions';

function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit'].includes(type);
  }
  return (el as HTMLElement).isContentEditable;
}

/** The symbol hotkeys act on: the active panel's, else the last one chosen anywhere. */
export function activeSymbol(): string | undefined {
  const panel = getDockApi()?.activePanel;
  const params = (panel?.params ?? {}) as { link?: unknown; code?: unknown };
  const groups = useLinks.getState().groups;
  if (panel) {
    const link = isLinkChoice(params.link) ? params.link : 'none';
    const own = typeof params.code === 'string' ? params.code : undefined;
    const code = symbolFor(link, own, groups);
    if (code) return code;
  }
  return useFocusSymbol.getState().code ?? groups.green;
}

function hotkeyOrder(side: 'buy' | 'sell'): void {
  const trading = useTrading.getState();
  if (!trading.armed) {
    useTrading.setState({ disarmedHintAt: Date.now() });
    return;
  }
  const code = activeSymbol();
  if (!code) return;
  const m = useMarket.getState();
  const best = bestPrices(m.books[code]);
  const q = m.quotes[code];
  const price = side === 'buy' ? (best.ask ?? q?.askPrice) : (best.bid ?? q?.bidPrice);
  const locale = usePrefs.getState().locale;
  if (!price) {
    toast({ kind: 'error', title: translate(locale, 'nt.rejected'), body: translate(locale, 'common.na') });
    return;
  }
  const qty = useSettings.getState().settings?.preferences.hotkeyQty ?? 1;
  void placeOrder({ code, side, qty, price, type: 'limit' }, 'hotkey');
}

function run(action: string): boolean {
  const dock = getDockApi();
  switch (action) {
    case 'ticket.buy':
    case 'ticket.sell':
      dock?.getPanel('ticket')?.api.setActive();
      useTicketBus.getState().send({ side: action === 'ticket.buy' ? 'buy' : 'sell' });
      return true;
    case 'orders.cancelAll':
      void cancelAll();
      return true;
    case 'search.focus': {
      const el = document.querySelector<HTMLInputElement>('[data-testid="symbol-search"]');
      el?.focus();
      el?.select();
      return true;
    }
    case 'link.cycle': {
      const panel = dock?.activePanel;
      if (!panel) return false;
      const params = (panel.params ?? {}) as Record<string, unknown>;
      const cur = isLinkChoice(params.link) ? params.link : 'none';
      panel.api.updateParameters(withLink(params, nextLink(cur), useLinks.getState().groups));
      return true;
    }
    case 'panel.next':
      dock?.moveToNext({ includePanel: true });
      return true;
    case 'trading.arm':
      useTrading.getState().setArmed(true);
      return true;
    case 'trading.disarm':
      if (!useTrading.getState().armed) return false;
      useTrading.getState().setArmed(false);
      return true;
    case 'hotkey.buyAtAsk':
      hotkeyOrder('buy');
      return true;
    case 'hotkey.sellAtBid':
      hotkeyOrder('sell');
      return true;
    case 'killSwitch':
      useTrading.getState().setArmed(false);
      void killSwitch();
      return true;
    default:
      return false;
  }
}

export function useHotkeys(): void {
  const keymap = useSettings((s) => s.settings?.keymap);
  useEffect(() => {
    if (!keymap) return;
    const lookup = buildLookup(keymap);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = document.activeElement;
      // The keymap editor records chords; a dialog owns its own keys.
      if (target instanceof HTMLElement && target.dataset.hotkeyCapture) return;
      if (document.querySelector('[data-testid="confirm-dialog"]')) return;
      const chord = chordOfEvent(e);
      if (!chord) return;
      const action = lookup.get(chord);
      if (!action) return;
      if (action === 'ticket.submit') {
        // Plain Enter submits the ticket form natively; a rebound chord does it here.
        const form = target?.closest<HTMLFormElement>('form[data-testid="ticket"]');
        if (form && chord !== 'Enter') {
          e.preventDefault();
          form.requestSubmit();
        }
        return;
      }
      // Letters typed into a field are text, not orders.
      if (isTextField(target) && isTypingChord(chord)) return;
      if (action === 'trading.disarm' && isTextField(target) && !useTrading.getState().armed) return;
      if (run(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keymap]);
}
