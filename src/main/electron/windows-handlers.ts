/**
 * The Electron shell's answers for the `windows` domain, installed over core's web defaults with
 * `runtime.shell.use(...)`. A host session is one renderer; `webContentsOf` maps it back to the
 * window that renderer lives in.
 */
import { BridgeError } from '../../shared/contract/errors';
import type { CallerContext } from '../core/host';
import type { WindowsHandlers } from '../core/services/windows';
import type { WindowManager } from './window-manager';

export function electronWindowsHandlers(
  wm: WindowManager,
  webContentsOf: (ctx: CallerContext) => number | undefined,
): WindowsHandlers {
  const callerId = (ctx: CallerContext): string => {
    const wc = webContentsOf(ctx);
    const id = wc === undefined ? undefined : wm.windowIdOf(wc);
    if (!id) throw new BridgeError({ code: 'forbidden', message: 'This window is not one Observer opened.' });
    return id;
  };
  return {
    ready: (_p, ctx) => {
      const wc = webContentsOf(ctx);
      const init = wc === undefined ? undefined : wm.ready(wc);
      if (!init)
        throw new BridgeError({ code: 'forbidden', message: 'This window is not one Observer opened.' });
      return init;
    },
    list: () => wm.list(),
    popOut: (p) => ({ windowId: wm.popOut(p.panel, p.state, p.title, p.size) }),
    dockBack: (p, ctx) => ({ docked: wm.dockBack(p.windowId ?? callerId(ctx), p.state) }),
    newWatchlist: (p) => ({ windowId: wm.newWatchlist(p?.watchlistId) }),
    focus: (p) => ({ focused: wm.focus(p.windowId) }),
    getLayout: (_p, ctx) => {
      const layout = wm.layoutOf(callerId(ctx));
      return layout === undefined ? {} : { layout };
    },
    saveLayout: (p, ctx) => ({ saved: wm.saveLayout(callerId(ctx), p.layout) }),
    events: (_args, emit, ctx) =>
      wm.subscribe(
        ctx.sessionId,
        () => {
          const wc = webContentsOf(ctx);
          return wc === undefined ? undefined : wm.windowIdOf(wc);
        },
        emit,
      ),
  };
}
