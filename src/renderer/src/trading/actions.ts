/**
 * Every order path (ticket, ladder, hotkey) goes through here: confirmation when the preference
 * says so and ALWAYS in REAL mode, then the host, then a toast that says what happened.
 */
import type { ObserverApi } from '../../../shared/contract';
import type { OrderRecord } from '../../../shared/domain/market';
import { isPricedOrderType, type OrderTicket } from '../../../shared/domain/orders';
import { getBridge } from '../bridge';
import { translate, type MessageKey } from '../i18n';
import { describeError } from '../lib/errors';
import { formatWon } from '../lib/format';
import { remainingOf } from '../lib/ladder';
import { useApp } from '../stores/app';
import { confirmAction } from '../stores/confirm';
import { useMarket } from '../stores/market';
import { usePrefs } from '../stores/prefs';
import { useSettings } from '../stores/settings';
import { toast } from '../stores/toasts';

type OrderSource = Parameters<ObserverApi['orders']['place']>[0]['source'];
import { refreshOrders } from '../stores/trading';

const tr = (key: MessageKey, vars?: Record<string, string | number>) =>
  translate(usePrefs.getState().locale, key, vars);

function isReal(): boolean {
  const s = useApp.getState();
  return (s.status?.mode ?? s.info?.mode) === 'real';
}

function wantsConfirm(source: OrderSource): boolean {
  if (isReal()) return true;
  if (source === 'hotkey') return false;
  return useSettings.getState().settings?.preferences.confirmOrders ?? true;
}

function nameOf(code: string): string {
  const m = useMarket.getState();
  return m.names[code] || m.quotes[code]?.name || '';
}

export async function placeOrder(ticket: OrderTicket, source: OrderSource): Promise<boolean> {
  const priced = isPricedOrderType(ticket.type);
  if (wantsConfirm(source)) {
    const lines: Array<[string, string]> = [
      [tr('tk.code'), `${ticket.code} ${nameOf(ticket.code)}`.trim()],
      [tr('tk.type'), tr(`ot.${ticket.type}` as MessageKey)],
      [tr('tk.qty'), formatWon(ticket.qty)],
      [tr('tk.price'), priced ? `${formatWon(ticket.price ?? 0)}` : tr('tk.market')],
    ];
    if (priced) lines.push([tr('tk.amount'), formatWon((ticket.price ?? 0) * ticket.qty)]);
    if (isReal()) lines.push(['⚠', tr('cf.realWarning')]);
    const ok = await confirmAction({
      title: tr(ticket.side === 'buy' ? 'cf.title.buy' : 'cf.title.sell'),
      lines,
      side: ticket.side,
      danger: isReal(),
      okLabel: tr('cf.send'),
    });
    if (!ok) return false;
  }
  const clean: OrderTicket = priced
    ? ticket
    : { code: ticket.code, side: ticket.side, qty: ticket.qty, type: ticket.type };
  try {
    const place = getBridge().api.orders.place;
    let out = await place({ ticket: clean, source });
    if (out.outcome === 'needs-confirmation') {
      // The host's risk rules want an explicit yes for these decisions (and only these).
      const en = usePrefs.getState().locale === 'en';
      const ok = await confirmAction({
        title: tr('cf.title.risk'),
        lines: out.checks.map((c) => [tr(`risk.${c.tier}` as MessageKey), en ? c.messageEn : c.message]),
        side: ticket.side,
        danger: true,
        okLabel: tr('cf.sendAnyway'),
      });
      if (!ok) {
        toast({ kind: 'info', title: tr('nt.notSent'), body: en ? undefined : out.message });
        return false;
      }
      const confirm = out.checks.filter((c) => c.tier === 'confirm').map((c) => c.rule);
      out = await place({ ticket: clean, source, confirm });
    }
    const warnings = 'checks' in out && out.checks ? out.checks.filter((c) => c.tier === 'warn') : [];
    const warnText = warnings
      .map((c) => (usePrefs.getState().locale === 'en' ? c.messageEn : c.message))
      .join('\n');
    if (out.outcome === 'accepted') {
      toast({
        kind: 'ok',
        side: ticket.side,
        title: `${tr('nt.placed')} · ${tr(ticket.side === 'buy' ? 'tk.buy' : 'tk.sell')}`,
        body:
          `${ticket.code} ${nameOf(ticket.code)} ${formatWon(ticket.qty)} @ ${priced ? formatWon(ticket.price ?? 0) : tr('tk.market')} · #${out.orderNo}` +
          (warnText ? `\n⚠ ${warnText}` : ''),
      });
    } else if (out.outcome === 'rejected') {
      toast({
        kind: 'reject',
        side: ticket.side,
        title: tr('nt.rejected'),
        body: [out.msgCd ? `[${out.msgCd}]` : '', out.message, out.hint ?? ''].filter(Boolean).join(' '),
      });
    } else if (out.outcome === 'unknown') {
      toast({ kind: 'error', title: tr('nt.unknown'), body: out.message });
    } else {
      toast({ kind: 'reject', title: tr('nt.notSent'), body: out.message });
    }
    void refreshOrders();
    return out.outcome === 'accepted';
  } catch (e) {
    toast({ kind: 'error', title: tr('nt.rejected'), body: describeError(e) });
    return false;
  }
}

export async function cancelOrder(order: OrderRecord, askFirst = true): Promise<boolean> {
  if (askFirst && (isReal() || (useSettings.getState().settings?.preferences.confirmOrders ?? true))) {
    const ok = await confirmAction({
      title: tr('cf.title.cancel'),
      lines: [
        [tr('or.no'), order.orderNo],
        [tr('tk.code'), `${order.code} ${order.name ?? nameOf(order.code)}`.trim()],
        [tr('or.side'), tr(order.side === 'buy' ? 'tk.buy' : 'tk.sell')],
        [tr('or.remaining'), formatWon(remainingOf(order))],
        [tr('or.price'), formatWon(order.price)],
      ],
      side: order.side,
      danger: isReal(),
      okLabel: tr('cf.sendCancel'),
    });
    if (!ok) return false;
  }
  return changeOrder(() => getBridge().api.orders.cancel({ orderNo: order.orderNo }));
}

export async function modifyOrder(order: OrderRecord, price: number): Promise<boolean> {
  return changeOrder(() => getBridge().api.orders.modify({ orderNo: order.orderNo, price }));
}

/** Sends a modify or cancel, tells the trader what came of it, and refreshes the order list. */
async function changeOrder(
  send: () => Promise<{ outcome: string; message?: string; msgCd?: string }>,
): Promise<boolean> {
  try {
    const out = await send();
    if (out.outcome === 'rejected')
      toast({
        kind: 'reject',
        title: tr('nt.rejected'),
        body: `${out.msgCd ? `[${out.msgCd}] ` : ''}${out.message ?? ''}`,
      });
    else if (out.outcome === 'unknown')
      toast({ kind: 'error', title: tr('nt.unknown'), body: out.message ?? '' });
    void refreshOrders();
    return out.outcome === 'accepted';
  } catch (e) {
    toast({ kind: 'error', title: tr('nt.rejected'), body: describeError(e) });
    return false;
  }
}

/** Kill switch: the host cancels every open order and locks trading until unlocked. */
export async function killSwitch(reason: 'hotkey' | 'button' = 'hotkey'): Promise<void> {
  try {
    const r = await getBridge().api.safety.killSwitch({
      reason: reason === 'button' ? tr('safety.byButton') : reason,
    });
    toast({
      kind: 'error',
      title: tr('kill.done'),
      body: `${tr('or.cancelAll')}: ${r.cancel.cancelled}/${r.cancel.requested}${r.state.message ? `\n${r.state.message}` : ''}`,
    });
  } catch (e) {
    toast({ kind: 'error', title: tr('act.killSwitch'), body: describeError(e) });
  }
  void refreshOrders();
}

export async function unlockTrading(): Promise<void> {
  const ok = await confirmAction({
    title: tr('safety.unlockConfirm'),
    lines: [],
    danger: true,
    okLabel: tr('safety.unlock'),
  });
  if (!ok) return;
  try {
    await getBridge().api.safety.unlock();
  } catch (e) {
    toast({ kind: 'error', title: tr('safety.unlock'), body: describeError(e) });
  }
}

export async function cancelAll(askFirst = true): Promise<void> {
  if (askFirst) {
    const ok = await confirmAction({
      title: tr('cf.title.cancelAll'),
      lines: [],
      danger: true,
      okLabel: tr('or.cancelAll'),
    });
    if (!ok) return;
  }
  try {
    const r = await getBridge().api.orders.cancelAll({});
    toast({
      kind: r.failures.length ? 'error' : 'ok',
      title: `${tr('or.cancelAll')}: ${r.cancelled}/${r.requested}`,
      ...(r.failures.length ? { body: r.failures.map((f) => `#${f.orderNo} ${f.message}`).join('\n') } : {}),
    });
  } catch (e) {
    toast({ kind: 'error', title: tr('or.cancelAll'), body: describeError(e) });
  }
  void refreshOrders();
}
