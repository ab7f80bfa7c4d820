/**
 * Desktop-level specs: they drive the real Electron app and run wherever an Electron binary is
 * installed; elsewhere they skip with one line saying why.
 */
import { existsSync } from 'node:fs';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from './binary';

const binary = electronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(
    !binary,
    'No Electron binary on this machine (install skipped its download); desktop specs run where one exists.',
  );
  test.skip(!existsSync('out/main/index.js'), 'The app is not built; run npm run build first.');

  test('opens one sandboxed window that reaches ready and shows DEMO', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.'],
      env: { ...process.env, OBSERVER_MODE: 'demo' },
    });
    const win = await app.firstWindow();
    await expect(win.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    await expect(win.getByTestId('mode-badge')).toHaveAttribute('data-mode', 'demo');
    const exposed = await win.evaluate(() => ({
      observer: typeof (globalThis as { observer?: unknown }).observer,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ observer: 'object', require: 'undefined', process: 'undefined' });
    await app.close();
  });
});
