import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/cli/main';
import { EXIT } from '../../../../src/main/cli/exit-codes';
import { recordingIO } from '../../helpers/cli-io';

describe('observer command line', () => {
  it('prints help and the version with exit 0', async () => {
    const a = recordingIO();
    expect(await runCli(['--help'], a.io)).toBe(EXIT.ok);
    expect(a.out.join('\n')).toMatch(/Usage: observer <command>/);
    expect(a.out.join('\n')).toMatch(/serve/);
    const b = recordingIO();
    expect(await runCli(['--version'], b.io)).toBe(EXIT.ok);
    expect(b.out).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
  });

  it('exits 2 with a specific message on usage errors', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage: observer/],
      [['frobnicate'], /Unknown command "frobnicate"/],
      [['serve', 'extra'], /serve takes 0 arguments/],
      [['serve', '--port', 'x'], /--port needs a whole number/],
      [['--env', 'prod', 'serve'], /--env must be one of demo, paper, real/],
    ];
    for (const [argv, message] of cases) {
      const r = recordingIO();
      expect(await runCli(argv, r.io), argv.join(' ')).toBe(EXIT.usage);
      expect([...r.out, ...r.err].join('\n')).toMatch(message);
    }
  });

  it('finds the command after global options that take values', async () => {
    const r = recordingIO();
    expect(await runCli(['--env', 'demo', 'serve', '--help'], r.io)).toBe(EXIT.ok);
    expect(r.out.join('\n')).toMatch(/Usage: observer serve/);
  });

  it('refuses a non-loopback bind as a usage error', async () => {
    const r = recordingIO();
    const code = await runCli(['serve', '--host', '0.0.0.0', '--renderer-dir', 'tests'], r.io);
    expect([EXIT.usage, EXIT.config]).toContain(code);
  });

  it('serve reports a missing renderer build as a configuration error', async () => {
    const r = recordingIO();
    expect(await runCli(['serve', '--renderer-dir', '/nonexistent-observer'], r.io)).toBe(EXIT.config);
    expect(r.err.join('\n')).toMatch(/No built renderer in \/nonexistent-observer/);
  });
});
