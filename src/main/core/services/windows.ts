/**
 * The desktop-shell domains (`windows`, `credentials`) as the host sees them. Core registers
 * web-mode defaults so every channel has a handler on every transport; the Electron shell replaces
 * them at start-up with `runtime.shell.use(...)`. Core never imports electron: the shell's
 * implementations arrive as plain handler tables.
 */
import { BridgeError } from '../../../shared/contract/errors';
import type { credentials, CredentialEnv, CredentialStatus, windows } from '../../../shared/contract/windows';
import type { HandlerFor } from '../host';

type WindowsDomain = typeof windows;
type CredentialsDomain = typeof credentials;

export type WindowsHandlers = { [K in keyof WindowsDomain]: HandlerFor<WindowsDomain[K]> };
export type CredentialsHandlers = { [K in keyof CredentialsDomain]: HandlerFor<CredentialsDomain[K]> };

/** What core asks of a credential vault (the Electron shell's is encrypted with safeStorage). */
export interface CredentialSource {
  status(): Promise<CredentialStatus>;
  /**
   * KIS settings for an environment, in the environment-variable names resolveKisConfig reads;
   * undefined when nothing is stored. Only main-process code may call this.
   */
  kisEnvVars(env: CredentialEnv): Promise<Record<string, string> | undefined>;
}

const NEEDS_APP =
  'Opening panels in their own windows needs the Observer desktop app. In the browser, open another tab: it starts its own session.';

export function webWindowsHandlers(): WindowsHandlers {
  const refuse = (): never => {
    throw new BridgeError({ code: 'refused', message: NEEDS_APP });
  };
  const self = (sessionId: string) =>
    `web-${sessionId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`.slice(0, 40);
  return {
    ready: (_p, ctx) => ({ windowId: self(ctx.sessionId), kind: 'main', desktop: false }),
    list: (_p, ctx) => [{ windowId: self(ctx.sessionId), kind: 'main', title: 'Observer', focused: true }],
    popOut: refuse,
    dockBack: () => ({ docked: false }),
    newWatchlist: refuse,
    focus: () => ({ focused: false }),
    // Web mode keeps layouts in settings (settings.layouts); nothing per window here.
    getLayout: () => ({}),
    saveLayout: () => ({ saved: false }),
    events: (_args, emit, ctx) => {
      emit({
        type: 'list',
        windows: [{ windowId: self(ctx.sessionId), kind: 'main', title: 'Observer', focused: true }],
      });
      return () => {};
    },
  };
}

const NO_VAULT =
  'Saving KIS keys is only offered by the Observer desktop app, which encrypts them with your operating system’s keychain. Here, use kis_devlp.yaml or environment variables.';

/** Why the browser cannot switch modes: the host's mode is chosen when it starts. */
export const FIXED_MODE =
  'In the browser the mode is fixed when the host starts: run observer serve --env demo|paper|real.';

export function webCredentialsHandlers(): CredentialsHandlers {
  const status = (): CredentialStatus => ({
    available: false,
    reason: NO_VAULT,
    environments: (['paper', 'real'] as const).map((env) => ({ env, configured: false, hasHtsId: false })),
  });
  const refuse = (): never => {
    throw new BridgeError({ code: 'refused', message: NO_VAULT });
  };
  return {
    status,
    save: refuse,
    importYaml: refuse,
    forget: status,
    logout: status,
    test: refuse,
    switchMode: () => {
      throw new BridgeError({ code: 'refused', message: `${NO_VAULT} ${FIXED_MODE}` });
    },
  };
}

function delegate<T extends Record<string, (...args: never[]) => unknown>>(
  current: () => T,
  keys: string[],
): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (...args: never[]) => current()[k]!(...args);
  return out as T;
}

/**
 * The handler tables the host holds for the shell domains: stable objects that forward to whichever
 * implementation is installed (web defaults until the Electron shell calls `use`).
 */
export class ShellHandlers {
  private windowsImpl: WindowsHandlers = webWindowsHandlers();
  private credentialsImpl: CredentialsHandlers = webCredentialsHandlers();
  readonly windows: WindowsHandlers;
  readonly credentials: CredentialsHandlers;

  constructor() {
    this.windows = delegate(() => this.windowsImpl, Object.keys(this.windowsImpl));
    this.credentials = delegate(() => this.credentialsImpl, Object.keys(this.credentialsImpl));
  }

  use(impl: { windows?: WindowsHandlers; credentials?: CredentialsHandlers }): void {
    if (impl.windows) this.windowsImpl = impl.windows;
    if (impl.credentials) this.credentialsImpl = impl.credentials;
  }
}
