import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KIS_URLS,
  defaultDataDir,
  parseAccount,
  requireAccount,
  resolveKisConfig,
} from '../../../../../src/main/core/kis/config';
import { KisConfigError } from '../../../../../src/main/core/kis/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kis-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const YAML = `my_app: "REALAPPKEY"
my_sec: "REALSECRET"
paper_app: "PAPERAPPKEY"
paper_sec: "PAPERSECRET"
my_htsid: "kimtrader"
my_acct_stock: "12345678"
my_paper_stock: "50012345"
my_prod: "01"
prod: "https://openapi.koreainvestment.com:9443"
ops: "ws://ops.koreainvestment.com:21000"
vps: "https://openapivts.koreainvestment.com:29443"
vops: "ws://ops.koreainvestment.com:31000"
`;

function writeYaml(text: string): string {
  const file = join(dir, 'kis_devlp.yaml');
  writeFileSync(file, text);
  return file;
}

describe('resolveKisConfig', () => {
  it('reads the official kis_devlp.yaml for real', () => {
    const file = writeYaml(YAML);
    const c = resolveKisConfig({ env: 'real', configFile: file, envVars: {}, dataDir: dir });
    expect(c).toEqual({
      env: 'real',
      paperLike: false,
      appKey: 'REALAPPKEY',
      appSecret: 'REALSECRET',
      restUrl: 'https://openapi.koreainvestment.com:9443',
      wsUrl: 'ws://ops.koreainvestment.com:21000',
      account: { cano: '12345678', productCode: '01' },
      htsId: 'kimtrader',
      dataDir: dir,
      configFile: file,
    });
  });

  it('reads the paper keys and URLs for paper', () => {
    const c = resolveKisConfig({ env: 'paper', configFile: writeYaml(YAML), envVars: {}, dataDir: dir });
    expect(c.paperLike).toBe(true);
    expect([c.appKey, c.appSecret, c.restUrl, c.wsUrl]).toEqual([
      'PAPERAPPKEY',
      'PAPERSECRET',
      KIS_URLS.paper.rest,
      KIS_URLS.paper.ws,
    ]);
    expect(c.account).toEqual({ cano: '50012345', productCode: '01' });
  });

  it('lets environment variables override the file, and URL overrides win', () => {
    const c = resolveKisConfig({
      env: 'real',
      configFile: writeYaml(YAML),
      dataDir: dir,
      envVars: {
        KIS_APP_KEY_REAL: 'ENVKEY',
        KIS_APP_SECRET_REAL: 'ENVSEC',
        KIS_ACCOUNT_NUMBER: '87654321-22',
        KIS_HTS_ID: 'envhts',
        KIS_REST_URL: 'http://127.0.0.1:9/',
        KIS_WS_URL: 'ws://127.0.0.1:9/tryitout',
      },
    });
    expect([c.appKey, c.appSecret, c.htsId, c.restUrl, c.wsUrl]).toEqual([
      'ENVKEY',
      'ENVSEC',
      'envhts',
      'http://127.0.0.1:9',
      'ws://127.0.0.1:9',
    ]);
    expect(c.account).toEqual({ cano: '87654321', productCode: '22' });
  });

  it('works from environment variables alone', () => {
    const c = resolveKisConfig({
      env: 'paper',
      configFile: false,
      dataDir: dir,
      envVars: { KIS_APP_KEY_VIRTUAL: 'PK', KIS_APP_SECRET_VIRTUAL: 'PS', KIS_VIRTUAL_ACCOUNT: '5001234501' },
    });
    expect(c.account).toEqual({ cano: '50012345', productCode: '01' });
    expect(c.configFile).toBeUndefined();
    expect(c.restUrl).toBe(KIS_URLS.paper.rest);
  });

  it('names the missing key and the file', () => {
    const file = writeYaml(YAML.replace(/^paper_app:.*$/m, ''));
    expect(() => resolveKisConfig({ env: 'paper', configFile: file, envVars: {}, dataDir: dir })).toThrow(
      new KisConfigError(`paper_app is missing in ${file}`),
    );
  });

  it('names the environment variable when there is no file', () => {
    expect(() => resolveKisConfig({ env: 'real', configFile: false, envVars: {}, dataDir: dir })).toThrow(
      /KIS_APP_KEY_REAL/,
    );
  });

  it('rejects a malformed file, naming it', () => {
    const file = writeYaml('my_app: [unclosed\n  - : :');
    expect(() => resolveKisConfig({ env: 'real', configFile: file, envVars: {}, dataDir: dir })).toThrow(
      expect.objectContaining({ name: 'KisConfigError', message: expect.stringContaining(file) }),
    );
    const list = writeYaml('- a\n- b\n');
    expect(() => resolveKisConfig({ env: 'real', configFile: list, envVars: {}, dataDir: dir })).toThrow(
      /not a key\/value YAML mapping/,
    );
    expect(() =>
      resolveKisConfig({ env: 'real', configFile: join(dir, 'nope.yaml'), envVars: {}, dataDir: dir }),
    ).toThrow(/cannot read/);
  });

  it('takes demo credentials and URLs programmatically, real-like unless paperLike', () => {
    const c = resolveKisConfig({
      env: 'demo',
      appKey: 'demo-key',
      appSecret: 'demo-secret',
      restUrl: 'http://127.0.0.1:5000',
      wsUrl: 'ws://127.0.0.1:5001',
      account: '00000000-01',
      htsId: 'demo',
      dataDir: dir,
      envVars: {},
    });
    expect(c.paperLike).toBe(false);
    expect(c.account).toEqual({ cano: '00000000', productCode: '01' });
    expect(
      resolveKisConfig({
        env: 'demo',
        paperLike: true,
        appKey: 'k',
        appSecret: 's',
        restUrl: 'http://127.0.0.1:1',
        wsUrl: 'ws://127.0.0.1:1',
        envVars: {},
        dataDir: dir,
      }).paperLike,
    ).toBe(true);
    expect(() =>
      resolveKisConfig({ env: 'demo', appKey: 'k', appSecret: 's', envVars: {}, dataDir: dir }),
    ).toThrow(/restUrl/);
  });

  it('requireAccount names where to configure the account', () => {
    const file = writeYaml(YAML.replace(/^my_acct_stock:.*$/m, ''));
    const c = resolveKisConfig({ env: 'real', configFile: file, envVars: {}, dataDir: dir });
    expect(() => requireAccount(c)).toThrow(
      `my_acct_stock is missing in ${file} (or set KIS_ACCOUNT_NUMBER)`,
    );
  });
});

describe('parseAccount', () => {
  it('accepts 8 + product, 8-2 and 10 digits', () => {
    expect(parseAccount('12345678', '03', 'x')).toEqual({ cano: '12345678', productCode: '03' });
    expect(parseAccount('12345678', undefined, 'x')).toEqual({ cano: '12345678', productCode: '01' });
    expect(parseAccount('12345678-29', undefined, 'x')).toEqual({ cano: '12345678', productCode: '29' });
    expect(parseAccount(' 1234567822 ', undefined, 'x')).toEqual({ cano: '12345678', productCode: '22' });
  });
  it('rejects anything else, naming the source', () => {
    expect(() => parseAccount('1234-5678', undefined, 'KIS_ACCOUNT_NUMBER')).toThrow(/KIS_ACCOUNT_NUMBER/);
    expect(() => parseAccount('12345678', '1', 'x')).toThrow(/2 digits/);
  });
});

describe('defaultDataDir', () => {
  it('prefers OBSERVER_HOME', () => {
    expect(defaultDataDir({ OBSERVER_HOME: '/srv/obs' }, 'linux', '/home/u')).toBe('/srv/obs');
  });
  it('follows each OS convention', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Observer',
    );
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Observer');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Observer');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/u')).toBe('/x/cfg/Observer');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Observer');
  });
});
