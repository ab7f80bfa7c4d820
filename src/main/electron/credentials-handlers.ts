/**
 * The Electron shell's answers for the `credentials` domain. Requests may carry secrets into main;
 * every answer is status (configured environments, masked accounts, modes), a connection-test
 * report or the chosen start mode — never a key, secret, token or account number.
 */
import { BridgeError } from '../../shared/contract/errors';
import type { CredentialEnv, CredentialStatus, ConnectionTestResult } from '../../shared/contract/windows';
import type { Mode } from '../../shared/domain/mode';
import { testKisConnection, type KisClientOptions } from '../core/kis';
import { checkModeSwitch, type StartModeFile } from '../core/services/mode-switch';
import type { CredentialsHandlers } from '../core/services/windows';
import type { CredentialVault } from './credential-vault';

export interface CredentialShell {
  /** The mode this process runs in. */
  mode: Mode;
  /** Where the next start's mode is kept. */
  startModes: StartModeFile;
  /** Runs the connection test for one environment with the stored keys. */
  testConnection(env: CredentialEnv): Promise<ConnectionTestResult>;
  /** Restarts the app (after the answer has gone out) so the stored start mode applies. */
  restart(): void;
  now?: () => number;
}

export function electronCredentialsHandlers(
  vault: CredentialVault,
  /** Main's open-file dialog for kis_devlp.yaml; undefined when the trader cancels. */
  pickYaml: () => Promise<string | undefined>,
  shell: CredentialShell,
): CredentialsHandlers {
  const withModes = (s: CredentialStatus): CredentialStatus => ({
    ...s,
    mode: shell.mode,
    startMode: shell.startModes.load()?.mode ?? 'demo',
  });
  const status = async () => withModes(await vault.status());
  return {
    status,
    save: async (input) => withModes(await vault.save(input)),
    importYaml: async ({ envs }) => {
      const file = await pickYaml();
      const imported = file ? await vault.importYaml(file, envs) : [];
      return { imported, status: await status() };
    },
    forget: async ({ env }) => withModes(await vault.forget(env)),
    logout: async () => withModes(await vault.logout()),
    test: ({ env }) => shell.testConnection(env),
    switchMode: async (request) => {
      checkModeSwitch(request, await vault.status());
      const now = shell.now ?? Date.now;
      shell.startModes.save(
        request.mode === 'real' ? { mode: 'real', confirmedAt: now() } : { mode: request.mode },
      );
      const restart = request.mode !== shell.mode;
      if (restart) shell.restart();
      return { mode: request.mode, restart };
    },
  };
}

/**
 * The connection test with the vault's keys: the same settings the app would start with (stored keys,
 * KIS's URLs unless KIS_REST_URL / KIS_WS_URL say otherwise) and the app's encrypted token store,
 * so a token the running app already holds is reused rather than issued again.
 */
export function vaultConnectionTest(options: {
  vault: CredentialVault;
  dataDir: string;
  client?: KisClientOptions;
  /** Only KIS_REST_URL / KIS_WS_URL are read from here. */
  envVars?: Readonly<Record<string, string | undefined>>;
}): (env: CredentialEnv) => Promise<ConnectionTestResult> {
  return async (env) => {
    const vars = await options.vault.kisEnvVars(env);
    if (!vars)
      throw new BridgeError({
        code: 'refused',
        message: `No ${env === 'paper' ? 'paper (모의투자)' : 'REAL (실전)'} keys are saved yet: save them first, then test.`,
      });
    const urls: Record<string, string> = {};
    for (const k of ['KIS_REST_URL', 'KIS_WS_URL']) {
      const v = options.envVars?.[k]?.trim();
      if (v) urls[k] = v;
    }
    const report = await testKisConnection({
      config: { env, dataDir: options.dataDir, configFile: false, envVars: { ...urls, ...vars } },
      ...(options.client ? { client: options.client } : {}),
    });
    return { ...report, env };
  };
}
