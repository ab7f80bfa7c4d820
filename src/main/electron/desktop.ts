/**
 * Desktop integration: the application menu and context menus (ko/en), native notifications for
 * fills and rejects, the unread-fills badge, and the kill-switch accelerator. Everything here is
 * built from injected pieces so it is unit-tested with a mocked electron.
 */
import {
  app,
  Menu,
  Notification,
  shell,
  type BrowserWindow,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import type { OrderNotice } from '../../shared/domain/market';
import type { Disposable } from '../../shared/lifecycle';
import { isSafeExternalUrl } from './security';

export type Locale = 'ko' | 'en';

/** Works in every window of the app while it is focused; distinct from the in-page Ctrl+Shift+K. */
export const KILL_SWITCH_ACCELERATOR = 'CmdOrCtrl+Alt+K';

export const LABELS = {
  ko: {
    file: '파일',
    newWatchlist: '새 관심종목 창',
    closeWindow: '창 닫기',
    quit: '종료',
    edit: '편집',
    undo: '실행 취소',
    redo: '다시 실행',
    cut: '잘라내기',
    copy: '복사',
    paste: '붙여넣기',
    selectAll: '모두 선택',
    view: '보기',
    devTools: '개발자 도구',
    resetZoom: '실제 크기',
    zoomIn: '확대',
    zoomOut: '축소',
    fullscreen: '전체 화면',
    trading: '매매',
    killSwitch: '킬 스위치 (전량 취소 후 잠금)',
    window: '창',
    minimize: '최소화',
    focusMain: '메인 창으로',
    help: '도움말',
    kisPortal: 'KIS Developers 포털',
    fillTitle: '체결',
    rejectTitle: '주문 거부',
    buy: '매수',
    sell: '매도',
    shares: '주',
    won: '원',
  },
  en: {
    file: 'File',
    newWatchlist: 'New watchlist window',
    closeWindow: 'Close window',
    quit: 'Quit Observer',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    devTools: 'Developer tools',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullscreen: 'Full screen',
    trading: 'Trading',
    killSwitch: 'Kill switch (cancel all, then lock)',
    window: 'Window',
    minimize: 'Minimize',
    focusMain: 'Main window',
    help: 'Help',
    kisPortal: 'KIS Developers portal',
    fillTitle: 'Filled',
    rejectTitle: 'Order rejected',
    buy: 'Buy',
    sell: 'Sell',
    shares: 'sh',
    won: 'KRW',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export const KIS_PORTAL_URL = 'https://apiportal.koreainvestment.com';

export interface MenuActions {
  newWatchlist(): void;
  killSwitch(): void;
  focusMain(): void;
}

export function appMenuTemplate(
  locale: Locale,
  actions: MenuActions,
  opts: { platform: NodeJS.Platform; packaged: boolean },
): MenuItemConstructorOptions[] {
  const t = LABELS[locale];
  const mac = opts.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: t.file,
      submenu: [
        {
          id: 'new-watchlist',
          label: t.newWatchlist,
          accelerator: 'CmdOrCtrl+Shift+N',
          click: actions.newWatchlist,
        },
        { type: 'separator' },
        { label: t.closeWindow, role: 'close' },
        ...(mac ? [] : [{ type: 'separator' as const }, { label: t.quit, role: 'quit' as const }]),
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: t.view,
      submenu: [
        { label: t.resetZoom, role: 'resetZoom' },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        { type: 'separator' },
        { label: t.fullscreen, role: 'togglefullscreen' },
        ...(opts.packaged ? [] : [{ label: t.devTools, role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: t.trading,
      submenu: [
        {
          id: 'kill-switch',
          label: t.killSwitch,
          accelerator: KILL_SWITCH_ACCELERATOR,
          click: actions.killSwitch,
        },
      ],
    },
    {
      label: t.window,
      submenu: [
        { label: t.minimize, role: 'minimize' },
        { id: 'focus-main', label: t.focusMain, accelerator: 'CmdOrCtrl+0', click: actions.focusMain },
      ],
    },
    {
      label: t.help,
      submenu: [{ label: t.kisPortal, click: () => void shell.openExternal(KIS_PORTAL_URL) }],
    },
  );
  return template;
}

export function installAppMenu(locale: Locale, actions: MenuActions): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(locale, actions, { platform: process.platform, packaged: app.isPackaged }),
    ),
  );
}

/** The context menu for a right click: edit commands in fields, copy on a selection, links open outside. */
export function contextMenuTemplate(
  locale: Locale,
  params: { isEditable: boolean; selectionText: string; linkURL: string },
): MenuItemConstructorOptions[] {
  const t = LABELS[locale];
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable) {
    items.push(
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { type: 'separator' },
      { label: t.selectAll, role: 'selectAll' },
    );
  } else if (params.selectionText.trim()) {
    items.push({ label: t.copy, role: 'copy' });
  }
  if (params.linkURL && isSafeExternalUrl(params.linkURL)) {
    if (items.length) items.push({ type: 'separator' });
    items.push({ label: params.linkURL, click: () => void shell.openExternal(params.linkURL) });
  }
  return items;
}

export function attachContextMenu(contents: WebContents, locale: () => Locale): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(locale(), params);
    if (template.length) Menu.buildFromTemplate(template).popup();
  });
}

/** One line for a fill or a reject, e.g. "005930 매수 10주 @ 71,000원". */
export function noticeText(n: OrderNotice, locale: Locale): { title: string; body: string } {
  const t = LABELS[locale];
  const side = n.side === 'buy' ? t.buy : t.sell;
  const title = n.kind === 'fill' ? t.fillTitle : t.rejectTitle;
  const name = n.name ? `${n.name} (${n.code})` : n.code;
  const price = n.price.toLocaleString('ko-KR');
  const body =
    locale === 'ko'
      ? `${name} ${side} ${n.qty.toLocaleString('ko-KR')}${t.shares} @ ${price}${t.won}`
      : `${side} ${n.qty.toLocaleString('en-US')} ${t.shares} ${name} @ ${price} ${t.won}`;
  return { title: `Observer — ${title}`, body };
}

export interface FillAlertsOptions {
  onNotice: (listener: (n: OrderNotice) => void) => Disposable;
  locale: () => Locale;
  /** The window a click brings forward. */
  target: () => BrowserWindow | undefined;
  /** Whether any app window has focus (unread fills count only while none has). */
  appFocused: () => boolean;
  /** After a click has brought `win` forward: show the order there. */
  showOrder?: (win: BrowserWindow, n: OrderNotice) => void;
}

/**
 * Native notifications for fills and rejects, and the unread-fills badge (dock on macOS, launcher
 * on Linux, a taskbar flash on Windows). Focusing any app window clears it.
 */
export class FillAlerts implements Disposable {
  private unread = 0;
  private readonly sub: Disposable;
  private readonly shown = new Set<Notification>();

  constructor(private readonly options: FillAlertsOptions) {
    this.sub = options.onNotice((n) => this.onNotice(n));
  }

  get unreadCount(): number {
    return this.unread;
  }

  markRead(): void {
    if (this.unread === 0) return;
    this.unread = 0;
    app.setBadgeCount(0);
    this.options.target()?.flashFrame(false);
  }

  private onNotice(n: OrderNotice): void {
    if (n.kind !== 'fill' && n.kind !== 'rejected') return;
    if (n.kind === 'fill' && !this.options.appFocused()) {
      this.unread += 1;
      app.setBadgeCount(this.unread);
      if (process.platform === 'win32') this.options.target()?.flashFrame(true);
    }
    if (!Notification.isSupported()) return;
    const { title, body } = noticeText(n, this.options.locale());
    const note = new Notification({ title, body, silent: n.kind === 'fill' });
    // Keep a reference until it is gone, or the click handler can be collected with it.
    this.shown.add(note);
    note.on('click', () => {
      const win = this.options.target();
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.show();
        win.focus();
        this.options.showOrder?.(win, n);
      }
      this.markRead();
    });
    note.on('close', () => this.shown.delete(note));
    note.show();
  }

  dispose(): void {
    this.sub.dispose();
    this.shown.clear();
  }
}
