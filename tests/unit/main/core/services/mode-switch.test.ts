import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkModeSwitch,
  modeSwitchRefusal,
  resolveStartMode,
  StartModeFile,
} from '../../../../../src/main/core/services/mode-switch';
import { REAL_CONFIRMATION, type CredentialStatus } from '../../../../../src/shared/contract/windows';

function status(configured: { paper?: boolean; real?: boolean }, available = true): CredentialStatus {
  return {
    available,
    ...(available ? {} : { reason: 'No keyring on this computer.' }),
    environments: (['paper', 'real'] as const).map((env) => ({
      env,
      configured: !!configured[env],
      hasHtsId: false,
    })),
  };
}

describe('switching modes', () => {
  it('demo is always allowed', () => {
    expect(modeSwitchRefusal({ mode: 'demo' }, status({}, false))).toBeUndefined();
  });

  it('paper needs stored paper keys', () => {
    expect(modeSwitchRefusal({ mode: 'paper' }, status({ real: true }))?.message).toMatch(
      /No paper \(모의투자\) keys are saved/,
    );
    expect(modeSwitchRefusal({ mode: 'paper' }, status({ paper: true }))).toBeUndefined();
  });

  it('REAL needs real keys and the typed confirmation, exactly', () => {
    expect(modeSwitchRefusal({ mode: 'real', confirm: 'REAL' }, status({ paper: true }))?.message).toMatch(
      /No REAL \(실전\) keys are saved/,
    );
    for (const confirm of [undefined, '', 'real', 'yes', '실전'])
      expect(
        modeSwitchRefusal(
          { mode: 'real', ...(confirm !== undefined ? { confirm } : {}) },
          status({ real: true }),
        ),
      ).toMatchObject({ field: 'confirm', message: expect.stringMatching(/type REAL to confirm/) });
    expect(REAL_CONFIRMATION).toBe('REAL');
    expect(modeSwitchRefusal({ mode: 'real', confirm: ' REAL ' }, status({ real: true }))).toBeUndefined();
  });

  it('without a keychain nothing but demo, with the vault’s reason', () => {
    expect(() => checkModeSwitch({ mode: 'paper' }, status({ paper: true }, false))).toThrow(
      expect.objectContaining({ code: 'refused', message: 'No keyring on this computer.' }),
    );
  });
});

describe('the start mode', () => {
  it('is demo by default and when nothing valid is stored', () => {
    expect(resolveStartMode({ stored: undefined, status: status({}) })).toEqual({ mode: 'demo' });
    expect(resolveStartMode({ stored: { mode: 'demo' }, status: status({ real: true }) })).toEqual({
      mode: 'demo',
    });
  });

  it('follows OBSERVER_MODE=demo|paper, never OBSERVER_MODE=real', () => {
    expect(resolveStartMode({ envMode: 'paper', stored: { mode: 'demo' }, status: status({}) })).toEqual({
      mode: 'paper',
    });
    const real = resolveStartMode({ envMode: 'real', stored: undefined, status: status({ real: true }) });
    expect(real.mode).toBe('demo');
    expect(real.note).toMatch(/OBSERVER_MODE=real is ignored/);
    expect(resolveStartMode({ envMode: 'live', stored: undefined, status: status({}) }).note).toMatch(
      /"live" is not demo or paper/,
    );
  });

  it('starts paper or REAL only with the keys in the vault, REAL only when it was confirmed', () => {
    expect(resolveStartMode({ stored: { mode: 'paper' }, status: status({ paper: true }) })).toEqual({
      mode: 'paper',
    });
    expect(
      resolveStartMode({ stored: { mode: 'real', confirmedAt: 1 }, status: status({ real: true }) }),
    ).toEqual({ mode: 'real' });
    const noKeys = resolveStartMode({
      stored: { mode: 'real', confirmedAt: 1 },
      status: status({ paper: true }),
    });
    expect(noKeys).toEqual({
      mode: 'demo',
      note: 'Starting in demo: REAL (실전) was chosen, but no real keys are available.',
    });
    expect(resolveStartMode({ stored: { mode: 'real' }, status: status({ real: true }) })).toMatchObject({
      mode: 'demo',
      note: expect.stringMatching(/without its confirmation/),
    });
    expect(
      resolveStartMode({ stored: { mode: 'paper' }, status: status({ paper: true }, false) }).note,
    ).toMatch(/no paper keys are available \(No keyring on this computer\.\)/);
  });
});

describe('StartModeFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'observer-startmode-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips the choice, owner-only, and ignores garbage', () => {
    const file = new StartModeFile(dir);
    expect(file.load()).toBeUndefined();
    file.save({ mode: 'real', confirmedAt: 1_700_000_000_000 });
    expect(new StartModeFile(dir).load()).toEqual({ mode: 'real', confirmedAt: 1_700_000_000_000 });
    expect(JSON.parse(readFileSync(file.file, 'utf8'))).toEqual({
      mode: 'real',
      confirmedAt: 1_700_000_000_000,
    });
    if (process.platform !== 'win32') expect(statSync(file.file).mode & 0o777).toBe(0o600);
    file.save({ mode: 'paper' });
    expect(file.load()).toEqual({ mode: 'paper' });
    writeFileSync(file.file, '{"mode":"live"}');
    expect(file.load()).toBeUndefined();
    writeFileSync(file.file, 'not json');
    expect(file.load()).toBeUndefined();
  });
});
