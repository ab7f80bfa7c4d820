/**
 * Secrets never leave main: no response or stream schema of the bridge contract may carry a field
 * that names a secret, and the objects the renderer is actually given (vault status, settings)
 * contain no secret value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SettingsService } from '../../../../src/main/core/services/settings';
import { webCredentialsHandlers } from '../../../../src/main/core/services/windows';
import { CredentialVault } from '../../../../src/main/electron/credential-vault';
import { channelsOf, contract } from '../../../../src/shared/contract';

const SECRET_NAME =
  /app_?key|app_?secret|secret|approval|password|passwd|hashkey|access_?token|^token$|bearer|credential_?value/i;
/** Names that mention a token but hold no secret. */
const ALLOWED = new Set(['tokenExpiresAt']);

function isSecretName(name: string): boolean {
  if (ALLOWED.has(name)) return false;
  return SECRET_NAME.test(name) || /token/i.test(name);
}

/** Every property name reachable in a JSON schema. */
function fieldNames(schema: unknown, out = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return out;
  seen.add(schema);
  const s = schema as Record<string, unknown>;
  if (s['properties'] && typeof s['properties'] === 'object') {
    for (const [name, sub] of Object.entries(s['properties'] as Record<string, unknown>)) {
      out.add(name);
      fieldNames(sub, out, seen);
    }
  }
  for (const v of Object.values(s)) if (v && typeof v === 'object') fieldNames(v, out, seen);
  return out;
}

function namesOf(schema: z.ZodType): Set<string> {
  return fieldNames(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
}

function keysDeep(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysDeep(v, out);
    }
  return out;
}

describe('nothing secret crosses the bridge', () => {
  const outgoing = channelsOf(contract).map(({ def }) => ({
    channel: def.channel,
    schema: def.kind === 'request' ? def.response : def.event,
  }));

  it('walks every response and stream schema of the contract', () => {
    const all = new Set<string>();
    for (const { schema } of outgoing) for (const n of namesOf(schema)) all.add(n);
    // The walk is not vacuous: it reaches fields of several domains.
    for (const known of [
      'mode',
      'accountMasked',
      'windowId',
      'watchlists',
      'configured',
      // credentials:test and credentials:switchMode
      'steps',
      'msgCd',
      'startMode',
      'restart',
    ])
      expect(all).toContain(known);
    expect(all.size).toBeGreaterThan(40);
  });

  it.each(outgoing.map((o) => [o.channel, o.schema] as const))(
    '%s answers with no secret-named field',
    (_c, schema) => {
      expect([...namesOf(schema)].filter(isSecretName)).toEqual([]);
    },
  );

  it('the check itself catches secret names', () => {
    const leaky = z.object({
      status: z.object({ appsecret: z.string(), nested: z.array(z.object({ approval_key: z.string() })) }),
    });
    expect([...namesOf(leaky)].filter(isSecretName).sort()).toEqual(['approval_key', 'appsecret']);
    for (const n of ['appKey', 'app_secret', 'accessToken', 'token', 'approvalKey', 'hashkey'])
      expect(isSecretName(n)).toBe(true);
    for (const n of ['tokenExpiresAt', 'accountMasked', 'configured']) expect(isSecretName(n)).toBe(false);
  });

  it('vault status and renderer-visible settings hold no secret value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'observer-nosecret-'));
    try {
      const appKey = 'PSKEY1234567890abcdefghij';
      const appSecret = 'SECRET1234567890abcdefghijklmnop';
      const ss = {
        isEncryptionAvailable: () => true,
        encryptString: (t: string) => Buffer.from(Buffer.from(t, 'utf8').map((b) => b ^ 0x33)),
        decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x33)).toString('utf8'),
      };
      const vault = new CredentialVault({ dataDir: dir, safeStorage: ss, platform: 'darwin' });
      const statuses = [
        await vault.save({ env: 'real', appKey, appSecret, account: '87654321-01', htsId: 'hts-user' }),
        await vault.status(),
        webCredentialsHandlers().status(undefined, { sessionId: 'web-1', transport: 'web' }),
      ];
      const settings = new SettingsService(join(dir, 'settings.json')).get();
      for (const visible of [...statuses, settings]) {
        const text = JSON.stringify(visible);
        for (const secret of [appKey, appSecret, '87654321', 'hts-user']) expect(text).not.toContain(secret);
        expect(keysDeep(visible).filter(isSecretName)).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
