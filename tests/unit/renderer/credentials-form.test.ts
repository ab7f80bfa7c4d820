import { describe, expect, it } from 'vitest';
import { draftErrors, EMPTY_DRAFT, modeBlock, toInput } from '../../../src/renderer/src/lib/credentials';
import { CredentialInput, type CredentialStatus } from '../../../src/shared/contract/windows';

const good = {
  appKey: 'PSabcdefghijklmnopqrstuvwxyz0123',
  appSecret: 'secretSECRETsecretSECRET',
  account: '50123456-01',
  htsId: '',
};

describe('the accounts form', () => {
  it('accepts what main accepts, and sends no empty HTS ID', () => {
    expect(draftErrors('paper', good).size).toBe(0);
    expect(toInput('paper', good)).toEqual({
      env: 'paper',
      appKey: good.appKey,
      appSecret: good.appSecret,
      account: good.account,
    });
    expect(CredentialInput.safeParse(toInput('paper', good)).success).toBe(true);
    for (const account of ['50123456', '5012345601', ' 50123456-01 '])
      expect(draftErrors('real', { ...good, account }).size).toBe(0);
  });

  it('names each field main would refuse', () => {
    expect([...draftErrors('paper', EMPTY_DRAFT)].sort()).toEqual(['account', 'appKey', 'appSecret']);
    expect([...draftErrors('paper', { ...good, appKey: 'short' })]).toEqual(['appKey']);
    expect([...draftErrors('paper', { ...good, appSecret: 'x'.repeat(401) })]).toEqual(['appSecret']);
    expect([...draftErrors('paper', { ...good, htsId: 'h'.repeat(41) })]).toEqual(['htsId']);
    // Length fits the schema, but the vault would not parse it.
    for (const account of ['123-45678', '1234567a', '12345678-1', '50123456-012'])
      expect([...draftErrors('paper', { ...good, account })]).toEqual(['account']);
  });
});

describe('which modes can be chosen', () => {
  const status = (paper: boolean, real: boolean, available = true): CredentialStatus => ({
    available,
    environments: [
      { env: 'paper', configured: paper, hasHtsId: false },
      { env: 'real', configured: real, hasHtsId: false },
    ],
  });

  it('nothing in the browser', () => {
    for (const m of ['demo', 'paper', 'real'] as const)
      expect(modeBlock(m, status(true, true), false)).toBe('web');
  });

  it('demo always in the app; paper and REAL with their keys', () => {
    expect(modeBlock('demo', status(false, false, false), true)).toBeUndefined();
    expect(modeBlock('paper', status(false, true), true)).toBe('keys');
    expect(modeBlock('real', status(true, false), true)).toBe('keys');
    expect(modeBlock('real', status(true, true), true)).toBeUndefined();
    expect(modeBlock('paper', status(true, true, false), true)).toBe('vault');
  });
});
