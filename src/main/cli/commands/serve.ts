/** `observer serve` — web mode: the host plus the built renderer on 127.0.0.1. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_OPTIONS, untilStopped, type Command } from '../command';
import { CliError, EXIT, UsageError } from '../exit-codes';
import { bootObserver } from '../../core/boot';
import { startWebServer } from '../../core/transports/web-server';

/** The built renderer sits next to the bundled CLI: out/main/cli.js → out/renderer. */
export function defaultRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../../../out/renderer')];
  return candidates.find((d) => existsSync(path.join(d, 'index.html'))) ?? candidates[0]!;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the terminal in your browser (web mode) on 127.0.0.1 and print its URL',
  usage: 'serve [--port N]',
  positionals: [0, 0],
  options: {
    ...SERVER_OPTIONS,
    host: {
      type: 'string',
      placeholder: 'ADDR',
      description: 'Loopback address to bind (default 127.0.0.1)',
    },
    'renderer-dir': {
      type: 'string',
      placeholder: 'DIR',
      description: 'Built renderer to serve (default: out/renderer)',
    },
    'sim-burst': {
      type: 'integer',
      min: 0,
      max: 1_000_000,
      placeholder: 'N',
      description: 'Demo: the simulator generates N extra ticks/s over all symbols (load tests)',
    },
    'sim-admin': {
      type: 'boolean',
      description: 'Demo: print the simulator admin URL (fault injection for tests)',
    },
  },
  async run({ global, options, io }) {
    const staticDir = (options['renderer-dir'] as string | undefined) ?? defaultRendererDir();
    if (!existsSync(path.join(staticDir, 'index.html'))) {
      throw new CliError(`No built renderer in ${staticDir}.`, EXIT.config, "Run 'npm run build' first.");
    }
    if (global.env !== 'demo' && (options['sim-burst'] !== undefined || options['sim-admin'])) {
      throw new UsageError('--sim-burst and --sim-admin apply to demo mode (the built-in simulator) only.');
    }
    const bindHost = (options.host as string | undefined) ?? '127.0.0.1';
    const runtime = await bootObserver({
      mode: global.env,
      envVars: io.env,
      ...(global.config ? { configFile: global.config } : {}),
      ...(global.restUrl ? { restUrl: global.restUrl } : {}),
      ...(global.wsUrl ? { wsUrl: global.wsUrl } : {}),
      ...(io.env.OBSERVER_SIM_RESOURCES ? { resourcesDir: io.env.OBSERVER_SIM_RESOURCES } : {}),
      ...(options['sim-burst'] !== undefined
        ? { sim: { burstTicksPerSecond: options['sim-burst'] as number } }
        : {}),
    });
    let server;
    try {
      server = await startWebServer({
        host: runtime.host,
        staticDir,
        port: (options.port as number | undefined) ?? 0,
        bindHost,
      });
    } catch (e) {
      await runtime.dispose();
      throw e;
    }
    const simAdmin = options['sim-admin'] && runtime.sim ? runtime.sim.adminUrl : undefined;
    if (global.json) {
      io.out(
        JSON.stringify({
          url: server.appUrl,
          port: server.port,
          mode: runtime.mode,
          ...(simAdmin ? { simAdminUrl: simAdmin } : {}),
        }),
      );
    } else {
      io.out(`Observer web mode (${runtime.mode.toUpperCase()}) — open this URL in your browser:`);
      io.out(`  ${server.appUrl}`);
      if (simAdmin) io.out(`Simulator admin: ${simAdmin}`);
      io.out('The token in the URL is this session’s key; keep it to yourself. Ctrl-C stops the server.');
    }
    await untilStopped({ io, options });
    await server.close();
    await runtime.dispose();
    return EXIT.ok;
  },
};
