/**
 * Which mode the desktop app starts in, and the rules for changing it. The trader chooses demo,
 * paper or real in the accounts panel; the choice is stored in the data directory and applied by a
 * restart. REAL is never implied: it needs the typed confirmation at the moment of the switch,
 * stored real keys, and is checked again at every start — otherwise the app starts in demo and
 * says why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BridgeError } from '../../../shared/contract/errors';
import {
  REAL_CONFIRMATION,
  type CredentialStatus,
  type SwitchModeRequest,
} from '../../../shared/contract/windows';
import { Mode } from '../../../shared/domain/mode';
import { writeJsonFile } from './json-file';

export interface StoredStartMode {
  mode: Mode;
  /** epoch ms at which the trader typed the REAL confirmation (real only). */
  confirmedAt?: number;
}

/** `<dataDir>/start-mode.json`: the mode the next start uses. Holds no secret. */
export class StartModeFile {
  readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'start-mode.json');
  }

  load(): StoredStartMode | undefined {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoredStartMode>;
      const mode = Mode.safeParse(raw.mode);
      if (!mode.success) return undefined;
      return typeof raw.confirmedAt === 'number'
        ? { mode: mode.data, confirmedAt: raw.confirmedAt }
        : { mode: mode.data };
    } catch {
      return undefined; // absent or unreadable: the default start (demo)
    }
  }

  save(value: StoredStartMode): void {
    writeJsonFile(this.file, value, { pretty: false });
  }
}

const ENV_NAME: Record<'paper' | 'real', string> = { paper: 'paper (모의투자)', real: 'REAL (실전)' };

function configured(status: CredentialStatus, env: 'paper' | 'real'): boolean {
  return status.available && status.environments.some((e) => e.env === env && e.configured);
}

/** Why switching to `mode` is refused right now, in plain words; undefined when it is allowed. */
export function modeSwitchRefusal(
  request: SwitchModeRequest,
  status: CredentialStatus,
): { message: string; field?: string } | undefined {
  if (request.mode === 'demo') return undefined;
  if (!status.available)
    return { message: status.reason ?? 'Stored credentials are not available on this computer.' };
  if (!configured(status, request.mode))
    return {
      message: `No ${ENV_NAME[request.mode]} keys are saved. Enter the app key, secret and account for ${ENV_NAME[request.mode]} (or import kis_devlp.yaml) first.`,
    };
  if (request.mode === 'real' && request.confirm?.trim() !== REAL_CONFIRMATION)
    return {
      message: `Switching to REAL (실전) trades real money: type ${REAL_CONFIRMATION} to confirm.`,
      field: 'confirm',
    };
  return undefined;
}

/** Throws the refusal as a bridge error (`refused`, naming `confirm` when that is what is missing). */
export function checkModeSwitch(request: SwitchModeRequest, status: CredentialStatus): void {
  const refusal = modeSwitchRefusal(request, status);
  if (refusal)
    throw new BridgeError({
      code: 'refused',
      message: refusal.message,
      ...(refusal.field ? { field: refusal.field } : {}),
    });
}

export interface StartModeDecision {
  mode: Mode;
  /** Set when the app starts in another mode than asked for, or ignores an input: log it. */
  note?: string;
}

/**
 * The mode of this start. OBSERVER_MODE=demo|paper wins (developers, tests, `npm start`); REAL is
 * only ever the stored, confirmed choice with real keys in the vault, re-checked here every start.
 */
export function resolveStartMode(input: {
  envMode?: string | undefined;
  stored: StoredStartMode | undefined;
  status: CredentialStatus;
}): StartModeDecision {
  const notes: string[] = [];
  const envMode = input.envMode?.trim();
  if (envMode) {
    const parsed = Mode.safeParse(envMode);
    if (parsed.success && parsed.data !== 'real') return { mode: parsed.data };
    notes.push(
      parsed.success
        ? 'OBSERVER_MODE=real is ignored: REAL is chosen in the accounts panel with a typed confirmation.'
        : `OBSERVER_MODE="${envMode}" is not demo or paper; ignored.`,
    );
  }
  const withNotes = (mode: Mode, extra?: string): StartModeDecision => {
    const all = extra ? [...notes, extra] : notes;
    return all.length ? { mode, note: all.join(' ') } : { mode };
  };
  const stored = input.stored;
  if (!stored || stored.mode === 'demo') return withNotes('demo');
  if (!configured(input.status, stored.mode))
    return withNotes(
      'demo',
      `Starting in demo: ${ENV_NAME[stored.mode]} was chosen, but no ${stored.mode} keys are available${
        input.status.available ? '' : ` (${input.status.reason ?? 'the keychain is not available'})`
      }.`,
    );
  if (stored.mode === 'real' && typeof stored.confirmedAt !== 'number')
    return withNotes('demo', 'Starting in demo: REAL was stored without its confirmation.');
  return withNotes(stored.mode);
}
