import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runCli } from '../../../../../src/main/cli/main';
import { EXIT } from '../../../../../src/main/cli/exit-codes';
import { recordingIO } from '../../../helpers/cli-io';

describe('observer sim', () => {
  it('runs the simulator on loopback, prints its URLs and demo credentials, and serves KIS clients', async () => {
    const r = recordingIO();
    const running = runCli(['sim', '--json', '--seed', '7'], r.io);
    await expect.poll(() => r.out.length).toBe(1);
    const info = JSON.parse(r.out[0]!) as {
      restUrl: string;
      wsUrl: string;
      adminUrl: string;
      accounts: Record<
        'real' | 'paper',
        { appKey: string; appSecret: string; account: string; htsId: string }
      >;
    };
    expect(info.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(info.accounts.real.appKey).toHaveLength(36);
    expect(info.accounts.real.appSecret).toHaveLength(180);
    expect(info.accounts.paper.account).toMatch(/^\d{10}$/);

    const token = await fetch(`${info.restUrl}/oauth2/tokenP`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        appkey: info.accounts.paper.appKey,
        appsecret: info.accounts.paper.appSecret,
      }),
    });
    expect(token.status).toBe(200);
    expect(((await token.json()) as { token_type: string }).token_type).toBe('Bearer');

    const ws = new WebSocket(`${info.wsUrl}/tryitout`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();

    r.stop();
    expect(await running).toBe(EXIT.ok);
  });

  it('refuses --env for the simulator itself', async () => {
    const r = recordingIO();
    expect(await runCli(['--env', 'real', 'sim'], r.io)).toBe(EXIT.usage);
  });
});
