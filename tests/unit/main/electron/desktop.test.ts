import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderNotice } from '../../../../src/shared/domain/market';
import { Emitter } from '../../../../src/shared/lifecycle';

const fx = vi.hoisted(() => {
  const notes: Array<{
    opts: { title: string; body: string };
    handlers: Map<string, () => void>;
    show: () => void;
  }> = [];
  class Notification {
    static isSupported = () => true;
    readonly handlers = new Map<string, () => void>();
    readonly show = vi.fn();
    constructor(readonly opts: { title: string; body: string }) {
      notes.push(this);
    }
    on(e: string, h: () => void) {
      this.handlers.set(e, h);
      return this;
    }
  }
  return {
    notes,
    Notification,
    setBadgeCount: vi.fn(),
    setApplicationMenu: vi.fn(),
    buildFromTemplate: vi.fn((t: unknown) => ({ template: t, popup: vi.fn() })),
    openExternal: vi.fn(),
  };
});

vi.mock('electron', () => ({
  app: { setBadgeCount: fx.setBadgeCount, isPackaged: true },
  Menu: { setApplicationMenu: fx.setApplicationMenu, buildFromTemplate: fx.buildFromTemplate },
  Notification: fx.Notification,
  shell: { openExternal: fx.openExternal },
}));

const { appMenuTemplate, contextMenuTemplate, FillAlerts, KILL_SWITCH_ACCELERATOR, noticeText } =
  await import('../../../../src/main/electron/desktop');

type Item = {
  id?: string;
  label?: string;
  accelerator?: string;
  role?: string;
  submenu?: Item[];
  click?: () => void;
};
const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

const actions = () => ({ newWatchlist: vi.fn(), killSwitch: vi.fn(), focusMain: vi.fn() });

beforeEach(() => {
  fx.notes.length = 0;
  fx.setBadgeCount.mockReset();
});

describe('application menu', () => {
  it('has ko and en labels and a kill-switch accelerator wired to the order service', () => {
    const a = actions();
    const ko = flat(appMenuTemplate('ko', a, { platform: 'win32', packaged: true }) as Item[]);
    const en = flat(appMenuTemplate('en', a, { platform: 'win32', packaged: true }) as Item[]);
    expect(ko.map((i) => i.label)).toContain('매매');
    expect(en.map((i) => i.label)).toContain('Trading');
    const kill = ko.find((i) => i.id === 'kill-switch')!;
    expect(kill.accelerator).toBe(KILL_SWITCH_ACCELERATOR);
    kill.click!();
    expect(a.killSwitch).toHaveBeenCalledTimes(1);
    en.find((i) => i.id === 'new-watchlist')!.click!();
    expect(a.newWatchlist).toHaveBeenCalledTimes(1);
    // No developer tools in a packaged build; the app menu role only on macOS.
    expect(en.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(
      flat(appMenuTemplate('en', a, { platform: 'darwin', packaged: false }) as Item[]).map((i) => i.role),
    ).toEqual(expect.arrayContaining(['appMenu', 'toggleDevTools']));
  });

  it('builds context menus for fields, selections and https links only', () => {
    expect(
      contextMenuTemplate('ko', { isEditable: true, selectionText: '', linkURL: '' }).map((i) => i.role),
    ).toEqual(['cut', 'copy', 'paste', undefined, 'selectAll']);
    expect(contextMenuTemplate('en', { isEditable: false, selectionText: '005930', linkURL: '' })).toEqual([
      { label: 'Copy', role: 'copy' },
    ]);
    expect(contextMenuTemplate('en', { isEditable: false, selectionText: '', linkURL: '' })).toEqual([]);
    expect(
      contextMenuTemplate('en', { isEditable: false, selectionText: '', linkURL: 'file:///etc/passwd' }),
    ).toEqual([]);
    const link = contextMenuTemplate('en', {
      isEditable: false,
      selectionText: '',
      linkURL: 'https://apiportal.koreainvestment.com',
    });
    link[0]!.click!({} as never, undefined, {} as never);
    expect(fx.openExternal).toHaveBeenCalledWith('https://apiportal.koreainvestment.com');
  });
});

const fill: OrderNotice = {
  kind: 'fill',
  orderNo: '1',
  code: '005930',
  side: 'buy',
  qty: 10,
  price: 71000,
  time: '093001',
  name: '삼성전자',
};

describe('fill alerts', () => {
  function setup(focused = false) {
    const notices = new Emitter<OrderNotice>();
    const shown: Array<[unknown, string]> = [];
    const win = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
      flashFrame: vi.fn(),
    };
    const alerts = new FillAlerts({
      onNotice: notices.event,
      locale: () => 'ko',
      target: () => win as never,
      appFocused: () => focused,
      showOrder: (w, n) => shown.push([w, n.orderNo]),
    });
    return { notices, win, alerts, shown };
  }

  it('notifies fills and rejects, counts unread fills on the badge, and a click shows the order', () => {
    const { notices, win, alerts, shown } = setup();
    notices.fire(fill);
    notices.fire({ ...fill, kind: 'rejected', orderNo: '2' });
    notices.fire({ ...fill, kind: 'accepted', orderNo: '3' });
    expect(fx.notes.map((n) => n.opts.title)).toEqual(['Observer — 체결', 'Observer — 주문 거부']);
    expect(fx.notes[0]!.opts.body).toBe('삼성전자 (005930) 매수 10주 @ 71,000원');
    expect(fx.notes[0]!.show).toHaveBeenCalled();
    expect(alerts.unreadCount).toBe(1);
    expect(fx.setBadgeCount).toHaveBeenLastCalledWith(1);
    fx.notes[0]!.handlers.get('click')!();
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(shown).toEqual([[win, fill.orderNo]]);
    expect(alerts.unreadCount).toBe(0);
    expect(fx.setBadgeCount).toHaveBeenLastCalledWith(0);
    alerts.dispose();
    notices.fire(fill);
    expect(fx.notes).toHaveLength(2);
  });

  it('does not count fills the trader is looking at', () => {
    const { notices, alerts } = setup(true);
    notices.fire(fill);
    expect(alerts.unreadCount).toBe(0);
    expect(fx.setBadgeCount).not.toHaveBeenCalled();
  });

  it('writes English notices', () => {
    expect(noticeText({ ...fill, side: 'sell' }, 'en')).toEqual({
      title: 'Observer — Filled',
      body: 'Sell 10 sh 삼성전자 (005930) @ 71,000 KRW',
    });
  });
});
