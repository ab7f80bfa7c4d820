/**
 * The desktop shell in the real app: pop-out and dock back, the window set restored on start,
 * and the credential vault's status-only answers. They run wherever an Electron binary is
 * installed; elsewhere they skip with one line saying why.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchlistPage } from '../e2e/pages/watchlist';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createKisSimulator } from '../../src/main/core/sim';
import { electronBinary } from './binary';

const binary = electronBinary();

type Bridge = {
  windows: Record<string, (p?: unknown) => Promise<unknown>>;
  credentials: Record<string, (p?: unknown) => Promise<unknown>>;
};
const bridge = (page: Page, fn: string, arg?: unknown) =>
  page.evaluate(
    ([path, a]) => {
      const [domain, verb] = (path as string).split('.') as ['windows' | 'credentials', string];
      const api = (globalThis as unknown as { observer: Bridge }).observer;
      return api[domain][verb]!(a);
    },
    [fn, arg] as const,
  );

async function launch(
  profile: string,
  env: Record<string, string> = {},
): Promise<{ app: ElectronApplication; main: Page }> {
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.', `--user-data-dir=${join(profile, 'user-data')}`],
    env: { ...process.env, OBSERVER_MODE: 'demo', OBSERVER_HOME: join(profile, 'home'), ...env },
  });
  const main = await app.firstWindow();
  await expect(main.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  return { app, main };
}

test.describe('desktop shell (Electron)', () => {
  test.skip(
    !binary,
    'No Electron binary on this machine (install skipped its download); desktop specs run where one exists.',
  );
  test.skip(!existsSync('out/main/index.js'), 'The app is not built; run npm run build first.');

  let profile: string;
  test.beforeEach(() => {
    profile = mkdtempSync(join(tmpdir(), 'observer-e2e-'));
  });
  test.afterEach(() => rmSync(profile, { recursive: true, force: true }));

  test('pops a panel out into its own sandboxed window and docks it back', async () => {
    const { app, main } = await launch(profile);
    const opened = app.waitForEvent('window');
    const { windowId } = (await bridge(main, 'windows.popOut', {
      panel: 'ladder',
      state: { code: '005930' },
    })) as {
      windowId: string;
    };
    const pop = await opened;
    await pop.waitForLoadState('domcontentloaded');
    expect(await bridge(pop, 'windows.ready')).toMatchObject({
      windowId,
      kind: 'popout',
      panel: 'ladder',
      state: { code: '005930' },
      desktop: true,
    });
    expect(await pop.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    const closed = pop.waitForEvent('close');
    expect(await bridge(main, 'windows.dockBack', { windowId })).toEqual({ docked: true });
    await closed;
    await expect.poll(async () => ((await bridge(main, 'windows.list')) as unknown[]).length).toBe(1);
    await app.close();
  });

  test('the pop-out button moves a panel into its own window; dock back returns it', async () => {
    const { app, main } = await launch(profile);
    const ladder = main.getByTestId('panel-ladder');
    await expect(ladder).toBeVisible();
    const code = await ladder.getAttribute('data-code');
    const opened = app.waitForEvent('window');
    await main.locator('.dv-groupview', { has: ladder }).getByTestId('panel-popout').click();
    const pop = await opened;
    await expect(pop.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    // The pop-out holds the panel with its link and symbol; the main window no longer does.
    await expect(pop.getByTestId('panel-ladder')).toHaveAttribute('data-code', code ?? '');
    await expect(pop.getByTestId('panel-ladder').locator('tr.ladder-row')).toHaveCount(20);
    await expect(main.getByTestId('panel-ladder')).toHaveCount(0);

    const closed = pop.waitForEvent('close');
    await pop.getByTestId('dock-back').click();
    await closed;
    await expect(main.getByTestId('panel-ladder')).toHaveCount(1);
    await expect(main.getByTestId('panel-ladder')).toHaveAttribute('data-code', code ?? '');

    // A watchlist window from the toolbar, following the same green group as the main window.
    const another = app.waitForEvent('window');
    await main.getByTestId('new-watchlist-window').click();
    const wl = await another;
    await expect(wl.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    await expect(wl.getByTestId('panel-watchlist')).toBeVisible();
    await new WatchlistPage(wl).select('000660');
    await expect(main.getByTestId('panel-ladder')).toHaveAttribute('data-code', '000660');
    await app.close();
  });

  test('restores the window set on the next start', async () => {
    const first = await launch(profile);
    const opened = first.app.waitForEvent('window');
    await bridge(first.main, 'windows.newWatchlist');
    await opened;
    await bridge(first.main, 'windows.saveLayout', { layout: { marker: 'main-layout' } });
    await first.app.close();

    const second = await launch(profile);
    await expect.poll(() => second.app.windows().length).toBe(2);
    expect(await bridge(second.main, 'windows.getLayout')).toEqual({ layout: { marker: 'main-layout' } });
    const kinds = ((await bridge(second.main, 'windows.list')) as Array<{ kind: string }>)
      .map((w) => w.kind)
      .sort();
    expect(kinds).toEqual(['main', 'watchlist']);
    await second.app.close();
  });

  test('the credential vault answers with status only, or refuses with a reason', async () => {
    const { app, main } = await launch(profile);
    const appKey = 'PSe2eAppKey0123456789abcdef';
    const appSecret = 'e2eSecret0123456789abcdefghijklmnop';
    const before = (await bridge(main, 'credentials.status')) as { available: boolean; reason?: string };
    let after: unknown = before;
    if (before.available) {
      after = await bridge(main, 'credentials.save', {
        env: 'paper',
        appKey,
        appSecret,
        account: '50123456-01',
      });
      // toMatchObject compares arrays element by element: both environments are listed.
      expect(after).toMatchObject({
        environments: [
          { env: 'paper', configured: true, accountMasked: '50****56-01' },
          { env: 'real', configured: false },
        ],
      });
    } else {
      expect(before.reason).toMatch(/keyring|keychain/);
      await expect(
        bridge(main, 'credentials.save', { env: 'paper', appKey, appSecret, account: '50123456-01' }),
      ).rejects.toThrow(/KIS keys/);
    }
    const text = JSON.stringify(after);
    for (const secret of [appKey, appSecret, '50123456']) expect(text).not.toContain(secret);
    await app.close();
  });

  test('the accounts panel saves keys, shows only the masked account, and tests the connection', async () => {
    // KIS here is the simulator: the connection test reaches it through KIS_REST_URL / KIS_WS_URL.
    const sim = await createKisSimulator({ seed: 'desktop-credentials' });
    try {
      const { app, main } = await launch(profile, { KIS_REST_URL: sim.restUrl, KIS_WS_URL: sim.wsUrl });
      await main.getByTestId('panel-menu').click();
      await main.getByTestId('add-panel-accounts').click();
      const panel = main.getByTestId('panel-accounts');
      await expect(panel).toHaveAccessibleName(/계정·키|Accounts & keys/);
      const root = panel.getByTestId('credentials');
      await expect(root).toHaveAttribute('data-available', /true|false/);
      if ((await root.getAttribute('data-available')) === 'false') {
        // Linux without a keyring: the reason up front, every action disabled with it as its title.
        const reason = (await panel.getByTestId('cred-reason').textContent())!.trim();
        expect(reason).toMatch(/keyring|keychain/);
        await expect(panel.getByTestId('cred-save').first()).toBeDisabled();
        await expect(panel.getByTestId('cred-save').first()).toHaveAttribute('title', reason);
        await app.close();
        return;
      }
      const paper = sim.credentials.paper;
      const form = panel.getByTestId('cred-form-paper');
      await form.getByTestId('cred-input-appKey').fill(paper.appKey);
      await form.getByTestId('cred-input-appSecret').fill(paper.appSecret);
      await form.getByTestId('cred-input-account').fill('12');
      await form.getByTestId('cred-input-htsId').focus();
      await expect(form.getByTestId('cred-account-error')).toBeVisible();
      await expect(form.getByTestId('cred-save')).toBeDisabled();
      await form.getByTestId('cred-input-account').fill(paper.accountNo);
      await form.getByTestId('cred-input-htsId').fill(paper.htsId);
      await form.getByTestId('cred-save').click();

      const masked = `${paper.cano.slice(0, 2)}****${paper.cano.slice(6)}-01`;
      await expect(panel.locator('[data-testid="cred-env"][data-env="paper"]')).toHaveAttribute(
        'data-configured',
        'true',
      );
      await expect(panel.getByTestId('cred-account-masked').first()).toHaveText(masked);
      // The keys left the window with the save.
      for (const f of ['appKey', 'appSecret', 'account', 'htsId'])
        await expect(form.getByTestId(`cred-input-${f}`)).toHaveValue('');
      const html = await main.content();
      for (const secret of [paper.appKey, paper.appSecret, paper.cano]) expect(html).not.toContain(secret);

      await form.getByTestId('cred-test').click();
      const result = form.getByTestId('cred-test-result');
      await expect(result).toHaveAttribute('data-ok', 'true');
      await expect(result.getByTestId('cred-test-step')).toHaveCount(3);
      for (const step of await result.getByTestId('cred-test-step').all())
        await expect(step).toHaveAttribute('data-ok', 'true');

      // REAL needs real keys first; paper can now be chosen.
      await expect(panel.getByTestId('cred-mode-real')).toBeDisabled();
      await expect(panel.getByTestId('cred-mode-paper')).toBeEnabled();
      await app.close();
    } finally {
      await sim.close();
    }
  });
});
