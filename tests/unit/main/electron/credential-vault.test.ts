import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BASIC_TEXT_REFUSAL,
  CredentialVault,
  maskAccount,
  SafeStorageTokenStore,
  type SafeStorageLike,
} from '../../../../src/main/electron/credential-vault';
import { electronCredentialsHandlers } from '../../../../src/main/electron/credentials-handlers';
import { StartModeFile } from '../../../../src/main/core/services/mode-switch';
import { CredentialStatus } from '../../../../src/shared/contract/windows';

const APP_KEY = 'PSabcdefghijklmnopqrstuvwxyz0123';
const APP_SECRET = 'SECRETsecretSECRETsecretSECRETsecret==';

/** XOR with a key the "OS" keeps: enough to prove nothing readable reaches the disk. */
function fakeSafeStorage(opts: { backend?: string; available?: boolean; async?: boolean } = {}) {
  const mask = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ (0x5a + (i % 7))));
  const ss: SafeStorageLike & { calls: string[] } = {
    calls: [],
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(text) {
      this.calls.push('encrypt');
      return Buffer.concat([Buffer.from('v10'), mask(Buffer.from(text, 'utf8'))]);
    },
    decryptString(data) {
      this.calls.push('decrypt');
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('bad ciphertext');
      return mask(data.subarray(3)).toString('utf8');
    },
  };
  if (opts.async) {
    ss.isAsyncEncryptionAvailable = async () => true;
    ss.encryptStringAsync = async (text) => {
      ss.calls.push('encryptAsync');
      return Buffer.concat([Buffer.from('v10'), mask(Buffer.from(text, 'utf8'))]);
    };
    ss.decryptStringAsync = async (data) => {
      ss.calls.push('decryptAsync');
      return { result: mask(data.subarray(3)).toString('utf8'), shouldReEncrypt: false };
    };
  }
  return ss;
}

/** The shell parts the yaml import does not use. */
function shellStub(dataDir: string) {
  return {
    mode: 'demo' as const,
    startModes: new StartModeFile(dataDir),
    testConnection: () => Promise.reject(new Error('not used')),
    restart: () => {},
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'observer-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const input = {
  env: 'paper' as const,
  appKey: APP_KEY,
  appSecret: APP_SECRET,
  account: '5012345601',
  htsId: 'trader01',
};

describe('CredentialVault', () => {
  it('round-trips secrets through safeStorage and writes only ciphertext, 0600', async () => {
    const ss = fakeSafeStorage();
    const vault = new CredentialVault({
      dataDir: dir,
      safeStorage: ss,
      platform: 'linux',
      now: () => 1_700_000_000_000,
    });
    const status = await vault.save(input);
    expect(status.environments).toEqual([
      {
        env: 'paper',
        configured: true,
        accountMasked: '50****56-01',
        hasHtsId: true,
        updatedAt: 1_700_000_000_000,
      },
      { env: 'real', configured: false, hasHtsId: false },
    ]);
    const raw = readFileSync(vault.file, 'utf8');
    for (const secret of [APP_KEY, APP_SECRET, '50123456', 'trader01']) expect(raw).not.toContain(secret);
    if (process.platform !== 'win32') expect(statSync(vault.file).mode & 0o777).toBe(0o600);

    // A fresh vault (a restart) decrypts what the first one stored.
    const again = new CredentialVault({ dataDir: dir, safeStorage: ss, platform: 'linux' });
    expect(await again.secrets('paper')).toEqual({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      account: '50123456-01',
      htsId: 'trader01',
    });
    expect(await again.kisEnvVars('paper')).toEqual({
      KIS_APP_KEY_VIRTUAL: APP_KEY,
      KIS_APP_SECRET_VIRTUAL: APP_SECRET,
      KIS_VIRTUAL_ACCOUNT: '50123456-01',
      KIS_HTS_ID: 'trader01',
    });
    expect(await again.kisEnvVars('real')).toBeUndefined();
  });

  it('uses the async safeStorage API where Electron has it', async () => {
    const ss = fakeSafeStorage({ async: true });
    const vault = new CredentialVault({ dataDir: dir, safeStorage: ss, platform: 'darwin' });
    await vault.save(input);
    const again = new CredentialVault({ dataDir: dir, safeStorage: ss, platform: 'darwin' });
    expect((await again.secrets('paper'))?.appSecret).toBe(APP_SECRET);
    expect(ss.calls).toEqual(['encryptAsync', 'decryptAsync']);
    expect((await again.status()).backend).toBe('keychain');
  });

  it('refuses to store on Linux basic_text and says why in plain words', async () => {
    const vault = new CredentialVault({
      dataDir: dir,
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      platform: 'linux',
    });
    const status = await vault.status();
    expect(status).toMatchObject({ available: false, backend: 'basic_text', reason: BASIC_TEXT_REFUSAL });
    expect(status.reason).toMatch(/keyring/);
    await expect(vault.save(input)).rejects.toMatchObject({ code: 'refused', message: BASIC_TEXT_REFUSAL });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses when the keychain is unavailable', async () => {
    const vault = new CredentialVault({
      dataDir: dir,
      safeStorage: fakeSafeStorage({ available: false }),
      platform: 'win32',
    });
    expect(await vault.status()).toMatchObject({ available: false, backend: 'dpapi' });
    await expect(vault.save(input)).rejects.toMatchObject({ code: 'refused' });
  });

  it('rejects a malformed account number naming the field', async () => {
    const vault = new CredentialVault({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await expect(vault.save({ ...input, account: '123-45' })).rejects.toMatchObject({
      code: 'invalid_payload',
      field: 'account',
    });
  });

  it('imports kis_devlp.yaml with the KIS config parser', async () => {
    const yaml = join(dir, 'kis_devlp.yaml');
    writeFileSync(
      yaml,
      [
        `my_app: "${APP_KEY}"`,
        `my_sec: "${APP_SECRET}"`,
        `paper_app: "${APP_KEY}P"`,
        `paper_sec: "${APP_SECRET}P"`,
        'my_htsid: "trader01"',
        'my_acct_stock: "12345678"',
        'my_paper_stock: "50123456"',
        'my_prod: "01"',
      ].join('\n'),
    );
    const vault = new CredentialVault({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    const handlers = electronCredentialsHandlers(vault, async () => yaml, shellStub(dir));
    const out = await handlers.importYaml(
      { envs: ['paper', 'real'] },
      { sessionId: 'e-1', transport: 'electron' },
    );
    expect(out.imported).toEqual(['paper', 'real']);
    expect(out.status.environments.map((e) => [e.env, e.configured, e.accountMasked])).toEqual([
      ['paper', true, '50****56-01'],
      ['real', true, '12****78-01'],
    ]);
    expect((await vault.secrets('real'))?.appKey).toBe(APP_KEY);
    expect((await vault.secrets('paper'))?.appSecret).toBe(`${APP_SECRET}P`);
    // Cancelled dialog: nothing imported, nothing thrown.
    const cancelled = electronCredentialsHandlers(vault, async () => undefined, shellStub(dir));
    expect(
      (await cancelled.importYaml({ envs: ['paper'] }, { sessionId: 'e-1', transport: 'electron' })).imported,
    ).toEqual([]);
  });

  it('logout revokes the token at the broker and wipes cached secrets and tokens', async () => {
    const ss = fakeSafeStorage();
    const tokens = new SafeStorageTokenStore(dir, ss);
    await tokens.save('k'.repeat(64), { accessToken: 'eyJ.access.token', expiresAt: 2, issuedAt: 1 });
    const revoke = vi.fn(async () => {});
    const vault = new CredentialVault({
      dataDir: dir,
      safeStorage: ss,
      platform: 'linux',
      revoke,
      tokenStores: [tokens],
    });
    await vault.save(input);
    const decrypts = ss.calls.filter((c) => c === 'decrypt').length;
    await vault.logout();
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(await tokens.load('k'.repeat(64))).toBeUndefined();
    // The decrypted cache is gone: the next use decrypts again from disk.
    await vault.secrets('paper');
    expect(ss.calls.filter((c) => c === 'decrypt').length).toBe(decrypts + 1);
    // A failing revoke still wipes locally.
    const failing = new CredentialVault({
      dataDir: dir,
      safeStorage: ss,
      platform: 'linux',
      revoke: async () => {
        throw new Error('offline');
      },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(failing.logout()).resolves.toMatchObject({ available: true });
    warn.mockRestore();
  });

  it('forget removes one environment', async () => {
    const vault = new CredentialVault({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await vault.save(input);
    await vault.save({ ...input, env: 'real', account: '12345678-01' });
    const status = await vault.forget('paper');
    expect(status.environments.map((e) => e.configured)).toEqual([false, true]);
    expect(await vault.secrets('paper')).toBeUndefined();
  });

  it('status is never more than non-secret status', async () => {
    const vault = new CredentialVault({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await vault.save(input);
    const status = await vault.status();
    expect(CredentialStatus.strict().safeParse(status).success).toBe(true);
    const text = JSON.stringify(status);
    for (const secret of [APP_KEY, APP_SECRET, '50123456', 'trader01']) expect(text).not.toContain(secret);
  });

  it('masks account numbers', () => {
    expect(maskAccount('12345678-01')).toBe('12****78-01');
    expect(maskAccount('12345678')).toBe('12****78');
    expect(maskAccount('garbage')).toBe('********');
  });
});

describe('SafeStorageTokenStore', () => {
  it('keeps tokens encrypted, 0600, and shares the CLI issuance lock', async () => {
    const store = new SafeStorageTokenStore(dir, fakeSafeStorage());
    const key = 'a'.repeat(64);
    const token = {
      accessToken: 'eyJhbGciOi.secret.token',
      expiresAt: 1_800_000_000_000,
      issuedAt: 1_700_000_000_000,
    };
    await store.save(key, token);
    expect(await store.load(key)).toEqual(token);
    const file = store.fileFor(key);
    expect(readFileSync(file).toString('latin1')).not.toContain('eyJhbGciOi');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const release = await store.lock(key);
    expect(readdirSync(join(dir, 'tokens')).some((f) => f.endsWith('.lock'))).toBe(true);
    await release();
    await store.delete(key);
    expect(await store.load(key)).toBeUndefined();
  });
});
