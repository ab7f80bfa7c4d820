/**
 * The command line takes the order service's path: risk decisions (block exits 2 with the rule
 * and numbers, confirm needs --yes), the shared lock, and the journal (`observer journal`).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../src/main/cli/main';
import { EXIT } from '../../../../../src/main/cli/exit-codes';
import { OrderJournal } from '../../../../../src/main/core/services/journal';
import { SafetyService } from '../../../../../src/main/core/services/safety';
import { createKisSimulator, type KisSimulator } from '../../../../../src/main/core/sim';
import { recordingIO } from '../../../helpers/cli-io';

let sim: KisSimulator;
let home: string;
let realEnv: Record<string, string>;
let paperEnv: Record<string, string>;

beforeAll(async () => {
  sim = await createKisSimulator({ seed: 'cli-safety', tickIntervalMs: 20 });
  home = mkdtempSync(path.join(tmpdir(), 'observer-cli-safety-'));
  const real = sim.credentials.real;
  const paper = sim.credentials.paper;
  realEnv = {
    OBSERVER_HOME: home,
    KIS_APP_KEY_REAL: real.appKey,
    KIS_APP_SECRET_REAL: real.appSecret,
    KIS_ACCOUNT_NUMBER: real.accountNo,
    KIS_HTS_ID: real.htsId,
  };
  paperEnv = {
    OBSERVER_HOME: home,
    KIS_APP_KEY_VIRTUAL: paper.appKey,
    KIS_APP_SECRET_VIRTUAL: paper.appSecret,
    KIS_VIRTUAL_ACCOUNT: paper.accountNo,
    KIS_HTS_ID: paper.htsId,
  };
});

afterAll(async () => {
  await sim?.close();
  rmSync(home, { recursive: true, force: true });
});

async function cli(env: 'real' | 'paper' | 'none', ...args: string[]) {
  const r = recordingIO({
    env: env === 'real' ? realEnv : env === 'paper' ? paperEnv : { OBSERVER_HOME: home },
  });
  const base = env === 'none' ? [] : ['--env', env, '--rest-url', sim.restUrl, '--ws-url', sim.wsUrl];
  const code = await runCli([...base, ...args], r.io);
  return { code, out: r.out.join('\n'), err: r.err.join('\n') };
}

async function orderCount(): Promise<number> {
  return (JSON.parse((await cli('real', '--json', 'orders')).out) as unknown[]).length;
}

async function limits(code: string): Promise<{ upperLimit: number; lowerLimit: number }> {
  return JSON.parse((await cli('real', '--json', 'quote', code)).out) as {
    upperLimit: number;
    lowerLimit: number;
  };
}

function withSafety(mode: 'real' | 'paper', fn: (s: SafetyService) => void): void {
  const journal = new OrderJournal({ dir: path.join(home, 'journal'), mode });
  const s = new SafetyService({ mode, file: path.join(home, 'safety.json'), journal });
  fn(s);
  s.dispose();
}

describe('observer buy/sell through the order service', () => {
  it('a block-tier decision exits 2 naming the rule and the numbers; nothing is sent', async () => {
    const q = await limits('005930');
    const before = await orderCount();
    const above = q.upperLimit + 100;
    const r = await cli('real', 'buy', '005930', '1', '--price', String(above), '--yes');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/price-limit/);
    expect(r.err).toContain(`${q.upperLimit.toLocaleString('ko-KR')}`);
    expect(await orderCount()).toBe(before);
  });

  it('a confirm-tier decision needs --yes and is printed; with --yes it is sent', async () => {
    withSafety('paper', (s) => s.updateSettings('paper', { maxQty: { confirm: 1 } }));
    const q = await limits('035420');
    const args = ['buy', '035420', '2', '--price', String(q.lowerLimit)];
    const no = await cli('paper', ...args);
    expect(no.code).toBe(EXIT.usage);
    expect(no.err).toMatch(/max-qty/);
    expect(no.err).toMatch(/수량 2주가 한도 1주를 넘습니다/);
    const yes = await cli('paper', '--json', ...args, '--yes');
    expect(yes.code, yes.err).toBe(EXIT.ok);
    expect(JSON.parse(yes.out)).toMatchObject({ status: 'accepted' });
    withSafety('paper', (s) => s.updateSettings('paper', { maxQty: {} }));
  });

  it('the kill switch set elsewhere (the app) holds for the CLI until unlocked', async () => {
    withSafety('real', (s) => void s.killSwitch(async () => ({ requested: 0, cancelled: 0, failures: [] })));
    const before = await orderCount();
    const r = await cli('real', 'buy', '005930', '1', '--market', '--yes');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/kill-switch/);
    expect(await orderCount()).toBe(before);
    withSafety('real', (s) => s.unlock());
    expect((await cli('real', 'buy', '005930', '1', '--market', '--yes')).code).toBe(EXIT.ok);
  });
});

describe('observer journal', () => {
  it('prints today’s entries (text and --json) without any credential', async () => {
    const json = await cli('none', '--json', 'journal');
    expect(json.code).toBe(EXIT.ok);
    const page = JSON.parse(json.out) as {
      date: string;
      entries: Array<{ kind: string; mode: string; data: Record<string, unknown> }>;
      damaged: number;
    };
    expect(page.date).toMatch(/^\d{8}$/);
    const kinds = new Set(page.entries.map((e) => e.kind));
    for (const k of ['request', 'decision', 'transition', 'response', 'lock', 'unlock'])
      expect(kinds).toContain(k);
    expect(page.entries.some((e) => e.kind === 'transition' && e.data.to === 'accepted')).toBe(true);
    expect(
      page.entries.some((e) => e.kind === 'decision' && JSON.stringify(e.data).includes('price-limit')),
    ).toBe(true);

    const text = await cli('none', 'journal');
    expect(text.code).toBe(EXIT.ok);
    expect(text.out).toMatch(/transition .*sent → accepted/);

    for (const f of readdirSync(path.join(home, 'journal'))) {
      const body = readFileSync(path.join(home, 'journal', f), 'utf8');
      for (const secret of [
        sim.credentials.real.appKey,
        sim.credentials.real.appSecret,
        sim.credentials.paper.appKey,
        sim.credentials.paper.appSecret,
        sim.credentials.real.approvalKey,
      ]) {
        expect(body).not.toContain(secret);
      }
    }
  });

  it('--date picks a day; a bad date is a usage error', async () => {
    const empty = await cli('none', 'journal', '--date', '20000101');
    expect(empty.code).toBe(EXIT.ok);
    expect(empty.out).toMatch(/No journal entries for 20000101/);
    expect((await cli('none', 'journal', '--date', '2000-01-01')).code).toBe(EXIT.usage);
  });
});
