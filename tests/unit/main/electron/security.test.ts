import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn();
vi.mock('electron', () => ({ shell: { openExternal } }));

const { guardWindow, hardenSession, isSafeExternalUrl, secureWebPreferences } =
  await import('../../../../src/main/electron/security');

function fakeWindow() {
  const handlers = new Map<string, (...a: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const win = {
    webContents: {
      on: (e: string, h: (...a: unknown[]) => void) => handlers.set(e, h),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    },
  };
  return { win, handlers, open: (url: string) => openHandler!({ url }) };
}

beforeEach(() => openExternal.mockReset());

describe('window security defaults', () => {
  it('sandboxes every renderer', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('denies navigation away from the app and every window.open', () => {
    const { win, handlers, open } = fakeWindow();
    guardWindow(win as never, (url) => url.startsWith('file:///app/'));
    const prevent = vi.fn();
    handlers.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example');
    expect(prevent).toHaveBeenCalledTimes(1);
    handlers.get('will-navigate')!({ preventDefault: prevent }, 'file:///app/index.html');
    expect(prevent).toHaveBeenCalledTimes(1);
    expect(open('https://apiportal.koreainvestment.com')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://apiportal.koreainvestment.com');
    expect(open('http://insecure.example')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('sends only https links outside', () => {
    expect(isSafeExternalUrl('https://a.example')).toBe(true);
    for (const u of ['http://a.example', 'javascript:alert(1)', 'file:///x', 'not a url'])
      expect(isSafeExternalUrl(u)).toBe(false);
  });

  it('denies every permission request and sets a strict CSP', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let headers:
      ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
    } as never);
    const cb = vi.fn();
    request!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
    const out = vi.fn();
    headers!({ responseHeaders: {} }, out);
    expect(JSON.stringify(out.mock.calls[0])).toContain("script-src 'self'");
  });
});
