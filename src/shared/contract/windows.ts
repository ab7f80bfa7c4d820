/**
 * The desktop-shell domains. `windows`: pop-out panels, watchlist windows, per-window layouts and
 * the ready handshake. `credentials`: the KIS keys the desktop app keeps encrypted in main.
 *
 * Both are answered by the Electron shell; in web mode the host answers with safe defaults (a
 * second browser tab is simply its own session; pop-outs and stored credentials need the app).
 * Responses and stream events never carry a secret: the renderer sees only status.
 */
import { z } from 'zod';
import { Mode } from '../domain/mode';
import { NoInput, request, stream } from './define';

export const WindowKind = z.enum(['main', 'popout', 'watchlist']);
export type WindowKind = z.infer<typeof WindowKind>;

/** `main`, `popout-3`, `watchlist-2`, or in web mode `web-<session>`. */
export const WindowId = z.string().regex(/^[a-z0-9-]{1,40}$/);
export type WindowId = z.infer<typeof WindowId>;

/** A panel id the renderer's layout registry knows (e.g. `ladder`, `chart`). */
export const PanelId = z.string().min(1).max(60);

export const WindowInfo = z.object({
  windowId: WindowId,
  kind: WindowKind,
  /** Pop-outs: the panel (or tab group's active panel) it holds. */
  panel: z.string().optional(),
  title: z.string(),
  focused: z.boolean(),
});
export type WindowInfo = z.infer<typeof WindowInfo>;

/** What a window learns about itself in the ready handshake, before any stream starts. */
export const WindowInit = z.object({
  windowId: WindowId,
  kind: WindowKind,
  panel: z.string().optional(),
  /** Opaque panel state handed over by `popOut` (symbol, linked group …). */
  state: z.unknown().optional(),
  /** The layout this window saved last time (opaque dockview JSON), if any. */
  layout: z.unknown().optional(),
  /** False in web mode: pop-outs and extra windows are refused there. */
  desktop: z.boolean(),
});
export type WindowInit = z.infer<typeof WindowInit>;

export const PopOutRequest = z
  .object({
    panel: PanelId,
    state: z.unknown().optional(),
    title: z.string().max(80).optional(),
    size: z
      .object({ width: z.number().int().min(200).max(8000), height: z.number().int().min(150).max(8000) })
      .optional(),
  })
  .strict();
export type PopOutRequest = z.infer<typeof PopOutRequest>;

export const WindowRef = z.object({ windowId: WindowId });

export const WindowEvent = z.discriminatedUnion('type', [
  /** The current set of windows (first event of every subscription, then on every change). */
  z.object({ type: z.literal('list'), windows: z.array(WindowInfo) }),
  /** To the main window only: put this panel back into the dock with its state. */
  z.object({
    type: z.literal('dockBack'),
    fromWindowId: WindowId,
    panel: z.string(),
    state: z.unknown().optional(),
  }),
  /** A clicked fill/reject notification: show this order in the window's orders panel. */
  z.object({ type: z.literal('focusOrder'), orderNo: z.string().min(1).max(40), fill: z.boolean() }),
]);
export type WindowEvent = z.infer<typeof WindowEvent>;

export const windows = {
  /** The handshake: the caller's identity, hand-over state and saved layout. Call once on load. */
  ready: request('windows:ready', NoInput, WindowInit),
  list: request('windows:list', NoInput, z.array(WindowInfo)),
  popOut: request('windows:popOut', PopOutRequest, WindowRef),
  /** Called by a pop-out (or for it): closes it and sends `dockBack` to the main window. */
  dockBack: request(
    'windows:dockBack',
    z.object({ windowId: WindowId.optional(), state: z.unknown().optional() }).strict(),
    z.object({ docked: z.boolean() }),
  ),
  newWatchlist: request(
    'windows:newWatchlist',
    z
      .object({ watchlistId: z.string().min(1).max(40).optional() })
      .strict()
      .optional(),
    WindowRef,
  ),
  focus: request('windows:focus', WindowRef.strict(), z.object({ focused: z.boolean() })),
  /** The caller window's saved layout. */
  getLayout: request('windows:getLayout', NoInput, z.object({ layout: z.unknown().optional() })),
  saveLayout: request(
    'windows:saveLayout',
    z.object({ layout: z.unknown() }).strict(),
    z.object({ saved: z.boolean() }),
  ),
  events: stream('windows:events', NoInput, WindowEvent),
} as const;

// ---------------------------------------------------------------------------------------------

export const CredentialEnv = z.enum(['paper', 'real']);
export type CredentialEnv = z.infer<typeof CredentialEnv>;

export const CredentialEnvStatus = z.object({
  env: CredentialEnv,
  configured: z.boolean(),
  /** Masked, e.g. `12****78-01`. */
  accountMasked: z.string().optional(),
  hasHtsId: z.boolean(),
  /** epoch ms of the last save. */
  updatedAt: z.number().optional(),
});
export type CredentialEnvStatus = z.infer<typeof CredentialEnvStatus>;

export const CredentialStatus = z.object({
  /** Whether this host can keep credentials safely (desktop app with an OS keychain). */
  available: z.boolean(),
  /** Plain words when not available, and what to do instead. */
  reason: z.string().optional(),
  /** The OS store in use: keychain, dpapi, gnome_libsecret, kwallet … */
  backend: z.string().optional(),
  environments: z.array(CredentialEnvStatus),
  /** The mode this app is running in (desktop app; web mode leaves it to `app:status`). */
  mode: Mode.optional(),
  /** The mode the next start uses (set by `credentials:switchMode`). */
  startMode: Mode.optional(),
});
export type CredentialStatus = z.infer<typeof CredentialStatus>;

/** Renderer → main only; the answer is status, never these fields. */
export const CredentialInput = z
  .object({
    env: CredentialEnv,
    appKey: z.string().trim().min(16).max(200),
    appSecret: z.string().trim().min(16).max(400),
    /** `12345678-01`, `1234567801` or `12345678`. */
    account: z.string().trim().min(8).max(12),
    htsId: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type CredentialInput = z.infer<typeof CredentialInput>;

export const ConnectionStep = z.enum(['token', 'approval', 'quote']);
export type ConnectionStep = z.infer<typeof ConnectionStep>;

export const ConnectionStepResult = z.object({
  step: ConnectionStep,
  ok: z.boolean(),
  /** Not attempted because an earlier step it needs failed (the quote needs the access token). */
  skipped: z.boolean().optional(),
  /** How long the step took. */
  ms: z.number().optional(),
  /** What happened, in plain words (on failure: what KIS said and what to do). */
  message: z.string().optional(),
  /** KIS's code and text when KIS answered with an error (EGW00105 …). */
  msgCd: z.string().optional(),
  msg1: z.string().optional(),
  hint: z.string().optional(),
  /** quote: the symbol asked for and its price. */
  code: z.string().optional(),
  price: z.number().optional(),
});
export type ConnectionStepResult = z.infer<typeof ConnectionStepResult>;

export const ConnectionTestResult = z.object({
  env: CredentialEnv,
  ok: z.boolean(),
  steps: z.array(ConnectionStepResult),
  /** The first failure in plain words (absent when every step worked). */
  message: z.string().optional(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

/**
 * What the trader types to switch the desktop app to REAL (실전). ASCII on purpose: it can be typed
 * on any keyboard layout without a Korean IME, and it is the word on the REAL badge.
 */
export const REAL_CONFIRMATION = 'REAL';

export const SwitchModeRequest = z
  .object({
    mode: Mode,
    /** Required for `real`: exactly REAL_CONFIRMATION. */
    confirm: z.string().max(40).optional(),
  })
  .strict();
export type SwitchModeRequest = z.infer<typeof SwitchModeRequest>;

export const SwitchModeResult = z.object({
  /** The start mode now stored. */
  mode: Mode,
  /** True when the app restarts to apply it (it differs from the running mode). */
  restart: z.boolean(),
});
export type SwitchModeResult = z.infer<typeof SwitchModeResult>;

export const credentials = {
  status: request('credentials:status', NoInput, CredentialStatus),
  save: request('credentials:save', CredentialInput, CredentialStatus),
  /** Main shows an open-file dialog for kis_devlp.yaml; the renderer never sends a path. */
  importYaml: request(
    'credentials:importYaml',
    z.object({ envs: z.array(CredentialEnv).min(1).max(2) }).strict(),
    z.object({ imported: z.array(CredentialEnv), status: CredentialStatus }),
  ),
  /** Forget stored credentials for one environment. */
  forget: request('credentials:forget', z.object({ env: CredentialEnv }).strict(), CredentialStatus),
  /** Revoke the access token at the broker and wipe every cached secret and token. */
  logout: request('credentials:logout', NoInput, CredentialStatus),
  /**
   * Tries the stored keys of one environment: an access token (the cached one while valid: KIS
   * issues one per minute), a WebSocket approval key and one REST quote (005930).
   */
  test: request('credentials:test', z.object({ env: CredentialEnv }).strict(), ConnectionTestResult),
  /**
   * Chooses the mode of the next start and restarts the app into it. REAL needs `confirm` equal to
   * REAL_CONFIRMATION and stored real credentials; paper needs stored paper credentials.
   */
  switchMode: request('credentials:switchMode', SwitchModeRequest, SwitchModeResult),
} as const;
