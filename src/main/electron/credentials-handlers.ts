/**
 * The Electron shell's answers for the `credentials` domain. Requests may carry secrets into main;
 * every answer is `CredentialStatus` (configured environments, masked accounts) and nothing else.
 */
import type { CredentialsHandlers } from '../core/services/windows';
import type { CredentialVault } from './credential-vault';

export function electronCredentialsHandlers(
  vault: CredentialVault,
  /** Main's open-file dialog for kis_devlp.yaml; undefined when the trader cancels. */
  pickYaml: () => Promise<string | undefined>,
): CredentialsHandlers {
  return {
    status: () => vault.status(),
    save: (input) => vault.save(input),
    importYaml: async ({ envs }) => {
      const file = await pickYaml();
      const imported = file ? await vault.importYaml(file, envs) : [];
      return { imported, status: await vault.status() };
    },
    forget: ({ env }) => vault.forget(env),
    logout: () => vault.logout(),
  };
}
