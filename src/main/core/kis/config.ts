/**
 * Resolves where and as whom the client talks to KIS: environment, app key/secret, URLs, account,
 * HTS ID and the data directory. Sources, strongest first: explicit options, environment variables,
 * the official `kis_devlp.yaml` (kis-protocol.md §12). Nothing here touches the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KisConfigError } from './errors';

export type KisEnvironment = 'demo' | 'paper' | 'real';

export const KIS_URLS = {
  real: { rest: 'https://openapi.koreainvestment.com:9443', ws: 'ws://ops.koreainvestment.com:21000' },
  paper: { rest: 'https://openapivts.koreainvestment.com:29443', ws: 'ws://ops.koreainvestment.com:31000' },
} as const;

export interface KisAccount {
  /** CANO, 8 digits. */
  cano: string;
  /** ACNT_PRDT_CD, 2 digits (01 = stocks). */
  productCode: string;
}

export interface ResolvedKisConfig {
  env: KisEnvironment;
  /** True when TR ids, page sizes and rate limits follow the paper (모의투자) rules. */
  paperLike: boolean;
  appKey: string;
  appSecret: string;
  /** REST base without a trailing slash. */
  restUrl: string;
  /** WebSocket base without a trailing slash and without /tryitout. */
  wsUrl: string;
  account: KisAccount | undefined;
  htsId: string | undefined;
  dataDir: string;
  /** The yaml file that was read, if any (named in error messages). */
  configFile: string | undefined;
}

export interface KisConfigOptions {
  env: KisEnvironment;
  /** Demo only: treat the local server like paper (V-prefixed TR ids, 2 req/s). Default false. */
  paperLike?: boolean;
  appKey?: string;
  appSecret?: string;
  restUrl?: string;
  wsUrl?: string;
  /** `12345678`, `12345678-01` or `1234567801`. */
  account?: string;
  accountProductCode?: string;
  htsId?: string;
  dataDir?: string;
  /**
   * Path of kis_devlp.yaml. Default: ~/KIS/config/kis_devlp.yaml when it exists. An explicit path
   * must exist. `false` disables the file.
   */
  configFile?: string | false;
  /** Environment variables (default process.env). */
  envVars?: Readonly<Record<string, string | undefined>>;
}

const DEFAULT_CONFIG_FILE = (): string => join(homedir(), 'KIS', 'config', 'kis_devlp.yaml');

/** Per-user application data directory for Observer (tokens, caches). */
export function defaultDataDir(
  envVars: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const explicit = envVars.OBSERVER_HOME?.trim();
  if (explicit) return explicit;
  // The path flavour follows the target platform, so the rule is testable from any OS.
  if (platform === 'win32')
    return win32.join(envVars.APPDATA?.trim() || win32.join(home, 'AppData', 'Roaming'), 'Observer');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Observer');
  return posix.join(envVars.XDG_CONFIG_HOME?.trim() || posix.join(home, '.config'), 'Observer');
}

/** Accepts `12345678` (+ product code), `12345678-01` or `1234567801`. */
export function parseAccount(text: string, productCode: string | undefined, source: string): KisAccount {
  const t = text.trim();
  let m = /^(\d{8})-(\d{2})$/.exec(t) ?? /^(\d{8})(\d{2})$/.exec(t);
  if (m) return { cano: m[1]!, productCode: m[2]! };
  m = /^(\d{8})$/.exec(t);
  if (m) {
    const p = (productCode ?? '01').trim();
    if (!/^\d{2}$/.test(p))
      throw new KisConfigError(`account product code "${p}" is not 2 digits (${source})`);
    return { cano: m[1]!, productCode: p };
  }
  throw new KisConfigError(
    `account number "${t}" in ${source} is not 8 digits, 8-2 digits (12345678-01) or 10 digits`,
  );
}

type YamlConfig = Record<string, unknown>;

function readYaml(file: string): YamlConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new KisConfigError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new KisConfigError(`${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new KisConfigError(
      `${file} is not a key/value YAML mapping (expected keys such as my_app, my_sec)`,
    );
  }
  return doc as YamlConfig;
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function resolveKisConfig(options: KisConfigOptions): ResolvedKisConfig {
  const envVars = options.envVars ?? process.env;
  const env = options.env;
  const paper = env === 'paper';
  const paperLike = paper || (env === 'demo' && options.paperLike === true);

  let configFile: string | undefined;
  let yaml: YamlConfig = {};
  if (options.configFile !== false && env !== 'demo') {
    const candidate = options.configFile ?? DEFAULT_CONFIG_FILE();
    if (options.configFile !== undefined || existsSync(candidate)) {
      configFile = candidate;
      yaml = readYaml(candidate);
    }
  }

  /** A yaml value: strings as-is, numbers (account numbers parse as numbers) stringified. */
  const fromYaml = (key: string): string | undefined => {
    const v = yaml[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return nonEmpty(String(v));
    throw new KisConfigError(
      `${key} in ${configFile} must be a string, not ${Array.isArray(v) ? 'a list' : typeof v}`,
    );
  };

  const missing = (yamlKey: string | undefined, envKey: string | undefined): KisConfigError => {
    const where = [
      envKey ? `environment variable ${envKey}` : undefined,
      yamlKey && configFile ? `${yamlKey} in ${configFile}` : undefined,
    ].filter(Boolean);
    if (yamlKey && configFile) return new KisConfigError(`${yamlKey} is missing in ${configFile}`);
    return new KisConfigError(
      `${yamlKey ?? envKey} is missing: set ${where.join(' or ') || 'it in the options'}${
        yamlKey ? ` or ${yamlKey} in ${DEFAULT_CONFIG_FILE()}` : ''
      }`,
    );
  };

  const pick = (
    explicit: string | undefined,
    envKey: string | undefined,
    yamlKey: string | undefined,
  ): string | undefined =>
    nonEmpty(explicit) ??
    (envKey ? nonEmpty(envVars[envKey]) : undefined) ??
    (yamlKey ? fromYaml(yamlKey) : undefined);

  let appKey: string | undefined;
  let appSecret: string | undefined;
  let restUrl: string | undefined;
  let wsUrl: string | undefined;
  let accountText: string | undefined;
  let accountSource: string;
  if (env === 'demo') {
    // The demo server's credentials and URLs are handed in by whoever started it.
    appKey = nonEmpty(options.appKey);
    appSecret = nonEmpty(options.appSecret);
    restUrl = nonEmpty(options.restUrl) ?? nonEmpty(envVars.KIS_REST_URL);
    wsUrl = nonEmpty(options.wsUrl) ?? nonEmpty(envVars.KIS_WS_URL);
    if (!appKey) throw new KisConfigError('demo mode needs appKey (given by the demo server)');
    if (!appSecret) throw new KisConfigError('demo mode needs appSecret (given by the demo server)');
    if (!restUrl) throw new KisConfigError('demo mode needs restUrl (the demo server address)');
    if (!wsUrl) throw new KisConfigError('demo mode needs wsUrl (the demo server address)');
    accountText = nonEmpty(options.account);
    accountSource = 'the demo options';
  } else {
    const appEnv = paper ? 'KIS_APP_KEY_VIRTUAL' : 'KIS_APP_KEY_REAL';
    const secEnv = paper ? 'KIS_APP_SECRET_VIRTUAL' : 'KIS_APP_SECRET_REAL';
    const appYaml = paper ? 'paper_app' : 'my_app';
    const secYaml = paper ? 'paper_sec' : 'my_sec';
    appKey = pick(options.appKey, appEnv, appYaml);
    if (!appKey) throw missing(appYaml, appEnv);
    appSecret = pick(options.appSecret, secEnv, secYaml);
    if (!appSecret) throw missing(secYaml, secEnv);
    const defaults = paper ? KIS_URLS.paper : KIS_URLS.real;
    restUrl = pick(options.restUrl, 'KIS_REST_URL', paper ? 'vps' : 'prod') ?? defaults.rest;
    wsUrl = pick(options.wsUrl, 'KIS_WS_URL', paper ? 'vops' : 'ops') ?? defaults.ws;
    const acctEnv = paper ? 'KIS_VIRTUAL_ACCOUNT' : 'KIS_ACCOUNT_NUMBER';
    const acctYaml = paper ? 'my_paper_stock' : 'my_acct_stock';
    accountText = pick(options.account, acctEnv, acctYaml);
    accountSource = nonEmpty(options.account)
      ? 'the options'
      : nonEmpty(envVars[acctEnv])
        ? `environment variable ${acctEnv}`
        : `${acctYaml} in ${configFile}`;
  }

  const productCode =
    nonEmpty(options.accountProductCode) ?? (env === 'demo' ? undefined : fromYaml('my_prod'));
  const account = accountText ? parseAccount(accountText, productCode, accountSource) : undefined;
  const htsId =
    nonEmpty(options.htsId) ??
    nonEmpty(envVars.KIS_HTS_ID) ??
    (env === 'demo' ? undefined : fromYaml('my_htsid'));

  for (const [name, url] of [
    ['restUrl', restUrl],
    ['wsUrl', wsUrl],
  ] as const) {
    if (!/^(https?|wss?):\/\/[^\s/]+/.test(url)) {
      throw new KisConfigError(
        `${name} "${url}" is not an http(s):// or ws(s):// URL${configFile ? ` (${configFile})` : ''}`,
      );
    }
  }

  return {
    env,
    paperLike,
    appKey,
    appSecret,
    restUrl: stripSlash(restUrl),
    wsUrl: stripSlash(wsUrl).replace(/\/tryitout$/, ''),
    account,
    htsId,
    dataDir: nonEmpty(options.dataDir) ?? defaultDataDir(envVars),
    configFile,
  };
}

/** The account, or a KisConfigError saying where to configure it. */
export function requireAccount(config: ResolvedKisConfig): KisAccount {
  if (config.account) return config.account;
  if (config.env === 'demo')
    throw new KisConfigError('demo mode needs an account (given by the demo server)');
  const envKey = config.paperLike ? 'KIS_VIRTUAL_ACCOUNT' : 'KIS_ACCOUNT_NUMBER';
  const yamlKey = config.paperLike ? 'my_paper_stock' : 'my_acct_stock';
  throw new KisConfigError(
    config.configFile
      ? `${yamlKey} is missing in ${config.configFile} (or set ${envKey})`
      : `account number is missing: set ${envKey} or ${yamlKey} in kis_devlp.yaml`,
  );
}

export function requireHtsId(config: ResolvedKisConfig): string {
  if (config.htsId) return config.htsId;
  throw new KisConfigError(
    config.configFile
      ? `my_htsid is missing in ${config.configFile} (or set KIS_HTS_ID); order notices need the HTS ID`
      : 'HTS ID is missing: set KIS_HTS_ID or my_htsid in kis_devlp.yaml; order notices need it',
  );
}
