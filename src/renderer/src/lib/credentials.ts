/**
 * The accounts form without React: the same zod schema main applies (CredentialInput), plus the
 * account shapes the vault accepts, so a mistake shows next to its field before anything is sent.
 */
import { CredentialInput, type CredentialEnv, type CredentialStatus } from '../../../shared/contract/windows';
import type { Mode } from '../../../shared/domain/mode';

export interface CredentialDraft {
  appKey: string;
  appSecret: string;
  account: string;
  htsId: string;
}

export type CredentialField = keyof CredentialDraft;

export const EMPTY_DRAFT: CredentialDraft = { appKey: '', appSecret: '', account: '', htsId: '' };

/** `12345678`, `12345678-01` or `1234567801` (main's parseAccount). */
const ACCOUNT = /^\d{8}(?:-?\d{2})?$/;

export function toInput(env: CredentialEnv, d: CredentialDraft): CredentialInput {
  return {
    env,
    appKey: d.appKey,
    appSecret: d.appSecret,
    account: d.account,
    ...(d.htsId.trim() ? { htsId: d.htsId } : {}),
  };
}

/** The fields that would be refused, each once. */
export function draftErrors(env: CredentialEnv, d: CredentialDraft): Set<CredentialField> {
  const bad = new Set<CredentialField>();
  const r = CredentialInput.safeParse(toInput(env, d));
  if (!r.success)
    for (const issue of r.error.issues) {
      const f = issue.path[0];
      if (f === 'appKey' || f === 'appSecret' || f === 'account' || f === 'htsId') bad.add(f);
    }
  if (!ACCOUNT.test(d.account.trim())) bad.add('account');
  return bad;
}

export function isConfigured(status: CredentialStatus | null, env: CredentialEnv): boolean {
  return !!status?.environments.some((e) => e.env === env && e.configured);
}

/**
 * Why a mode cannot be chosen now (a message key and its variables), or undefined when it can.
 * Mirrors main's rules; main checks again.
 */
export function modeBlock(
  mode: Mode,
  status: CredentialStatus | null,
  desktop: boolean,
): 'web' | 'vault' | 'keys' | undefined {
  if (!desktop) return 'web';
  if (mode === 'demo') return undefined;
  if (!status?.available) return 'vault';
  return isConfigured(status, mode) ? undefined : 'keys';
}
