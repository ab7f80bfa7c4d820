/**
 * The layering rules of architecture.md are enforced by ESLint; this proves a violation fails lint
 * (and that the rules are not silently switched off).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lint(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('layering rules', () => {
  it('src/main/core may not import electron', async () => {
    const msgs = await lint(
      "import { app } from 'electron';\nexport const a = app;\n",
      'src/main/core/violation.ts',
    );
    expect(msgs.join()).toMatch(/never import electron/);
  });

  it('src/shared may not import main, renderer or node modules', async () => {
    expect(
      (
        await lint(
          "import { Host } from '../main/core/host';\nexport const h = Host;\n",
          'src/shared/violation.ts',
        )
      ).join(),
    ).toMatch(/src\/shared imports nothing/);
    expect(
      (await lint("import fs from 'node:fs';\nexport const f = fs;\n", 'src/shared/violation.ts')).join(),
    ).toMatch(/pure TypeScript/);
  });

  it('the renderer may not import src/main or touch window.observer outside bridge/', async () => {
    expect(
      (
        await lint(
          "import { startRuntime } from '../../main/core/runtime';\nexport const r = startRuntime;\n",
          'src/renderer/src/violation.ts',
        )
      ).join(),
    ).toMatch(/never imports src\/main/);
    expect(
      (await lint('export const api = window.observer;\n', 'src/renderer/src/panels/violation.ts')).join(),
    ).toMatch(/Only src\/renderer\/src\/bridge/);
    expect(await lint('export const api = window.observer;\n', 'src/renderer/src/bridge/ok.ts')).toEqual([]);
  });

  it('allowed imports pass', async () => {
    expect(
      await lint(
        "import { contract } from '../../shared/contract';\nexport const c = contract;\n",
        'src/main/core/ok.ts',
      ),
    ).toEqual([]);
  });
});
