/**
 * The credentials domain through the host: web-mode refusals, and the Electron shell's test
 * connection (vault keys → the real KIS client → the simulator on 127.0.0.1) and mode switch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Host } from '../../../../src/main/core/host';
import { MemoryTokenStore } from '../../../../src/main/core/kis';
import { StartModeFile } from '../../../../src/main/core/services/mode-switch';
import { FIXED_MODE, ShellHandlers } from '../../../../src/main/core/services/windows';
import { createKisSimulator, type KisSimulator } from '../../../../src/main/core/sim';
import { CredentialVault, type SafeStorageLike } from '../../../../src/main/electron/credential-vault';
import {
  electronCredentialsHandlers,
  vaultConnectionTest,
} from '../../../../src/main/electron/credentials-handlers';
import { credentials } from '../../../../src/shared/contract/windows';

const shellContract = { credentials } as const;

const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (t) => Buffer.from(Buffer.from(t, 'utf8').map((b) => b ^ 0x2c)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x2c)).toString('utf8'),
};

describe('credentials in web mode', () => {
  it('test and switchMode are refused with the plain reason, like save', async () => {
    const host = new Host(shellContract, new ShellHandlers());
    const s = host.openSession('web', () => {});
    const status = (await s.invoke('credentials:status', undefined)) as {
      ok: true;
      value: { reason: string };
    };
    const reason = status.value.reason;
    expect(reason).toMatch(/desktop app/);
    expect(await s.invoke('credentials:test', { env: 'paper' })).toEqual({
      ok: false,
      error: { code: 'refused', message: reason },
    });
    expect(await s.invoke('credentials:switchMode', { mode: 'paper' })).toEqual({
      ok: false,
      error: { code: 'refused', message: `${reason} ${FIXED_MODE}` },
    });
    expect(FIXED_MODE).toMatch(/observer serve --env/);
    // Malformed requests are still named before any refusal.
    expect(await s.invoke('credentials:switchMode', { mode: 'live' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'mode' },
    });
    host.dispose();
  });
});

describe('credentials in the desktop app', () => {
  let sim: KisSimulator;
  let dir: string;
  let vault: CredentialVault;
  let restart: ReturnType<typeof vi.fn<() => void>>;
  let startModes: StartModeFile;

  beforeAll(async () => {
    sim = await createKisSimulator({ seed: 'credentials-shell', tickIntervalMs: 50 });
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'observer-credshell-'));
    vault = new CredentialVault({ dataDir: dir, safeStorage, platform: 'linux' });
    restart = vi.fn<() => void>();
    startModes = new StartModeFile(dir);
    sim.control.resetTokenThrottle();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function open(mode: 'demo' | 'paper' | 'real' = 'demo') {
    const shell = new ShellHandlers();
    shell.use({
      credentials: electronCredentialsHandlers(vault, async () => undefined, {
        mode,
        startModes,
        restart,
        now: () => 1_700_000_000_000,
        testConnection: vaultConnectionTest({
          vault,
          dataDir: dir,
          client: { tokenStore: new MemoryTokenStore() },
          envVars: { KIS_REST_URL: sim.restUrl, KIS_WS_URL: sim.wsUrl, KIS_APP_KEY_VIRTUAL: 'ignored' },
        }),
      }),
    });
    const host = new Host(shellContract, shell);
    return { host, session: host.openSession('electron', () => {}) };
  }

  async function saveSim(env: 'paper' | 'real', session: ReturnType<typeof open>['session']) {
    const c = sim.credentials[env];
    return session.invoke('credentials:save', {
      env,
      appKey: c.appKey,
      appSecret: c.appSecret,
      account: c.accountNo,
      htsId: c.htsId,
    });
  }

  it('status carries the running and the next start mode', async () => {
    const { host, session } = open('paper');
    expect(await session.invoke('credentials:status', undefined)).toMatchObject({
      ok: true,
      value: { available: true, mode: 'paper', startMode: 'demo' },
    });
    startModes.save({ mode: 'real', confirmedAt: 1 });
    expect(await saveSim('paper', session)).toMatchObject({
      ok: true,
      value: {
        mode: 'paper',
        startMode: 'real',
        environments: [
          { env: 'paper', configured: true },
          { env: 'real', configured: false },
        ],
      },
    });
    host.dispose();
  });

  it('tests the stored keys against KIS and answers with steps only, never a secret', async () => {
    const { host, session } = open();
    await saveSim('paper', session);
    const r = (await session.invoke('credentials:test', { env: 'paper' })) as {
      ok: boolean;
      value: { ok: boolean; env: string; steps: Array<{ step: string; ok: boolean }> };
    };
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ ok: true, env: 'paper' });
    expect(r.value.steps.map((s) => [s.step, s.ok])).toEqual([
      ['token', true],
      ['approval', true],
      ['quote', true],
    ]);
    const text = JSON.stringify(r);
    const c = sim.credentials.paper;
    for (const secret of [c.appKey, c.appSecret, c.cano, c.htsId, c.approvalKey])
      expect(text).not.toContain(secret);
    host.dispose();
  });

  it('a test of keys that are not saved is refused before anything is sent', async () => {
    const { host, session } = open();
    expect(await session.invoke('credentials:test', { env: 'real' })).toEqual({
      ok: false,
      error: { code: 'refused', message: 'No REAL (실전) keys are saved yet: save them first, then test.' },
    });
    host.dispose();
  });

  it('a wrong secret shows the KIS error in plain words', async () => {
    const { host, session } = open();
    const c = sim.credentials.real;
    await session.invoke('credentials:save', {
      env: 'real',
      appKey: c.appKey,
      appSecret: `${c.appSecret.slice(0, -4)}XXXX`,
      account: c.accountNo,
    });
    const r = (await session.invoke('credentials:test', { env: 'real' })) as {
      value: { ok: boolean; message: string; steps: Array<{ msgCd?: string }> };
    };
    expect(r.value.ok).toBe(false);
    expect(r.value.steps[0]!.msgCd).toBe('EGW00105');
    expect(r.value.message).toMatch(/App secret invalid/);
    host.dispose();
  });

  it('switches to paper only with paper keys, stores the choice and restarts', async () => {
    const { host, session } = open('demo');
    expect(await session.invoke('credentials:switchMode', { mode: 'paper' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/No paper \(모의투자\) keys are saved/) },
    });
    expect(startModes.load()).toBeUndefined();
    expect(restart).not.toHaveBeenCalled();
    await saveSim('paper', session);
    expect(await session.invoke('credentials:switchMode', { mode: 'paper' })).toEqual({
      ok: true,
      value: { mode: 'paper', restart: true },
    });
    expect(startModes.load()).toEqual({ mode: 'paper' });
    expect(restart).toHaveBeenCalledTimes(1);
    host.dispose();
  });

  it('switches to REAL only with the typed confirmation, and records when it was given', async () => {
    const { host, session } = open('paper');
    await saveSim('real', session);
    expect(await session.invoke('credentials:switchMode', { mode: 'real', confirm: 'real' })).toMatchObject({
      ok: false,
      error: { code: 'refused', field: 'confirm', message: expect.stringMatching(/type REAL to confirm/) },
    });
    expect(startModes.load()).toBeUndefined();
    expect(await session.invoke('credentials:switchMode', { mode: 'real', confirm: 'REAL' })).toEqual({
      ok: true,
      value: { mode: 'real', restart: true },
    });
    expect(startModes.load()).toEqual({ mode: 'real', confirmedAt: 1_700_000_000_000 });
    expect(restart).toHaveBeenCalledTimes(1);
    host.dispose();
  });

  it('choosing the mode already running stores it without a restart', async () => {
    const { host, session } = open('demo');
    expect(await session.invoke('credentials:switchMode', { mode: 'demo' })).toEqual({
      ok: true,
      value: { mode: 'demo', restart: false },
    });
    expect(restart).not.toHaveBeenCalled();
    host.dispose();
  });
});
