/**
 * The credential vault: paper and real KIS app key/secret, account number and HTS ID, kept only in
 * the main process and on disk only encrypted by the OS keychain (Electron safeStorage; the async
 * API where the running Electron has it). Files are written 0600 under the data directory.
 *
 * On Linux without a keyring, safeStorage falls back to `basic_text`, which is obfuscation, not
 * encryption: the vault refuses to store anything then and says why. The renderer only ever sees
 * `CredentialStatus` (which environments are configured, masked account numbers).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { BridgeError } from '../../shared/contract/errors';
import type {
  CredentialEnv,
  CredentialEnvStatus,
  CredentialInput,
  CredentialStatus,
} from '../../shared/contract/windows';
import {
  FileTokenStore,
  parseAccount,
  resolveKisConfig,
  type StoredToken,
  type TokenStore,
} from '../core/kis';
import type { CredentialSource } from '../core/services/windows';

/** The part of Electron's safeStorage the vault uses; the async methods exist from Electron 4x on. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<string | { result: string; shouldReEncrypt?: boolean }>;
}

export interface KisSecrets {
  appKey: string;
  appSecret: string;
  /** `12345678-01` */
  account: string;
  htsId?: string;
}

const ENVS: readonly CredentialEnv[] = ['paper', 'real'];

export const BASIC_TEXT_REFUSAL =
  'Observer will not save your KIS keys on this computer: Linux has no keyring (password manager) ' +
  'that Observer can use here, so the keys would be stored in a form anyone who can read your files ' +
  'could decode. Install and unlock GNOME Keyring or KWallet (or start Observer with ' +
  '--password-store=gnome-libsecret), or keep your keys in kis_devlp.yaml or environment variables.';

export const UNAVAILABLE_REFUSAL =
  'Observer cannot reach your operating system’s keychain right now, so it will not save your KIS keys. ' +
  'Unlock the keychain and try again, or use kis_devlp.yaml or environment variables.';

/** `12345678-01` → `12****78-01` */
export function maskAccount(account: string): string {
  const m = /^(\d{8})-?(\d{2})?$/.exec(account.trim());
  if (!m) return '********';
  const cano = m[1]!;
  return `${cano.slice(0, 2)}****${cano.slice(6)}${m[2] ? `-${m[2]}` : ''}`;
}

async function encrypt(ss: SafeStorageLike, text: string): Promise<Buffer> {
  if (ss.encryptStringAsync && (await ss.isAsyncEncryptionAvailable?.()) !== false)
    return ss.encryptStringAsync(text);
  return ss.encryptString(text);
}

async function decrypt(ss: SafeStorageLike, data: Buffer): Promise<string> {
  if (ss.decryptStringAsync && (await ss.isAsyncEncryptionAvailable?.()) !== false) {
    const r = await ss.decryptStringAsync(data);
    return typeof r === 'string' ? r : r.result;
  }
  return ss.decryptString(data);
}

/** Atomic write (temp file + rename), owner-only. */
async function writePrivate(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fsp.writeFile(tmp, data, { mode: 0o600 });
  await fsp.rename(tmp, file);
  try {
    chmodSync(file, 0o600);
  } catch {
    // Windows has no POSIX modes; the profile directory's ACL protects it.
  }
}

interface StoredEnv {
  /** base64 of safeStorage's ciphertext of JSON KisSecrets */
  blob: string;
  accountMasked: string;
  hasHtsId: boolean;
  updatedAt: number;
}

interface VaultFile {
  version: 1;
  environments: Partial<Record<CredentialEnv, StoredEnv>>;
}

export interface CredentialVaultOptions {
  dataDir: string;
  safeStorage: SafeStorageLike;
  platform?: NodeJS.Platform;
  now?: () => number;
  /** Revokes the broker's access token on logout (Broker.logout). */
  revoke?: () => Promise<void>;
  /** Token stores whose cached tokens logout wipes. */
  tokenStores?: Array<{ clear(): Promise<void> }>;
}

export class CredentialVault implements CredentialSource {
  readonly file: string;
  private readonly cache = new Map<CredentialEnv, KisSecrets>();
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;

  constructor(private readonly options: CredentialVaultOptions) {
    this.file = join(options.dataDir, 'credentials.json');
    this.platform = options.platform ?? process.platform;
    this.now = options.now ?? Date.now;
  }

  /** Whether secrets can be stored safely here, and in plain words why not. */
  availability(): { available: boolean; reason?: string; backend?: string } {
    const ss = this.options.safeStorage;
    const backend =
      this.platform === 'linux'
        ? ss.getSelectedStorageBackend?.()
        : this.platform === 'darwin'
          ? 'keychain'
          : this.platform === 'win32'
            ? 'dpapi'
            : undefined;
    const withBackend = backend ? { backend } : {};
    if (this.platform === 'linux' && backend === 'basic_text')
      return { available: false, reason: BASIC_TEXT_REFUSAL, ...withBackend };
    if (!ss.isEncryptionAvailable()) return { available: false, reason: UNAVAILABLE_REFUSAL, ...withBackend };
    return { available: true, ...withBackend };
  }

  async status(): Promise<CredentialStatus> {
    const file = await this.read();
    const environments: CredentialEnvStatus[] = ENVS.map((env) => {
      const e = file.environments[env];
      return e
        ? {
            env,
            configured: true,
            accountMasked: e.accountMasked,
            hasHtsId: e.hasHtsId,
            updatedAt: e.updatedAt,
          }
        : { env, configured: false, hasHtsId: false };
    });
    return { ...this.availability(), environments };
  }

  async save(input: CredentialInput): Promise<CredentialStatus> {
    this.requireAvailable();
    let account: string;
    try {
      const a = parseAccount(input.account, undefined, 'the account field');
      account = `${a.cano}-${a.productCode}`;
    } catch (e) {
      throw new BridgeError({ code: 'invalid_payload', field: 'account', message: (e as Error).message });
    }
    const secrets: KisSecrets = {
      appKey: input.appKey.trim(),
      appSecret: input.appSecret.trim(),
      account,
      ...(input.htsId?.trim() ? { htsId: input.htsId.trim() } : {}),
    };
    await this.store(input.env, secrets);
    return this.status();
  }

  /** Reads kis_devlp.yaml with the same parser the CLI uses and stores what it holds per environment. */
  async importYaml(configFile: string, envs: readonly CredentialEnv[]): Promise<CredentialEnv[]> {
    this.requireAvailable();
    const imported: CredentialEnv[] = [];
    const problems: string[] = [];
    for (const env of envs) {
      try {
        const c = resolveKisConfig({ env, configFile, envVars: {}, dataDir: this.options.dataDir });
        if (!c.account) throw new Error(`no ${env === 'paper' ? 'my_paper_stock' : 'my_acct_stock'} account`);
        await this.store(env, {
          appKey: c.appKey,
          appSecret: c.appSecret,
          account: `${c.account.cano}-${c.account.productCode}`,
          ...(c.htsId ? { htsId: c.htsId } : {}),
        });
        imported.push(env);
      } catch (e) {
        problems.push(`${env}: ${(e as Error).message}`);
      }
    }
    if (imported.length === 0)
      throw new BridgeError({
        code: 'refused',
        message: `Nothing was imported from ${configFile}.`,
        hint: problems.join('; '),
      });
    return imported;
  }

  async forget(env: CredentialEnv): Promise<CredentialStatus> {
    this.cache.delete(env);
    const file = await this.read();
    if (file.environments[env]) {
      delete file.environments[env];
      await this.write(file);
    }
    return this.status();
  }

  /** Revokes the token at the broker, then wipes every decrypted secret and cached token. */
  async logout(): Promise<CredentialStatus> {
    let revokeError: unknown;
    try {
      await this.options.revoke?.();
    } catch (e) {
      revokeError = e; // still wipe locally; the token lapses on its own at KIS
    }
    this.cache.clear();
    for (const s of this.options.tokenStores ?? []) await s.clear();
    if (revokeError) console.warn('[vault] token revoke failed:', (revokeError as Error).message);
    return this.status();
  }

  /** Main-process only: the decrypted secrets of one environment. */
  async secrets(env: CredentialEnv): Promise<KisSecrets | undefined> {
    const cached = this.cache.get(env);
    if (cached) return cached;
    const e = (await this.read()).environments[env];
    if (!e) return undefined;
    this.requireAvailable();
    const parsed = JSON.parse(
      await decrypt(this.options.safeStorage, Buffer.from(e.blob, 'base64')),
    ) as KisSecrets;
    this.cache.set(env, parsed);
    return parsed;
  }

  async kisEnvVars(env: CredentialEnv): Promise<Record<string, string> | undefined> {
    const s = await this.secrets(env);
    if (!s) return undefined;
    const paper = env === 'paper';
    return {
      [paper ? 'KIS_APP_KEY_VIRTUAL' : 'KIS_APP_KEY_REAL']: s.appKey,
      [paper ? 'KIS_APP_SECRET_VIRTUAL' : 'KIS_APP_SECRET_REAL']: s.appSecret,
      [paper ? 'KIS_VIRTUAL_ACCOUNT' : 'KIS_ACCOUNT_NUMBER']: s.account,
      ...(s.htsId ? { KIS_HTS_ID: s.htsId } : {}),
    };
  }

  private requireAvailable(): void {
    const a = this.availability();
    if (!a.available) throw new BridgeError({ code: 'refused', message: a.reason ?? UNAVAILABLE_REFUSAL });
  }

  private async store(env: CredentialEnv, secrets: KisSecrets): Promise<void> {
    const blob = await encrypt(this.options.safeStorage, JSON.stringify(secrets));
    const file = await this.read();
    file.environments[env] = {
      blob: blob.toString('base64'),
      accountMasked: maskAccount(secrets.account),
      hasHtsId: !!secrets.htsId,
      updatedAt: this.now(),
    };
    await this.write(file);
    this.cache.set(env, secrets);
  }

  private async read(): Promise<VaultFile> {
    try {
      const parsed = JSON.parse(await fsp.readFile(this.file, 'utf8')) as Partial<VaultFile>;
      if (parsed.version === 1 && parsed.environments && typeof parsed.environments === 'object')
        return { version: 1, environments: parsed.environments };
    } catch {
      // absent or unreadable: nothing stored
    }
    return { version: 1, environments: {} };
  }

  private async write(file: VaultFile): Promise<void> {
    mkdirSync(this.options.dataDir, { recursive: true, mode: 0o700 });
    await writePrivate(this.file, JSON.stringify(file));
  }
}

/**
 * A TokenStore for the KIS client whose files hold only safeStorage ciphertext (0600, under
 * `<dataDir>/tokens-secure/`). The issuance lock is shared with the CLI's file store so the app
 * and `observer` never issue two tokens in the same minute.
 */
export class SafeStorageTokenStore implements TokenStore {
  readonly dir: string;
  private readonly locks: FileTokenStore;

  constructor(
    dataDir: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    this.dir = join(dataDir, 'tokens-secure');
    this.locks = new FileTokenStore(dataDir);
  }

  fileFor(cacheKey: string): string {
    return join(this.dir, `${cacheKey.slice(0, 32)}.bin`);
  }

  async load(cacheKey: string): Promise<StoredToken | undefined> {
    try {
      const data = await fsp.readFile(this.fileFor(cacheKey));
      const t = JSON.parse(await decrypt(this.safeStorage, data)) as Partial<StoredToken>;
      if (
        typeof t.accessToken === 'string' &&
        typeof t.expiresAt === 'number' &&
        typeof t.issuedAt === 'number'
      )
        return { accessToken: t.accessToken, expiresAt: t.expiresAt, issuedAt: t.issuedAt };
    } catch {
      // absent, corrupt or from another OS account: issue a new one
    }
    return undefined;
  }

  async save(cacheKey: string, token: StoredToken): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    await writePrivate(this.fileFor(cacheKey), await encrypt(this.safeStorage, JSON.stringify(token)));
  }

  async delete(cacheKey: string): Promise<void> {
    await fsp.rm(this.fileFor(cacheKey), { force: true });
  }

  lock(cacheKey: string): Promise<() => Promise<void>> {
    return this.locks.lock(cacheKey);
  }

  /** Logout: forget every cached token. */
  async clear(): Promise<void> {
    await fsp.rm(this.dir, { recursive: true, force: true });
  }
}
