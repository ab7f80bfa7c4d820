/**
 * Where access tokens live between processes. KIS allows one issuance per minute and alerts the user
 * (KakaoTalk) on each, so the CLI, the desktop app and a restart must all reuse one token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';

export interface StoredToken {
  accessToken: string;
  /** Epoch ms when KIS stops accepting it. */
  expiresAt: number;
  /** Epoch ms when it was issued (or received). */
  issuedAt: number;
}

export interface TokenStore {
  load(cacheKey: string): Promise<StoredToken | undefined>;
  save(cacheKey: string, token: StoredToken): Promise<void>;
  delete(cacheKey: string): Promise<void>;
  /**
   * Optional cross-process issuance lock: resolves with a release function once this process may
   * issue. Stores without it rely on the caller re-reading the cache.
   */
  lock?(cacheKey: string): Promise<() => Promise<void>>;
}

/** sha256 of what identifies a token; file names never contain the app key itself. */
export function tokenCacheKey(env: string, appKey: string, restUrl: string): string {
  return createHash('sha256').update(`${env}\n${appKey}\n${restUrl}`).digest('hex');
}

function isStoredToken(v: unknown): v is StoredToken {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.accessToken === 'string' && typeof o.expiresAt === 'number' && typeof o.issuedAt === 'number'
  );
}

export interface FileTokenStoreOptions {
  /**
   * A lock older than this is considered abandoned by a crashed process. Longer than the worst
   * legitimate hold: two 61-second issuance-throttle waits.
   */
  staleLockMs?: number;
  pollMs?: number;
}

/** JSON files (mode 0600) under `<dataDir>/tokens/`, written atomically (temp file + rename). */
export class FileTokenStore implements TokenStore {
  readonly dir: string;
  private readonly staleLockMs: number;
  private readonly pollMs: number;

  constructor(dataDir: string, options: FileTokenStoreOptions = {}) {
    this.dir = join(dataDir, 'tokens');
    this.staleLockMs = options.staleLockMs ?? 180_000;
    this.pollMs = options.pollMs ?? 200;
  }

  fileFor(cacheKey: string): string {
    return join(this.dir, `${cacheKey.slice(0, 32)}.json`);
  }

  async load(cacheKey: string): Promise<StoredToken | undefined> {
    try {
      const parsed: unknown = JSON.parse(await fsp.readFile(this.fileFor(cacheKey), 'utf8'));
      return isStoredToken(parsed) ? parsed : undefined;
    } catch {
      return undefined; // absent or corrupt: issue a new one
    }
  }

  async save(cacheKey: string, token: StoredToken): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileFor(cacheKey);
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(token), { mode: 0o600 });
    await fsp.rename(tmp, file);
  }

  async delete(cacheKey: string): Promise<void> {
    await fsp.rm(this.fileFor(cacheKey), { force: true });
  }

  /** An O_EXCL lock file; a second process waits for the first to finish issuing, then re-reads. */
  async lock(cacheKey: string): Promise<() => Promise<void>> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const lockFile = `${this.fileFor(cacheKey)}.lock`;
    for (;;) {
      try {
        const handle = await fsp.open(lockFile, 'wx', 0o600);
        await handle.close();
        return async () => {
          await fsp.rm(lockFile, { force: true });
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const st = await fsp.stat(lockFile).catch(() => undefined);
        if (st && Date.now() - st.mtimeMs > this.staleLockMs) await fsp.rm(lockFile, { force: true });
        else await new Promise((r) => setTimeout(r, this.pollMs));
      }
    }
  }
}

/** In-memory store (tests, or callers that must not write to disk). */
export class MemoryTokenStore implements TokenStore {
  private readonly map = new Map<string, StoredToken>();
  async load(cacheKey: string): Promise<StoredToken | undefined> {
    return this.map.get(cacheKey);
  }
  async save(cacheKey: string, token: StoredToken): Promise<void> {
    this.map.set(cacheKey, token);
  }
  async delete(cacheKey: string): Promise<void> {
    this.map.delete(cacheKey);
  }
}
